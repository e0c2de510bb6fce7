"""Policy interpretations (政策解读): which page explains which policy document, and how much it copies.

The national rules want major policy documents published together with an interpretation that
explains them — in plain words, by chart (图解, 一图读懂), by video — and the two linked to each
other. An "interpretation" that repeats the document's text explains nothing.

**Pairing** (:func:`pair_interpretations`). An interpretation page is one whose headline reads like
one (``《关于…的通知》政策解读``, ``一图读懂…``, ``图解：…``, ``…解读``), an item of an
interpretation column, or a page a document links to as its 相关解读. It is paired with a policy
document, in this order of evidence:

1. a link between the two: the interpretation links to the document (link text 原文, 政策原文,
   相关文件 … or the document's title), or the document links to the interpretation (相关解读,
   政策解读, 图解, 解读, or the interpretation's title);
2. the title: the document whose headline is the title the interpretation names (the text in
   《》, or the headline without 一图读懂 / 政策解读 …).

A headline is the page's ``<title>`` without the site name after ``_`` or ``|``, or the longest
text of a link to the page (list pages show the item's full title).

**Similarity** (:func:`copied_share`). The share of the interpretation's own text found in the
document: exact containment of character 5-gram shingles (punctuation and spaces removed). Text
both pages share at their start and end — the site's header, navigation and footer — is removed
first, and so are the two titles (the interpretation names its document) and the article's
chrome (发布时间：…, 来源：…, 字号 大 中 小, 打印, 关闭). Exact sets rather than
MinHash: one interpretation is compared with one document, a few thousand shingles each, so exact
containment costs microseconds and has no estimation error; MinHash estimates Jaccard similarity,
which a short interpretation pasted from a long document keeps low, while containment reads "how
much of the interpretation is the document". An interpretation with little own text (an image, a
video: 一图读懂) is not judged: ``compared`` says how many shingles were compared.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from govinspect.model.page import Page

__all__ = [
    "SHINGLE_SIZE",
    "Pairing",
    "Similarity",
    "copied_share",
    "headline",
    "interpreted_title",
    "is_interpretation_column",
    "is_interpretation_title",
    "pair_interpretations",
    "shingles",
]

SHINGLE_SIZE = 5

Evidence = Literal["link", "title"]

# Words that make a headline an interpretation.
_INTERPRETATION_WORDS = ("解读", "一图读懂", "一图看懂", "一图了解", "图解", "图说", "答记者问", "政策问答")
_INTERPRETATION_WORD = re.compile("|".join(_INTERPRETATION_WORDS))
_DOCUMENT_ENDING = re.compile(r"的(?:通知|意见|决定|公告|通告|批复|函|请示)$")
# Prefixes and suffixes around the document title in an interpretation headline.
_PREFIXES = re.compile(
    r"^(?:【?(?:一图读懂|一图看懂|一图了解|图解|图说|政策解读|解读|读懂)】?[：:|｜丨\s]*)+"
)
_SUFFIXES = re.compile(
    r"(?:[\s：:—-]*(?:的)?(?:政策解读|解读材料|图文解读|图解|解读|政策问答|问答|答记者问)[（(]?[^（(）)]{0,6}[)）]?)+$"
)
_BOOK_TITLE = re.compile(r"《([^《》]{4,})》")
# Link texts that lead from an interpretation to its document, and from a document to its interpretation.
_DOCUMENT_LINKS = ("政策原文", "文件原文", "原文链接", "查看原文", "阅读原文", "原文", "相关文件", "相关政策")
_INTERPRETATION_LINKS = (
    "相关解读",
    "政策解读",
    "查看解读",
    "文件解读",
    "解读",
    "图解",
    "图文解读",
    "一图读懂",
    "视频解读",
)
_TO_DOCUMENT = re.compile(r"^[【\[]?(?:" + "|".join(_DOCUMENT_LINKS) + r")[】\]]?$")
_TO_INTERPRETATION = re.compile(r"^[【\[]?(?:" + "|".join(_INTERPRETATION_LINKS) + r")[】\]]?$")
_WRAPPED = re.compile(r"(?:印发|转发|发布)(.{4,}?)的(?:通知|决定|公告|通告)$")
_SITE_SUFFIX = re.compile(r"\s*(?:_|\||｜|\s-\s|\s—\s)\s*")
_NOT_TEXT = re.compile(r"[^0-9a-zA-Z\u3400-\u9fff]+")
_TRUNCATED = ("...", "…")
_NEAR_MIN = 8  # a title form shorter than this must match exactly
_NEAR_SHARE = 0.6  # a title form inside another must be this share of it
# Article chrome: publication date, source, hit counter, font size, print and close buttons.
_CHROME = re.compile(
    r"(?:发布时间|发布日期|发文日期|更新时间|时间|日期|来源|信息来源|文章来源|作者|编辑|责任编辑|浏览次数|访问次数|点击数|阅读次数)"
    r"[：:]\s*(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|\S{0,20})"
    r"|字号[：:]?\s*[大中小]\s*[大中小]?\s*[大中小]?|【?(?:打印本页|打印|关闭窗口|关闭|返回顶部|分享到)】?"
)


@dataclass(frozen=True, slots=True)
class Pairing:
    """An interpretation page and the policy document it explains."""

    interpretation: str  # URL
    document: str  # URL
    evidence: Evidence  # "link": the pages link to each other; "title": matched by title
    interpretation_title: str
    document_title: str


@dataclass(frozen=True, slots=True)
class Similarity:
    """How much of an interpretation's own text is in its document."""

    share: float  # 0..1: the share of the interpretation's shingles found in the document
    compared: int  # how many shingles of the interpretation's own text were compared


