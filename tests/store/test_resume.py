"""A crawl killed with SIGKILL continues where it stopped, without refetching and without a bad record."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.fixtures.local_site import serve_site
from warcio.archiveiterator import ArchiveIterator

from govinspect.model.site import Site
from govinspect.store.crawls import start_crawl
from govinspect.store.db import database_url, evidence_dir, open_store

GOVINSPECT = [sys.executable, "-m", "govinspect"]


def _check(url: str, db: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    args = [
        *GOVINSPECT,
        "check",
        url,
        "--db",
        str(db),
        "--output",
        str(out),
        "--delay",
        "0",
        "--concurrency",
        "4",
        "--per-host",
        "4",
        "--no-progress",
        "--as-of",
        "2026-11-20",
        *extra,
    ]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _pages_stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("select count(*) from pages").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _findings(report: Path) -> list[tuple[str, str, str]]:
    data = json.loads(report.read_text(encoding="utf-8"))
    return sorted((f["check"], f["target"], f["outcome"]) for s in data["sites"] for f in s["findings"])


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (the parse workers of a crawl), from /proc."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def test_killed_crawl_resumes_without_refetching_and_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    with serve_site(pages=300, delay_seconds=0.05) as (url, log):
        reference_db, reference_out = tmp_path / "ref.sqlite", tmp_path / "ref.json"
        assert _check(url, reference_db, reference_out).wait(120) in (0, 1)
        reference_requests = sum(log.requests.values())

        log.requests.clear()
        db, out = tmp_path / "run.sqlite", tmp_path / "run.json"
        process = _check(url, db, out)
        deadline = time.monotonic() + 60
        while _pages_stored(db) < 60 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _pages_stored(db) >= 60, "the crawl did not get going"
        workers = _children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        stored_at_kill = _pages_stored(db)
        gone_by = time.monotonic() + 10
        while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < gone_by:
            time.sleep(0.1)
        assert workers and not any(Path(f"/proc/{pid}").exists() for pid in workers), (
            "parse workers outlived -9"
        )
        assert stored_at_kill < 300, "the crawl finished before it could be killed"

        assert _check(url, db, out).wait(120) in (0, 1)

    assert _findings(out) == _findings(reference_out)
    assert _findings(out), "the site has broken links; the report must show them"
    with sqlite3.connect(db) as conn:
        page_urls = [r[0] for r in conn.execute("select url from pages")]
        records = {r[0] for r in conn.execute("select record_id from fetches where record_id is not null")}
        warc = Path(conn.execute("select warc_path from crawls").fetchone()[0])
    assert len(page_urls) == len(set(page_urls)) == 301  # the homepage and its 300 pages
    # pages committed before the kill were not fetched again: at most the in-flight batch is repeated
    refetched = sum(count - 1 for path, count in log.requests.items() if path.startswith("/p/") and count > 1)
    assert refetched <= 300 - stored_at_kill
    assert sum(log.requests.values()) <= reference_requests + 320
    # every record the store points at is in the WARC, and the WARC reads to the end without error
    with warc.open("rb") as handle:
        archived = {
            record.rec_headers.get_header("WARC-Record-ID")
            for record in ArchiveIterator(handle)
            if record.rec_type == "response"
        }
    assert records <= archived


def test_a_crawl_killed_before_its_first_batch_was_kept_starts_again_from_the_homepage(
    tmp_path: Path,
) -> None:
    """The crawl row exists but none of its frontier was committed: it must not end empty."""
    db = tmp_path / "s.sqlite"
    with serve_site(pages=5) as (url, log):
        engine = open_store(str(db))
        start_crawl(engine, Site(name="测试", url=url), evidence_dir(database_url(str(db))), {}, fresh=False)
        assert _check(url, db, tmp_path / "r.json").wait(120) in (0, 1)
    assert log.requests.get("/", 0) >= 1
    assert _pages_stored(db) == 6  # the homepage and its 5 pages
