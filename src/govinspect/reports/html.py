"""The HTML report for site editors (网站编辑), in Chinese.

One self-contained file: inline CSS, no external script, font or image, readable without
JavaScript and printable (a few lines of inline script open every collapsed group before
printing). Everything taken from sites is escaped by the template engine (autoescape on), and
only ``http``/``https`` addresses and exported evidence copies become links.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

import govinspect
from govinspect.model.report import Report
from govinspect.reports.view import EvidenceHref, build_report_view

#: Check groups with at most this many findings are shown opened; larger ones start collapsed.
OPEN_GROUP_MAX_FINDINGS = 20


def render_html(report: Report, evidence_href: EvidenceHref = lambda _: None) -> str:
    """The whole report as one HTML document.

    ``evidence_href(record_id)`` gives a relative link to the exported copy of an archived
    response; when it gives None the record id is shown as text.
    """
    return _template().render(
        view=build_report_view(report, evidence_href),
        open_group_max=OPEN_GROUP_MAX_FINDINGS,
        version=govinspect.__version__,
    )


@cache
def _template() -> Template:
    environment = Environment(
        loader=PackageLoader("govinspect.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template("report.html.j2")
