"""The columns (栏目) of a site, discovered from its stored pages: what the freshness checks judge.

A column is a list of items (title, link, displayed publication date) spread over one or more list
pages (``index.html``, ``index_1.html`` …). :func:`discover_columns` finds a site's columns from

- the homepage's navigation and its 更多 links, and 更多 links on column index pages;
- breadcrumbs (当前位置：首页 > 政务公开 > 通知公告) and their links, on list and article pages;
- ``<meta name="ColumnName">`` on list pages;
- the shape of a page: several dated links make a list page, one dated text an article page.

Pages of one list (joined by pagination links) are one column, as is a column reached from
several menus. A page that only leads to other columns (a channel page such as 政务公开 with
blocks of its sub-columns) is not itself a column: it makes those columns second-level.

An item's date is the date its own article page displays (``PubDate`` meta, then the header's
发布时间 …) when the article was crawled and the list shows no year; else the date the list shows.
Items without a displayed date stay undated: the national rule counts them as not updated.

The model is pure: the same pages and reference day give the same columns.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from govinspect.model.crawl import CrawledPage
from govinspect.parse.columns_pages import (
    LIST_MIN_DATED_ENTRIES,
    PageReading,
    SiteReading,
    page_identity,
    read_site,
)
from govinspect.parse.columns_types import ColumnKeywords, ColumnType, default_column_keywords
from govinspect.parse.dates import DisplayedDate

__all__ = [
    "Column",
    "ColumnItem",
    "DatedItem",
    "SiteColumns",
    "discover_columns",
    "survey_site",
]

# A page leading to this many other columns is a channel (index) page, not a column.
INDEX_MIN_CHILDREN = 2
_YEAR = re.compile(r"(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}\s*年")
_PAGE_NUMBER = re.compile(
    r"_\d+\.\w+$|[?&](?:page|pageno|pn|p|pageindex|curpage|currentpage)=\d+", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class ColumnItem:
    """One item of a list: its title, its page, and the publication date it displays (None: none)."""

    title: str
    url: str
    date: datetime.date | None
    date_text: str  # the date as displayed ("[11-18]", "发布时间：2026-11-18 10:00"); "" when none


@dataclass(frozen=True, slots=True)
class Column:
    """A column (栏目): its name, first list page, level (1 = 一级栏目), type and items.

    ``items`` are in list order (newest first on most sites), each once. ``is_blank`` is True
    when the list shows nothing, or only a placeholder (``placeholder``: 暂无信息, 正在建设中 …).
    ``pages`` are the URLs of all its list pages, first page first; ``record_id`` is the WARC
    record of the first page, the evidence a finding points at.
    """

    name: str
    url: str
    level: int
    type: ColumnType
    items: tuple[ColumnItem, ...]
    is_blank: bool
    pages: tuple[str, ...]
    placeholder: str | None = None
    record_id: str | None = None

    def newest(self, as_of: datetime.date) -> ColumnItem | None:
        """The item with the latest displayed date on or before ``as_of`` (None: no dated item)."""
        dated = [item for item in self.items if item.date is not None and item.date <= as_of]
        return max(dated, key=lambda item: item.date or datetime.date.min, default=None)


@dataclass(frozen=True, slots=True)
class DatedItem:
    """A page whose displayed publication date is known: an article, or an item of some list.

    ``shown_on`` lists the pages that list it (empty for an article no crawled list shows);
    ``record_id`` is the WARC record of its own page when it was crawled, else of a list showing it.
    ``year_shown`` is False when the date was shown without its year (``[11-18]``): the year is
    then inferred (see :func:`govinspect.parse.dates.parse_date_text`).
    """

    url: str
    title: str
    date: datetime.date
    date_text: str
    shown_on: tuple[str, ...]
    record_id: str | None
    year_shown: bool


@dataclass(frozen=True, slots=True)
class SiteColumns:
    """Everything the freshness checks read about one site.

    ``homepage_items`` are the items the homepage lists. When none of them shows a date the
    homepage is only a navigation entry, and ``second_level_items`` (the items and articles of
    the pages it links to) say whether the site was updated.
    """

    homepage_url: str | None
    homepage_record: str | None
    homepage_items: tuple[ColumnItem, ...]
    second_level_items: tuple[ColumnItem, ...]
    columns: tuple[Column, ...]
    dated_items: tuple[DatedItem, ...]

    @property
    def homepage_is_navigation_only(self) -> bool:
        return not any(item.date is not None for item in self.homepage_items)


def _has_year(text: str) -> bool:
    return _YEAR.search(text) is not None


class _Dates:
    """Resolves the displayed date of each item from its list entries and its own article page."""

    def __init__(self, reading: SiteReading) -> None:
        self._articles = {key: page for key, page in reading.pages.items() if page.is_article}

    def item(self, title: str, url: str, listed: DisplayedDate | None) -> ColumnItem:
        article = self._articles.get(page_identity(url))
        own = article.publication if article is not None else None
        if listed is not None and (own is None or _has_year(listed.text)):
            return ColumnItem(title, url, listed.date, listed.text)
        if own is not None:
            return ColumnItem(title, url, own.date, own.text)
        return ColumnItem(title, url, None, "")

    def articles(self) -> Iterator[PageReading]:
        return iter(self._articles.values())

    def filed_under(self, key: str) -> str | None:
        """The list page an article's breadcrumb links to last (its own column), if it was crawled."""
        article = self._articles.get(key)
        if article is None or not article.crumb_links:
            return None
        return article.crumb_links[-1][0]


