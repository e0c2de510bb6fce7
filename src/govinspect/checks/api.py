"""The check API: how a check is declared, what it reads, how it reports.

A check is a pure function of a :class:`SiteContext` that yields findings. It
never opens a socket, reads the clock or names an indicator: the crawl stored
what the network said, ``site.as_of`` is the monitoring point, and frameworks
decide how a finding counts.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from govinspect.model.account import Account, Collection, Post
from govinspect.model.availability import AvailabilityProbe
from govinspect.model.crawl import CrawledPage, HostProbe, StoredBody, TargetStatus
from govinspect.model.finding import Evidence, Finding, Outcome, fingerprint
from govinspect.model.history import PreviousItem
from govinspect.model.site import Site

Scope = Literal["site", "page", "account"]  # account: a new-media check, run on an AccountContext


@dataclass
class Tally:
    """What a check looked at, for the report's coverage table."""

    examined: int = 0


@dataclass(frozen=True)
class SiteContext:
    """Everything a check may read about one site's stored crawl."""

    site: Site
    as_of: date
    homepage_url: str | None  # the homepage as finally fetched (after redirects); None if never fetched
    statuses: Mapping[str, TargetStatus]  # every URL the crawl fetched or declined, by normalised URL
    probes: Mapping[str, HostProbe]  # the not-found probe of each origin, by origin
    read_pages: Callable[[], Iterator[CrawledPage]]
    in_scope: Callable[[str], bool]
    probes_history: Sequence[AvailabilityProbe] = ()  # the monitor's stored slots, oldest first
    # What the previous crawl of the site with a column snapshot saw (empty, None: no such crawl)
    previous_items: Mapping[str, PreviousItem] = field(default_factory=dict)  # by item URL
    previous_columns: Mapping[str, str] = field(default_factory=dict)  # column URL → column name
    previous_crawl_at: date | None = None  # the day of that crawl
    # The stored body of a response, by WARC record id (TargetStatus.record_id, CrawledPage.record_id)
    read_body: Callable[[str], StoredBody | None] = field(default=lambda record_id: None)
    check_name: str = ""
    tally: Tally = field(default_factory=Tally)

    @property
    def homepage_record(self) -> str | None:
        """The WARC record of the homepage as fetched: the evidence of a site-level finding."""
        if self.homepage_url is None:
            return None
        status = self.statuses.get(self.homepage_url)
        if status is None or status.record_id is None:
            status = next(
                (s for s in self.statuses.values() if s.final_url == self.homepage_url and s.record_id), None
            )
        return status.record_id if status is not None else None

    def pages(self) -> Iterator[CrawledPage]:
        """The site's parsed pages, streamed from the store."""
        return self.read_pages()

    def finding(
        self,
        *,
        at: str,
        message: str,
        outcome: Outcome = Outcome.FAIL,
        target: str | None = None,
        detail: dict[str, Any] | None = None,
        record: str | None = None,
        excerpt: str | None = None,
        locator: str = "",
    ) -> Finding:
        """A finding of the running check, with its stable fingerprint."""
        return Finding(
            check=self.check_name,
            outcome=outcome,
            url=at,
            message=message,
            fingerprint=fingerprint(self.check_name, self.site.key, target or at, locator),
            target=target,
            detail=detail or {},
            evidence=Evidence(archive_record=record, excerpt=excerpt),
        )


@dataclass(frozen=True)
class AccountContext:
    """Everything a new-media check may read about one account: the registry, what was collected, T.

    ``collections`` are the account's stored collections, oldest first (the history of what its
    feed showed); ``registry`` is every registered account (for duplicates); ``linked_from`` maps
    an account key or URL found on government sites' new-media matrix pages to those pages.
    """

    account: Account
    as_of: date
    collections: Sequence[Collection]
    registry: Sequence[Account] = ()
    check_name: str = ""
    tally: Tally = field(default_factory=Tally)

    def posts(self) -> list[Post]:
        """Every post collected, newest collection first wins for duplicates, sorted newest first."""
        seen: dict[str, Post] = {}
        for collection in self.collections:
            for post in collection.posts:
                seen[post.url or f"{post.published}|{post.title}"] = post
        return sorted(seen.values(), key=lambda p: p.published or datetime.min, reverse=True)

    def finding(
        self,
        *,
        message: str,
        outcome: Outcome = Outcome.FAIL,
        detail: dict[str, Any] | None = None,
        excerpt: str | None = None,
        locator: str = "",
    ) -> Finding:
        """A finding of the running check at the account's URL (or feed), with ``detail.account``."""
        at = self.account.url or self.account.feed or self.account.key
        return Finding(
            check=self.check_name,
            outcome=outcome,
            url=at,
            message=message,
            fingerprint=fingerprint(self.check_name, self.account.key, at, locator),
            detail={"account": {"platform": self.account.platform, "id": self.account.account_id}}
            | (detail or {}),
            evidence=Evidence(excerpt=excerpt),
        )


CheckFunction = Callable[..., Iterator[Finding]]  # (site: SiteContext, **parameters) -> findings
ParameterReader = Callable[[Mapping[str, Any]], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class CheckSpec:
    name: str
    scope: Scope
    needs: tuple[str, ...]
    function: CheckFunction
    module: str
    read_parameters: ParameterReader | None = None  # framework values → the check's keyword arguments

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


_REGISTRY: dict[str, CheckSpec] = {}


def check(
    name: str, scope: Scope = "site", needs: tuple[str, ...] = (), parameters: ParameterReader | None = None
) -> Callable[[CheckFunction], CheckFunction]:
    """Declare a check. The name states the problem (``broken-link``), never the action.

    ``parameters`` reads the values a framework file gives the check (windows, thresholds) into the
    keyword arguments of the check function; a check without it takes none.
    """

    def register(function: CheckFunction) -> CheckFunction:
        if name in _REGISTRY and _REGISTRY[name].function is not function:
            raise ValueError(f"two checks are named {name!r}")
        _REGISTRY[name] = CheckSpec(name, scope, needs, function, function.__module__, parameters)
        return function

    return register


def all_checks() -> dict[str, CheckSpec]:
    """Every check shipped with govinspect, by name (imports the check modules once)."""
    import govinspect.checks as package

    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
    return dict(sorted(_REGISTRY.items()))


def site_checks() -> dict[str, CheckSpec]:
    """The checks of a website inspection (every check but the new-media ones)."""
    return {name: spec for name, spec in all_checks().items() if spec.scope != "account"}


def account_checks() -> dict[str, CheckSpec]:
    """The checks of a new-media account inspection."""
    return {name: spec for name, spec in all_checks().items() if spec.scope == "account"}
