"""Benchmark govinspect against peer link checkers on the same generated site, served by nginx on loopback.

Usage::

    bash bench/setup.sh                        # once: nginx, wget, linkinator, linkchecker
    python3 bench/run.py                       # 2,000- and 10,000-page sites, every tool once
    python3 bench/run.py --sizes 2000 --tools wget linkinator --repeat 3

For each size it generates the site (bench/gen_site.py), starts nginx on a free high port of 127.0.0.1
with a config written to a temporary folder, runs every tool from the same start URL one after the other,
stops nginx and writes ``bench/results/<date>-<size>.json``; at the end it writes a Markdown table of all
sizes to ``bench/results/latest.md``.

Per run it records wall time, CPU time (user + system of the tool's whole process tree, from
``os.wait4``), peak resident memory (largest ``ru_maxrss`` in that tree), pages crawled (successfully
fetched URLs that are HTML pages of the site, or the tool's own count where it lists no URLs), and the
distinct broken URLs it reported, scored against the ground truth as precision and recall.

Exit status: 0 every run finished; 1 some tool was unavailable, failed or timed out (results are written
all the same); 2 the benchmark itself could not run (bad arguments, nginx would not start).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_site
from tools import BENCH_DIR, REPO_DIR, OutputError, RunContext, Tool, all_tools

DEFAULT_SIZES = (2000, 10000)
SAMPLE_LIMIT = 10


class BenchError(Exception):
    """The benchmark itself cannot go on (nginx does not start, a site cannot be generated)."""


@dataclasses.dataclass(frozen=True)
class Measurement:
    """Resource use of one finished (or killed) tool run."""

    exit_code: int
    timed_out: bool
    wall_seconds: float
    cpu_user_seconds: float
    cpu_system_seconds: float
    max_rss_kib: int


@dataclasses.dataclass(frozen=True)
class Site:
    """A generated site on disk and its ground truth, as URLs of the origin it is served from."""

    size: int
    root: Path
    truth: dict[str, Any]

    def page_urls(self, origin: str) -> frozenset[str]:
        """Absolute URLs of every HTML page of the site."""
        return frozenset(origin + path for path in gen_site.iter_html_paths(self.root))

    def broken_urls(self, origin: str) -> frozenset[str]:
        """Absolute URLs of every distinct planted broken target."""
        return frozenset(origin + path for path in self.truth["broken_targets"])


def measure(command: Sequence[str], cwd: Path, timeout_seconds: float) -> Measurement:
    """Run a command with stdout/stderr to files in ``cwd``, killing its process group at the timeout."""
    start = time.monotonic()
    with open(cwd / "stdout", "wb") as out, open(cwd / "stderr", "wb") as err:
        process = subprocess.Popen(
            list(command), cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True
        )
    timed_out = threading.Event()

    def kill_group() -> None:
        timed_out.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    timer = threading.Timer(timeout_seconds, kill_group)
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    wall = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    with contextlib.suppress(ProcessLookupError):  # anything the tool left behind in its group
        os.killpg(process.pid, signal.SIGKILL)
    return Measurement(
        exit_code=process.returncode,
        timed_out=timed_out.is_set(),
        wall_seconds=wall,
        cpu_user_seconds=usage.ru_utime,
        cpu_system_seconds=usage.ru_stime,
        max_rss_kib=usage.ru_maxrss,
    )


def free_port() -> int:
    """A currently free TCP port on 127.0.0.1 (the kernel's choice among the high ports)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def nginx_binary() -> str:
    """Path of the nginx executable (Debian installs it in /usr/sbin, often not on a user's PATH)."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise BenchError("nginx is not installed: run bench/setup.sh")
    return found


def _wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"nginx exited with status {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise BenchError(f"nginx did not listen on 127.0.0.1:{port} within {seconds} s")


@contextlib.contextmanager
def serve(docroot: Path, port: int) -> Iterator[str]:
    """Serve ``docroot`` with nginx on 127.0.0.1:``port``; yields the origin, stops nginx on exit.

    The config (from nginx.conf.template) and nginx's pid, error log and temp folders live in a
    temporary folder that is removed afterwards. nginx runs in the foreground (``daemon off``) as a
    child of this process; as root its worker runs as root too, so it can read the site wherever it is.
    """
    prefix = Path(tempfile.mkdtemp(prefix="govinspect-bench-nginx-"))
    user_line = "user root root;" if os.geteuid() == 0 else "# not root: workers run as the current user"
    config = (
        (BENCH_DIR / "nginx.conf.template")
        .read_text(encoding="utf-8")
        .replace("@USER_LINE@", user_line)
        .replace("@PREFIX@", str(prefix))
        .replace("@PORT@", str(port))
        .replace("@DOCROOT@", str(docroot.resolve()))
    )
    (prefix / "nginx.conf").write_text(config, encoding="utf-8")
    command = [
        nginx_binary(),
        "-p",
        str(prefix),
        "-c",
        str(prefix / "nginx.conf"),
        "-e",
        str(prefix / "error.log"),
    ]
    with open(prefix / "nginx.out", "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        try:
            _wait_for_port(port, process, 10)
        except BenchError as error:
            output = (prefix / "nginx.out").read_text(errors="replace").strip()
            raise BenchError(f"{error}: {output}") from error
        yield f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)  # graceful stop
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        shutil.rmtree(prefix, ignore_errors=True)


def prepare_site(size: int, seed: int, work_dir: Path) -> Site:
    """Generate the site for ``size`` pages into the work folder."""
    outdir = work_dir / f"site-{size}-seed{seed}"
    started = time.monotonic()
    truth = gen_site.generate(size, outdir, seed)
    print(
        f"[bench] generated {truth['html_pages']} pages, {len(truth['broken_targets'])} broken targets "
        f"in {time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )
    return Site(size, outdir / "www", truth)


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def run_tool(tool: Tool, site: Site, origin: str, workdir: Path, timeout_seconds: float) -> dict[str, Any]:
    """Run one tool once against the served site and score what it reported."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    ctx = RunContext(start_url=origin + "/", workdir=workdir, timeout_seconds=timeout_seconds)
    command = tool.command(ctx)
    record: dict[str, Any] = {
        "tool": tool.name,
        "command": command,
        "workdir": str(workdir),
        "load_average_before": round(os.getloadavg()[0], 2),  # other work on the machine skews times
    }
    print(f"[bench] {site.size} pages: {tool.name} ...", file=sys.stderr, flush=True)
    result = measure(command, workdir, timeout_seconds)
    record.update(
        exit_code=result.exit_code,
        wall_seconds=round(result.wall_seconds, 3),
        cpu_user_seconds=round(result.cpu_user_seconds, 3),
        cpu_system_seconds=round(result.cpu_system_seconds, 3),
        cpu_seconds=round(result.cpu_user_seconds + result.cpu_system_seconds, 3),
        max_rss_mib=round(result.max_rss_kib / 1024, 1),
    )
    if result.timed_out:
        record.update(status="timeout", error=f"killed after {timeout_seconds:.0f} s")
    elif not tool.succeeded(result.exit_code):
        stderr_tail = (workdir / "stderr").read_text(errors="replace").strip().splitlines()[-3:]
        record.update(status="failed", error=f"exit {result.exit_code}: " + " | ".join(stderr_tail))
    else:
        try:
            output = tool.parse(ctx)
        except OutputError as error:
            record.update(status="failed", error=str(error))
        else:
            record["status"] = "ok"
            record.update(score(output.fetched_ok, output.broken, output.pages_reported, site, origin))
            record["pages_per_second"] = (
                round(record["pages"] / result.wall_seconds, 1) if result.wall_seconds > 0 else None
            )
    print(
        f"[bench]   {record['status']}: {record['wall_seconds']} s wall, {record['cpu_seconds']} s CPU, "
        f"{record['max_rss_mib']} MiB, pages {record.get('pages')}, "
        f"precision {record.get('precision')}, recall {record.get('recall')}",
        file=sys.stderr,
        flush=True,
    )
    return record


def score(
    fetched_ok: frozenset[str] | None,
    reported: frozenset[str],
    pages_reported: int | None,
    site: Site,
    origin: str,
) -> dict[str, Any]:
    """Pages crawled and precision/recall over distinct broken target URLs."""
    truth = site.broken_urls(origin)
    if fetched_ok is not None:
        pages = len(fetched_ok & site.page_urls(origin))
        pages_source = "fetched-urls"
    else:
        pages = pages_reported or 0
        pages_source = "tool-report"
    hits = reported & truth
    return {
        "pages": pages,
        "pages_source": pages_source,
        "broken_reported": len(reported),
        "broken_true": len(truth),
        "true_positives": len(hits),
        "precision": _ratio(len(hits), len(reported)),
        "recall": _ratio(len(hits), len(truth)),
        "false_positives_sample": sorted(reported - truth)[:SAMPLE_LIMIT],
        "missed_sample": sorted(truth - reported)[:SAMPLE_LIMIT],
    }


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over a tool's successful runs (all fields of the single run when there is one)."""
    ok = [run for run in runs if run["status"] == "ok"]
    if not ok:
        return {"status": runs[-1]["status"], "error": runs[-1].get("error"), "runs": len(runs)}
    summary: dict[str, Any] = {"status": "ok" if len(ok) == len(runs) else "partly-failed", "runs": len(runs)}
    for key in (
        "wall_seconds",
        "cpu_seconds",
        "max_rss_mib",
        "pages",
        "pages_per_second",
        "broken_reported",
        "true_positives",
        "precision",
        "recall",
    ):
        values = [run[key] for run in ok if run.get(key) is not None]
        summary[key] = round(statistics.median(values), 4) if values else None
    if len(ok) > 1:
        summary["wall_seconds_range"] = [
            min(r["wall_seconds"] for r in ok),
            max(r["wall_seconds"] for r in ok),
        ]
    return summary


def machine_facts() -> dict[str, Any]:
    """CPU, memory and software facts that the numbers depend on."""
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kib = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        memory_kib = int(Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1])
    nginx = subprocess.run([nginx_binary(), "-v"], capture_output=True, text=True, check=False).stderr.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "nginx": nginx,
    }


