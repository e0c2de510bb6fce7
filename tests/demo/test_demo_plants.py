"""The content, privacy and accessibility plants of the demo estate: the ground truth is exact.

Each test reads the generated files with a scanner of its own (not the checks under test) and
compares what it finds in the whole estate with the ground truth, so a plant that leaks onto
another page, or a template that grows a defect, fails here.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
import openpyxl
import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.demo import Estate
from govinspect.demo.blueprint import ESTATE
from govinspect.demo.plants import (
    GAMBLING_TERMS,
    TYPO_LOOKALIKES,
    TYPOS,
    id_number_valid,
    luhn_valid,
    masked,
)

_ID = re.compile(r"(?<![0-9])\d{17}[0-9X](?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")
_CARD = re.compile(r"(?<![0-9])62\d{14,17}(?![0-9])")
_HIDING = {
    "display-none": re.compile(r"display:\s*none"),
    "visibility-hidden": re.compile(r"visibility:\s*hidden"),
    "off-screen": re.compile(r"(left|top):\s*-\d{3,}px"),
    "zero-size": re.compile(r"width:\s*0\b.*height:\s*0\b"),
    "zero-font": re.compile(r"font-size:\s*0"),
}
_COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-f]{6})")
_BACKGROUND = re.compile(r"background(?:-color)?:\s*(#[0-9a-f]{6})")
_UNLABELLED_TYPES = ("hidden", "submit", "button", "reset", "image")
PAGE_PLANT_CHECKS: dict[str, Counter[str]] = {
    "typo": Counter({"serious-typo": 1}),
    "gambling-block": Counter({"prohibited-content": 1}),
    "gambling-link": Counter({"prohibited-content": 1}),
    "hidden-link": Counter({"hidden-link": 1}),
    "privacy-page": Counter({"privacy-leak": 4}),
    "privacy-xlsx": Counter({"privacy-leak": 6}),
    "privacy-docx": Counter({"privacy-leak": 4}),
    "privacy-pdf": Counter({"privacy-leak": 4}),
    "img-no-alt": Counter({"img-missing-alt": 1}),
    "no-lang": Counter({"html-lang-missing": 1}),
    "no-title": Counter({"page-title-missing": 1}),
    "link-no-name": Counter({"link-missing-name": 1}),
    "field-no-label": Counter({"form-field-missing-label": 1}),
}
A11Y_CHECKS = (
    "html-lang-missing",
    "page-title-missing",
    "img-missing-alt",
    "link-missing-name",
    "form-field-missing-label",
)
PAGE_CHECKS = frozenset(check for counts in PAGE_PLANT_CHECKS.values() for check in counts)


@dataclass(frozen=True)
class Page:
    site_url: str
    url: str
    html: str


def truth_of(estate: Estate) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(estate.ground_truth_path.read_text(encoding="utf-8"))
    return document


def problems(estate: Estate, check: str) -> list[dict[str, Any]]:
    return [p for p in truth_of(estate)["problems"] if p["check"] == check]


def site_pages(estate: Estate) -> Iterator[Page]:
    """Every HTML page of every site of the estate, with the URL it is served at."""
    for site in truth_of(estate)["sites"]:
        parts = urlsplit(site["url"])
        folder = estate.root / "www" / (parts.hostname or "")
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".html", ".htm"):
                continue
            relative = path.relative_to(folder).as_posix()
            url = site["url"] if relative == "index.html" else f"{site['url']}{relative}"
            yield Page(site["url"], url, path.read_bytes().decode(site["charset"]))


def text_of(html: str) -> str:
    body = LexborHTMLParser(html).body
    return body.text(separator=" ") if body is not None else ""


def url_of_file(estate: Estate, url: str) -> Path:
    parts = urlsplit(url)
    return estate.root / "www" / (parts.hostname or "") / parts.path.lstrip("/")


def document_text(body: bytes, suffix: str) -> str:
    """The text of an attachment as a reader gets it (PDF through pypdf)."""
    if suffix == ".pdf":
        pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF attachments")
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(body)).pages)
    if suffix == ".xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        assert sheet is not None
        return "\n".join(
            " ".join(str(c) for c in row if c is not None) for row in sheet.iter_rows(values_only=True)
        )
    with zipfile.ZipFile(io.BytesIO(body)) as docx:
        return re.sub(r"<[^>]+>", " ", docx.read("word/document.xml").decode("utf-8"))


def personal_items(text: str) -> Counter[tuple[str, str]]:
    """Unmasked (kind, masked value) items in text: valid IDs, mobiles, Luhn-valid 62… cards."""
    found: Counter[tuple[str, str]] = Counter()
    for number in _ID.findall(text):
        if id_number_valid(number):
            found["id-number", masked("id-number", number)] += 1
    found.update(("mobile", masked("mobile", m)) for m in _MOBILE.findall(text))
    found.update(("bank-card", masked("bank-card", c)) for c in _CARD.findall(text) if luhn_valid(c))
    return found


# ---- every plant of the blueprint is in the ground truth ---------------------------------------


def test_every_page_plant_of_the_plan_is_in_the_ground_truth(estate: Estate) -> None:
    truth = truth_of(estate)
    for plan, site in zip(ESTATE, truth["sites"], strict=True):
        expected: Counter[str] = Counter()
        for plant in plan.pages:
            expected.update(PAGE_PLANT_CHECKS.get(plant.kind, Counter()))
        recorded = Counter(
            p["check"]
            for p in truth["problems"]
            if p["site_url"] == site["url"] and p["check"] in PAGE_CHECKS
        )
        assert recorded == expected, site["name"]
        trap_kinds = {t["kind"] for t in truth["traps"] if t["site_url"] == site["url"]}
        assert {p.kind for p in plan.pages if p.kind not in PAGE_PLANT_CHECKS} <= trap_kinds, site["name"]
    assert set(PAGE_CHECKS) | {"annual-report-missing", "no-site-search", "no-https"} <= set(
        truth["covered_checks"]
    )


# ---- accessibility ------------------------------------------------------------------------------


def _has_name(link: LexborNode) -> bool:
    if (link.text() or "").strip() or link.attributes.get("aria-label") or link.attributes.get("title"):
        return True
    return any(img.attributes.get("alt") for img in link.css("img"))


def _labelled(field: LexborNode, label_targets: set[str]) -> bool:
    attributes = field.attributes
    if attributes.get("aria-label") or attributes.get("aria-labelledby") or attributes.get("title"):
        return True
    if attributes.get("id") in label_targets:
        return True
    parent = field.parent
    while parent is not None:
        if parent.tag == "label":
            return True
        parent = parent.parent
    return False


def accessibility_counts(html: str) -> dict[str, int]:
    parser = LexborHTMLParser(html)
    root = parser.css_first("html")
    title = parser.css_first("title")
    label_targets = {str(label.attributes.get("for")) for label in parser.css("label[for]")}
    fields = [
        f
        for f in parser.css("input, select, textarea")
        if (f.attributes.get("type") or "text") not in _UNLABELLED_TYPES
    ]
    counts = {
        "html-lang-missing": int(root is None or not root.attributes.get("lang")),
        "page-title-missing": int(title is None or not (title.text() or "").strip()),
        "img-missing-alt": sum("alt" not in img.attributes for img in parser.css("img")),
        "link-missing-name": sum(not _has_name(a) for a in parser.css("a[href]")),
        "form-field-missing-label": sum(not _labelled(f, label_targets) for f in fields),
    }
    return {check: count for check, count in counts.items() if count}


def test_accessibility_problems_are_exactly_the_planted_ones(estate: Estate) -> None:
    scanned = {
        (check, page.url): count
        for page in site_pages(estate)
        for check, count in accessibility_counts(page.html).items()
    }
    planted = {
        (p["check"], p["url"]): p["detail"]["count"] for check in A11Y_CHECKS for p in problems(estate, check)
    }
    assert scanned == planted
    assert {check for check, _ in planted} == set(A11Y_CHECKS)
    assert max(planted.values()) >= 2  # a count, not a flag


def test_accessibility_traps_are_on_their_pages(estate: Estate) -> None:
    traps = {t["kind"]: t["url"] for t in truth_of(estate)["traps"]}
    pages = {page.url: page.html for page in site_pages(estate)}
    assert 'alt=""' in pages[traps["decorative-image"]]
    assert 'aria-label="返回首页"' in pages[traps["named-icon-links"]]
    assert "<label" in pages[traps["labelled-form"]] and 'type="hidden"' in pages[traps["labelled-form"]]


# ---- privacy --------------------------------------------------------------------------------------


def test_personal_data_in_pages_and_attachments_is_exactly_the_planted_data(estate: Estate) -> None:
    found: Counter[tuple[str, str, str]] = Counter()
    for page in site_pages(estate):
        for (kind, value), count in personal_items(text_of(page.html)).items():
            found[page.url, kind, value] += count
    sites = [urlsplit(s["url"]).hostname or "" for s in truth_of(estate)["sites"]]
    for host in sites:
        base = f"http://{host}:{estate.port}/"
        for path in sorted((estate.root / "www" / host).rglob("*")):
            if path.suffix in (".pdf", ".docx", ".xlsx"):
                url = base + path.relative_to(estate.root / "www" / host).as_posix()
                for (kind, value), count in personal_items(
                    document_text(path.read_bytes(), path.suffix)
                ).items():
                    found[url, kind, value] += count
    planted = Counter(
        (p["url"], p["detail"]["kind"], p["detail"]["masked_value"]) for p in problems(estate, "privacy-leak")
    )
    assert found == planted
    assert {kind for _, kind, _ in planted} == {"id-number", "mobile", "bank-card"}
    assert {urlsplit(url).path.rsplit(".", 1)[-1] for url, _, _ in planted} >= {"pdf", "docx", "xlsx", "html"}


def test_attachment_findings_name_every_page_that_links_to_the_attachment(estate: Estate) -> None:
    attachments = {
        p["url"]: p["detail"]["found_on"]
        for p in problems(estate, "privacy-leak")
        if "found_on" in p["detail"]
    }
    assert len(attachments) == 3
    for url, found_on in attachments.items():
        linking = sorted(
            page.url
            for page in site_pages(estate)
            for a in LexborHTMLParser(page.html).css("a[href]")
            if urljoin(page.url, str(a.attributes.get("href"))) == url
        )
        assert linking == found_on, url


async def test_served_attachments_hold_the_planted_numbers(
    served_estate: Estate, open_client: Callable[..., aiohttp.ClientSession]
) -> None:
    planted = [p for p in problems(served_estate, "privacy-leak") if "found_on" in p["detail"]]
    async with open_client(served_estate) as client:
        for url in sorted({p["url"] for p in planted}):
            async with client.get(url) as response:
                assert response.status == 200
                body = await response.read()
            items = personal_items(document_text(body, "." + url.rsplit(".", 1)[1]))
            expected = Counter(
                (p["detail"]["kind"], p["detail"]["masked_value"]) for p in planted if p["url"] == url
            )
            assert items == expected, url


def test_masked_traps_are_published_and_are_not_personal_data(estate: Estate) -> None:
    trap = next(t for t in truth_of(estate)["traps"] if t["kind"] == "masked-data")
    page = next(p for p in site_pages(estate) if p.url == trap["url"])
    text = text_of(page.html)
    assert re.search(r"\d{6}\*{8}\d{3}[\dX]", text) and re.search(r"1\d\d\*{4}\d{4}", text)
    assert re.search(r"[\u4e00-\u9fff]\*", text)  # 张*
    reference = re.search(r"项目编号：(\d{18})", text)
    assert reference is not None and not id_number_valid(reference.group(1))
    assert re.search(r"监督电话：0\d{2,3}-\d{7,8}", text)
    assert not personal_items(text)


# ---- content --------------------------------------------------------------------------------------


def test_wrong_forms_of_important_terms_are_exactly_on_the_planted_pages(estate: Estate) -> None:
    pages = list(site_pages(estate))
    found = {(page.url, wrong) for page in pages for wrong in TYPOS if wrong in text_of(page.html)}
    planted = {(p["url"], p["detail"]["found"]) for p in problems(estate, "serious-typo")}
    assert found == planted and len(planted) == len(TYPOS)
    for p in problems(estate, "serious-typo"):
        assert TYPOS[p["detail"]["found"]][1] == p["detail"]["expected"]
    lookalikes = [t["url"] for t in truth_of(estate)["traps"] if t["kind"] == "typo-lookalike"]
    texts = {page.url: text_of(page.html) for page in pages if page.url in lookalikes}
    assert len(texts) == 2 and all(all(s in t for s in TYPO_LOOKALIKES) for t in texts.values())


def test_gambling_content_is_only_where_it_was_planted(estate: Estate) -> None:
    planted = problems(estate, "prohibited-content")
    on_page = {
        page.url for page in site_pages(estate) if any(t in text_of(page.html) for t in GAMBLING_TERMS)
    }
    assert on_page == {p["url"] for p in planted if p["target"] is None}
    linked = [p for p in planted if p["target"] is not None]
    assert len(linked) == 1
    target = linked[0]["target"]
    assert not (urlsplit(target).hostname or "").endswith(".gov.cn")
    target_text = url_of_file(estate, target + "index.html").read_text(encoding="utf-8")
    assert all(term in target_text for term in linked[0]["detail"]["terms"])
    linking = next(p for p in site_pages(estate) if p.url == linked[0]["url"])
    assert f'href="{target}"' in linking.html
    traps = {t["kind"]: t["url"] for t in truth_of(estate)["traps"]}
    for kind, word in (("anti-gambling", "赌博"), ("anti-fraud", "诈骗"), ("lottery", "福利彩票")):
        page = next(p for p in site_pages(estate) if p.url == traps[kind])
        assert word in text_of(page.html), kind


def _hiding(node: LexborNode) -> str | None:
    """The technique hiding a link: its own style or an ancestor's."""
    current: LexborNode | None = node
    while current is not None:
        style = (current.attributes.get("style") or "").lower() if current.tag != "-text" else ""
        for technique, pattern in _HIDING.items():
            if pattern.search(style):
                return technique
        colour, background = _COLOUR.search(style), _BACKGROUND.search(style)
        if colour and background and colour.group(1) == background.group(1):
            return "same-colour"
        current = current.parent
    return None


