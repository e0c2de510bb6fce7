"""HTML list pages: the web view of an app or mini-site, or an account page a site publishes.

A list page shows items as a title that links to the post and a displayed date (``标题
2026-11-18``, ``[11-18] 标题``). The page is decoded like a crawled page (``parse.encoding``,
GBK and friends included), parsed with ``parse.html.parse_html`` and read with the column
reader of the site checks (``parse.columns_lists``): the same rules decide which links are list
items and which date each shows. Only items with a displayed date are posts: links without one
are navigation (and an item without a date counts as not updated under the national rules
anyway). A date shown without a time is read as midnight, Beijing time; a date shown without a
year (``[11-18]``) takes its year from the day of collection.
"""

from __future__ import annotations

from datetime import datetime, time

import aiohttp

from govinspect.model.account import Account, Collection, Post, SourceKind
from govinspect.newmedia.collect.common import BEIJING, failed
from govinspect.newmedia.collect.fetching import SourceError, read_source
from govinspect.parse.columns_lists import is_more_link, list_entries, place_links
from govinspect.parse.encoding import decode_html
from govinspect.parse.html import parse_html


def read_list_page(
    account: Account, location: str, body: bytes, content_type: str | None, as_of: datetime
) -> Collection:
    """The dated items of a list page, newest first as the page lists them."""
    text, encoding = decode_html(body, content_type)
    page = parse_html(location, text, encoding)
    links = [link for link in page.links if not link.hidden and not link.pagination]
    placed = place_links(page.text, links)
    candidates = [i for i, link in enumerate(placed) if not is_more_link(link.text)]
    reference = as_of.astimezone(BEIJING).date()
    entries = list_entries(page.text, placed, candidates, (0, len(page.text)), reference=reference)
    seen: set[str] = set()
    posts = []
    for entry in entries:
        if entry.date is None or entry.url in seen:
            continue
        seen.add(entry.url)
        posts.append(
            Post(
                account_key=account.key,
                url=entry.url,
                published=datetime.combine(entry.date.date, time(0), BEIJING),
                title=entry.title,
                text="",
            )
        )
    return Collection(account.key, as_of, "html", tuple(posts))


class HtmlListCollector:
    """Reads ``account.feed`` (or, without one, ``account.url``) as a list page."""

    source: SourceKind = "html"

    async def collect(self, account: Account, session: aiohttp.ClientSession, as_of: datetime) -> Collection:
        location = account.feed or account.url
        if not location:
            return failed(account, as_of, "html", "the registry names no feed or page for this account")
        try:
            fetched = await read_source(session, location)
        except SourceError as exc:
            return failed(account, as_of, "html", str(exc))
        return read_list_page(account, fetched.location, fetched.body, fetched.content_type, as_of)
