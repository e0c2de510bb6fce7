"""Every crawl setting once: its name carries its unit, its default suits fragile government servers."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from govinspect import USER_AGENT


@dataclass(frozen=True, slots=True)
class ResolveEntry:
    """``HOST:PORT:ADDR`` as curl's ``--resolve``: connect to ADDR whenever HOST:PORT is asked for."""

    host: str
    port: int
    address: str

    @classmethod
    def parse(cls, text: str) -> ResolveEntry:
        """Read ``HOST:PORT:ADDR``; ADDR may be an IPv6 address in brackets."""
        host, sep, rest = text.partition(":")
        port_text, sep2, address = rest.partition(":")
        if not (sep and sep2 and host and address and port_text.isascii() and port_text.isdigit()):
            raise ValueError(f"--resolve wants HOST:PORT:ADDR, got {text!r}")
        address = address.strip("[]")
        ipaddress.ip_address(address)  # raises ValueError with a clear message
        return cls(host.lower().rstrip("."), int(port_text), address)


@dataclass(frozen=True, slots=True)
class CrawlSettings:
    """Knobs of one crawl. Defaults are polite; tests and benchmarks on loopback raise them."""

    timeout_seconds: float = 15.0  # the national rule: no answer within 15 s counts as unreachable
    concurrency: int = 16  # requests in flight in total
    per_host: int = 2  # requests in flight per host
    per_ip: int = 4  # requests in flight per server address (many sites share one platform)
    delay_seconds: float = 0.5  # minimum pause between two requests to one host
    max_pages: int | None = None
    max_depth: int = 15
    time_budget_seconds: float = 4 * 3600.0
    max_page_bytes: int = 10 * 1024 * 1024  # pages larger than this are not parsed
    # the site's own documents (PDF, Word, Excel …) are downloaded whole, up to this size, and kept in
    # the WARC so the privacy check can read them; 0 only proves they download (HEAD)
    max_attachment_bytes: int = 16 * 1024 * 1024
    max_redirects: int = 10
    retries: int = 2  # on connection errors, 5xx and 429
    retry_backoff_seconds: float = 1.0
    max_retry_after_seconds: float = 60.0  # a longer Retry-After is reported as unverified (429)
    max_crawl_delay_seconds: float = 5.0  # robots.txt Crawl-delay is honoured up to this
    respect_robots: bool = True
    check_external: bool = True
    soft404_probe: bool = True
    user_agent: str = USER_AGENT
    resolve: tuple[ResolveEntry, ...] = ()
    allow_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    # crawl-trap defence
    max_url_length: int = 1024
    max_path_segments: int = 16
    max_repeated_segment: int = 3
    max_query_variants_per_path: int = 50
    max_pagination_pages: int = 1000
    keep_crawls: int = 5  # finished crawls kept per site; older ones and their WARC files are deleted
    parse_workers: int | None = None  # page-parsing processes (None: one per core beyond the first)
