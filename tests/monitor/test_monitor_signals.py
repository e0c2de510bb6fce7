"""The long-running monitor stops cleanly on SIGTERM: the visit in flight finishes and is stored."""

from __future__ import annotations

import itertools
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from tests.monitor.homepage_server import HomepageServer

ANSWER_SECONDS = 0.6  # each visit waits this long for the homepage; one slot a second


def _wait_for(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_sigterm_lets_the_visit_in_flight_finish_and_commits_it(
    homepage_server: HomepageServer, tmp_path: Path
) -> None:
    db = tmp_path / "monitor.sqlite"
    url = homepage_server.url(f"/slow?s={ANSWER_SECONDS}")
    args = ["monitor", url, "--db", str(db), "--probes-per-day", "86400", "--timeout", "5"]
    process = subprocess.Popen(
        [sys.executable, "-m", "govinspect", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        _wait_for(lambda: homepage_server.count("/slow") >= 3, 20)
        # send the signal while a visit is waiting for its answer
        _wait_for(lambda: time.monotonic() - homepage_server.hits[-1][1] < ANSWER_SECONDS / 3, 5)
        requests_when_signalled = homepage_server.count("/slow")
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr.decode()
    assert homepage_server.count("/slow") == requests_when_signalled  # nothing started after the signal
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select slot_start, outcome from availability_probes order by slot_start"
        ).fetchall()
    assert [outcome for _, outcome in rows if outcome != "missed"] == ["ok"] * requests_when_signalled
    starts = [datetime.fromisoformat(slot) for slot, _ in rows]
    assert all(b - a == timedelta(seconds=1) for a, b in itertools.pairwise(starts))  # no slot lost
    assert f"{requests_when_signalled} visits ({requests_when_signalled} opened" in stderr.decode()
