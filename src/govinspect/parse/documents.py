"""Read the text of a published document (PDF, Word, Excel, CSV/TXT) piece by piece.

:func:`read_document` takes the stored bytes of an attachment and yields its text as
:class:`TextChunk` pieces, each with a place a site editor can find (第3页, 「名单」表第12行,
表1第4行, 第7段). Pieces are small (a page, a row, a paragraph), so a 200-page PDF or a
50,000-row workbook is read without holding its whole text; the bytes themselves are at most
the crawler's attachment cap (16 MiB).

Formats: PDF (pypdf: the text layer, Chinese included when the PDF maps its glyphs to Unicode;
a scanned PDF has no text layer); DOCX (the body of ``word/document.xml``, streamed); XLSX
(each sheet streamed, the shared strings packed); legacy XLS (xlrd); legacy DOC and WPS (the
text pieces of the ``WordDocument`` stream, through olefile); CSV and TXT (charset detection
as for HTML pages).
A document that cannot be read raises :class:`DocumentUnreadable` with a reason in Chinese and
English; one that goes over its :class:`ReadBudget` raises :class:`DocumentBudgetExceeded`
after the pieces read so far.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import struct
import time
import xml.etree.ElementTree as ElementTree
import zipfile
import zlib
from array import array
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Literal

from govinspect.parse.encoding import decode_html

__all__ = [
    "DocumentBudgetExceeded",
    "DocumentFormat",
    "DocumentUnreadable",
    "ReadBudget",
    "TextChunk",
    "detect_format",
    "read_document",
]

DocumentFormat = Literal["pdf", "docx", "xlsx", "doc", "xls", "text"]

CELL_SEPARATOR = " | "
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_XML_BYTES = 512 * 1024 * 1024  # an uncompressed part larger than this is a zip bomb
_TEXT_LINES_PER_CHUNK = 50
_PDF_HEADER_CHARS = 200  # the top of a page, where a table's header row sits
_CUT_NUMBER = re.compile(r"(?<![0-9])([0-9]{4,17})[ \t]*\n[ \t]*([0-9]{1,14}[Xx]?)(?![0-9A-Za-z])")

# pypdf logs each repair of a broken file ("EOF marker not found"); an unreadable file becomes a
# finding instead, so its warnings would only clutter the run's output.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class TextChunk:
    """A piece of a document's text and where it is: a page, a table row, a paragraph.

    ``header`` is the header row of the table a row belongs to (or the top of a PDF page), so
    a reader can tell what a column holds.
    """

    text: str
    location: str
    header: str = ""


@dataclass(frozen=True, slots=True)
class ReadBudget:
    """How much one document may cost: wall-clock seconds and characters of text."""

    max_seconds: float = 60.0
    max_chars: int = 50_000_000


class DocumentUnreadable(Exception):
    """The document cannot be read: corrupt, encrypted, or of a kind this reader does not know."""

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason_zh = reason_zh
        self.reason_en = reason_en


class DocumentBudgetExceeded(DocumentUnreadable):
    """Reading stopped at the budget; ``read_up_to`` says where (the last place read)."""

    def __init__(self, read_up_to: str, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_zh, reason_en)
        self.read_up_to = read_up_to


def detect_format(body: bytes, url: str = "", content_type: str | None = None) -> DocumentFormat | None:
    """The format of a document, from its first bytes (then its URL and content type); None if unknown."""
    head = body[:8]
    if b"%PDF-" in body[:1024]:  # some generators put junk before the header; readers accept it
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, EOFError):
            return _format_from_name(url, content_type)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return None
    if head == _OLE_MAGIC:
        return _ole_format(body) or _format_from_name(url, content_type)
    name_format = _format_from_name(url, content_type)
    if name_format == "text" or (name_format is None and _looks_like_text(body)):
        return "text"
    return name_format


def _format_from_name(url: str, content_type: str | None) -> DocumentFormat | None:
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    by_extension: dict[str, DocumentFormat] = {
        ".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".doc": "doc", ".wps": "doc", ".xls": "xls",
        ".et": "xls", ".csv": "text", ".txt": "text",
    }  # fmt: skip
    for extension, document_format in by_extension.items():
        if path.endswith(extension):
            return document_format
    if mime in ("text/plain", "text/csv"):
        return "text"
    if mime == "application/pdf":
        return "pdf"
    return None


def _looks_like_text(body: bytes) -> bool:
    head = body[:4096]
    return (
        bool(head) and b"\x00" not in head and not head.lstrip().lower().startswith((b"<!doctype", b"<html"))
    )


def _ole_format(body: bytes) -> DocumentFormat | None:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(body)) as ole:
            if ole.exists("WordDocument"):
                return "doc"
            if ole.exists("Workbook") or ole.exists("Book"):
                return "xls"
    except (OSError, ValueError):
        return None
    return None


def read_document(
    body: bytes,
    *,
    url: str = "",
    content_type: str | None = None,
    budget: ReadBudget | None = None,
) -> Iterator[TextChunk]:
    """Yield the text of a document in pieces, stopping at the budget.

    Raises :class:`DocumentUnreadable` (with the reason) when the bytes are not a document this
    reader knows or are corrupt, and :class:`DocumentBudgetExceeded` when the document takes
    longer or holds more text than the budget allows (after yielding what was read).
    """
    budget = budget or ReadBudget()
    document_format = detect_format(body, url, content_type)
    readers: dict[DocumentFormat, Callable[[bytes], Generator[TextChunk]]] = {
        "pdf": _read_pdf,
        "docx": _read_docx,
        "xlsx": _read_xlsx,
        "xls": _read_xls,
        "doc": _read_doc,
        "text": lambda data: _read_text(data, url, content_type),
    }
    if document_format is None:
        raise DocumentUnreadable("无法识别的文件格式", "unknown document format")
    deadline = time.monotonic() + budget.max_seconds
    chars = 0
    chunks = readers[document_format](body)
    try:
        for chunk in chunks:
            yield chunk
            chars += len(chunk.text)
            if chars > budget.max_chars:
                raise DocumentBudgetExceeded(
                    chunk.location,
                    f"文字超过 {budget.max_chars} 字",
                    f"more than {budget.max_chars} characters",
                )
            if time.monotonic() > deadline:
                raise DocumentBudgetExceeded(
                    chunk.location,
                    f"读取超过 {budget.max_seconds:g} 秒",
                    f"reading took longer than {budget.max_seconds:g} s",
                )
    finally:
        chunks.close()  # the workbook or archive is closed now, not when collected


# --- PDF -----------------------------------------------------------------------------------


def _read_pdf(body: bytes) -> Generator[TextChunk]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(body), strict=False)
        encrypted = reader.is_encrypted
    except Exception as error:  # pypdf raises many types on a broken file
        raise DocumentUnreadable("PDF 文件已损坏，无法读取", f"corrupt PDF: {error}") from error
    if encrypted:
        try:  # many PDFs are encrypted only against editing, with an empty password to open them
            opened = bool(reader.decrypt(""))
        except Exception:  # an unknown method, or AES without the cryptography package
            opened = False
        if not opened:
            raise DocumentUnreadable("PDF 文件已加密，无法读取", "the PDF is encrypted")
    try:
        pages = reader.pages
        count = len(pages)
    except Exception as error:
        raise DocumentUnreadable("PDF 文件已损坏，无法读取", f"corrupt PDF: {error}") from error
    for number in range(count):
        try:
            text = pages[number].extract_text() or ""
        except Exception as error:
            raise DocumentUnreadable(
                f"PDF 第{number + 1}页已损坏，无法读取", f"corrupt PDF page {number + 1}: {error}"
            ) from error
        if text.strip():
            text = _join_cut_numbers(text)
            yield TextChunk(text, f"第{number + 1}页", header=text[:_PDF_HEADER_CHARS])


def _join_cut_numbers(text: str) -> str:
    """Join a number that a narrow table cell wrapped onto two lines (``11010519491231`` /
    ``002X``) when the two parts make the length of a mobile (11), an ID (15, 18) or a card
    (16–19); a row that ends with a number and a next row that starts with one stay apart."""

    def join(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        whole = len(head) + len(tail)
        return head + tail if whole in (11, 15, 16, 17, 18, 19) and len(head) >= 4 else match.group()

    return _CUT_NUMBER.sub(join, text)


# --- DOCX ----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open_zip_part(body: bytes, name: str) -> tuple[zipfile.ZipFile, io.BufferedIOBase]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        info = archive.getinfo(name)
        if info.file_size > _MAX_XML_BYTES:
            raise DocumentUnreadable(
                "文件解压后过大（疑似压缩炸弹）", f"{name} unpacks to {info.file_size} bytes"
            )
        return archive, archive.open(info)  # type: ignore[return-value]
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as error:
        raise DocumentUnreadable("Word 文件已损坏，无法读取", f"corrupt DOCX: {error}") from error


def _read_docx(body: bytes) -> Generator[TextChunk]:
    archive, part = _open_zip_part(body, "word/document.xml")
    with archive, part:
        try:
            yield from _docx_chunks(part)
        except (ElementTree.ParseError, zipfile.BadZipFile, EOFError, OSError) as error:
            raise DocumentUnreadable("Word 文件已损坏，无法读取", f"corrupt DOCX: {error}") from error


def _docx_chunks(part: io.BufferedIOBase) -> Iterator[TextChunk]:
    """Paragraphs outside tables, and table rows (cells joined), in document order."""
    body_element: ElementTree.Element | None = None
    table_depth = 0
    tables = paragraphs = row_number = 0
    header = ""
    cells: list[str] = []
    cell: list[str] = []
    paragraph: list[str] = []
    for event, element in ElementTree.iterparse(part, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_W}body":
                body_element = element
            elif tag == f"{_W}tbl":
                table_depth += 1
                if table_depth == 1:
                    tables += 1
                    row_number = 0
                    header = ""
            elif tag == f"{_W}tr" and table_depth == 1:
                cells = []
            elif tag == f"{_W}tc" and table_depth == 1:
                cell = []
            continue
        if tag == f"{_W}t" and element.text:
            paragraph.append(element.text)
        elif tag == f"{_W}tab":
            paragraph.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            paragraph.append("\n")
        elif tag == f"{_W}p":
            text = "".join(paragraph)
            paragraph = []
            if table_depth:
                cell.append(text)
            elif text.strip():
                paragraphs += 1
                yield TextChunk(text, f"第{paragraphs}段")
        elif tag == f"{_W}tc" and table_depth == 1:
            cells.append(" ".join(part_text.strip() for part_text in cell if part_text.strip()))
        elif tag == f"{_W}tr" and table_depth == 1:
            row_number += 1
            row_text = CELL_SEPARATOR.join(cells)
            if row_number == 1:
                header = row_text
            if row_text.strip(" |"):
                yield TextChunk(row_text, f"表{tables}第{row_number}行", header=header)
        elif tag == f"{_W}tbl":
            table_depth -= 1
        if body_element is not None and tag in (f"{_W}p", f"{_W}tbl") and table_depth == 0:
            body_element.clear()  # what was read is let go: memory stays flat


# --- XLSX / XLS ----------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e20:
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value).strip()


def _row_chunks(sheet: str, rows: Iterable[tuple[int, Sequence[object]]]) -> Iterator[TextChunk]:
    """The non-empty rows of a sheet (numbered as the sheet numbers them), with its header row."""
    header = ""
    for number, row in rows:
        cells = [_cell_text(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        text = CELL_SEPARATOR.join(cells)
        if not header:
            header = text
        yield TextChunk(text, f"「{sheet}」表第{number}行", header=header)


_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_R = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_XLSX_ERRORS = (
    ElementTree.ParseError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
    IndexError,
)
_STRINGS_PER_BLOCK = 4096
_WHOLE_NUMBER = re.compile(r"-?\d+(?:\.0+)?")


class _SharedStrings:
    """A workbook's shared-string table, packed: the strings of each block of 4,096 joined into one
    ``str`` with an array of end offsets. About 2 bytes a Chinese character, against some 60 bytes
    of overhead for each separate Python string (a 200,000-row payroll holds 600,000 of them)."""

    def __init__(self) -> None:
        self._blocks: list[str] = []
        self._ends: list[array[int]] = []
        self._pending: list[str] = []

    def append(self, text: str) -> None:
        self._pending.append(text)
        if len(self._pending) == _STRINGS_PER_BLOCK:
            self._seal()

    def _seal(self) -> None:
        ends = array("I")
        length = 0
        for text in self._pending:
            length += len(text)
            ends.append(length)
        self._blocks.append("".join(self._pending))
        self._ends.append(ends)
        self._pending = []

    def __getitem__(self, index: int) -> str:
        if self._pending:
            self._seal()
        block, offset = divmod(index, _STRINGS_PER_BLOCK)
        ends = self._ends[block]
        return self._blocks[block][ends[offset - 1] if offset else 0 : ends[offset]]


def _xml_text(element: ElementTree.Element) -> str:
    """The text of a string item (``<si>`` or ``<is>``): its runs, without phonetic guides."""
    parts = [element.findtext(f"{_S}t") or ""]
    parts += [run.findtext(f"{_S}t") or "" for run in element.findall(f"{_S}r")]
    return "".join(parts)


def _read_xlsx(body: bytes) -> Generator[TextChunk]:
    """The rows of each worksheet, streamed from the sheet XML (cached values, no styles)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise DocumentUnreadable("Excel 文件已损坏，无法读取", f"corrupt XLSX: {error}") from error
    with archive:
        try:
            sheets = _xlsx_sheets(archive)
            shared = _xlsx_shared_strings(archive)
        except _XLSX_ERRORS as error:
            raise DocumentUnreadable("Excel 文件已损坏，无法读取", f"corrupt XLSX: {error}") from error
        for name, part in sheets:
            try:
                yield from _row_chunks(name, _xlsx_rows(archive, part, shared))
            except _XLSX_ERRORS as error:
                raise DocumentUnreadable(
                    f"Excel 工作表「{name}」已损坏，无法读取", f"corrupt XLSX sheet {name}: {error}"
                ) from error


