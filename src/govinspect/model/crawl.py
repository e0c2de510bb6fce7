"""What a stored crawl holds, as the checks read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from govinspect.model.page import Page

Role = Literal["page", "target"]


@dataclass(frozen=True, slots=True)
class TargetStatus:
    """What the crawler learned when it fetched (or declined to fetch) one URL."""

    url: str
    role: Role
    method: str
    final_url: str
    status: int | None
    error: str | None  # dns, connect, timeout, tls, protocol, too-large, redirect-loop, forbidden, robots
    error_detail: str
    content_type: str | None
    kind: str | None  # sniffed: html, pdf, image, office, archive, text, script-style, binary
    redirects: tuple[tuple[str, int], ...]
    title: str | None
    text_length: int | None
    says_not_found: bool
    record_id: str | None


@dataclass(frozen=True, slots=True)
class HostProbe:
    """The answer of a host to a path that cannot exist: the shape of its "not found" page."""

    origin: str
    probe_url: str
    status: int | None
    final_url: str | None
    title: str | None
    text_length: int | None


@dataclass(frozen=True, slots=True)
class CrawledPage:
    page: Page
    depth: int
    record_id: str | None


@dataclass(frozen=True, slots=True)
class StoredBody:
    """A response body as the crawl stored it in its WARC (attachments, linked pages)."""

    url: str
    content_type: str | None
    body: bytes  # de-chunked and decompressed
    truncated: bool  # the crawler stopped reading at its size cap: the body is only the start
