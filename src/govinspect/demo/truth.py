"""The ground truth of the demo estate.

Problems that live in the content (stale columns, blank columns, future dates,
unanswered messages, incomplete guides, missing footer identifiers) are
recorded by the builder as it writes them. Link problems are worked out here
from the generated pages themselves: every site is crawled in memory the way
a crawler would (from the homepage, same-site links only, robots.txt obeyed),
every target is answered by the same :func:`~govinspect.demo.routes.decide`
the server uses, and the broken and unverifiable targets found must be exactly
the planted ones — otherwise generation fails, naming the difference.
"""

from __future__ import annotations

import functools
import html
import ipaddress
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urldefrag, urljoin, urlsplit

from govinspect.demo.routes import Answer, ServingPlan, decide

REDIRECT_CAP = 10
Verdict = Literal["ok", "fail", "unverified"]

_REF = re.compile(r"<(a|img|script|link|form)\b[^>]*?\s(?:href|src|action)=\"([^\"]*)\"", re.IGNORECASE)
_PAGER = re.compile(r"createPageHTML\((\d+),\s*(\d+),\s*\"([^\"]+)\",\s*\"([^\"]+)\"\)")
_ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar", ".wps", ".ofd")
_IMAGE_SUFFIXES = (".png", ".gif", ".jpg", ".jpeg", ".bmp", ".svg", ".webp")


@dataclass(frozen=True, slots=True)
class PlantedProblem:
    """One problem the estate carries on purpose, as a perfect inspection would report it.

    ``check`` and ``outcome`` follow contract §4; ``site_url`` is the homepage
    of the site it belongs to; ``url`` the page where it is (for a link: the
    lowest normalised page URL linking to it); ``target`` the broken URL for
    link problems.
    """

    check: str
    outcome: str
    site_url: str
    url: str | None
    target: str | None
    detail: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "outcome": self.outcome,
            "site_url": self.site_url,
            "url": self.url,
            "target": self.target,
            "detail": dict(self.detail),
        }


@dataclass(frozen=True, slots=True)
class LinkPlanting:
    """A planted target: what it is meant to do (the blueprint effect) and on which site."""

    site_url: str
    target: str  # absolute, without fragment
    effect: str
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class Trap:
    """A working link that looks suspicious; recorded so that a false report can be explained."""

    kind: str
    site_url: str
    url: str
    target: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "site_url": self.site_url, "url": self.url, "target": self.target}


@dataclass(frozen=True, slots=True)
class CrawlScope:
    """What the in-memory crawl of one site needs to know about it."""

    site_url: str
    hosts: frozenset[str]
    port: int
    robots_disallow: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    error: str | None = None  # contract §4 error; unverified: http, robots or forbidden
    status: int | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    url: str  # absolute, without fragment
    tag: str


def references(page_html: str, page_url: str) -> Iterator[Reference]:
    """Every http(s) reference of a generated page, resolved, fragments dropped.

    Pages synthesised by a ``createPageHTML(count, current, "index", "html")``
    script count as ``<a>`` links, as a TRS-aware parser sees them.
    """
    folder = page_url.rsplit("/", 1)[0] + "/"
    for tag, raw in _REF.findall(page_html):
        url = _resolve(folder if raw[:1] not in ("", "?", "#") else page_url, raw)
        if url is not None:
            yield Reference(url, tag.lower())
    for count, _current, name, suffix in _PAGER.findall(page_html):
        for index in range(int(count)):
            page = f"{name}.{suffix}" if index == 0 else f"{name}_{index}.{suffix}"
            yield Reference(urljoin(page_url, page), "a")


@functools.lru_cache(maxsize=1 << 16)
def _resolve(base: str, raw: str) -> str | None:
    url = urldefrag(urljoin(base, html.unescape(raw)))[0]
    return url if url.startswith(("http://", "https://")) else None


def link_kind(url: str, tag: str) -> str:
    """Contract kind of a link target: page, attachment, image, script-style or other."""
    if tag in ("script", "link"):
        return "script-style"
    path = urlsplit(url).path.lower()
    if tag == "img" or path.endswith(_IMAGE_SUFFIXES):
        return "image"
    if path.endswith(_ATTACHMENT_SUFFIXES):
        return "attachment"
    return "page"