def _zip_member(archive: zipfile.ZipFile, name: str) -> IO[bytes]:
    info = archive.getinfo(name)
    if info.file_size > _MAX_XML_BYTES:
        raise DocumentUnreadable(
            "文件解压后过大（疑似压缩炸弹）", f"{name} unpacks to {info.file_size} bytes"
        )
    return archive.open(info)


def _xlsx_sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) of each worksheet, in workbook order."""
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for relation in relations.iter(f"{_PACKAGE_R}Relationship"):
        target = relation.get("Target", "")
        targets[relation.get("Id")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheets = []
    for sheet in workbook.iter(f"{_S}sheet"):
        part = targets.get(sheet.get(f"{_R}id"))
        if part and part in archive.namelist() and "worksheets/" in part:
            sheets.append((sheet.get("name", ""), part))
    return sheets


def _xlsx_shared_strings(archive: zipfile.ZipFile) -> _SharedStrings:
    shared = _SharedStrings()
    if "xl/sharedStrings.xml" not in archive.namelist():
        return shared
    table: ElementTree.Element | None = None
    with _zip_member(archive, "xl/sharedStrings.xml") as part:
        for event, element in ElementTree.iterparse(part, events=("start", "end")):
            if event == "start":
                if element.tag == f"{_S}sst":
                    table = element
            elif element.tag == f"{_S}si":
                shared.append(_xml_text(element))
                if table is not None:
                    table.clear()
    return shared


def _xlsx_rows(
    archive: zipfile.ZipFile, part: str, shared: _SharedStrings
) -> Iterator[tuple[int, list[str]]]:
    """(row number, cell texts by column) of one worksheet, streamed."""
    data: ElementTree.Element | None = None
    cells: dict[int, str] = {}
    number = 0
    with _zip_member(archive, part) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_S}sheetData":
                    data = element
                continue
            if tag == f"{_S}c":
                column = _column_index(element.get("r", "")) if element.get("r") else len(cells)
                cells[column] = _xlsx_cell(element, shared)
            elif tag == f"{_S}row":
                number = int(element.get("r") or number + 1)
                width = max(cells) + 1 if cells else 0
                yield number, [cells.get(column, "") for column in range(width)]
                cells = {}
                if data is not None:
                    data.clear()


def _column_index(reference: str) -> int:
    index = 0
    for char in reference:
        if not char.isalpha():
            break
        index = index * 26 + ord(char.upper()) - 64
    return index - 1


def _xlsx_cell(cell: ElementTree.Element, shared: _SharedStrings) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(f"{_S}is")
        return _xml_text(inline).strip() if inline is not None else ""
    value = cell.findtext(f"{_S}v") or ""
    if kind == "s":
        return shared[int(value)].strip() if value else ""
    if kind == "b":
        return "TRUE" if value == "1" else "FALSE"
    if kind == "n" and _WHOLE_NUMBER.fullmatch(value):
        return value.split(".", 1)[0]  # the digits as stored: no float rounding of long numbers
    return value.strip()


def _read_xls(body: bytes) -> Generator[TextChunk]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=body, on_demand=True)
    except Exception as error:  # xlrd raises many types on a broken file
        raise DocumentUnreadable("Excel（xls）文件已损坏，无法读取", f"corrupt XLS: {error}") from error
    try:
        for index in range(book.nsheets):
            try:
                sheet = book.sheet_by_index(index)
            except Exception as error:
                raise DocumentUnreadable(
                    f"Excel（xls）第{index + 1}个工作表已损坏", f"corrupt XLS sheet {index + 1}: {error}"
                ) from error
            rows = ((number + 1, sheet.row_values(number)) for number in range(sheet.nrows))
            yield from _row_chunks(sheet.name, rows)
            book.unload_sheet(index)
    finally:
        book.release_resources()


# --- DOC (Word 97–2003, WPS) ---------------------------------------------------------------

_DOC_FIELD_START, _DOC_FIELD_SEPARATOR, _DOC_FIELD_END = "\x13", "\x14", "\x15"


def _read_doc(body: bytes) -> Generator[TextChunk]:
    """The text of a Word 97–2003 file, from the piece table (CLX) its FIB points to."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(body)) as ole:
            word = ole.openstream("WordDocument").read()
            identifier, flags = struct.unpack_from("<H8xH", word, 0)
            if identifier != 0xA5EC:
                raise DocumentUnreadable("Word（doc）文件格式不正确", "not a Word 97-2003 document")
            if flags & 0x0100:
                raise DocumentUnreadable("Word（doc）文件已加密", "the DOC is encrypted")
            table_name = "1Table" if flags & 0x0200 else "0Table"
            table = ole.openstream(table_name).read()
    except DocumentUnreadable:
        raise
    except (OSError, ValueError, struct.error) as error:
        raise DocumentUnreadable("Word（doc）文件已损坏，无法读取", f"corrupt DOC: {error}") from error
    try:
        text = _doc_text(word, table)
    except (struct.error, IndexError, ValueError) as error:
        raise DocumentUnreadable("Word（doc）文件已损坏，无法读取", f"corrupt DOC: {error}") from error
    yield from _doc_chunks(text)


