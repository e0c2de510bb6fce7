"""Reading the lists of a stored page: which links are list items, and the date each one shows.

A stored :class:`~govinspect.model.Page` keeps no DOM: it has its readable text (whitespace
collapsed, one space between text nodes) and its links with their anchor text, in document order.
That is enough to read a list. Each link's anchor text is found in the page text, in order
(:func:`place_links`); the text between one item's title and the next link is where a list shows
the item's date (``标题 2026-11-18``, ``标题 [11-18]``, ``· 标题 2026/11/18``), or, on sites that
put the date first, the text before the title (``2026-11-18 标题``). Which side holds the dates is
decided once per page, by which side more items have a date on (:func:`list_entries`).

Also here: the breadcrumb (当前位置：首页 > 政务公开 > 通知公告, :func:`find_breadcrumb`), "more"
links (更多 >>, :func:`is_more_link`) and the placeholders a blank column shows instead of a list
(暂无信息, 正在建设中 …, :func:`placeholder_in`).
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from govinspect.model import LinkRef
from govinspect.parse.dates import DisplayedDate, find_list_item_date

__all__ = [
    "Breadcrumb",
    "ListEntry",
    "PlacedLink",
    "find_breadcrumb",
    "is_more_link",
    "list_entries",
    "place_links",
    "placeholder_in",
]

# Occurrences of one anchor text considered when placing links (首页 may stand many times).
MAX_OCCURRENCES = 64
# How much text beside a title is read for its date.
DATE_SEGMENT_CHARS = 60
# A list shows dates before its titles only when at least this many items say so (one link after a
# dated header line is not a list).
MIN_ITEMS_DATED_BEFORE = 2
_LONGEST_SPACED_MATCH = 80

_MORE_WORDS = frozenset({"更多", "more", "查看更多", "更多信息", "更多内容", "更多新闻", "查看全部", "全部"})
_MORE_DECORATION = re.compile(r"[\s>»＞›+＋…\.。·\[\]【】()（）<《》\-]+")

_CRUMB_SEPARATOR = r"(?:>>|>|›|»|＞|→|/)"
_CRUMB_NAME = r"[^\s>›»＞→/]{1,30}"
_BREADCRUMB = re.compile(
    r"(?:当前位置|当前所在位置|您(?:现在)?的位置|你(?:现在)?的位置|(?:您)?(?:现在)?所在位置|现在位置)"
    rf"\s*[:：]?\s*(?P<trail>{_CRUMB_NAME}(?:\s*{_CRUMB_SEPARATOR}\s*{_CRUMB_NAME})*)"
    rf"|(?P<bare>(?:网站首页|首页|主页)(?:\s*{_CRUMB_SEPARATOR}\s*{_CRUMB_NAME})+)"
)
_SPLIT_CRUMBS = re.compile(rf"\s*{_CRUMB_SEPARATOR}\s*")
_HOME_CRUMBS = frozenset({"首页", "网站首页", "主页", "门户首页", "返回首页"})

PLACEHOLDERS = (
    "暂无信息",
    "暂无内容",
    "暂无数据",
    "暂无记录",
    "暂无文章",
    "暂无相关信息",
    "暂无相关内容",
    "暂无相关数据",
    "暂无公开信息",
    "暂无更新",
    "暂未发布",
    "尚无内容",
    "尚无信息",
    "没有记录",
    "没有信息",
    "没有数据",
    "没有内容",
    "没有相关信息",
    "没有找到相关",
    "无相关信息",
    "无相关记录",
    "无记录",
    "无信息",
    "无内容",
    "无数据",
    "正在建设中",
    "正在建设",
    "建设中",
    "正在更新中",
    "敬请期待",
    "内容待更新",
    "coming soon",
    "no data",
    "no records",
)


@dataclass(frozen=True, slots=True)
class PlacedLink:
    """A link whose anchor text was found in the page text at ``[start, end)``."""

    url: str
    text: str
    start: int
    end: int
    pagination: bool


@dataclass(frozen=True, slots=True)
class Breadcrumb:
    """The page's breadcrumb: the names after the homepage crumb, and where it stands in the text."""

    names: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One item of a list as a page shows it: its title, where it leads, and its displayed date."""

    title: str
    url: str
    date: DisplayedDate | None


def _spaced_pattern(text: str) -> re.Pattern[str]:
    """``ab c`` → a pattern that also matches ``a b c``: anchor text joins text nodes without spaces."""
    return re.compile(r"\s?".join(re.escape(char) for char in text if not char.isspace()))


def _stands_alone(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a whole text node: the parser puts a space around each one."""
    return (start == 0 or text[start - 1] == " ") and (end == len(text) or text[end] == " ")


