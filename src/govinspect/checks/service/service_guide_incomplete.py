"""Service guides (办事指南) that lack key elements."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from govinspect.checks.api import SiteContext, check
from govinspect.checks.freshness import site_columns
from govinspect.model.finding import Finding
from govinspect.parse.interpretations import headline
from govinspect.parse.service_guides import (
    DEFAULT_ELEMENTS,
    ELEMENT_LABELS,
    is_guide_column,
    read_service_guide,
)

__all__ = ["read_guide_parameters", "service_guide_incomplete"]

SEVERE_MISSING = 4  # 2019 single veto: a guide lacking 4 or more classes (C1)
_FIX = "请在办事指南中补充缺少的要素，并确保每项要素有具体内容（不应为空或“无”）。"


def read_guide_parameters(given: Mapping[str, Any]) -> dict[str, Any]:
    """Framework values: ``elements`` (the key element classes to require, names of
    :data:`~govinspect.parse.service_guides.ELEMENT_LABELS`) and ``severe_missing`` (a guide
    lacking this many is marked ``severe``, for the single veto)."""
    known = {"elements", "severe_missing"}
    if set(given) - known:
        raise ValueError(f"service-guide-incomplete takes {', '.join(sorted(known))}; got {dict(given)}")
    elements = given.get("elements", DEFAULT_ELEMENTS)
    if isinstance(elements, str) or not isinstance(elements, Sequence) or not elements:
        raise ValueError(f"elements is a list of element classes, got {elements!r}")
    unknown = [name for name in elements if name not in ELEMENT_LABELS]
    if unknown:
        raise ValueError(f"unknown element classes {unknown}; known: {', '.join(ELEMENT_LABELS)}")
    severe = int(given.get("severe_missing", SEVERE_MISSING))
    if severe <= 0:
        raise ValueError(f"severe_missing must be a positive number, got {severe}")
    return {"elements": tuple(elements), "severe_missing": severe}


@check(
    name="service-guide-incomplete",
    scope="site",
    needs=("pages", "columns"),
    parameters=read_guide_parameters,
)
def service_guide_incomplete(
    site: SiteContext,
    *,
    elements: tuple[str, ...] = DEFAULT_ELEMENTS,
    severe_missing: int = SEVERE_MISSING,
) -> Iterator[Finding]:
    """Service guides (办事指南) that lack key elements.

    What it flags: a service guide page that does not give one or more of the key elements
    事项名称, 设定依据, 申请条件, 办理材料, 办理地点, 办理时间, 联系电话 and 办理流程 (the list is a
    framework value; 办理机构 and 收费标准 can be added). Labels are recognised in the wordings
    real guides use (申请材料, 受理地点, 咨询电话, 办理程序 …); a label followed by nothing, 无 or
    暂无 counts as missing. A page is a guide when its title, its ColumnName or its column names a
    guide (办事指南, 服务指南, 办事服务 …) and it labels at least two elements, or when it labels
    five. One
    finding per guide (a guide shown at two addresses with the same text, once);
    ``detail.missing`` names the missing elements, ``detail.empty`` those labelled but empty,
    ``detail.severe`` says whether it lacks at least 4 (the single-veto count). Forms and
    attachments that do not download are reported by ``broken-link``.

    Why it matters: the national indicators (2019) veto a site on which 5 or more service
    items have guides lacking at least 4 key element classes (SV-SVC-GUIDE), and deduct for
    each missing element of a sampled guide (D-SVC-GUIDE); the 2015 census deducted 2 points
    per missing class.

    Example: 办事指南「最低生活保障申请办事指南」缺少要素：设定依据、办理时间。

    How to fix: complete the guide with every element, each with real content: the legal basis
    with the name and article of the law, the conditions, the list of materials (original or
    copy, number of copies), the address and hours of the window, a telephone number and the
    steps of the procedure.

    Known false positives: guides whose elements are in an image, an attachment or a page drawn
    by a script; guides laid out as a table with the labels in one row and the values in the
    next (the values then look empty); a label worded in a way not in the list of variants.
    """
    model = site_columns(site)
    in_guide_column = {
        item.url for column in model.columns if is_guide_column(column.name) for item in column.items
    }
    seen: set[int] = set()  # the same guide at a second address (…?from=list) is read once
    for crawled in site.pages():
        page = crawled.page
        if hash(page.text) in seen:
            continue
        reading = read_service_guide(
            page.title,
            page.text,
            marked=page.url in in_guide_column,
            column_name=page.meta_value("columnname"),
        )
        if reading is None:
            continue
        seen.add(hash(page.text))
        site.tally.examined += 1
        missing = reading.missing(elements)
        if not missing:
            continue
        name = headline(page.title) or page.url
        empty = [element for element in missing if element in reading.empty]
        said_empty = f"（其中{'、'.join(empty)}标注为空或“无”）" if empty else ""
        yield site.finding(
            at=page.url,
            message=f"办事指南「{name}」缺少要素：{'、'.join(missing)}{said_empty}。{_FIX}",
            detail={
                "missing": list(missing),
                "missing_count": len(missing),
                "severe": len(missing) >= severe_missing,
                "empty": empty,
                "guide_title": name,
            },
            record=crawled.record_id,
            excerpt=name,
        )
