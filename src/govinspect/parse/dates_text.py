"""Dates as they are written on Chinese government pages, found in plain text.

A *full* date names its year: ``2024年5月10日``, ``2024-05-10``, ``2024/5/10``,
``2024.05.10``, ``二〇二四年五月十日``, and ``11/5/2024`` as old ASP pages print it (month
first, the US order of their server's locale), each optionally followed by a time
(``09:30``, ``9:30:00``, ``9时30分``). A *short* date leaves the year out, as
list pages do: ``11-18``, ``11/18``, ``11月18日``; its year is inferred from a
reference day. Full-width digits and punctuation (``２０２４－０５－１０``) read
like their ASCII forms.

:func:`scan_dates` finds every date in a text with its position, so that callers
can judge what stands around it (a label such as 发布时间, brackets, a title).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "DateMatch",
    "infer_year",
    "make_date",
    "normalise",
    "parse_date_text",
    "scan_dates",
]

EARLIEST_YEAR = 1900
LATEST_YEAR = 2099
# A short date is given the latest year that does not put it more than this after the reference day.
SHORT_DATE_GRACE = datetime.timedelta(days=1)

# One character for one character, so that positions in the normalised text are positions in the original.
_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９－／．：\u3000（）【】［］",
    "0123456789-/.: ()[][]",
)

_CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"  # 09:30, 9:30:00, 09:30:00+08:00
_CHINESE_CLOCK = r"\d{1,2}时(?:\d{1,2}分(?:\d{1,2}秒)?)?"  # 9时30分
_TIME = rf"(?:\s*[T ]?\s*(?:{_CLOCK}|{_CHINESE_CLOCK})(?:\s*[AaPp][Mm])?)?"
_CN_DIGIT = "〇○零ＯO一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"

_YEAR_MONTH_DAY = r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})(?:\s*[日号]|(?![\d~～-]))"
_DASHED = r"(?<![\d.])(?P<y2>\d{4})(?P<sep>[-/.])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})(?![\d.])"
_CHINESE_NUMERALS = (
    rf"(?P<y3>[{_CN_DIGIT}]{{4}})\s*年\s*(?P<m3>[{_CN_SMALL}]{{1,2}})\s*月"
    rf"\s*(?P<d3>[{_CN_SMALL}]{{1,3}})\s*[日号]"
)
_US_ORDER = r"(?<![\d/.])(?P<m4>\d{1,2})/(?P<d4>\d{1,2})/(?P<y4>\d{4})(?![\d/])"
_FULL_DATE = re.compile(f"{_YEAR_MONTH_DAY}{_TIME}|{_DASHED}{_TIME}|{_CHINESE_NUMERALS}|{_US_ORDER}{_TIME}")
_SHORT_DATE = re.compile(
    r"(?<![\d./-])(?P<m>\d{1,2})(?P<sep>[-/])(?P<d>\d{1,2})(?![\d/-]|\.\d)" + _TIME
    + r"|(?<!\d)(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]" + _TIME
)  # fmt: skip
_COMPACT_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})" + _TIME)
_BRACKETS = " \t\r\n[]()<>「」『』{}"


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date found in a text: the day and where it stands (``text[start:end]`` is the date)."""

    date: datetime.date
    start: int
    end: int


def normalise(text: str) -> str:
    """Full-width digits, dashes, slashes, colons, spaces and brackets as ASCII; same length as ``text``."""
    return text.translate(_FULL_WIDTH)


