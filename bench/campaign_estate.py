"""A spot check over 200 generated sites: drawn at 30 % by region, killed halfway, resumed, reported.

This is the scenario of issue 5's acceptance, run end to end through the command line:

1. a registry of 200 government-style sites in 10 provinces (every 5th with a stale homepage,
   every 3rd with a broken link), all served by one virtual-host server on loopback;
2. ``campaign create --rate 0.3 --strata region --seed 7`` in two stores: the same 60 sites;
3. ``campaign run``, ``kill -9`` once half of them are recorded, ``campaign run`` again;
4. ``campaign report`` in md, html, pdf, docx, xlsx and csv; the PDF's first page rasterised with
   pdftoppm, the HTML screenshotted with Chromium, and — when LibreOffice is installed — the DOCX
   and XLSX converted to PDF and rasterised too, so a person can look at the Chinese.

    .venv/bin/python bench/campaign_estate.py [--out bench/results/campaign-200]

Prints a JSON summary (also written to OUT/summary.json).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from aiohttp import web

SITES = 200
PROVINCES = (
    "安徽省",
    "江西省",
    "河北省",
    "广东省",
    "四川省",
    "湖南省",
    "山东省",
    "浙江省",
    "云南省",
    "甘肃省",
)
AS_OF = date.today()


def site_host(number: int) -> str:
    return f"www.site{number:03d}.gov.cn"


def page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta name="viewport" content="width=device-width"></head><body>{body}'
        "<footer>主办单位：本级人民政府办公室 网站标识码：3400000000 皖ICP备05000000号 "
        "皖公网安备 34010202000000号</footer>"
        "</body></html>"
    )


def respond(host: str, path: str) -> tuple[int, str]:
    """The generated site behind a host: homepage, a news column, its articles, one broken link sometimes."""
    if not host.startswith("www.site"):
        return 404, page("404", "页面不存在")
    number = int(host[8:11])
    name = f"第{number}号县人民政府"
    age = 40 if number % 5 == 0 else 2  # every 5th site: nothing new for 40 days
    if path in ("/", "/index.html"):
        items = "".join(
            f'<li><a href="/news/{k}.html">工作动态{k}</a><span>{AS_OF - timedelta(days=age + k)}</span></li>'
            for k in range(5)
        )
        broken = '<a href="/files/missing.pdf">办事指南下载</a>' if number % 3 == 0 else ""
        body = (
            f'<h1>{name}</h1><a href="/news/index.html">工作动态</a> <a href="/hdjl/index.html">领导信箱</a>'
            f"<ul>{items}</ul>{broken}"
        )
        return 200, page(name, body)
    if path == "/hdjl/index.html":
        form = (
            '<form action="/hdjl/submit" method="post"><label for="t">标题</label><input id="t" name="title">'
            '<label for="c">内容</label><textarea id="c" name="content"></textarea>'
            "<button>我要写信</button></form>"
        )
        return 200, page(f"领导信箱_{name}", f"<h2>领导信箱</h2>{form}")
    if path == "/news/index.html":
        items = "".join(
            f'<li><a href="/news/{k}.html">工作动态{k}</a><span>{AS_OF - timedelta(days=age + k)}</span></li>'
            for k in range(5)
        )
        return 200, page(f"工作动态_{name}", f"<h2>工作动态</h2><ul>{items}</ul>")
    if path.startswith("/news/") and path.endswith(".html"):
        k = int(path[6:-5]) if path[6:-5].isdigit() else 0
        published = AS_OF - timedelta(days=age + k)
        return 200, page(
            f"工作动态{k}", f"<h1>工作动态{k}</h1><p>发布时间：{published}</p><p>{name}召开工作会议。</p>"
        )
    return 404, page("404", "页面不存在")


def serve(port_holder: list[int], ready: threading.Event) -> None:
    async def handle(request: web.Request) -> web.Response:
        status, text = respond(request.host.split(":")[0], request.path)
        return web.Response(status=status, text=text, content_type="text/html")

    async def main() -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port_holder.append(runner.addresses[0][1])
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def registry(path: Path, port: int) -> None:
    rows = ["name,url,region,level,site_type,organizer,status"]
    for number in range(SITES):
        level = ("province", "city", "county")[number % 3]
        kind = "portal" if number % 4 == 0 else "department"
        rows.append(
            f"第{number}号县人民政府,http://{site_host(number)}:{port}/,{PROVINCES[number % 10]},"
            f"{level},{kind},第{number}号县人民政府办公室,normal"
        )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def govinspect(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinspect", *args], capture_output=True, text=True, timeout=1800
    )


def done(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("select count(*) from campaign_sites where state='done'").fetchone()[0])
    except sqlite3.Error:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="bench/results/campaign-200")
    out = Path(parser.parse_args().out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    port: list[int] = []
    ready = threading.Event()
    threading.Thread(target=serve, args=(port, ready), daemon=True).start()
    ready.wait(10)
    sites_csv = out / "registry.csv"
    registry(sites_csv, port[0])
    resolve = [f"--resolve={site_host(n)}:{port[0]}:127.0.0.1" for n in range(SITES)]
    summary: dict[str, object] = {"sites": SITES, "as_of": AS_OF.isoformat()}

    create = [
        "campaign",
        "create",
        "--registry",
        str(sites_csv),
        "--rate",
        "0.3",
        "--strata",
        "region",
        "--seed",
        "7",
    ]
    first = govinspect(*create, "--as-of", AS_OF.isoformat(), "--db", str(out / "a.sqlite"))
    second = govinspect(*create, "--as-of", AS_OF.isoformat(), "--db", str(out / "b.sqlite"))
    drawn_a = (
        sqlite3.connect(out / "a.sqlite")
        .execute("select s.key from campaign_sites c join sites s on s.id=c.site_id order by s.key")
        .fetchall()
    )
    drawn_b = (
        sqlite3.connect(out / "b.sqlite")
        .execute("select s.key from campaign_sites c join sites s on s.id=c.site_id order by s.key")
        .fetchall()
    )
    summary["drawn"] = len(drawn_a)
    summary["same_sample_from_seed"] = drawn_a == drawn_b and first.returncode == second.returncode == 0

    db = out / "a.sqlite"
    run = [
        "campaign",
        "run",
        "1",
        "--db",
        str(db),
        "--no-progress",
        "--delay",
        "0",
        "--per-host",
        "4",
        "--concurrency",
        "32",
        "--timeout",
        "5",
        *resolve,
    ]
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "govinspect", *run], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while done(db) < len(drawn_a) // 2 and process.poll() is None:
        time.sleep(0.1)
    killed_at = done(db)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    resumed = govinspect(*run)
    summary["recorded_when_killed"] = killed_at
    summary["resume_exit"] = resumed.returncode
    summary["recorded_after_resume"] = done(db)
    summary["run_seconds"] = round(time.monotonic() - started, 1)

    formats = {}
    for fmt in ("md", "html", "pdf", "docx", "xlsx", "csv", "json"):
        path = out / f"通报.{fmt}"
        made = govinspect("campaign", "report", "1", "--output", str(path), "--db", str(db))
        formats[fmt] = made.returncode == 0 and path.exists() and path.stat().st_size > 0
    summary["bulletins"] = formats
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(out / "通报.pdf"), str(out / "pdf-page")],
        check=False,
    )
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        shot = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        shot += [
            f"--screenshot={out / 'html.png'}",
            "--window-size=1000,1400",
            (out / "通报.html").resolve().as_uri(),
        ]
        subprocess.run(shot, capture_output=True, check=False, timeout=120)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    summary["libreoffice"] = bool(office)
    if office:
        for kind in ("docx", "xlsx"):
            folder = out / "office" / kind
            convert = [
                office,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(out / f"通报.{kind}"),
            ]
            subprocess.run(convert, capture_output=True, check=False, timeout=300)
            first = [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                str(folder / "通报.pdf"),
                str(out / kind),
            ]
            subprocess.run(first, check=False)
    summary["images"] = sorted(p.name for p in out.rglob("*.png"))
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
