"""Parse an HTML page into a :class:`~govinspect.model.Page`: title, text, meta, links, images,
forms and scripts, with links hidden from readers and pagination links marked.

Speed matters: a crawl parses every page it fetches. One css() query collects every element the
page needs. Links are resolved against the page's base by string operations for the usual forms
(``http(s)://…``, ``//host/x``, ``/x``, ``x.html``, ``./x``, ``../../x``, ``?page=2``); only odd
ones (``/a/../b``, upper-case schemes) go through ``urljoin``. Hidden elements are found once
per page, from the few elements a style, a ``hidden`` attribute or a ``<style>`` rule hides, and
looked up per link by the element's identity. The same pass feeds the accessibility reading
(:mod:`govinspect.parse.accessibility`): accessible names of images, links and form fields.

Known limits of the hidden-link test, which reads no external stylesheet and runs no script:
later stylesheet rules do not undo earlier ones (only an inline ``style`` does), ``:hover`` and
``@media`` rules are ignored, and content that scripts show later (tabs, drop-down menus) counts
as hidden, as it is when the page loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from govinspect.model import Form, Image, LinkRef, LinkTag, Page, Script
from govinspect.parse.accessibility import CANDIDATES, AccessibilityReader
from govinspect.parse.pagination import PaginationMatcher, pages_from_script

__all__ = ["UrlResolver", "parse_html"]

_INLINE_SCRIPT_EXCERPT_CHARS = 500
_SCRIPT_ATTRIBUTE_CHARS = 200  # enough for an id, a sitecode or a type
_SKIPPED_SCHEMES = frozenset({"javascript", "vbscript", "mailto", "tel", "data", "about", "sms", "callto"})
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_CONTROL_WHITESPACE = re.compile(r"[\t\n\r]")

_LINK_TAGS: dict[str, LinkTag] = {
    "a": "a",
    "area": "area",
    "iframe": "iframe",
    "frame": "frame",
    "link": "link",
    "source": "source",
    "embed": "embed",
    "object": "object",
    "form": "form",
}
_URL_ATTRIBUTE = {"a": "href", "area": "href", "link": "href", "object": "data", "form": "action"}
_HIDEABLE = "a, area, iframe, frame, img, embed, object, source, form"
# Zero font size and text coloured like its background hide text, not images.
_TEXT_ONLY_TECHNIQUES = frozenset({"zero-font", "same-colour"})
_REPLACED_CONTENT = "img, svg, object, embed, iframe, video, canvas, input"
_LINK_RELS_WITHOUT_RESOURCE = frozenset({"dns-prefetch", "preconnect"})
# Hiding that also keeps content from screen readers (off-screen and zero-size content is read).
_OUT_OF_TREE_TECHNIQUES = frozenset({"display-none", "visibility-hidden", "hidden-attribute"})
_UNLABELLED_EXEMPT_TYPES = frozenset({"hidden", "submit", "button", "reset", "image"})

_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.IGNORECASE)


class UrlResolver:
    """Makes the URLs written in one page absolute, without fragment, like a browser would.

    Returns None for references that lead nowhere a crawler can go: empty, ``#…`` only,
    ``javascript:``, ``mailto:``, ``tel:``, ``data:``, ``about:``.
    """

    __slots__ = ("_base", "_directory", "_origin", "_scheme", "_without_query")

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        path = parts.path or "/"
        self._base = urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
        self._scheme = parts.scheme
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self._directory = path[: path.rfind("/") + 1]  # the base's folder, "/a/b/"
        self._without_query = self._origin + path

    @property
    def directory(self) -> str:
        """The folder of the base URL, ending with ``/``."""
        return self._origin + self._directory

    def resolve(self, reference: str) -> str | None:
        """The absolute URL of ``reference`` (an ``href``/``src`` value), or None to skip it."""
        url = reference.strip()
        if not url or url[0] == "#":
            return None
        if "\n" in url or "\t" in url or "\r" in url:
            url = _CONTROL_WHITESPACE.sub("", url)
        if "\\" in url:
            url = url.replace("\\", "/")  # IIS-era pages write ..\list\index.html; browsers agree
        hash_at = url.find("#")
        if hash_at >= 0:
            url = url[:hash_at]
        if url.startswith(("http://", "https://")):
            return url
        first = url[0]
        if first == "/":
            if url.startswith("//"):
                return f"{self._scheme}:{url}"
            return self._join(url) if "/." in url else self._origin + url
        if first == "?":
            return self._without_query + url
        colon = url.find(":")
        if colon > 0 and _SCHEME.fullmatch(url, 0, colon):
            return self._absolute_with_scheme(url, url[:colon].lower())
        if first == ".":
            return self._dot_relative(url)
        if "/." in url:
            return self._join(url)
        return self._origin + self._directory + url

    def _dot_relative(self, url: str) -> str | None:
        """``./x`` and ``../../x``, the way TRS/WCM pages write most of their links."""
        folder = self._directory
        start = 0
        while True:
            if url.startswith("./", start):
                start += 2
            elif url.startswith("../", start):
                start += 3
                folder = folder[: folder.rfind("/", 0, len(folder) - 1) + 1] or "/"
            else:
                break
        rest = url[start:]
        if rest.startswith(".") or "/." in rest:
            return self._join(url)
        return self._origin + folder + rest

    def _absolute_with_scheme(self, url: str, scheme: str) -> str | None:
        if scheme in _SKIPPED_SCHEMES or len(scheme) == 1:  # one letter: a Windows path, C:\…
            return None
        if scheme not in ("http", "https"):
            return url
        try:
            joined = urlsplit(urljoin(self._base, url))
        except ValueError:  # http://[not-an-ipv6/
            return None
        return urlunsplit((joined.scheme.lower(), joined.netloc.lower(), joined.path, joined.query, ""))

    def _join(self, url: str) -> str | None:
        try:
            return urljoin(self._base, url)
        except ValueError:
            return None


# --- hidden from readers -------------------------------------------------------------------

_LENGTH = re.compile(r"(-?\d*\.?\d+)\s*(px|em|rem|pt|%|vw|vh|cm|mm|in)?")
_UNIT_PX = {"em": 16.0, "rem": 16.0, "pt": 4 / 3, "cm": 37.8, "mm": 3.78, "in": 96.0}
_COLOUR_NAMES = {
    "white": "#ffffff",
    "black": "#000000",
    "red": "#ff0000",
    "green": "#008000",
    "blue": "#0000ff",
    "yellow": "#ffff00",
    "gray": "#808080",
    "grey": "#808080",
    "silver": "#c0c0c0",
}
_HEX_COLOUR = re.compile(r"#(?:[0-9a-f]{3}|[0-9a-f]{6})\b")
_RGB_COLOUR = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)")
_STYLE_KEYWORDS = ("none", "hidden", "collapse", "font", "indent", "position", "color", "background")
_SIMPLE_SELECTOR = re.compile(r"[A-Za-z0-9_.#>\s-]+")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_AT_STATEMENT = re.compile(r"@[\w-]+[^;{}]*;")  # @import url(x.css); @charset "utf-8"; (no block)


def _declarations(style: str) -> dict[str, str]:
    declarations: dict[str, str] = {}
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            declarations[name.strip().lower()] = value.replace("!important", "").strip().lower()
    return declarations


def _length_px(value: str | None) -> float | None:
    if not value:
        return None
    found = _LENGTH.match(value)
    if found is None:
        return None
    number = float(found.group(1))
    unit = found.group(2)
    if number == 0 or unit in (None, "px"):
        return number
    if unit in _UNIT_PX:
        return number * _UNIT_PX[unit]
    return None  # % and viewport units: size unknown here


def _colour(value: str | None) -> str | None:
    """A colour as ``#rrggbb`` (or ``transparent``), from a colour or a ``background`` shorthand."""
    if not value:
        return None
    hex_colour = _HEX_COLOUR.search(value)
    if hex_colour is not None:
        digits = hex_colour.group(0)[1:]
        return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)
    rgb = _RGB_COLOUR.search(value)
    if rgb is not None:
        if rgb.group(4) is not None and float(rgb.group(4)) == 0:
            return "transparent"
        return "#" + "".join(f"{min(int(rgb.group(i)), 255):02x}" for i in (1, 2, 3))
    for word in value.split():
        if word in _COLOUR_NAMES:
            return _COLOUR_NAMES[word]
        if word == "transparent":
            return "transparent"
    return None


