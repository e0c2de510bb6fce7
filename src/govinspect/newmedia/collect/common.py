"""Small helpers every collector uses: the error collection, plain text from HTML, Beijing time."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from selectolax.lexbor import LexborHTMLParser

from govinspect.model.account import Account, Collection, SourceKind

BEIJING = timezone(timedelta(hours=8), "CST")
_SPACE = re.compile(r"\s+")
# Block elements and line breaks separate words; inline ones (b, em, a, span) do not, in Chinese.
_BLOCK_TAG = re.compile(
    r"<(?:br|/?(?:p|div|li|ul|ol|tr|td|th|h[1-6]|section|article|blockquote|pre|table))\b[^>]*>",
    re.IGNORECASE,
)


def failed(account: Account, as_of: datetime, source: SourceKind, error: str) -> Collection:
    """A collection that read nothing, saying why."""
    return Collection(account.key, as_of, source, (), error=error)


def plain_text(html: str) -> str:
    """The readable text of an HTML fragment (a feed summary, a post body), whitespace collapsed."""
    if "<" not in html and "&" not in html:
        return _SPACE.sub(" ", html).strip()
    tree = LexborHTMLParser(f"<div>{_BLOCK_TAG.sub(' ', html)}</div>")
    for node in tree.css("script, style"):
        node.decompose()
    body = tree.body
    return _SPACE.sub(" ", body.text(separator="") if body is not None else "").strip()
