"""Personal data published without masking, on pages and in attachments."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from govinspect.checks.api import SiteContext, check
from govinspect.crawl.urls import normalize_url
from govinspect.model.crawl import TargetStatus
from govinspect.model.finding import Finding, Outcome
from govinspect.parse.documents import (
    DocumentBudgetExceeded,
    DocumentUnreadable,
    TextChunk,
    detect_format,
    read_document,
)
from govinspect.parse.pii import PiiMatch, find_pii, masked_excerpt

FOUND_ON_LIMIT = 50
# A zip whose first bytes do not name its Office parts (openpyxl writes docProps/ first) is sniffed
# "archive": it is opened to see whether it is a workbook or a Word file.
DOCUMENT_KINDS = frozenset({"pdf", "office", "text", "archive"})
DEFAULT_MAX_ITEMS = 200

_KIND_WORDS = {
    "id-number": "身份证号",
    "mobile": "手机号码",
    "bank-card": "银行卡号",
    "health": "人员姓名与健康状况",
}
_FIXES = {
    "id-number": "请立即撤下或脱敏（如 110101********1234，只显示前6位和后4位）。",
    "mobile": "请立即撤下或脱敏（如 138****5678）；对外联系请公布办公电话或服务热线并标明“咨询电话：”等。",
    "bank-card": "请立即撤下或脱敏（如 622202*********1234，只显示前6位和后4位）。",
    "health": "请人工核实；如公开的是个人健康信息，应删除或改为“张某”“张*”等脱敏形式。",
}


def read_privacy_parameters(given: Mapping[str, Any]) -> dict[str, Any]:
    """Framework values: ``allowed_numbers`` (published mobiles), ``max_items_per_document``."""
    unknown = set(given) - {"allowed_numbers", "max_items_per_document"}
    if unknown:
        raise ValueError(
            f"privacy-leak takes allowed_numbers and max_items_per_document; got {sorted(unknown)}"
        )
    numbers = frozenset(
        "".join(ch for ch in str(number) if ch.isdigit())[-11:] for number in given.get("allowed_numbers", ())
    )
    limit = int(given.get("max_items_per_document", DEFAULT_MAX_ITEMS))
    if limit < 1:
        raise ValueError("privacy-leak: max_items_per_document must be at least 1")
    return {"allowed_numbers": numbers, "max_items_per_document": limit}


@dataclass(frozen=True, slots=True)
class _Item:
    match: PiiMatch
    excerpt: str
    location: str | None


@dataclass
class _Collected:
    """The distinct items of one page or attachment: the first ``limit`` kept, all counted."""

    limit: int
    items: list[_Item] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)  # hashes of the raw items: small, and no raw value kept

    def add(self, text: str, matches: list[PiiMatch], location: str | None) -> None:
        for match in matches:
            key = hash((match.kind, text[match.start : match.end].replace(" ", "").replace("-", "").upper()))
            if key in self.seen:
                continue
            self.seen.add(key)
            if len(self.items) < self.limit:
                self.items.append(_Item(match, masked_excerpt(text, matches, match), location))


@check(
    name="privacy-leak",
    scope="site",
    needs=("pages", "statuses", "bodies"),
    parameters=read_privacy_parameters,
)
def privacy_leak(
    site: SiteContext,
    allowed_numbers: frozenset[str] = frozenset(),
    max_items_per_document: int = DEFAULT_MAX_ITEMS,
) -> Iterator[Finding]:
    """Personal data published without masking, on pages and in attachments.

    What it flags: each distinct unmasked personal data item on a page or in one of the site's
    own attachments (PDF, DOCX, XLSX, DOC/WPS, XLS, CSV, TXT): an 18-digit resident ID number
    with a right check digit, a real province and a birth date not after the inspection day; a
    15-digit legacy ID next to 身份证/证件号; a mobile number; a bank card number (Luhn check,
    UnionPay/Visa/Mastercard prefix, next to 卡号/账号/银行). These are ``fail``. A person's
    name next to a health status (确诊, 患者, 阳性, 密接, 隔离) in one sentence or table row is
    ``review``. An attachment that cannot be read (corrupt, encrypted, scanned without a text
    layer, cut at the download cap) gives one ``unverified`` finding. Findings in an attachment
    are at the attachment's URL, with the pages that link to it in ``found_on``. Reports show
    masked values only (``110105********002X``, ``138****5678``).

    Why it matters: publishing a person's ID number, phone number, bank account or health
    status without consent breaks the personal-information rules for government disclosure
    (Regulations on Open Government Information, 2019; the 2020 epidemic-data notice), and
    inspectors deduct for unmasked ID and mobile numbers in notices and attachments.

    Example: 附件《2026年耕地地力保护补贴发放名单.xlsx》「名单」表第12行公开了未脱敏的身份证号
    （110105********002X）。

    How to fix: take the page or file down, mask the items (ID: first 6 and last 4 digits;
    mobile: 138****5678; names: 张某 or 张*) and publish it again; check the other notices of
    the same column. For contact, publish an office line or a service line with its label
    (咨询电话：…, 监督电话：…) rather than a staff member's mobile.

    Known false positives: an 11-digit number that is not a phone number (a serial number
    starting 13–19) is reported as a mobile; a contact person's work mobile (联系人：…，手机：…)
    is reported — mobiles after a service-line label (监督电话：, 咨询热线：, 办公电话：) are
    not, and the framework's ``allowed_numbers`` lists the organiser's published mobiles; the
    health rule reads any 2–3 character word after a common surname as a name when it stands
    in a cell of its own, after 姓名：, before 男/女/an age or right before a status (确诊).
    Scanned documents are not read (no OCR): they are reported ``unverified``.
    """
    documents = _site_documents(site)
    linked_from: dict[str, set[str]] = {url: set() for url in documents}
    for crawled in site.pages():
        page = crawled.page
        site.tally.examined += 1
        for link in page.links:
            target = normalize_url(link.url)
            if target in linked_from:
                linked_from[target].add(page.url)
        collected = _Collected(max_items_per_document)
        collected.add(page.text, find_pii(page.text, site.as_of, allowed_mobiles=allowed_numbers), None)
        yield from _report(site, collected, at=page.url, record=crawled.record_id, where="页面", extra={})
    for urls in _same_responses(documents):
        url, status = urls[0], documents[urls[0]]
        pages = sorted(set().union(*(linked_from[each] for each in urls)))
        extra: dict[str, Any] = {"found_on": pages[:FOUND_ON_LIMIT], "found_on_count": len(pages)}
        yield from _scan_document(site, url, status, allowed_numbers, max_items_per_document, extra)


def _same_responses(documents: dict[str, TargetStatus]) -> list[list[str]]:
    """The document URLs grouped by stored response (a redirect's source and target are one
    file), each group led by the URL the file was finally fetched from (else the lowest)."""
    groups: dict[str, list[str]] = {}
    for url, status in sorted(documents.items()):
        groups.setdefault(status.record_id or url, []).append(url)
    ordered = []
    for urls in groups.values():
        final = normalize_url(documents[urls[0]].final_url)
        ordered.append(sorted(urls, key=lambda each: (each != final, each)))
    return sorted(ordered)


def _site_documents(site: SiteContext) -> dict[str, TargetStatus]:
    """The site's own stored documents (attachments, and documents served at page-like URLs)."""
    return {
        url: status
        for url, status in site.statuses.items()
        if status.kind in DOCUMENT_KINDS
        and status.record_id
        and status.status is not None
        and 200 <= status.status < 300
        and site.in_scope(status.final_url or url)
    }


