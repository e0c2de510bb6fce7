"""The store on a real PostgreSQL server: the same schema, the same findings, the same resuming as SQLite."""

from __future__ import annotations

import asyncio
import glob
import shutil
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, Table, create_engine, func, insert, select, text
from tests.fixtures.local_site import serve_site
from tests.fixtures.postgres import postgres_bindir, postgres_cluster, postgres_url

from govinspect.crawl.crawler import CrawlStats
from govinspect.inspection import RunOptions, crawl_sites, crawl_summary, site_report
from govinspect.model.report import SiteReport
from govinspect.model.site import Site
from govinspect.registry import load_registry
from govinspect.scoring.framework import load_framework
from govinspect.settings import CrawlSettings
from govinspect.store.crawls import finish_crawl, record_location, start_crawl
from govinspect.store.db import MIGRATIONS, database_url, migrate, open_store
from govinspect.store.schema import crawls, fetches, findings, frontier, metadata, pages
from govinspect.store.warc import read_record

__all__ = ["postgres_cluster", "postgres_url"]  # pytest fixtures used by name below

pytestmark = pytest.mark.timeout(60)

SITE_PAGES = 120
OPTIONS = RunOptions(
    settings=CrawlSettings(
        concurrency=8, per_host=8, per_ip=8, delay_seconds=0.0, timeout_seconds=5, retries=0
    ),
    as_of=date(2026, 11, 20),
    framework=load_framework("cn-gov-2019"),
)

Findings = list[tuple[str, str | None, str, str]]


@pytest.fixture(scope="module")
def site_url() -> Iterator[str]:
    """One loopback site for the whole module, so that every run sees the same URLs."""
    with serve_site(pages=SITE_PAGES) as (url, _log):
        yield url


@pytest.fixture(scope="module")
def on_sqlite(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SiteReport, Engine]]:
    """The reference: the site inspected with the default SQLite store."""
    folder = tmp_path_factory.mktemp("sqlite")
    engine = open_store(str(folder / "store.sqlite"))
    yield inspect(engine, folder / "warc", site_url), engine
    engine.dispose()


def inspect(engine: Engine, evidence: Path, url: str, options: RunOptions = OPTIONS) -> SiteReport:
    """Crawl, check and score one site as ``govinspect check`` does."""
    [(site, handle, _stopped_by, error)] = asyncio.run(
        crawl_sites([Site(name="测试市人民政府", url=url)], engine, evidence, options)
    )
    return site_report(engine, site, handle, error, options)


def finding_keys(report: SiteReport) -> Findings:
    return sorted((f.check, f.target, f.outcome.value, f.fingerprint) for f in report.findings)


def stored_fetches(engine: Engine) -> set[tuple[Any, ...]]:
    """What the store says of every URL fetched, without times, ids and record ids."""
    columns = (fetches.c.url, fetches.c.role, fetches.c.method, fetches.c.final_url, fetches.c.status)
    more = (fetches.c.error, fetches.c.kind, fetches.c.redirects, fetches.c.title, fetches.c.text_length)
    with engine.connect() as conn:
        rows = conn.execute(select(*columns, *more, fetches.c.says_not_found)).all()
    return {(*row[:7], tuple(map(tuple, row.redirects)), *row[8:]) for row in rows}


# the throwaway server -----------------------------------------------------------------------------------


def test_a_machine_without_the_postgresql_server_fails_these_tests_and_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setattr(glob, "glob", lambda _pattern: [])
    with pytest.raises(BaseException) as stopped:  # a skip would be caught here too, and refused below
        postgres_bindir()
    assert stopped.type is pytest.fail.Exception
    assert "apt-get install postgresql" in str(stopped.value)


# (a) the schema -------------------------------------------------------------------------------------------


