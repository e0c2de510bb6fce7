"""Accessible names of a page's images, links and form fields, read from its static HTML.

A simplified form of the W3C *Accessible Name and Description Computation* for the elements the
accessibility checks judge: ``aria-labelledby`` (resolved by id, hidden targets included),
``aria-label``, ``alt``, ``<label for>`` and a wrapping ``<label>``, the element's text and the
names of the images inside it, ``title`` and ``placeholder``. Roles change what an element is:
``role="img"``, ``role="link"``, ``role="textbox"`` … join the images, links and fields; a link
with ``role="button"`` is a button; ``role="none"`` or ``"presentation"`` marks an image as
decorative unless it can take the keyboard focus.

Elements a screen reader never meets do not count: inside ``display:none``,
``visibility:hidden``, a ``hidden`` attribute, ``aria-hidden="true"`` or ``<noscript>``.
Elements moved off-screen or shrunk stay in the accessibility tree and count.

Fed by :func:`govinspect.parse.html.parse_html` during its single pass over the tree; the work
per element is a few dictionary look-ups except for the rare element without a name.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.model.page import Accessibility

__all__ = ["CANDIDATES", "AccessibilityReader"]

# The elements whose accessible name is judged: used to find those inside hidden content.
CANDIDATES = "a[href], area[href], img, input, select, textarea, [role]"

_LINK_ROLES = frozenset({"link", "doc-backlink", "doc-biblioref", "doc-glossref", "doc-noteref"})
_FIELD_ROLES = frozenset(
    {
        "checkbox",
        "combobox",
        "listbox",
        "menuitemcheckbox",
        "menuitemradio",
        "radio",
        "searchbox",
        "slider",
        "spinbutton",
        "switch",
        "textbox",
    }
)
_NAME_FROM_CONTENT_FIELD_ROLES = frozenset(
    {"checkbox", "menuitemcheckbox", "menuitemradio", "radio", "switch"}
)
_PRESENTATIONAL = frozenset({"none", "presentation"})
_BUTTON_INPUT_TYPES = frozenset({"submit", "button", "reset"})
_NESTED_IMAGES = "img, input[type=image], [role=img], svg"
_NAMING_ATTRIBUTES = ("aria-labelledby", "aria-label", "title")  # besides alt, on an <img>
_NAMING_CONTAINERS = frozenset({"a", "button"})
_ANCESTOR_LIMIT = 8  # how far up a wrapping <label> or link is looked for
_EXAMPLE_CHARS = 200


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _role(attributes: dict[str, str | None]) -> str | None:
    """The first token of ``role``, lower-cased; None without one."""
    role = attributes.get("role")
    if not role:
        return None
    tokens = role.split()
    return tokens[0].lower() if tokens else None


def _focusable(attributes: dict[str, str | None]) -> bool:
    return "tabindex" in attributes


def _is_tracking_pixel(attributes: dict[str, str | None]) -> bool:
    """An image declared 1 px wide or high (or less): a counter, not content."""
    for key in ("width", "height"):
        value = (attributes.get(key) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 1:
            return True
    return False


def _described(tag: str, attributes: dict[str, str | None], role: str) -> str:
    """How an example names an element that has no URL or field name: ``<div role=img class=logo>``."""
    extra = ""
    for key in ("id", "class"):
        value = (attributes.get(key) or "").strip()
        if value:
            extra = f" {key}={value.split()[0]}"
            break
    return f"<{tag} role={role}{extra}>"


class AccessibilityReader:
    """Collects one page's accessibility facts; :meth:`facts` hands them over as an
    :class:`~govinspect.model.page.Accessibility`.

    The page builder feeds it labels, form controls, elements with a ``role`` and the roots of
    content kept from screen readers; the link collector hands it the links without text and
    every image.
    """

    __slots__ = (
        "_controls",
        "_labels",
        "_roles",
        "_text_by_id",
        "_tree",
        "exclusion_roots",
        "fields",
        "images",
        "links",
        "out_of_tree",
        "unnamed_fields",
        "unnamed_images",
        "unnamed_links",
    )

    def __init__(self, tree: LexborHTMLParser) -> None:
        self._tree = tree
        self._labels: dict[str, list[LexborNode]] = {}
        self._controls: list[tuple[LexborNode, str, dict[str, str | None]]] = []
        self._roles: list[tuple[LexborNode, str, dict[str, str | None], str]] = []
        self._text_by_id: dict[str, str] = {}
        self.out_of_tree: set[int] = set()  # mem_id of the elements screen readers never meet
        self.exclusion_roots: list[LexborNode] = []  # aria-hidden="true", <noscript>
        self.images = 0
        self.links = 0
        self.fields = 0
        self.unnamed_images: list[str] = []
        self.unnamed_links: list[str] = []
        self.unnamed_fields: list[str] = []

    # --- fed during the pass over the tree ---------------------------------------------------

    def add_label(self, node: LexborNode, attributes: dict[str, str | None]) -> None:
        target = attributes.get("for")
        if target:
            self._labels.setdefault(target, []).append(node)

    def add_control(self, node: LexborNode, tag: str, attributes: dict[str, str | None]) -> None:
        self._controls.append((node, tag, attributes))

    def add_role(self, node: LexborNode, tag: str, attributes: dict[str, str | None]) -> None:
        """An element whose ``role`` may make it an image, a link or a form field."""
        role = _role(attributes)
        if role == "img" or role in _LINK_ROLES or role in _FIELD_ROLES:
            self._roles.append((node, tag, attributes, role))

    def exclude(self, element_ids: set[int]) -> None:
        """Mark elements (by ``mem_id``) as kept from screen readers."""
        self.out_of_tree = element_ids

    def excluded(self, node: LexborNode) -> bool:
        return bool(self.out_of_tree) and node.mem_id in self.out_of_tree

    # --- judged by the link collector ----------------------------------------------------------

    def link(self, node: LexborNode, attributes: dict[str, str | None], text: str | None, href: str) -> None:
        """An ``<a href>`` (or ``<area href>``); ``text`` is what the collector read, None if nothing."""
        role = _role(attributes)
        if role is not None and role not in _LINK_ROLES and role not in _PRESENTATIONAL:
            return  # role="button", "menuitem", "tab" …: not a link
        if self.excluded(node):
            return
        self.links += 1
        if text or self._link_has_name(node, attributes):
            return
        self.unnamed_links.append(href[:_EXAMPLE_CHARS] or f'<{node.tag} href="">')

    def image(self, node: LexborNode, attributes: dict[str, str | None], src: str) -> None:
        """An ``<img>``: it needs a name, or ``alt=""`` (or a presentational role) to mark it decorative."""
        if self.excluded(node):
            return
        alt = attributes.get("alt")
        if alt is None and "alt" in attributes:
            alt = ""  # <img alt> is alt=""
        if alt is not None and (not alt or not alt.isspace()):
            self.images += 1
            return  # alt="" marks it decorative; any other alt names it (the usual case, kept cheap)
        if _is_tracking_pixel(attributes):
            return
        self.images += 1
        if any(key in attributes for key in _NAMING_ATTRIBUTES) and self._image_name(node, attributes):
            return
        if _role(attributes) in _PRESENTATIONAL and not _focusable(attributes):
            return  # decorative
        if self._inside_named_link(node):
            return  # the link's own text says what it is
        self.unnamed_images.append(src[:_EXAMPLE_CHARS])

    # --- judged at the end ---------------------------------------------------------------------

    def facts(self, lang_attribute: str | None) -> Accessibility:
        for node, tag, attributes in self._controls:
            self._control(node, tag, attributes)
        for node, tag, attributes, role in self._roles:
            self._role_element(node, tag, attributes, role)
        return Accessibility(
            lang_attribute=lang_attribute,
            images=self.images,
            unnamed_images=tuple(self.unnamed_images),
            links=self.links,
            unnamed_links=tuple(self.unnamed_links),
            fields=self.fields,
            unnamed_fields=tuple(self.unnamed_fields),
        )

    def _control(self, node: LexborNode, tag: str, attributes: dict[str, str | None]) -> None:
        control_type = (attributes.get("type") or "text").strip().lower() if tag == "input" else tag
        if control_type == "hidden" or control_type in _BUTTON_INPUT_TYPES or self.excluded(node):
            return
        if control_type == "image":
            self._image_button(node, attributes)
            return
        role = _role(attributes)
        if role in _PRESENTATIONAL:
            if "disabled" in attributes:
                return  # not focusable: the presentational role holds, no field here
        elif role is not None and role not in _FIELD_ROLES:
            return  # role="button", "menuitem" …: not a form field
        self.fields += 1
        if self._field_name(node, tag, attributes):
            return
        if role in _NAME_FROM_CONTENT_FIELD_ROLES and _collapse(node.text()):
            return
        name = (attributes.get("name") or attributes.get("id") or "").strip()
        self.unnamed_fields.append(name[:_EXAMPLE_CHARS] or f"{tag}[type={control_type}]")

    def _image_button(self, node: LexborNode, attributes: dict[str, str | None]) -> None:
        self.images += 1
        if not self._image_name(node, attributes):
            src = attributes.get("src") or attributes.get("name") or ""
            self.unnamed_images.append(src.strip()[:_EXAMPLE_CHARS] or "<input type=image>")

    def _role_element(self, node: LexborNode, tag: str, attributes: dict[str, str | None], role: str) -> None:
        if self.excluded(node):
            return
        if role == "img":
            self.images += 1
            if not self._image_name(node, attributes):
                self.unnamed_images.append(_described(tag, attributes, role))
        elif role in _LINK_ROLES:
            self.links += 1
            if not self._link_has_name(node, attributes):
                self.unnamed_links.append(_described(tag, attributes, role))
        else:
            self.fields += 1
            named = self._aria_name(attributes) or _collapse(attributes.get("title") or "")
            if not named and role in _NAME_FROM_CONTENT_FIELD_ROLES:
                named = _collapse(node.text())
            if not named:
                self.unnamed_fields.append(_described(tag, attributes, role))

    # --- names -----------------------------------------------------------------------------------

    def _aria_name(self, attributes: dict[str, str | None]) -> str:
        """The name ``aria-labelledby`` (when its targets have text) or ``aria-label`` gives."""
        labelledby = attributes.get("aria-labelledby")
        if labelledby:
            text = _collapse(" ".join(self._text_of_id(ref) for ref in labelledby.split()))
            if text:
                return text
        return _collapse(attributes.get("aria-label") or "")

    def _text_of_id(self, element_id: str) -> str:
        if element_id not in self._text_by_id:
            text = ""
            if '"' not in element_id and "\\" not in element_id:
                target = self._tree.css_first(f'[id="{element_id}"]')
                if target is not None:
                    text = _collapse(target.text())
            self._text_by_id[element_id] = text
        return self._text_by_id[element_id]

    def _image_name(self, node: LexborNode, attributes: dict[str, str | None]) -> str:
        name = self._aria_name(attributes) or _collapse(attributes.get("alt") or "")
        if not name and node.tag == "svg":
            title = node.css_first("title")
            name = _collapse(title.text()) if title is not None else ""
        return name or _collapse(attributes.get("title") or "")

    def _link_has_name(self, node: LexborNode, attributes: dict[str, str | None]) -> bool:
        if self._aria_name(attributes) or _collapse(node.text()):
            return True
        if node.tag == "area" and _collapse(attributes.get("alt") or ""):
            return True
        return self._names_an_image(node) or bool(_collapse(attributes.get("title") or ""))

    def _names_an_image(self, node: LexborNode) -> bool:
        """True when an image inside ``node`` has a name (a link's or a label's content)."""
        for image in node.css(_NESTED_IMAGES):
            image_attributes = image.attributes
            if image.tag == "img" and _role(image_attributes) in _PRESENTATIONAL:
                continue
            if self._image_name(image, image_attributes):
                return True
        return False

    def _field_name(self, node: LexborNode, tag: str, attributes: dict[str, str | None]) -> bool:
        if self._aria_name(attributes):
            return True
        control_id = attributes.get("id")
        if control_id:
            for label in self._labels.get(control_id, ()):
                if _collapse(label.text()) or self._names_an_image(label):
                    return True
        own_text = _collapse(node.text())
        ancestor = node.parent
        for _ in range(_ANCESTOR_LIMIT):
            if ancestor is None or ancestor.tag in ("form", "body"):
                break
            if ancestor.tag == "label":
                label_text = _collapse(ancestor.text())
                if own_text:  # a <select>'s options are not its label
                    label_text = _collapse(label_text.replace(own_text, "", 1))
                if label_text or self._names_an_image(ancestor):
                    return True
                break
            ancestor = ancestor.parent
        if _collapse(attributes.get("title") or ""):
            return True
        return tag != "select" and bool(_collapse(attributes.get("placeholder") or ""))

    def _inside_named_link(self, node: LexborNode) -> bool:
        """True when the image sits in a link or button whose own text names it."""
        ancestor = node.parent
        for _ in range(_ANCESTOR_LIMIT):
            if ancestor is None or ancestor.tag == "body":
                return False
            if ancestor.tag in _NAMING_CONTAINERS:
                return bool(_collapse(ancestor.text()))
            ancestor = ancestor.parent
        return False