class _Groups:
    """Union-find over page keys: the pages of one list."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self._parent.setdefault(key, key)
        if parent != key:
            parent = self._parent[key] = self.find(parent)
        return parent

    def join(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)


@dataclass(frozen=True, slots=True)
class _Signals:
    """How a site points at its columns: navigation, 更多 links, breadcrumb links (with names)."""

    nav: dict[str, str]  # key → link text
    more: dict[str, str]  # key → heading before 更多
    crumbs: dict[str, str]  # key → breadcrumb name
    from_home: frozenset[str]  # every page the homepage links to

    @classmethod
    def of(cls, reading: SiteReading) -> _Signals:
        home = reading.homepage
        nav: dict[str, str] = {}
        from_home: set[str] = set()
        if home is not None:
            for key, _, text in home.lead_links:
                if key != home.key and text:
                    nav.setdefault(key, text)
            from_home = set(reading.homepage_links)
        more: dict[str, str] = {}
        crumbs: dict[str, str] = {}
        for page in reading.pages.values():
            for key, _, heading in page.more_links:
                more.setdefault(key, heading)
            for key, name in page.crumb_links:
                crumbs.setdefault(key, name)
        return cls(nav, more, crumbs, frozenset(from_home))


def _is_list_page(page: PageReading, signals: _Signals, home_key: str | None) -> bool:
    if page.key == home_key or page.is_homepage_alias or page.is_article:
        return False
    if page.dated_entries >= LIST_MIN_DATED_ENTRIES or page.column_name_meta or page.pagination:
        return True
    if page.placeholder is not None and page.breadcrumb is not None:
        return True
    return page.key in signals.nav or page.key in signals.more or page.key in signals.crumbs


def _group_lists(lists: dict[str, PageReading]) -> dict[str, list[PageReading]]:
    """The list pages of each column: joined by pagination, or the same list under two addresses."""
    groups = _Groups()
    by_entries: dict[tuple[str, tuple[str, ...]], str] = {}
    for key, page in lists.items():
        groups.find(key)
        for other in page.pagination:
            if other in lists:
                groups.join(key, other)
        if page.entries:
            named = page.breadcrumb.names[-1] if page.breadcrumb is not None else page.title_name
            signature = (page.column_name_meta or named, tuple(page_identity(e.url) for e in page.entries))
            groups.join(key, by_entries.setdefault(signature, key))
    members: dict[str, list[PageReading]] = defaultdict(list)
    for key, page in lists.items():
        members[groups.find(key)].append(page)
    return members


def _first_page(pages: list[PageReading], signals: _Signals) -> PageReading:
    """The list's first page: the one the navigation links to, else a 更多 link, else a breadcrumb …"""

    def rank(page: PageReading) -> tuple[bool, bool, bool, bool, bool, int, str]:
        return (
            page.key not in signals.nav,
            page.key not in signals.more,
            page.key not in signals.crumbs,
            _PAGE_NUMBER.search(page.url) is not None,
            bool(page.pagination) and not page.entries,
            len(page.url),
            page.url,
        )

    return min(pages, key=rank)


