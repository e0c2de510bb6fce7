"""Loading XLSX registry files written with openpyxl, as Excel and WPS users send them."""

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from govinspect.registry import RegistryError, load_registry


def workbook(
    path: Path, rows: dict[int, list[object]], first_sheet_rows: dict[int, list[object]] | None = None
) -> Path:
    """Write ``rows`` (sheet row number → cells) to the first sheet, or after ``first_sheet_rows``."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if first_sheet_rows is not None:
        for number, cells in first_sheet_rows.items():
            for column, value in enumerate(cells, start=1):
                sheet.cell(row=number, column=column, value=value)
        sheet = book.create_sheet("第二页")
    for number, cells in rows.items():
        for column, value in enumerate(cells, start=1):
            sheet.cell(row=number, column=column, value=value)
    book.save(path)
    return path


def test_xlsx_with_chinese_headers_and_typed_cells(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "名录.xlsx",
        {
            1: ["网站标识码", "网站名称", "网站地址", "是否有对外服务", "行政区划代码", "更新日期", "访问量"],
            2: [1304000009, "邯郸市人民政府", "www.hd.gov.cn", True, 130400, dt.date(2024, 5, 10), 12.5],
            3: [4403000052.0, "深圳市某局", "https://x.sz.gov.cn/", False, 440300.0, None, 7.0],
        },
    )
    load = load_registry(path)
    assert load.problems == ()
    handan, shenzhen = load.sites
    assert (handan.site_code, handan.url, handan.has_external_services) == (
        "1304000009",
        "http://www.hd.gov.cn",
        True,
    )
    assert handan.region_code == "130400"
    assert handan.extra == (("更新日期", "2024-05-10"), ("访问量", "12.5"))
    assert (shenzhen.site_code, shenzhen.region_code, shenzhen.has_external_services) == (
        "4403000052",
        "440300",
        False,
    )
    assert shenzhen.extra == (("更新日期", ""), ("访问量", "7"))


def test_xlsx_lines_are_sheet_row_numbers_across_gaps_and_title_rows(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "registry.xlsx",
        {
            1: ["某市政府网站名录"],
            3: [None, "网站名称", "网址", "层级"],
            4: [None, "A", "www.a.gov.cn", "市"],
            7: [None, "B", "www.b.gov.cn", "乡镇"],
            9: [None, "C", "www.c.gov.cn"],
            10: [None, "C twin", "https://c.gov.cn/"],
        },
    )
    load = load_registry(path)
    assert [(site.name, site.line) for site in load.sites] == [("A", 4), ("C", 9)]
    assert [(problem.line, problem.message.split(" ")[0]) for problem in load.problems] == [
        (7, "level"),
        (10, "https://c.gov.cn/"),
    ]
    assert "line 9" in load.problems[1].message


def test_xlsx_reads_the_first_sheet_only(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "registry.xlsx",
        {1: ["name", "url"], 2: ["second sheet", "www.second.gov.cn"]},
        first_sheet_rows={1: ["name", "url"], 2: ["first sheet", "www.first.gov.cn"]},
    )
    assert [site.name for site in load_registry(path).sites] == ["first sheet"]


def test_xlsx_named_csv_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = workbook(tmp_path / "registry.csv", {1: ["name", "url"], 2: ["A", "www.a.gov.cn"]})
    assert [site.name for site in load_registry(path).sites] == ["A"]


def test_xlsx_without_header_is_a_file_error(tmp_path: Path) -> None:
    path = workbook(tmp_path / "registry.xlsx", {1: ["序号", "单位"], 2: [1, "某局"]})
    with pytest.raises(RegistryError, match="no name or url column"):
        load_registry(path)


def test_zip_that_is_not_a_workbook_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "registry.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    with pytest.raises(RegistryError, match="not a readable XLSX workbook"):
        load_registry(path)


def test_truncated_workbook_is_a_file_error(tmp_path: Path) -> None:
    path = workbook(tmp_path / "registry.xlsx", {1: ["name", "url"], 2: ["A", "www.a.gov.cn"]})
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(RegistryError, match="XLSX"):
        load_registry(path)


def test_xlsx_suffix_on_text_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "registry.xlsx"
    path.write_text("name,url\nA,www.a.gov.cn\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="not a valid XLSX workbook"):
        load_registry(path)


def test_xlsx_with_a_wrong_stored_sheet_size_is_read_to_the_end(tmp_path: Path) -> None:
    written = workbook(
        tmp_path / "written.xlsx",
        {1: ["name", "url"], 2: ["A", "www.a.gov.cn"], 3: ["B", "www.b.gov.cn"], 4: ["C", "www.c.gov.cn"]},
    )
    path = tmp_path / "registry.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', data)
            target.writestr(item, data)
    assert [site.name for site in load_registry(path).sites] == ["A", "B", "C"]
