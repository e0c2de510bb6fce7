"""Writing reports where the user asked: one file, a folder of formats, or standard output."""

from __future__ import annotations

import hashlib
import html
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine

from govinspect.model.report import Report
from govinspect.parse.encoding import decode_html
from govinspect.reports import render_html, render_markdown, render_summary, write_json
from govinspect.store.crawls import record_location
from govinspect.store.warc import read_record

FORMATS = ("json", "html", "md")
_SUFFIX = {"json": "json", "html": "html", "md": "md"}


class OutputError(ValueError):
    pass


def write_reports(report: Report, formats: Sequence[str], output: str | None, engine: Engine) -> list[Path]:
    """Write each format; returns the files written. No output (or ``-``): JSON to standard output."""
    formats = list(dict.fromkeys(formats or ["json"]))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise OutputError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    if output in (None, "-"):
        if len(formats) > 1:
            raise OutputError("several formats need --output FOLDER")
        _render(report, formats[0], sys.stdout, None, engine)
        return []
    assert output is not None
    target = Path(output)
    if len(formats) > 1 or target.is_dir() or output.endswith("/"):
        target.mkdir(parents=True, exist_ok=True)
        files = [target / f"report.{_SUFFIX[f]}" for f in formats]
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        files = [target]
    for fmt, path in zip(formats, files, strict=True):
        with path.open("w", encoding="utf-8") as handle:
            _render(report, fmt, handle, path.parent, engine)
    return files


def _render(report: Report, fmt: str, out: TextIO, folder: Path | None, engine: Engine) -> None:
    if fmt == "json":
        write_json(report, out)
        return
    exported = export_evidence(report, folder / "evidence", engine) if folder is not None else {}

    def href(record_id: str) -> str | None:
        name = exported.get(record_id)
        return f"evidence/{name}" if name else None

    text = render_html(report, href) if fmt == "html" else render_markdown(report, href)
    out.write(text)


def export_evidence(report: Report, folder: Path, engine: Engine) -> dict[str, str]:
    """Write each finding's archived response as an inert HTML page; returns record id → file name."""
    names: dict[str, str] = {}
    for site in report.sites:
        for finding in site.findings:
            for record_id in (finding.evidence.archive_record, finding.detail.get("target_record")):
                if not isinstance(record_id, str) or record_id in names:
                    continue
                page = evidence_page(engine, record_id)
                if page is None:
                    continue
                folder.mkdir(parents=True, exist_ok=True)
                name = hashlib.sha1(record_id.encode()).hexdigest()[:16] + ".html"
                (folder / name).write_text(page, encoding="utf-8")
                names[record_id] = name
    return names


def evidence_page(engine: Engine, record_id: str) -> str | None:
    """The archived response, shown as text (never rendered: crawled pages may carry scripts)."""
    location = record_location(engine, record_id)
    if location is None or not location[0].exists():
        return None
    record = read_record(*location)
    content_type = next((v for k, v in record.headers if k.lower() == "content-type"), None)
    body, _ = decode_html(record.body[:2_000_000], content_type)
    headers = "\n".join(f"{k}: {v}" for k, v in record.headers)
    return (
        "<!doctype html><meta charset=utf-8><title>存档证据 Evidence</title>"
        "<style>body{font-family:sans-serif;margin:1.5em}pre{white-space:pre-wrap;background:#f6f6f6;"
        "padding:1em;border:1px solid #ddd}</style>"
        f"<h1>存档证据（WARC）</h1><p>地址：{html.escape(record.url)}<br>抓取时间：{html.escape(record.date)}"
        f"<br>记录编号：{html.escape(record.record_id)}<br>存档文件：{html.escape(str(location[0]))}</p>"
        f"<h2>响应头</h2><pre>{html.escape(record.status_line)}\n{html.escape(headers)}</pre>"
        f"<h2>响应内容（以文本显示）</h2><pre>{html.escape(body)}</pre>"
    )


def print_summary(report: Report) -> None:
    sys.stderr.write(render_summary(report).rstrip() + "\n")
