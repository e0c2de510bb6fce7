"""Collectors: one per kind of source, behind one interface.

A collector reads what one account published and returns a :class:`Collection` — the posts
(date, title, text, URL, interaction counts where given), the channels and whether comments are
open — or a collection with ``error`` saying why nothing could be read. It never raises for a
source problem. Kinds (``Account.source``):

- ``rss`` — an RSS 0.9x/1.0/2.0 or Atom feed (:mod:`.rss`);
- ``json`` — the documented JSON export, from a file or a URL (:mod:`.json_export`);
- ``html`` — a list page: the web view of an app or mini-site, an account page (:mod:`.html_list`);
- ``api`` — a platform's API, credentials from the environment (:mod:`.platforms`).

When the registry does not say, :func:`collector_for` guesses from the feed's address and,
failing that, from what the feed answers. Sessions come from :func:`open_session`, which
applies the crawler's address rule (see :mod:`.fetching`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

import aiohttp

from govinspect.crawl.safety import IPNetwork
from govinspect.model.account import Account, Collection, SourceKind
from govinspect.newmedia.collect.common import failed
from govinspect.newmedia.collect.fetching import SourceError, named_hosts, read_source
from govinspect.newmedia.collect.fetching import open_session as _open_session
from govinspect.newmedia.collect.html_list import HtmlListCollector, read_list_page
from govinspect.newmedia.collect.json_export import JsonExportCollector, read_export
from govinspect.newmedia.collect.platforms import PLATFORM_APIS, PlatformApiCollector, api_base_urls
from govinspect.newmedia.collect.rss import RssCollector, read_feed
from govinspect.settings import ResolveEntry

__all__ = [
    "COLLECTORS",
    "Collector",
    "SniffingCollector",
    "collect",
    "collector_for",
    "open_session",
    "sniff_source",
]


class Collector(Protocol):
    """Reads one account's posts. ``as_of`` is the moment of collection (timezone-aware)."""

    source: SourceKind

    async def collect(
        self, account: Account, session: aiohttp.ClientSession, as_of: datetime
    ) -> Collection: ...


COLLECTORS: dict[SourceKind, Collector] = {
    "rss": RssCollector(),
    "json": JsonExportCollector(),
    "html": HtmlListCollector(),
    "api": PlatformApiCollector(),
}

_FEED_WORDS = ("rss", "atom", "feed")


def sniff_source(body: bytes) -> SourceKind:
    """What a body is: a JSON export, an RSS/Atom feed, or (anything else) an HTML list page."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "html" if b"<html" in head else "rss"
    return "html"


def _guess_from_address(location: str) -> SourceKind | None:
    parts = urlsplit(location)
    path = parts.path.lower()
    if path.endswith(".json"):
        return "json"
    if path.endswith((".xml", ".rss", ".atom")) or any(w in path.rsplit("/", 1)[-1] for w in _FEED_WORDS):
        return "rss"
    if path.endswith((".html", ".htm", ".shtml", ".jsp", ".php", ".aspx")):
        return "html"
    return None


class SniffingCollector:
    """For a feed whose kind neither the registry nor its address says: reads it, then decides."""

    source: SourceKind = "html"

    async def collect(self, account: Account, session: aiohttp.ClientSession, as_of: datetime) -> Collection:
        location = account.feed or account.url
        if not location:
            return failed(
                account, as_of, "html", "the registry names no feed, page or API source for this account"
            )
        try:
            fetched = await read_source(session, location)
        except SourceError as exc:
            return failed(account, as_of, "html", str(exc))
        kind = sniff_source(fetched.body)
        if kind == "json":
            return read_export(account, fetched.body, as_of)
        if kind == "rss":
            return read_feed(account, fetched.location, fetched.body, fetched.content_type, as_of)
        return read_list_page(account, fetched.location, fetched.body, fetched.content_type, as_of)


def collector_for(account: Account) -> Collector:
    """The collector of ``account``: its registered ``source``, else a guess.

    Without a feed, an account of a platform with an API plug-in is read through the API; with
    one, the feed's address decides (``.json``, ``.xml``/``rss``/``atom``/``feed``, ``.html``),
    and failing that what the feed answers (:class:`SniffingCollector`).
    """
    if account.source is not None:
        return COLLECTORS[account.source]
    if account.feed is None:
        return COLLECTORS["api"] if account.platform in PLATFORM_APIS else SniffingCollector()
    guessed = _guess_from_address(account.feed)
    return COLLECTORS[guessed] if guessed is not None else SniffingCollector()


async def collect(account: Account, session: aiohttp.ClientSession, as_of: datetime) -> Collection:
    """Collect ``account`` with :func:`collector_for`; a crashing collector gives an ``error`` collection."""
    collector = collector_for(account)
    try:
        return await collector.collect(account, session, as_of)
    except Exception as exc:  # a bug in one collector must not end a run over a thousand accounts
        return failed(
            account,
            as_of,
            collector.source,
            f"the {collector.source} collector failed: {type(exc).__name__}: {exc}",
        )


def open_session(
    accounts: Iterable[Account],
    *,
    allow_networks: Iterable[IPNetwork] = (),
    resolve: tuple[ResolveEntry, ...] = (),
) -> aiohttp.ClientSession:
    """A session for collecting ``accounts``: their feed and page hosts, and the API hosts, are named.

    Any other host that resolves to a private address is refused, unless in ``allow_networks``.
    """
    hosts = named_hosts(accounts, api_base_urls())
    return _open_session(hosts, allow_networks=allow_networks, resolve=resolve)
