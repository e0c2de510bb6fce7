"""The five accessibility checks on realistic government pages: one finding per page, with
count, examples and the WCAG / GB/T 37668 references; old stored pages stay readable."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from datetime import date

import pytest

from govinspect.checks.accessibility.common import language_tag_valid, page_facts
from govinspect.checks.accessibility.form_field_missing_label import form_field_missing_label
from govinspect.checks.accessibility.html_lang_missing import html_lang_missing
from govinspect.checks.accessibility.img_missing_alt import img_missing_alt
from govinspect.checks.accessibility.link_missing_name import link_missing_name
from govinspect.checks.accessibility.page_title_missing import page_title_missing
from govinspect.checks.api import CheckFunction, SiteContext
from govinspect.model.crawl import CrawledPage
from govinspect.model.finding import Finding
from govinspect.model.page import Image, LinkRef, Page
from govinspect.model.site import Site
from govinspect.parse.html import parse_html
from govinspect.store.pagecodec import blob_to_page, page_to_blob

HOME = "http://www.qingshan.gov.cn/"
CHECKS: dict[str, CheckFunction] = {
    "img-missing-alt": img_missing_alt,
    "html-lang-missing": html_lang_missing,
    "page-title-missing": page_title_missing,
    "link-missing-name": link_missing_name,
    "form-field-missing-label": form_field_missing_label,
}

GOOD_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><title>通知公告_青山市人民政府</title></head><body>
<div class="top"><a href="/"><img src="/images/logo.png" alt="青山市人民政府"></a>
<form action="/search"><label for="kw">站内搜索</label><input id="kw" name="searchword">
<input type="image" src="/images/go.png" alt="搜索"></form></div>
<ul><li><a href="./202405/t1.html">关于开展安全生产月活动的通知</a></li>
<li><a href="./202405/t2.html"><img src="/images/dot.gif">关于印发工作要点的通知</a></li></ul>
<img src="/images/line.png" alt="">
<img src="https://tongji.example.com/pixel.gif" width="1" height="1">
<div style="display:none"><img src="/images/hidden.png"></div>
<a href="https://weibo.com/qs" aria-label="政务微博"><i class="icon-weibo"></i></a>
</body></html>"""

BAD_PAGE = """<!DOCTYPE html><html><head><title> </title></head><body>
<a href="https://weibo.com/qs"><img src="/images/wb.png"></a>
<a href="javascript:void(0)"><i class="icon-wx"></i></a>
<img src="/images/news1.jpg"><img src="/images/news2.jpg" alt=" ">
<form action="/search"><input name="searchword" type="text"><select name="year"><option>2026</option></select>
<input type="submit" value="搜索"><input type="hidden" name="siteid" value="1"></form>
</body></html>"""


def _context(pages: list[Page], name: str) -> SiteContext:
    def read() -> Iterator[CrawledPage]:
        return iter(CrawledPage(page, 0, f"<urn:page:{page.url}>") for page in pages)

    site = Site(name="青山市人民政府", url=HOME)
    return SiteContext(site, date(2026, 11, 20), HOME, {}, {}, read, lambda u: True, check_name=name)


def _run(pages: list[Page], name: str) -> list[Finding]:
    findings = list(CHECKS[name](_context(pages, name)))
    assert all(finding.check == name for finding in findings)
    return findings


def test_the_checks_count_what_they_examined() -> None:
    page = parse_html(HOME, GOOD_PAGE)
    examined = {}
    for name, function in CHECKS.items():
        context = _context([page, page], name)
        list(function(context))
        examined[name] = context.tally.examined
    # per page: logo, go button, dot, divider (not the pixel, not the hidden image); 4 links; 1 field
    assert examined == {
        "img-missing-alt": 8,
        "html-lang-missing": 2,
        "page-title-missing": 2,
        "link-missing-name": 8,
        "form-field-missing-label": 2,
    }


@pytest.mark.parametrize("name", CHECKS)
def test_an_accessible_page_has_no_finding(name: str) -> None:
    assert _run([parse_html(HOME + "tzgg/index.html", GOOD_PAGE)], name) == []


