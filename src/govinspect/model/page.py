"""A fetched HTML page, parsed: what the checks read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

LinkTag = Literal[
    "a", "area", "img", "script", "link", "iframe", "frame", "form", "source", "embed", "object", "meta"
]


class LinkRef(NamedTuple):
    """One reference from a page to another URL (a typed tuple: pages carry hundreds of these).

    ``url`` is absolute and has no fragment. ``hidden`` is True when a reader
    cannot see the element (or an ancestor): ``display:none``,
    ``visibility:hidden``, off-screen position, zero size or zero font, by
    inline style, ``hidden`` attribute or a rule of the page's own ``<style>``.
    ``pagination`` marks links that page through a list (下一页, 尾页,
    ``index_1.html``, ``?page=2``, or synthesised from ``createPageHTML(...)``).
    """

    url: str
    tag: LinkTag
    text: str = ""
    hidden: bool = False
    hidden_technique: str | None = None
    pagination: bool = False
    rel: str = ""


@dataclass(frozen=True, slots=True)
class Image:
    src: str
    alt: str | None
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Form:
    action: str
    method: str
    fields: tuple[str, ...] = ()  # input names
    unlabelled_fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Script:
    src: str | None
    inline_excerpt: str = ""  # first 500 characters of an inline script
    # the element's other attributes (id, sitecode …), e.g. the 找错 widget's ``sitecode``
    attributes: tuple[tuple[str, str], ...] = ()

    def attribute(self, name: str) -> str | None:
        """The value of one attribute of the ``<script>`` element (name in lower case), if present."""
        for key, value in self.attributes:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Accessibility:
    """What the page's static HTML says about its accessible names (WCAG 2.1), as the parser read it.

    Only elements a screen reader meets count: those inside ``display:none``,
    ``visibility:hidden``, ``hidden``, ``aria-hidden="true"`` or ``<noscript>`` do not, nor
    tracking pixels (width or height of 1 px or less). Each ``unnamed_*`` tuple lists the
    elements without an accessible name, in page order: an image's ``src`` (or ``<div role=img>``),
    a link's ``href`` (or ``<span role=link>``), a form field's ``name`` or ``id`` (or its tag).
    """

    lang_attribute: str | None = None  # the ``lang`` of ``<html>`` as written; None when absent
    images: int = 0  # images needing a text alternative: <img>, <input type=image>, role=img
    unnamed_images: tuple[str, ...] = ()  # neither a name nor marked decorative (alt="")
    links: int = 0  # <a href>, <area href>, role=link
    unnamed_links: tuple[str, ...] = ()
    fields: int = 0  # text boxes, check boxes, radio buttons, lists … (not buttons, not type=hidden)
    unnamed_fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """An HTML page as the parser understood it."""

    url: str
    title: str = ""
    lang: str | None = None
    text: str = ""  # the readable text of the page, whitespace collapsed
    meta: tuple[tuple[str, str], ...] = ()  # (name or property or http-equiv, lower-cased; content)
    links: tuple[LinkRef, ...] = ()
    images: tuple[Image, ...] = ()
    forms: tuple[Form, ...] = ()
    scripts: tuple[Script, ...] = ()
    base_url: str | None = None
    has_viewport: bool = False
    encoding: str | None = None
    # None for pages stored before the parser read accessible names
    accessibility: Accessibility | None = None
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def meta_value(self, name: str) -> str | None:
        """Content of the first ``<meta>`` with this name (case-insensitive)."""
        wanted = name.lower()
        for key, value in self.meta:
            if key == wanted:
                return value
        return None
