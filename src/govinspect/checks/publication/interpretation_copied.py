"""Policy interpretations (政策解读) that mostly copy their policy document."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govinspect.checks.api import SiteContext, check
from govinspect.checks.freshness import site_columns
from govinspect.model.crawl import TargetStatus
from govinspect.model.finding import Finding
from govinspect.parse.encoding import decode_html
from govinspect.parse.html import parse_html
from govinspect.parse.interpretations import copied_share, is_interpretation_column, pair_interpretations

__all__ = ["interpretation_copied", "read_copied_parameters"]

COPIED_SIMILARITY = 0.8  # share of the interpretation's own text found in the document (I)
MIN_COMPARED = 100  # fewer shingles of own text (an image, a video): not judged
_FIX = (
    "请用通俗的语言说明政策的出台背景、主要内容、关键词和办理要点，"
    "可采用图解、问答、视频等形式，不应照搬文件原文。"
)


def read_copied_parameters(given: Mapping[str, Any]) -> dict[str, Any]:
    """Framework values: ``copied_similarity`` (0..1, the share of the interpretation's text found
    in its document from which it counts as copied) and ``min_compared`` (an interpretation with
    fewer 5-character shingles of its own text is not judged)."""
    known = {"copied_similarity", "min_compared"}
    if set(given) - known:
        raise ValueError(f"interpretation-copied takes {', '.join(sorted(known))}; got {dict(given)}")
    threshold = float(given.get("copied_similarity", COPIED_SIMILARITY))
    if not 0 < threshold <= 1:
        raise ValueError(f"copied_similarity is a share between 0 and 1, got {threshold}")
    least = int(given.get("min_compared", MIN_COMPARED))
    if least <= 0:
        raise ValueError(f"min_compared must be a positive number, got {least}")
    return {"threshold": threshold, "min_compared": least}


@check(
    name="interpretation-copied", scope="site", needs=("pages", "columns"), parameters=read_copied_parameters
)
def interpretation_copied(
    site: SiteContext, *, threshold: float = COPIED_SIMILARITY, min_compared: int = MIN_COMPARED
) -> Iterator[Finding]:
    """Policy interpretations that mostly copy the policy document they should explain.

    What it flags: an interpretation page (政策解读, 图解, 一图读懂 …) whose own text is for the
    most part (80 % by default, a framework value) the text of its policy document. Each
    interpretation is paired with its document by the links between them (相关解读 on the
    document, 原文 or 相关文件 or the document's title on the interpretation), else by the title
    it names (《关于…的通知》政策解读). The document may be on another site the portal links to
    (its 信息公开 platform): the crawl's stored copy of that page is read. The share is the part
    of the interpretation's 5-character sequences found in the document, leaving out what every
    page of the site shows (header, menu, footer) and the two titles. One finding per
    interpretation, at the interpretation; ``target`` is the document, ``detail.similarity``
    the share.

    Why it matters: the national indicators (2019) ask for major policy documents to be
    published with an interpretation that explains them (D-PUB-INTERP, 解读比例 and 解读关联); a
    copy of the text explains nothing, and reviewers do not count it as an interpretation.

    Example: 解读「《巢湖市人民政府关于印发防范化解债务风险实施方案的通知》政策解读」的内容 88% 与
    文件原文相同。

    How to fix: explain the policy in plain words — why it was made, what changes, who it
    concerns, what to do — by text, chart (图解), questions and answers or video, and link the
    interpretation and the document to each other.

    Known false positives: an interpretation that quotes the document article by article, each
    followed by a short comment, can reach the threshold; so can an interpretation whose
    document page carries the interpretation's text below the document (附：政策解读).
    Interpretations with little text of their own (an image, a video: fewer than 100
    5-character sequences) are not judged; nor are interpretations whose document was not
    found among the stored pages.
    """
    model = site_columns(site)
    list_pages = {url for column in model.columns for url in column.pages}
    if model.homepage_url:
        list_pages.add(model.homepage_url)
    in_interpretation_column = {
        item.url for column in model.columns if is_interpretation_column(column.name) for item in column.items
    }
    linked_elsewhere = _linked_pages_of_other_sites(site)
    pairings = pair_interpretations(
        (crawled.page for crawled in site.pages()),
        list_pages,
        in_interpretation_column,
        {url: status.title or "" for url, status in linked_elsewhere.items()},
    )
    needed = {url for pairing in pairings for url in (pairing.interpretation, pairing.document)}
    texts: dict[str, tuple[str, str | None]] = {}
    template: str | None = None
    for crawled in site.pages():
        if crawled.page.url in needed:
            texts[crawled.page.url] = (crawled.page.text, crawled.record_id)
        if crawled.page.url == model.homepage_url:
            template = crawled.page.text
    for url in needed - set(texts):
        if url in linked_elsewhere:
            text = _stored_text(site, linked_elsewhere[url])
            if text is not None:
                texts[url] = (text, linked_elsewhere[url].record_id)
    judged: set[int] = set()  # the same interpretation at a second address is judged once
    for pairing in pairings:
        if pairing.interpretation not in texts or pairing.document not in texts:
            continue
        text, record = texts[pairing.interpretation]
        if hash(text) in judged:
            continue
        judged.add(hash(text))
        similarity = copied_share(
            text,
            texts[pairing.document][0],
            (pairing.interpretation_title, pairing.document_title),
            template_text=template,
        )
        if similarity.compared < min_compared:
            continue
        site.tally.examined += 1
        if similarity.share < threshold:
            continue
        yield site.finding(
            at=pairing.interpretation,
            target=pairing.document,
            message=(
                f"解读「{pairing.interpretation_title}」的内容 {similarity.share:.0%} 与所解读的文件"
                f"「{pairing.document_title}」原文相同，未起到解读作用。{_FIX}"
            ),
            detail={
                "similarity": round(similarity.share, 3),
                "policy_title": pairing.document_title,
                "interpretation_title": pairing.interpretation_title,
                "paired_by": pairing.evidence,
            },
            record=record,
            excerpt=pairing.interpretation_title,
        )


def _linked_pages_of_other_sites(site: SiteContext) -> dict[str, TargetStatus]:
    """HTML pages outside the site that it links to and the crawl stored (the 信息公开 platform …)."""
    return {
        status.url: status
        for status in site.statuses.values()
        if status.role == "target"
        and status.kind == "html"
        and status.title
        and status.record_id
        and not site.in_scope(status.url)
    }


def _stored_text(site: SiteContext, status: TargetStatus) -> str | None:
    """The readable text of a stored page of another site (its first 256 KiB, as the crawl kept it)."""
    body = site.read_body(status.record_id) if status.record_id else None
    if body is None:
        return None
    html, _ = decode_html(body.body, body.content_type)
    return parse_html(body.url, html).text
