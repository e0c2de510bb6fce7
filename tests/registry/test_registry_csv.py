"""Loading CSV registry files: encodings, Chinese headers, bad rows and twin sites."""

import codecs
from pathlib import Path

import pytest

from govinspect.registry import RegistryError, RegistryLoad, load_registry

CHINESE_REGISTRY = """\
网站标识码,网站名称,首页网址,主办单位,网站类型,层级,行政区划代码,所属地区,上级网站标识码,是否有对外服务,运行状态,备注
1101070001,北京市石景山区人民政府,www.bjsjs.gov.cn,北京市石景山区人民政府办公室,政府门户网站,区,110107,北京市石景山区,,是,正常,
bm07000001,工业和信息化部,https://www.miit.gov.cn/,工业和信息化部办公厅,门户,国务院部门,,,,有,正常,部委
1101070002,石景山区教育委员会,http://jw.bjsjs.gov.cn/,石景山区教育委员会,部门,县,110107,北京市石景山区,1101070001,否,例外,整合中
"""


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "registry.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def messages(load: RegistryLoad) -> list[str]:
    return [str(problem) for problem in load.problems]


def test_chinese_headers_map_to_every_field(tmp_path: Path) -> None:
    load = load_registry(write(tmp_path, CHINESE_REGISTRY))
    assert load.problems == ()
    shijingshan, miit, education = load.sites
    assert shijingshan.site_code == "1101070001"
    assert shijingshan.name == "北京市石景山区人民政府"
    assert shijingshan.url == "http://www.bjsjs.gov.cn"
    assert shijingshan.organizer == "北京市石景山区人民政府办公室"
    assert (shijingshan.site_type, shijingshan.level) == ("portal", "county")
    assert (shijingshan.region_code, shijingshan.region) == ("110107", "北京市石景山区")
    assert shijingshan.has_external_services is True
    assert shijingshan.status == "normal"
    assert shijingshan.line == 2
    assert (miit.site_code, miit.level, miit.region_code) == ("bm07000001", "national", None)
    assert miit.extra == (("备注", "部委"),)
    assert education.parent_code == "1101070001"
    assert (education.site_type, education.has_external_services, education.status) == (
        "department",
        False,
        "exception",
    )
    assert education.line == 4


