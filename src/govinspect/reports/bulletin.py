"""The campaign bulletin (通报): its content as data, rendered as a Markdown notice and as JSON.

The content is built once (:func:`bulletin_content`) and every format renders the same sections:
title and 文号 placeholder, the overview paragraph with the figures, the pass rates by region,
the unqualified sites with their reasons, the sites that could not be inspected, the common
problems per site, the score distribution, and the annex table of every drawn site.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, TextIO

from govinspect.campaigns.aggregate import CampaignFigures, PassRate
from govinspect.campaigns.store import Campaign, CampaignSite
from govinspect.reports.labels import (
    CHECK_LABELS,
    LEVEL_LABELS,
    SITE_TYPE_LABELS,
    VERDICT_LABELS,
    VETO_LABELS,
)

_STRATUM_LABELS = {
    "region": "地区",
    "region_code": "行政区划",
    "level": "层级",
    "site_type": "网站类型",
    "organizer": "主办单位",
}
_DIMENSION_TITLES = {"region": "地区", "level": "层级", "site_type": "网站类型", "organizer": "主办单位"}


@dataclass(frozen=True, slots=True)
class Bulletin:
    title: str
    overview: str
    figures: CampaignFigures
    campaign: Campaign
    sites: tuple[CampaignSite, ...]


def bulletin_content(
    campaign: Campaign, sites: tuple[CampaignSite, ...], figures: CampaignFigures
) -> Bulletin:
    """The words of the bulletin around the figures."""
    overall = figures.overall
    plan = campaign.plan
    how = f"按{plan.rate:.0%}比例" if plan.rate is not None else f"抽取{plan.count}个网站"
    strata = "、".join(_STRATUM_LABELS[s] for s in plan.strata)
    drawn = f"{how}{'按' + strata + '分层' if strata else ''}随机抽查（随机种子 {plan.seed}，可复现）"
    overview = (
        f"以{campaign.as_of:%Y年%-m月%-d日}为监测时点，从登记在册的{campaign.eligible}个政府网站中{drawn}"
        f"{overall.drawn}个网站。已检查{overall.judged + overall.not_inspected}个，"
        f"其中合格{overall.qualified}个、"
        f"不合格{overall.unqualified}个，无法检查{overall.not_inspected}个"
        + (f"，尚有{overall.pending}个待检查" if overall.pending else "")
        + f"；总体合格率{_percent(overall)}（合格数 ÷ 完成检查数，无法检查的网站不计为合格）。"
    )
    if figures.comparison is not None:
        before, now = figures.comparison.overall
        overview += f"上次抽查（{figures.comparison.previous_name}）合格率{_rate(before)}，本次{_rate(now)}。"
    return Bulletin(f"关于{campaign.name}情况的通报", overview, figures, campaign, sites)


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the bulletin: a heading, sentences, an optional table and chart."""

    heading: str
    sheet: str  # the worksheet name of its table in the XLSX workbook
    lines: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[object, ...], ...] = ()
    chart: Literal["pass-rate", "score-bands"] | None = None
    empty: str = ""  # what to say when there is no row


def bulletin_sections(bulletin: Bulletin) -> tuple[Section, ...]:
    """The sections every format renders, in order, ending with the annex of every drawn site."""
    figures = bulletin.figures
    by_other = tuple(
        f"按{_DIMENSION_TITLES[d]}："
        + "；".join(f"{_group_name(d, g.name)} {_percent(g)}" for g in figures.by_dimension[d])
        + "。"
        for d in ("level", "site_type")
    )
    vetoes = "；".join(f"{VETO_LABELS.get(v, v)} {n} 个网站" for v, n in figures.vetoes.items())
    return (
        Section(
            "一、分地区合格率",
            "分地区",
            by_other,
            ("地区", "抽查", "合格", "不合格", "无法检查", "合格率"),
            tuple(
                (g.name, g.drawn, g.qualified, g.unqualified, g.not_inspected, _percent(g))
                for g in figures.by_dimension["region"]
            ),
            chart="pass-rate",
        ),
        Section(
            "二、不合格网站名单",
            "不合格网站",
            headers=("网站名称", "网址", "主办单位", "不合格原因"),
            rows=tuple(
                (f.site.name, f.site.url, f.site.organizer or "", _reasons(f.vetoes, f.score))
                for f in figures.unqualified
            ),
            empty="无。",
        ),
        Section(
            "三、无法检查的网站",
            "无法检查",
            headers=("网站名称", "网址", "原因"),
            rows=tuple((site.name, site.url, reason) for site, reason in figures.not_inspected),
            empty="无。",
        ),
        Section(
            "四、常见问题（平均每个网站）",
            "常见问题",
            (f"单项否决情况：{vetoes}。",) if vetoes else (),
            ("问题", "平均每个网站（个）"),
            tuple((CHECK_LABELS.get(check, check), average) for check, average in figures.averages.items()),
        ),
        Section(
            "五、门户网站得分分布",
            "得分分布",
            headers=("分数段", "网站数"),
            rows=tuple((band.label, count) for band, count in figures.bands),
            chart="score-bands",
        ),
        Section(
            "附件：抽查网站名单",
            "抽查网站",
            headers=("序号", "网站名称", "网址", "地区", "层级", "网站类型", "结论", "单项否决", "得分"),
            rows=tuple(
                (
                    number,
                    entry.site.name,
                    entry.site.url,
                    entry.site.region or "",
                    LEVEL_LABELS.get(entry.site.level or "", entry.site.level or ""),
                    SITE_TYPE_LABELS.get(entry.site.site_type or "", entry.site.site_type or ""),
                    VERDICT_LABELS.get(entry.verdict or "", "待检查"),
                    "、".join(VETO_LABELS.get(v, v) for v in entry.vetoes),
                    entry.score if entry.score is not None else "",
                )
                for number, entry in enumerate(bulletin.sites, 1)
            ),
        ),
    )


