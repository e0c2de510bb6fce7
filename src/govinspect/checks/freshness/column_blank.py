"""Columns that list nothing."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.checks.freshness import COLUMN_TYPE_LABELS, level_label, site_columns
from govinspect.model.finding import Finding

_FIX = "请补充栏目内容；确实没有信息的栏目应在页面上说明原因，无法保障内容的栏目应整合或关闭。"


@check(name="column-blank", scope="site", needs=("pages", "columns"))
def column_blank(site: SiteContext) -> Iterator[Finding]:
    """Columns that list nothing.

    What it flags: a column (栏目) whose list page shows no item at all, or only a
    placeholder such as 暂无信息, 暂无内容, 正在建设中 or 没有记录, on every page of its
    list. One finding per column, at its first list page. A blank column is reported
    here only, never also as ``column-not-updated``.

    Why it matters: the national indicators (2019) veto a site with 5 or more blank
    columns (SV-COL-BLANK), and count blank columns among the columns that "should be
    updated but are not" (SV-COL-STALE-ANY, 10 or more).

    Example: 栏目「规划计划」（人事、规划计划类，一级栏目）没有任何内容，页面仅显示“暂无信息”。

    How to fix: publish the column's content; a column of the 信息公开目录 that genuinely
    has nothing to publish must say why on its page (本机关不涉及此类信息 …); a column
    that cannot be kept up should be merged into another or removed.

    Known false positives: lists drawn by a script after the page loads (the inspection
    reads the page as served, without running scripts) look empty; a column whose page
    explains why it is empty is not reported.
    """
    model = site_columns(site)
    for column in model.columns:
        site.tally.examined += 1
        if not column.is_blank:
            continue
        shows = f"，页面仅显示“{column.placeholder}”" if column.placeholder else "，列表为空"
        kind = COLUMN_TYPE_LABELS[column.type]
        yield site.finding(
            at=column.url,
            message=f"栏目「{column.name}」（{kind}，{level_label(column)}）没有任何内容{shows}。{_FIX}",
            detail={
                "column_name": column.name,
                "column_type": column.type,
                "column_level": column.level,
                "placeholder": column.placeholder,
            },
            record=column.record_id,
            excerpt=column.placeholder or column.name,
        )
