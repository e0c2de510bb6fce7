"""What a response really is, from its declared type, its first bytes and its URL.

Servers of government sites often send the wrong ``Content-Type``: a PDF as ``text/html``, an
HTML error page as ``application/pdf``, a Word file as ``application/octet-stream``. The magic
bytes at the start of the body win over the declared type; the declared type wins over the
file extension of the URL.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import urlsplit

__all__ = ["ContentKind", "UrlKind", "guess_kind_from_url", "sniff_kind"]

ContentKind = Literal["html", "pdf", "image", "office", "archive", "text", "script-style", "binary"]
UrlKind = Literal["page", "attachment", "image", "script-style", "other"]

_ATTACHMENT_EXTENSIONS = frozenset(
    {"pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ofd", "zip", "rar", "7z", "txt", "csv", "ppt", "pptx"}
)
_IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "bmp", "webp", "svg", "ico"})
_SCRIPT_STYLE_EXTENSIONS = frozenset({"js", "css"})
_PAGE_EXTENSIONS = frozenset({"html", "htm", "shtml", "jsp", "asp", "aspx", "php"})

_OFFICE_EXTENSIONS = frozenset({"doc", "docx", "xls", "xlsx", "wps", "et", "ofd", "ppt", "pptx", "dps"})
_ARCHIVE_EXTENSIONS = frozenset({"zip", "rar", "7z", "gz", "tgz", "tar", "bz2", "xz"})
_TEXT_EXTENSIONS = frozenset({"txt", "csv", "xml", "json"})

# (prefix, kind): signatures that are never the start of a text document.
_MAGIC: tuple[tuple[bytes, ContentKind], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"\x00\x00\x01\x00", "image"),  # ICO
    (b"II*\x00", "image"),  # TIFF
    (b"MM\x00*", "image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office"),  # OLE2: doc, xls, ppt, wps, et
    (b"{\\rtf", "office"),
    (b"Rar!\x1a\x07", "archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"\x1f\x8b", "archive"),  # gzip
    (b"BZh", "archive"),
    (b"\xfd7zXZ\x00", "archive"),
)
_ZIP_MAGIC = b"PK\x03\x04"
# member names an office document's zip starts with (openpyxl and some Java writers put docProps/ first)
_OFFICE_ZIP_MEMBERS = (b"[Content_Types].xml", b"docProps/", b"word/", b"xl/", b"ppt/", b"OFD.xml", b"Doc_0/")

# Tags that make a browser sniff an untyped document as HTML (WHATWG MIME Sniffing, 7.1).
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|meta|link)[\s>/]"
    rb"|<!--",
    re.IGNORECASE,
)
_SVG_START = re.compile(
    rb"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+svg[^>]*>\s*)?<svg[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_CONTROL_BYTES = bytes(sorted(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}))


def _extension(url: str) -> str:
    try:
        path = urlsplit(url).path
    except ValueError:  # http://[not-an-ipv6/
        path = url.split("?", 1)[0].split("#", 1)[0]
    name = path.rsplit("/", 1)[-1]
    if "." not in name:
        return ""
    return name.rsplit(".", 1)[-1].lower()


def guess_kind_from_url(url: str) -> UrlKind:
    """What a link points at, judged only by the file extension of its path.

    ``.pdf .doc .docx .xls .xlsx .wps .et .ofd .zip .rar .7z .txt .csv .ppt .pptx`` are
    attachments; ``.jpg .png .gif …`` images; ``.js .css`` script-style; ``.html .htm .shtml
    .jsp .asp .aspx .php`` and paths without an extension are pages; anything else is other.
    """
    extension = _extension(url)
    if not extension or extension in _PAGE_EXTENSIONS:
        return "page"
    if extension in _ATTACHMENT_EXTENSIONS:
        return "attachment"
    if extension in _IMAGE_EXTENSIONS:
        return "image"
    if extension in _SCRIPT_STYLE_EXTENSIONS:
        return "script-style"
    return "other"


_DOCUMENT_EXTENSIONS = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "csv", "txt"})
_DOCUMENT_TYPES = frozenset(
    {
        "application/pdf",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "text/csv",
    }
)


def is_readable_document(url: str, content_type: str | None) -> bool:
    """A document whose text govinspect can read (PDF, Word, Excel, CSV, plain text), by name or type.

    The crawler downloads these whole when they belong to the site, so the checks can read them.
    """
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    return _extension(url) in _DOCUMENT_EXTENSIONS or mime in _DOCUMENT_TYPES


def _kind_from_magic(head: bytes) -> ContentKind | None:
    for prefix, kind in _MAGIC:
        if head.startswith(prefix):
            return kind
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image"
    if head.startswith(_ZIP_MAGIC):
        return "office" if any(member in head for member in _OFFICE_ZIP_MEMBERS) else "archive"
    if b"%PDF-" in head[:1024]:  # some generators put junk before the header; readers accept it
        return "pdf"
    return None


def _strip_text_start(head: bytes) -> bytes:
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip()


def _looks_binary(head: bytes) -> bool:
    """NUL bytes or more than 5 % control characters: not text in any charset a site uses."""
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = head[:2048]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C, not per byte
    return controls * 20 > len(sample)


def _kind_from_declared(mime: str) -> ContentKind | None:
    if mime in ("text/html", "application/xhtml+xml"):
        return "html"
    if mime in ("application/pdf", "application/x-pdf"):
        return "pdf"
    if mime.startswith("image/"):
        return "image"
    if mime in ("text/css", "text/javascript", "application/javascript", "application/x-javascript"):
        return "script-style"
    if mime in ("application/ecmascript", "text/ecmascript"):
        return "script-style"
    if (
        mime in ("application/msword", "application/ofd", "application/rtf", "application/wps-office.wps")
        or mime.startswith(("application/vnd.ms-", "application/vnd.openxmlformats", "application/vnd.oasis"))
        or mime.startswith(("application/kswps", "application/x-ofd", "application/vnd.wps"))
        or mime.startswith("application/wps")
    ):
        return "office"
    if mime in (
        "application/zip",
        "application/x-zip-compressed",
        "application/x-rar-compressed",
        "application/vnd.rar",
        "application/x-rar",
        "application/x-7z-compressed",
        "application/gzip",
        "application/x-gzip",
        "application/x-tar",
    ):
        return "archive"
    if mime.startswith("text/") or mime in ("application/json", "application/xml"):
        return "text"
    return None


def _kind_from_extension(url: str) -> ContentKind | None:
    extension = _extension(url)
    if extension == "pdf":
        return "pdf"
    if extension in _OFFICE_EXTENSIONS:
        return "office"
    if extension in _ARCHIVE_EXTENSIONS:
        return "archive"
    if extension in _IMAGE_EXTENSIONS:
        return "image"
    if extension in _SCRIPT_STYLE_EXTENSIONS:
        return "script-style"
    if extension in _TEXT_EXTENSIONS:
        return "text"
    if extension in _PAGE_EXTENSIONS:
        return "html"
    return None


def sniff_kind(url: str, content_type: str | None, head: bytes) -> ContentKind:
    """The kind of a response from its URL, declared ``Content-Type`` and first bytes.

    Magic bytes decide first (a PDF served as ``text/html`` is ``pdf``). Markup sent with a
    file type (an error page served as ``application/pdf``) or untyped is ``html``. Bytes that
    no text charset produces (NUL, many control characters) are ``binary`` even if declared as
    ``text/html``. Untyped content falls back on the URL's file extension.
    """
    magic = _kind_from_magic(head)
    if magic is not None:
        return magic

    mime = (content_type or "").split(";", 1)[0].strip().lower()
    declared = _kind_from_declared(mime)
    text_start = _strip_text_start(head)
    if _looks_binary(head):
        return declared if declared in ("image", "office", "archive", "pdf") else "binary"
    if _HTML_START.match(text_start):
        if declared in ("text", "script-style") and mime != "text/xml":
            return declared  # a browser never renders text/plain or CSS as a page
        return "html"
    if _SVG_START.match(text_start):
        return "image"
    if declared is not None:
        return declared
    from_extension = _kind_from_extension(url)
    if from_extension is not None and (from_extension in ("html", "text", "script-style") or not head):
        return from_extension
    return "text"
