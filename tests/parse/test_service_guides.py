"""Reading service guides (办事指南): which pages are guides, which key elements they give."""

from __future__ import annotations

from pathlib import Path

import pytest

from govinspect.parse.encoding import decode_html
from govinspect.parse.html import parse_html
from govinspect.parse.interpretations import headline, is_interpretation_title
from govinspect.parse.service_guides import DEFAULT_ELEMENTS, GuideReading, read_service_guide

URL = "http://www.xx.gov.cn/bsfw/bszn/202506/t20250612_1.html"
FOOTER = (
    '<div class="footer"><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a>'
    "<p>主办单位：某某县人民政府办公室 地址：某某县人民路1号 联系电话：0556-5612345"
    " 网站标识码：3408220001</p></div>"
)
NAV = (
    '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/bsfw/">办事服务</a></li>'
    '<li><a href="/bsfw/bszn/">办事指南</a></li><li><a href="/hdjl/">互动交流</a></li></ul>'
)


def read(title: str, main: str, **options: bool) -> GuideReading | None:
    """The guide reading of a page laid out like a county portal: menu, main part, footer."""
    html = (
        f'<html><head><meta charset="utf-8"><title>{title}_某某县人民政府</title></head><body>{NAV}'
        f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/bsfw/bszn/">办事指南</a></div>'
        f'<div class="main"><h1>{title}</h1>{main}</div>{FOOTER}</body></html>'
    )
    page = parse_html(URL, html)
    return read_service_guide(page.title, page.text, **options)


def table(rows: list[tuple[str, str]]) -> str:
    return (
        '<table class="bszn">' + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows) + "</table>"
    )


# A complete guide as provincial 政务服务网 pages lay it out (two-column table).
COMPLETE_TABLE = [
    ("事项名称", "城乡居民最低生活保障待遇审核确认"),
    ("事项类型", "行政确认"),
    (
        "设定依据",
        "《社会救助暂行办法》（国务院令第649号）第九条、第十一条；《安徽省最低生活保障办法》第十二条",
    ),
    ("实施主体", "某某县民政局"),
    (
        "受理条件",
        "持有本地户籍的城乡居民，共同生活的家庭成员人均收入低于当地最低生活保障标准，且财产状况符合规定。",
    ),
    (
        "申请材料",
        "1.最低生活保障申请书（原件1份）；2.户口簿、居民身份证（原件核验）；3.家庭收入情况声明（原件1份）。",
    ),
    ("办理地点", "某某县政务服务中心一楼社会事务窗口（某某县人民路88号）"),
    ("办理时间", "周一至周五上午8:30-12:00，下午14:30-17:30（法定节假日除外）"),
    ("咨询电话", "0556-5623456"),
    ("办理流程", "申请—受理—家庭经济状况调查—民主评议—审核确认—公示—发放"),
    ("收费标准", "不收费"),
    ("承诺时限", "20个工作日"),
]

# The same elements written as numbered prose, as many county portals publish them.
COMPLETE_PROSE = (
    "<p>一、事项名称：临时救助申请</p>"
    "<p>二、办理依据：《社会救助暂行办法》第四十七条至第五十条；《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）。</p>"
    "<p>三、申请条件：因火灾、交通事故等意外事件，家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭。</p>"
    "<p>四、所需材料：1.临时救助申请书；2.申请人身份证、户口簿复印件；3.相关证明材料。</p>"
    "<p>五、受理地点：户籍所在地乡镇人民政府（街道办事处）社会事务办公室。</p>"
    "<p>六、受理时间：工作日上午8:00—12:00，下午14:30—17:30。</p>"
    "<p>七、联系方式：某某县民政局社会救助股，电话0556-5612888。</p>"
    "<p>八、办理程序：（一）申请。申请人向乡镇人民政府提出申请，受理申请材料后进行调查核实。"
    "（二）审核。（三）审批。（四）公示。</p>"
)


def test_a_complete_guide_in_a_table_gives_every_element() -> None:
    reading = read("城乡居民最低生活保障待遇审核确认办事指南", table(COMPLETE_TABLE))
    assert reading is not None
    assert reading.missing() == ()
    assert reading.values["设定依据"].startswith("《社会救助暂行办法》")
    assert reading.values["联系电话"] == "0556-5623456"
    assert {"办理机构", "收费标准"} <= reading.present  # the 2019 ten-class list can ask for them


def test_a_complete_guide_in_numbered_prose_gives_every_element_under_its_label_variants() -> None:
    reading = read("临时救助申请办事指南", COMPLETE_PROSE)
    assert reading is not None
    assert reading.missing() == ()
    assert reading.values["办理材料"].startswith("1.临时救助申请书")
    assert "（一）申请" in reading.values["办理流程"]


def test_a_guide_without_legal_basis_and_procedure_misses_those_two() -> None:
    rows = [row for row in COMPLETE_TABLE if row[0] not in ("设定依据", "办理流程")]
    reading = read("城乡居民最低生活保障待遇审核确认办事指南", table(rows))
    assert reading is not None
    assert reading.missing() == ("设定依据", "办理流程")


def test_the_footer_telephone_does_not_stand_in_for_the_guide_s_own() -> None:
    rows = [row for row in COMPLETE_TABLE if row[0] != "咨询电话"]
    reading = read("城乡居民最低生活保障待遇审核确认办事指南", table(rows))
    assert reading is not None
    assert reading.missing() == ("联系电话",)


@pytest.mark.parametrize("empty", ["", "无", "暂无", "/", "——"])
def test_a_label_with_nothing_or_a_placeholder_after_it_counts_as_missing(empty: str) -> None:
    rows = [(k, empty if k == "办理时间" else v) for k, v in COMPLETE_TABLE]
    reading = read("城乡居民最低生活保障待遇审核确认办事指南", table(rows))
    assert reading is not None
    assert reading.missing() == ("办理时间",)
    assert "办理时间" in reading.empty


