"""sniff_kind and guess_kind_from_url: what a response or a link really is."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from govinspect.parse.sniff import guess_kind_from_url, sniff_kind

LINKCHECKER = Path("/work/shared/corpora/linkchecker-fixtures/data")
PAGE = "http://www.example.gov.cn/xxgk/index.html"
GOV_PAGE = '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>政务公开</title>'.encode()


def office_zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<xml/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("url", "content_type", "head", "kind"),
    [
        (PAGE, "text/html; charset=utf-8", GOV_PAGE, "html"),
        (PAGE, "text/html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        ("http://x.gov.cn/a.pdf", "application/pdf", b"%PDF-1.4\n", "pdf"),
        ("http://x.gov.cn/a.pdf", "application/pdf", b"<html><head><title>404 Not Found</title>", "html"),
        ("http://x.gov.cn/download", "application/octet-stream", b"  <!DOCTYPE html><html>", "html"),
        ("http://x.gov.cn/download", "application/octet-stream", b"\xef\xbb\xbf<html><body>", "html"),
        (PAGE, None, b"<!-- TRS WCM -->\n<html>", "html"),
        (PAGE, "text/html", b"\x00\x01\x02\x03garbage\x00\x00\x10\x11", "binary"),
        (PAGE, "text/html", bytes(range(1, 32)) * 8, "binary"),
        (PAGE, "text/html", "这是一段没有标签的中文说明".encode("gbk"), "html"),
        ("http://x.gov.cn/a.png", "text/html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image"),
        ("http://x.gov.cn/a.jpg", "image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image"),
        ("http://x.gov.cn/a.gif", None, b"GIF89a\x01\x00", "image"),
        ("http://x.gov.cn/a.webp", None, b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image"),
        (
            "http://x.gov.cn/logo.svg",
            "text/xml",
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">',
            "image",
        ),
        (
            "http://x.gov.cn/a.doc",
            "application/octet-stream",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00",
            "office",
        ),
        ("http://x.gov.cn/a.wps", None, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "office"),
        ("http://x.gov.cn/a.docx", "application/zip", office_zip("[Content_Types].xml"), "office"),
        ("http://x.gov.cn/a.ofd", None, office_zip("OFD.xml"), "office"),
        ("http://x.gov.cn/d?id=1", "application/zip", office_zip("docProps/app.xml"), "office"),  # openpyxl
        ("http://x.gov.cn/a.zip", "application/octet-stream", office_zip("附件/说明.txt"), "archive"),
        ("http://x.gov.cn/a.rar", None, b"Rar!\x1a\x07\x01\x00", "archive"),
        ("http://x.gov.cn/a.7z", None, b"7z\xbc\xaf\x27\x1c\x00\x04", "archive"),
        ("http://x.gov.cn/a.xls", "application/vnd.ms-excel", b"", "office"),
        ("http://x.gov.cn/a.txt", "text/plain; charset=gbk", "通知全文".encode("gbk"), "text"),
        ("http://x.gov.cn/a.txt", "text/plain", b"<html> is not rendered from text/plain", "text"),
        ("http://x.gov.cn/a.csv", None, b"name,phone\n", "text"),
        ("http://x.gov.cn/app.js", "application/javascript", b"var countPage = 10;", "script-style"),
        ("http://x.gov.cn/app.js", None, b"var countPage = 10;", "script-style"),
        ("http://x.gov.cn/site.css", "text/css", b".nav{display:none}", "script-style"),
        ("http://x.gov.cn/data", None, b"plain words", "text"),
        ("http://x.gov.cn/blob", "application/octet-stream", b"\x00\x13\x99\x00\x01", "binary"),
    ],
)
def test_sniff_kind(url: str, content_type: str | None, head: bytes, kind: str) -> None:
    assert sniff_kind(url, content_type, head) == kind


def test_linkchecker_fixture_files_are_recognised() -> None:
    assert sniff_kind("http://h/file.pdf", None, (LINKCHECKER / "file.pdf").read_bytes()[:512]) == "pdf"
    assert sniff_kind("http://h/file.doc", None, (LINKCHECKER / "file.doc").read_bytes()[:512]) == "office"
    assert (
        sniff_kind("http://h/x", "application/octet-stream", (LINKCHECKER / "file.html").read_bytes())
        == "html"
    )
    assert sniff_kind("http://h/dir.zip", None, (LINKCHECKER / "dir.zip").read_bytes()[:512]) == "archive"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://www.example.gov.cn/", "page"),
        ("http://www.example.gov.cn/xxgk/zcwj", "page"),
        ("http://www.example.gov.cn/xxgk/index.shtml", "page"),
        ("http://www.example.gov.cn/art/2024/5/10/art_123_456.html", "page"),
        ("http://www.example.gov.cn/search.jsp?q=%E6%94%BF%E5%8A%A1", "page"),
        ("http://www.example.gov.cn/list.aspx?page=2", "page"),
        ("http://www.example.gov.cn/x.PHP", "page"),
        ("http://www.example.gov.cn/xxgk/P020240510123456.pdf", "attachment"),
        ("http://www.example.gov.cn/upload/通知.DOCX", "attachment"),
        ("http://www.example.gov.cn/a.wps", "attachment"),
        ("http://www.example.gov.cn/a.et", "attachment"),
        ("http://www.example.gov.cn/a.ofd", "attachment"),
        ("http://www.example.gov.cn/a.xlsx#sheet", "attachment"),
        ("http://www.example.gov.cn/a.7z", "attachment"),
        ("http://www.example.gov.cn/a.csv?v=2", "attachment"),
        ("http://www.example.gov.cn/images/banner.JPG", "image"),
        ("http://www.example.gov.cn/favicon.ico", "image"),
        ("http://www.example.gov.cn/logo.svg", "image"),
        ("http://www.example.gov.cn/js/jquery.min.js?v=1.8", "script-style"),
        ("http://www.example.gov.cn/css/index.css", "script-style"),
        ("http://www.example.gov.cn/video/宣传片.mp4", "other"),
        ("http://www.example.gov.cn/feed.xml", "other"),
        ("http://[broken/files/a.pdf", "attachment"),
    ],
)
def test_guess_kind_from_url(url: str, kind: str) -> None:
    assert guess_kind_from_url(url) == kind