def test_hidden_off_site_links_are_exactly_the_planted_ones(estate: Estate) -> None:
    truth = truth_of(estate)
    hosts = {s["url"]: set(s["hosts"]) for s in truth["sites"]}
    hidden_off_site: set[tuple[str, str, str]] = set()
    hidden_gov: set[tuple[str, str]] = set()
    hidden_inside: set[tuple[str, str]] = set()
    for page in site_pages(estate):
        for a in LexborHTMLParser(page.html).css("a[href]"):
            technique = _hiding(a)
            if technique is None:
                continue
            target = urljoin(page.url, str(a.attributes.get("href")))
            host = urlsplit(target).hostname or ""
            if host in hosts[page.site_url]:
                hidden_inside.add((page.url, target))
            elif host.endswith(".gov.cn"):
                hidden_gov.add((page.url, target))
            else:
                hidden_off_site.add((page.url, target, technique))
    planted = {(p["url"], p["target"], p["detail"]["technique"]) for p in problems(estate, "hidden-link")}
    assert hidden_off_site == planted
    assert {technique for _, _, technique in planted} == {
        "display-none",
        "visibility-hidden",
        "off-screen",
        "zero-size",
        "zero-font",
        "same-colour",
    }
    traps = truth["traps"]
    assert hidden_gov == {(t["url"], t["target"]) for t in traps if t["kind"] == "hidden-gov-menu"} != set()
    assert (
        hidden_inside == {(t["url"], t["target"]) for t in traps if t["kind"] == "hidden-internal"} != set()
    )


