"""One site's stored pages, read for their lists: what each page shows besides the site's chrome.

Every page of a site repeats the same header (logo, navigation) and footer. Where a page's own
content starts and ends is found by comparing its text with the homepage's: the text they share
at the start is the header, at the end the footer (:func:`read_site`). Links in the header of the
homepage are the site's navigation; links found on most pages are chrome wherever they stand.
What is left — the content region — holds the page's breadcrumb, its lists and its placeholder.
"""

from __future__ import annotations

import datetime
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from govinspect.model import Page
from govinspect.model.crawl import CrawledPage
from govinspect.model.site import bare_host
from govinspect.parse.columns_lists import (
    Breadcrumb,
    ListEntry,
    PlacedLink,
    find_breadcrumb,
    is_more_link,
    list_entries,
    place_links,
    placeholder_in,
)
from govinspect.parse.dates import DisplayedDate, find_publication_date

__all__ = ["PageReading", "SiteReading", "page_identity", "read_site"]

# The start of a page's content kept to tell an empty list (or a note explaining it) from content.
CONTENT_CHARS_KEPT = 300
# A page with this many dated list items is a list page, whatever date it shows under its heading.
LIST_MIN_DATED_ENTRIES = 3
# A link target present on at least this share of a site's pages is chrome (navigation, footer) …
CHROME_LINK_SHARE = 0.5
# … once the site has this many pages (below it, every page would look like chrome).
CHROME_MIN_PAGES = 6
_DISPLAYED_SOURCES = frozenset({"meta", "header"})
_ARTICLE_META = ("articletitle", "pubdate")
_SHORTEST_TITLE = 2
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|－|—|--|-)\s*")
_PAGER_WORDS = re.compile(
    r"首页|上一页|下一页|尾页|末页|前一页|后一页|上页|下页|当前|共\s*\d+\s*[页条篇]|第\s*\d+\s*页|每页\s*\d+\s*条|"
    r"\d+\s*/\s*\d+\s*页?|记录|跳转|转到|到第|页|确定|GO",
    re.IGNORECASE,
)
# Column headings of a list drawn as a table, shown even when it has no row.
_HEADER_WORDS = re.compile(
    r"序号|编号|标题|名称|主题|文号|索引号|分类|发布机构|发文机关|发布单位|发布部门|公开部门|来源|"
    r"发布日期|发布时间|成文日期|更新日期|更新时间|日期|时间|办理状态|回复状态|状态|留言时间|浏览次数|"
    r"点击数|浏览|点击|操作"
)
_NOT_CONTENT = re.compile(r"[\s\W_]+")
_LEADING_DATE = re.compile(
    r"\s*[\[(（【]?\s*(?:\d{4}\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?\s*[\])）】]?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?=\s|$)"
)
# A note that says why a list is empty (信息公开目录: "本机关不涉及此类信息") is not a blank column.
_EXPLANATIONS = ("不涉及", "无此项", "无此类", "不予公开", "原因", "说明")


@lru_cache(maxsize=1 << 16)
def page_identity(url: str) -> str:
    """What makes two URLs the same page here: host without ``www.``, port, path and query.

    The scheme and a www/bare twin host do not make another page.
    """
    parts = urlsplit(url)
    port = parts.port if parts.port not in (None, 80, 443) else None
    host = bare_host((parts.hostname or "").lower())
    where = f"{host}:{port}" if port else host
    return f"{where}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True, slots=True)
class PageReading:
    """What one stored page shows, as the column model needs it."""

    url: str
    key: str
    depth: int
    record_id: str | None
    title: str
    column_name_meta: str | None
    column_type_meta: str | None
    has_article_meta: bool
    publication: DisplayedDate | None  # the page's own displayed date (meta or header), if any
    breadcrumb: Breadcrumb | None
    crumb_links: tuple[tuple[str, str], ...]  # (key, name) of the breadcrumb's links
    entries: tuple[ListEntry, ...]
    pagination: frozenset[str]  # keys of the other pages of its list
    more_links: tuple[tuple[str, str, str], ...]  # (key, url, heading before 更多)
    lead_links: tuple[tuple[str, str, str], ...]  # (key, url, text) before the content: the navigation
    content_text: str  # the start of the content region, without the breadcrumb
    placeholder: str | None
    is_homepage_alias: bool  # the homepage's very text at another address (/index.html)
    has_frames: bool  # shows other pages in frames: its list may be in one of them

    @property
    def dated_entries(self) -> int:
        return sum(entry.date is not None for entry in self.entries)

    @property
    def is_article(self) -> bool:
        """One article with its own publication date, not a list of dated items.

        A date under a list page's heading is its first item's date, not the page's own.
        """
        if self.has_article_meta:
            return True
        if self.publication is None or self.placeholder is not None:
            return False
        if self.dated_entries >= LIST_MIN_DATED_ENTRIES:
            return False
        return all(entry.date is None or entry.date.date != self.publication.date for entry in self.entries)

    @property
    def title_name(self) -> str:
        """The first part of the page title (通知公告_某某市人民政府 → 通知公告)."""
        return _TITLE_SEPARATORS.split(self.title.strip(), maxsplit=1)[0].strip()

    def is_empty_list(self, column_name: str) -> bool:
        """Nothing but the column's name, a pager or a table header where its list should be."""
        rest = self.content_text.replace(column_name, " ") if column_name else self.content_text
        rest = _HEADER_WORDS.sub(" ", _PAGER_WORDS.sub(" ", rest))
        return not _NOT_CONTENT.sub("", rest)

    @property
    def explains_emptiness(self) -> bool:
        return any(word in self.content_text for word in _EXPLANATIONS)


