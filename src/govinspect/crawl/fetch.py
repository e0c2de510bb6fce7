"""One HTTP fetch, done politely and safely, with every response kept for the archive.

The fetcher follows redirects itself (so each hop is archived and loops are
caught), retries connection errors, 5xx and 429 with backoff (honouring
``Retry-After``), streams bodies with a size cap, and decompresses gzip/deflate
with a bound so a compression bomb cannot exhaust memory. It never raises for a
network problem: the problem is returned as an error kind of contract §4.
"""

from __future__ import annotations

import asyncio
import email.utils
import ssl
import time
import zlib
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

import aiohttp
from aiohttp.http_exceptions import ContentLengthError, TransferEncodingError

from govinspect.crawl.politeness import Politeness
from govinspect.crawl.resolve import DNSFailure, GuardedResolver
from govinspect.crawl.safety import ForbiddenAddress
from govinspect.crawl.urls import host_port, normalize_url
from govinspect.settings import CrawlSettings

ErrorKind = Literal[
    "dns", "connect", "timeout", "tls", "protocol", "too-large", "redirect-loop", "forbidden", "robots"
]
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Hop:
    """One HTTP exchange as it came off the wire (body as transferred, possibly compressed)."""

    url: str
    method: str
    status: int
    reason: str
    http_version: str
    headers: tuple[tuple[str, str], ...]
    raw_body: bytes
    truncated: bool
    address: str | None
    fetched_at: float  # time.time()


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    method: str
    final_url: str
    status: int | None
    content_type: str | None
    body: bytes  # decompressed body of the final response (capped)
    error: ErrorKind | None
    error_detail: str
    hops: tuple[Hop, ...]
    attempts: int
    elapsed_seconds: float

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and self.status < 400


def _decoder(encoding: str | None) -> zlib._Decompress | None:
    encoding = (encoding or "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib or gzip header, auto-detected
    return None


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (now if now is not None else time.time()))