def _normal(text: str) -> str:
    return _NOT_TEXT.sub("", text)


def headline(title: str) -> str:
    """A page title without the site name after ``_``, ``|`` or `` - `` (the longest part, with a
    short interpretation mark before it: ``一图读懂 | …`` stays ``一图读懂：…``)."""
    parts = [part for part in _SITE_SUFFIX.split(title.strip()) if part]
    if not parts:
        return ""
    longest = max(range(len(parts)), key=lambda index: len(parts[index]))
    marker = parts[longest - 1] if longest else ""
    if len(marker) <= 6 and is_interpretation_title(marker):  # 一图读懂 | 《…》
        return f"{marker}：{parts[longest]}"
    return parts[longest]


def is_interpretation_title(title: str) -> bool:
    """Whether a headline reads like an interpretation: ``《…》政策解读``, ``一图读懂…``, ``图解：…``.

    A document about interpretations (``关于做好政策解读工作的通知``) is not one; a chart of a
    notice (``一图读懂：关于…的通知``) is.
    """
    title = title.strip()
    if _INTERPRETATION_WORD.search(title) is None:
        return False
    return _PREFIXES.match(title) is not None or _DOCUMENT_ENDING.search(title) is None


def is_interpretation_column(name: str) -> bool:
    """Whether a column or menu name is one of an interpretation column (政策解读, 解读回应, 图解政策 …).

    An item title (``《…》政策解读``, longer than 8 characters) is not, nor a link beside one
    document (解读, 图解, 相关解读, 查看解读).
    """
    name = name.strip().strip("【】[]").strip()
    return (
        len(name) <= 8
        and ("解读" in name or "图解" in name)
        and not any(mark in name for mark in "《》「」")
        and name not in ("解读", "图解")
        and not name.startswith(("相关", "查看", "点击", "更多", "阅读"))
    )


def interpreted_title(title: str) -> str | None:
    """The title of the document an interpretation headline names, or None.

    ``《关于印发X的通知》政策解读`` → ``关于印发X的通知``; ``一图读懂2026年政府工作报告`` →
    ``2026年政府工作报告``; ``X政策解读`` → ``X``.
    """
    if not is_interpretation_title(title):
        return None
    book = _BOOK_TITLE.search(title)
    if book is not None:
        return book.group(1).strip()
    rest = _SUFFIXES.sub("", _PREFIXES.sub("", title.strip())).strip(" ：:—-")
    return rest if len(_normal(rest)) >= 4 and rest != title.strip() else None


def _title_forms(title: str) -> set[str]:
    """A title and the names inside it: ``X关于印发Y的通知`` also reads as ``Y``, ``《Z》`` as ``Z``."""
    forms = {_normal(title)}
    wrapped = _WRAPPED.search(title)
    if wrapped is not None:
        forms.add(_normal(wrapped.group(1)))
    forms.update(_normal(book) for book in _BOOK_TITLE.findall(title))
    return {form for form in forms if form}