def _scan_document(
    site: SiteContext,
    at: str,
    status: TargetStatus,
    allowed_numbers: frozenset[str],
    limit: int,
    extra: dict[str, Any],
) -> Iterator[Finding]:
    assert status.record_id is not None
    stored = site.read_body(status.record_id)
    if status.kind == "archive" and (stored is None or detect_format(stored.body) not in ("docx", "xlsx")):
        return  # a zip of other files: not a document
    site.tally.examined += 1
    if stored is None:
        yield _unverified(site, at, status, "未能读取保存的文件内容", "the stored body is missing", extra)
        return
    collected = _Collected(limit)
    chunks = 0
    problem: DocumentUnreadable | None = None
    try:
        for chunk in read_document(stored.body, url=status.final_url or at, content_type=stored.content_type):
            chunks += 1
            _collect_chunk(collected, chunk, site, allowed_numbers)
    except DocumentUnreadable as error:
        problem = error
    yield from _report(site, collected, at=at, record=status.record_id, where="附件", extra=extra)
    if stored.truncated:
        reason = f"文件超过下载上限，仅保存并检查了前 {len(stored.body)} 字节"
        yield _unverified(
            site, at, status, reason, f"only the first {len(stored.body)} bytes were stored", extra
        )
    elif isinstance(problem, DocumentBudgetExceeded):
        reason = f"{problem.reason_zh}，仅检查到{problem.read_up_to}"
        yield _unverified(site, at, status, reason, problem.reason_en, extra)
    elif problem is not None:
        yield _unverified(site, at, status, problem.reason_zh, problem.reason_en, extra)
    elif chunks == 0 and status.kind == "pdf":
        reason = "PDF 没有可读取的文字（可能是扫描件或图片），未能检查其中的个人信息"
        yield _unverified(site, at, status, reason, "the PDF has no text layer", extra)