def _column_name(first: PageReading, pages: list[PageReading], signals: _Signals) -> str:
    metas = Counter(page.column_name_meta for page in pages if page.column_name_meta)
    if metas:
        return metas.most_common(1)[0][0]
    for page in (first, *pages):
        if page.breadcrumb is not None:
            return page.breadcrumb.names[-1]
    for names in (signals.nav, signals.crumbs, signals.more):
        name = names.get(first.key)
        if name:
            return name
    return first.title_name


def _children(members: dict[str, list[PageReading]], root_of: dict[str, str]) -> dict[str, frozenset[str]]:
    """Columns each column leads to through its 更多 links and list entries (channel pages)."""
    children: dict[str, frozenset[str]] = {}
    for root, pages in members.items():
        targets = {root_of[key] for page in pages for key, _, _ in page.more_links if key in root_of}
        targets |= {
            root_of[key]
            for page in pages
            for key in (page_identity(entry.url) for entry in page.entries)
            if key in root_of
        }
        children[root] = frozenset(targets - {root})
    return children


def _level(
    root: str,
    firsts: dict[str, PageReading],
    parents: dict[str, str],
    signals: _Signals,
    levels: dict[str, int],
) -> int:
    """1 for a first-level column: by its breadcrumb, else its channel page, else where it is linked."""
    if root in levels:
        return levels[root]
    levels[root] = 1  # guards against channel pages leading to each other
    first = firsts[root]
    if first.breadcrumb is not None:
        level = len(first.breadcrumb.names)
    elif root in parents:
        level = _level(parents[root], firsts, parents, signals, levels) + 1
    else:
        level = 1 if first.key in signals.from_home else 2
    levels[root] = level
    return level


def _foreign_entries(
    members: dict[str, list[PageReading]], root_of: dict[str, str], dates: _Dates
) -> dict[str, frozenset[str]]:
    """Entries that a column's pages show but that belong to another column.

    A list page often carries a sidebar of another column's newest items (最新动态, 热点信息).
    An item listed by several columns belongs to the one its own article's breadcrumb names,
    when that column lists it too; the others only show it.
    """
    listed_in: dict[str, set[str]] = defaultdict(set)
    for root, pages in members.items():
        for page in pages:
            for entry in page.entries:
                listed_in[page_identity(entry.url)].add(root)
    foreign: dict[str, set[str]] = defaultdict(set)
    for key, roots in listed_in.items():
        if len(roots) < 2:
            continue
        filed_under = dates.filed_under(key)
        owner = root_of.get(filed_under) if filed_under is not None else None
        if owner in roots:
            for root in roots - {owner}:
                foreign[root].add(key)
    return {root: frozenset(keys) for root, keys in foreign.items()}


def _column(
    pages: list[PageReading],
    first: PageReading,
    level: int,
    dates: _Dates,
    keywords: ColumnKeywords,
    signals: _Signals,
    foreign: frozenset[str],
) -> Column:
    name = _column_name(first, pages, signals)
    ordered = [first, *sorted((p for p in pages if p is not first), key=lambda p: (len(p.url), p.url))]
    seen: set[str] = set()
    items: list[ColumnItem] = []
    for page in ordered:
        for entry in page.entries:
            key = page_identity(entry.url)
            if key not in seen and key not in foreign:
                seen.add(key)
                items.append(dates.item(entry.title, entry.url, entry.date))
    placeholder = next((p.placeholder for p in ordered if p.placeholder), None)
    explained = any(page.explains_emptiness for page in ordered)
    empty = all(page.is_empty_list(name) and not page.has_frames for page in ordered)
    blank = not items and not explained and (placeholder is not None or empty)
    meta_type = next((p.column_type_meta for p in ordered if p.column_type_meta), None)
    return Column(
        name=name,
        url=first.url,
        level=level,
        type=keywords.classify(name, meta_type),
        items=tuple(items),
        is_blank=blank,
        pages=tuple(page.url for page in ordered),
        placeholder=placeholder if blank else None,
        record_id=first.record_id,
    )