def write_bulletin_markdown(bulletin: Bulletin, out: TextIO) -> None:
    """The bulletin as a Markdown document in the layout of a notice."""
    out.write(f"# {bulletin.title}\n\n〔 〕号\n\n{bulletin.overview}\n")
    for section in bulletin_sections(bulletin):
        out.write(f"\n## {section.heading}\n\n")
        if section.rows:
            out.write(_table(section.headers, section.rows))
        elif section.empty:
            out.write(section.empty + "\n")
        for line in section.lines:
            out.write(f"\n{line}\n")


def _table(headers: tuple[str, ...], rows: Sequence[tuple[object, ...]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(str(value)) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _reasons(vetoes: tuple[str, ...], score: float | None) -> str:
    """Why a site failed: its vetoes in Chinese, or its score below the pass mark."""
    if vetoes:
        return "、".join(VETO_LABELS.get(v, v) for v in vetoes)
    return f"得分{score:g}分，低于合格线" if score is not None else "—"


def write_bulletin_json(bulletin: Bulletin, out: TextIO) -> None:
    """The bulletin's figures as JSON (schema ``govinspect/bulletin@1``)."""
    figures = bulletin.figures
    document: dict[str, Any] = {
        "schema": "govinspect/bulletin@1",
        "campaign": {
            "id": bulletin.campaign.id,
            "name": bulletin.campaign.name,
            "as_of": bulletin.campaign.as_of.isoformat(),
            "framework": {"id": bulletin.campaign.framework, "version": bulletin.campaign.framework_version},
            "plan": {
                "seed": bulletin.campaign.plan.seed,
                "rate": bulletin.campaign.plan.rate,
                "count": bulletin.campaign.plan.count,
                "strata": list(bulletin.campaign.plan.strata),
            },
            "eligible": bulletin.campaign.eligible,
        },
        "title": bulletin.title,
        "overview": bulletin.overview,
        "overall": _rate_dict(figures.overall),
        "by": {name: [_rate_dict(g) for g in groups] for name, groups in figures.by_dimension.items()},
        "score_bands": [{"label": band.label, "sites": count} for band, count in figures.bands],
        "unqualified": [
            {"name": f.site.name, "url": f.site.url, "vetoes": list(f.vetoes), "score": f.score}
            for f in figures.unqualified
        ],
        "not_inspected": [
            {"name": s.name, "url": s.url, "reason": reason} for s, reason in figures.not_inspected
        ],
        "averages": figures.averages,
        "vetoes": figures.vetoes,
        "comparison": None
        if figures.comparison is None
        else {
            "previous": figures.comparison.previous_name,
            "overall": list(figures.comparison.overall),
            "by_region": {k: list(v) for k, v in figures.comparison.by_region.items()},
        },
        "sites": [
            {
                "name": e.site.name,
                "url": e.site.url,
                "site_code": e.site.site_code,
                "region": e.site.region,
                "level": e.site.level,
                "site_type": e.site.site_type,
                "stratum": e.stratum,
                "state": e.state,
                "verdict": e.verdict,
                "vetoes": list(e.vetoes),
                "score": e.score,
                "fail_by_check": e.summary.get("fail_by_check", {}),
            }
            for e in bulletin.sites
        ],
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _rate_dict(group: PassRate) -> dict[str, Any]:
    return {
        "name": group.name,
        "drawn": group.drawn,
        "qualified": group.qualified,
        "unqualified": group.unqualified,
        "not_inspected": group.not_inspected,
        "pending": group.pending,
        "pass_rate": group.rate,
    }


def _group_name(dimension: str, name: str) -> str:
    labels = {"level": LEVEL_LABELS, "site_type": SITE_TYPE_LABELS}.get(dimension, {})
    return labels.get(name, name)


def _percent(group: PassRate) -> str:
    return _rate(group.rate)


def _rate(rate: float | None) -> str:
    return "—" if rate is None else f"{100 * rate:.1f}%"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (a registry name may hold | or line breaks)."""
    return " ".join(text.replace("|", "｜").split())
