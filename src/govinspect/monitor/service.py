"""The availability monitor: visit every homepage in its slots, store each visit, stop cleanly.

Each site has a fixed grid of slots (:mod:`govinspect.monitor.schedule`). On start the monitor
reads the latest stored slot of every site: the slots between it and now were missed (the
monitor was not running) and are stored as ``missed``; the current slot is visited unless it
already has a row, so a restart in the middle of a slot never visits twice. Running, it starts
each slot's visit on time, even while an earlier visit of the same site is still waiting for an
answer. Visits are written in small batches every half second, each row at most once.

On SIGTERM or SIGINT no new visit starts; the visits in flight finish (a visit ends within its
timeout), their rows are committed and the monitor exits. A second signal abandons the visits in
flight: their slots stay empty, and a restart within the slot visits them again.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import signal
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from govinspect.crawl.fetch import Fetcher
from govinspect.crawl.resolve import GuardedResolver
from govinspect.crawl.safety import AddressPolicy, IPNetwork
from govinspect.model.site import Site
from govinspect.monitor.probe import Visit, visit
from govinspect.monitor.schedule import DAY_MS, Schedule
from govinspect.monitor.store import SlotRow, latest_slots, register_sites, store_slots
from govinspect.settings import CrawlSettings, ResolveEntry

log = logging.getLogger(__name__)

#: Slots of a gap older than this (the rule's window) are not written as missed.
MISSED_BACKFILL_DAYS = 7
FLUSH_SECONDS = 0.5


def monitor_settings(
    timeout_seconds: float = 15.0,
    concurrency: int = 64,
    resolve: tuple[ResolveEntry, ...] = (),
    allow_networks: tuple[IPNetwork, ...] = (),
) -> CrawlSettings:
    """Crawl settings for visits: one attempt each, and no queue inside the fetcher.

    The schedule already spreads visits thinly (one per site per interval). The monitor limits
    visits in flight itself, before a visit's clock starts, so the fetcher's gates (total, per
    host, per address) are as wide as that limit and never hold a visit back: time spent waiting
    for a turn must never count toward a site's timeout.
    """
    return CrawlSettings(
        timeout_seconds=timeout_seconds,
        concurrency=concurrency,
        per_host=concurrency,
        per_ip=concurrency,
        delay_seconds=0.0,
        retries=0,
        respect_robots=False,
        resolve=resolve,
        allow_networks=allow_networks,
    )


@dataclass(frozen=True, slots=True)
class MonitorOptions:
    schedule: Schedule
    settings: CrawlSettings
    once: bool = False  # one round: visit each site's current slot (unless stored), then return


@dataclass
class MonitorStats:
    """What one run of the monitor did."""

    ok: int = 0
    failed: int = 0
    unverified: int = 0
    missed: int = 0  # empty slots stored as missed
    already_done: int = 0  # sites whose current slot was stored before this run began
    kept_earlier_row: int = 0  # rows not written because the slot was already stored (another monitor)

    @property
    def visits(self) -> int:
        return self.ok + self.failed + self.unverified

    def count(self, result: Visit) -> None:
        if result.outcome == "ok":
            self.ok += 1
        elif result.outcome == "failed":
            self.failed += 1
        else:
            self.unverified += 1


@dataclass(frozen=True, slots=True)
class _Monitored:
    site: Site
    site_id: int


class _SlotWriter:
    """Rows waiting to be stored; written by one database thread, in order."""

    def __init__(self, engine: Engine, stats: MonitorStats) -> None:
        self._engine = engine
        self._stats = stats
        self._pending: list[SlotRow] = []
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govinspect-monitor-db")

    def add(self, row: SlotRow) -> None:
        self._pending.append(row)

    async def flush(self, *, final: bool = False) -> None:
        rows, self._pending = self._pending, []
        if not rows:
            return
        loop = asyncio.get_running_loop()
        try:
            added = await loop.run_in_executor(self._thread, store_slots, self._engine, rows)
        except SQLAlchemyError:
            if final:
                raise
            log.warning("could not store %d probe rows; retrying", len(rows), exc_info=True)
            self._pending[:0] = rows
            return
        self._stats.kept_earlier_row += len(rows) - added

    def close(self) -> None:
        self._thread.shutdown(wait=True)


class Monitor:
    """Visits a set of sites on a schedule and stores every slot."""

    def __init__(
        self,
        sites: Sequence[Site],
        engine: Engine,
        options: MonitorOptions,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.options = options
        self.stats = MonitorStats()
        self._engine = engine
        self._clock = clock
        unique = list({site.key: site for site in sites}.values())  # twins are one site
        ids = register_sites(engine, unique)
        self._sites = [_Monitored(site, ids[site.key]) for site in unique]
        self._writer = _SlotWriter(engine, self.stats)
        self._inflight: set[asyncio.Task[None]] = set()
        self._turns = asyncio.Semaphore(options.settings.concurrency)

    def _now_ms(self) -> int:
        return int(self._clock() * 1000)

    def _row(self, monitored: _Monitored, slot_ms: int, result: Visit | None) -> SlotRow:
        return SlotRow(
            site_id=monitored.site_id,
            slot_start_ms=slot_ms,
            slot_seconds=self.options.schedule.interval_seconds,
            url=monitored.site.url,
            visit=result,
        )

    def _miss(self, monitored: _Monitored, slots: range) -> None:
        for slot_ms in slots:
            self._writer.add(self._row(monitored, slot_ms, None))
            self.stats.missed += 1

    def _plan(self) -> list[tuple[int, int]]:
        """(first slot to visit, site index) for every site; queues the slots missed while stopped."""
        schedule = self.options.schedule
        latest = latest_slots(self._engine, (m.site_id for m in self._sites))
        now = self._now_ms()
        oldest_missed = now - MISSED_BACKFILL_DAYS * DAY_MS
        plan: list[tuple[int, int]] = []
        for index, monitored in enumerate(self._sites):
            key = monitored.site.key
            current = schedule.slot_start(key, now)
            last = latest.get(monitored.site_id)
            if last is None:
                plan.append((current, index))
                continue
            self._miss(monitored, schedule.slots_between(key, max(last, oldest_missed), current))
            first = max(current, schedule.slot_start(key, last) + schedule.interval_ms)
            if first > current:
                self.stats.already_done += 1
            plan.append((first, index))
        return plan

    async def run(self, stop: asyncio.Event) -> MonitorStats:
        """Run until ``stop`` is set (or one round, with ``once``); returns what was done."""
        settings = self.options.settings
        hosts = [urlsplit(m.site.url).hostname or "" for m in self._sites]
        hosts += [entry.host for entry in settings.resolve]
        policy = AddressPolicy.build([h for h in hosts if h], settings.allow_networks)
        plan = self._plan()
        done = asyncio.Event()
        flusher = asyncio.create_task(self._flush_until(done))
        try:
            async with Fetcher(settings, GuardedResolver(policy, settings.resolve)) as fetcher:
                if self.options.once:
                    now = self._now_ms()
                    for slot_ms, index in plan:
                        if slot_ms <= now:
                            self._start(fetcher, self._sites[index], slot_ms)
                else:
                    await self._follow(fetcher, plan, stop)
                while self._inflight:
                    await asyncio.wait(set(self._inflight))
        finally:
            done.set()
            await flusher
            self._writer.close()
        return self.stats

    def abandon_visits(self) -> None:
        """Cancel the visits in flight; their slots stay empty."""
        for task in self._inflight:
            task.cancel()

    async def _follow(self, fetcher: Fetcher, plan: list[tuple[int, int]], stop: asyncio.Event) -> None:
        schedule = self.options.schedule
        heap = list(plan)
        heapq.heapify(heap)
        while heap and not stop.is_set():
            slot_ms, index = heap[0]
            wait = (slot_ms - self._now_ms()) / 1000
            if wait > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), wait)
                continue
            monitored = self._sites[index]
            current = schedule.slot_start(monitored.site.key, self._now_ms())
            if current > slot_ms:  # fell a whole slot behind (machine suspended, clock jumped)
                self._miss(monitored, range(slot_ms, current, schedule.interval_ms))
                slot_ms = current
            self._start(fetcher, monitored, slot_ms)
            heapq.heapreplace(heap, (slot_ms + schedule.interval_ms, index))

    def _start(self, fetcher: Fetcher, monitored: _Monitored, slot_ms: int) -> None:
        task = asyncio.create_task(self._visit(fetcher, monitored, slot_ms))
        self._inflight.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._inflight.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("a visit crashed", exc_info=task.exception())

    async def _visit(self, fetcher: Fetcher, monitored: _Monitored, slot_ms: int) -> None:
        async with self._turns:  # the visit's clock starts once it has its turn
            result = await visit(fetcher, monitored.site.url)
        self.stats.count(result)
        self._writer.add(self._row(monitored, slot_ms, result))

    async def _flush_until(self, done: asyncio.Event) -> None:
        while not done.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), FLUSH_SECONDS)
            await self._writer.flush(final=done.is_set())


async def serve(monitor: Monitor) -> MonitorStats:
    """Run ``monitor`` until SIGTERM or SIGINT; a second signal abandons the visits in flight."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def on_signal() -> None:
        if stop.is_set():
            monitor.abandon_visits()
        stop.set()

    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, on_signal)
    try:
        return await monitor.run(stop)
    finally:
        for number in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(number)
