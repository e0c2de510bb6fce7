"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser 6.0.14.

feedparser reads every RSS and Atom dialect, repairs common breakage (wrong encodings, bad
entities) and turns dates into UTC. Entity expansion from outside the document is off in its
XML parser, and the body is capped before it is parsed (``fetching.MAX_SOURCE_BYTES``). A date
written without a zone (``2026-11-20 10:00``, frequent on Chinese CMS feeds) is read as Beijing
time. Interaction counts are read where a feed carries them (``slash:comments``).
"""

from __future__ import annotations

import calendar
import io
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import aiohttp
import feedparser

from govinspect.model.account import Account, Collection, Post, SourceKind
from govinspect.newmedia.collect.common import BEIJING, failed, plain_text
from govinspect.newmedia.collect.fetching import SourceError, read_source

# A zone at the end of a date: Z, +08:00, +0800, GMT, UTC, CST, EST …
_ZONE = re.compile(r"(?:[zZ]|[+-]\d{2}:?\d{2}|\b[A-Za-z]{1,5})\s*$")


def _published(entry: Any) -> datetime | None:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed is None:
            continue
        moment = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
        raw = str(entry.get(key) or "")
        if raw and not _ZONE.search(raw):
            return moment.replace(tzinfo=BEIJING)  # the wall-clock time a Chinese site wrote
        return moment
    return None


def _count(value: object) -> int | None:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() else None


def _text(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return plain_text(" ".join(str(c.get("value", "")) for c in contents))
    return plain_text(str(entry.get("summary", "")))


def read_feed(
    account: Account, location: str, body: bytes, content_type: str | None, as_of: datetime
) -> Collection:
    """The posts of the RSS or Atom document read from ``location``; ``error`` when it is neither.

    Relative links are resolved against ``location``.
    """
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(  # a stream: given bytes, feedparser would first try them as a file name
        io.BytesIO(body), response_headers=headers, sanitize_html=True, resolve_relative_uris=False
    )
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        return failed(account, as_of, "rss", f"not an RSS or Atom feed ({problem or 'no feed element'})")
    posts = tuple(
        Post(
            account_key=account.key,
            url=urljoin(location, str(entry.get("link"))) if entry.get("link") else None,
            published=_published(entry),
            title=plain_text(str(entry.get("title", ""))),
            text=_text(entry),
            comments=_count(entry.get("slash_comments")),
        )
        for entry in parsed.entries
    )
    return Collection(account.key, as_of, "rss", posts)


class RssCollector:
    """Reads ``account.feed`` as an RSS or Atom feed (a URL, or a local file)."""

    source: SourceKind = "rss"

    async def collect(self, account: Account, session: aiohttp.ClientSession, as_of: datetime) -> Collection:
        if not account.feed:
            return failed(account, as_of, "rss", "the registry names no feed for this account")
        try:
            fetched = await read_source(session, account.feed)
        except SourceError as exc:
            return failed(account, as_of, "rss", str(exc))
        return read_feed(account, fetched.location, fetched.body, fetched.content_type, as_of)
