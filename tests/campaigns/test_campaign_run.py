"""A spot check over the demo estate: drawn from a seed, inspected, killed halfway and resumed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from govinspect.campaigns.store import campaign_sites_of
from govinspect.demo import Estate, bind_free_port, generate_estate
from govinspect.demo.background import serve_in_background
from govinspect.store.db import open_store
from govinspect.store.schema import campaign_sites, crawls

AS_OF = date(2026, 11, 20)


@pytest.fixture(scope="module")
def estate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Estate]:
    root = tmp_path_factory.mktemp("campaign-estate")
    sock = bind_free_port()
    generated = generate_estate(root / "estate", port=sock.getsockname()[1], as_of=AS_OF)
    with serve_in_background(generated, sock):
        yield generated


def govinspect(*args: str, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "govinspect", "campaign", *args, "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_options(estate: Estate) -> list[str]:
    options = ["--no-progress", "--delay", "0", "--per-host", "8", "--concurrency", "32", "--timeout", "5"]
    for entry in estate.resolve:
        options += ["--resolve", entry]
    return options


def create(estate: Estate, db: Path, *extra: str) -> tuple[int, str]:
    process = govinspect(
        "create", "--registry", str(estate.registry_path), "--as-of", AS_OF.isoformat(), *extra, db=db
    )
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return int(out.split()[1].rstrip(":")), out


def test_the_same_seed_draws_the_same_sites_and_the_draw_is_printed(estate: Estate, tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    first, out = create(estate, db, "--count", "5", "--strata", "level", "--seed", "42")
    second, _ = create(estate, db, "--count", "5", "--strata", "level", "--seed", "42")
    engine = open_store(str(db))
    assert [c.site.key for c in campaign_sites_of(engine, first)] == [
        c.site.key for c in campaign_sites_of(engine, second)
    ]
    assert "drew 5 of 12 sites, seed 42" in out and "level=" in out


def test_a_campaign_killed_halfway_resumes_without_redoing_or_losing_a_site(
    estate: Estate, tmp_path: Path
) -> None:
    db = tmp_path / "store.sqlite"
    campaign_id, _ = create(estate, db, "--rate", "0.5", "--seed", "7")
    engine = open_store(str(db))

    def done() -> int:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count()).where(
                        campaign_sites.c.campaign_id == campaign_id, campaign_sites.c.state == "done"
                    )
                ).scalar_one()
            )

    first = govinspect("run", str(campaign_id), *run_options(estate), db=db)
    deadline = time.monotonic() + 120
    while done() < 1 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.05)
    if first.poll() is None:
        os.kill(first.pid, signal.SIGKILL)
    first.communicate(timeout=30)
    recorded_before = {
        c.site.key: c.crawl_id for c in campaign_sites_of(engine, campaign_id) if c.state == "done"
    }
    assert recorded_before, "the first run recorded at least one site before it was killed"

    second = govinspect("run", str(campaign_id), *run_options(estate), db=db)
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    drawn = campaign_sites_of(engine, campaign_id)
    assert len(drawn) == 6 and all(c.state == "done" for c in drawn)
    for entry in drawn:  # what was recorded before the kill was kept, not inspected again
        if entry.site.key in recorded_before:
            assert entry.crawl_id == recorded_before[entry.site.key]
        assert entry.verdict in ("qualified", "unqualified", "unverified")
    assert f"{len(recorded_before)} were already recorded" in err or len(recorded_before) == 6
    with engine.connect() as conn:
        unfinished = conn.execute(select(func.count()).where(crawls.c.state != "finished")).scalar_one()
    assert unfinished == 0
    assert "合格率" in out

    bulletin = tmp_path / "bulletin.md"
    figures = tmp_path / "bulletin.json"
    for path, fmt in ((bulletin, "md"), (figures, "json")):
        writer = govinspect("report", str(campaign_id), "--output", str(path), "--format", fmt, db=db)
        assert writer.wait(60) == 0, writer.communicate()[1]
    text = bulletin.read_text(encoding="utf-8")
    assert text.startswith("# 关于") and "〔 〕号" in text and "## 附件：抽查网站名单" in text
    assert all(entry.site.url in text for entry in drawn)  # the annex lists every drawn site
    document = json.loads(figures.read_text(encoding="utf-8"))
    verdicts = Counter(entry.verdict for entry in drawn)
    overall = document["overall"]
    assert (overall["qualified"], overall["unqualified"], overall["not_inspected"]) == (
        verdicts["qualified"],
        verdicts["unqualified"],
        verdicts["unverified"],
    )
    assert document["campaign"]["plan"]["seed"] == 7
    assert {u["url"] for u in document["unqualified"]} == {
        e.site.url for e in drawn if e.verdict == "unqualified"
    }


def test_one_site_can_be_inspected_again_on_its_own(estate: Estate, tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    campaign_id, _ = create(estate, db, "--count", "2", "--seed", "3")
    engine = open_store(str(db))
    target = campaign_sites_of(engine, campaign_id)[0].site
    process = govinspect("run", str(campaign_id), "--site", target.url, *run_options(estate), db=db)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    states = {c.site.key: c.state for c in campaign_sites_of(engine, campaign_id)}
    assert states[target.key] == "done" and list(states.values()).count("pending") == 1
    outsider = govinspect("run", str(campaign_id), "--site", "http://www.not-drawn.gov.cn/", db=db)
    _, err = outsider.communicate(timeout=60)
    assert outsider.returncode == 2 and "is not among the sites drawn" in err
