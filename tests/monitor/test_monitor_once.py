"""``govinspect monitor --once`` against loopback homepages that answer, hang, fail and refuse."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tests.monitor.homepage_server import HomepageServer
from typer.testing import CliRunner

from govinspect.cli.main import app
from govinspect.crawl.fetch import FetchResult
from govinspect.model.site import site_key
from govinspect.monitor.probe import judge_fetch


def _rows(db: Path) -> dict[str, tuple[str, int | None, str | None, int]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select s.key, p.outcome, p.status, p.error, p.elapsed_ms "
            "from availability_probes p join sites s on s.id = p.site_id"
        ).fetchall()
    return {key: (outcome, status, error, elapsed) for key, outcome, status, error, elapsed in rows}


def test_once_visits_every_site_once_and_says_how_each_failed(
    homepage_server: HomepageServer, closed_port: int, tmp_path: Path
) -> None:
    db = tmp_path / "monitor.sqlite"
    ok, slow, down = (homepage_server.url(p) for p in ("/ok", "/slow?s=5", "/down"))
    refused = f"http://127.0.0.1:{closed_port}/"
    run = CliRunner().invoke(
        app, ["monitor", ok, slow, down, refused, "--db", str(db), "--once", "--timeout", "0.5"]
    )
    assert run.exit_code == 0, run.output
    rows = _rows(db)
    assert {key: row[:3] for key, row in rows.items()} == {
        site_key(ok): ("ok", 200, None),
        site_key(slow): ("failed", None, "timeout"),
        site_key(down): ("failed", 503, "http"),
        site_key(refused): ("failed", None, "connect"),
    }
    assert 400 <= rows[site_key(slow)][3] < 2000  # cut off at the timeout, not at the server's 5 s
    assert rows[site_key(ok)][3] < rows[site_key(slow)][3]
    # one visit each: a 503 or a refused connection is not retried (the rule counts visits)
    assert [homepage_server.count(p) for p in ("/ok", "/slow", "/down")] == [1, 1, 1]
    assert "4 visits (1 opened, 3 failed" in run.output


def test_a_redirect_to_a_private_address_nobody_named_is_not_followed_unless_allowed(
    homepage_server: HomepageServer, tmp_path: Path
) -> None:
    away = homepage_server.url(f"/away?to=http://localhost:{homepage_server.port}/ok")
    db = tmp_path / "monitor.sqlite"
    run = CliRunner().invoke(app, ["monitor", away, "--db", str(db), "--once", "--probes-per-day", "86400"])
    assert run.exit_code == 0, run.output
    assert _rows(db)[site_key(away)][:3] == ("unverified", None, "forbidden")
    assert homepage_server.count("/ok") == 0
    time.sleep(1.0)  # the next one-second slot
    allowed = ["--allow-network", "127.0.0.0/8"]
    run = CliRunner().invoke(
        app, ["monitor", away, "--db", str(db), "--once", "--probes-per-day", "86400", *allowed]
    )
    assert run.exit_code == 0, run.output
    assert homepage_server.count("/ok") == 1


def test_once_with_no_site_is_a_usage_error(tmp_path: Path) -> None:
    run = CliRunner().invoke(app, ["monitor", "--db", str(tmp_path / "m.sqlite"), "--once"])
    assert run.exit_code == 2
    assert "name at least one site" in run.output


def _fetched(status: int | None, error: str | None, detail: str = "") -> FetchResult:
    return FetchResult(
        url="http://x.gov.cn/",
        method="GET",
        final_url="http://x.gov.cn/",
        status=status,
        content_type="text/html",
        body=b"",
        error=error,  # type: ignore[arg-type]
        error_detail=detail,
        hops=(),
        attempts=1,
        elapsed_seconds=0.1,
    )


def test_each_kind_of_answer_is_judged_as_the_rule_counts_it() -> None:
    assert judge_fetch(_fetched(200, None)) == ("ok", None)
    assert judge_fetch(_fetched(200, "too-large")) == ("ok", None)  # it answered: the page opened
    assert judge_fetch(_fetched(404, None)) == ("failed", "http")
    assert judge_fetch(_fetched(403, None)) == ("failed", "http")  # the rule counts every status ≥ 400
    assert judge_fetch(_fetched(502, "too-large")) == ("failed", "http")
    for error in ("dns", "connect", "tls", "timeout", "protocol"):
        assert judge_fetch(_fetched(None, error)) == ("failed", error)
    assert judge_fetch(_fetched(302, "redirect-loop")) == ("failed", "redirect-loop")
    assert judge_fetch(_fetched(None, "forbidden")) == ("unverified", "forbidden")