def _doc_text(word: bytes, table: bytes) -> str:
    (csw,) = struct.unpack_from("<H", word, 32)
    lw_start = 34 + csw * 2
    (cslw,) = struct.unpack_from("<H", word, lw_start)
    fc_lcb_start = lw_start + 2 + cslw * 4 + 2
    fc_clx, lcb_clx = struct.unpack_from("<II", word, fc_lcb_start + 33 * 8)
    clx = table[fc_clx : fc_clx + lcb_clx]
    position = 0
    while position < len(clx) and clx[position] == 0x01:  # Prc: property modifiers, skipped
        (size,) = struct.unpack_from("<h", clx, position + 1)
        position += 3 + size
    if position >= len(clx) or clx[position] != 0x02:
        raise ValueError("no piece table")
    (lcb,) = struct.unpack_from("<I", clx, position + 1)
    plc = clx[position + 5 : position + 5 + lcb]
    pieces = (lcb - 4) // 12
    positions = struct.unpack_from(f"<{pieces + 1}I", plc, 0)
    parts: list[str] = []
    for index in range(pieces):
        (fc,) = struct.unpack_from("<I", plc, (pieces + 1) * 4 + index * 8 + 2)
        length = positions[index + 1] - positions[index]
        if fc & 0x40000000:
            offset = (fc & 0x3FFFFFFF) // 2
            parts.append(word[offset : offset + length].decode("cp1252", "replace"))
        else:
            parts.append(word[fc : fc + length * 2].decode("utf-16-le", "replace"))
    return _drop_field_codes("".join(parts))


