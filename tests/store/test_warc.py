"""Evidence: a response written to the WARC reads back as fetched; uncommitted bytes do not survive."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from govinspect.crawl.fetch import Hop
from govinspect.store.warc import WarcArchive, read_record


def _hop(url: str, body: bytes, **headers: str) -> Hop:
    return Hop(
        url=url,
        method="GET",
        status=200,
        reason="OK",
        http_version="HTTP/1.1",
        headers=tuple(headers.items()) or (("Content-Type", "text/html; charset=utf-8"),),
        raw_body=body,
        truncated=False,
        address="127.0.0.1",
        fetched_at=time.time(),
    )


def test_records_read_back_byte_for_byte_and_compressed_bodies_are_decoded(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path / "c.warc.gz")
    plain = archive.write(_hop("http://x.gov.cn/", "<title>首页</title>".encode()))
    zipped = archive.write(
        _hop(
            "http://x.gov.cn/z",
            gzip.compress(b"<p>gz</p>"),
            **{"Content-Encoding": "gzip", "Transfer-Encoding": "chunked"},
        )
    )
    archive.sync()
    archive.close()
    first = read_record(tmp_path / "c.warc.gz", plain.offset)
    assert first.record_id == plain.record_id and first.url == "http://x.gov.cn/"
    assert first.body.decode() == "<title>首页</title>"
    second = read_record(tmp_path / "c.warc.gz", zipped.offset)
    assert second.body == b"<p>gz</p>"
    assert all(k.lower() != "transfer-encoding" for k, _ in second.headers)


def test_reopening_cuts_what_was_written_after_the_last_commit(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    archive = WarcArchive(path)
    archive.write(_hop("http://x.gov.cn/1", b"one"))
    committed = archive.position()
    archive.write(_hop("http://x.gov.cn/2", b"two"))
    archive.sync()
    archive.close()
    with path.open("ab") as handle:  # a half-written record, as a kill -9 leaves it
        handle.write(b"\x1f\x8b\x08\x00garbage")
    resumed = WarcArchive(path, committed)
    resumed.write(_hop("http://x.gov.cn/3", b"three"))
    resumed.sync()
    resumed.close()
    with path.open("rb") as handle:
        urls = [
            r.rec_headers.get_header("WARC-Target-URI")
            for r in ArchiveIterator(handle)
            if r.rec_type == "response"
        ]
    assert urls == ["http://x.gov.cn/1", "http://x.gov.cn/3"]
