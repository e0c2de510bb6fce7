"""Crawl-trap defence: endless calendars, query permutations, repeating paths.

A government site's calendar widget or a search form can generate infinitely
many URLs. The crawler keeps going on everything else and reports how many
URLs it declined and why, so the editor can see that coverage was limited.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from urllib.parse import urlsplit

from govinspect.settings import CrawlSettings

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?:[-/_.]?(0?[1-9]|1[0-2]))(?!\d)")
_YEAR_PARAM = re.compile(r"(?:^|[?&])(?:year|y|yr|date|month|day|d|cal\w*)=(-?\d{1,8})", re.IGNORECASE)


class TrapGuard:
    """Decides whether a page URL is worth fetching; counts what it declined."""

    def __init__(self, settings: CrawlSettings, as_of: date) -> None:
        self._settings = settings
        self._as_of = as_of
        self._query_variants: Counter[str] = Counter()
        self.declined: Counter[str] = Counter()

    def admit(self, url: str, *, pagination: bool = False) -> bool:
        reason = self._reason(url, pagination)
        if reason is None:
            return True
        self.declined[reason] += 1
        return False

    def _reason(self, url: str, pagination: bool) -> str | None:
        s = self._settings
        if len(url) > s.max_url_length:
            return "URL too long"
        parts = urlsplit(url)
        segments = [p for p in parts.path.split("/") if p]
        if len(segments) > s.max_path_segments:
            return "path too deep"
        if segments and Counter(segments).most_common(1)[0][1] > s.max_repeated_segment:
            return "repeating path segments"
        if self._far_date(parts.path + "?" + parts.query):
            return "calendar date far from the inspection date"
        if parts.query:
            key = f"{parts.netloc}{parts.path}"
            self._query_variants[key] += 1
            limit = s.max_pagination_pages if pagination else s.max_query_variants_per_path
            if self._query_variants[key] > limit:
                return "too many query variants of one page"
        return None

    def _far_date(self, text: str) -> bool:
        """A year more than 30 years before, or after next year, in a calendar-like URL."""
        years = [int(m.group(1)) for m in _YEAR.finditer(text)]
        years += [int(m.group(1)) for m in _YEAR_PARAM.finditer(text) if len(m.group(1)) in (4, 6, 8)]
        for value in years:
            year = value if value < 10000 else int(str(value)[:4])
            if year > self._as_of.year + 1 or year < self._as_of.year - 30:
                return True
        return False
