"""Reading a feed safely: the crawler's address rule, a time limit and a size cap.

Collectors read what the registry names (a feed URL, an export file, a list page, a platform
API). The crawler's network-safety rule applies (contract §1, ``crawl/safety.py``): a private,
loopback or link-local address is reached only when the user named that host — here, a host of
an account's ``feed`` or ``url`` in the registry, or a platform API base URL set in the
environment — or its network. :func:`open_session` builds the only kind of session the
collectors accept; every hop of a redirect is checked again, IP literals included.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import aiohttp

from govinspect.crawl.resolve import DNSFailure, GuardedResolver
from govinspect.crawl.safety import AddressPolicy, ForbiddenAddress, IPNetwork
from govinspect.model.account import Account
from govinspect.settings import ResolveEntry

# A feed, export or list page larger than this is refused (a hostile or broken source).
MAX_SOURCE_BYTES = 8 * 1024 * 1024
TIMEOUT_SECONDS = 30.0
MAX_REDIRECTS = 5
USER_AGENT = "govinspect new-media collector (+https://github.com/govinspect)"
_CHUNK = 64 * 1024
_ERROR_EXCERPT = 300  # bytes of an error answer quoted in the message
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class SourceError(Exception):
    """A source could not be read; the message is what the collection's ``error`` says."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a source answered: its final location, content type and body (at most the cap)."""

    location: str
    content_type: str | None
    body: bytes


class GuardedConnector(aiohttp.TCPConnector):
    """A connector whose name resolution applies the address rule; ``guard`` checks IP literals too."""

    def __init__(self, guard: GuardedResolver) -> None:
        super().__init__(resolver=guard, limit=8, ttl_dns_cache=300, enable_cleanup_closed=True)
        self.guard = guard


def named_hosts(accounts: Iterable[Account], extra_urls: Iterable[str] = ()) -> set[str]:
    """The hosts the user named: those of every account's feed and page, and of ``extra_urls``."""
    hosts: set[str] = set()
    for location in [*(u for a in accounts for u in (a.feed, a.url) if u), *extra_urls]:
        host = urlsplit(location).hostname
        if host:
            hosts.add(host)
    return hosts


def open_session(
    hosts: Iterable[str],
    *,
    allow_networks: Iterable[IPNetwork] = (),
    resolve: tuple[ResolveEntry, ...] = (),
) -> aiohttp.ClientSession:
    """A session for the collectors; only ``hosts`` (and ``allow_networks``) may be non-public."""
    guard = GuardedResolver(AddressPolicy.build(hosts, allow_networks), resolve)
    return aiohttp.ClientSession(
        connector=GuardedConnector(guard),
        headers={"User-Agent": USER_AGENT, "Accept-Language": "zh-CN,zh;q=0.9"},
        cookie_jar=aiohttp.DummyCookieJar(),
        max_line_size=16 * 1024,
        max_field_size=16 * 1024,
    )


def is_web_address(location: str) -> bool:
    return urlsplit(location).scheme.lower() in ("http", "https")


def read_file(location: str, max_bytes: int = MAX_SOURCE_BYTES) -> Fetched:
    """A local file (a path or ``file://`` URL), refused when larger than ``max_bytes``."""
    path = Path(urlsplit(location).path if location.startswith("file://") else location).expanduser()
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(f"{path} is {size} bytes, more than the {max_bytes} a source may have")
        return Fetched(str(path), None, path.read_bytes())
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc


async def read_source(
    session: aiohttp.ClientSession, location: str, max_bytes: int = MAX_SOURCE_BYTES
) -> Fetched:
    """Read ``location``: an http(s) URL through :func:`fetch`, anything else as a local file."""
    if is_web_address(location):
        return await fetch(session, location, max_bytes=max_bytes)
    if "://" in location and not location.startswith("file://"):
        raise SourceError(f"{location}: only http(s) URLs and local files can be read")
    return read_file(location, max_bytes)


async def _check_address(session: aiohttp.ClientSession, url: str) -> None:
    connector = session.connector
    if not isinstance(connector, GuardedConnector):
        raise SourceError("internal: collectors need a session from open_session() (the address rule)")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SourceError(f"{url}: not an http(s) URL")
    try:  # IP literals included: aiohttp does not ask the resolver about them
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        await connector.guard.addresses(parts.hostname, port)
    except ForbiddenAddress as exc:
        raise SourceError(f"{url}: refused, {exc}") from exc
    except (DNSFailure, ValueError) as exc:
        raise SourceError(f"{url}: {exc}") from exc


async def fetch(
    session: aiohttp.ClientSession,
    url: str,
    *,
    method: str = "GET",
    params: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    json_body: object = None,
    max_bytes: int = MAX_SOURCE_BYTES,
    timeout_seconds: float = TIMEOUT_SECONDS,
) -> Fetched:
    """One request following at most :data:`MAX_REDIRECTS` redirects, each hop checked.

    Raises :class:`SourceError` (never a network exception) for a refused address, a network
    failure, a timeout, an HTTP error status or a body larger than ``max_bytes``.
    """
    timeout = aiohttp.ClientTimeout(total=timeout_seconds)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        await _check_address(session, current)
        try:
            async with session.request(
                method,
                current,
                params=params,
                headers=headers,
                json=json_body,
                allow_redirects=False,
                timeout=timeout,
            ) as response:
                location = response.headers.get("Location")
                if response.status in _REDIRECTS and location:
                    target = urljoin(str(response.url), location.strip())
                    if urlsplit(target).netloc != urlsplit(current).netloc:
                        headers = None  # a credential header goes to the host it was meant for only
                    current, params = target, None  # the new address carries its own query
                    if response.status in (301, 302, 303) and method == "POST":
                        method, json_body = "GET", None
                    continue
                if response.status >= 400:
                    said = (await response.content.read(_ERROR_EXCERPT)).decode("utf-8", "replace").strip()
                    raise SourceError(
                        f"{current}: HTTP {response.status} {response.reason or ''}".rstrip()
                        + (f": {said}" if said else "")
                    )
                body = await _read_capped(response, max_bytes, current)
                return Fetched(str(response.url), response.headers.get("Content-Type"), body)
        except TimeoutError as exc:
            raise SourceError(f"{current}: no complete answer within {timeout_seconds:g} s") from exc
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, ForbiddenAddress):
                raise SourceError(f"{current}: refused, {exc.os_error}") from exc
            raise SourceError(f"{current}: cannot connect ({exc.os_error})") from exc
        except (aiohttp.ClientError, ValueError) as exc:
            raise SourceError(f"{current}: {type(exc).__name__}: {exc}") from exc
    raise SourceError(f"{url}: more than {MAX_REDIRECTS} redirects")


async def _read_capped(response: aiohttp.ClientResponse, cap: int, url: str) -> bytes:
    if response.content_length is not None and response.content_length > cap:
        raise SourceError(f"{url}: the answer is {response.content_length} bytes, more than {cap}")
    data = bytearray()
    async for chunk in response.content.iter_chunked(_CHUNK):
        data += chunk
        if len(data) > cap:
            raise SourceError(f"{url}: the answer is more than {cap} bytes")
    return bytes(data)