def test_a_word_inside_a_sentence_is_not_a_label() -> None:
    prose = COMPLETE_PROSE.replace(
        "<p>四、所需材料：1.临时救助申请书；2.申请人身份证、户口簿复印件；3.相关证明材料。</p>", ""
    )
    reading = read("临时救助申请办事指南", prose)
    assert reading is not None
    assert "受理申请材料后" in prose
    assert reading.missing() == ("办理材料",)


def test_labels_with_brackets_qualifiers_and_combined_place_and_time_are_read() -> None:
    main = (
        "<p>【行政许可事项名称】食品经营许可（新办）</p><p>【法律依据】《中华人民共和国食品安全法》第三十五条</p>"
        "<p>【申报条件】具有与经营的食品品种、数量相适应的经营场所。</p><p>【申报材料】食品经营许可申请书</p>"
        "<p>【办理地点/时间】县政务服务中心二楼市场监管窗口，工作日9:00-17:00</p>"
        "<p>【咨询电话】0556-5633333</p><p>【办理步骤】申请、受理、审查、决定</p>"
    )
    reading = read("食品经营许可服务指南", main)
    assert reading is not None
    assert reading.missing() == ("事项名称",)  # 行政许可事项名称 needs a colon to carry a qualifier
    labelled = main.replace("【行政许可事项名称】", "行政许可事项名称：")
    relabelled = read("食品经营许可服务指南", labelled)
    assert relabelled is not None and relabelled.missing() == ()


def test_the_guide_column_list_and_ordinary_articles_are_not_guides() -> None:
    listing = (
        '<ul><li><a href="/a.html">临时救助申请办事指南</a></li>'
        '<li><a href="/b.html">残疾人证办理办事指南</a></li></ul>'
    )
    assert read("办事指南", listing) is None
    notice = (
        "<p>为做好2026年秋季学期学生资助工作，现将有关事项通知如下。申请时间：9月1日至9月30日。"
        "联系电话：0556-5611111。</p>"
    )
    assert read("关于做好2026年秋季学期学生资助工作的通知", notice) is None


def test_a_page_not_named_a_guide_is_one_when_it_labels_most_elements() -> None:
    reading = read("城乡居民最低生活保障待遇审核确认", table(COMPLETE_TABLE[:8]))
    assert reading is not None
    assert reading.missing() == ("联系电话", "办理流程")
    assert read("城乡居民最低生活保障待遇审核确认", table(COMPLETE_TABLE[:3])) is None
    marked = read("城乡居民最低生活保障待遇审核确认", table(COMPLETE_TABLE[:3]), marked=True)
    assert marked is not None and len(marked.missing()) == 6


def test_the_required_elements_are_a_choice_of_the_caller() -> None:
    rows = [row for row in COMPLETE_TABLE if row[0] != "收费标准"]
    reading = read("城乡居民最低生活保障待遇审核确认办事指南", table(rows))
    assert reading is not None
    assert reading.missing(DEFAULT_ELEMENTS) == ()
    assert reading.missing((*DEFAULT_ELEMENTS, "办理机构", "收费标准")) == ("收费标准",)


def test_a_tab_bar_naming_elements_neither_gives_them_nor_ends_the_guide() -> None:
    tabs = (
        '<div class="tabs"><a href="#jbxx">基本信息</a> <a href="#lc">办理流程</a>'
        ' <a href="/wzdt/">网站地图</a></div>'
    )
    main = "".join(
        f"<dl><dt>{label}:</dt><dd>{value}</dd></dl>"
        for label, value in COMPLETE_TABLE
        if label not in ("办理流程", "咨询电话")
    )
    reading = read(
        "城乡居民最低生活保障待遇审核确认办事指南",
        tabs + "<h2>城乡居民最低生活保障待遇审核确认办事指南</h2>" + main,
    )
    assert reading is not None
    assert reading.missing() == ("联系电话", "办理流程")  # the tab 办理流程 has no value
    assert reading.values["办理地点"].startswith("某某县政务服务中心")


CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
REAL_PAGES = (CORPORA / "cn-web-extraction-cwce" / "original", CORPORA / "magic-html-cn" / "htmls")


@pytest.mark.skipif(not CORPORA.exists(), reason=f"real Chinese pages are read from {CORPORA}")
def test_real_news_and_government_pages_are_not_read_as_guides_or_interpretations() -> None:
    """96 real pages (news, notices, government articles; none a guide or an interpretation)."""
    files = sorted(path for folder in REAL_PAGES for path in folder.glob("*.html"))
    assert len(files) >= 90
    false_guides = false_interpretations = 0
    for path in files:
        page = parse_html("http://www.example.gov.cn/a.html", decode_html(path.read_bytes(), None)[0])
        false_guides += read_service_guide(page.title, page.text) is not None
        false_interpretations += is_interpretation_title(headline(page.title))
    assert false_guides / len(files) <= 0.02  # measured: 0 of 96 (docs/publication-and-service.md)
    assert false_interpretations / len(files) <= 0.02  # measured: 0 of 96


def test_labels_spaced_to_align_in_a_table_are_read() -> None:
    spaced = [(" ".join(k) if len(k) == 4 else k, v) for k, v in COMPLETE_TABLE]
    assert ("事 项 名 称", "城乡居民最低生活保障待遇审核确认") in spaced
    reading = read("城乡居民最低生活保障待遇审核确认办事指南", table(spaced))
    assert reading is not None
    assert reading.missing() == ()
