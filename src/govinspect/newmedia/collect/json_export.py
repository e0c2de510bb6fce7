"""The govinspect JSON export format: any platform API or vendor export can feed govinspect.

The format is documented in ``docs/new-media-sources.md`` (version 1)::

    {"version": 1,
     "account": {"platform": "weibo", "id": "1234567", "name": "某某发布"},
     "posts": [{"url": "https://…", "published": "2026-11-20T10:00:00+08:00", "title": "…",
                "text": "…", "original": true, "comments": 3, "likes": 10, "shares": 1, "reads": 500}],
     "channels": [{"name": "政务公开", "url": "https://…", "items": 12, "interactive": false}],
     "comments_open": true}

Only ``version`` and ``posts`` are required; a post needs nothing but may leave out what the
source does not know (``null``). ``published`` must carry its UTC offset: a time without one
is ambiguous. An export that breaks the format is refused whole, with the first problems named
by their place (``posts[3].published: …``), so a wrong export never passes as an idle account.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiohttp

from govinspect.model.account import Account, Channel, Collection, Post, SourceKind
from govinspect.newmedia.collect.common import failed
from govinspect.newmedia.collect.fetching import SourceError, read_source

FORMAT_VERSION = 1
_SHOWN_PROBLEMS = 5
_COUNTS = ("comments", "likes", "shares", "reads")


class ExportError(ValueError):
    """An export that breaks the format; the message lists the first problems."""


@dataclass
class _Problems:
    found: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        self.found.append(f"{where}: {what}")

    def raise_if_any(self) -> None:
        if self.found:
            shown = "; ".join(self.found[:_SHOWN_PROBLEMS])
            more = len(self.found) - _SHOWN_PROBLEMS
            raise ExportError(
                f"the JSON export breaks the format: {shown}" + (f" (and {more} more)" if more > 0 else "")
            )


def _optional(value: object, kind: type | tuple[type, ...], where: str, problems: _Problems) -> Any:
    if value is None or (isinstance(value, kind) and not (kind is int and isinstance(value, bool))):
        return value
    names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
    problems.add(where, f"{json.dumps(value, ensure_ascii=False)[:60]} is not {names}")
    return None


def _count(value: object, where: str, problems: _Problems) -> int | None:
    number = _optional(value, int, where, problems)
    if number is not None and number < 0:
        problems.add(where, f"{number} is negative")
        return None
    return number  # type: ignore[no-any-return]


def _moment(value: object, where: str, problems: _Problems) -> datetime | None:
    text = _optional(value, str, where, problems)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        problems.add(where, f"{text!r} is not an ISO 8601 date and time")
        return None
    if moment.tzinfo is None:
        problems.add(where, f"{text!r} has no UTC offset (write 2026-11-20T10:00:00+08:00)")
        return None
    return moment


def _post(account: Account, raw: object, where: str, problems: _Problems) -> Post | None:
    if not isinstance(raw, dict):
        problems.add(where, "a post must be an object")
        return None
    counts = {name: _count(raw.get(name), f"{where}.{name}", problems) for name in _COUNTS}
    return Post(
        account_key=account.key,
        url=_optional(raw.get("url"), str, f"{where}.url", problems),
        published=_moment(raw.get("published"), f"{where}.published", problems),
        title=_optional(raw.get("title"), str, f"{where}.title", problems) or "",
        text=_optional(raw.get("text"), str, f"{where}.text", problems) or "",
        original=_optional(raw.get("original"), bool, f"{where}.original", problems),
        **counts,
    )


def _channel(raw: object, where: str, problems: _Problems) -> Channel | None:
    if not isinstance(raw, dict):
        problems.add(where, "a channel must be an object")
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.add(f"{where}.name", "a channel needs a name")
        return None
    return Channel(
        name=name.strip(),
        url=_optional(raw.get("url"), str, f"{where}.url", problems),
        items=_count(raw.get("items"), f"{where}.items", problems),
        interactive=bool(_optional(raw.get("interactive"), bool, f"{where}.interactive", problems)),
    )


def _check_account(account: Account, raw: object, problems: _Problems) -> None:
    if raw is None:
        return
    if not isinstance(raw, dict):
        problems.add("account", "must be an object {platform, id, name}")
        return
    platform, account_id = raw.get("platform"), raw.get("id")
    if platform is not None and platform != account.platform:
        problems.add("account.platform", f"{platform!r}, but the registry says {account.platform!r}")
    if account_id is not None and str(account_id) != account.account_id:
        problems.add("account.id", f"{account_id!r}, but the registry says {account.account_id!r}")


def parse_export(account: Account, document: object, as_of: datetime) -> Collection:
    """A decoded export as a collection of ``account``; :class:`ExportError` when it breaks the format."""
    problems = _Problems()
    if not isinstance(document, dict):
        raise ExportError("the JSON export breaks the format: the document must be an object")
    if document.get("version") != FORMAT_VERSION:
        problems.add(
            "version", f"{document.get('version')!r}, this govinspect reads version {FORMAT_VERSION}"
        )
    _check_account(account, document.get("account"), problems)
    raw_posts = document.get("posts")
    if not isinstance(raw_posts, list):
        problems.add("posts", "required, a list")
        raw_posts = []
    raw_channels = document.get("channels") or []
    if not isinstance(raw_channels, list):
        problems.add("channels", "must be a list")
        raw_channels = []
    posts = [_post(account, p, f"posts[{i}]", problems) for i, p in enumerate(raw_posts)]
    channels = [_channel(c, f"channels[{i}]", problems) for i, c in enumerate(raw_channels)]
    comments_open = _optional(document.get("comments_open"), bool, "comments_open", problems)
    problems.raise_if_any()
    return Collection(
        account_key=account.key,
        collected_at=as_of,
        source="json",
        posts=tuple(p for p in posts if p is not None),
        channels=tuple(c for c in channels if c is not None),
        comments_open=comments_open,
    )


def read_export(account: Account, body: bytes, as_of: datetime) -> Collection:
    """An export's bytes as a collection; a collection with ``error`` when they break the format."""
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return failed(account, as_of, "json", f"the JSON export is not valid JSON: {exc}")
    try:
        return parse_export(account, document, as_of)
    except ExportError as exc:
        return failed(account, as_of, "json", str(exc))


class JsonExportCollector:
    """Reads ``account.feed`` as a JSON export (a local file path or an http(s) URL)."""

    source: SourceKind = "json"

    async def collect(self, account: Account, session: aiohttp.ClientSession, as_of: datetime) -> Collection:
        if not account.feed:
            return failed(account, as_of, "json", "the registry names no export for this account")
        try:
            fetched = await read_source(session, account.feed)
        except SourceError as exc:
            return failed(account, as_of, "json", str(exc))
        return read_export(account, fetched.body, as_of)
