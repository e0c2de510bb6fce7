"""The date in an article's header: the line under the headline that says when it was published.

Government article pages put the headline, then a line such as ``发布时间：2024-11-05 10:00
来源：市政府办公室``; disclosure pages (信息公开) put a table with 索引号, 成文日期 and
发布日期 above or below the headline. Body text, related-article lists, comment threads and
"today is" banners carry dates too; they are not the page's own date.

The search reads the page's text, finds the headline (from ``<meta name="ArticleTitle">``,
``og:title`` or the ``<title>``) and judges every date by the label in front of it. In order:

1. a publication label (发布时间, 发布日期, 发表于, 发稿时间, 公开日期…) after the headline,
   then above it (a disclosure table, nearest the headline first);
2. a bare label (日期, 时间, 更新时间, Updated…) right after the headline;
3. a date with no label right after the headline (``标题 2024-11-05 10:00 来源：…``), then just
   before it (an e-paper's ``2022年02月13日 标题``);
4. a publication label further down (a blog's ``发表于`` under the post);
5. a 成文日期 / 印发日期 anywhere: the day a document was signed, usually days or years before
   it was published, so :mod:`govinspect.parse.dates` prefers a day in the URL to it.

"Right after the headline" is the next :data:`HEADER_CHARS_AFTER_TITLE` characters; a page whose
headline is not found uses its first :data:`HEADER_CHARS_WITHOUT_TITLE` characters instead.
Dates that are about something else never count: other labels (报名日期, 施行日期, 会议时间,
留言时间…), dates in brackets or in runs of dates (lists of related articles), dates inside a
sentence (``于2024年5月10日召开``, ``2024年5月10日，``), today's date (``今天是2024年11月5日
星期二``), and year-only footers (``© 2024``), which are not dates at all.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from govinspect.model import Page
from govinspect.parse.dates_text import DateMatch, normalise, scan_dates

__all__ = ["HeaderDate", "Label", "header_dates"]

# How far after the end of the headline the header line may be (characters of page text).
HEADER_CHARS_AFTER_TITLE = 200
# How far before the headline a date with no label may stand ("2022年02月13日 标题").
HEADER_CHARS_BEFORE_TITLE = 40
# Without a headline found, how much of the page's start counts as header.
HEADER_CHARS_WITHOUT_TITLE = 1500
# How far before a date its label may start.
_LABEL_LOOKBACK = 14
_MIN_TITLE_CHARS = 4
# Two dates closer than this (start to start) belong to a list, not to a header line.
_LIST_RUN_CHARS = 80


class Label(IntEnum):
    """What the text in front of a date says it is (lower is a better publication date)."""

    PUBLISHED = 1  # 发布时间, 发布日期, 发表于 …
    PLAIN = 2  # 日期, 时间, 更新时间 …
    NONE = 3  # no label
    WRITTEN = 4  # 成文日期, 印发日期 …
    OTHER = 5  # a label for something else: 报名日期, 施行日期, 会议时间, 留言时间 …
    TODAY = 6  # 今天是 …, … 星期二


_PUBLISHED_LABELS = (
    "发布时间", "发布日期", "发表时间", "发表日期", "发稿时间", "发稿日期", "发布于", "发表于",
    "公开日期", "公开时间", "发布", "发表", "发稿", "published", "posted",
)  # fmt: skip
_PLAIN_LABELS = (
    "更新时间", "更新日期", "信息时间", "信息日期", "生成日期", "录入时间", "添加时间", "上传时间",
    "日期", "时间", "updated", "date",
)  # fmt: skip
_WRITTEN_LABELS = ("成文日期", "成文时间", "印发日期", "签发日期", "发文日期", "成文")
_TODAY_LABELS = ("今天是", "今天", "今日", "当前时间", "现在时间", "当前日期")
# The page text is normalised first: full-width colons, brackets and spaces are ASCII here.
_LABEL_SEPARATORS = " \t:|[(<·•"
# What may stand before a bare 日期 or 时间 label: a space, the start, a separator of a header line.
_BARE_LABEL_AFTER = " \t|[(·•/"
_ASCII_WORD = re.compile(r"[A-Za-z]")
_WEEKDAY_AFTER = re.compile(r"\s*\(?\s*(?:星期|周[一二三四五六日天]|礼拜)")
_SUFFIX_LABEL = re.compile(r"\s*(?:更新|发布)")
_SENTENCE_BEFORE = "于在从自至到止~～，,。；;、"
_SENTENCE_AFTER = re.compile(
    r"\s*(?:[，,、。；;至到~～起前后]|以来|以前|以后|上午|下午|晚|凌晨|早上|中午)"
    r"|(?!更新|发布|来源)[\u4e00-\u9fff]"  # glued to the next word: "2024年5月20日贷款市场报价利率"
)
_TITLE_SEPARATORS = re.compile(r"\s*(?:_{1,2}|-{1,2}|\||｜|—{1,2}|–)\s*")


@dataclass(frozen=True, slots=True)
class HeaderDate:
    """A date in the page text, what its label says, and the text it was read from (label included)."""

    date: datetime.date
    label: Label
    start: int
    text: str


def _label_before(plain: str, start: int) -> tuple[Label, int]:
    """The label that ends right before ``start``, and where that label begins."""
    window_start = max(0, start - _LABEL_LOOKBACK)
    before = plain[window_start:start].rstrip(_LABEL_SEPARATORS)
    lowered = before.lower()
    label_start = window_start + len(before)
    for label, words in (
        (Label.TODAY, _TODAY_LABELS),
        (Label.WRITTEN, _WRITTEN_LABELS),
        (Label.PUBLISHED, _PUBLISHED_LABELS),
        (Label.PLAIN, _PLAIN_LABELS),
    ):
        for word in words:
            if not lowered.endswith(word):
                continue
            word_start = label_start - len(word)
            preceding = plain[word_start - 1] if word_start > 0 else " "
            if word in ("日期", "时间") and preceding not in _BARE_LABEL_AFTER:
                return Label.OTHER, word_start  # 报名日期, 会议时间, 留言时间, "一、时间：" in a notice
            if word.isascii() and _ASCII_WORD.match(preceding):
                continue  # "candidate" is not "date"
            return label, word_start
    return Label.NONE, label_start


def _in_brackets(plain: str, match: DateMatch) -> bool:
    before = plain[max(0, match.start - 1) : match.start]
    after = plain[match.end : match.end + 1]
    return before in ("(", "[", "<") and after in (")", "]", ">")


def _in_sentence(plain: str, match: DateMatch) -> bool:
    """True for a date that is part of a sentence or a range: "于2024年5月10日召开", "2024年5月10日，"."""
    before = plain[max(0, match.start - 1) : match.start]
    return bool(before and before in _SENTENCE_BEFORE) or _SENTENCE_AFTER.match(plain, match.end) is not None


def _judge(plain: str, match: DateMatch) -> tuple[Label, int]:
    label, label_start = _label_before(plain, match.start)
    if label is Label.NONE:
        if _WEEKDAY_AFTER.match(plain, match.end):
            return Label.TODAY, label_start  # "2024年11月5日 星期二" at the top of every page
        if _in_brackets(plain, match) or _in_sentence(plain, match):
            return Label.OTHER, label_start
        if _SUFFIX_LABEL.match(plain, match.end):
            return Label.PLAIN, label_start  # "2005-04-05 06:40更新"
    return label, label_start


def _without_list_runs(judged: list[HeaderDate]) -> list[HeaderDate]:
    """Drop unlabelled dates that stand in a run of dates: a list (相关文章, 最新信息), not a header."""
    starts = [d.start for d in judged]
    kept = []
    for index, found in enumerate(judged):
        if found.label is Label.NONE:
            neighbours = starts[max(0, index - 1) : index] + starts[index + 1 : index + 2]
            if any(abs(start - found.start) <= _LIST_RUN_CHARS for start in neighbours):
                continue
        kept.append(found)
    return kept


def _title_candidates(page: Page) -> list[str]:
    """Possible headlines, longest first: ArticleTitle and og:title metas, then parts of ``<title>``."""
    found: list[str] = []
    for name in ("articletitle", "og:title"):
        value = page.meta_value(name)
        if value:
            found.append(" ".join(value.split()))
    found += sorted(_TITLE_SEPARATORS.split(" ".join(page.title.split())), key=len, reverse=True)
    return [title for title in found if len(title) >= _MIN_TITLE_CHARS]


def _title_spans(page: Page, plain: str) -> list[tuple[int, int]]:
    """Where the headline stands in the page text, for each place it appears (at most a few)."""
    for title in _title_candidates(page):
        for needle in (normalise(title), normalise(title)[:12]):
            spans: list[tuple[int, int]] = []
            position = plain.find(needle)
            while position >= 0 and len(spans) < 5:
                spans.append((position, position + len(needle)))
                position = plain.find(needle, position + 1)
            if spans:
                return spans
    return []


def header_dates(page: Page) -> Iterable[HeaderDate]:
    """The dates of the page text that may be its publication date, best first (see the module docs)."""
    plain = normalise(page.text)
    judged: list[HeaderDate] = []
    for match in scan_dates(plain, normalised=True):
        label, label_start = _judge(plain, match)
        if label in (Label.OTHER, Label.TODAY):
            continue
        text_start = match.start if label is Label.NONE else label_start
        judged.append(HeaderDate(match.date, label, match.start, page.text[text_start : match.end].strip()))
    if not judged:
        return
    judged = _without_list_runs(judged)
    titles = _title_spans(page, plain)
    if titles:
        regions = [(end, end + HEADER_CHARS_AFTER_TITLE) for _, end in titles]
    else:
        regions = [(0, HEADER_CHARS_WITHOUT_TITLE)]
    header_end = regions[0][1]

    def in_region(found: HeaderDate) -> bool:
        return any(start <= found.start < end for start, end in regions)

    published = [d for d in judged if d.label is Label.PUBLISHED]
    above = [d for d in published if d.start < regions[0][0]]
    yield from (d for d in published if in_region(d))
    yield from reversed(above)  # a disclosure table above the headline: nearest the headline first
    yield from (d for d in judged if d.label is Label.PLAIN and in_region(d))
    yield from (d for d in judged if d.label is Label.NONE and in_region(d))
    if titles:  # an e-paper or list-like header: "2022年02月13日 标题"
        title_start = titles[0][0]
        before = (d for d in judged if d.label is Label.NONE and d.start < title_start)
        yield from (d for d in before if d.start >= title_start - HEADER_CHARS_BEFORE_TITLE)
    yield from (d for d in published if d.start >= header_end)
    yield from (d for d in judged if d.label is Label.WRITTEN)
