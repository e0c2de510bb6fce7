"""A registered site and its identity."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

SiteType = Literal["portal", "department"]
Level = Literal["national", "province", "city", "county"]
SiteStatus = Literal["normal", "exception", "closed"]


def bare_host(host: str) -> str:
    """The host without a leading ``www.`` and without a trailing dot, lower-cased."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def site_key(url: str) -> str:
    """The identity of the site a URL belongs to.

    ``http``/``https`` and ``www``/bare twins are one site, so
    ``https://www.example.gov.cn/`` and ``http://example.gov.cn`` share the key
    ``example.gov.cn``. A non-default port is part of the identity
    (``example.gov.cn:8080``); so is a path prefix other than ``/`` for sites
    hosted under a path of a shared platform (``platform.gov.cn/sites/abc``).
    """
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = bare_host(parts.hostname or "")
    port = parts.port
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if "." in last:  # a homepage file such as /index.html is not a path prefix
        path = path.rsplit("/", 1)[0]
    return host + path


@dataclass(frozen=True, slots=True)
class Site:
    """One government website as the registry describes it (contract §2)."""

    name: str
    url: str
    site_code: str | None = None
    organizer: str | None = None
    site_type: SiteType | None = None
    level: Level | None = None
    region_code: str | None = None
    region: str | None = None
    parent_code: str | None = None
    has_external_services: bool | None = None
    status: SiteStatus = "normal"
    line: int | None = None  # line of the registry file it came from, for messages
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # unknown columns, kept

    @property
    def key(self) -> str:
        return site_key(self.url)

    @property
    def hosts(self) -> frozenset[str]:
        """Host names that belong to this site: the registered host and its www/bare twin."""
        host = (urlsplit(self.url).hostname or "").lower().rstrip(".")
        bare = bare_host(host)
        return frozenset({bare, f"www.{bare}"} if bare else set())
