"""A whole run through the library: budgets, retention, shared link checks, twin sites."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from sqlalchemy import select
from tests.fixtures.local_site import serve_site

from govinspect.inspection import RunOptions, crawl_sites, site_report
from govinspect.model.site import Site
from govinspect.scoring.framework import load_framework
from govinspect.settings import CrawlSettings, ResolveEntry
from govinspect.store.db import open_store
from govinspect.store.schema import crawls

FAST = CrawlSettings(concurrency=16, per_host=16, per_ip=16, delay_seconds=0.0, timeout_seconds=5, retries=0)


def _run(sites: list[Site], db: Path, settings: CrawlSettings = FAST, fresh: bool = True) -> list:
    engine = open_store(str(db))
    options = RunOptions(
        settings=settings, as_of=date(2026, 11, 20), framework=load_framework("cn-gov-2019"), fresh=fresh
    )
    crawled = asyncio.run(crawl_sites(sites, engine, db.with_suffix(".warc"), options))
    return [site_report(engine, site, handle, error, options) for site, handle, _, error in crawled]


def test_page_budget_stops_the_crawl_and_says_so(tmp_path: Path) -> None:
    with serve_site(pages=200) as (url, _):
        [report] = _run(
            [Site(name="t", url=url)], tmp_path / "s.sqlite", CrawlSettings(**{**_fast(), "max_pages": 20})
        )
    assert report.crawl.pages == 20
    assert report.crawl.stopped_by == "max-pages"


def test_time_budget_stops_the_crawl_and_says_so(tmp_path: Path) -> None:
    with serve_site(pages=500, delay_seconds=0.05) as (url, _):
        settings = CrawlSettings(**{**_fast(), "time_budget_seconds": 1.0, "concurrency": 2, "per_host": 2})
        [report] = _run([Site(name="t", url=url)], tmp_path / "s.sqlite", settings)
    assert report.crawl.stopped_by == "time-budget"
    assert 0 < report.crawl.pages < 500


def test_retention_keeps_the_newest_crawls_and_deletes_older_evidence(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    with serve_site(pages=10) as (url, _):
        for _ in range(4):
            _run([Site(name="t", url=url)], db, CrawlSettings(**{**_fast(), "keep_crawls": 2}))
    engine = open_store(str(db))
    with engine.connect() as conn:
        kept = conn.execute(select(crawls.c.id, crawls.c.warc_path).order_by(crawls.c.id)).all()
    assert [row.id for row in kept] == [3, 4]
    warcs = sorted(p.name for p in (tmp_path / "s.warc").rglob("*.warc.gz"))
    assert warcs == sorted(Path(row.warc_path).name for row in kept)


def test_a_target_linked_from_two_sites_is_fetched_once_per_run(tmp_path: Path) -> None:
    with serve_site(pages=3) as (shared, shared_log):
        common = f'<a href="{shared}p/1.html">省政务服务网</a><img src="{shared}img/logo.png">'
        with (
            serve_site(pages=20, extra_html=common) as (first, _),
            serve_site(pages=20, extra_html=common) as (
                second,
                _,
            ),
        ):
            reports = _run([Site(name="a", url=first), Site(name="b", url=second)], tmp_path / "s.sqlite")
    assert [r.crawl.pages for r in reports] == [21, 21]
    assert shared_log.requests["/p/1.html"] == 1
    assert shared_log.requests["/img/logo.png"] <= 2  # HEAD, and GET only if HEAD were refused
    assert all(not f.target or not f.target.startswith(shared) for r in reports for f in r.findings)


def test_links_to_the_www_twin_are_internal_links_of_the_site(tmp_path: Path) -> None:
    with serve_site(pages=10, prefix="http://twin.gov.cn:{port}/") as (url, _log):
        port = url.rsplit(":", 1)[1].strip("/")
        settings = CrawlSettings(
            **{
                **_fast(),
                "resolve": tuple(
                    ResolveEntry.parse(f"{h}:{port}:127.0.0.1") for h in ("twin.gov.cn", "www.twin.gov.cn")
                ),
            }
        )
        [report] = _run(
            [Site(name="t", url=f"http://www.twin.gov.cn:{port}/")], tmp_path / "s.sqlite", settings
        )
    assert report.verdict != "unverified"  # the homepage was inspected
    assert report.crawl.pages == 11  # the www homepage and 10 articles reached through the bare twin
    broken = [f for f in report.findings if f.check == "broken-link" and f.outcome.value == "fail"]
    assert broken and all(f.detail["internal"] for f in broken)
    assert all(f.target.startswith(f"http://twin.gov.cn:{port}/missing/") for f in broken)


def _fast() -> dict[str, object]:
    from dataclasses import asdict

    return {k: v for k, v in asdict(FAST).items() if k not in ("resolve", "allow_networks")}


def test_parsing_inline_and_in_a_worker_process_store_the_same_crawl(tmp_path: Path) -> None:
    with serve_site(pages=30) as (url, _):
        reports = [
            _run(
                [Site(name="t", url=url)],
                tmp_path / f"w{workers}.sqlite",
                CrawlSettings(**{**_fast(), "parse_workers": workers}),
            )[0]
            for workers in (0, 1)
        ]
    inline, pooled = ([(f.check, f.target, f.outcome, f.fingerprint) for f in r.findings] for r in reports)
    assert inline == pooled and inline
    assert reports[0].crawl.pages == reports[1].crawl.pages == 31
