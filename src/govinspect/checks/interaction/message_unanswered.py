"""Public messages left without a reply for more than 3 months."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from govinspect.checks.api import SiteContext, check
from govinspect.checks.freshness import Window
from govinspect.model.finding import Finding
from govinspect.parse.messages import Message, MessageBoards, in_places, read_boards

__all__ = [
    "DEFAULT_EXCLUDED_BOARDS",
    "ONE_YEAR",
    "THREE_MONTHS",
    "excluded_keywords",
    "message_unanswered",
    "site_boards",
]

# Boards the rule leaves out (2019: 在线访谈, 调查征集, 网上信访, 纪检举报), with the names they go by.
DEFAULT_EXCLUDED_BOARDS: tuple[str, ...] = (
    "在线访谈",
    "访谈",
    "调查征集",
    "网上调查",
    "意见征集",
    "征集",
    "网上信访",
    "信访",
    "纪检举报",
    "纪检监察",
    "违纪举报",
    "监督举报",
)
THREE_MONTHS = Window(months=3)
ONE_YEAR = Window(months=12)
_FIX = "请尽快答复并公开答复内容；不属于本单位职责的留言应及时转办并告知留言人。"

# The boards of each site, read once for the three interaction checks (keyed like site_columns).
_BOARDS: weakref.WeakKeyDictionary[Callable[..., object], tuple[object, MessageBoards]] = (
    weakref.WeakKeyDictionary()
)


def site_boards(site: SiteContext) -> MessageBoards:
    """The site's messages and message channels, read once per stored crawl."""
    key = (site.as_of, site.homepage_url)
    try:
        cached = _BOARDS.get(site.read_pages)
    except TypeError:  # a reader that cannot be weakly referenced: no sharing
        return read_boards(site.pages(), reference=site.as_of, in_scope=site.in_scope)
    if cached is not None and cached[0] == key:
        return cached[1]
    boards = read_boards(site.pages(), reference=site.as_of, in_scope=site.in_scope)
    _BOARDS[site.read_pages] = (key, boards)
    return boards


def excluded_keywords(given: Mapping[str, Any], name: str) -> tuple[str, ...]:
    """``excluded_board_keywords`` from the framework: a list of words, or the defaults."""
    value = given.get(name)
    if value is None:
        return DEFAULT_EXCLUDED_BOARDS
    if (
        not isinstance(value, Sequence)
        or isinstance(value, str)
        or not all(isinstance(v, str) for v in value)
    ):
        raise ValueError(f"{name} is a list of words, got {value!r}")
    return tuple(value)


def _positive(given: Mapping[str, Any], name: str, default: int) -> int:
    value = int(given.get(name, default))
    if value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value}")
    return value


def read_unanswered_parameters(given: Mapping[str, Any]) -> dict[str, Any]:
    """Framework values: unanswered_after_months, window_months, late_reply_counts_as_unanswered,
    excluded_board_keywords."""
    known = {
        "unanswered_after_months",
        "window_months",
        "late_reply_counts_as_unanswered",
        "excluded_board_keywords",
    }
    if set(given) - known:
        raise ValueError(f"message-unanswered takes {', '.join(sorted(known))}; got {dict(given)}")
    after = _positive(given, "unanswered_after_months", 3)
    window = _positive(given, "window_months", 12)
    if after >= window:
        raise ValueError(f"unanswered_after_months ({after}) must be shorter than window_months ({window})")
    return {
        "unanswered_after": Window(months=after),
        "window": Window(months=window),
        "late_reply_counts": bool(given.get("late_reply_counts_as_unanswered", False)),
        "excluded": excluded_keywords(given, "excluded_board_keywords"),
    }


def _late(message: Message, unanswered_after: Window) -> bool:
    """Answered, but more than the limit after it was written (reply − submit > 3 months)."""
    if message.submitted is None or message.replied is None:
        return False
    return message.submitted < unanswered_after.start(message.replied)


@check(
    name="message-unanswered",
    scope="site",
    needs=("pages",),
    parameters=read_unanswered_parameters,
)
def message_unanswered(
    site: SiteContext,
    *,
    unanswered_after: Window = THREE_MONTHS,
    window: Window = ONE_YEAR,
    late_reply_counts: bool = False,
    excluded: tuple[str, ...] = DEFAULT_EXCLUDED_BOARDS,
) -> Iterator[Finding]:
    """Public messages without a reply more than 3 months after they were written.

    What it flags: a message on the site's public message board (领导信箱, 咨询投诉, 政民互动,
    12345 …) written within the 12 months before the monitoring day T and more than 3 months
    before T, whose page shows no reply: a status such as 未回复, 待回复, 办理中, 已转交…尚未回复,
    or empty 回复时间/回复内容 fields. One finding per message, at the message's own page (at
    the list row's link when the message page was not stored). The day it was written is the
    day the site displays (留言时间, 来信时间, 提交时间 …), never the day of the crawl. Messages
    in 在线访谈, 调查征集, 网上信访 and 纪检举报 boards are left out, as the rules say; so are
    messages marked 不予受理 or 重复留言. With the framework switch
    ``late_reply_counts_as_unanswered``, a message answered more than 3 months after it was
    written counts too.

    Why it matters: the national indicators (2019) veto a site on which, within the year
    before T, a valid message of a consultation column stayed unanswered for more than 3
    months (SV-INT-UNANSWERED, 互动回应差).

    Example: 留言「关于公交线路调整问题的咨询」（省长信箱）于 2026-07-01 提交，至监测时间点
    2026-11-20 已 142 天，页面显示“尚未回复”。

    How to fix: answer the message and publish the reply with its date; pass messages that
    belong to another body on promptly and say so on the message page.

    Known false positives: a board that shows replies only after a click (drawn by a script)
    looks unanswered when its list says 办理中; a board whose name does not say it is 信访 or
    纪检举报 is judged like any other (add its name to ``excluded_board_keywords``).
    """
    boards = site_boards(site)
    earliest = window.start(site.as_of)
    latest = unanswered_after.start(site.as_of)
    for message in boards.messages:
        if (
            message.submitted is None
            or message.answer == "invalid"
            or in_places(message, excluded) is not None
        ):
            continue
        site.tally.examined += 1
        if not earliest <= message.submitted < latest:
            continue
        late = late_reply_counts and message.answer == "answered" and _late(message, unanswered_after)
        if message.answer != "unanswered" and not late:
            continue
        age = (site.as_of - message.submitted).days
        where = f"留言「{message.title}」" + (f"（{message.board}）" if message.board else "")
        if late:
            said = f"直到 {message.replied} 才答复，超过{unanswered_after.chinese()}"
        else:
            said = f"页面显示“{message.status}”" if message.status else "页面没有答复"
        yield site.finding(
            at=message.url,
            message=(
                f"{where}于 {message.submitted} 提交，至监测时间点 {site.as_of} 已 {age} 天，{said}。{_FIX}"
            ),
            detail={
                "title": message.title,
                "submitted": message.submitted.isoformat(),
                "age_days": age,
                "board": message.board,
                "status": message.status,
                "replied": message.replied.isoformat() if message.replied else None,
                "on_list_only": not message.from_detail,
            },
            record=message.record_id,
            excerpt=f"{message.title} {message.submitted_text} {message.status}".strip(),
        )