def _near(a: str, b: str) -> bool:
    """One title form is the other, or most of it (8 characters at least, 60 % of the longer)."""
    return a == b or (
        min(len(a), len(b)) >= _NEAR_MIN
        and (a in b or b in a)
        and min(len(a), len(b)) >= _NEAR_SHARE * max(len(a), len(b))
    )


def _titles_match(named: str, title: str) -> bool:
    """Whether the title an interpretation names is the document's title (or the name it wraps)."""
    return any(_near(a, b) for a in _title_forms(named) for b in _title_forms(title))


class _TitleIndex:
    """Documents by the forms of their titles, to find the ones an interpretation names quickly."""

    def __init__(self, titles: Mapping[str, str]) -> None:
        self._by_form: dict[str, list[str]] = {}
        for url, title in titles.items():
            for form in _title_forms(title):
                self._by_form.setdefault(form, []).append(url)
        self._forms = list(self._by_form)
        self._starts: list[int] = []
        offset = 0
        for form in self._forms:
            self._starts.append(offset)
            offset += len(form) + 1
        self._joined = "\n".join(self._forms)

    def find(self, named: str) -> list[str]:
        """URLs of the documents whose title the interpretation names: exact matches first."""
        exact: list[str] = []
        near: list[str] = []
        for a in _title_forms(named):
            exact += self._by_form.get(a, [])
            if len(a) < _NEAR_MIN:
                continue
            position = self._joined.find(a)
            while position >= 0:  # forms that contain this one
                index = bisect_right(self._starts, position) - 1
                if _near(a, self._forms[index]):
                    near += self._by_form[self._forms[index]]
                position = self._joined.find(a, self._starts[index] + len(self._forms[index]))
            shortest = max(_NEAR_MIN, math.ceil(_NEAR_SHARE * len(a)))
            for start in range(len(a) - shortest + 1):  # forms this one contains
                for end in range(start + shortest, len(a) + 1):
                    near += self._by_form.get(a[start:end], []) if end - start < len(a) else []
        return list(dict.fromkeys(exact + near))


def _is_document_link_text(text: str) -> bool:
    return bool(_TO_DOCUMENT.match(text.strip()))


@functools.lru_cache(maxsize=65536)  # menus repeat the same link texts on every page
def _is_interpretation_link_text(text: str) -> bool:
    text = text.strip()
    return bool(_TO_INTERPRETATION.match(text)) or (is_interpretation_title(text) and len(_normal(text)) >= 8)


@dataclass(slots=True)
class _Summary:
    url: str
    title: str
    interpretation: bool
    links: list[tuple[str, str]]  # (url, text) of the links that can pair it


def _strip(url: str) -> str:
    return url.split("#", 1)[0] if "#" in url else url