def make_date(year: int, month: int, day: int) -> datetime.date | None:
    """The day, or None when it does not exist (2月30日) or the year is implausible."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, reference: datetime.date) -> datetime.date | None:
    """The latest day with this month and day that is at most one day after ``reference``.

    On 2026-01-05, ``12-28`` is 2025-12-28 and ``01-06`` is 2026-01-06 (tomorrow: clocks of
    a site and of the inspector may differ by a day); ``02-29`` is the last 29 February.
    """
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    latest = reference + SHORT_DATE_GRACE
    for year in range(latest.year, latest.year - 9, -1):
        candidate = make_date(year, month, day)
        if candidate is not None and candidate <= latest:
            return candidate
    return None


_CN_SMALL_NUMBER = re.compile("[一二三四五六七八九]|十[一二三四五六七八九]?|[二三]十[一二三四五六七八九]?")
_CN_DIGIT_VALUES = {char: index for index, char in enumerate("〇一二三四五六七八九")}
_CN_DIGIT_VALUES.update({"零": 0, "○": 0, "Ｏ": 0, "O": 0})


def _chinese_year(text: str) -> int:
    """二〇二四 → 2024 (digit by digit)."""
    value = 0
    for char in text:
        value = value * 10 + _CN_DIGIT_VALUES[char]
    return value


def _chinese_small_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31; None for anything else (二二, 四十)."""
    if _CN_SMALL_NUMBER.fullmatch(text) is None:
        return None
    tens, ten, units = text.partition("十")
    if not ten:
        return _CN_DIGIT_VALUES[text]
    return (_CN_DIGIT_VALUES[tens] if tens else 1) * 10 + (_CN_DIGIT_VALUES[units] if units else 0)


def _full_date(match: re.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    if groups["y"] is not None:
        return make_date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    if groups["y2"] is not None:
        return make_date(int(groups["y2"]), int(groups["m2"]), int(groups["d2"]))
    if groups["y4"] is not None:
        return make_date(int(groups["y4"]), int(groups["m4"]), int(groups["d4"]))
    month, day = _chinese_small_number(groups["m3"]), _chinese_small_number(groups["d3"])
    if month is None or day is None:
        return None
    return make_date(_chinese_year(groups["y3"]), month, day)


def _short_date(match: re.Match[str], reference: datetime.date) -> datetime.date | None:
    groups = match.groupdict()
    if groups["m"] is not None:
        return infer_year(int(groups["m"]), int(groups["d"]), reference)
    return infer_year(int(groups["m2"]), int(groups["d2"]), reference)


def scan_dates(
    text: str, *, reference: datetime.date | None = None, normalised: bool = False
) -> Iterator[DateMatch]:
    """Every valid date in ``text``, in order; short dates too when a ``reference`` day is given.

    Invalid days (``2024-02-30``) are skipped. A short date never overlaps a full one:
    ``2024-11-18`` is one full date, not also ``11-18``.
    """
    plain = text if normalised else normalise(text)
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    for match in _FULL_DATE.finditer(plain):
        taken.append(match.span())
        day = _full_date(match)
        if day is not None:
            found.append(DateMatch(day, match.start(), match.end()))
    if reference is not None:
        for match in _SHORT_DATE.finditer(plain):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            day = _short_date(match, reference)
            if day is not None:
                found.append(DateMatch(day, start, end))
    found.sort(key=lambda m: m.start)
    yield from found


def parse_date_text(text: str, *, reference: datetime.date) -> datetime.date | None:
    """The day ``text`` names when the whole text is one date (brackets and spaces around it allowed).

    Accepts ``YYYY年M月D日`` (Arabic, full-width or Chinese numerals, also with 时/分),
    ``YYYY-MM-DD``, ``YYYY/MM/DD``, ``YYYY.MM.DD`` with an optional time, ``M/D/YYYY`` (old
    ASP pages), ``YYYYMMDD`` (eight digits and nothing else), and short list dates ``11-18``, ``[11-18]``,
    ``11/18``, ``(11月18日)`` whose year is inferred from ``reference`` (see
    :func:`infer_year`). Days that do not exist (2月30日) give None, as does any other text.
    """
    plain = normalise(text).strip(_BRACKETS)
    if not plain:
        return None
    for pattern in (_FULL_DATE, _SHORT_DATE):
        match = pattern.fullmatch(plain)
        if match is not None:
            return _full_date(match) if pattern is _FULL_DATE else _short_date(match, reference)
    compact = _COMPACT_DATE.fullmatch(plain)
    if compact is not None:
        return make_date(int(compact["y"]), int(compact["m"]), int(compact["d"]))
    return None
