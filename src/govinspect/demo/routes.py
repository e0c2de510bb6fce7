"""How the demo server answers each request, as data.

The generator writes a :class:`ServingPlan` to ``server.json`` next to the
generated files; the server reads it and asks :func:`decide` what to send.
Nothing about a particular site is hard-coded in the server: a 500 page, a
redirect loop, a host that answers ``HEAD`` with 405 or a site that answers
missing pages with "页面不存在" and status 200 are all rules in the plan.
The generator asks the same :func:`decide` when it works out which links of
the estate are broken, so the ground truth and the server cannot disagree.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, unquote

RuleKind = Literal["status", "redirect", "query-file", "content-type"]

CONTENT_TYPES: Mapping[str, str] = {
    ".html": "text/html",
    ".htm": "text/html",
    ".shtml": "text/html",
    ".jsp": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".txt": "text/plain",
    ".xml": "application/xml",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
    ".png": "image/png",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
}
_TEXT_TYPES = frozenset({"text/html", "text/css", "application/javascript", "text/plain", "application/xml"})


@dataclass(frozen=True, slots=True)
class HostPlan:
    """One host name the server answers for.

    ``folder`` is the folder under ``www/`` holding its files (a www/bare twin
    shares its twin's folder). Missing files are answered with
    ``not_found_status`` and the page ``not_found_page`` (a path inside the
    folder) — status 200 there makes a soft-404 site.
    """

    folder: str
    charset: str = "utf-8"
    not_found_status: int = 404
    not_found_page: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A declared answer that is not simply "the file at this path".

    It matches a host, an exact ``path`` or a path ``prefix``, and optionally
    one HTTP ``method``. ``kind`` says what happens:

    - ``status``: answer ``status`` with ``headers`` and the text ``body``;
    - ``redirect``: answer ``status`` (301/302) with ``Location: location``;
    - ``query-file``: when the query has ``query_param`` (a number), serve the
      file ``file_template`` names (``{stem}``, ``{value}``, ``{suffix}`` come
      from the requested path), e.g. ``list.html?page=3`` → ``list_3.html``;
    - ``content-type``: serve the file with this exact ``Content-Type`` header
      (a page whose header lies about its charset).
    """

    kind: RuleKind
    host: str
    path: str = ""
    prefix: str = ""
    method: str | None = None
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: str = ""
    location: str = ""
    query_param: str = ""
    file_template: str = ""
    content_type: str = ""

    def matches(self, host: str, method: str, path: str) -> bool:
        if host != self.host or (self.method is not None and method != self.method):
            return False
        return path == self.path if self.path else path.startswith(self.prefix)


@dataclass(frozen=True, slots=True)
class ServingPlan:
    """Every host the estate server answers for, and the rules evaluated before plain files."""

    hosts: Mapping[str, HostPlan]
    rules: tuple[Rule, ...] = field(default=())

    def to_json(self) -> str:
        data = {
            "hosts": {name: asdict(plan) for name, plan in sorted(self.hosts.items())},
            "rules": [asdict(rule) for rule in self.rules],
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ServingPlan:
        data = json.loads(text)
        hosts = {name: HostPlan(**values) for name, values in data["hosts"].items()}
        rules = tuple(
            Rule(**{**values, "headers": tuple(tuple(pair) for pair in values["headers"])})
            for values in data["rules"]
        )
        return cls(hosts=hosts, rules=rules)

    @classmethod
    def read(cls, root: Path) -> ServingPlan:
        return cls.from_json((root / PLAN_FILE).read_text(encoding="utf-8"))


PLAN_FILE = "server.json"


@dataclass(frozen=True, slots=True)
class Answer:
    """What to send: a status, headers, and either a file (relative to the estate root) or a text body."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    file: str | None = None
    body: str = ""


def decide(plan: ServingPlan, host: str, method: str, target: str, exists: Callable[[str], bool]) -> Answer:
    """The answer to ``method target`` sent to ``host`` (no port). ``exists`` tells whether a file exists.

    ``target`` is the request path with its query string, as sent.
    """
    raw_path, _, query = target.partition("?")
    path = unquote(raw_path)
    host_plan = plan.hosts.get(host)
    if host_plan is None:
        return Answer(404, (("Content-Type", "text/plain; charset=utf-8"),), body="unknown host")
    if method not in ("GET", "HEAD"):
        return Answer(405, (("Allow", "GET, HEAD"),))
    for rule in plan.rules:
        if not rule.matches(host, method, path):
            continue
        if rule.kind == "status":
            return Answer(rule.status, rule.headers, body=rule.body)
        if rule.kind == "redirect":
            return Answer(rule.status, (("Location", rule.location),))
        if rule.kind == "query-file":
            values = parse_qs(query).get(rule.query_param)
            if values and values[0].isdigit():
                stem, suffix = posixpath.splitext(path)
                mapped = rule.file_template.format(stem=stem, value=values[0], suffix=suffix)
                return _static(host_plan, mapped, exists, rule.content_type)
        if rule.kind == "content-type":
            return _static(host_plan, path, exists, rule.content_type)
    return _static(host_plan, path, exists, "")


def content_type_for(path: str, charset: str) -> str:
    """The ``Content-Type`` header for a file name; text types carry the host's charset."""
    suffix = posixpath.splitext(path)[1].lower()
    kind = CONTENT_TYPES.get(suffix, "text/html" if not suffix else "application/octet-stream")
    return f"{kind}; charset={charset}" if kind in _TEXT_TYPES else kind


def _static(host_plan: HostPlan, path: str, exists: Callable[[str], bool], content_type: str) -> Answer:
    relative = _relative(path)
    if relative is not None:
        file = f"www/{host_plan.folder}/{relative}"
        if exists(file):
            header = content_type or content_type_for(relative, host_plan.charset)
            return Answer(200, (("Content-Type", header),), file=file)
        if not path.endswith("/") and exists(f"{file}/index.html"):
            return Answer(301, (("Location", path + "/"),))
    if host_plan.not_found_page is None:
        return Answer(
            host_plan.not_found_status, (("Content-Type", "text/plain; charset=utf-8"),), body="404 Not Found"
        )
    page = f"www/{host_plan.folder}/{host_plan.not_found_page}"
    return Answer(
        host_plan.not_found_status, (("Content-Type", f"text/html; charset={host_plan.charset}"),), file=page
    )


def _relative(path: str) -> str | None:
    """The file path inside a host folder, or None for a path that tries to leave it."""
    parts = [part for part in path.split("/") if part]
    if any(part in (".", "..") or part.startswith(".") for part in parts):
        return None
    relative = "/".join(parts)
    if not relative or path.endswith("/"):
        relative = f"{relative}/index.html".lstrip("/")
    return relative