def _collect_chunk(
    collected: _Collected, chunk: TextChunk, site: SiteContext, allowed: frozenset[str]
) -> None:
    matches = find_pii(chunk.text, site.as_of, header=chunk.header, allowed_mobiles=allowed)
    collected.add(chunk.text, matches, chunk.location)


def _report(
    site: SiteContext,
    collected: _Collected,
    *,
    at: str,
    record: str | None,
    where: str,
    extra: dict[str, Any],
) -> Iterator[Finding]:
    ordinals: dict[str, int] = {}
    for item in collected.items:
        match = item.match
        key = f"{match.kind}|{match.masked_value}"
        ordinals[key] = ordinals.get(key, 0) + 1
        place = f"{where}{item.location}" if item.location else where
        if match.kind == "health":
            message = (
                f"{place}在同一句或同一行中出现人员姓名（{match.masked_value}）与健康状况，"
                f"可能公开了个人健康信息。{_FIXES['health']}"
            )
        else:
            what = _KIND_WORDS[match.kind]
            message = f"{place}公开了未脱敏的{what}（{match.masked_value}）。{_FIXES[match.kind]}"
        yield site.finding(
            at=at,
            message=message,
            outcome=Outcome.REVIEW if match.kind == "health" else Outcome.FAIL,
            detail={
                "kind": match.kind,
                "masked_value": match.masked_value,
                "rule": match.rule,
                "location": item.location,
                "items_in_document": len(collected.seen),
                **extra,
            },
            record=record,
            excerpt=item.excerpt,
            locator=f"{key}|{ordinals[key]}",
        )


def _unverified(
    site: SiteContext, at: str, status: TargetStatus, reason_zh: str, reason_en: str, extra: dict[str, Any]
) -> Finding:
    return site.finding(
        at=at,
        message=f"附件无法完整检查个人信息：{reason_zh}。请确认文件能正常打开，并人工检查其中是否有未脱敏的个人信息。",
        outcome=Outcome.UNVERIFIED,
        detail={"kind": "unreadable", "masked_value": None, "reason": reason_en, **extra},
        record=status.record_id,
        locator="unreadable",
    )
