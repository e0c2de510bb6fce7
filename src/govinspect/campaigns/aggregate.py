"""What a bulletin (通报) prints about a campaign: pass rates, score bands, the failing sites, averages.

Pure: it reads the recorded results of a campaign (and of the campaign it is compared with) and
counts. The pass rate of a group is 合格 / (合格 + 不合格): sites that could not be inspected
(无法检查) are counted and listed apart, never as passed and never silently dropped.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from govinspect.campaigns.store import CampaignSite
from govinspect.model.site import Site

#: Per-site averages a national bulletin prints, by check (e.g. 平均每个网站空白栏目 x 个).
AVERAGED_CHECKS: tuple[str, ...] = (
    "column-blank",
    "column-not-updated",
    "broken-link",
    "serious-typo",
    "privacy-leak",
    "message-unanswered",
)
DIMENSIONS: dict[str, Callable[[Site], str | None]] = {
    "region": lambda site: site.region,
    "level": lambda site: site.level,
    "site_type": lambda site: site.site_type,
    "organizer": lambda site: site.organizer,
}
UNKNOWN = "未登记"


@dataclass(frozen=True, slots=True)
class ScoreBand:
    """A score range of the bulletin, e.g. 100–109 (both ends inclusive; None: open)."""

    label: str
    low: float | None
    high: float | None

    def admits(self, score: float) -> bool:
        return (self.low is None or score >= self.low) and (self.high is None or score <= self.high)


def bands_from_bounds(bounds: Sequence[float]) -> tuple[ScoreBand, ...]:
    """Bands from their lower bounds: (120, 110, 100) → 120分及以上, 110–119.99分, 100–109.99分, 100分以下."""
    ordered = sorted(set(bounds), reverse=True)
    if not ordered:
        raise ValueError("score bands need at least one lower bound, e.g. 120,110,100,80,60")
    bands = [ScoreBand(f"{ordered[0]:g}分及以上", ordered[0], None)]
    for high, low in itertools.pairwise(ordered):
        bands.append(ScoreBand(f"{low:g}–{high - 0.01:g}分", low, high - 0.01))
    bands.append(ScoreBand(f"{ordered[-1]:g}分以下", None, ordered[-1] - 0.01))
    return tuple(bands)


#: Bands of the national bulletins' wording (scores of portals can exceed 100 with the bonus part).
DEFAULT_BANDS: tuple[ScoreBand, ...] = bands_from_bounds((120, 110, 100, 80, 60))


@dataclass(frozen=True, slots=True)
class PassRate:
    """One group of sites (all, or one region …): how many were drawn, inspected and passed."""

    name: str
    drawn: int
    qualified: int
    unqualified: int
    not_inspected: int
    pending: int

    @property
    def judged(self) -> int:
        return self.qualified + self.unqualified

    @property
    def rate(self) -> float | None:
        """合格率, 0–1; None when no site of the group was judged."""
        return self.qualified / self.judged if self.judged else None


@dataclass(frozen=True, slots=True)
class FailingSite:
    site: Site
    vetoes: tuple[str, ...]
    score: float | None  # below the pass mark when there is no veto


@dataclass(frozen=True, slots=True)
class Comparison:
    """This campaign against an earlier one: the pass rate then and now, overall and by group."""

    previous_name: str
    overall: tuple[float | None, float | None]
    by_region: dict[str, tuple[float | None, float | None]]


@dataclass(frozen=True, slots=True)
class CampaignFigures:
    overall: PassRate
    by_dimension: dict[str, tuple[PassRate, ...]]
    bands: tuple[tuple[ScoreBand, int], ...]
    unqualified: tuple[FailingSite, ...]
    not_inspected: tuple[tuple[Site, str], ...]  # with the reason
    averages: dict[str, float]  # fail findings per inspected site, by check
    vetoes: dict[str, int]  # sites failing each veto
    comparison: Comparison | None = None


def campaign_figures(
    entries: Sequence[CampaignSite],
    *,
    bands: Sequence[ScoreBand] = DEFAULT_BANDS,
    previous: tuple[str, Sequence[CampaignSite]] | None = None,
) -> CampaignFigures:
    """The figures of a campaign from its recorded sites (pending ones count as drawn, not judged)."""
    overall = _pass_rate("全部", entries)
    by_dimension = {
        dimension: tuple(
            _pass_rate(name, group)
            for name, group in sorted(_groups(entries, read).items(), key=lambda kv: kv[0])
        )
        for dimension, read in DIMENSIONS.items()
    }
    scores = [e.score for e in entries if e.state == "done" and e.score is not None]
    banded = tuple((band, sum(band.admits(score) for score in scores)) for band in bands)
    unqualified = tuple(
        FailingSite(e.site, e.vetoes, e.score)
        for e in entries
        if e.state == "done" and e.verdict == "unqualified"
    )
    not_inspected = tuple(
        (e.site, "；".join(e.summary.get("notes") or ()) or "首页无法访问")
        for e in entries
        if e.state == "done" and e.verdict == "unverified"
    )
    inspected = [e for e in entries if e.state == "done" and e.verdict != "unverified"]
    averages = {check: _average(inspected, check) for check in AVERAGED_CHECKS} if inspected else {}
    vetoes = Counter(veto for e in entries if e.state == "done" for veto in e.vetoes)
    comparison = None
    if previous is not None:
        name, earlier = previous
        before = dict(_region_rates(earlier))
        now = dict(_region_rates(entries))
        comparison = Comparison(
            name,
            (_pass_rate("", earlier).rate, overall.rate),
            {region: (before.get(region), now.get(region)) for region in sorted(set(before) | set(now))},
        )
    return CampaignFigures(
        overall,
        by_dimension,
        banded,
        unqualified,
        not_inspected,
        averages,
        dict(sorted(vetoes.items())),
        comparison,
    )


def _average(inspected: Sequence[CampaignSite], check: str) -> float:
    total = sum(int(e.summary.get("fail_by_check", {}).get(check, 0)) for e in inspected)
    return round(total / len(inspected), 2)


def _groups(
    entries: Sequence[CampaignSite], read: Callable[[Site], str | None]
) -> dict[str, list[CampaignSite]]:
    groups: dict[str, list[CampaignSite]] = defaultdict(list)
    for entry in entries:
        groups[read(entry.site) or UNKNOWN].append(entry)
    return groups


def _pass_rate(name: str, entries: Sequence[CampaignSite]) -> PassRate:
    verdicts = Counter(e.verdict for e in entries if e.state == "done")
    return PassRate(
        name=name,
        drawn=len(entries),
        qualified=verdicts["qualified"],
        unqualified=verdicts["unqualified"],
        not_inspected=verdicts["unverified"],
        pending=sum(e.state != "done" for e in entries),
    )


def _region_rates(entries: Sequence[CampaignSite]) -> list[tuple[str, float | None]]:
    return [
        (name, _pass_rate(name, group).rate) for name, group in _groups(entries, DIMENSIONS["region"]).items()
    ]
