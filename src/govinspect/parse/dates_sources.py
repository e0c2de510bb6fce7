"""Publication dates outside the page text: ``<meta>`` elements, the URL, and htmldate.

- ``<meta name="PubDate" content="2024-11-05 10:00">`` is the national metadata standard for
  government pages (GB/T 33190-like sets written by TRS, 大汉 and other CMS); other names seen on
  news and government pages are read too (:data:`PUBLICATION_META_NAMES`, in order of trust).
  A time with a UTC offset (``2024-11-05T02:00:00Z``) is turned into Beijing time first: the
  inspection counts days as the site's readers see them.
- URLs of Chinese CMS carry the day: ``/t20241105_123.html`` (TRS), ``/art/2024/11/5/``
  (大汉), ``/2024-11/05/content_1.htm``, ``/20241105/abc/c.html``, ``/n1/2024/1105/``. A
  URL with only a month (``/202411/``) gives no day and is not used as one.
- htmldate (optional dependency) is a last resort: it misreads ``2024年5月10日`` as 2024-01-01,
  so its answer is dropped when the URL names another month.
"""

from __future__ import annotations

import datetime
import logging
import re
from urllib.parse import urlsplit

from govinspect.model import Page
from govinspect.parse.dates_text import make_date, parse_date_text

__all__ = ["PUBLICATION_META_NAMES", "htmldate_date", "meta_date", "url_date", "url_month"]

log = logging.getLogger(__name__)

PUBLICATION_META_NAMES = (
    "pubdate", "publishdate", "publish_date", "firstpublishedtime",
    "article:published_time", "og:published_time", "og:release_date", "publication_date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dc.date.created", "dcterms.created",
    "citation_publication_date", "citation_date", "prism.publicationdate", "date", "sailthru.date",
    "parsely-pub-date",
)  # fmt: skip
BEIJING = datetime.timezone(datetime.timedelta(hours=8), "Asia/Shanghai")
_EARLIEST_URL_YEAR = 1995

_URL_DAY_PATTERNS = (
    # /t20241105_123.html, /20241105/abc/c.html, /art_20241105.html
    re.compile(r"(?<![0-9A-Za-z])(?:t|art_?)?(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?=[_/.-]|$)"),
    # /art/2024/11/5/, /2024-11/05/, /2005-08-26/
    re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?=[/_.-]|$)"),
    # /202405/20/ (China Daily), /2024/0510/ (People's Daily)
    re.compile(r"/(?P<y>(?:19|20)\d{2})/?(?P<m>\d{2})/(?P<d>\d{2})(?=/)"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})(?=/)"),
)
_URL_MONTH = re.compile(r"/(?:t)?(?P<y>(?:19|20)\d{2})-?(?P<m>\d{2})(?=[/_])")


def _meta_moment(value: str, reference: datetime.date) -> datetime.date | None:
    text = value.strip()
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return parse_date_text(text, reference=reference)
    if moment.tzinfo is not None:
        moment = moment.astimezone(BEIJING)
    return make_date(moment.year, moment.month, moment.day)


def meta_date(page: Page, *, reference: datetime.date) -> tuple[datetime.date, str] | None:
    """The day of the first publication ``<meta>`` that holds a readable full date, with its markup."""
    values: dict[str, str] = {}
    for key, content in page.meta:
        values.setdefault(key, content)
    for name in PUBLICATION_META_NAMES:
        value = values.get(name, "")
        if not value or len(value) > 64:
            continue
        day = _meta_moment(value, reference)
        if day is not None and _has_year(value):
            return day, f'<meta name="{name}" content="{value.strip()}">'
    return None


def _has_year(value: str) -> bool:
    return re.search(r"(?:19|20)\d{2}", value) is not None


def url_date(url: str) -> tuple[datetime.date, str] | None:
    """The day written in the path of ``url`` (see the module docs), with the part it was read from."""
    path = urlsplit(url).path
    for pattern in _URL_DAY_PATTERNS:
        for match in pattern.finditer(path):
            year = int(match["y"])
            if year < _EARLIEST_URL_YEAR:
                continue
            day = make_date(year, int(match["m"]), int(match["d"]))
            if day is not None:
                return day, match.group(0).lstrip("/")
    return None


def url_month(url: str) -> tuple[int, int] | None:
    """(year, month) written in the path of ``url`` (``/202411/``, ``/2024-11/``), if any."""
    match = _URL_MONTH.search(urlsplit(url).path)
    if match is None or not 1 <= int(match["m"]) <= 12 or int(match["y"]) < _EARLIEST_URL_YEAR:
        return None
    return int(match["y"]), int(match["m"])


def htmldate_date(html: str, url: str, *, reference: datetime.date) -> datetime.date | None:
    """htmldate's reading of the publication date, or None (also when htmldate is not installed).

    Runs without its extensive search (which picks any date of the body text) and accepts dates
    up to ten years after ``reference``, so that a mistyped future date is still seen.
    """
    try:
        from htmldate import find_date
    except ImportError:
        log.debug("htmldate is not installed: no last-resort date for %s", url)
        return None
    try:
        found = find_date(
            html,
            extensive_search=False,
            original_date=True,
            outputformat="%Y-%m-%d",
            min_date=f"{_EARLIEST_URL_YEAR}-01-01",
            max_date=f"{reference.year + 10}-12-31",
        )
    except Exception:  # htmldate raises assorted errors on broken markup
        log.debug("htmldate failed on %s", url, exc_info=True)
        return None
    if not found:
        return None
    day = datetime.date.fromisoformat(found)
    month = url_month(url)
    if month is not None and month != (day.year, day.month):
        return None
    return day