class EstateWeb:
    """The estate as a crawler on loopback sees it: resolve entries, the serving plan, the pages."""

    def __init__(
        self,
        plan: ServingPlan,
        files: Mapping[str, bytes],
        html_by_file: Mapping[str, str],
        resolve: Mapping[tuple[str, int], str],
        disallowed: Mapping[str, tuple[str, ...]],
    ) -> None:
        self._plan = plan
        self._files = files
        self._html = html_by_file
        self._resolve = resolve
        self._disallowed = disallowed
        self._soft_pages = {
            f"www/{host.folder}/{host.not_found_page}"
            for host in plan.hosts.values()
            if host.not_found_status == 200 and host.not_found_page
        }

    def fetch(self, url: str) -> tuple[Outcome, str | None, str]:
        """The outcome of fetching ``url`` (following redirects), the HTML file and the URL it ended on."""
        parts = urlsplit(url)
        host, port = (parts.hostname or "").lower(), parts.port or 80
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            address = None
        if address is not None and (host, port) not in self._resolve:
            return (
                (Outcome("unverified", "forbidden") if address.is_private else _unknown(url)),
                None,
                url,
            )
        if any(parts.path.startswith(prefix) for prefix in self._disallowed.get(host, ())):
            return Outcome("unverified", "robots"), None, url
        destination = self._resolve.get((host, port))
        if destination is None:
            if host.endswith(".invalid"):
                return Outcome("fail", "dns"), None, url
            return _unknown(url), None, url
        if destination != "127.0.0.1":
            return Outcome("fail", "connect"), None, url
        return self._follow(url)

    def _follow(self, url: str) -> tuple[Outcome, str | None, str]:
        seen: set[str] = set()
        current, status = url, None
        for _ in range(REDIRECT_CAP + 1):
            if current in seen:  # a loop: its status is that of the last redirect
                return Outcome("fail", "redirect-loop", status), None, current
            seen.add(current)
            parts = urlsplit(current)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            host = (parts.hostname or "").lower()
            answer = decide(self._plan, host, "GET", target, self._files.__contains__)
            if answer.status in (301, 302, 303, 307, 308):
                current, status = urljoin(current, _header(answer, "Location")), answer.status
                continue
            return (*self._judge(answer), current)
        return Outcome("fail", "redirect-loop", status), None, current

    def _judge(self, answer: Answer) -> tuple[Outcome, str | None]:
        if answer.status in (401, 403, 429):
            return Outcome("unverified", "http", answer.status), None
        if answer.status >= 400:
            return Outcome("fail", "http", answer.status), None
        if answer.file in self._soft_pages:
            return Outcome("fail", "soft-404", answer.status), None
        is_html = _header(answer, "Content-Type").startswith("text/html")
        return Outcome("ok", status=answer.status), (answer.file if is_html else None)

    def page_html(self, file: str) -> str:
        return self._html[file]


def crawl_links(web: EstateWeb, scope: CrawlScope) -> dict[str, dict[str, set[str]]]:
    """Crawl one site in memory: for every target, the tags it is linked with and the pages that link to it.

    Returns ``{target: {"pages": {...}, "tags": {...}}}`` keyed by absolute target URL.
    """
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"pages": set(), "tags": set()})
    queue = [scope.site_url]
    visited = {scope.site_url}
    crawled: set[str] = set()
    while queue:
        outcome, file, page_url = web.fetch(queue.pop())
        if outcome.verdict != "ok" or file is None or page_url in crawled or not _in_scope(page_url, scope):
            continue
        crawled.add(page_url)
        for ref in references(web.page_html(file), page_url):
            entry = found[ref.url]
            entry["pages"].add(page_url)
            entry["tags"].add(ref.tag)
            if ref.url not in visited and _in_scope(ref.url, scope) and ref.tag in ("a", "form"):
                visited.add(ref.url)
                queue.append(ref.url)
    return found


def link_problems(
    web: EstateWeb,
    scopes: Sequence[CrawlScope],
    plantings: Sequence[LinkPlanting],
    alias_pages: Sequence[str],
) -> list[PlantedProblem]:
    """The broken-link ground truth of the estate, checked against what was planted.

    Raises ``ValueError`` listing every target whose verdict differs from its
    planting (a broken link nobody planted, a planted one that works) and
    every alias page (a twin or a query permutation) that links to a problem.
    """
    planted = {(p.site_url, p.target): p for p in plantings}
    problems: list[PlantedProblem] = []
    mistakes: list[str] = []
    for scope in scopes:
        found = crawl_links(web, scope)
        problem_targets: set[str] = set()
        for target, entry in sorted(found.items()):
            outcome = web.fetch(target)[0]
            planting = planted.pop((scope.site_url, target), None)
            expected = planting.verdict if planting else "ok"
            if outcome.verdict != expected:
                mistakes.append(
                    f"{scope.site_url}: {target} is {outcome.verdict} ({outcome}), planned {expected}"
                )
            if outcome.verdict == "ok":
                continue
            problem_targets.add(target)
            problems.append(_link_problem(scope, target, entry, outcome))
        for alias in alias_pages:
            if any(alias in found[target]["pages"] for target in problem_targets):
                mistakes.append(f"{alias} is an alias page but links to a planted problem")
    mistakes += [f"{site}: planted {target} is never linked from a crawled page" for site, target in planted]
    if mistakes:
        raise ValueError("demo estate is inconsistent:\n" + "\n".join(sorted(mistakes)))
    return problems


def _link_problem(
    scope: CrawlScope, target: str, entry: Mapping[str, set[str]], outcome: Outcome
) -> PlantedProblem:
    pages = sorted(entry["pages"])
    tags = entry["tags"]
    tag = next((t for t in ("script", "link", "img") if t in tags), "a")
    host = (urlsplit(target).hostname or "").lower()
    detail: dict[str, Any] = {
        "error": outcome.error,
        "status": outcome.status,
        "internal": host in scope.hosts and urlsplit(target).port == scope.port,
        "kind": link_kind(target, tag),
        "on_homepage": scope.site_url in entry["pages"],
        "found_on": pages[:50],
        "found_on_count": len(pages),
    }
    return PlantedProblem("broken-link", outcome.verdict, scope.site_url, pages[0], target, detail)


def _in_scope(url: str, scope: CrawlScope) -> bool:
    parts = urlsplit(url)
    return (parts.hostname or "").lower() in scope.hosts and (parts.port or 80) == scope.port


def _header(answer: Answer, name: str) -> str:
    return next((value for key, value in answer.headers if key.lower() == name.lower()), "")


def _unknown(url: str) -> Outcome:
    raise ValueError(f"the demo estate links to {url}, a host it neither serves nor plants as unreachable")
