"""Inspecting new-media accounts: collect what each account shows, keep it, run the account checks, judge.

Collection and judgement are separate steps, like crawling and checking a site: collections are
stored with their history (:mod:`govinspect.newmedia.store`), and the checks read the stored
history, so an account can be judged again offline for another day T or framework.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine

from govinspect.checks.api import AccountContext, account_checks
from govinspect.crawl.safety import IPNetwork
from govinspect.engine import run_checks
from govinspect.model.account import Account, Collection
from govinspect.model.finding import Finding
from govinspect.model.report import Coverage, Verdict
from govinspect.newmedia.collect import collect, open_session
from govinspect.newmedia.store import load_collections, store_collection
from govinspect.scoring.framework import Framework
from govinspect.scoring.score import score_account
from govinspect.settings import ResolveEntry

ACCOUNTS_IN_PARALLEL = 8


@dataclass(frozen=True, slots=True)
class AccountReport:
    """One account's verdict (the new-media single vetoes), its findings and what was collected."""

    account: Account
    verdict: Verdict  # unverified: nothing could be read of it
    vetoes: tuple[str, ...]
    findings: tuple[Finding, ...]
    coverage: dict[str, Coverage]
    posts: int  # posts collected, over the stored history
    error: str | None  # why the latest collection read nothing, if it did not


async def collect_accounts(
    engine: Engine,
    accounts: Sequence[Account],
    *,
    allow_networks: Sequence[IPNetwork] = (),
    resolve: tuple[ResolveEntry, ...] = (),
    moment: datetime | None = None,
) -> list[Collection]:
    """Collect every account (cancelled ones excepted) once and store each collection as it comes."""
    when = moment or datetime.now(UTC)
    live = [account for account in accounts if account.status != "cancelled"]
    gate = asyncio.Semaphore(ACCOUNTS_IN_PARALLEL)
    async with open_session(live, allow_networks=allow_networks, resolve=resolve) as session:

        async def one(account: Account) -> Collection:
            async with gate:
                collection = await collect(account, session, when)
            await asyncio.to_thread(store_collection, engine, account, collection)
            return collection

        return list(await asyncio.gather(*(one(account) for account in live)))


def account_report(
    engine: Engine, account: Account, registry: Sequence[Account], framework: Framework, as_of: date
) -> AccountReport:
    """Run the account checks over the account's stored collections and judge it."""
    collections = load_collections(engine, account.key)
    context = AccountContext(account=account, as_of=as_of, collections=collections, registry=registry)
    results = run_checks(context, account_checks().values(), framework.check_parameters)
    latest = collections[-1] if collections else None
    collected = any(c.error is None for c in collections)
    card = score_account(results.findings, framework, collected=collected)
    return AccountReport(
        account=account,
        verdict=card.verdict,
        vetoes=card.vetoes,
        findings=card.findings,
        coverage=results.coverage,
        posts=len(context.posts()),
        error=latest.error if latest is not None else "never collected",
    )