def _drop_field_codes(text: str) -> str:
    """Keep a field's shown result, drop its instructions (HYPERLINK "…", PAGE …)."""
    out: list[str] = []
    depth = 0
    hiding: list[bool] = []
    for char in text:
        if char == _DOC_FIELD_START:
            depth += 1
            hiding.append(True)
        elif char == _DOC_FIELD_SEPARATOR and depth:
            hiding[-1] = False
        elif char == _DOC_FIELD_END and depth:
            depth -= 1
            hiding.pop()
        elif not any(hiding):
            out.append(char)
    return "".join(out)


def _doc_chunks(text: str) -> Iterator[TextChunk]:
    """Paragraphs, and table rows: a cell ends with \\x07, a row with one more \\x07."""
    cells: list[str] = []
    paragraphs = tables = rows = 0
    header = ""
    in_table = False
    for paragraph in text.replace("\x0c", "\r").replace("\x0b", "\n").split("\r"):
        if "\x07" not in paragraph:
            in_table = False
            cleaned = _printable(paragraph)
            if cleaned:
                paragraphs += 1
                yield TextChunk(cleaned, f"第{paragraphs}段")
            continue
        if not in_table:
            in_table, tables, rows, header = True, tables + 1, 0, ""
        for segment in paragraph.split("\x07")[:-1]:
            if segment or not cells:
                cells.append(_printable(segment))
                continue
            rows += 1  # an empty segment after a cell: the row-end mark
            row_text = CELL_SEPARATOR.join(cells)
            header = header or row_text
            cells = []
            yield TextChunk(row_text, f"表{tables}第{rows}行", header=header)


def _printable(text: str) -> str:
    return "".join(char for char in text if char >= " " or char in "\t\n").strip()


# --- CSV / TXT -----------------------------------------------------------------------------


def _decode_text(body: bytes, content_type: str | None) -> str:
    """UTF-8 or GB18030 when the bytes are valid in it (nearly every Chinese CSV/TXT), else detection."""
    if not body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        for encoding in ("utf-8", "gb18030"):
            try:
                return body.decode(encoding)
            except UnicodeDecodeError:
                continue
    return decode_html(body, content_type)[0]


def _read_text(body: bytes, url: str, content_type: str | None) -> Generator[TextChunk]:
    text = _decode_text(body, content_type)
    if url.split("?", 1)[0].lower().endswith(".csv") or "csv" in (content_type or ""):
        yield from _row_chunks("CSV", enumerate(csv.reader(io.StringIO(text)), start=1))
        return
    lines = text.splitlines()
    for start in range(0, len(lines), _TEXT_LINES_PER_CHUNK):
        piece = "\n".join(lines[start : start + _TEXT_LINES_PER_CHUNK])
        if piece.strip():
            yield TextChunk(piece, f"第{start + 1}行起")
