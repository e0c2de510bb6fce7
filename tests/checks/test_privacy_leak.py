"""privacy-leak over a stored crawl: pages, attachments, unreadable files, and never a raw number."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date

import openpyxl
import pytest

from govinspect.checks.api import SiteContext, all_checks
from govinspect.checks.privacy.privacy_leak import read_privacy_parameters
from govinspect.engine import run_checks
from govinspect.model.crawl import CrawledPage, StoredBody, TargetStatus
from govinspect.model.finding import Finding, Outcome
from govinspect.model.page import LinkRef, Page
from govinspect.model.site import Site

HOME = "http://x.gov.cn/"
RAW = ("11010519491231002X", "13812345678", "6222021234567890128", "19491231", "12345678", "王秀英")


def status(url: str, kind: str, **extra: object) -> TargetStatus:
    base = TargetStatus(
        url=url, role="target", method="GET", final_url=url, status=200, error=None, error_detail="",
        content_type=None, kind=kind, redirects=(), title=None, text_length=None, says_not_found=False,
        record_id=f"<urn:{url}>",
    )  # fmt: skip
    return dataclasses.replace(base, **extra)  # type: ignore[arg-type]


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "名单"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def context(
    pages: list[Page], documents: dict[str, tuple[bytes, bool]], **status_extra: object
) -> SiteContext:
    kinds = {"xlsx": "office", "pdf": "pdf", "zip": "archive"}
    statuses = {url: status(url, kinds[url.rsplit(".", 1)[1]], **status_extra) for url in documents}

    def read() -> Iterator[CrawledPage]:
        return iter(CrawledPage(page, 0, f"<urn:page:{page.url}>") for page in pages)

    def read_body(record_id: str) -> StoredBody | None:
        url = record_id[len("<urn:") : -1]
        body, truncated = documents[url]
        return StoredBody(url, None, body, truncated)

    site = Site(name="测试", url=HOME)
    return SiteContext(
        site, date(2026, 11, 20), HOME, statuses, {}, read, lambda u: u.startswith(HOME), read_body=read_body
    )


def run(site: SiteContext) -> list[Finding]:
    return list(run_checks(site, [all_checks()["privacy-leak"]]).findings)


def assert_no_raw_value(findings: list[Finding]) -> None:
    for finding in findings:
        shown = json.dumps([finding.message, finding.detail, finding.evidence.excerpt], ensure_ascii=False)
        for raw in RAW:
            assert raw not in shown


def test_a_page_with_an_unmasked_id_and_mobile_gives_one_finding_each() -> None:
    page = Page(
        url=HOME + "gs.html",
        text="低保公示：李娜，身份证号11010519491231002X，手机13812345678。监督电话：13900001111",
    )
    masked = Page(url=HOME + "ok.html", text="低保公示：李*，身份证号110105********002X，手机138****5678。")
    findings = sorted(run(context([page, masked], {})), key=lambda f: f.detail["kind"])
    assert [(f.url, f.outcome, f.detail["kind"], f.detail["masked_value"]) for f in findings] == [
        (page.url, Outcome.FAIL, "id-number", "110105********002X"),
        (page.url, Outcome.FAIL, "mobile", "138****5678"),
    ]
    assert "身份证号" in findings[0].message and "110105********002X" in (findings[0].evidence.excerpt or "")
    assert "139****1111" in (findings[1].evidence.excerpt or "")  # a published number, still not shown whole
    assert_no_raw_value(findings)


def test_attachment_findings_are_at_the_attachment_with_the_linking_pages() -> None:
    sheet = HOME + "files/mingdan.xlsx"
    body = xlsx([["姓名", "身份证号", "银行卡号"], ["李娜", "11010519491231002X", "6222021234567890128"]])
    pages = [
        Page(url=HOME + "b.html", links=(LinkRef(sheet, "a", "名单"),)),
        Page(url=HOME + "a.html", links=(LinkRef(sheet + "#top", "a", "附件"),)),
    ]
    findings = run(context(pages, {sheet: (body, False)}))
    assert {(f.url, f.detail["kind"]) for f in findings} == {(sheet, "id-number"), (sheet, "bank-card")}
    for finding in findings:
        assert finding.detail["found_on"] == [HOME + "a.html", HOME + "b.html"]
        assert finding.detail["location"] == "「名单」表第2行" and "「名单」表第2行" in finding.message
    assert_no_raw_value(findings)


def test_a_corrupt_attachment_is_unverified_and_the_others_are_still_scanned() -> None:
    broken, good = HOME + "broken.pdf", HOME + "good.xlsx"
    documents = {
        broken: (b"%PDF-1.4\n1 0 obj << /Type /Catalog", False),
        good: (xlsx([["姓名", "手机"], ["李娜", "13812345678"]]), False),
    }
    findings = run(context([], documents))
    unverified = [f for f in findings if f.outcome is Outcome.UNVERIFIED]
    assert [f.url for f in unverified] == [broken] and "PDF 文件已损坏" in unverified[0].message
    assert [(f.url, f.detail["kind"]) for f in findings if f.outcome is Outcome.FAIL] == [(good, "mobile")]


def test_a_document_cut_at_the_download_cap_says_how_much_was_checked() -> None:
    sheet = HOME + "big.xlsx"
    body = xlsx([["姓名", "手机"], ["李娜", "13812345678"]])
    findings = run(context([], {sheet: (body[: len(body) // 2], True)}))
    assert [f.outcome for f in findings] == [Outcome.UNVERIFIED]
    assert f"前 {len(body) // 2} 字节" in findings[0].message


def test_a_workbook_sniffed_as_a_zip_is_read_and_other_zips_are_not() -> None:
    workbook = xlsx([["手机"], ["13812345678"]])  # openpyxl writes docProps/ first: sniffed "archive"
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "13812345678")
    site = context([], {HOME + "list.zip": (workbook, False), HOME + "files.zip": (other.getvalue(), False)})
    results = run_checks(site, [all_checks()["privacy-leak"]])
    assert [(f.url, f.detail["kind"]) for f in results.findings] == [(HOME + "list.zip", "mobile")]
    assert results.coverage["privacy-leak"].examined == 1


def test_a_redirected_attachment_is_one_file_at_its_final_url() -> None:
    old, new = HOME + "old/list.xlsx", HOME + "new/list.xlsx"
    body = xlsx([["手机"], ["13812345678"]])
    site = context(
        [Page(url=HOME, links=(LinkRef(old, "a", "名单"),))], {old: (body, False), new: (body, False)}
    )
    same = {
        url: dataclasses.replace(s, final_url=new, record_id="<urn:" + new + ">")
        for url, s in site.statuses.items()
    }
    findings = run(dataclasses.replace(site, statuses=same))
    assert [(f.url, f.detail["found_on"]) for f in findings] == [(new, [HOME])]


def test_off_site_documents_and_failed_fetches_are_not_read() -> None:
    outside = "http://other.example.com/list.xlsx"
    body = xlsx([["手机"], ["13812345678"]])
    assert run(context([], {outside: (body, False)})) == []
    assert run(context([], {HOME + "gone.xlsx": (body, False)}, status=404)) == []


def test_the_framework_can_cap_items_per_document_and_allow_service_numbers() -> None:
    numbers = [f"1381234{n:04d}" for n in range(30)]
    page = Page(url=HOME + "list.html", text=" ".join(f"李娜 {number}" for number in numbers))
    parameters = read_privacy_parameters(
        {"max_items_per_document": 5, "allowed_numbers": ["+86 138-1234-0000"]}
    )
    findings = list(all_checks()["privacy-leak"].function(context([page], {}), **parameters))
    assert len(findings) == 5 and {f.detail["items_in_document"] for f in findings} == {29}
    assert "138****0000" not in {f.detail["masked_value"] for f in findings}
    assert len({f.fingerprint for f in findings}) == 5
    with pytest.raises(ValueError, match="allowed_numbers"):
        read_privacy_parameters({"whitelist": []})


def test_a_name_with_a_health_status_is_for_review_and_shown_masked() -> None:
    page = Page(
        url=HOME + "yq.html",
        text="新增确诊病例1例：王秀英，女，38岁，现已隔离治疗。另有病例2：李某，男，40岁。",
    )
    findings = run(context([page], {}))
    assert [(f.outcome, f.detail["kind"], f.detail["masked_value"]) for f in findings] == [
        (Outcome.REVIEW, "health", "王**")
    ]
    assert_no_raw_value(findings)
