"""Displayed publication dates: what day a page or a list item says it was published.

The national rules (indicators §0.3) count a column as updated only through items whose
**displayed** publication date lies in the window; an item without one counts as not updated.
Three questions, three functions:

- :func:`parse_date_text` — the day one piece of text names (``2024年5月10日``, ``[11-18]``…);
- :func:`find_list_item_date` — the date shown in one list item (``关于…的通知 2026-11-18``);
- :func:`find_publication_date` — an article page's own publication date, tried in this order:
  ``<meta name="PubDate">`` and similar; the article header (发布时间 / 发布日期 / 日期 / 时间
  labels, or a date right under the headline); a day in the URL (``/t20241105_123.html``);
  a 成文日期 (the day a document was signed, usually some days before it was published);
  htmldate, last.

Dates elsewhere on the page — in the body text, in related-article lists, in "today is"
banners, the footer's copyright year — are not the page's date. Measured accuracy and the
commands that measure it are in ``docs/dates.md``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

from govinspect.model import Page
from govinspect.parse.dates_header import Label, header_dates
from govinspect.parse.dates_sources import htmldate_date, meta_date, url_date
from govinspect.parse.dates_text import DateMatch, normalise, parse_date_text, scan_dates

__all__ = ["DateSource", "DisplayedDate", "find_list_item_date", "find_publication_date", "parse_date_text"]

DateSource = Literal["meta", "header", "list-item", "url", "htmldate"]

# Characters that may stand between a list item's date and the rest of its text.
_DELIMITERS = re.compile(r"[\s\[\]()<>{}「」『』·•|,，;；:：、。.!！?？\"'“”‘’-]")
_BRACKETS_AND_SPACE = " \t\r\n[]()<>{}「」『』"


@dataclass(frozen=True, slots=True)
class DisplayedDate:
    """A publication date as a page shows it.

    ``source`` says where it was read: ``meta`` (``<meta name="PubDate">``…), ``header`` (the
    article's header line, or its 成文日期 when nothing else was found), ``list-item`` (a line of
    a list page), ``url`` (the page address), ``htmldate`` (the last-resort library).
    ``text`` is what it was read from, for the evidence excerpt of a report: the label and date
    (``发布时间：2024-11-05 10:00``), the ``<meta>`` element, the URL part (``t20241105``), the
    date as the list line shows it (``[11-18]``: without a year, see ``parse_date_text``), or the
    day htmldate returned.
    """

    date: datetime.date
    source: DateSource
    text: str


def _delimited(text: str, position: int) -> bool:
    """True at the start or end of ``text`` or next to a space, bracket or punctuation mark."""
    return position <= 0 or position >= len(text) or _DELIMITERS.match(text[position]) is not None


def _choose_list_date(plain: str, matches: list[DateMatch]) -> DateMatch | None:
    first_char = len(plain) - len(plain.lstrip(_BRACKETS_AND_SPACE))
    last_char = len(plain.rstrip(_BRACKETS_AND_SPACE))
    at_end = [m for m in matches if m.end >= last_char]
    if at_end:
        return at_end[-1]  # "标题 2026-11-18", "标题[11-18]", also glued: "标题2026-11-18"
    at_start = [m for m in matches if m.start <= first_char and _delimited(plain, m.end)]
    if at_start:
        return at_start[0]  # "[11-18] 标题", "2026-11-18 标题"
    apart = [m for m in matches if _delimited(plain, m.start - 1) and _delimited(plain, m.end)]
    return apart[-1] if apart else None  # "标题 2026-11-18 阅读：12"


def find_list_item_date(text: str, *, reference: datetime.date) -> DisplayedDate | None:
    """The date shown in one list item's text, or None when the item shows no date.

    The date is looked for at the end of the item (``关于…的通知 2026-11-18``, ``标题[11-18]``),
    then at its start (``[11-18] 标题``), then standing apart in the middle (``标题 2026-11-18
    阅读：12``). A date that is part of the title's wording (``关于2024年5月10日停电的通知``) is
    not the item's date. Short dates get their year from ``reference`` (see
    :func:`parse_date_text`).
    """
    plain = normalise(text)
    chosen = _choose_list_date(plain, list(scan_dates(plain, reference=reference, normalised=True)))
    if chosen is None:
        return None
    start, end = chosen.start, chosen.end
    if start > 0 and end < len(plain) and plain[start - 1] + plain[end] in ("[]", "()", "<>"):
        start, end = start - 1, end + 1  # shown as "[11-18]": keep the brackets in the evidence
    return DisplayedDate(chosen.date, "list-item", text[start:end].strip())


def find_publication_date(
    page: Page, html: str | None = None, *, reference: datetime.date
) -> DisplayedDate | None:
    """An article page's own publication date, or None when the page shows none.

    ``reference`` is the inspection day (for dates written without a year); ``html`` is the
    page's markup, needed only for the htmldate fallback. See the module docs for the order in
    which sources are tried.
    """
    from_meta = meta_date(page, reference=reference)
    if from_meta is not None:
        return DisplayedDate(from_meta[0], "meta", from_meta[1])
    written = None
    for found in header_dates(page):
        if found.label is not Label.WRITTEN:
            return DisplayedDate(found.date, "header", found.text)
        written = written or found
    from_url = url_date(page.url)
    if from_url is not None:
        return DisplayedDate(from_url[0], "url", from_url[1])
    if written is not None:
        return DisplayedDate(written.date, "header", written.text)
    if html is not None:
        day = htmldate_date(html, page.url, reference=reference)
        if day is not None:
            return DisplayedDate(day, "htmldate", day.isoformat())
    return None