def test_english_headers_in_any_order_and_case(tmp_path: Path) -> None:
    text = (
        "URL,Status,Name,Site Code,Level,Site-Type,has_external_services\n"
        "https://www.gov.cn/,closed,中国政府网,BM00000001,national,portal,true\n"
    )
    (site,) = load_registry(write(tmp_path, text)).sites
    assert (site.name, site.url, site.site_code) == ("中国政府网", "https://www.gov.cn/", "bm00000001")
    assert (site.status, site.level, site.site_type, site.has_external_services) == (
        "closed",
        "national",
        "portal",
        True,
    )


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_utf8_with_and_without_bom(tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "registry.csv"
    path.write_bytes(bom + CHINESE_REGISTRY.encode("utf-8"))
    load = load_registry(path)
    assert [site.name for site in load.sites] == [
        "北京市石景山区人民政府",
        "工业和信息化部",
        "石景山区教育委员会",
    ]
    assert load.sites[0].site_code == "1101070001"  # the BOM does not stick to the first header


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_csv_saved_by_excel(tmp_path: Path, encoding: str) -> None:
    text = (
        CHINESE_REGISTRY.replace("\n", "\r\n")
        + "1101080001,北京市海淀区人民政府（镕）,www.bjhd.gov.cn,,,,,,,,,\r\n"
    )
    load = load_registry(write(tmp_path, text, encoding))
    assert load.problems == ()
    assert [site.name for site in load.sites][-1] == "北京市海淀区人民政府（镕）"
    assert load.sites[0].organizer == "北京市石景山区人民政府办公室"


def test_damaged_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "registry.csv"
    path.write_bytes(CHINESE_REGISTRY.encode("utf-8").replace("工业".encode(), "工".encode() + b"\xff", 1))
    with pytest.raises(RegistryError, match="damaged byte on line 3"):
        load_registry(path)


def test_every_kind_of_bad_row_is_reported_and_skipped(tmp_path: Path) -> None:
    text = (
        "site_code,name,url,site_type,level,status,has_external_services\n"
        "1101070001,good one,www.good1.gov.cn,,,,\n"  # 2
        "1101070002,no url,,,,,\n"  # 3
        "1101070003,bad url,htttp://www.bad.gov.cn,,,,\n"  # 4
        "1101070004,,www.noname.gov.cn,,,,\n"  # 5
        "110107004,short code,www.short.gov.cn,,,,\n"  # 6
        "1101070001,same code,www.other.gov.cn,,,,\n"  # 7
        "1101070005,bad type,www.type.gov.cn,专项网站,,,\n"  # 8
        "1101070006,bad level,www.level.gov.cn,,乡镇,,\n"  # 9
        "1101070007,bad status,www.status.gov.cn,,,migrated,\n"  # 10
        "1101070008,bad flag,www.flag.gov.cn,,,,maybe\n"  # 11
        "1101070009,good two,https://good2.gov.cn/,portal,city,normal,yes\n"  # 12
    )
    load = load_registry(write(tmp_path, text))
    assert [site.name for site in load.sites] == ["good one", "good two"]
    assert [site.line for site in load.sites] == [2, 12]
    assert load.skipped_lines == (3, 4, 5, 6, 7, 8, 9, 10, 11)
    assert messages(load) == [
        "line 3: url (网址) is missing; row skipped",
        "line 4: url (网址) 'htttp://www.bad.gov.cn' is not a web address "
        "(it starts with htttp:// instead of http:// or https://); row skipped",
        "line 5: name (网站名称) is missing; row skipped",
        "line 6: site_code (网站标识码) '110107004' is not a 网站标识码: use 10 digits "
        "(6-digit division code + 4-digit serial, e.g. 1101070001) or bm + 8 digits (e.g. bm07000001); "
        "row skipped",
        "line 7: site_code 1101070001 is already used on line 2; row skipped",
        "line 8: site_type (网站类型) '专项网站' is not one of portal, department (门户, 部门); row skipped",
        "line 9: level (层级) '乡镇' is not one of national, province, city, county "
        "(国家/国务院部门, 省, 市, 县/区); row skipped",
        "line 10: status (运行状态) 'migrated' is not one of normal, exception, closed (正常, 例外, 关停); "
        "row skipped",
        "line 11: has_external_services (是否有对外服务) 'maybe' is not one of true, false (是, 否); "
        "row skipped",
    ]


def test_messages_name_the_column_as_the_file_writes_it(tmp_path: Path) -> None:
    text = "网站名称,首页网址,网站标识码\n某局,,1101070001\n某厅,www.x.gov.cn,12\n"
    assert messages(load_registry(write(tmp_path, text))) == [
        "line 2: url (首页网址) is missing; row skipped",
        "line 3: site_code (网站标识码) '12' is not a 网站标识码: use 10 digits (6-digit division code + "
        "4-digit serial, e.g. 1101070001) or bm + 8 digits (e.g. bm07000001); row skipped",
    ]


def test_a_row_with_several_faults_reports_each(tmp_path: Path) -> None:
    text = "name,url,level,status\n,ftp://x.gov.cn,乡镇,正常\n"
    load = load_registry(write(tmp_path, text))
    assert load.sites == ()
    assert [problem.message.split(" ")[0] for problem in load.problems] == ["url", "name", "level"]
    assert load.skipped_lines == (2,)


@pytest.mark.parametrize(
    ("first", "twin"),
    [
        ("http://www.bjfsh.gov.cn", "https://bjfsh.gov.cn/"),
        ("https://bjfsh.gov.cn/", "http://WWW.BJFSH.GOV.CN/index.html"),
        ("www.bjfsh.gov.cn", "bjfsh.gov.cn"),
    ],
)
def test_http_https_and_www_twins_are_one_site(tmp_path: Path, first: str, twin: str) -> None:
    text = f"name,url\n房山区,{first}\n房山区政府,{twin}\n"
    load = load_registry(write(tmp_path, text))
    assert [site.name for site in load.sites] == ["房山区"]
    (problem,) = load.problems
    assert problem.line == 3
    assert problem.skipped
    assert "line 2" in problem.message
    assert "twins are one site" in problem.message


def test_the_same_url_twice_names_the_first_line(tmp_path: Path) -> None:
    text = "name,url\nA,http://www.a.gov.cn\nB,http://www.b.gov.cn\nA again,http://www.a.gov.cn\n"
    assert messages(load_registry(write(tmp_path, text))) == [
        "line 4: http://www.a.gov.cn is already listed on line 2; row skipped"
    ]


def test_sites_on_other_ports_or_paths_are_not_twins(tmp_path: Path) -> None:
    text = (
        "name,url\n"
        "A,http://www.a.gov.cn\n"
        "A 8080,http://www.a.gov.cn:8080/\n"
        "Platform site,http://platform.gov.cn/sites/abc/\n"
        "Other platform site,http://platform.gov.cn/sites/xyz/\n"
    )
    load = load_registry(write(tmp_path, text))
    assert len(load.sites) == 4
    assert load.problems == ()


def test_rejected_row_does_not_claim_its_code_or_site(tmp_path: Path) -> None:
    text = "site_code,name,url,level\n1101070001,bad,www.a.gov.cn,乡镇\n1101070001,good,www.a.gov.cn,county\n"
    load = load_registry(write(tmp_path, text))
    assert [(site.name, site.line) for site in load.sites] == [("good", 3)]
    assert load.skipped_lines == (2,)


def test_empty_rows_are_ignored_silently_and_lines_still_count(tmp_path: Path) -> None:
    text = "name,url\n\nA,www.a.gov.cn\n,,\n \u3000 , \nB,www.b.gov.cn\n\n"
    load = load_registry(write(tmp_path, text))
    assert [(site.name, site.line) for site in load.sites] == [("A", 3), ("B", 6)]
    assert load.problems == ()


def test_short_rows_have_empty_cells_and_long_rows_get_a_notice(tmp_path: Path) -> None:
    text = "name,url,organizer,level\nShort,www.short.gov.cn\nLong,www.long.gov.cn,某办,市,stray,,\n"
    load = load_registry(write(tmp_path, text))
    short, long = load.sites
    assert (short.organizer, short.level) == (None, None)
    assert (long.organizer, long.level) == ("某办", "city")
    (notice,) = load.problems
    assert notice.line == 3
    assert not notice.skipped
    assert "'stray'" in notice.message
    assert load.skipped_lines == ()


def test_unnamed_header_column_values_are_ignored_with_a_notice(tmp_path: Path) -> None:
    text = "name,,url\nA,note,www.a.gov.cn\nB,,www.b.gov.cn\n"
    load = load_registry(write(tmp_path, text))
    assert [site.extra for site in load.sites] == [(), ()]
    assert messages(load) == ["line 2: 1 cell(s) outside the named columns are ignored ('note'); row kept"]


def test_whitespace_and_full_width_spaces_are_trimmed(tmp_path: Path) -> None:
    text = (
        "\u3000网站名称 , 网址\u3000,级别\n"
        "\u3000 北京市\u3000海淀区 \u3000, \u3000www.bjhd.gov.cn\u3000,\u3000区 \n"
    )
    (site,) = load_registry(write(tmp_path, text)).sites
    assert (site.name, site.url, site.level) == ("北京市 海淀区", "http://www.bjhd.gov.cn", "county")


def test_unknown_columns_are_kept_in_order(tmp_path: Path) -> None:
    text = "序号,name,url,ICP备案号,联系人\n1,A,www.a.gov.cn,京ICP备05060933号, 张三 \n"
    (site,) = load_registry(write(tmp_path, text)).sites
    assert site.extra == (("序号", "1"), ("ICP备案号", "京ICP备05060933号"), ("联系人", "张三"))


def test_bad_parent_code_is_dropped_but_the_row_kept(tmp_path: Path) -> None:
    text = "name,url,parent_code\nA,www.a.gov.cn,无\n"
    load = load_registry(write(tmp_path, text))
    (site,) = load.sites
    assert site.parent_code is None
    (notice,) = load.problems
    assert not notice.skipped
    assert notice.message.startswith("parent_code (上级网站标识码) '无' is not a 网站标识码")
    assert notice.message.endswith("the value is ignored, row kept")


def test_header_variants_with_marks_and_notes(tmp_path: Path) -> None:
    text = "*网站名称（必填）,网址(URL),name_en,网站标识码：\nA,www.a.gov.cn,a,1101070001\n"
    (site,) = load_registry(write(tmp_path, text)).sites
    assert (site.name, site.url, site.site_code) == ("A", "http://www.a.gov.cn", "1101070001")
    assert site.extra == (("name_en", "a"),)


def test_a_second_column_for_the_same_field_is_kept_as_extra(tmp_path: Path) -> None:
    text = "网站名称,网站地址,域名\nA,http://www.a.gov.cn/portal/,a.gov.cn\n"
    load = load_registry(write(tmp_path, text))
    (site,) = load.sites
    assert site.url == "http://www.a.gov.cn/portal/"
    assert site.extra == (("域名", "a.gov.cn"),)
    assert messages(load) == [
        "line 1: columns 网站地址 and 域名 both mean url; the first is used, 域名 is kept as an extra column"
    ]
    assert not load.problems[0].skipped


def test_title_rows_above_the_header_are_passed_over(tmp_path: Path) -> None:
    text = (
        "石景山区政府网站名录（2024年）,,\n"
        "填报单位：区政务服务管理局,,\n"
        "网站名称,网址,备注\n"
        "A,www.a.gov.cn,\n"
    )
    (site,) = load_registry(write(tmp_path, text)).sites
    assert (site.name, site.line) == ("A", 4)


def test_quoted_cells_with_line_breaks_keep_the_starting_line(tmp_path: Path) -> None:
    text = 'name,url\n"北京市\n海淀区",www.bjhd.gov.cn\nB,www.b.gov.cn\n'
    load = load_registry(write(tmp_path, text))
    assert [(site.name, site.line) for site in load.sites] == [("北京市 海淀区", 2), ("B", 4)]
    (notice,) = load.problems
    assert (notice.line, notice.skipped) == (2, False)
    assert "lines 2-3" in notice.message


def test_header_without_url_column_is_a_file_error(tmp_path: Path) -> None:
    path = write(tmp_path, "网站名称,主办单位\nA,B\n")
    with pytest.raises(RegistryError, match=r"no url column: the header \(line 1\) has 网站名称, 主办单位"):
        load_registry(path)


def test_header_without_name_column_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="no name column"):
        load_registry(write(tmp_path, "url,title\nhttps://www.gov.cn/,x\n"))


@pytest.mark.parametrize("text", ["", "\n\n", ",,,\n"])
def test_empty_file_is_a_file_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(RegistryError, match="no rows"):
        load_registry(write(tmp_path, text))


def test_header_only_loads_nothing(tmp_path: Path) -> None:
    load = load_registry(write(tmp_path, "name,url\n"))
    assert (load.sites, load.problems) == ((), ())


def test_missing_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "nowhere.csv")


def test_directory_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="cannot read"):
        load_registry(tmp_path)


def test_other_file_types_are_file_errors(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match=r"give a \.csv or \.xlsx file"):
        load_registry(write(tmp_path, "name,url\n", name="registry.json"))


def test_utf16_text_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "registry.csv"
    path.write_bytes("name\turl\nA\twww.a.gov.cn\n".encode("utf-16"))
    with pytest.raises(RegistryError, match="UTF-16"):
        load_registry(path)


def test_old_xls_workbook_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "registry.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(RegistryError, match=r"old Excel \(\.xls\)"):
        load_registry(path)