def test_images_without_alt_one_finding_per_page_with_examples_and_references() -> None:
    pages = [parse_html(HOME + "tzgg/index.html", BAD_PAGE), parse_html(HOME + "b.html", BAD_PAGE)]
    findings = _run(pages, "img-missing-alt")
    assert [f.url for f in findings] == [HOME + "tzgg/index.html", HOME + "b.html"]
    detail = findings[0].detail
    assert detail["count"] == 3  # the weibo icon, news1 (no alt) and news2 (alt of a space)
    assert detail["examples"] == [
        HOME + "images/wb.png",
        HOME + "images/news1.jpg",
        HOME + "images/news2.jpg",
    ]
    assert detail["wcag"] == ["1.1.1", "4.1.2"]
    assert "WCAG 1.1.1" in detail["gbt37668"]
    assert "alt" in findings[0].message


def test_examples_stop_at_five() -> None:
    images = "".join(f'<img src="/p{n}.jpg">' for n in range(8))
    page = parse_html(HOME, f'<html lang="zh-CN"><title>t</title><body>{images}</body></html>')
    (finding,) = _run([page], "img-missing-alt")
    assert finding.detail["count"] == 8
    assert len(finding.detail["examples"]) == 5


def test_unnamed_links_include_script_links_and_name_the_href() -> None:
    (finding,) = _run([parse_html(HOME, BAD_PAGE)], "link-missing-name")
    assert finding.detail["examples"] == ["https://weibo.com/qs", "javascript:void(0)"]
    assert finding.detail["wcag"] == ["2.4.4", "4.1.2"]


def test_fields_without_label_are_named_by_their_name_attribute() -> None:
    (finding,) = _run([parse_html(HOME, BAD_PAGE)], "form-field-missing-label")
    assert finding.detail["examples"] == ["searchword", "year"]  # not the submit button, not the hidden field
    assert finding.detail["wcag"] == ["1.3.1", "3.3.2", "4.1.2"]


def test_title_spaces_only_is_missing() -> None:
    (finding,) = _run([parse_html(HOME, BAD_PAGE)], "page-title-missing")
    assert finding.detail["wcag"] == ["2.4.2"]


@pytest.mark.parametrize(
    ("html_tag", "problem"),
    [
        ("<html>", "missing"),
        ('<html lang="">', "empty"),
        ('<html lang="zh_CN">', "invalid"),
        ('<html lang="cn">', "invalid"),
    ],
)
def test_page_language_missing_empty_or_invalid(html_tag: str, problem: str) -> None:
    page = parse_html(HOME, f"{html_tag}<title>t</title><body>正文</body></html>")
    (finding,) = _run([page], "html-lang-missing")
    assert finding.detail["problem"] == problem
    assert finding.detail["wcag"] == ["3.1.1"]


@pytest.mark.parametrize(
    ("tag", "valid"),
    [
        ("zh-CN", True),
        ("zh", True),
        ("EN-us", True),
        ("yue", True),
        ("zh_CN", False),
        ("cn", False),
        ("eng", False),
        ("chinese", False),
        ("", False),
    ],
)
def test_language_tag_validity(tag: str, valid: bool) -> None:
    assert language_tag_valid(tag) is valid


def test_accessibility_facts_survive_the_store() -> None:
    page = parse_html(HOME, BAD_PAGE)
    assert page.accessibility is not None
    assert blob_to_page(page_to_blob(page)) == page


def test_pages_stored_before_the_facts_existed_are_judged_from_images_links_and_forms() -> None:
    old = Page(
        url=HOME,
        lang="zh-CN",
        links=(LinkRef(HOME + "a.html", "a", ""), LinkRef(HOME + "b.html", "a", "通知")),
        images=(
            Image(HOME + "x.png", None),
            Image(HOME + "y.png", ""),
            Image(HOME + "z.png", None, hidden=True),
        ),
    )
    blob = json.loads(zlib.decompress(page_to_blob(old)))
    assert "accessibility" not in blob
    decoded = blob_to_page(page_to_blob(old))
    assert decoded.accessibility is None
    facts = page_facts(decoded)
    assert facts.unnamed_images == (HOME + "x.png",)
    assert facts.unnamed_links == (HOME + "a.html",)
    assert _run([decoded], "img-missing-alt")[0].detail["count"] == 1
