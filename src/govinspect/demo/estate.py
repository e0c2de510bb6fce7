"""The demo estate: twelve imitation Chinese government websites with planted problems.

:func:`generate_estate` writes, under one folder:

- ``www/<host>/…`` — the files of every site and of the third-party services
  their footers link to (CONAC badge, ICP and public-security filing, 找错);
- ``server.json`` — how :class:`~govinspect.demo.server.EstateServer` answers
  (status codes, redirects, soft-404, HEAD 405, query-addressed pages);
- ``registry.csv`` — the sites as a registry file (contract §2);
- ``ground-truth.json`` — every planted problem, as a perfect inspection
  would report it, the checks for which that list is complete
  (``covered_checks``) and the traps a checker must not report.

The estate is the same for the same (seed, as_of, port). Its pages carry the
port in absolute URLs, so the port is chosen first (see
:func:`~govinspect.demo.server.bind_free_port`).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from govinspect.demo.assets import png_image
from govinspect.demo.blueprint import ESTATE
from govinspect.demo.build import build_site, third_party_urls
from govinspect.demo.names import REAL_SITES
from govinspect.demo.routes import PLAN_FILE, HostPlan, ServingPlan
from govinspect.demo.truth import CrawlScope, EstateWeb, PlantedProblem, link_problems
from govinspect.model.site import Site

__all__ = ["Estate", "PlantedProblem", "generate_estate", "load_planted"]

REGISTRY_FILE = "registry.csv"
GROUND_TRUTH_FILE = "ground-truth.json"
LOOPBACK = "127.0.0.1"
# Checks for which ``problems`` lists every instance in the estate (planted or not). For any other
# check it makes no claim yet. serious-typo: the list holds every ``fail`` (a ``review`` suspicion is
# not claimed either way).
COVERED_CHECKS = frozenset(
    {
        "broken-link", "column-not-updated", "column-blank", "homepage-not-updated", "date-in-future",
        "message-unanswered", "message-slow-reply", "service-guide-incomplete", "interpretation-copied",
        "interpretation-missing", "site-code-missing", "icp-missing", "psb-missing", "conac-missing",
        "jiucuo-missing", "not-mobile-friendly", "no-message-channel", "non-gov-domain",
        "serious-typo", "prohibited-content", "hidden-link", "privacy-leak", "img-missing-alt",
        "html-lang-missing", "page-title-missing", "link-missing-name", "form-field-missing-label",
        "annual-report-missing", "no-site-search", "no-https",
    }
)  # fmt: skip
REGISTRY_COLUMNS = (
    "site_code", "name", "url", "organizer", "site_type", "level", "region_code", "region", "parent_code",
    "has_external_services", "status",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Estate:
    """A generated estate: where it is, its sites, and what is planted in it."""

    root: Path
    port: int
    sites: tuple[Site, ...]
    registry_path: Path
    ground_truth_path: Path
    planted: tuple[PlantedProblem, ...]
    resolve: tuple[str, ...]  # "HOST:PORT:ADDR", as curl's --resolve, for every host the estate uses
    allowed_hosts: frozenset[str]


def generate_estate(root: Path, *, port: int, as_of: date, seed: int = 2026) -> Estate:
    """Generate the demo estate into ``root`` (created; it must be empty or hold an earlier estate).

    Raises ``ValueError`` when the generated estate does not match its plan
    (a broken link that was not planted, a planted one that works): the ground
    truth is exact or there is none.
    """
    _prepare(root)
    built = [build_site(plan, port=port, as_of=as_of, seed=seed) for plan in ESTATE]
    service_files, service_html, service_hosts = _third_party_hosts(port)
    files: dict[str, bytes] = dict(service_files)
    html_by_file: dict[str, str] = dict(service_html)
    hosts: dict[str, HostPlan] = dict(service_hosts)
    for site in built:
        files.update(site.files)
        html_by_file.update(site.html_by_file)
        hosts.update(site.host_plans)
    plan = ServingPlan(hosts=hosts, rules=tuple(rule for site in built for rule in site.rules))
    resolve = {(host, port): LOOPBACK for host in hosts}
    resolve.update({(host, port): address for site in built for host, address in site.resolve})
    disallowed = {host: site.robots_disallow for site in built for host in site.hosts}
    web = EstateWeb(plan, files, html_by_file, resolve, disallowed)
    scopes = [CrawlScope(site.site.url, site.hosts, port, site.robots_disallow) for site in built]
    links = link_problems(
        web,
        scopes,
        [planting for site in built for planting in site.plantings],
        [alias for site in built for alias in site.alias_pages],
    )
    planted = tuple(sorted((*links, *(p for site in built for p in site.problems)), key=_problem_order))
    resolve_entries = tuple(sorted(f"{host}:{p}:{address}" for (host, p), address in resolve.items()))
    _write_files(root, files)
    (root / PLAN_FILE).write_text(plan.to_json(), encoding="utf-8")
    registry = root / REGISTRY_FILE
    registry.write_bytes(_registry_csv(site.site for site in built))
    ground_truth = root / GROUND_TRUTH_FILE
    document = {
        "as_of": as_of.isoformat(),
        "port": port,
        "seed": seed,
        "sites": [
            {
                "name": s.site.name,
                "url": s.site.url,
                "site_code": s.site.site_code,
                "style": s.style,
                "charset": s.charset,
                "soft_404": s.soft_404,
                "hosts": sorted(s.hosts),
            }
            for s in built
        ],
        "covered_checks": sorted(COVERED_CHECKS),
        "problems": [problem.as_dict() for problem in planted],
        "traps": [trap.as_dict() for site in built for trap in site.traps],
        "resolve": list(resolve_entries),
    }
    ground_truth.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return Estate(
        root=root,
        port=port,
        sites=tuple(site.site for site in built),
        registry_path=registry,
        ground_truth_path=ground_truth,
        planted=planted,
        resolve=resolve_entries,
        allowed_hosts=frozenset(host for host, _ in resolve),
    )


def load_planted(ground_truth_path: Path) -> tuple[PlantedProblem, ...]:
    """The planted problems of a ``ground-truth.json`` file."""
    document = json.loads(ground_truth_path.read_text(encoding="utf-8"))
    return tuple(
        PlantedProblem(p["check"], p["outcome"], p["site_url"], p["url"], p["target"], p["detail"])
        for p in document["problems"]
    )


def _problem_order(problem: PlantedProblem) -> tuple[str, str, str, str]:
    return (problem.site_url, problem.check, problem.url or "", problem.target or "")


def _prepare(root: Path) -> None:
    if root.exists() and any(root.iterdir()) and not (root / GROUND_TRUTH_FILE).exists():
        raise ValueError(f"{root} is not empty and holds no earlier demo estate: choose an empty folder")
    if (root / "www").exists():
        _remove_tree(root / "www")
    root.mkdir(parents=True, exist_ok=True)


def _remove_tree(folder: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames:
            os.unlink(os.path.join(dirpath, name))
        for name in dirnames:
            os.rmdir(os.path.join(dirpath, name))
    folder.rmdir()


def _write_files(root: Path, files: Mapping[str, bytes]) -> None:
    made: set[Path] = set()
    for relative, body in sorted(files.items()):
        path = root / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(body)


def _registry_csv(sites: Iterable[Site]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REGISTRY_COLUMNS)
    for site in sites:
        row: dict[str, Any] = {
            "site_code": site.site_code,
            "name": site.name,
            "url": site.url,
            "organizer": site.organizer,
            "site_type": site.site_type,
            "level": site.level,
            "region_code": site.region_code,
            "region": site.region,
            "parent_code": site.parent_code,
            "has_external_services": "true" if site.has_external_services else "false",
            "status": site.status,
        }
        writer.writerow([row[column] for column in REGISTRY_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _third_party_hosts(port: int) -> tuple[dict[str, bytes], dict[str, str], dict[str, HostPlan]]:
    """The pages of the services footers link to, served by the estate so that those links work."""
    pages: dict[tuple[str, str], tuple[str, str]] = {
        ("www.gov.cn", "index.html"): ("中国政府网", "中华人民共和国中央人民政府门户网站"),
        ("beian.miit.gov.cn", "index.html"): (
            "ICP/IP地址/域名信息备案管理系统",
            "工业和信息化部备案管理系统",
        ),
        ("www.beian.gov.cn", "portal/registerSystemInfo"): (
            "全国互联网安全管理服务平台",
            "公安机关互联网站备案信息",
        ),
        ("zfwzgl.www.gov.cn", "exposure/jiucuo.html"): (
            "我为政府网站找错",
            "请填写您发现的问题，我们将及时转交网站主办单位。",
        ),
        ("bszs.conac.cn", "sitename"): ("党政机关网站标识", "本网站已通过党政机关网站标识管理机构认证。"),
    }
    files: dict[str, bytes] = {}
    html_by_file: dict[str, str] = {}
    for (host, path), (title, text) in pages.items():
        page = (
            f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f"</head>\n<body>\n<h1>{title}</h1>\n<p>{text}</p>\n</body>\n</html>\n"
        )
        files[f"www/{host}/{path}"] = page.encode("utf-8")
        html_by_file[f"www/{host}/{path}"] = page
    for site in REAL_SITES:
        script = third_party_urls(port, site)["conac"]
        path = script.split(f":{port}/", 1)[1]
        badge_id = path.rsplit("/", 1)[1].removesuffix(".js")
        badge = (
            f'document.write(\'<a href="http://bszs.conac.cn:{port}/sitename?method=show&id={badge_id}" '
            f'target="_blank"><img src="http://dcs.conac.cn:{port}/image/red.png" alt="党政机关" border="0">'
            "</a>');\n"
        )
        files[f"www/dcs.conac.cn/{path}"] = badge.encode("utf-8")
    files["www/dcs.conac.cn/image/red.png"] = png_image(110, 55, (200, 20, 20))
    hosts = {host: HostPlan(folder=host) for host in {relative.split("/")[1] for relative in files}}
    return files, html_by_file, hosts
