"""A rectification cycle on the demo estate: a fixed problem closes on re-check, an ignored one is overdue."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from govinspect.campaigns.rectification import claim, claims_by_site, list_items
from govinspect.campaigns.run import recheck_campaign, run_campaign
from govinspect.campaigns.sampling import SamplePlan, draw_sample
from govinspect.campaigns.store import create_campaign, load_campaign
from govinspect.checks.api import all_checks
from govinspect.demo import bind_free_port, generate_estate
from govinspect.demo.background import demo_settings, serve_in_background
from govinspect.inspection import RunOptions
from govinspect.registry import load_registry
from govinspect.scoring.framework import load_framework
from govinspect.store.db import database_url, evidence_dir, open_store
from govinspect.store.schema import crawls, pages

AS_OF = date(2026, 11, 20)
BROKEN = "/zwgk/2017/1234.htm"  # planted: a 404 linked from 岳西县's homepage


def _one_site_registry(source: Path, host: str, target: Path) -> Path:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(row for row in rows if host in row["url"])
    return target


def test_a_fixed_problem_closes_on_recheck_and_an_unfixed_one_is_overdue(tmp_path: Path) -> None:
    sock = bind_free_port()
    estate = generate_estate(tmp_path / "estate", port=sock.getsockname()[1], as_of=AS_OF)
    registry = _one_site_registry(estate.registry_path, "www.yuexi.gov.cn", tmp_path / "yuexi.csv")
    db = str(tmp_path / "store.sqlite")
    engine = open_store(db)
    framework = load_framework("cn-gov-2019", frozenset(all_checks()))
    sample = draw_sample(load_registry(registry).sites, SamplePlan(seed=1, rate=1.0))
    campaign_id = create_campaign(
        engine, "整改测试", AS_OF, ("cn-gov-2019", framework.version), sample, str(registry), 30
    )
    campaign = load_campaign(engine, campaign_id)
    options = RunOptions(settings=demo_settings(estate), as_of=AS_OF, framework=framework)
    with serve_in_background(estate, sock):
        run_campaign(engine, evidence_dir(database_url(db)), campaign, options)
        items = list_items(engine, campaign_id)
        assert items and all(item.state == "open" and item.deadline == date(2026, 12, 20) for item in items)
        fixed = next(
            item for item in items if item.check == "broken-link" and (item.target or "").endswith(BROKEN)
        )
        claimed_wrongly = next(item for item in items if item.id != fixed.id)
        ignored = next(item for item in items if item.id not in (fixed.id, claimed_wrongly.id))

        page = estate.root / "www" / "www.yuexi.gov.cn" / BROKEN.lstrip("/")  # the operator restores the page
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            "<html lang=zh-CN><head><title>已恢复</title></head><body>已恢复的文件</body></html>",
            encoding="utf-8",
        )
        claim(engine, [fixed.id], date(2026, 12, 1), "岳西县政府办", "已恢复文件")
        claim(engine, [claimed_wrongly.id], date(2026, 12, 1), "岳西县政府办")

        command = [sys.executable, "-m", "govinspect", "recheck", str(campaign_id), "--as-of", "2026-12-28"]
        command += ["--db", db, "--no-progress", "--delay", "0", "--per-host", "8", "--timeout", "5"]
        for entry in estate.resolve:
            command += ["--resolve", entry]
        run = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr

    states = {item.id: item.state for item in list_items(engine, campaign_id)}
    assert states[fixed.id] == "fixed"
    assert states[claimed_wrongly.id] == "reopened"
    assert states[ignored.id] == "open"
    rectify = [sys.executable, "-m", "govinspect", "rectify"]
    late = ["--as-of", "2026-12-28", "--db", db]
    overdue = subprocess.run(
        [*rectify, "list", str(campaign_id), "--overdue", *late], capture_output=True, text=True
    )
    listed = {int(line.split()[0]) for line in overdue.stdout.splitlines()}
    assert ignored.id in listed and claimed_wrongly.id in listed and fixed.id not in listed
    report = tmp_path / "整改.md"
    subprocess.run(
        [*rectify, "report", str(campaign_id), "--output", str(report), *late], check=True, timeout=60
    )
    text = report.read_text(encoding="utf-8")
    assert "逾期" in text and "已整改（复查确认） 1" in text


def test_a_claim_about_one_page_is_confirmed_by_fetching_that_page_not_the_whole_site(tmp_path: Path) -> None:
    sock = bind_free_port()
    estate = generate_estate(tmp_path / "estate", port=sock.getsockname()[1], as_of=AS_OF)
    registry = _one_site_registry(estate.registry_path, "www.yuexi.gov.cn", tmp_path / "yuexi.csv")
    db = str(tmp_path / "store.sqlite")
    engine = open_store(db)
    framework = load_framework("cn-gov-2019", frozenset(all_checks()))
    sample = draw_sample(load_registry(registry).sites, SamplePlan(seed=1, rate=1.0))
    campaign_id = create_campaign(
        engine, "整改测试", AS_OF, ("cn-gov-2019", framework.version), sample, str(registry), 30
    )
    campaign = load_campaign(engine, campaign_id)
    options = RunOptions(settings=demo_settings(estate), as_of=AS_OF, framework=framework)
    with serve_in_background(estate, sock):
        run_campaign(engine, evidence_dir(database_url(db)), campaign, options)
        before = {item.id: item.state for item in list_items(engine, campaign_id)}
        fixed = next(i for i in list_items(engine, campaign_id) if (i.target or "").endswith(BROKEN))
        page = estate.root / "www" / "www.yuexi.gov.cn" / BROKEN.lstrip("/")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            "<html lang=zh-CN><head><title>已恢复</title></head><body>已恢复</body></html>", "utf-8"
        )
        claim(engine, [fixed.id], date(2026, 12, 1), "岳西县政府办")
        claims = claims_by_site(engine, campaign_id)
        assert [c.whole_site for c in claims] == [False] and claims[0].pages == (fixed.url,)
        recheck_campaign(engine, evidence_dir(database_url(db)), campaign, options, claims, date(2026, 12, 5))
    after = {item.id: item.state for item in list_items(engine, campaign_id)}
    assert after[fixed.id] == "fixed"
    assert {k: v for k, v in after.items() if k != fixed.id} == {
        k: v for k, v in before.items() if k != fixed.id
    }
    with engine.connect() as conn:
        newest = conn.execute(select(func.max(crawls.c.id))).scalar_one()
        fetched = conn.execute(select(func.count()).where(pages.c.crawl_id == newest)).scalar_one()
    assert fetched <= 2  # the homepage (where the link was) and nothing else was crawled as a page
