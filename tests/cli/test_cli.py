"""The command line a user types: clear errors with exit status 2, the catalogue, the evidence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.fixtures.local_site import serve_site


def govinspect(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinspect", *args], capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "name at least one site URL or a --registry file"),
        (("http://x.gov.cn/", "--resolve", "x.gov.cn:80"), "--resolve wants HOST:PORT:ADDR"),
        (("http://x.gov.cn/", "--as-of", "2026-13-01"), "--as-of wants YYYY-MM-DD"),
        (("http://x.gov.cn/", "--framework", "cn-gov-1999"), "unknown framework 'cn-gov-1999'"),
        (("http://x.gov.cn/", "--format", "pdf"), "unknown --format 'pdf'"),
        (
            ("http://x.gov.cn/", "--format", "json", "--format", "html"),
            "several formats need --output FOLDER",
        ),
        (("--registry", "/no/such/registry.csv"), "registry.csv"),
        (("not a url at all",), "no site to inspect"),
        (("http://x.gov.cn/", "--checks", "link-check"), "no check named 'link-check'"),
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(args: tuple[str, ...], says: str, tmp_path: Path) -> None:
    run = govinspect("check", *args, "--db", str(tmp_path / "s.sqlite"))
    assert run.returncode == 2
    assert says in run.stderr
    assert "Traceback" not in run.stderr


def test_a_bad_registry_row_is_reported_with_its_line_and_the_rest_inspected(tmp_path: Path) -> None:
    with serve_site(pages=3) as (url, _):
        registry = tmp_path / "sites.csv"
        registry.write_text(f"name,url\n好网站,{url}\n坏行,\n", encoding="utf-8")
        run = govinspect(
            "check",
            "--registry",
            str(registry),
            "--db",
            str(tmp_path / "s.sqlite"),
            "--delay",
            "0",
            "--no-progress",
            "--output",
            str(tmp_path / "r.json"),
        )
    assert run.returncode in (0, 1), run.stderr  # 1: the undated test site fails SV-HOME-STALE
    assert "line 3" in run.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [s["site"]["name"] for s in report["sites"]] == ["好网站"]
    assert any("line 3" in problem for problem in report["registry_problems"])


def test_json_goes_to_standard_output_and_the_summary_to_standard_error(tmp_path: Path) -> None:
    with serve_site(pages=10) as (url, _):
        run = govinspect("check", url, "--db", str(tmp_path / "s.sqlite"), "--delay", "0", "--no-progress")
    report = json.loads(run.stdout)
    assert report["schema"] == "govinspect/report@1"
    assert "得分" in run.stderr
    findings = [
        f for f in report["sites"][0]["findings"] if f["check"] != "site-unreachable"
    ]  # judged on visits
    records = [f["evidence"]["archive_record"] for f in findings]
    assert all(records), "every finding points at the response it was judged on"
    record = records[0]
    shown = govinspect("evidence", "show", record, "--db", str(tmp_path / "s.sqlite"))
    assert shown.returncode == 0
    assert f"WARC-Record-ID: {record}" in shown.stdout and "HTTP/1.1 200" in shown.stdout
    assert "<title>" in shown.stdout


def test_the_catalogue_lists_and_explains_checks() -> None:
    listed = govinspect("checks", "list")
    assert "broken-link" in listed.stdout
    explained = govinspect("checks", "explain", "broken-link")
    assert "What it flags" in explained.stdout and "How to fix" in explained.stdout
    missing = govinspect("checks", "explain", "no-such-check")
    assert missing.returncode == 2 and "no check named" in missing.stderr


def test_a_store_that_is_not_a_govinspect_store_is_refused_clearly(tmp_path: Path) -> None:
    alien = tmp_path / "alien.sqlite"
    alien.write_bytes(b"this is not a database at all" * 100)
    run = govinspect("check", "http://x.gov.cn/", "--db", str(alien), "--no-progress")
    assert run.returncode == 2
    assert "cannot open the store" in run.stderr and "Traceback" not in run.stderr


def test_checks_can_be_selected_and_the_report_says_which_ran(tmp_path: Path) -> None:
    with serve_site(pages=5) as (url, _):
        run = govinspect(
            "check",
            url,
            "--checks",
            "broken-link",
            "--db",
            str(tmp_path / "s.sqlite"),
            "--delay",
            "0",
            "--no-progress",
        )
    site = json.loads(run.stdout)["sites"][0]
    assert set(site["coverage"]) == {"broken-link"}
    assert {f["check"] for f in site["findings"]} == {"broken-link"}
    assert any("broken-link" in note for note in site["notes"])


def test_a_monitored_site_shows_its_visits_in_the_report(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    with serve_site(pages=3) as (url, _):
        monitored = govinspect("monitor", url, "--db", db, "--once", "--timeout", "5")
        assert monitored.returncode == 0, monitored.stderr
        run = govinspect(
            "check",
            url,
            "--db",
            db,
            "--delay",
            "0",
            "--no-progress",
            "--format",
            "html",
            "--format",
            "json",
            "--output",
            str(tmp_path / "out"),
        )
    assert run.returncode in (0, 1), run.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    [unreachable] = [f for f in report["sites"][0]["findings"] if f["check"] == "site-unreachable"]
    assert unreachable["outcome"] == "unverified"  # one visit is far fewer than the rule's 140
    assert unreachable["detail"]["probes"] == 1 and unreachable["detail"]["failed"] == 0
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "首页可用性" in page and "<svg" in page
    assert (
        "请持续运行 govinspect monitor 后复查" in page
    )  # why it is unverified: too few visits, not a refusal
