"""The bulletin as HTML and PDF (with their charts), as DOCX, as an XLSX workbook and as CSV.

All of them render :func:`~govinspect.reports.bulletin.bulletin_sections`, so they say what the
Markdown says. The HTML is one self-contained file (inline CSS and SVG, escaped text); the PDF is
that page laid out by WeasyPrint with the CJK fonts the project installs (Noto CJK); the DOCX has
the layout of a notice (red title, 文号 line, indented overview, numbered sections, tables); the
workbook has an overview sheet, one sheet per table, and a sheet with every failing finding of
every drawn site; the CSV is the annex table (one row per drawn site).
"""

from __future__ import annotations

import csv
import io
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


def write_bulletin_pdf(bulletin: Bulletin, path: Path) -> None:
    """The HTML bulletin, charts included, as a PDF (A4)."""
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    page = io.StringIO()
    write_bulletin_html(bulletin, page)
    HTML(string=page.getvalue().replace("</style>", _PRINT_CSS + "</style>", 1)).write_pdf(path)


def write_bulletin_docx(bulletin: Bulletin, path: Path) -> None:
    """The bulletin as a Word document in the layout of a government notice."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Noto Serif CJK SC"
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")  # Chinese text uses this font
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(bulletin.title)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(20), RGBColor(0xB7, 0x1C, 0x1C)
    number = document.add_paragraph("〔 〕号")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    overview = document.add_paragraph(bulletin.overview)
    overview.paragraph_format.first_line_indent = Pt(24)
    for section in bulletin_sections(bulletin):
        heading = document.add_paragraph()
        heading.add_run(section.heading).bold = True
        if section.rows:
            table = document.add_table(rows=1, cols=len(section.headers))
            table.style = "Table Grid"
            for cell, header in zip(table.rows[0].cells, section.headers, strict=True):
                cell.text = header
            for row in section.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = f"{value:g}" if isinstance(value, float) else str(value)
        elif section.empty:
            document.add_paragraph(section.empty)
        for line in section.lines:
            document.add_paragraph(line)
    document.save(str(path))


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


_PRINT_CSS = "@page { size: A4; margin: 18mm 16mm; } body { max-width: none; margin: 0; }"


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
