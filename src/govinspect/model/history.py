"""What an earlier crawl of a site saw in its columns: the reference the history checks compare with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class PreviousItem:
    """An item a column listed in the previous crawl.

    ``displayed_date`` is the publication date it displayed then (None: none); ``first_seen`` is
    the day of the crawl that first listed it (the previous crawl, or an earlier one).
    """

    column_url: str
    title: str
    displayed_date: date | None
    first_seen: date