def _columns(reading: SiteReading, dates: _Dates, keywords: ColumnKeywords) -> tuple[Column, ...]:
    signals = _Signals.of(reading)
    home_key = reading.homepage.key if reading.homepage is not None else None
    lists = {key: page for key, page in reading.pages.items() if _is_list_page(page, signals, home_key)}
    members = _group_lists(lists)
    root_of = {page.key: root for root, pages in members.items() for page in pages}
    firsts = {root: _first_page(pages, signals) for root, pages in members.items()}
    children = _children(members, root_of)
    channels = {root for root, targets in children.items() if len(targets) >= INDEX_MIN_CHILDREN}
    parents = {child: root for root in sorted(channels) for child in children[root]}
    foreign = _foreign_entries(members, root_of, dates)
    levels: dict[str, int] = {}
    columns = [
        _column(
            pages,
            firsts[root],
            _level(root, firsts, parents, signals, levels),
            dates,
            keywords,
            signals,
            foreign.get(root, frozenset()),
        )
        for root, pages in members.items()
        if root not in channels
    ]
    return tuple(sorted(columns, key=lambda column: column.url))


def _homepage_items(
    reading: SiteReading, dates: _Dates
) -> tuple[tuple[ColumnItem, ...], tuple[ColumnItem, ...]]:
    home = reading.homepage
    if home is None:
        return (), ()
    items = tuple(dates.item(entry.title, entry.url, entry.date) for entry in home.entries)
    second: list[ColumnItem] = []
    for page in reading.pages.values():
        if page.depth != 1 or page.key == home.key:
            continue
        second.extend(dates.item(entry.title, entry.url, entry.date) for entry in page.entries)
        if page.is_article and page.publication is not None:
            second.append(ColumnItem(page.title_name, page.url, page.publication.date, page.publication.text))
    return items, tuple(second)


def _dated_items(reading: SiteReading, dates: _Dates) -> tuple[DatedItem, ...]:
    shown_on: dict[str, list[str]] = defaultdict(list)
    resolved: dict[str, ColumnItem] = {}
    for page in reading.pages.values():
        for entry in page.entries:
            key = page_identity(entry.url)
            shown_on[key].append(page.url)
            item = dates.item(entry.title, entry.url, entry.date)
            if item.date is not None and key not in resolved:
                resolved[key] = item
    for article in dates.articles():
        if article.key not in resolved and article.publication is not None:
            resolved[article.key] = ColumnItem(
                article.title_name, article.url, article.publication.date, article.publication.text
            )
    records = {key: page.record_id for key, page in reading.pages.items()}
    found = [
        DatedItem(
            url=item.url,
            title=item.title,
            date=item.date,
            date_text=item.date_text,
            shown_on=tuple(sorted(set(shown_on.get(key, ())))),
            record_id=records.get(key)
            or next((records.get(page_identity(url)) for url in sorted(shown_on.get(key, ()))), None),
            year_shown=_has_year(item.date_text),
        )
        for key, item in resolved.items()
        if item.date is not None
    ]
    return tuple(sorted(found, key=lambda dated: dated.url))


def survey_site(
    pages: Iterable[CrawledPage] | Callable[[], Iterable[CrawledPage]],
    homepage_url: str | None,
    reference: datetime.date,
    keywords: ColumnKeywords | None = None,
) -> SiteColumns:
    """Read a site's stored pages once: its columns, its homepage's items, every dated item.

    ``pages`` may be a function that streams them (then they are read in passes, not held in memory).
    ``reference`` is the monitoring day T (for list dates written without a year); ``keywords``
    classify column types (the built-in ``column_types.yaml`` by default).
    """
    reading = read_site(pages, homepage_url, reference)
    dates = _Dates(reading)
    homepage_items, second_level = _homepage_items(reading, dates)
    home = reading.homepage
    return SiteColumns(
        homepage_url=home.url if home is not None else None,
        homepage_record=home.record_id if home is not None else None,
        homepage_items=homepage_items,
        second_level_items=second_level,
        columns=_columns(reading, dates, keywords or default_column_keywords()),
        dated_items=_dated_items(reading, dates),
    )


def discover_columns(
    pages: Iterable[CrawledPage], homepage_url: str | None, reference: datetime.date
) -> tuple[Column, ...]:
    """The columns of a site, sorted by URL (see the module documentation for how they are found)."""
    return survey_site(pages, homepage_url, reference).columns