class Fetcher:
    """Shared by every site of a run: one connection pool, one politeness book, one resolver."""

    def __init__(self, settings: CrawlSettings, resolver: GuardedResolver) -> None:
        self.settings = settings
        self.resolver = resolver
        self.politeness = Politeness(settings.per_host, settings.per_ip, settings.delay_seconds)
        self._session: aiohttp.ClientSession | None = None
        self._global = asyncio.Semaphore(settings.concurrency)

    async def __aenter__(self) -> Fetcher:
        connector = aiohttp.TCPConnector(
            resolver=self.resolver,
            limit=self.settings.concurrency,
            limit_per_host=0,
            ttl_dns_cache=300,
            keepalive_timeout=30,
            enable_cleanup_closed=True,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,
            headers={
                "User-Agent": self.settings.user_agent,
                "Accept-Encoding": "gzip, deflate",
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                "Accept-Language": "zh-CN,zh;q=0.9",
            },
            cookie_jar=aiohttp.DummyCookieJar(),
            max_line_size=16 * 1024,
            max_field_size=16 * 1024,
        )
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._session is not None:
            await self._session.close()

    async def fetch(self, url: str, *, method: str = "GET", max_bytes: int | None = None) -> FetchResult:
        """Fetch ``url`` following redirects; the result carries every hop for the archive."""
        started = time.monotonic()
        cap = self.settings.max_page_bytes if max_bytes is None else max_bytes
        hops: list[Hop] = []
        seen = {url}
        current, verb, attempts = url, method, 0
        for _ in range(self.settings.max_redirects + 1):
            result, hop, tries = await self._with_retries(current, verb, cap)
            attempts += tries
            if hop is not None:
                hops.append(hop)
            if result is not None:  # a network problem ends the fetch
                return self._result(url, method, current, None, b"", result, hops, attempts, started)
            assert hop is not None
            location = dict((k.lower(), v) for k, v in hop.headers).get("location")
            if hop.status in _REDIRECTS and location:
                target = normalize_url(urljoin(current, location.strip()))
                if target is None:
                    return self._result(
                        url,
                        method,
                        current,
                        hop.status,
                        b"",
                        ("protocol", f"bad Location {location!r}"),
                        hops,
                        attempts,
                        started,
                    )
                if target in seen:
                    return self._result(
                        url,
                        method,
                        current,
                        hop.status,
                        b"",
                        ("redirect-loop", f"{current} → {target} again"),
                        hops,
                        attempts,
                        started,
                    )
                seen.add(target)
                current = target
                if hop.status == 303:
                    verb = "GET"
                continue
            return self._final(url, method, current, hop, cap, hops, attempts, started)
        return self._result(
            url,
            method,
            current,
            hops[-1].status if hops else None,
            b"",
            ("redirect-loop", f"more than {self.settings.max_redirects} redirects"),
            hops,
            attempts,
            started,
        )

    def _final(
        self,
        url: str,
        method: str,
        final_url: str,
        hop: Hop,
        cap: int,
        hops: list[Hop],
        attempts: int,
        started: float,
    ) -> FetchResult:
        headers = {k.lower(): v for k, v in hop.headers}
        body = hop.raw_body
        error: tuple[ErrorKind, str] | None = None
        decoder = _decoder(headers.get("content-encoding"))
        if decoder is not None and body:
            try:
                body = decoder.decompress(body, cap + 1)
                if len(body) > cap or decoder.unconsumed_tail:
                    body = body[:cap]
                    error = ("too-large", f"decompressed body exceeds {cap} bytes")
            except zlib.error as exc:
                error = ("protocol", f"bad {headers.get('content-encoding')} body: {exc}")
                body = b""
        if hop.truncated and error is None:
            error = ("too-large", f"body exceeds {cap} bytes")
        return self._result(url, method, final_url, hop.status, body, error, hops, attempts, started)

    @staticmethod
    def _result(
        url: str,
        method: str,
        final_url: str,
        status: int | None,
        body: bytes,
        error: tuple[ErrorKind, str] | None,
        hops: list[Hop],
        attempts: int,
        started: float,
    ) -> FetchResult:
        content_type = None
        if hops:
            content_type = next((v for k, v in hops[-1].headers if k.lower() == "content-type"), None)
        return FetchResult(
            url=url,
            method=method,
            final_url=final_url,
            status=status,
            content_type=content_type,
            body=body,
            error=error[0] if error else None,
            error_detail=error[1] if error else "",
            hops=tuple(hops),
            attempts=attempts,
            elapsed_seconds=time.monotonic() - started,
        )

    async def _with_retries(
        self, url: str, method: str, cap: int
    ) -> tuple[tuple[ErrorKind, str] | None, Hop | None, int]:
        settings = self.settings
        for attempt in range(settings.retries + 1):
            problem, hop = await self._exchange(url, method, cap)
            retryable = (problem is not None and problem[0] == "connect") or (
                hop is not None and (hop.status >= 500 or hop.status == 429)
            )
            if not retryable or attempt == settings.retries:
                return problem, hop, attempt + 1
            wait = settings.retry_backoff_seconds * (2**attempt)
            if hop is not None:
                advised = retry_after_seconds(dict((k.lower(), v) for k, v in hop.headers).get("retry-after"))
                host = host_port(url)[0]
                if advised is not None:
                    if advised > settings.max_retry_after_seconds:
                        return problem, hop, attempt + 1
                    wait = max(wait, advised)
                    self.politeness.host(host).pause(advised)
                if hop.status in (429, 503):
                    self.politeness.host(host).slow_down()
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _exchange(
        self, url: str, method: str, cap: int
    ) -> tuple[tuple[ErrorKind, str] | None, Hop | None]:
        """One request, no redirects followed. Returns (problem, hop)."""
        assert self._session is not None, "use Fetcher as an async context manager"
        host, port = host_port(url)
        try:
            addresses = await self.resolver.addresses(host, port)
        except ForbiddenAddress as exc:
            return ("forbidden", str(exc)), None
        except DNSFailure as exc:
            return ("dns", str(exc)), None
        address = str(addresses[0])
        timeout = aiohttp.ClientTimeout(total=self.settings.timeout_seconds)
        async with self._global, self.politeness.host(host).slot(), self.politeness.address(address).slot():
            try:
                async with self._session.request(
                    method, url, allow_redirects=False, timeout=timeout
                ) as response:
                    raw, truncated = await _read_capped(response, cap, method)
                    return None, Hop(
                        url=url,
                        method=method,
                        status=response.status,
                        reason=response.reason or "",
                        http_version=f"HTTP/{response.version.major}.{response.version.minor}"
                        if response.version
                        else "HTTP/1.1",
                        headers=tuple(
                            (k.decode("latin-1"), v.decode("latin-1")) for k, v in response.raw_headers
                        ),
                        raw_body=raw,
                        truncated=truncated,
                        address=address,
                        fetched_at=time.time(),
                    )
            except (TimeoutError, aiohttp.ServerTimeoutError):
                return ("timeout", f"no complete answer within {self.settings.timeout_seconds:g} s"), None
            except aiohttp.ClientConnectorDNSError as exc:
                return ("dns", str(exc)), None
            except (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError, ssl.SSLError) as exc:
                return ("tls", str(exc)), None
            except aiohttp.ClientConnectorError as exc:
                if isinstance(exc.os_error, ForbiddenAddress):
                    return ("forbidden", str(exc.os_error)), None
                return ("connect", str(exc)), None
            except (aiohttp.ServerDisconnectedError, ConnectionResetError) as exc:
                return ("connect", f"connection dropped: {exc}"), None
            except aiohttp.ClientPayloadError as exc:
                if _ended_early(exc):
                    return ("connect", f"connection dropped in the middle of the body: {exc.__cause__}"), None
                return ("protocol", f"malformed answer: {exc}"), None
            except (aiohttp.ClientResponseError, ValueError) as exc:
                return ("protocol", f"malformed answer: {exc}"), None
            except aiohttp.ClientError as exc:
                return ("connect", str(exc)), None


def _ended_early(exc: aiohttp.ClientPayloadError) -> bool:
    """The connection closed (or was reset) before the body it announced was complete."""
    cause = exc.__cause__
    return isinstance(cause, ContentLengthError) or (
        isinstance(cause, TransferEncodingError) and "not enough data" in str(cause).lower()
    )


async def _read_capped(response: aiohttp.ClientResponse, cap: int, method: str) -> tuple[bytes, bool]:
    """Read at most ``cap`` bytes; a HEAD has no body."""
    if method == "HEAD":
        return b"", False
    length = response.content_length
    if length is not None and length > cap:
        return b"", True
    data = bytearray()
    async for chunk in response.content.iter_chunked(_CHUNK):
        data += chunk
        if len(data) > cap:
            del data[cap:]
            return bytes(data), True
    return bytes(data), False
