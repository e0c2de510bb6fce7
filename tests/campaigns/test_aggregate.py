"""Bulletin figures: pass rates that never count an uninspected site as passed, bands, averages."""

from __future__ import annotations

from typing import Any

from govinspect.campaigns.aggregate import ScoreBand, bands_from_bounds, campaign_figures
from govinspect.campaigns.store import CampaignSite
from govinspect.model.site import Site


def _entry(
    n: int,
    region: str,
    verdict: str | None,
    *,
    score: float | None = None,
    vetoes: tuple[str, ...] = (),
    fails: dict[str, int] | None = None,
    level: str = "county",
) -> CampaignSite:
    summary: dict[str, Any] = {
        "fail_by_check": fails or {},
        "notes": ["首页无法访问：连接超时"] if verdict == "unverified" else [],
    }
    return CampaignSite(
        site=Site(name=f"站点{n}", url=f"http://www{n}.x.gov.cn/", region=region, level=level),  # type: ignore[arg-type]
        stratum=f"region={region}",
        state="pending" if verdict is None else "done",
        verdict=verdict,
        vetoes=vetoes,
        score=score,
        summary=summary,
        crawl_id=None,
    )


def test_pass_rates_by_region_leave_uninspected_and_pending_sites_out_of_the_rate() -> None:
    entries = [
        _entry(1, "安徽省", "qualified", score=95),
        _entry(2, "安徽省", "unqualified", vetoes=("SV-COL-BLANK",)),
        _entry(3, "安徽省", "unverified"),
        _entry(4, "江西省", "qualified", score=102),
        _entry(5, "江西省", None),
    ]
    figures = campaign_figures(entries)
    assert (figures.overall.drawn, figures.overall.qualified, figures.overall.unqualified) == (5, 2, 1)
    assert figures.overall.not_inspected == 1 and figures.overall.pending == 1
    assert figures.overall.rate == 2 / 3
    regions = {group.name: group for group in figures.by_dimension["region"]}
    assert regions["安徽省"].rate == 0.5 and regions["江西省"].rate == 1.0
    assert [f.site.name for f in figures.unqualified] == ["站点2"]
    assert figures.not_inspected[0][1] == "首页无法访问：连接超时"
    assert figures.vetoes == {"SV-COL-BLANK": 1}


def test_score_bands_and_per_site_averages_follow_the_bulletin_wording() -> None:
    entries = [
        _entry(1, "A", "qualified", score=121, fails={"broken-link": 4}),
        _entry(2, "A", "qualified", score=100, fails={"broken-link": 2, "column-blank": 1}),
        _entry(3, "A", "unqualified", score=55, fails={"column-blank": 5}),
        _entry(4, "A", "unverified", fails={}),
    ]
    figures = campaign_figures(entries)
    bands = {band.label: count for band, count in figures.bands}
    assert bands["120分及以上"] == 1 and bands["100–109.99分"] == 1 and bands["60分以下"] == 1
    assert figures.averages["broken-link"] == 2.0 and figures.averages["column-blank"] == 2.0
    custom = campaign_figures(entries, bands=[ScoreBand("优秀", 90, None), ScoreBand("其他", None, 89.99)])
    assert [(band.label, count) for band, count in custom.bands] == [("优秀", 2), ("其他", 1)]


def test_a_campaign_is_compared_with_the_previous_one_by_region() -> None:
    before = [_entry(1, "A", "unqualified"), _entry(2, "A", "qualified"), _entry(3, "B", "qualified")]
    now = [_entry(1, "A", "qualified"), _entry(2, "A", "qualified"), _entry(4, "C", "unqualified")]
    figures = campaign_figures(now, previous=("2026年第三季度", before))
    assert figures.comparison is not None
    assert figures.comparison.overall == (2 / 3, 2 / 3)
    assert figures.comparison.by_region == {"A": (0.5, 1.0), "B": (1.0, None), "C": (None, 0.0)}


def test_score_bands_are_built_from_their_lower_bounds() -> None:
    bands = bands_from_bounds([60, 100, 80])
    assert [band.label for band in bands] == ["100分及以上", "80–99.99分", "60–79.99分", "60分以下"]
    assert bands[1].admits(99.99) and not bands[1].admits(100) and bands[3].admits(0)
