"""Evidence: every response of a crawl, as it came off the wire, in the crawl's WARC file.

Records are gzip members appended one after another. The store remembers how
many bytes of the file are committed; a crawl killed mid-write is resumed by
cutting the file back to that length, so a half-written record never survives.
"""

from __future__ import annotations

import io
import os
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from govinspect import __version__
from govinspect.crawl.fetch import Hop

_DROPPED_HEADERS = frozenset({"transfer-encoding"})  # the body is stored de-chunked


@dataclass(frozen=True, slots=True)
class RecordRef:
    record_id: str
    offset: int
    length: int


@dataclass(frozen=True, slots=True)
class ArchivedResponse:
    """A response read back from the archive."""

    record_id: str
    url: str
    date: str
    status_line: str
    headers: tuple[tuple[str, str], ...]
    body: bytes  # the payload, de-chunked and decompressed
    truncated: bool = False  # the crawler stopped reading at its size cap (WARC-Truncated)


@dataclass(frozen=True, slots=True)
class RenderedRecord:
    """A WARC record ready to append: its id and its bytes as one gzip member."""

    record_id: str
    member: bytes


def _gzip_member(record: ArcWarcRecord) -> RenderedRecord:
    """One record as its own gzip member (level 6: warcio's level 9 costs twice the CPU)."""
    buffer = io.BytesIO()
    WARCWriter(buffer, gzip=False).write_record(record)
    compressor = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    member = compressor.compress(buffer.getvalue()) + compressor.flush()
    return RenderedRecord(str(record.rec_headers.get_header("WARC-Record-ID")), member)


def render_response(hop: Hop) -> RenderedRecord:
    """The response record of one HTTP exchange. Pure, so it can run in a worker process."""
    headers = [(k, v) for k, v in hop.headers if k.lower() not in _DROPPED_HEADERS]
    http_headers = StatusAndHeaders(f"{hop.status} {hop.reason}".strip(), headers, protocol=hop.http_version)
    warc_headers = {
        "WARC-Date": datetime.fromtimestamp(hop.fetched_at, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    }
    if hop.address:
        warc_headers["WARC-IP-Address"] = hop.address
    if hop.truncated:
        warc_headers["WARC-Truncated"] = "length"
    if hop.method != "GET":
        warc_headers["WARC-Govinspect-Method"] = hop.method
    record = _WRITER.create_warc_record(
        hop.url,
        "response",
        payload=io.BytesIO(hop.raw_body),
        length=len(hop.raw_body),
        http_headers=http_headers,
        warc_headers_dict=warc_headers,
    )
    return _gzip_member(record)


_WRITER = WARCWriter(io.BytesIO(), gzip=False)  # only its record factory is used


class WarcArchive:
    """Appends response records to one crawl's WARC file."""

    def __init__(self, path: Path, committed_bytes: int = 0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        if path.exists() and path.stat().st_size > committed_bytes:
            with path.open("r+b") as handle:  # drop what was written after the last commit
                handle.truncate(committed_bytes)
        self._file: BinaryIO = path.open("ab")
        if committed_bytes == 0 and self._file.tell() == 0:
            info = _WRITER.create_warcinfo_record(
                path.name, {"software": f"govinspect/{__version__}", "format": "WARC File Format 1.1"}
            )
            self.append(_gzip_member(info))

    def append(self, rendered: RenderedRecord) -> RecordRef:
        offset = self._file.tell()
        self._file.write(rendered.member)
        return RecordRef(rendered.record_id, offset, len(rendered.member))

    def write(self, hop: Hop) -> RecordRef:
        return self.append(render_response(hop))

    def position(self) -> int:
        """The archive's length so far (every record appended lies below it)."""
        return self._file.tell()

    def sync(self) -> None:
        """Put what was appended on disk (callable from the store's writer thread)."""
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()


def read_record(path: Path, offset: int) -> ArchivedResponse:
    """The response record at ``offset`` of a WARC file."""
    with path.open("rb") as handle:
        handle.seek(offset)
        for record in ArchiveIterator(handle):
            status = (
                f"{record.http_headers.protocol} {record.http_headers.statusline}"
                if record.http_headers
                else ""
            )
            headers = tuple(record.http_headers.headers) if record.http_headers else ()
            return ArchivedResponse(
                record_id=str(record.rec_headers.get_header("WARC-Record-ID")),
                url=str(record.rec_headers.get_header("WARC-Target-URI")),
                date=str(record.rec_headers.get_header("WARC-Date")),
                status_line=status,
                headers=headers,
                body=record.content_stream().read(),
                truncated=record.rec_headers.get_header("WARC-Truncated") is not None,
            )
    raise ValueError(f"no WARC record at offset {offset} of {path}")
