"""Turn the bytes of an HTML response into text, even when the page lies about its charset.

Many government pages declare one charset and send another: the server says ``utf-8`` but the
page is GBK, or ``<meta charset="gb2312">`` sits on a page that was re-saved as UTF-8. The order
tried is: byte-order mark; the charset of the ``Content-Type`` header; the ``<meta>`` charset in
the first 4 KB; detection by charset-normalizer; UTF-8 with replacement characters. A declared
charset is believed only if the body decodes with it; otherwise the next source is tried. When
nothing decodes cleanly, a declared charset with a stray bad byte is kept, and an undeclared page
that reads as GB18030 with at most a stray error is taken as Chinese rather than as the
single-byte charset a detector may guess for it.

GBK, GB2312 and their aliases are decoded as GB18030, which contains them all, so characters
outside GB2312 (rare names of people and places) survive.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

__all__ = ["decode_html", "normalise_charset"]

_META_WINDOW_BYTES = 4096
_DETECTION_WINDOW_BYTES = 256 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels a browser reads as a superset encoding (WHATWG Encoding Standard, plus aliases seen on
# Chinese sites). Python knows neither ``x-gbk`` nor ``gb_2312-80``.
_SUPERSETS = {
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "euc-cn": "gb18030",
    "x-euc-cn": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
}

_MULTI_BYTE_CHARSETS = frozenset(
    {"gb18030", "big5hkscs", "big5", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949", "iso2022_jp", "utf-8"}
)

# Server defaults (Tomcat, Apache) that are sent whatever the page is: a <meta> charset that
# disagrees with them is more likely right.
_WEAK_HEADER_CHARSETS = frozenset({"cp1252"})

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def normalise_charset(label: str | None) -> str | None:
    """The Python codec to decode a charset label with, or None for an unknown label.

    ``gbk``, ``gb2312``, ``x-gbk``, ``cp936`` … all become ``gb18030``; ``iso-8859-1`` and
    ``ascii`` become ``cp1252`` as in browsers.
    """
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    if key in _SUPERSETS:
        return _SUPERSETS[key]
    try:
        name = codecs.lookup(key).name
        b"a".decode(name)  # rejects codecs that are not text encodings: base64, rot13, zlib …
    except (LookupError, UnicodeError, ValueError):
        return None
    return _SUPERSETS.get(name, name)


def _charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    found = _HEADER_CHARSET.search(content_type)
    return normalise_charset(found.group(1)) if found else None


def _charset_from_meta(body: bytes) -> str | None:
    found = _META_CHARSET.search(body, 0, _META_WINDOW_BYTES)
    return normalise_charset(found.group(1).decode("ascii", "replace")) if found else None


def _decode_strict(body: bytes, encoding: str) -> str | None:
    """Decode without errors, tolerating a multi-byte character cut off at the end.

    Bodies are often truncated by the fetcher's size cap in the middle of a character.
    """
    try:
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        return decoder.decode(body, final=False)
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None


def _decode_lenient(body: bytes, encoding: str) -> str | None:
    """Decode with U+FFFD for bad bytes; None if the codec fails anyway (idna, punycode …)."""
    try:
        return body.decode(encoding, "replace")
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None


def _few_replacements(text: str) -> bool:
    """True unless U+FFFD makes up a noticeable part of the text (at most 3, or 0.1 %)."""
    count = text.count("\ufffd")
    return count <= 3 or count * 1000 <= len(text)


def _declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    header = _charset_from_content_type(content_type)
    meta = _charset_from_meta(body)
    ordered = [meta, header] if header in _WEAK_HEADER_CHARSETS and meta else [header, meta]
    result: list[str] = []
    for name in ordered:
        if not name or name in result:
            continue
        if name.startswith(("utf-16", "utf-32")) and b"\x00" not in body[:64]:
            continue  # a UTF-16 label on ASCII-compatible bytes: browsers read those as UTF-8 too
        result.append(name)
    return result


def _detect(body: bytes) -> str | None:
    best = from_bytes(body[:_DETECTION_WINDOW_BYTES]).best()
    return normalise_charset(best.encoding) if best is not None else None


def decode_html(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode an HTML response body; return ``(text, codec name used)``. Never raises.

    A declared charset (header, then ``<meta>``) is used only if the body decodes with it. A body
    that is valid UTF-8 and not plain ASCII is read as UTF-8 even when a legacy charset is
    declared: GBK text is practically never valid UTF-8, so the declaration is the lie.
    """
    for bom, bom_encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(bom_encoding, "replace"), bom_encoding

    declared = _declared_charsets(body, content_type)
    utf8_text = _decode_strict(body, "utf-8")
    utf8_usable = utf8_text is not None and _few_replacements(utf8_text)
    utf8_non_ascii = utf8_text is not None and len(utf8_text) != len(body)

    for encoding in declared:
        if encoding == "utf-8" or (utf8_usable and utf8_non_ascii and not encoding.startswith("utf-")):
            if utf8_text is not None and utf8_usable:
                return utf8_text, "utf-8"
            continue
        text = _decode_strict(body, encoding)
        if text is not None and _few_replacements(text):
            return text, encoding

    if utf8_text is not None and utf8_usable:
        return utf8_text, "utf-8"

    # Nothing decodes cleanly: a declared charset with a stray bad byte beats a guess.
    for encoding in declared:
        text = _decode_lenient(body, encoding)
        if text is not None and _few_replacements(text):
            return text, encoding

    detected = _detect(body)
    if detected not in _MULTI_BYTE_CHARSETS:
        # A single-byte guess on bytes that read as Chinese with a stray error or two is
        # usually wrong: an undeclared page on a Chinese site is GBK (as a zh-CN browser assumes).
        chinese = body.decode("gb18030", "replace")
        if chinese.count("\ufffd") <= 2 + len(chinese) // 10_000:
            return chinese, "gb18030"
    if detected is not None:
        text = _decode_lenient(body, detected)
        if text is not None and _few_replacements(text):
            return text, detected
    return body.decode("utf-8", "replace"), "utf-8"
