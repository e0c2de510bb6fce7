"""Drawing the sites of a spot check (抽查): a share or a number, stratified, redrawable from its seed.

The national and provincial spot checks inspect a random share of the registered sites, spread
over regions, levels and site types. :func:`draw_sample` makes that draw reproducible: the same
registry, the same plan and the same seed give the same sites, on any machine, in any order of the
registry rows — so anyone can verify that a bulletin's sample was not hand-picked.

How the draw works:

1. Closed sites are left out (they are not in operation); every other row is eligible.
2. The eligible sites are grouped into strata by the plan's fields (e.g. region and level); a site
   without a value for a field falls in the stratum "unknown" for it.
3. The sample size is the plan's count, or its rate × the eligible sites rounded half up.
4. The size is split over the strata in proportion to their size (largest remainder), and every
   non-empty stratum gets at least one site while the size allows it.
5. Inside each stratum, the sites are ordered by their identity (site key) and drawn with a
   random generator seeded by the plan's seed and the stratum's name.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from govinspect.model.site import Site

StratumField = Literal["region", "region_code", "level", "site_type", "organizer"]
STRATUM_FIELDS: tuple[StratumField, ...] = ("region", "region_code", "level", "site_type", "organizer")
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class SamplePlan:
    """What to draw: a ``rate`` (0 < rate ≤ 1) or a ``count``, stratified by ``strata``, with ``seed``."""

    seed: int
    rate: float | None = None
    count: int | None = None
    strata: tuple[StratumField, ...] = ()

    def __post_init__(self) -> None:
        if (self.rate is None) == (self.count is None):
            raise ValueError("a sample plan needs exactly one of a rate (e.g. 0.3) or a count")
        if self.rate is not None and not 0 < self.rate <= 1:
            raise ValueError(f"the sample rate must be above 0 and at most 1 (100 %), not {self.rate}")
        if self.count is not None and self.count < 1:
            raise ValueError(f"the sample count must be at least 1, not {self.count}")
        unknown = set(self.strata) - set(STRATUM_FIELDS)
        if unknown:
            raise ValueError(f"unknown stratum fields {sorted(unknown)}; use {', '.join(STRATUM_FIELDS)}")


@dataclass(frozen=True, slots=True)
class Stratum:
    name: str  # "region=安徽省|level=county"
    eligible: int
    drawn: int


@dataclass(frozen=True, slots=True)
class Sample:
    """The drawn sites (in registry order), the strata with their sizes, and what was left out."""

    plan: SamplePlan
    sites: tuple[Site, ...]
    strata: tuple[Stratum, ...]
    eligible: int
    closed: tuple[Site, ...]  # registered as closed: not drawn


def draw_sample(registry: Sequence[Site], plan: SamplePlan) -> Sample:
    """Draw the sites of a spot check from the registry rows, reproducibly (see the module text)."""
    closed = tuple(site for site in registry if site.status == "closed")
    eligible = [site for site in registry if site.status != "closed"]
    groups: dict[str, list[Site]] = defaultdict(list)
    for site in eligible:
        groups[stratum_name(site, plan.strata)].append(site)
    size = _sample_size(len(eligible), plan)
    allocation = _allocate(size, {name: len(members) for name, members in groups.items()})
    chosen: set[str] = set()
    strata = []
    for name in sorted(groups):
        members = sorted(groups[name], key=lambda site: site.key)
        drawn = random.Random(f"{plan.seed}|{name}").sample(members, allocation[name])
        chosen.update(site.key for site in drawn)
        strata.append(Stratum(name, len(members), len(drawn)))
    sites = tuple(site for site in eligible if site.key in chosen)
    return Sample(plan, sites, tuple(strata), len(eligible), closed)


def stratum_name(site: Site, fields: Iterable[StratumField]) -> str:
    """The stratum a site falls in: ``field=value`` joined by ``|`` (``all`` without fields)."""
    parts = [f"{field}={getattr(site, field) or UNKNOWN}" for field in fields]
    return "|".join(parts) or "all"


def _sample_size(eligible: int, plan: SamplePlan) -> int:
    if plan.count is not None:
        return min(plan.count, eligible)
    assert plan.rate is not None
    return min(eligible, math.floor(plan.rate * eligible + 0.5))


def _allocate(size: int, sizes: dict[str, int]) -> dict[str, int]:
    """Split ``size`` over strata in proportion (largest remainder), at least one each while possible."""
    total = sum(sizes.values())
    allocation = {name: 0 for name in sizes}
    if size == 0 or total == 0:
        return allocation
    names = sorted(sizes)
    if size >= len(names):  # every stratum is represented
        for name in names:
            allocation[name] = 1
    remaining = size - sum(allocation.values())
    quotas = {name: remaining * (sizes[name] - allocation[name]) / max(1, total - sum(allocation.values()))
              for name in names}  # fmt: skip
    for name in names:
        allocation[name] += min(sizes[name] - allocation[name], math.floor(quotas[name]))
    order = sorted(names, key=lambda name: (-(quotas[name] - math.floor(quotas[name])), name))
    while sum(allocation.values()) < size:
        progressed = False
        for name in order:
            if sum(allocation.values()) == size:
                break
            if allocation[name] < sizes[name]:
                allocation[name] += 1
                progressed = True
        if not progressed:
            break
    return allocation
