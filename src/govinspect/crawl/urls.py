"""URL normalisation and the scope of a site."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from govinspect.model.site import Site, bare_host

_SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "sid", "sessionid", "aspsessionid"})
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"
_cache: dict[str, str | None] = {}
_CACHE_LIMIT = 200_000


def normalize_url(url: str) -> str | None:
    """The canonical form of an http(s) URL, or None when it is not one.

    Lower-cases scheme and host, drops the default port, the fragment and
    session ids, resolves ``.``/``..`` segments, gives an empty path ``/`` and
    percent-encodes consistently, so that two spellings of one address are
    checked once. The query keeps its order (some CMSs depend on it).
    """
    cached = _cache.get(url)
    if cached is not None or url in _cache:
        return cached
    result = _normalize(url)
    if len(_cache) >= _CACHE_LIMIT:
        _cache.clear()
    _cache[url] = result
    return result


def _normalize(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None
    if ":" in host:
        host = f"[{host}]"
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = parts.path or "/"
    path = re.sub(r";jsessionid=[^/?]*", "", path, flags=re.IGNORECASE)
    if "/." in path:
        trailing = path.endswith("/")
        path = posixpath.normpath(path)
        path = "/" if path in (".", "/", "//") else path + ("/" if trailing and path != "/" else "")
        if not path.startswith("/"):
            path = "/" + path
    path = quote(unquote(path), safe=_SAFE_PATH)
    query = parts.query
    if query:
        pairs = [p for p in query.split("&") if p and p.split("=", 1)[0].lower() not in _SESSION_PARAMS]
        query = quote(unquote("&".join(pairs)), safe=_SAFE_QUERY + "=&")
    return urlunsplit((scheme, host, path, query, ""))


def host_port(url: str) -> tuple[str, int]:
    """Host (lower-case) and port, with the scheme's default port filled in."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return (parts.hostname or "").lower(), port


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True, slots=True)
class Scope:
    """Which URLs belong to a site: its host and www/bare twin, either scheme, one port, a path prefix."""

    bare_host: str
    port: int | None  # None: the default port of either scheme
    path_prefix: str  # "" for a whole host

    @classmethod
    def of(cls, site: Site) -> Scope:
        parts = urlsplit(site.url)
        port = parts.port if parts.port not in (None, 80, 443) else None
        path = parts.path.rstrip("/")
        if "." in path.rsplit("/", 1)[-1]:
            path = path.rsplit("/", 1)[0]
        return cls(bare_host(parts.hostname or ""), port, path)

    def contains(self, url: str) -> bool:
        parts = urlsplit(url)
        if bare_host(parts.hostname or "") != self.bare_host:
            return False
        port = parts.port if parts.port not in (None, 80, 443) else None
        if port != self.port:
            return False
        return (
            not self.path_prefix
            or parts.path == self.path_prefix
            or parts.path.startswith(self.path_prefix + "/")
        )