def _hiding_technique(declarations: dict[str, str]) -> str | None:
    """How a set of CSS declarations hides its element, or None when it does not."""
    get = declarations.get
    if get("display") == "none":
        return "display-none"
    if get("visibility") in ("hidden", "collapse"):
        return "visibility-hidden"
    if get("position") in ("absolute", "fixed"):
        for side in ("left", "top"):
            offset = _length_px(get(side))
            if offset is not None and offset <= -500:
                return "off-screen"
    indent = _length_px(get("text-indent"))
    if (
        indent is not None
        and indent <= -999
        and "url(" not in (get("background") or get("background-image") or "")
    ):
        return "off-screen"  # with a background image it is a logo whose text moved away: still seen
    overflow = get("overflow")
    if _length_px(get("height")) in (0, 1) and "hidden" in (overflow, get("overflow-y")):
        return "zero-size"
    if _length_px(get("width")) in (0, 1) and "hidden" in (overflow, get("overflow-x")):
        return "zero-size"
    if _length_px(get("font-size")) == 0 or (get("font") or "").startswith(("0 ", "0/", "0px")):
        return "zero-font"
    colour = _colour(get("color"))
    if colour == "transparent":
        return "same-colour"
    if colour is not None and colour == _colour(get("background-color") or get("background")):
        return "same-colour"
    return None


