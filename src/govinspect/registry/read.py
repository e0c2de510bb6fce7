"""Reading the raw rows of a registry file: CSV (UTF-8 or GBK/GB18030) or an XLSX workbook's first sheet."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import openpyxl

from govinspect.registry.result import RegistryError

_ZIP_MAGIC = b"PK\x03\x04"  # XLSX is a zip archive
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Excel .xls and WPS .et workbooks
_CSV_SUFFIXES = (".csv", ".txt")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True, slots=True)
class RawRow:
    """The cells of one row as text, with the line it starts on.

    ``last_line`` differs from ``line`` for a CSV row whose quoted cells hold line breaks.
    """

    line: int
    cells: tuple[str, ...]
    last_line: int


def read_rows(path: Path) -> list[RawRow]:
    """Every row of the file, empty ones included, in order.

    The format is taken from the content (an XLSX workbook is a zip archive)
    and otherwise from the suffix. Raises :class:`RegistryError` when the file
    cannot be read as a registry at all.
    """
    try:
        with path.open("rb") as file:
            start = file.read(len(_OLE_MAGIC))
    except FileNotFoundError:
        raise RegistryError(f"registry file not found: {path}") from None
    except OSError as exc:
        raise RegistryError(f"cannot read registry file {path}: {exc.strerror or exc}") from None
    if start.startswith(_ZIP_MAGIC):
        return _xlsx_rows(path)
    if start.startswith(_OLE_MAGIC):
        raise RegistryError(f"{path} is an old Excel (.xls) or WPS workbook: save it as .xlsx or CSV UTF-8")
    suffix = path.suffix.lower()
    if suffix in _XLSX_SUFFIXES:
        raise RegistryError(f"{path} is not a valid XLSX workbook")
    if suffix not in _CSV_SUFFIXES:
        raise RegistryError(f"{path} is not a registry file: give a .csv or .xlsx file")
    return _csv_rows(_decode(path.read_bytes(), path), path)


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM); otherwise GB18030, the superset of the GBK that Excel uses in China."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict_utf8(data[len(codecs.BOM_UTF8) :], path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RegistryError(f"{path} is UTF-16 text (Excel 'Unicode text'): save it as CSV UTF-8 or .xlsx")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _damaged_utf8(data):
        return _strict_utf8(data, path)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise RegistryError(f"{path} is neither UTF-8 nor GBK/GB18030 text: save it as CSV UTF-8") from None


def _damaged_utf8(data: bytes) -> bool:
    """Whether text that is not valid UTF-8 is nevertheless UTF-8 with a few broken bytes.

    Chinese GBK text read as UTF-8 breaks on almost every character; UTF-8 with
    a damaged byte decodes almost entirely. Reading the latter as GB18030 would
    turn every Chinese name into mojibake, so it is refused instead.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    decoded = sum(1 for char in text if ord(char) > 0x7F) - broken
    return decoded >= 10 * broken


def _strict_utf8(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RegistryError(
            f"{path} is UTF-8 text with a damaged byte on line {line}: fix that line or save the file again"
        ) from None


def _csv_rows(text: str, path: Path) -> list[RawRow]:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[RawRow] = []
    last_line = 0
    try:
        for cells in reader:
            rows.append(RawRow(last_line + 1, tuple(cells), reader.line_num))
            last_line = reader.line_num
    except csv.Error as exc:
        raise RegistryError(f"{path} line {reader.line_num}: not readable as CSV ({exc})") from None
    return rows


def _xlsx_rows(path: Path) -> list[RawRow]:
    with path.open("rb") as file:  # a file object: openpyxl refuses paths not ending in .xlsx
        return _sheet_rows(file, path)


def _sheet_rows(file: BinaryIO, path: Path) -> list[RawRow]:
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl reports damaged workbooks with many exception types
        raise RegistryError(f"{path} is not a readable XLSX workbook ({exc})") from None
    try:
        if not workbook.worksheets:
            raise RegistryError(f"{path} has no worksheet")
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong sheet size, which would cut rows off
        return [
            RawRow(number, tuple(_cell_text(value) for value in values), number)
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
        ]
    except RegistryError:
        raise
    except Exception as exc:  # a damaged sheet inside a valid zip
        raise RegistryError(f"{path}: the first worksheet cannot be read ({exc})") from None
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV export would hold (``1101070001``, not ``1101070001.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()  # Excel stores dates as date-times at midnight
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)
