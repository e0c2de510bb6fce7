"""Parsed pages stored compactly: zlib-compressed JSON of :class:`govinspect.model.Page`."""

from __future__ import annotations

import json
import zlib
from typing import Any

from govinspect.model.page import Accessibility, Form, Image, LinkRef, Page, Script


def page_to_blob(page: Page) -> bytes:
    data: dict[str, Any] = {
        "url": page.url,
        "title": page.title,
        "lang": page.lang,
        "text": page.text,
        "meta": page.meta,
        "links": [
            [link.url, link.tag, link.text, link.hidden, link.hidden_technique, link.pagination, link.rel]
            for link in page.links
        ],
        "images": [[i.src, i.alt, i.hidden] for i in page.images],
        "forms": [[f.action, f.method, f.fields, f.unlabelled_fields] for f in page.forms],
        "scripts": [[s.src, s.inline_excerpt, s.attributes] for s in page.scripts],
        "base_url": page.base_url,
        "has_viewport": page.has_viewport,
        "encoding": page.encoding,
        "extra": page.extra,
    }
    if page.accessibility is not None:
        a11y = page.accessibility
        data["accessibility"] = [
            a11y.lang_attribute,
            a11y.images,
            a11y.unnamed_images,
            a11y.links,
            a11y.unnamed_links,
            a11y.fields,
            a11y.unnamed_fields,
        ]
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 3)


def _accessibility(stored: list[Any] | None) -> Accessibility | None:
    """The accessibility facts of a blob; None for blobs written before the parser read them."""
    if stored is None:
        return None
    lang, images, unnamed_images, links, unnamed_links, fields, unnamed_fields = stored
    return Accessibility(
        lang_attribute=lang,
        images=images,
        unnamed_images=tuple(unnamed_images),
        links=links,
        unnamed_links=tuple(unnamed_links),
        fields=fields,
        unnamed_fields=tuple(unnamed_fields),
    )


def blob_to_page(blob: bytes) -> Page:
    data = json.loads(zlib.decompress(blob))
    return Page(
        url=data["url"],
        title=data["title"],
        lang=data["lang"],
        text=data["text"],
        meta=tuple((k, v) for k, v in data["meta"]),
        links=tuple(LinkRef(u, t, x, h, ht, p, r) for u, t, x, h, ht, p, r in data["links"]),
        images=tuple(Image(s, a, h) for s, a, h in data["images"]),
        forms=tuple(Form(a, m, tuple(f), tuple(u)) for a, m, f, u in data["forms"]),
        scripts=tuple(
            Script(s[0], s[1], tuple((k, v) for k, v in s[2]) if len(s) > 2 else ()) for s in data["scripts"]
        ),
        base_url=data["base_url"],
        has_viewport=data["has_viewport"],
        encoding=data["encoding"],
        accessibility=_accessibility(data.get("accessibility")),
        extra=data["extra"],
    )