def bench_size(
    size: int, tools: list[Tool], args: argparse.Namespace, machine: dict[str, Any]
) -> tuple[dict[str, Any], bool]:
    """Generate, serve and measure one site size; returns the results and whether every run was ok."""
    site = prepare_site(size, args.seed, args.work_dir)
    started_at = dt.datetime.now().astimezone()
    runs: list[dict[str, Any]] = []
    tool_info: dict[str, Any] = {}
    available: list[Tool] = []
    for tool in tools:
        reason = tool.unavailable_reason()
        tool_info[tool.name] = {"version": tool.version() if reason is None else None}
        if reason is None:
            available.append(tool)
        else:
            print(f"[bench] {tool.name} unavailable: {reason}", file=sys.stderr)
            runs.append({"tool": tool.name, "repeat": 0, "status": "unavailable", "error": reason})
    port = args.port or free_port()
    with serve(site.root, port) as origin:
        for repeat in range(args.repeat):
            for tool in available:
                workdir = args.work_dir / f"runs-{size}" / f"{tool.name}-{repeat}"
                record = run_tool(tool, site, origin, workdir, args.timeout)
                record["repeat"] = repeat
                runs.append(record)
    truth = {k: v for k, v in site.truth.items() if k not in ("broken", "broken_targets")}
    document = {
        "schema": "govinspect-bench/results@1",
        "date": started_at.date().isoformat(),
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "size": size,
        "seed": args.seed,
        "start_url": "http://127.0.0.1:PORT/ (the same for every tool; PORT chosen per size)",
        "port": port,
        "repeat": args.repeat,
        "timeout_seconds": args.timeout,
        "machine": machine,
        "site": truth,
        "tools": tool_info,
        "summary": {tool.name: summarise([r for r in runs if r["tool"] == tool.name]) for tool in tools},
        "runs": runs,
    }
    all_ok = all(run["status"] == "ok" for run in runs)
    return document, all_ok