@dataclass(frozen=True, slots=True)
class _Stored:
    page: Page
    key: str
    depth: int
    record_id: str | None
    meta: dict[str, str]
    placed: tuple[PlacedLink, ...]
    link_keys: frozenset[str]
    pagination: frozenset[str]
    has_frames: bool

    @property
    def text(self) -> str:
        return self.page.text


@dataclass(frozen=True, slots=True)
class SiteReading:
    """Every page of a site read for its lists; ``homepage`` is None when none was stored."""

    homepage: PageReading | None
    pages: dict[str, PageReading]  # by key
    homepage_links: frozenset[str] = frozenset()  # keys of every page the homepage links to


def _store(crawled: CrawledPage) -> _Stored:
    page = crawled.page
    meta = {name: value.strip() for name, value in reversed(page.meta) if value and value.strip()}
    keys = frozenset(page_identity(link.url) for link in page.links if link.tag == "a")
    pagination = frozenset(page_identity(link.url) for link in page.links if link.pagination)
    return _Stored(
        page=Page(url=page.url, title=page.title, text=page.text, meta=page.meta),  # what dates need
        key=page_identity(page.url),
        depth=crawled.depth,
        record_id=crawled.record_id,
        meta=meta,
        placed=tuple(place_links(page.text, page.links)),
        link_keys=keys,
        pagination=pagination,
        has_frames=any(link.tag in ("iframe", "frame") for link in page.links),
    )


def _publication(stored: _Stored, reference: datetime.date) -> DisplayedDate | None:
    """The page's own date as it displays it (meta or header), not one read from its address."""
    found = find_publication_date(stored.page, reference=reference)
    return found if found is not None and found.source in _DISPLAYED_SOURCES else None


def _shared_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    index = 0
    while index < limit and a[index] == b[index]:
        index += 1
    if index < limit:  # stop at the last space: a word both pages start differently is content
        index = a.rfind(" ", 0, index) + 1
    return index


def _shared_suffix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    index = 0
    while index < limit and a[-1 - index] == b[-1 - index]:
        index += 1
    if index == 0:
        return 0
    start = len(a) - index
    if index < limit and a[start] != " " and a[start - 1] != " ":
        start = a.find(" ", start)  # start at the next space: a word both pages end alike is content
        if start < 0:
            return 0
    while (leading := _LEADING_DATE.match(a, start)) is not None:
        start = leading.end()  # a footer does not start with a date: it is the last item's, on both pages
    return len(a) - start


def _bounds(stored: _Stored, home: _Stored | None, home_chrome: tuple[int, int]) -> tuple[int, int]:
    """The content region of a page: after the header and before the footer it shares with the homepage.

    The shared parts are capped at the homepage's typical header and footer, so that a page whose
    last item happens to end like the homepage keeps that item's date.
    """
    length = len(stored.text)
    if home is None:
        return 0, length
    prefix, suffix = home_chrome
    if stored.key != home.key:
        if stored.text == home.text:  # an alias of the homepage
            return length, length
        prefix = min(prefix, _shared_prefix(stored.text, home.text))
        suffix = min(suffix, _shared_suffix(stored.text, home.text))
    if prefix + suffix >= length:
        return length, length
    return prefix, length - suffix