@lru_cache(maxsize=4096)
def _style_technique(style: str) -> str | None:
    lowered = style.lower()
    if not any(keyword in lowered for keyword in _STYLE_KEYWORDS):
        return None
    return _hiding_technique(_declarations(lowered))


def _sets_visible_font(style: str) -> bool:
    size = _length_px(_declarations(style.lower()).get("font-size"))
    return size is not None and size > 0


def _stylesheet_rules(css: str) -> tuple[tuple[str, dict[str, str]], ...]:
    """Top-level rules of a stylesheet as (simple selector, declarations); @media etc. skipped.

    Only selectors made of tags, classes, ids and descendant/child combinators are kept: those
    selectolax can match without a browser (no ``:hover``, no attribute selectors).
    """
    css = _CSS_COMMENT.sub("", css).replace("<!--", "").replace("-->", "")
    css = _AT_STATEMENT.sub("", css)
    rules: list[tuple[str, dict[str, str]]] = []
    position, end = 0, len(css)
    while position < end:
        brace = css.find("{", position)
        if brace < 0:
            break
        prelude = css[position:brace].strip()
        if prelude.startswith("@"):
            position = _after_block(css, brace)
            continue
        close = css.find("}", brace)
        if close < 0:
            close = end
        declarations = _declarations(css[brace + 1 : close])
        for selector in prelude.split(","):
            selector = selector.strip()
            if selector and _SIMPLE_SELECTOR.fullmatch(selector):
                rules.append((selector, declarations))
        position = close + 1
    return tuple(rules)


def _after_block(css: str, brace: int) -> int:
    depth = 0
    for index in range(brace, len(css)):
        character = css[index]
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(css)


@dataclass(frozen=True, slots=True)
class _StylesheetHiding:
    """What a page's ``<style>`` blocks hide: one combined selector per hiding technique, and
    the selector of the rules that give elements a visible font size again."""

    selectors_by_technique: tuple[tuple[str, tuple[str, ...]], ...]
    visible_font_selectors: tuple[str, ...]