# ---- site-level compliance -------------------------------------------------------------------------


def test_annual_reports_are_linked_from_the_homepage_except_where_missing(estate: Estate) -> None:
    truth = truth_of(estate)
    year = int(truth["as_of"][:4]) - 1
    missing = {p["site_url"] for p in problems(estate, "annual-report-missing")}
    assert all(p["detail"] == {"year": year} for p in problems(estate, "annual-report-missing"))
    title = f"{year}年度政府网站工作年度报表"
    formats = set()
    for site in truth["sites"]:
        home = next(p for p in site_pages(estate) if p.url == site["url"])
        links = [a for a in LexborHTMLParser(home.html).css("a[href]") if (a.text() or "").strip() == title]
        assert bool(links) == (site["url"] not in missing), site["name"]
        for link in links:
            target = urljoin(home.url, str(link.attributes.get("href")))
            body = url_of_file(estate, target).read_bytes()
            shown = document_text(body, ".pdf") if target.endswith(".pdf") else body.decode(site["charset"])
            assert title in shown, target
            formats.add(target.rsplit(".", 1)[1])
    assert formats == {"pdf", "html"} and 1 <= len(missing) <= 2


def test_site_search_and_https_problems_match_the_pages(estate: Estate) -> None:
    truth = truth_of(estate)
    no_search = {p["site_url"] for p in problems(estate, "no-site-search")}
    assert len(no_search) == 1
    for site in truth["sites"]:
        home = next(p for p in site_pages(estate) if p.url == site["url"])
        assert bool(LexborHTMLParser(home.html).css("form.search")) == (site["url"] not in no_search)
    https = problems(estate, "no-https")
    assert sorted(p["site_url"] for p in https) == sorted(s["url"] for s in truth["sites"])
    assert all(p["url"] == p["site_url"] and p["url"].startswith("http://") for p in https)
