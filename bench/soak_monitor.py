"""Soak test of `govinspect monitor`: many sites, a visit every few seconds, killed and restarted.

    .venv/bin/python bench/soak_monitor.py --sites 300 --interval 5 --minutes 30 --kills 2

A loopback server answers each site's homepage in 0-100 ms, with 5 % 503 answers and 1 % answers slower
than the timeout. The monitor is killed with SIGKILL `--kills` times at even spacing and restarted at
once, then stopped with SIGTERM. Afterwards every site's stored slots must be consecutive (each slot a
visit or a recorded miss: nothing lost) and no slot may be stored twice. Prints one JSON line of results.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import multiprocessing
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aiohttp import web

REPO = Path(__file__).resolve().parents[1]


def serve(port: int, timeout: float) -> None:
    async def answer(request: web.Request) -> web.Response:
        roll = random.random()
        if roll < 0.01:
            await asyncio.sleep(timeout + 1)
        elif roll < 0.06:
            return web.Response(status=503, text="busy")
        await asyncio.sleep(random.random() / 10)
        return web.Response(text="<title>首页</title>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/{tail:.*}", answer)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def verify(db: Path, interval: float) -> dict[str, object]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select site_id, slot_start, outcome from availability_probes order by 1, 2"
        ).fetchall()
    by_site: dict[int, list[tuple[str, str]]] = {}
    for site_id, slot, outcome in rows:
        by_site.setdefault(site_id, []).append((slot, outcome))
    duplicates = len(rows) - len({(s, t) for s, t, _ in rows})
    gaps = 0
    for slots in by_site.values():
        moments = [time.mktime(time.strptime(s[:19], "%Y-%m-%d %H:%M:%S")) for s, _ in slots]
        gaps += sum(1 for a, b in itertools.pairwise(moments) if b - a > interval * 1.5)
    outcomes: dict[str, int] = {}
    for _, _, outcome in rows:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return {
        "rows": len(rows),
        "sites": len(by_site),
        "duplicates": duplicates,
        "gaps": gaps,
        "outcomes": outcomes,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=300)
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between two visits of a site")
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=2.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="govinspect-soak-"))
    port = free_port()
    server = multiprocessing.Process(target=serve, args=(port, args.timeout), daemon=True)
    server.start()
    registry = work / "sites.csv"
    registry.write_text(
        "name,url\n" + "".join(f"站点{i},http://127.0.0.1:{port}/s{i}/\n" for i in range(args.sites)),
        encoding="utf-8",
    )
    db = work / "soak.sqlite"
    command = [
        str(REPO / ".venv" / "bin" / "govinspect"),
        "monitor",
        "--registry",
        str(registry),
        "--db",
        str(db),
        "--probes-per-day",
        str(int(86400 / args.interval)),
        "--timeout",
        str(args.timeout),
        "--concurrency",
        "128",
    ]
    log = (work / "monitor.log").open("w")
    started = time.monotonic()
    total = args.minutes * 60
    kill_at = [total * (k + 1) / (args.kills + 1) for k in range(args.kills)]
    process = subprocess.Popen(command, stdout=log, stderr=log)
    for moment in kill_at:
        time.sleep(max(0.0, moment - (time.monotonic() - started)))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process = subprocess.Popen(command, stdout=log, stderr=log)
    time.sleep(max(0.0, total - (time.monotonic() - started)))
    process.send_signal(signal.SIGTERM)
    exit_code = process.wait(60)
    server.terminate()
    result = verify(db, args.interval)
    result.update(
        minutes=args.minutes, kills=args.kills, interval=args.interval, sigterm_exit=exit_code, work=str(work)
    )
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["duplicates"] == 0 and result["gaps"] == 0 and exit_code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
