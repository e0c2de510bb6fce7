"""Sites without a working site search."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.checks.links.broken_link import judge
from govinspect.crawl.urls import normalize_url
from govinspect.model.finding import Finding, Outcome
from govinspect.parse.identity import SearchEntry, site_identity

_FIX = "请在网站各页面头部提供站内搜索框，确保搜索功能可用、能检索到网站已发布的信息和服务。"
_ALLOW = "请确认搜索功能可用，必要时将检查程序加入白名单后复查。"
_METHOD_STATUSES = frozenset({400, 405})  # a search endpoint fetched without a query or with GET


@check(name="no-site-search", scope="site", needs=("pages", "statuses"))
def no_site_search(site: SiteContext) -> Iterator[Finding]:
    """Sites without a working site search.

    What it flags: a site whose homepage offers no way into a site search — no search
    form (a form whose action or field names say search: ``q``, ``searchword``,
    ``keyword``, ``/search``, ``jsearchfront``, ``was5/web/search`` …; login forms are not
    search forms), no link to a search page (站内搜索, 全文检索, 高级搜索, or an address
    with ``search``), no search script — or whose every search entry leads to a broken
    address (the crawl fetched it and got 404, 5xx, a DNS or connection error, or a
    "not found" page). One finding per site, at the homepage: ``fail`` for both cases,
    ``unverified`` when every entry's address refused the inspection (403, robots.txt).

    The crawler does not submit forms, so a form whose action it never fetched counts as
    a search that is present but not verified (no finding). Testing a search for real
    needs the crawler to GET the form action with the title of a recent article as the
    query and look for that article in the answer.

    Why it matters: the 2019 indicators deduct 4 points for a site without a usable
    site-wide search and more for searches that do not find published items (D-FUN-SEARCH).

    Example: 网站首页未提供站内搜索功能。

    How to fix: put a search box in the header of every page, backed by a search service
    that indexes the whole site (information and services).

    Known false positives: a search box made of a bare input and a script that is not in
    the first 500 characters of an inline script and not in a form (the inspection does
    not run scripts); a search endpoint that answers 404 or 500 only when called without a
    query.
    """
    if site.homepage_url is None:
        return
    identity = site_identity(site.read_pages, site.homepage_url)
    site.tally.examined += identity.examined
    front = identity.front
    if front is None:
        return
    if not front.search:
        yield site.finding(
            at=site.homepage_url,
            message=f"网站首页未提供站内搜索功能（未发现搜索框或搜索页面链接）。{_FIX}",
            detail={"problem": "absent", "entries": []},
            record=front.record_id,
        )
        return
    verdicts = [_verdict(site, entry) for entry in front.search]
    if any(verdict is None for verdict in verdicts):
        return  # at least one entry is working or present but not verified
    broken = [(entry, verdict) for entry, verdict in zip(front.search, verdicts, strict=True) if verdict]
    failing = [(entry, verdict) for entry, verdict in broken if verdict[0] is Outcome.FAIL]
    entry, (outcome, why) = (failing or broken)[0]
    if outcome is Outcome.FAIL:
        message = f"网站首页的站内搜索不可用：搜索地址 {entry.url} {why}。{_FIX}"
    else:
        message = f"网站首页的站内搜索无法核实：搜索地址 {entry.url} {why}。{_ALLOW}"
    yield site.finding(
        at=site.homepage_url,
        message=message,
        outcome=outcome,
        target=entry.url,
        detail={
            "problem": "broken" if outcome is Outcome.FAIL else "unverified",
            "entries": [e.url for e in front.search],
        },
        record=front.record_id,
        excerpt=why,
    )


def _verdict(site: SiteContext, entry: SearchEntry) -> tuple[Outcome, str] | None:
    """Why an entry's address does not work (fail or unverified), or None when it works or was not fetched."""
    if entry.url is None:
        return None
    key = normalize_url(entry.url)
    status = site.statuses.get(key) if key is not None else None
    if status is None:
        return None
    verdict = judge(status, None, site.homepage_url)
    if verdict is None or (status.status in _METHOD_STATUSES and entry.kind == "form"):
        return None
    return verdict.outcome, verdict.why
