"""One adapter per benchmarked link checker: how to run it and how to read what it found.

Every adapter gets the same start URL and returns, from the tool's own output, the URLs it fetched
successfully and the distinct URLs it called broken. The runner turns those into pages crawled (fetched
URLs that are HTML pages of the generated site) and precision/recall against the ground truth, the same
way for every tool. Standard library only.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol
from urllib.parse import urljoin, urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
PEERS_VENV = BENCH_DIR / ".venv-peers"
NODE_DIR = BENCH_DIR / ".node" / "node_modules"


@dataclasses.dataclass(frozen=True)
class RunContext:
    """What one tool run needs: where to start, where to write, how long it may take."""

    start_url: str
    workdir: Path
    timeout_seconds: float


@dataclasses.dataclass(frozen=True)
class ToolOutput:
    """What a tool reported, read from its output files.

    ``fetched_ok`` is None when the tool does not list the URLs it fetched; ``pages_reported`` is the
    tool's own page count where it gives one.
    """

    fetched_ok: frozenset[str] | None
    broken: frozenset[str]
    pages_reported: int | None = None


class OutputError(Exception):
    """A tool's output is missing or cannot be read."""


class Tool(Protocol):
    """A benchmarked link checker."""

    name: str

    def unavailable_reason(self) -> str | None:
        """Why the tool cannot run here (not installed, broken), or None when it can."""
        ...

    def version(self) -> str:
        """The tool's version, as it reports it."""
        ...

    def command(self, ctx: RunContext) -> list[str]:
        """The command line for one run; the runner sends standard output to ``ctx.workdir/stdout``."""
        ...

    def succeeded(self, exit_code: int) -> bool:
        """Whether an exit code means the tool finished its check (finding broken links is success)."""
        ...

    def parse(self, ctx: RunContext) -> ToolOutput:
        """Read the run's output files."""
        ...


