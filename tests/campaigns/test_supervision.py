"""The supervision assessment counts what the store holds for the period, per region, without crawling."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from tests.fixtures.local_site import serve_site

from govinspect.campaigns.supervision import quarter


def govinspect(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinspect", *args], capture_output=True, text=True, timeout=180
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_each_region_gets_its_share_inspected_unqualified_and_offline_sites(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    dead = f"http://127.0.0.2:{_closed_port()}/"
    with serve_site(pages=3) as (url, _):
        registry = tmp_path / "sites.csv"
        registry.write_text(
            "name,url,region,status\n"
            f"甲县人民政府,{url},甲省,normal\n"
            f"乙县人民政府,{dead},乙省,normal\n"
            "丙县人民政府,http://www.closed.gov.cn/,乙省,closed\n"
            "丁县人民政府,http://www.never.gov.cn/,乙省,normal\n",
            encoding="utf-8",
        )
        crawled = tmp_path / "crawled.csv"
        crawled.write_text(
            "\n".join(registry.read_text(encoding="utf-8").splitlines()[:3]) + "\n", encoding="utf-8"
        )
        options = ["--delay", "0", "--no-progress", "--timeout", "2", "--retries", "0"]
        options += ["--allow-network", "127.0.0.0/8", "--output", str(tmp_path / "r.json")]
        run = govinspect("check", "--registry", str(crawled), "--db", db, *options)
        assert run.returncode in (0, 1), run.stderr
    today = date.today()
    this_quarter = ["--year", str(today.year), "--quarter", str((today.month - 1) // 3 + 1)]
    assessed = govinspect(
        "supervision", "--registry", str(registry), *this_quarter, "--format", "json", "--db", db
    )
    assert assessed.returncode == 0, assessed.stderr
    groups = {g["group"]: g for g in json.loads(assessed.stdout)["groups"]}
    assert (groups["甲省"]["registered"], groups["甲省"]["inspected"], groups["甲省"]["unqualified"]) == (
        1,
        1,
        1,
    )
    assert groups["乙省"]["registered"] == 2  # the closed site is not in operation
    assert (
        groups["乙省"]["inspected"] == 1 and groups["乙省"]["inspected_share"] == 0.5
    )  # 丁县 never inspected
    assert (
        groups["乙省"]["offline"] == [dead] and groups["乙省"]["unqualified"] == 0
    )  # not inspectable ≠ failed
    last_year = govinspect(
        "supervision",
        "--registry",
        str(registry),
        "--year",
        str(today.year - 1),
        "--format",
        "json",
        "--db",
        db,
    )
    assert all(g["inspected"] == 0 for g in json.loads(last_year.stdout)["groups"])


def test_a_quarter_runs_from_its_first_to_its_last_day() -> None:
    assert quarter(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    assert quarter(2024, 1) == (date(2024, 1, 1), date(2024, 3, 31))
    with pytest.raises(ValueError, match="1, 2, 3 or 4"):
        quarter(2026, 5)
