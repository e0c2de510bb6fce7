"""Spot-check samples: the size asked for, spread over the strata, and the same draw from the same seed."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinspect.campaigns.sampling import SamplePlan, draw_sample, stratum_name
from govinspect.model.site import Site

REGIONS = ("安徽省", "江西省", "河北省", "广东省")
LEVELS = ("province", "city", "county")


def _registry(n: int, seed: int = 0) -> list[Site]:
    pick = random.Random(seed)
    return [
        Site(
            name=f"站点{i}",
            url=f"http://www{i}.example.gov.cn/",
            region=pick.choice(REGIONS),
            level=pick.choice(LEVELS),  # type: ignore[arg-type]
            site_type=pick.choice(("portal", "department")),  # type: ignore[arg-type]
        )
        for i in range(n)
    ]


def test_thirty_percent_of_200_sites_by_region_is_60_sites_spread_in_proportion() -> None:
    registry = _registry(200)
    sample = draw_sample(registry, SamplePlan(seed=2026, rate=0.3, strata=("region",)))
    assert len(sample.sites) == 60
    for stratum in sample.strata:
        assert abs(stratum.drawn - 0.3 * stratum.eligible) <= 1, stratum
    assert sum(s.drawn for s in sample.strata) == 60


def test_the_same_seed_redraws_the_same_sites_whatever_the_row_order() -> None:
    registry = _registry(200)
    plan = SamplePlan(seed=7, rate=0.3, strata=("region", "level"))
    first = {s.key for s in draw_sample(registry, plan).sites}
    shuffled = registry[:]
    random.Random(1).shuffle(shuffled)
    assert {s.key for s in draw_sample(shuffled, plan).sites} == first
    other = {
        s.key for s in draw_sample(registry, SamplePlan(seed=8, rate=0.3, strata=("region", "level"))).sites
    }
    assert other != first


def test_closed_sites_are_never_drawn_and_a_full_check_takes_every_other_site() -> None:
    registry = _registry(30)
    registry[3] = Site(name="已关停", url="http://closed.example.gov.cn/", status="closed")
    sample = draw_sample(registry, SamplePlan(seed=1, rate=1.0))
    assert len(sample.sites) == 29 and sample.closed == (registry[3],)


def test_a_bad_plan_is_refused_with_a_clear_reason() -> None:
    with pytest.raises(ValueError, match="exactly one of a rate"):
        SamplePlan(seed=1)
    with pytest.raises(ValueError, match="above 0 and at most 1"):
        SamplePlan(seed=1, rate=30)
    with pytest.raises(ValueError, match="unknown stratum fields"):
        SamplePlan(seed=1, count=5, strata=("province",))  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(min_value=0, max_value=120),
    data_seed=st.integers(min_value=0, max_value=10_000),
    count=st.integers(min_value=1, max_value=150),
    seed=st.integers(),
)
def test_any_draw_has_the_asked_size_and_represents_every_stratum_it_can(
    n: int, data_seed: int, count: int, seed: int
) -> None:
    registry = _registry(n, data_seed)
    sample = draw_sample(registry, SamplePlan(seed=seed, count=count, strata=("region", "site_type")))
    assert len(sample.sites) == min(count, n)
    assert len({s.key for s in sample.sites}) == len(sample.sites)
    strata = {stratum_name(site, ("region", "site_type")) for site in registry}
    if count >= len(strata):
        assert {stratum_name(site, ("region", "site_type")) for site in sample.sites} == strata
    for stratum in sample.strata:
        assert 0 <= stratum.drawn <= stratum.eligible
