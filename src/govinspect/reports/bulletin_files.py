"""The bulletin as HTML (with its charts), as an XLSX workbook and as CSV.

All three render :func:`~govinspect.reports.bulletin.bulletin_sections`, so they say what the
Markdown says. The HTML is one self-contained file (inline CSS and SVG, escaped text); the
workbook has an overview sheet, one sheet per table, and a sheet with every failing finding of
every drawn site; the CSV is the annex table (one row per drawn site).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TextIO

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from openpyxl import Workbook
from openpyxl.styles import Font

import govinspect
from govinspect.reports.bulletin import Bulletin, bulletin_sections
from govinspect.reports.bulletin_charts import pass_rate_chart, score_band_chart
from govinspect.reports.labels import CHECK_LABELS, OUTCOME_LABELS

#: A finding of a drawn site, for the workbook: site name, site URL, check, outcome, page, target, message.
FindingRow = tuple[str, str, str, str, str, str, str]


def write_bulletin_html(bulletin: Bulletin, out: TextIO) -> None:
    """The bulletin as one HTML document in the layout of a notice, with its two charts."""
    figures = bulletin.figures
    charts = {
        "pass_rate": pass_rate_chart(figures.by_dimension["region"]),
        "score_bands": score_band_chart(figures.bands),
    }
    out.write(
        _template().render(
            bulletin=bulletin,
            sections=bulletin_sections(bulletin),
            charts=charts,
            version=govinspect.__version__,
        )
    )


def write_bulletin_xlsx(bulletin: Bulletin, path: Path, findings: Iterable[FindingRow] = ()) -> None:
    """The bulletin as a workbook: 概况, one sheet per table, and 问题明细 (every failing finding)."""
    book = Workbook(write_only=False)
    overview = book.active
    assert overview is not None
    overview.title = "概况"
    overview.append([bulletin.title])
    overview["A1"].font = Font(bold=True, size=14)
    overview.append([bulletin.overview])
    for section in bulletin_sections(bulletin):
        sheet = book.create_sheet(section.sheet)
        sheet.append(list(section.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in section.rows:
            sheet.append([_excel(value) for value in row])
        for line in section.lines:
            overview.append([line])
    details = book.create_sheet("问题明细")
    details.append(["网站名称", "网址", "问题", "结论", "页面", "链接目标", "说明"])
    for cell in details[1]:
        cell.font = Font(bold=True)
    for name, url, check, outcome, page, target, message in findings:
        details.append(
            [
                name,
                url,
                CHECK_LABELS.get(check, check),
                OUTCOME_LABELS.get(outcome, outcome),
                page,
                target,
                message,
            ]
        )
    book.save(path)


def write_bulletin_csv(bulletin: Bulletin, out: TextIO) -> None:
    """The annex (one row per drawn site) as CSV, UTF-8 with a byte-order mark so Excel reads it."""
    annex = bulletin_sections(bulletin)[-1]
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(annex.headers)
    writer.writerows(annex.rows)


def _excel(value: object) -> object:
    """A cell value: numbers stay numbers; text that a spreadsheet would run as a formula is quoted."""
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@cache
def _template() -> Template:
    environment = Environment(
        loader=PackageLoader("govinspect.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("bulletin.html.j2")