def _read(
    stored: _Stored,
    bounds: tuple[int, int],
    chrome: frozenset[str],
    home_key: str | None,
    reference: datetime.date,
) -> PageReading:
    low, high = bounds
    text, placed = stored.text, stored.placed
    crumb = find_breadcrumb(text)
    in_crumb = (
        (lambda link: crumb.start <= link.start and link.end <= crumb.end)
        if crumb is not None
        else (lambda link: False)
    )
    candidates: list[int] = []
    more: list[tuple[str, str, str]] = []
    for index, link in enumerate(placed):
        if not (low <= link.start and link.end <= high) or link.pagination or in_crumb(link):
            continue
        key = page_identity(link.url)
        if is_more_link(link.text):
            heading_from = placed[index - 1].end if index else low
            more.append((key, link.url, text[max(heading_from, link.start - 20) : link.start].strip()))
            continue
        if key in chrome or key in (stored.key, home_key) or len(link.text.strip()) < _SHORTEST_TITLE:
            continue
        if link.url.startswith(("http://", "https://")):
            candidates.append(index)
    entries = list_entries(text, placed, candidates, bounds, reference=reference)
    meta = stored.meta
    has_article_meta = any(name in meta for name in _ARTICLE_META)
    dated = sum(entry.date is not None for entry in entries)
    article_like = has_article_meta or dated < LIST_MIN_DATED_ENTRIES
    content = text[low:high]
    if crumb is not None and low <= crumb.start < high:
        content = text[low : crumb.start] + " " + text[crumb.end : high]
    return PageReading(
        url=stored.page.url,
        key=stored.key,
        depth=stored.depth,
        record_id=stored.record_id,
        title=stored.page.title,
        column_name_meta=meta.get("columnname"),
        column_type_meta=meta.get("columntype"),
        has_article_meta=has_article_meta,
        publication=_publication(stored, reference) if article_like else None,
        breadcrumb=crumb,
        crumb_links=tuple((page_identity(link.url), link.text.strip()) for link in placed if in_crumb(link)),
        entries=entries,
        pagination=stored.pagination - {stored.key},
        more_links=tuple(more),
        lead_links=tuple(
            (page_identity(link.url), link.url, link.text.strip())
            for link in placed
            if link.end <= low and not link.pagination
        ),
        content_text=content.strip()[:CONTENT_CHARS_KEPT],
        placeholder=placeholder_in(content),
        is_homepage_alias=low == high == len(text) and stored.key != home_key and bool(text),
        has_frames=stored.has_frames,
    )


def read_site(
    pages: Iterable[CrawledPage] | Callable[[], Iterable[CrawledPage]],
    homepage_url: str | None,
    reference: datetime.date,
) -> SiteReading:
    """Read every page of a site: content region, breadcrumb, list entries with dates, navigation.

    The homepage is the page at ``homepage_url`` (else the least deep page). Its chrome is the
    text it shares with the middle (median) page at the start and at the end.

    Given a function that streams the pages (a crawl's stored pages), the site is read in three
    passes — homepage and shared links, shared text, then each page — so only the small per-page
    readings stay in memory, not every page.
    """
    source: Callable[[], Iterable[CrawledPage]] = pages if callable(pages) else _replayable(pages)
    wanted = page_identity(homepage_url) if homepage_url else None
    home_page: CrawledPage | None = None
    fallback: CrawledPage | None = None
    counts: Counter[str] = Counter()
    keys: set[str] = set()
    for crawled in source():  # 1: which page is the homepage, and which links every page shares
        key = page_identity(crawled.page.url)
        if key in keys:
            continue
        keys.add(key)
        counts.update(frozenset(page_identity(link.url) for link in crawled.page.links if link.tag == "a"))
        if key == wanted and home_page is None:
            home_page = crawled
        if fallback is None or (crawled.depth, len(crawled.page.url)) < (
            fallback.depth,
            len(fallback.page.url),
        ):
            fallback = crawled
    if fallback is None:
        return SiteReading(None, {})
    home = _store(home_page or fallback)
    home_key = home.key
    prefixes: list[int] = []
    suffixes: list[int] = []
    keys.clear()
    for crawled in source():  # 2: how much text every page shares with the homepage
        key = page_identity(crawled.page.url)
        if key in keys or key == home_key:
            keys.add(key)
            continue
        keys.add(key)
        prefixes.append(_shared_prefix(home.text, crawled.page.text))
        suffixes.append(_shared_suffix(home.text, crawled.page.text))
    home_chrome = (int(statistics.median(prefixes)), int(statistics.median(suffixes))) if prefixes else (0, 0)
    chrome = (
        frozenset(key for key, count in counts.items() if count >= CHROME_LINK_SHARE * len(keys))
        if len(keys) >= CHROME_MIN_PAGES
        else frozenset()
    )
    readings: dict[str, PageReading] = {}
    for crawled in source():  # 3: each page, once
        stored = home if page_identity(crawled.page.url) == home_key else _store(crawled)
        if stored.key not in readings:
            readings[stored.key] = _read(
                stored, _bounds(stored, home, home_chrome), chrome, home_key, reference
            )
    return SiteReading(readings[home_key], readings, home.link_keys)


def _replayable(pages: Iterable[CrawledPage]) -> Callable[[], Iterable[CrawledPage]]:
    kept = list(pages)
    return lambda: kept