def pair_interpretations(
    pages: Iterable[Page],
    not_documents: Collection[str] = (),
    interpretation_pages: Collection[str] = (),
    other_documents: Mapping[str, str] | None = None,
) -> tuple[Pairing, ...]:
    """Pair each interpretation page of a site with the policy document it explains.

    ``pages`` are the site's pages (read once). ``not_documents`` are URLs that cannot be a policy
    document (list pages of columns, the homepage); ``interpretation_pages`` URLs known to be
    interpretations (items of a 政策解读 column); ``other_documents`` pages outside the site the
    site links to, by URL with their titles (a policy document on the government's
    information-disclosure platform). One pairing per interpretation at most, sorted by
    interpretation URL. See the module documentation for the evidence used.
    """
    summaries: dict[str, _Summary] = {}
    anchor: dict[str, str] = {}  # URL → the longest full text of a link to it
    known = {_strip(url) for url in interpretation_pages}
    for page in pages:
        url = _strip(page.url)
        title = headline(page.title)
        interpretation = url in known or is_interpretation_title(title)
        links: list[tuple[str, str]] = []
        for link in page.links:
            text = link.text
            if not text or link.tag != "a":
                continue
            if len(text) >= _NEAR_MIN and not text.endswith(_TRUNCATED):  # an item title
                target = _strip(link.url)
                if len(text) > len(anchor.get(target, "")):
                    anchor[target] = text
            if interpretation or _is_interpretation_link_text(text):
                links.append((_strip(link.url), text.strip()))
        summaries[url] = _Summary(url, title, interpretation, links)

    for url, title in (other_documents or {}).items():
        url, title = _strip(url), headline(title)
        if url not in summaries and not is_interpretation_title(title):
            summaries[url] = _Summary(url, title, False, [])

    excluded = {_strip(url) for url in not_documents}
    for summary in summaries.values():  # a page a document links to as its 相关解读 is an interpretation
        if summary.interpretation or summary.url in excluded:
            continue
        for target, text in summary.links:
            other = summaries.get(target)
            if other is not None and other.url not in excluded and _TO_INTERPRETATION.match(text.strip()):
                other.interpretation = True

    def best_title(summary: _Summary) -> str:
        long = anchor.get(summary.url, "")
        return long if len(_normal(long)) > len(_normal(summary.title)) else summary.title

    interpretations = sorted(
        url for url, one in summaries.items() if one.interpretation and url not in excluded
    )
    documents = {url: one for url, one in summaries.items() if not one.interpretation and url not in excluded}
    index = _TitleIndex({url: best_title(one) for url, one in documents.items()})
    linked_from_documents: dict[str, list[str]] = {}
    for document in documents.values():
        for target, text in document.links:
            other = summaries.get(target)
            if other is not None and other.interpretation and _is_interpretation_link_text(text):
                linked_from_documents.setdefault(target, []).append(document.url)

    pairings: list[Pairing] = []
    for url in interpretations:
        summary = summaries[url]
        title = best_title(summary)
        named = interpreted_title(title) or ""
        linked: list[str] = [
            target
            for target, text in summary.links
            if target in documents
            and target != url
            and (_is_document_link_text(text) or (named and _titles_match(named, text)))
        ]
        linked += [doc for doc in linked_from_documents.get(url, []) if doc not in linked]
        choice: tuple[str, Evidence] | None = None
        if linked:
            by_title = [doc for doc in linked if named and _titles_match(named, best_title(documents[doc]))]
            choice = ((by_title or linked)[0], "link")
        elif named:
            matches = index.find(named)
            if matches:
                choice = (matches[0], "title")
        if choice is not None:
            document = documents[choice[0]]
            pairings.append(Pairing(url, document.url, choice[1], title, best_title(document)))
    return tuple(pairings)


def shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[str]:
    """The character ``size``-grams of a text, without spaces and punctuation."""
    clean = _normal(text)
    if len(clean) < size:
        return frozenset({clean} if clean else ())
    return frozenset(clean[i : i + size] for i in range(len(clean) - size + 1))


def _shared_ends(text: list[str], other: list[str]) -> tuple[int, int]:
    """How many words two texts share at their start, and at their end (not overlapping)."""
    start = 0
    while start < min(len(text), len(other)) and text[start] == other[start]:
        start += 1
    end = 0
    while end < min(len(text), len(other)) - start and text[-1 - end] == other[-1 - end]:
        end += 1
    return start, end


def copied_share(
    interpretation_text: str,
    document_text: str,
    titles: Iterable[str] = (),
    size: int = SHINGLE_SIZE,
    template_text: str | None = None,
) -> Similarity:
    """How much of an interpretation's own text is found in its document (see the module documentation).

    ``titles`` (the two headlines) are left out of the comparison: an interpretation names its
    document. ``template_text`` is another page of the interpretation's site (its homepage): what
    the interpretation shares with it at the start and the end is the site's template, left out
    too — this matters when the document is on another site, with another template.
    """
    words, document = interpretation_text.split(" "), document_text.split(" ")
    start, end = _shared_ends(words, document)
    document_own = document[start : len(document) - end]
    if template_text is not None:
        template_start, template_end = _shared_ends(words, template_text.split(" "))
        start, end = max(start, template_start), max(end, template_end)
    own = " ".join(words[start : max(start, len(words) - end)])
    compared = shingles(_CHROME.sub(" ", own), size)
    for title in titles:
        compared -= shingles(title, size)
    if not compared:
        return Similarity(0.0, 0)
    found = compared & shingles(_CHROME.sub(" ", " ".join(document_own)), size)
    return Similarity(len(found) / len(compared), len(compared))
