"""Indicator frameworks: versioned data files that say how findings count."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


class FrameworkError(ValueError):
    """A framework file that cannot be used; the message names the file and what is wrong."""


Filter = tuple[tuple[str, Any], ...]  # detail field → required value, all must hold


def holds(condition: Filter, detail: Mapping[str, Any]) -> bool:
    """Whether a finding's detail meets every condition of a filter.

    A condition is a value the field must equal (``column_type: news``) or a range
    (``missing: {min: 4}``, both ends inclusive; a list is measured by its length).
    """
    for field, wanted in condition:
        value = detail.get(field)
        if isinstance(wanted, RangeCondition):
            if not wanted.admits(value):
                return False
        elif value != wanted:
            return False
    return True


@dataclass(frozen=True, slots=True)
class RangeCondition:
    low: float | None
    high: float | None

    def admits(self, value: Any) -> bool:
        """A number in the range, or a list whose length is (``missing: {min: 4}``)."""
        if isinstance(value, list | tuple):
            value = len(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True, slots=True)
class Deduction:
    id: str
    name: str
    check: str
    when: Filter
    points_each: float
    cap_group: str | None
    per_item_of: str | None = None  # points_each for every entry of this detail list (missing elements)
    confidence: str = "R"

    def matches(self, check: str, detail: Mapping[str, Any]) -> bool:
        return check == self.check and holds(self.when, detail)

    def points(self, detail: Mapping[str, Any]) -> float:
        """What one finding costs: ``points_each``, or that much per listed item."""
        if self.per_item_of is None:
            return self.points_each
        items = detail.get(self.per_item_of)
        return self.points_each * (len(items) if isinstance(items, list | tuple) else 1)


@dataclass(frozen=True, slots=True)
class Veto:
    """A single-veto indicator: at least ``min_count`` counting findings of ``checks`` that pass a filter."""

    id: str
    name: str
    checks: tuple[str, ...]
    min_count: int
    when_any: tuple[Filter, ...] = ()  # a finding counts when any filter matches (no filter: every one)
    confidence: str = "R"

    def counts(self, check: str, detail: Mapping[str, Any]) -> bool:
        if check not in self.checks:
            return False
        return not self.when_any or any(holds(f, detail) for f in self.when_any)


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    version: str
    title: str
    full_marks: float
    pass_score: float
    count_outcomes: frozenset[str]
    vetoes: tuple[Veto, ...]
    deductions: tuple[Deduction, ...]
    caps: Mapping[str, float]
    unscored_checks: frozenset[str]
    source: str
    check_parameters: Mapping[str, Mapping[str, Any]]

    @property
    def scored_checks(self) -> frozenset[str]:
        return frozenset({d.check for d in self.deductions} | {c for v in self.vetoes for c in v.checks})


def builtin_frameworks() -> dict[str, Path]:
    folder = resources.files("govinspect.scoring") / "frameworks"
    return {Path(str(p)).stem: Path(str(p)) for p in folder.iterdir() if str(p).endswith(".yaml")}


def load_framework(ref: str, known_checks: frozenset[str] | None = None) -> Framework:
    """Load a framework by id (``cn-gov-2019``) or by path to a YAML file."""
    builtins = builtin_frameworks()
    path = builtins.get(ref) or Path(ref)
    if not path.is_file():
        raise FrameworkError(f"unknown framework {ref!r}; built in: {', '.join(sorted(builtins))}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FrameworkError(f"{path}: not valid YAML: {exc}") from exc
    try:
        framework = _build(data, str(path))
    except (KeyError, TypeError, ValueError) as exc:
        raise FrameworkError(f"{path}: {exc}") from exc
    if known_checks is not None:
        named = framework.scored_checks | framework.unscored_checks | set(framework.check_parameters)
        unknown = named - known_checks
        if unknown:
            raise FrameworkError(f"{path}: names unknown checks: {', '.join(sorted(unknown))}")
    return framework


def _filter(raw: Mapping[str, Any] | None) -> Filter:
    conditions: list[tuple[str, Any]] = []
    for field, wanted in sorted((raw or {}).items()):
        if isinstance(wanted, dict):
            unknown = set(wanted) - {"min", "max"}
            if unknown or not wanted:
                raise ValueError(f"condition on {field!r} takes min and/or max, not {sorted(unknown)}")
            low, high = wanted.get("min"), wanted.get("max")
            wanted = RangeCondition(
                None if low is None else float(low), None if high is None else float(high)
            )
        conditions.append((field, wanted))
    return tuple(conditions)


def _build(data: dict[str, Any], source: str) -> Framework:
    scoring = data["scoring"]
    deductions = tuple(
        Deduction(
            id=d["id"],
            name=d["name"],
            check=d["check"],
            when=_filter(d.get("when")),
            points_each=float(d["points_each"]),
            cap_group=d.get("cap_group"),
            per_item_of=d.get("per_item_of"),
            confidence=str(d.get("confidence", "R")),
        )
        for d in data.get("deductions") or []
    )
    vetoes = tuple(
        Veto(
            id=v["id"],
            name=v["name"],
            checks=tuple(v["checks"]) if "checks" in v else (v["check"],),
            min_count=int(v.get("min_count", 1)),
            when_any=tuple(_filter(f) for f in v.get("when_any") or []),
            confidence=str(v.get("confidence", "R")),
        )
        for v in data.get("vetoes") or []
    )
    if any(v.min_count < 1 for v in vetoes):
        raise ValueError("every veto needs min_count of at least 1")
    ids = [d.id for d in deductions] + [v.id for v in vetoes]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate indicator ids: {', '.join(duplicates)}")
    caps = {name: float(group["cap"]) for name, group in (data.get("cap_groups") or {}).items()}
    for deduction in deductions:
        if deduction.cap_group is not None and deduction.cap_group not in caps:
            raise ValueError(f"{deduction.id}: cap_group {deduction.cap_group!r} is not defined")
    if any(cap <= 0 for cap in caps.values()):
        raise ValueError("every cap must be positive")
    return Framework(
        id=str(data["id"]),
        version=str(data["version"]),
        title=str(data.get("title", "")),
        full_marks=float(scoring["full_marks"]),
        pass_score=float(scoring["pass_score"]),
        count_outcomes=frozenset(scoring.get("count_outcomes") or ["fail"]),
        vetoes=vetoes,
        deductions=deductions,
        caps=caps,
        unscored_checks=frozenset(data.get("unscored_checks") or []),
        source=source,
        check_parameters={k: dict(v) for k, v in (data.get("check_parameters") or {}).items()},
    )
