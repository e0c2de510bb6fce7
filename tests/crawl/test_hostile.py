"""The crawler against hostile servers: every case ends in a clear outcome, in bounded time and memory.

Each case serves a homepage on loopback that links to one misbehaving target (or is the
misbehaving target itself), runs the whole inspection in-process — crawl, checks, scoring — and
asserts what a site editor would read in the report: the broken-link finding with its outcome
and error kind, or no finding when the target works after all. A few cases run the real CLI.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from tests.fixtures.hostile import (
    CALENDAR_TITLE,
    LYING_CHARSET_TITLE,
    MALFORMED_TITLES,
    PDF_BYTES,
    RAW_BAD_STATUS_LINE,
    RAW_CLOSE_MID_CHUNKED,
    RAW_CLOSE_WITHOUT_ANSWER,
    RAW_RESET_MID_BODY,
    HostileSite,
    LoopbackGuard,
    RawSite,
    gzip_bomb,
    hostile_site,
    loopback_only,
    raw_site,
)

from govinspect.checks.api import all_checks
from govinspect.engine import stored_body
from govinspect.inspection import RunOptions, crawl_sites, site_report
from govinspect.model.finding import Finding, Outcome
from govinspect.model.report import SiteReport
from govinspect.model.site import Site
from govinspect.scoring.framework import load_framework
from govinspect.settings import CrawlSettings
from govinspect.store.crawls import load_statuses
from govinspect.store.db import database_url, evidence_dir, open_store
from govinspect.store.schema import fetches, pages

__all__ = ["hostile_site", "loopback_only", "raw_site"]  # pytest fixtures used by name below

pytestmark = pytest.mark.timeout(30)

AS_OF = date(2026, 11, 20)
TIMEOUT_SECONDS = 1.0
MEMORY_CEILING_BYTES = 200 * 1024 * 1024


def _settings(**overrides: Any) -> CrawlSettings:
    values: dict[str, Any] = {
        "timeout_seconds": TIMEOUT_SECONDS,
        "concurrency": 8,
        "per_host": 8,
        "per_ip": 8,
        "delay_seconds": 0.0,
        "retries": 1,
        "retry_backoff_seconds": 0.1,
        "time_budget_seconds": 25.0,
    }
    values.update(overrides)
    return CrawlSettings(**values)


@dataclass(frozen=True)
class Inspected:
    """One in-process inspection of a site: its report and what the store holds."""

    report: SiteReport
    elapsed_seconds: float
    engine: Engine
    crawl_id: int
    stopped_by: str
    crawl_error: str | None

    def broken_link(self, target: str) -> Finding | None:
        found = [f for f in self.report.findings if f.check == "broken-link" and f.target == target]
        assert len(found) <= 1
        return found[0] if found else None

    def fetch_row(self, url: str) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(
                select(fetches).where(fetches.c.crawl_id == self.crawl_id, fetches.c.url == url)
            ).one_or_none()

    def fetched_urls(self) -> set[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(fetches.c.url).where(fetches.c.crawl_id == self.crawl_id))
            return {r.url for r in rows}

    def stored_titles(self) -> list[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(fetches.c.title).where(fetches.c.crawl_id == self.crawl_id))
            return [r.title for r in rows if r.title]

    def page_urls(self) -> set[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(pages.c.url).where(pages.c.crawl_id == self.crawl_id))
            return {r.url for r in rows}


async def inspect(home_url: str, tmp_path: Path, **overrides: Any) -> Inspected:
    """Crawl, check and score one site as ``govinspect check`` does, timing the whole run."""
    options = RunOptions(
        settings=_settings(**overrides),
        as_of=AS_OF,
        framework=load_framework("cn-gov-2019", frozenset(all_checks())),
        fresh=True,
    )
    db = str(tmp_path / "store.sqlite")
    engine = open_store(db)
    site = Site(name="测试市人民政府", url=home_url)
    started = time.monotonic()
    [(site, handle, stopped_by, error)] = await crawl_sites(
        [site], engine, evidence_dir(database_url(db)), options
    )
    report = site_report(engine, site, handle, error, options)
    elapsed = time.monotonic() - started
    return Inspected(report, elapsed, engine, handle.crawl_id, stopped_by, error)


def assert_broken(run: Inspected, target: str, outcome: Outcome, error: str) -> Finding:
    finding = run.broken_link(target)
    assert finding is not None, f"no broken-link finding for {target}: {run.report.findings}"
    assert (finding.outcome, finding.detail["error"]) == (outcome, error), finding.detail
    assert run.stopped_by == "complete" and run.crawl_error is None
    return finding


@dataclass
class MemoryUse:
    traced_peak_bytes: int = 0
    rss_peak_growth_bytes: int = 0


@contextmanager
def measure_memory() -> Iterator[MemoryUse]:
    """Peak of Python allocations (tracemalloc) and growth of this process's peak RSS inside the block.

    The RSS figure only grows when the block sets a new high-water mark for the process, so it is
    a floor of the block's own use; tracemalloc sees every buffer the fetcher and parser allocate.
    """
    use = MemoryUse()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    tracemalloc.start()
    try:
        yield use
    finally:
        use.traced_peak_bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        use.rss_peak_growth_bytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - rss_before


# -- answers that never complete ----------------------------------------------------------------


async def test_slow_first_byte_is_a_timeout(hostile_site: HostileSite, tmp_path: Path) -> None:
    hostile_site.home_links = ["/slow-first-byte.html"]
    run = await inspect(hostile_site.url(), tmp_path)
    assert_broken(run, hostile_site.url("/slow-first-byte.html"), Outcome.FAIL, "timeout")
    assert run.elapsed_seconds < 8


async def test_trickled_body_is_a_timeout(hostile_site: HostileSite, tmp_path: Path) -> None:
    hostile_site.home_links = ["/trickle.html"]
    run = await inspect(hostile_site.url(), tmp_path)
    assert_broken(run, hostile_site.url("/trickle.html"), Outcome.FAIL, "timeout")
    assert run.elapsed_seconds < 8


# -- redirects --------------------------------------------------------------------------------------


async def test_endless_redirect_chain_is_a_redirect_loop(hostile_site: HostileSite, tmp_path: Path) -> None:
    hostile_site.home_links = ["/r/1"]
    run = await inspect(hostile_site.url(), tmp_path)
    assert_broken(run, hostile_site.url("/r/1"), Outcome.FAIL, "redirect-loop")
    assert len(hostile_site.log.to("/r/")) == CrawlSettings().max_redirects + 1
    assert run.elapsed_seconds < 5


async def test_two_url_redirect_loop_is_a_redirect_loop(hostile_site: HostileSite, tmp_path: Path) -> None:
    hostile_site.home_links = ["/loop/a.html"]
    run = await inspect(hostile_site.url(), tmp_path)
    assert_broken(run, hostile_site.url("/loop/a.html"), Outcome.FAIL, "redirect-loop")
    assert len(hostile_site.log.to("/loop/")) == 2  # a → b, and b → a is recognised without asking again
    assert run.elapsed_seconds < 5


# -- bodies too large -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/gzip-bomb.html", "/huge-with-length.html", "/huge-chunked.html"])
async def test_oversized_page_is_unverified_too_large_in_bounded_memory(
    hostile_site: HostileSite, tmp_path: Path, path: str
) -> None:
    gzip_bomb()  # built before measuring: the server's 2 MB are not the crawler's memory
    hostile_site.home_links = [path]
    with measure_memory() as memory:
        run = await inspect(hostile_site.url(), tmp_path)
    assert_broken(run, hostile_site.url(path), Outcome.UNVERIFIED, "too-large")
    assert run.elapsed_seconds < 10
    assert memory.traced_peak_bytes < MEMORY_CEILING_BYTES
    assert memory.rss_peak_growth_bytes < MEMORY_CEILING_BYTES
    # the transfer stopped near the size cap: 2 GB were never sent
    assert hostile_site.body_bytes_sent[path] < 10 * CrawlSettings().max_page_bytes


# -- content that lies ------------------------------------------------------------------------------


async def test_binary_served_as_html_is_not_parsed(hostile_site: HostileSite, tmp_path: Path) -> None:
    hostile_site.home_links = ["/binary.html"]
    run = await inspect(hostile_site.url(), tmp_path)
    target = hostile_site.url("/binary.html")
    row = run.fetch_row(target)
    assert (row.status, row.error, row.kind) == (200, None, "binary")
    assert target not in run.page_urls()
    assert not hostile_site.log.to("/invented")  # links inside the bytes were not followed
    assert run.broken_link(target) is None
    assert run.elapsed_seconds < 5


async def test_lying_charset_still_gives_the_right_title(hostile_site: HostileSite, tmp_path: Path) -> None:
    hostile_site.home_links = ["/lying-charset.html"]
    run = await inspect(hostile_site.url(), tmp_path)
    row = run.fetch_row(hostile_site.url("/lying-charset.html"))
    assert row.title == LYING_CHARSET_TITLE
    assert run.elapsed_seconds < 5


@pytest.mark.parametrize("name", ["unclosed", "nul", "deep", "long-line"])
async def test_malformed_html_is_parsed_to_its_end(
    hostile_site: HostileSite, tmp_path: Path, name: str
) -> None:
    hostile_site.home_links = [f"/malformed/{name}.html"]
    run = await inspect(hostile_site.url(), tmp_path)
    assert run.fetch_row(hostile_site.url(f"/malformed/{name}.html")).title == MALFORMED_TITLES[name]
    assert hostile_site.url(f"/malformed/{name}.html") in run.page_urls()
    assert hostile_site.log.to(f"/malformed/after-{name}.html"), (
        "the link at the end of the page was not seen"
    )
    assert not [f for f in run.report.findings if f.check == "broken-link"]
    assert run.elapsed_seconds < 10


# -- crawl traps ------------------------------------------------------------------------------------


async def test_endless_calendars_stop_by_themselves(hostile_site: HostileSite, tmp_path: Path) -> None:
    """No depth cap helps here: only the trap defence can end the crawl."""
    hostile_site.home_links = ["/cal?month=2026-11", "/calendar/2026/11/"]
    run = await inspect(hostile_site.url(), tmp_path, max_depth=1_000_000)
    assert run.stopped_by == "complete"
    settings = CrawlSettings()
    assert 12 <= len(hostile_site.log.to("/cal?")) <= settings.max_query_variants_per_path
    assert 12 <= len(hostile_site.log.to("/calendar/")) <= 12 * 32  # months within 30 years back, 1 ahead
    declined = [note for note in run.report.notes if note.startswith("declined")]
    assert any("query variants" in note for note in declined), run.report.notes
    assert any("calendar date" in note for note in declined), run.report.notes
    titles = [t for t in run.stored_titles() if t.startswith(CALENDAR_TITLE)]
    assert len(titles) == len(run.page_urls()) - 1  # every calendar page fetched was read as a page
    assert run.elapsed_seconds < 20


# -- robots.txt -------------------------------------------------------------------------------------


async def test_robots_disallowed_link_is_unverified_and_never_requested(
    hostile_site: HostileSite, tmp_path: Path
) -> None:
    hostile_site.robots_txt = "User-agent: *\nDisallow: /private/\n"
    hostile_site.home_links = ["/private/secret.html"]
    run = await inspect(hostile_site.url(), tmp_path)
    assert_broken(run, hostile_site.url("/private/secret.html"), Outcome.UNVERIFIED, "robots")
    assert hostile_site.log.to("/private/") == []
    assert run.elapsed_seconds < 5


# -- servers pushing back ---------------------------------------------------------------------------


async def test_brief_429_is_waited_out_and_retried(hostile_site: HostileSite, tmp_path: Path) -> None:
    hostile_site.home_links = ["/ratelimit/briefly.html"]
    run = await inspect(hostile_site.url(), tmp_path)
    target = hostile_site.url("/ratelimit/briefly.html")
    assert run.broken_link(target) is None
    first, second = hostile_site.log.to("/ratelimit/briefly.html")
    assert second.at - first.at >= 1.0
    assert run.elapsed_seconds < 6


async def test_429_for_an_hour_is_unverified_without_waiting(
    hostile_site: HostileSite, tmp_path: Path
) -> None:
    hostile_site.home_links = ["/ratelimit/for-an-hour.html"]
    run = await inspect(hostile_site.url(), tmp_path)
    finding = assert_broken(run, hostile_site.url("/ratelimit/for-an-hour.html"), Outcome.UNVERIFIED, "http")
    assert finding.detail["status"] == 429
    assert run.elapsed_seconds < 5


async def test_503_then_200_is_retried(hostile_site: HostileSite, tmp_path: Path) -> None:
    hostile_site.home_links = ["/flaky.html"]
    run = await inspect(hostile_site.url(), tmp_path)
    assert run.broken_link(hostile_site.url("/flaky.html")) is None
    assert len(hostile_site.log.to("/flaky.html")) == 2
    assert run.elapsed_seconds < 5


@pytest.mark.parametrize("path", ["/files/head-405.zip", "/files/head-404.zip"])
async def test_head_refused_falls_back_to_get(hostile_site: HostileSite, tmp_path: Path, path: str) -> None:
    hostile_site.home_links = [path]
    run = await inspect(hostile_site.url(), tmp_path)
    assert run.broken_link(hostile_site.url(path)) is None
    assert [h.method for h in hostile_site.log.to(path)] == ["HEAD", "GET"]
    assert run.elapsed_seconds < 5


async def test_the_sites_own_documents_are_downloaded_whole_and_kept_for_the_checks(
    hostile_site: HostileSite, tmp_path: Path
) -> None:
    hostile_site.home_links = ["/files/notice.pdf", "/files/download.jsp"]
    run = await inspect(hostile_site.url(), tmp_path)
    statuses = load_statuses(run.engine, run.crawl_id)
    assert [h.method for h in hostile_site.log.to("/files/notice.pdf")] == ["GET"]
    assert [h.method for h in hostile_site.log.to("/files/download.jsp")] == ["GET"]  # fetched as a page
    for path in ("/files/notice.pdf", "/files/download.jsp"):
        status = statuses[hostile_site.url(path)]
        assert status.kind == "pdf" and status.record_id is not None
        body = stored_body(run.engine, status.record_id)
        assert body is not None and body.body == PDF_BYTES and not body.truncated


async def test_a_document_over_the_size_cap_is_kept_truncated_and_is_not_broken(
    hostile_site: HostileSite, tmp_path: Path
) -> None:
    hostile_site.home_links = ["/files/huge-scan.pdf"]
    run = await inspect(hostile_site.url(), tmp_path, max_attachment_bytes=256 * 1024)
    assert run.broken_link(hostile_site.url("/files/huge-scan.pdf")) is None
    status = load_statuses(run.engine, run.crawl_id)[hostile_site.url("/files/huge-scan.pdf")]
    assert status.record_id is not None
    body = stored_body(run.engine, status.record_id)
    assert body is not None and body.truncated and len(body.body) <= 256 * 1024
    assert hostile_site.body_bytes_sent["/files/huge-scan.pdf"] < 4 * 1024 * 1024


async def test_with_no_attachment_budget_documents_are_only_proven_to_download(
    hostile_site: HostileSite, tmp_path: Path
) -> None:
    hostile_site.home_links = ["/files/notice.pdf"]
    await inspect(hostile_site.url(), tmp_path, max_attachment_bytes=0)
    assert [h.method for h in hostile_site.log.to("/files/notice.pdf")] == ["HEAD"]


# -- network safety ---------------------------------------------------------------------------------


async def test_private_address_never_named_is_not_contacted(
    hostile_site: HostileSite, tmp_path: Path, loopback_only: LoopbackGuard
) -> None:
    hostile_site.home_links = ["http://10.255.255.1/"]
    run = await inspect(hostile_site.url(), tmp_path)
    assert_broken(run, "http://10.255.255.1/", Outcome.UNVERIFIED, "forbidden")
    assert "127.0.0.1" in loopback_only.attempted  # the guard saw the crawler's connections …
    assert loopback_only.refused == []  # … and none of them left loopback
    assert run.elapsed_seconds < 5


# -- misbehaviour below HTTP ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "error"),
    [
        (RAW_BAD_STATUS_LINE, "protocol"),
        (RAW_RESET_MID_BODY, "connect"),
        (RAW_CLOSE_MID_CHUNKED, "connect"),
        (RAW_CLOSE_WITHOUT_ANSWER, "connect"),
    ],
)
async def test_broken_connections(
    hostile_site: HostileSite, raw_site: RawSite, tmp_path: Path, path: str, error: str
) -> None:
    hostile_site.home_links = [raw_site.url(path)]
    run = await inspect(hostile_site.url(), tmp_path)
    assert_broken(run, raw_site.url(path), Outcome.FAIL, error)
    asked = len(raw_site.log.to(path))
    if error == "connect":  # a dropped connection may be a passing fault: retried once (retries=1) …
        assert 2 <= asked <= 4  # … and aiohttp itself resends a GET once when no answer came at all
    else:
        assert asked == 1
    assert run.elapsed_seconds < 5


# -- the homepage itself is hostile -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "error"),
    [("/slow-first-byte.html", "timeout"), ("/r/1", "redirect-loop"), ("/binary.html", "binary")],
)
async def test_unreadable_homepage_leaves_the_site_unverified(
    hostile_site: HostileSite, tmp_path: Path, path: str, error: str
) -> None:
    """A homepage that never gave a readable page cannot be judged: the site is unverified, and why."""
    run = await inspect(hostile_site.url(path), tmp_path)
    assert run.report.crawl.pages == 0
    assert run.report.verdict == "unverified", run.report.notes
    assert any(note.startswith("首页") and error in note for note in run.report.notes), run.report.notes
    assert run.elapsed_seconds < 5


@pytest.mark.parametrize("path", ["/gzip-bomb.html", "/huge-with-length.html", "/huge-chunked.html"])
async def test_oversized_homepage_is_read_in_part_or_unverified(
    hostile_site: HostileSite, tmp_path: Path, path: str
) -> None:
    with measure_memory() as memory:
        run = await inspect(hostile_site.url(path), tmp_path)
    if run.report.crawl.pages:  # read up to the size cap, and judged on that
        assert hostile_site.url(path) in run.page_urls()
    else:
        assert run.report.verdict == "unverified", run.report.notes
        assert any(note.startswith("首页") and "too-large" in note for note in run.report.notes)
    assert memory.traced_peak_bytes < MEMORY_CEILING_BYTES
    assert run.elapsed_seconds < 10


# -- the command line, end to end -------------------------------------------------------------------

CLI_DEADLINE_SECONDS = 25.0


@dataclass(frozen=True)
class CliRun:
    status: int
    stderr: str
    report: dict[str, Any]
    elapsed_seconds: float
    peak_rss_bytes: int


def run_cli(url: str, tmp_path: Path) -> CliRun:
    """``govinspect check URL`` with the loopback knobs; killed if it outlives the deadline."""
    out = tmp_path / "report.json"
    args = [
        *(sys.executable, "-m", "govinspect", "check", url, "--db", str(tmp_path / "cli.sqlite")),
        *("--format", "json", "--output", str(out), "--fresh", "--delay", "0", "--timeout", "1"),
        *("--concurrency", "8", "--per-host", "8", "--retries", "1", "--no-progress"),
        *("--as-of", AS_OF.isoformat()),
    ]
    started = time.monotonic()
    process = subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    killer = threading.Timer(CLI_DEADLINE_SECONDS, process.kill)
    killer.start()
    try:
        assert process.stderr is not None
        with process.stderr:
            stderr = process.stderr.read().decode("utf-8", "replace")
        _, wait_status, usage = os.wait4(process.pid, 0)  # the child's own peak RSS, not the suite's
    finally:
        killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(wait_status)
    elapsed = time.monotonic() - started
    assert out.exists(), f"no report written (exit {process.returncode}): {stderr}"
    report = json.loads(out.read_text(encoding="utf-8"))
    return CliRun(process.returncode, stderr, report, elapsed, usage.ru_maxrss * 1024)


async def test_cli_reports_every_hostile_link_and_exits_cleanly(
    hostile_site: HostileSite, raw_site: RawSite, tmp_path: Path
) -> None:
    expected = {
        hostile_site.url("/slow-first-byte.html"): ("fail", "timeout"),
        hostile_site.url("/trickle.html"): ("fail", "timeout"),
        hostile_site.url("/r/1"): ("fail", "redirect-loop"),
        hostile_site.url("/private/secret.html"): ("unverified", "robots"),
        hostile_site.url("/ratelimit/for-an-hour.html"): ("unverified", "http"),
        hostile_site.url("/gzip-bomb.html"): ("unverified", "too-large"),
        hostile_site.url("/huge-chunked.html"): ("unverified", "too-large"),
        raw_site.url(RAW_BAD_STATUS_LINE): ("fail", "protocol"),
        raw_site.url(RAW_RESET_MID_BODY): ("fail", "connect"),
    }
    hostile_site.robots_txt = "User-agent: *\nDisallow: /private/\n"
    hostile_site.home_links = [*expected, "/ok.html", "/files/head-405.zip", "/lying-charset.html"]
    run = await asyncio.to_thread(run_cli, hostile_site.url(), tmp_path)
    [site] = run.report["sites"]
    found = {
        f["target"]: (f["outcome"], f["detail"]["error"])
        for f in site["findings"]
        if f["check"] == "broken-link"
    }
    assert found == expected
    assert run.status == (1 if site["verdict"] == "unqualified" else 0), run.stderr
    assert site["crawl"]["stopped_by"] == "complete"
    assert f"report: {tmp_path / 'report.json'}" in run.stderr
    assert hostile_site.log.to("/private/") == []
    assert run.elapsed_seconds < CLI_DEADLINE_SECONDS
    assert run.peak_rss_bytes < 2 * MEMORY_CEILING_BYTES  # the whole process: interpreter, store, checks


async def test_cli_homepage_without_an_answer_is_reported_unverified(
    raw_site: RawSite, tmp_path: Path
) -> None:
    run = await asyncio.to_thread(run_cli, raw_site.url(RAW_CLOSE_WITHOUT_ANSWER), tmp_path)
    [site] = run.report["sites"]
    assert site["verdict"] == "unverified"
    assert site["score"] is None
    assert any("首页无法访问" in note and "connect" in note for note in site["notes"]), site["notes"]
    assert run.status == 0, run.stderr  # exit 1 is for unqualified sites; this one was not inspected
    assert "首页无法访问" in run.stderr  # the summary on standard error says why
    assert run.elapsed_seconds < CLI_DEADLINE_SECONDS