@pytest.fixture(params=["postgresql", "sqlite"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "store.sqlite")


def test_the_migrations_build_exactly_the_schema_the_code_declares(store_url: str) -> None:
    engine = open_store(store_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert context.get_current_revision() == ScriptDirectory.from_config(config).get_current_head()
        assert compare_metadata(context, metadata) == []
    open_store(store_url).dispose()  # an up-to-date store opens again without migrating
    engine.dispose()


def test_a_worker_opening_a_new_postgresql_store_while_another_creates_it_waits_and_gets_it(
    postgres_url: str,
) -> None:
    """Workers sharing one server may be the first to open a database at the same moment."""
    engine = create_engine(database_url(postgres_url))
    errors: list[Exception] = []

    def second_worker() -> None:
        try:
            open_store(postgres_url).dispose()
        except Exception as exc:
            errors.append(exc)

    second = threading.Thread(target=second_worker)
    with engine.connect() as first:
        creating = first.begin()
        migrate(first)  # the first worker has created the tables but not committed yet
        second.start()
        deadline = time.monotonic() + 10
        while second.is_alive() and not _waiting_on_a_lock(engine) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert second.is_alive(), f"the second worker did not wait for the first: {errors}"
        creating.commit()
    second.join(30)
    assert not second.is_alive()
    assert errors == []
    engine.dispose()


def _waiting_on_a_lock(engine: Engine) -> bool:
    with engine.connect() as conn:
        waiting = conn.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )
        return bool(waiting.scalar_one())


# (b) an inspection ----------------------------------------------------------------------------------------


def test_an_inspection_on_postgresql_finds_what_it_finds_on_sqlite(
    postgres_url: str, site_url: str, on_sqlite: tuple[SiteReport, Engine], tmp_path: Path
) -> None:
    reference, reference_engine = on_sqlite
    engine = open_store(postgres_url)
    report = inspect(engine, tmp_path / "warc", site_url)

    assert finding_keys(report) == finding_keys(reference)
    assert any(f.outcome.value == "fail" for f in report.findings), "the site has broken links"
    assert report.verdict == reference.verdict and report.score == reference.score
    assert (report.crawl.pages, report.crawl.links_checked, report.crawl.errors) == (
        reference.crawl.pages,
        reference.crawl.links_checked,
        reference.crawl.errors,
    )
    assert report.crawl.pages == SITE_PAGES + 1
    assert stored_fetches(engine) == stored_fetches(reference_engine)
    # the evidence of every finding is found through the PostgreSQL store, in the local WARC file
    records = {f.evidence.archive_record for f in report.findings if f.evidence.archive_record}
    assert records
    for record_id in records:
        location = record_location(engine, record_id)
        assert location is not None
        assert read_record(*location).record_id == record_id
    engine.dispose()


# (c) resuming ---------------------------------------------------------------------------------------------


def interrupt_after(engine: Engine, evidence: Path, url: str, pages_fetched: int) -> None:
    """Crawl until ``pages_fetched`` pages are in, then stop the run as Ctrl-C would."""

    async def run() -> None:
        running: list[asyncio.Task[Any]] = []

        def stop_at(stats: CrawlStats) -> None:
            if stats.pages >= pages_fetched and not running[0].cancelling():
                running[0].cancel()  # once: the crawl's clean-up must not be cut short

        site = Site(name="测试市人民政府", url=url)
        running.append(asyncio.create_task(crawl_sites([site], engine, evidence, OPTIONS, stop_at)))
        with pytest.raises(asyncio.CancelledError):
            await running[0]

    asyncio.run(run())


def test_an_interrupted_crawl_on_postgresql_resumes_where_it_stopped(
    postgres_url: str, site_url: str, on_sqlite: tuple[SiteReport, Engine], tmp_path: Path
) -> None:
    engine = open_store(postgres_url)
    interrupt_after(engine, tmp_path / "warc", site_url, pages_fetched=30)
    with engine.connect() as conn:
        [unfinished] = conn.execute(select(crawls.c.id).where(crawls.c.state == "running")).scalars()
        left = conn.execute(
            select(frontier.c.url, frontier.c.depth, frontier.c.role).where(frontier.c.done.is_(False))
        ).all()
        stored = set(conn.execute(select(pages.c.url)).scalars())
    assert left, "the crawl finished before it could be interrupted"
    assert 30 <= len(stored) < SITE_PAGES + 1

    site = Site(name="测试市人民政府", url=site_url)
    resumed = start_crawl(engine, site, tmp_path / "warc", {}, fresh=False)
    assert resumed.resumed and resumed.crawl_id == unfinished
    assert sorted(resumed.pending) == sorted((r.url, r.depth, r.role) for r in left)
    assert resumed.stored_pages == stored and resumed.pages_done == len(stored)
    assert start_crawl(engine, site, tmp_path / "warc", {}, fresh=False) == resumed  # still the same crawl

    report = inspect(engine, tmp_path / "warc", site_url)
    assert report.crawl.crawl_id == unfinished and report.crawl.stopped_by == "complete"
    assert finding_keys(report) == finding_keys(on_sqlite[0])
    with engine.connect() as conn:
        page_rows = conn.execute(select(func.count()).select_from(pages)).scalar_one()
        crawl_count = conn.execute(select(func.count()).select_from(crawls)).scalar_one()
    assert page_rows == report.crawl.pages == SITE_PAGES + 1  # no page stored twice
    assert crawl_count == 1
    engine.dispose()


# (d) what PostgreSQL (or SQLite) does not yet take or give back as stored ----------------------------------


@pytest.fixture
def china_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's clock set to China Standard Time (a POSIX rule: no tz database needed)."""
    monkeypatch.setenv("TZ", "CST-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("china_time")
def test_crawl_times_read_back_as_the_moment_they_were_taken(store_url: str, tmp_path: Path) -> None:
    engine = open_store(store_url)
    before = datetime.now(UTC).replace(microsecond=0)
    handle = start_crawl(engine, Site(name="t", url="http://127.0.0.1:9/"), tmp_path / "warc", {}, False)
    finish_crawl(engine, handle.crawl_id, "complete", [])
    after = datetime.now(UTC)
    summary, _notes = crawl_summary(engine, handle.crawl_id)
    engine.dispose()
    for shown in (summary.started_at, summary.finished_at or ""):
        moment = datetime.fromisoformat(shown)
        assert moment.utcoffset() == timedelta(hours=8), "report times are in the user's time zone"
        assert before <= moment <= after


def test_a_long_lived_postgresql_store_keeps_numbering_rows_past_two_billion(
    postgres_url: str, tmp_path: Path
) -> None:
    engine = open_store(postgres_url)
    handle = start_crawl(engine, Site(name="t", url="http://127.0.0.1:9/"), tmp_path / "warc", {}, False)
    url = "http://127.0.0.1:9/"
    rows: dict[Table, dict[str, Any]] = {
        frontier: {"url": url, "depth": 0, "role": "page", "done": True},
        fetches: {
            **{"url": url, "role": "page", "method": "GET", "final_url": url, "error_detail": ""},
            **{"redirects": [], "says_not_found": False, "elapsed_ms": 1, "attempts": 1},
            "fetched_at": datetime.now(UTC),
        },
        pages: {"url": url, "depth": 0, "parsed": b""},
        findings: {
            **{"check_name": "broken-link", "outcome": "fail", "url": url, "message": "m"},
            **{"detail": {}, "fingerprint": "f"},
        },
    }
    with engine.begin() as conn:
        for table in rows:  # as after two billion rows written and deleted over the years
            conn.execute(
                text("SELECT setval(pg_get_serial_sequence(:table, 'id'), 2147483647)"), {"table": table.name}
            )
        ids = [
            conn.execute(
                insert(table).values(crawl_id=handle.crawl_id, **row).returning(table.c.id)
            ).scalar_one()
            for table, row in rows.items()
        ]
    engine.dispose()
    assert ids == [2**31] * len(rows)


def test_a_registry_name_with_a_stray_nul_character_does_not_stop_a_postgresql_run(
    postgres_url: str, tmp_path: Path
) -> None:
    registry = tmp_path / "名录.csv"
    registry.write_text("网站名称,首页网址\n测试市\x00人民政府,http://127.0.0.1:9/\n", encoding="utf-8")
    engine = open_store(postgres_url)
    for site in load_registry(registry).sites:  # cleaned, or refused as a registry problem
        start_crawl(engine, site, tmp_path / "warc", {}, False)
    engine.dispose()