def _cell(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown(documents: list[dict[str, Any]]) -> str:
    """The Markdown report of one benchmark invocation: a table per size, then how each tool scales."""
    lines = ["# Link checker benchmark", ""]
    first = documents[0]
    machine = first["machine"]
    lines += [
        f"Measured {first['date']} on {machine['cores']} cores ({machine['cpu']}), "
        f"{machine['memory_gib']} GiB, "
        f"{machine['nginx']} on 127.0.0.1, seed {first['seed']}, {first['repeat']} run(s) per tool "
        "(medians), generated by `python3 bench/run.py`.",
        "",
        "Pages: successfully fetched HTML pages of the site (govinspect: its report's `crawl.pages`). "
        "Precision and recall are over distinct broken target URLs. CPU is user + system time of the tool's "
        "process tree; RSS is its peak resident memory.",
        "",
    ]
    for doc in documents:
        site = doc["site"]
        lines += [
            f"## {doc['size']:,} pages",
            "",
            f"{site['html_pages']:,} HTML pages, {site['images']:,} images, "
            f"{site['attachments']} attachments, "
            f"{site['links']['total']:,} links ({site['links']['per_page_mean']} per page), "
            f"{sum(site['broken_by_kind'].values())} distinct broken targets.",
            "",
            "| Tool | Version | Wall (s) | Pages/s | CPU (s) | Peak RSS (MiB) | Pages crawled "
            "| Broken reported | Precision | Recall | Status |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for name, summary in doc["summary"].items():
            version = doc["tools"][name]["version"] or "–"
            status = summary["status"]
            if summary.get("error"):
                status += f": {summary['error'][:80]}"
            lines.append(
                f"| {name} | {version[:40]} | {_cell(summary.get('wall_seconds'))} "
                f"| {_cell(summary.get('pages_per_second'), 0)} | {_cell(summary.get('cpu_seconds'))} "
                f"| {_cell(summary.get('max_rss_mib'), 0)} | {_cell(summary.get('pages'))} "
                f"| {_cell(summary.get('broken_reported'))} | {_cell(summary.get('precision'), 2)} "
                f"| {_cell(summary.get('recall'), 2)} | {status} |"
            )
        lines.append("")
    if len(documents) >= 2:
        small, large = documents[0], documents[-1]
        page_ratio = large["size"] / small["size"]
        lines += [
            f"## Growth from {small['size']:,} to {large['size']:,} pages (×{page_ratio:.1f} pages)",
            "",
            "| Tool | Wall time ×  | CPU time × | Peak RSS × |",
            "|---|---:|---:|---:|",
        ]
        for name in large["summary"]:
            a, b = small["summary"].get(name, {}), large["summary"].get(name, {})
            cells = []
            for key in ("wall_seconds", "cpu_seconds", "max_rss_mib"):
                cells.append(f"{b[key] / a[key]:.1f}" if a.get(key) and b.get(key) else "–")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="site sizes in pages"
    )
    parser.add_argument("--tools", nargs="+", default=None, help="tools to run (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per tool and size (default 1)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a tool run is killed")
    parser.add_argument("--seed", type=int, default=1, help="site generator seed (default 1)")
    parser.add_argument("--port", type=int, default=0, help="nginx port (default: a free high port)")
    parser.add_argument(
        "--govinspect-venv", type=Path, default=REPO_DIR / ".venv", help="virtualenv holding govinspect"
    )
    parser.add_argument(
        "--work-dir", type=Path, default=BENCH_DIR / ".work", help="generated sites and tool outputs"
    )
    parser.add_argument("--results-dir", type=Path, default=BENCH_DIR / "results", help="where results go")
    args = parser.parse_args(argv)
    known = all_tools(args.govinspect_venv)
    args.tools = args.tools or list(known)
    unknown = sorted(set(args.tools) - set(known))
    if unknown:
        parser.error(f"unknown tools {unknown}; known: {sorted(known)}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    args.work_dir = args.work_dir.resolve()
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; see the module docstring for the exit status."""
    args = parse_args(argv)
    known = all_tools(args.govinspect_venv)
    tools = [known[name] for name in known if name in args.tools]
    args.results_dir.mkdir(parents=True, exist_ok=True)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    documents: list[dict[str, Any]] = []
    all_ok = True
    try:
        machine = machine_facts()
        for size in args.sizes:
            document, ok = bench_size(size, tools, args, machine)
            all_ok = all_ok and ok
            documents.append(document)
            path = args.results_dir / f"{document['date']}-{size}.json"
            path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(f"[bench] wrote {path}", file=sys.stderr)
    except (BenchError, ValueError) as error:
        print(f"[bench] error: {error}", file=sys.stderr)
        return 2
    latest = args.results_dir / "latest.md"
    latest.write_text(markdown(documents), encoding="utf-8")
    print(f"[bench] wrote {latest}", file=sys.stderr)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