def normalise_url(url: str) -> str:
    """The URL without fragment, with lower-case scheme and host and ``/`` for an empty path."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _urls(urls: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise_url(u) for u in urls if u)


def _first_line(command: Sequence[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    text = (result.stdout or result.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise OutputError(f"cannot read {path}: {error}") from error


class GovInspect:
    """govinspect itself, run from the project's virtualenv with loopback-benchmark politeness knobs."""

    name = "govinspect"

    def __init__(self, venv: Path = REPO_DIR / ".venv") -> None:
        self.venv = venv
        self.executable = venv / "bin" / "govinspect"

    def unavailable_reason(self) -> str | None:
        if not self.executable.exists():
            return f"{self.executable} does not exist"
        try:
            result = subprocess.run(
                [str(self.executable), "check", "--help"],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"`govinspect check --help` did not run: {error}"
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            return f"`govinspect check --help` exited {result.returncode}: {tail[0]}"
        return None

    def version(self) -> str:
        code = "import importlib.metadata as m; print(m.version('govinspect'))"
        return _first_line([str(self.venv / "bin" / "python"), "-c", code])

    def command(self, ctx: RunContext) -> list[str]:
        return [
            str(self.executable),
            "check",
            ctx.start_url,
            "--format",
            "json",
            "--output",
            str(ctx.workdir / "report.json"),
            "--db",
            str(ctx.workdir / "store.sqlite"),
            "--concurrency",
            "64",
            "--per-host",
            "64",
            "--delay",
            "0",
            "--timeout",
            "15",
            "--fresh",
        ]

    def succeeded(self, exit_code: int) -> bool:
        return exit_code in (0, 1)

    def parse(self, ctx: RunContext) -> ToolOutput:
        """Broken links are findings with check ``broken-link`` and outcome ``fail`` (contract §3)."""
        try:
            report = json.loads(_read(ctx.workdir / "report.json"))
            sites = report["sites"]
        except (ValueError, KeyError, TypeError) as error:
            raise OutputError(f"report.json is not a govinspect report: {error}") from error
        broken: set[str] = set()
        pages = 0
        for site in sites:
            pages += int((site.get("crawl") or {}).get("pages") or 0)
            for finding in site.get("findings") or []:
                if finding.get("check") == "broken-link" and finding.get("outcome") == "fail":
                    target = finding.get("target")
                    if target:
                        broken.add(urljoin(finding.get("url") or ctx.start_url, target))
        return ToolOutput(fetched_ok=None, broken=_urls(broken), pages_reported=pages)


class LinkChecker:
    """LinkChecker from PyPI in its own venv: 32 threads, unthrottled, every URL logged to a CSV file.

    LinkChecker waits 0.1-0.6 s between requests to one host unless the server sends a ``LinkChecker``
    header and ``maxrequestspersecond`` is raised; the benchmark's nginx sends the header and this adapter
    writes a config that raises the limit. Run as root, LinkChecker drops privileges to ``nobody``, so its
    working folder is made writable for everyone.
    """

    name = "linkchecker"

    def __init__(self, venv: Path = PEERS_VENV) -> None:
        self.executable = venv / "bin" / "linkchecker"

    def unavailable_reason(self) -> str | None:
        return None if self.executable.exists() else f"{self.executable} missing: run bench/setup.sh"

    def version(self) -> str:
        return _first_line([str(self.executable), "--version"])

    def command(self, ctx: RunContext) -> list[str]:
        config = ctx.workdir / "linkcheckerrc"
        config.write_text("[checking]\nmaxrequestspersecond=1000000\n", encoding="utf-8")
        if os.geteuid() == 0:
            ctx.workdir.chmod(0o777)
        return [
            str(self.executable),
            "--config",
            str(config),
            "--threads",
            "32",
            "--timeout",
            "15",
            "--no-status",
            "--verbose",
            "--output",
            "none",
            "--file-output",
            f"csv/utf_8/{ctx.workdir / 'out.csv'}",
            ctx.start_url,
        ]

    def succeeded(self, exit_code: int) -> bool:
        return exit_code in (0, 1)

    def parse(self, ctx: RunContext) -> ToolOutput:
        """Each CSV row is one checked URL: column ``url`` is absolute, ``valid`` is True or False."""
        lines = [line for line in _read(ctx.workdir / "out.csv").splitlines() if not line.startswith("#")]
        rows = list(csv.DictReader(lines, delimiter=";"))
        if not rows or "valid" not in rows[0]:
            raise OutputError("out.csv has no LinkChecker rows")
        ok = [row["url"] for row in rows if row["valid"] == "True"]
        broken = [row["url"] for row in rows if row["valid"] == "False"]
        return ToolOutput(fetched_ok=_urls(ok), broken=_urls(broken))


class WgetSpider:
    """GNU Wget in spider mode, recursive without depth limit, one try per URL, log to a file."""

    name = "wget"
    _request = re.compile(r"^--\d{4}-\d\d-\d\d \d\d:\d\d:\d\d--\s+(\S+)$")
    _response = re.compile(r"^HTTP request sent, awaiting response\.\.\. (\d{3})")

    def unavailable_reason(self) -> str | None:
        return None if Path("/usr/bin/wget").exists() else "wget missing: run bench/setup.sh"

    def version(self) -> str:
        return _first_line(["/usr/bin/wget", "--version"])

    def command(self, ctx: RunContext) -> list[str]:
        return [
            "/usr/bin/wget",
            "--spider",
            "--recursive",
            "--level=inf",
            "--tries=1",
            "--timeout=15",
            f"--output-file={ctx.workdir / 'wget.log'}",
            f"--directory-prefix={ctx.workdir / 'files'}",
            ctx.start_url,
        ]

    def succeeded(self, exit_code: int) -> bool:
        return exit_code in (0, 8)  # 8: the server answered some request with an error (404)

    def parse(self, ctx: RunContext) -> ToolOutput:
        """Fetched URLs from the request/response lines; broken ones from the closing "broken link" list."""
        lines = _read(ctx.workdir / "wget.log").splitlines()
        ok: set[str] = set()
        current = ""
        for line in lines:
            if request := self._request.match(line):
                current = request.group(1)
            elif (response := self._response.match(line)) and response.group(1) == "200":
                ok.add(current)
        broken: list[str] = []
        for index, line in enumerate(lines):
            if re.match(r"^Found (\d+|no) broken links?\.$", line):
                for url_line in lines[index + 1 :]:
                    if url_line.startswith("FINISHED"):
                        break
                    if url_line.strip():
                        broken.append(url_line.strip())
        if not any(line.startswith("FINISHED --") for line in lines):
            raise OutputError("wget.log has no FINISHED line: the crawl did not end")
        return ToolOutput(fetched_ok=_urls(ok), broken=_urls(broken))


class Linkinator:
    """linkinator from npm (with the Node.js it needs, both in bench/.node), recursive, JSON on stdout."""

    name = "linkinator"

    def __init__(self, node_modules: Path = NODE_DIR) -> None:
        self.node = node_modules / "node" / "bin" / "node"
        self.cli = node_modules / "linkinator" / "build" / "src" / "cli.js"

    def unavailable_reason(self) -> str | None:
        for path in (self.node, self.cli):
            if not path.exists():
                return f"{path} missing: run bench/setup.sh"
        return None

    def version(self) -> str:
        return _first_line([str(self.node), str(self.cli), "--version"])

    def command(self, ctx: RunContext) -> list[str]:
        return [
            str(self.node),
            str(self.cli),
            ctx.start_url,
            "--recurse",
            "--format",
            "json",
            "--timeout",
            "15000",
        ]

    def succeeded(self, exit_code: int) -> bool:
        return exit_code in (0, 1)

    def parse(self, ctx: RunContext) -> ToolOutput:
        """``links`` lists every checked link occurrence with ``state`` OK, BROKEN or SKIPPED."""
        try:
            links = json.loads(_read(ctx.workdir / "stdout"))["links"]
        except (ValueError, KeyError, TypeError) as error:
            raise OutputError(f"linkinator printed no JSON report: {error}") from error
        ok = [link["url"] for link in links if link.get("state") == "OK"]
        broken = [link["url"] for link in links if link.get("state") == "BROKEN"]
        return ToolOutput(fetched_ok=_urls(ok), broken=_urls(broken))


class GovInspectLinks(GovInspect):
    """govinspect running its link check only (``--checks broken-link``): like for like with link checkers."""

    name = "govinspect-links"

    def command(self, ctx: RunContext) -> list[str]:
        return [*super().command(ctx), "--checks", "broken-link"]


def all_tools(govinspect_venv: Path) -> dict[str, Tool]:
    """Every adapter by name, in the order the runner runs them."""
    tools: list[Tool] = [
        GovInspect(govinspect_venv),
        GovInspectLinks(govinspect_venv),
        LinkChecker(),
        WgetSpider(),
        Linkinator(),
    ]
    return {tool.name: tool for tool in tools}