def _occurrences(text: str, anchor: str) -> list[tuple[int, int]]:
    """Where ``anchor`` stands alone in ``text`` (not inside a longer sentence or title)."""
    spans: list[tuple[int, int]] = []
    start = text.find(anchor)
    while start >= 0 and len(spans) < MAX_OCCURRENCES:
        if _stands_alone(text, start, start + len(anchor)):
            spans.append((start, start + len(anchor)))
        start = text.find(anchor, start + 1)
    if not spans and len(anchor) <= _LONGEST_SPACED_MATCH:
        found = (match.span() for match in _spaced_pattern(anchor).finditer(text))
        spans = [span for span in found if _stands_alone(text, *span)][:MAX_OCCURRENCES]
    return spans


def place_links(text: str, links: Iterable[LinkRef]) -> list[PlacedLink]:
    """The ``<a>`` links whose anchor text is in ``text``, with its position, in document order.

    Anchor texts repeat (首页, a site name, a title shown twice) and some are not in the text at
    all (an image link's alt text). Each link is given the occurrence that places the most links
    in document order: the longest increasing sequence of (link, occurrence) positions.
    """
    anchored = [link for link in links if link.tag == "a" and link.text]
    pairs: list[tuple[int, int, int]] = []  # (link index, start, end)
    for index, link in enumerate(anchored):
        spans = _occurrences(text, link.text)
        pairs.extend((index, start, end) for start, end in reversed(spans))
    tails: list[int] = []  # tails[n]: the pair ending the best sequence of n + 1 links found so far
    tail_starts: list[int] = []  # where each of those pairs starts in the text
    before: list[int] = []  # the pair before each pair in its sequence (-1: none)
    for number, (_, start, _) in enumerate(pairs):
        position = bisect_left(tail_starts, start)
        before.append(tails[position - 1] if position else -1)
        if position == len(tails):
            tails.append(number)
            tail_starts.append(start)
        else:
            tails[position] = number
            tail_starts[position] = start
    chosen: list[int] = []
    current = tails[-1] if tails else -1
    while current >= 0:
        chosen.append(current)
        current = before[current]
    placed = []
    for number in reversed(chosen):
        index, start, end = pairs[number]
        link = anchored[index]
        placed.append(PlacedLink(link.url, link.text, start, end, link.pagination))
    return placed


def is_more_link(text: str) -> bool:
    """True for the 更多 / more >> links that open a column from a block of its newest items."""
    return _MORE_DECORATION.sub("", text).lower() in _MORE_WORDS


def find_breadcrumb(text: str, start: int = 0, end: int | None = None) -> Breadcrumb | None:
    """The first breadcrumb in ``text[start:end]`` (当前位置：首页 > 政务公开 > 通知公告).

    ``names`` leaves out the homepage crumb (首页, 网站首页 …); a trail that names nothing else is
    not a breadcrumb.
    """
    found = _BREADCRUMB.search(text, start, len(text) if end is None else end)
    if found is None:
        return None
    trail = found.group("trail") or found.group("bare") or ""
    names = tuple(name for name in _SPLIT_CRUMBS.split(trail.strip()) if name and name not in _HOME_CRUMBS)
    if not names:
        return None
    return Breadcrumb(names, found.start(), found.end())


def placeholder_in(text: str) -> str | None:
    """The placeholder phrase (暂无信息, 正在建设中 …) that ``text`` shows, or None."""
    lowered = text.lower()
    for phrase in PLACEHOLDERS:
        if phrase in lowered:
            return phrase
    return None


def _segment_dates(
    text: str, placed: Sequence[PlacedLink], index: int, bounds: tuple[int, int], reference: datetime.date
) -> tuple[DisplayedDate | None, DisplayedDate | None]:
    """The dates shown right before and right after the title of ``placed[index]``."""
    link = placed[index]
    low, high = bounds
    before_start = max(placed[index - 1].end if index else low, link.start - DATE_SEGMENT_CHARS, low)
    next_start = placed[index + 1].start if index + 1 < len(placed) else high
    after_end = min(next_start, high, link.end + DATE_SEGMENT_CHARS)
    before = text[before_start : link.start] if before_start < link.start else ""
    after = text[link.end : max(after_end, link.end)]
    return (
        find_list_item_date(before, reference=reference) if before.strip() else None,
        find_list_item_date(after, reference=reference) if after.strip() else None,
    )


def list_entries(
    text: str,
    placed: Sequence[PlacedLink],
    candidates: Sequence[int],
    bounds: tuple[int, int],
    *,
    reference: datetime.date,
) -> tuple[ListEntry, ...]:
    """The list items among ``placed`` (the indexes in ``candidates``), each with its displayed date.

    ``bounds`` is the page's content region (no date is read from the header or footer).
    Dates are read after each title, unless more items (and at least two) show a date before
    their title than after it.
    """
    sides = [_segment_dates(text, placed, index, bounds, reference) for index in candidates]
    before_count = sum(before is not None for before, _ in sides)
    after_count = sum(after is not None for _, after in sides)
    use_before = before_count > after_count and before_count >= MIN_ITEMS_DATED_BEFORE
    return tuple(
        ListEntry(placed[index].text, placed[index].url, before if use_before else after)
        for index, (before, after) in zip(candidates, sides, strict=True)
    )