@lru_cache(maxsize=256)  # keyed by the page's CSS: the pages of one site share their template
def _stylesheet_hiding(css: str) -> _StylesheetHiding:
    by_technique: dict[str, list[str]] = {}
    visible_font: list[str] = []
    for selector, declarations in _stylesheet_rules(css):
        technique = _hiding_technique(declarations)
        if technique is not None:
            by_technique.setdefault(technique, []).append(selector)
            continue
        size = _length_px(declarations.get("font-size"))
        if size is not None and size > 0:
            visible_font.append(selector)
    return _StylesheetHiding(
        selectors_by_technique=tuple((technique, tuple(group)) for technique, group in by_technique.items()),
        visible_font_selectors=tuple(visible_font),
    )


def _select_any(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> list[LexborNode]:
    """Elements matching any of ``selectors``: one pass over the tree, or one per selector when
    the combined query is rejected (one odd selector must not hide the others)."""
    try:
        return tree.css(", ".join(selectors))
    except (SelectolaxError, ValueError):
        matched: list[LexborNode] = []
        for selector in selectors:
            try:
                matched.extend(tree.css(selector))
            except (SelectolaxError, ValueError):
                continue
        return matched


def _inline_overrides(technique: str, inline_style: str) -> bool:
    """True when an element's own ``style`` undoes what a stylesheet rule hid (inline wins)."""
    declarations = _declarations(inline_style.lower())
    if technique == "display-none":
        return declarations.get("display", "none") != "none"
    if technique == "visibility-hidden":
        return declarations.get("visibility") == "visible"
    if technique == "zero-font":
        size = _length_px(declarations.get("font-size"))
        return size is not None and size > 0
    return False


class _HiddenFinder:
    """Finds, once per page, the link-bearing elements and images a reader cannot see.

    Fed with the elements that carry a ``style`` or ``hidden`` attribute and the text of the
    ``<style>`` blocks; the hidden elements are few, so pages that hide nothing cost little.
    """

    __slots__ = ("_hidden_attribute", "_roots", "_sheet", "_styled", "_stylesheets", "_tree")

    def __init__(self, tree: LexborHTMLParser) -> None:
        self._tree = tree
        self._styled: list[tuple[LexborNode, str]] = []
        self._hidden_attribute: list[LexborNode] = []
        self._stylesheets: list[str] = []
        self._roots: list[tuple[LexborNode, str]] | None = None
        self._sheet: _StylesheetHiding | None = None

    def add_styled(self, node: LexborNode, style: str) -> None:
        self._styled.append((node, style))

    def add_hidden_attribute(self, node: LexborNode) -> None:
        self._hidden_attribute.append(node)

    def add_stylesheet(self, css: str) -> None:
        self._stylesheets.append(css)

    def _hiding_roots(self) -> list[tuple[LexborNode, str]]:
        """The elements that hide themselves and their content, with the technique (computed once)."""
        if self._roots is not None:
            return self._roots
        roots: list[tuple[LexborNode, str]] = []
        for node, style in self._styled:
            technique = _style_technique(style)
            if technique is not None:
                roots.append((node, technique))
        roots.extend((node, "hidden-attribute") for node in self._hidden_attribute)
        sheet = _stylesheet_hiding("\n".join(self._stylesheets)) if self._stylesheets else None
        if sheet is not None:
            for technique, selectors in sheet.selectors_by_technique:
                for node in _select_any(self._tree, selectors):
                    inline = node.attributes.get("style")
                    if not inline or not _inline_overrides(technique, inline):
                        roots.append((node, technique))
        self._roots, self._sheet = roots, sheet
        return roots

    def out_of_tree(self, extra_roots: list[LexborNode]) -> set[int]:
        """``mem_id`` of the elements screen readers never meet: inside ``display:none``,
        ``visibility:hidden``, ``hidden`` or one of ``extra_roots`` (aria-hidden, noscript)."""
        roots = [node for node, technique in self._hiding_roots() if technique in _OUT_OF_TREE_TECHNIQUES]
        roots.extend(extra_roots)
        return {element.mem_id for root in roots for element in root.css(CANDIDATES)}

    def hidden(self) -> dict[int, str]:
        """``mem_id`` → hiding technique for every hidden link-bearing element or image."""
        roots = self._hiding_roots()
        sheet = self._sheet
        if not roots:
            return {}
        visible_font: set[int] | None = None
        hidden: dict[int, str] = {}
        for root, technique in roots:
            text_only = technique in _TEXT_ONLY_TECHNIQUES
            for element in root.css("a" if text_only else _HIDEABLE):
                if text_only and element.css_first(_REPLACED_CONTENT) is not None:
                    continue  # an image link stays visible when only its text is hidden
                if technique == "zero-font":
                    if visible_font is None:
                        visible_font = self._visible_font(sheet)
                    if _font_restored(element, root, visible_font):
                        continue
                hidden.setdefault(element.mem_id, technique)
        return hidden

    def _visible_font(self, sheet: _StylesheetHiding | None) -> set[int]:
        """Ids of elements whose inline style or a stylesheet rule sets a non-zero font size."""
        ids = {
            node.mem_id
            for node, style in self._styled
            if "font" in style.lower() and _sets_visible_font(style)
        }
        if sheet is not None and sheet.visible_font_selectors:
            ids.update(node.mem_id for node in _select_any(self._tree, sheet.visible_font_selectors))
        return ids


def _font_restored(element: LexborNode, root: LexborNode, visible_font: set[int]) -> bool:
    """True when an element between ``root`` (font-size 0) and ``element`` sets a font size again.

    ``ul {font-size:0} li {font-size:14px}`` is a layout trick, not hiding.
    """
    root_id = root.mem_id
    current: LexborNode | None = element
    while current is not None and current.mem_id != root_id:
        if current.mem_id in visible_font:
            return True
        current = current.parent
    return False


# --- page ----------------------------------------------------------------------------------

# One pass over the tree collects everything the page needs: each extra css() query costs a
# full traversal (~60 µs on a 50 KB page), about as much as one query with many selectors.
_QUERY = (
    "a[href], area[href], iframe[src], frame[src], link[href], script, img, source[src], embed[src], "
    "object[data], form, meta, title, base[href], style, label[for], input, select, textarea, "
    "noscript, [role], [aria-hidden], [style], [hidden]"
)
# Elements whose role the link collector or the form-field reading already judges.
_NATIVE_NAMED = frozenset({"img", "input", "select", "textarea"})


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _anchor_fallback_text(node: LexborNode, attributes: dict[str, str | None]) -> str:
    """Text for a link without text of its own: the ``alt`` of an image inside, else ``title``."""
    image = node.css_first("img[alt]")
    if image is not None:
        alt = _collapse(image.attributes.get("alt") or "")
        if alt:
            return alt
    return _collapse(attributes.get("title") or "")


def _is_labelled(control: LexborNode, attributes: dict[str, str | None], label_targets: set[str]) -> bool:
    """A ``<label for>``, an enclosing ``<label>``, ``aria-label(ledby)`` or ``title`` names it."""
    for key in ("aria-label", "aria-labelledby", "title"):
        if (attributes.get(key) or "").strip():
            return True
    if attributes.get("id") in label_targets:
        return True
    ancestor = control.parent
    while ancestor is not None and ancestor.tag not in ("form", "body"):
        if ancestor.tag == "label":
            return True
        ancestor = ancestor.parent
    return False


def _form(node: LexborNode, action: str, attributes: dict[str, str | None], label_targets: set[str]) -> Form:
    fields: list[str] = []
    unlabelled: list[str] = []
    for control in node.css("input, select, textarea"):
        control_attributes = control.attributes
        name = control_attributes.get("name")
        if name:
            fields.append(name)
        control_type = (control_attributes.get("type") or "text").lower() if control.tag == "input" else ""
        if control_type in _UNLABELLED_EXEMPT_TYPES:
            continue
        if _is_labelled(control, control_attributes, label_targets):
            continue
        control_id = control_attributes.get("id")
        unlabelled.append(name or control_id or f"{control.tag}[type={control_type or control.tag}]")
    method = (attributes.get("method") or "get").strip().lower() or "get"
    return Form(action=action, method=method, fields=tuple(fields), unlabelled_fields=tuple(unlabelled))


def _refresh_target(meta: Iterable[tuple[str, str]], resolver: UrlResolver) -> str | None:
    """Where ``<meta http-equiv="refresh" content="0;url=…">`` sends the reader, if anywhere."""
    for key, content in meta:
        if key == "refresh":
            found = _REFRESH_URL.search(content)
            return resolver.resolve(found.group(1)) if found else None
    return None


class _PageBuilder:
    """Collects, in one pass over the tree, what a Page needs: the link-bearing elements, meta,
    title, ``<base>``, label targets, and what the hidden-element finder must look at."""

    def __init__(self, url: str, tree: LexborHTMLParser) -> None:
        self.url = url
        self.tree = tree
        self.hidden_finder = _HiddenFinder(tree)
        self.elements: list[tuple[LexborNode, str, dict[str, str | None]]] = []
        self.meta: list[tuple[str, str]] = []
        self.title: str | None = None
        self.base_href: str | None = None
        self.label_targets: set[str] = set()
        self.accessibility = AccessibilityReader(tree)

    def collect(self) -> None:
        previous_id = 0
        for node in self.tree.css(_QUERY):
            node_id = node.mem_id
            if node_id == previous_id:
                continue  # lexbor lists a node once per selector it matches, one after the other
            previous_id = node_id
            tag = node.tag or ""
            attributes = node.attributes
            if tag in _COLLECTED_ELEMENTS:
                if tag in ("script", "img", "form") or _URL_ATTRIBUTE.get(tag, "src") in attributes:
                    self.elements.append((node, tag, attributes))
            elif tag == "meta":
                key = attributes.get("name") or attributes.get("property") or attributes.get("http-equiv")
                if key:
                    self.meta.append((key.strip().lower(), (attributes.get("content") or "").strip()))
            elif tag == "title":
                if self.title is None and not _inside_svg(node):
                    self.title = _collapse(node.text())
            elif tag == "base":
                if self.base_href is None:
                    self.base_href = (attributes.get("href") or "").strip() or None
            elif tag == "style":
                self.hidden_finder.add_stylesheet(node.text())
            elif tag == "label":
                target = attributes.get("for")
                if target:
                    self.label_targets.add(target)
                    self.accessibility.add_label(node, attributes)
            elif tag in ("input", "select", "textarea"):
                self.accessibility.add_control(node, tag, attributes)
            elif tag == "noscript":
                self.accessibility.exclusion_roots.append(node)
            if (
                "role" in attributes
                and tag not in _NATIVE_NAMED
                and not (tag in ("a", "area") and "href" in attributes)
            ):
                self.accessibility.add_role(node, tag, attributes)
            if "aria-hidden" in attributes and (attributes["aria-hidden"] or "").strip().lower() == "true":
                self.accessibility.exclusion_roots.append(node)
            if "style" in attributes:
                self.hidden_finder.add_styled(node, attributes["style"] or "")
            if "hidden" in attributes:
                self.hidden_finder.add_hidden_attribute(node)

    def base_url(self) -> str | None:
        if not self.base_href:
            return None
        try:
            resolved = urljoin(self.url, self.base_href)
        except ValueError:
            return None
        return resolved if resolved.startswith(("http://", "https://")) else None


def _inside_svg(node: LexborNode) -> bool:
    """True for an SVG ``<title>`` (it names a drawing, not the page)."""
    ancestor = node.parent
    while ancestor is not None:
        if ancestor.tag == "svg":
            return True
        ancestor = ancestor.parent
    return False


_COLLECTED_ELEMENTS = frozenset(
    {"a", "area", "iframe", "frame", "link", "script", "img", "source", "embed", "object", "form"}
)


def _rel(attributes: dict[str, str | None]) -> str:
    rel = attributes.get("rel")
    return " ".join(rel.lower().split()) if rel else ""


class _LinkCollector:
    """Turns the collected elements into links, images, forms and scripts (the hot loop)."""

    def __init__(
        self, page_url: str, resolver: UrlResolver, hidden: dict[int, str], accessibility: AccessibilityReader
    ) -> None:
        self.page_url = page_url
        self.accessibility = accessibility
        self.resolver = resolver
        self.hidden = hidden
        self.pagination = PaginationMatcher(page_url)
        self.links: list[LinkRef] = []
        self.images: list[Image] = []
        self.forms: list[Form] = []
        self.scripts: list[Script] = []
        self.synthesised: list[str] = []

    def collect(
        self, elements: list[tuple[LexborNode, str, dict[str, str | None]]], labels: set[str]
    ) -> None:
        resolve = self.resolver.resolve
        hidden = self.hidden
        is_pagination = self.pagination.is_pagination
        append_link = self.links.append
        accessibility = self.accessibility
        out_of_tree = accessibility.out_of_tree
        named_links = 0  # links with text: named, so only counted (the usual case, kept cheap)
        for node, tag, attributes in elements:
            if tag == "a":  # nine links in ten
                href = attributes.get("href") or ""
                target = resolve(href)
                if target is None:  # href="#", "javascript:…": still a link for a screen reader
                    accessibility.link(node, attributes, None, href.strip())
                    continue
                text = " ".join(node.text().split()) or _anchor_fallback_text(node, attributes)
                if text and "role" not in attributes:
                    if not out_of_tree or node.mem_id not in out_of_tree:
                        named_links += 1
                else:
                    accessibility.link(node, attributes, text, target)
                technique = hidden.get(node.mem_id) if hidden else None
                append_link(
                    LinkRef(
                        url=target,
                        tag="a",
                        text=text,
                        hidden=technique is not None,
                        hidden_technique=technique,
                        pagination=is_pagination(target, text, node),
                        rel=_rel(attributes),
                    )
                )
            elif tag == "script":
                self._script(node, attributes)
            elif tag == "img":
                self._image(node, attributes)
            else:
                self._other(node, tag, attributes, labels)
        accessibility.links += named_links

    def _script(self, node: LexborNode, attributes: dict[str, str | None]) -> None:
        source = attributes.get("src")
        kept = tuple(
            (name, value[:_SCRIPT_ATTRIBUTE_CHARS])
            for name, value in attributes.items()
            if name != "src" and value is not None
        )
        if source is None:
            code = node.text()
            excerpt = code.strip()[:_INLINE_SCRIPT_EXCERPT_CHARS]
            self.scripts.append(Script(src=None, inline_excerpt=excerpt, attributes=kept))
            self.synthesised.extend(pages_from_script(code, self.resolver.directory))
            return
        script_url = self.resolver.resolve(source)
        if script_url is not None:
            self.scripts.append(Script(src=script_url, attributes=kept))
            self.links.append(LinkRef(url=script_url, tag="script"))

    def _image(self, node: LexborNode, attributes: dict[str, str | None]) -> None:
        source = attributes.get("src")
        lazy_source = source or attributes.get("data-src") or attributes.get("data-original")
        image_url = self.resolver.resolve(lazy_source) if lazy_source else None
        # judged with or without a source: a lazy-loaded image gets one from a script later
        self.accessibility.image(node, attributes, image_url or (lazy_source or "").strip() or "<img>")
        if image_url is None:
            return
        technique = self.hidden.get(node.mem_id) if self.hidden else None
        alt = attributes.get("alt")
        if alt is None and "alt" in attributes:
            alt = ""  # <img alt> is alt=""
        self.images.append(Image(src=image_url, alt=alt, hidden=technique is not None))
        if source:
            self.links.append(
                LinkRef(
                    url=image_url,
                    tag="img",
                    text=_collapse(attributes.get("alt") or attributes.get("title") or ""),
                    hidden=technique is not None,
                    hidden_technique=technique,
                )
            )

    def _other(self, node: LexborNode, tag: str, attributes: dict[str, str | None], labels: set[str]) -> None:
        raw = attributes.get(_URL_ATTRIBUTE.get(tag, "src")) or ""
        target = self.resolver.resolve(raw)
        if tag == "form":
            action = target or (raw.strip() or self.page_url)
            self.forms.append(_form(node, action, attributes, labels))
        if target is None:
            return
        rel = _rel(attributes)
        if tag == "link" and rel in _LINK_RELS_WITHOUT_RESOURCE:
            return
        if tag == "area":
            text = _collapse(attributes.get("alt") or attributes.get("title") or "")
            self.accessibility.link(node, attributes, text, target)
        else:
            text = _collapse(attributes.get("title") or "")
        technique = self.hidden.get(node.mem_id) if self.hidden else None
        self.links.append(
            LinkRef(
                url=target,
                tag=_LINK_TAGS[tag],
                text=text,
                hidden=technique is not None,
                hidden_technique=technique,
                pagination=tag == "area" and self.pagination.is_pagination(target, text, node),
                rel=rel,
            )
        )

    def add_synthesised_pages(self) -> None:
        """Add the list pages announced by ``createPageHTML(...)`` that no link points at yet."""
        if not self.synthesised:
            return
        known = {link.url for link in self.links}
        pages = (page for page in dict.fromkeys(self.synthesised) if page not in known)
        self.links.extend(LinkRef(url=page, tag="a", pagination=True) for page in pages)


def _readable_text(tree: LexborHTMLParser) -> str:
    """The body text without scripts, styles, noscript and templates; whitespace collapsed.

    Changes the tree: call it last.
    """
    tree.strip_tags(["script", "style", "noscript", "template"])
    body = tree.body
    return _collapse(body.text(separator=" ")) if body is not None else ""


def _language(tree: LexborHTMLParser) -> tuple[str | None, str | None]:
    """The page's language (``lang``, else ``xml:lang``) and the ``lang`` attribute as written."""
    root = tree.root
    if root is None:
        return None, None
    attributes = root.attributes
    lang_attribute = attributes.get("lang")
    if lang_attribute is None and "lang" in attributes:
        lang_attribute = ""  # <html lang>
    language = (lang_attribute or attributes.get("xml:lang") or "").strip() or None
    return language, lang_attribute


def parse_html(url: str, text: str, encoding: str | None = None) -> Page:
    """Parse the decoded HTML of ``url`` into a :class:`Page` with every field filled.

    Links come from ``a``, ``area``, ``iframe``, ``frame``, ``link``, ``script``, ``img``,
    ``source``, ``embed``, ``object`` and ``form``, resolved against ``<base href>`` when the
    page has one. The target of ``<meta http-equiv="refresh">`` is a link with tag ``meta`` (so it
    is followed and checked like any other) and is also kept in ``extra["refresh_url"]``.
    """
    tree = LexborHTMLParser(text)
    builder = _PageBuilder(url, tree)
    builder.collect()
    base_url = builder.base_url()
    resolver = UrlResolver(base_url or url)
    meta = tuple(builder.meta)
    extra: dict[str, str] = {}
    refresh = _refresh_target(meta, resolver)
    if refresh is not None:
        extra["refresh_url"] = refresh

    accessibility = builder.accessibility
    accessibility.exclude(builder.hidden_finder.out_of_tree(accessibility.exclusion_roots))
    collector = _LinkCollector(url, resolver, builder.hidden_finder.hidden(), accessibility)
    collector.collect(builder.elements, builder.label_targets)
    collector.add_synthesised_pages()
    language, lang_attribute = _language(tree)
    facts = accessibility.facts(lang_attribute)  # before _readable_text changes the tree

    return Page(
        url=url,
        title=builder.title or "",
        lang=language,
        text=_readable_text(tree),
        meta=meta,
        links=tuple(collector.links) + ((LinkRef(refresh, "meta"),) if refresh is not None else ()),
        images=tuple(collector.images),
        forms=tuple(collector.forms),
        scripts=tuple(collector.scripts),
        base_url=base_url,
        has_viewport=any(key == "viewport" for key, _ in meta),
        encoding=encoding,
        accessibility=facts,
        extra=extra,
    )
