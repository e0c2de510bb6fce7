"""The bulletin in every format says the same, escapes what sites wrote, and opens as what it claims to be."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from PIL import Image as PngImage
from pypdf import PdfReader

from govinspect.campaigns.aggregate import campaign_figures
from govinspect.campaigns.sampling import SamplePlan
from govinspect.campaigns.store import Campaign, CampaignSite
from govinspect.model.site import Site
from govinspect.reports.bulletin import bulletin_content, write_bulletin_json, write_bulletin_markdown
from govinspect.reports.bulletin_files import (
    write_bulletin_csv,
    write_bulletin_docx,
    write_bulletin_html,
    write_bulletin_pdf,
    write_bulletin_xlsx,
)

HOSTILE = '<script>alert("x")</script>县政府'


def _bulletin():  # type: ignore[no-untyped-def]
    campaign = Campaign(
        1,
        "2026年第四季度抽查",
        datetime(2026, 11, 21, tzinfo=UTC),
        date(2026, 11, 20),
        "cn-gov-2019",
        "2019.1",
        SamplePlan(seed=42, rate=0.3, strata=("region",)),
        "sites.csv",
        10,
        30,
    )
    entries = (
        CampaignSite(
            Site(name="甲市人民政府", url="http://www.a.gov.cn/", region="甲省", site_type="portal"),
            "region=甲省",
            "done",
            "qualified",
            (),
            96.5,
            {"fail_by_check": {"broken-link": 2}},
            1,
        ),
        CampaignSite(
            Site(name=HOSTILE, url="http://www.b.gov.cn/", region="乙省", organizer="=cmd|' /C calc'!A0"),
            "region=乙省",
            "done",
            "unqualified",
            ("SV-COL-BLANK",),
            None,
            {"fail_by_check": {"column-blank": 6}},
            2,
        ),
        CampaignSite(
            Site(name="丙县人民政府", url="http://www.c.gov.cn/", region="乙省"),
            "region=乙省",
            "done",
            "unverified",
            (),
            None,
            {"notes": ["首页无法访问：连接超时"]},
            None,
        ),
    )
    return bulletin_content(campaign, entries, campaign_figures(entries))


def test_markdown_and_html_carry_the_same_sections_and_html_escapes_site_text() -> None:
    bulletin = _bulletin()
    markdown, html = io.StringIO(), io.StringIO()
    write_bulletin_markdown(bulletin, markdown)
    write_bulletin_html(bulletin, html)
    for heading in ("一、分地区合格率", "二、不合格网站名单", "三、无法检查的网站", "附件：抽查网站名单"):
        assert heading in markdown.getvalue() and heading in html.getvalue()
    page = html.getvalue()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.count("<svg") == 2 and "各地区合格率" in page and "门户网站得分分布" in page
    assert "合格率50.0%" in bulletin.overview.replace("总体", "")  # 1 qualified of 2 judged; 丙县 not counted
    assert "随机种子 42" in bulletin.overview


def test_the_workbook_has_a_sheet_per_table_and_every_failing_finding(tmp_path: Path) -> None:
    path = tmp_path / "通报.xlsx"
    finding = (
        "乙县",
        "http://www.b.gov.cn/",
        "column-blank",
        "fail",
        "http://www.b.gov.cn/tzgg/",
        "",
        "栏目「通知公告」没有任何内容",
    )
    write_bulletin_xlsx(_bulletin(), path, [finding])
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == [
        "概况",
        "分地区",
        "不合格网站",
        "无法检查",
        "常见问题",
        "得分分布",
        "抽查网站",
        "问题明细",
    ]
    annex = list(book["抽查网站"].values)
    assert len(annex) == 4 and annex[1][1] == "甲市人民政府" and annex[1][8] == 96.5
    assert list(book["问题明细"].values)[1][2] == "空白栏目"
    failing = list(book["不合格网站"].values)
    assert failing[1][2] == "'=cmd|' /C calc'!A0"  # a formula from a registry is kept as text


def test_csv_is_the_annex_and_json_the_figures() -> None:
    bulletin = _bulletin()
    text = io.StringIO()
    write_bulletin_csv(bulletin, text)
    rows = list(csv.reader(io.StringIO(text.getvalue().lstrip("\ufeff"))))
    assert rows[0][:3] == ["序号", "网站名称", "网址"] and len(rows) == 4
    data = io.StringIO()
    write_bulletin_json(bulletin, data)
    document = json.loads(data.getvalue())
    assert document["overall"]["qualified"] == 1 and document["overall"]["not_inspected"] == 1


def test_the_pdf_lays_out_the_chinese_notice_with_its_charts(tmp_path: Path) -> None:
    path = tmp_path / "通报.pdf"
    write_bulletin_pdf(_bulletin(), path)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "关于2026年第四季度抽查情况的通报" in text.replace(" ", "").replace("\n", "")
    assert "各地区合格率" in text  # the chart's title: the SVG was laid out too
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    image = PngImage.open(tmp_path / "page-1.png").convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height  # glyphs were drawn, not empty boxes or a blank page


def test_the_docx_is_a_notice_with_its_tables(tmp_path: Path) -> None:
    path = tmp_path / "通报.docx"
    write_bulletin_docx(_bulletin(), path)
    document = Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "关于2026年第四季度抽查情况的通报" and paragraphs[1] == "〔 〕号"
    assert HOSTILE in "".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert len(document.tables) == 6  # 分地区, 不合格网站, 无法检查, 常见问题, 得分分布, 抽查网站
