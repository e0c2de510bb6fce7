"""History: a site crawled twice, with a list date changed and a column removed in between."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from aiohttp import web
from sqlalchemy import Engine, func, select
from tests.parse.test_columns import article, gov_page, list_body

from govinspect.inspection import RunOptions, crawl_sites, site_report
from govinspect.model.report import SiteReport
from govinspect.model.site import Site
from govinspect.scoring.framework import load_framework
from govinspect.settings import CrawlSettings
from govinspect.store.db import open_store
from govinspect.store.schema import column_items

T = date(2026, 11, 20)
NOTICES = "/tzgg/"
PERSONNEL = "/rsxx/"


def estate(notices: dict[int, str], with_personnel: bool = True) -> dict[str, str]:
    """A homepage, a 通知公告 column listing notices (number → shown date), and (optionally) 人事信息."""
    columns = [(NOTICES, "通知公告")] + ([(PERSONNEL, "人事信息")] if with_personnel else [])
    pages = {"/": gov_page("某某县人民政府", "<p>欢迎访问</p>", columns)}
    lists = {NOTICES: ("tz", notices), PERSONNEL: ("rs", {1: "2026-09-01", 0: "2026-06-15"})}
    for url, name in columns:
        stem, dates = lists[url]
        rows = [
            (f"{url}{stem}_{n}.html", f"关于{name}第{n}项工作的通知", shown) for n, shown in dates.items()
        ]
        pages[url] = gov_page(name, list_body(name, rows), columns)
        for article_url, title, shown in rows:
            pages[article_url] = gov_page(title, article(title, (url, name), shown), columns)
    return pages


@contextmanager
def serve(pages: dict[str, str]) -> Iterator[str]:
    """Serve ``pages`` (path → HTML) on loopback; the dict may be replaced between requests."""

    async def handle(request: web.Request) -> web.Response:
        html = pages.get(request.path)
        if html is None:
            return web.Response(status=404, text="not found")
        return web.Response(text=html, content_type="text/html")

    loop = asyncio.new_event_loop()
    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def inspect_once(engine: Engine, url: str, evidence: Path, keep_crawls: int = 5) -> SiteReport:
    settings = CrawlSettings(
        concurrency=8,
        per_host=8,
        per_ip=8,
        delay_seconds=0.0,
        timeout_seconds=5,
        retries=0,
        keep_crawls=keep_crawls,
    )
    options = RunOptions(settings=settings, as_of=T, framework=load_framework("cn-gov-2019"), fresh=True)
    [(site, handle, _, error)] = asyncio.run(
        crawl_sites([Site(name="某某县", url=url)], engine, evidence, options)
    )
    return site_report(engine, site, handle, error, options)


def history(report: SiteReport) -> dict[str, list[dict[str, object]]]:
    found: dict[str, list[dict[str, object]]] = {"item-date-changed": [], "column-vanished": []}
    for finding in report.findings:
        if finding.check in found:
            assert finding.outcome.value == "review"
            found[finding.check].append({"url": finding.url, **finding.detail})
    return found


def test_a_changed_date_and_a_vanished_column_are_flagged_on_the_next_crawl_only(tmp_path: Path) -> None:
    engine = open_store(str(tmp_path / "s.sqlite"))
    pages = estate({1: "2026-11-10", 0: "2026-10-08"})
    with serve(pages) as url:
        first = inspect_once(engine, url, tmp_path / "warc")
        pages.clear()  # the editor moves an old notice forward and closes 人事信息
        pages.update(estate({1: "2026-11-10", 0: "2026-11-18"}, with_personnel=False))
        second = inspect_once(engine, url, tmp_path / "warc")

    assert history(first) == {"item-date-changed": [], "column-vanished": []}
    assert first.coverage["item-date-changed"].examined == 0  # no earlier crawl to compare with
    found = history(second)
    [changed] = found["item-date-changed"]
    assert changed["url"] == f"{url}tzgg/tz_0.html"
    assert changed["title"] == "关于通知公告第0项工作的通知"
    assert (changed["previous_date"], changed["date"], changed["days_shifted"]) == (
        "2026-10-08",
        "2026-11-18",
        41,
    )
    assert changed["column_name"] == "通知公告"
    assert second.coverage["item-date-changed"].examined == 2  # both notices were listed before
    [vanished] = found["column-vanished"]
    assert (vanished["url"], vanished["column_name"], vanished["now"]) == (f"{url}rsxx/", "人事信息", None)
    message = next(f.message for f in second.findings if f.check == "item-date-changed")
    assert "2026-10-08" in message and "2026-11-18" in message and "通知公告" in message
    assert not any("与上次抓取" in note for note in first.notes)
    [change] = [note for note in second.notes if "与上次抓取" in note]
    assert "新增信息 0 条" in change and "新增栏目 0 个" in change  # nothing was added, only changed


def test_an_item_keeps_the_crawl_that_first_listed_it_and_retention_drops_old_snapshots(
    tmp_path: Path,
) -> None:
    engine = open_store(str(tmp_path / "s.sqlite"))
    pages = estate({0: "2026-11-10"}, with_personnel=False)
    with serve(pages) as url:
        crawl_ids = []
        for dates in (
            {0: "2026-11-10"},
            {1: "2026-11-12", 0: "2026-11-10"},
            {1: "2026-11-12", 0: "2026-11-10"},
        ):
            pages.clear()
            pages.update(estate(dates, with_personnel=False))
            crawl_ids.append(inspect_once(engine, url, tmp_path / "warc", keep_crawls=2).crawl.crawl_id)

    with engine.connect() as conn:
        rows = conn.execute(select(column_items).order_by(column_items.c.id)).all()
        kept = sorted(set(conn.execute(select(column_items.c.crawl_id)).scalars()))
        total = conn.execute(select(func.count()).select_from(column_items)).scalar_one()
    assert kept == crawl_ids[1:]  # the first crawl and its snapshot are gone
    latest = {row.item_url: row for row in rows if row.crawl_id == crawl_ids[2]}
    assert (
        latest[f"{url}tzgg/tz_0.html"].first_seen_crawl_id == crawl_ids[0]
    )  # dated 11-10, listed from the start
    assert latest[f"{url}tzgg/tz_1.html"].first_seen_crawl_id == crawl_ids[1]
    assert total == 4


def test_a_crawl_that_could_not_read_the_homepage_is_skipped_as_the_reference(tmp_path: Path) -> None:
    engine = open_store(str(tmp_path / "s.sqlite"))
    pages = estate({0: "2026-10-08"})
    with serve(pages) as url:
        inspect_once(engine, url, tmp_path / "warc")
        pages.clear()  # the site is down: nothing vanished, nothing to keep
        down = inspect_once(engine, url, tmp_path / "warc")
        pages.update(estate({0: "2026-11-18"}))
        back = inspect_once(engine, url, tmp_path / "warc")

    assert history(down) == {"item-date-changed": [], "column-vanished": []}
    with engine.connect() as conn:
        snapshots = set(conn.execute(select(column_items.c.crawl_id)).scalars())
    assert down.crawl.crawl_id not in snapshots
    [changed] = history(back)["item-date-changed"]
    assert (changed["previous_date"], changed["date"]) == ("2026-10-08", "2026-11-18")
