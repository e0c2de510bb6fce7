"""parse_html on real pages: the linkchecker fixtures (expected URLs) and real Chinese pages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from govinspect.parse.encoding import decode_html
from govinspect.parse.html import parse_html

CORPORA = Path("/work/shared/corpora")
LINKCHECKER = CORPORA / "linkchecker-fixtures" / "data"
CHINESE_PAGES = sorted((CORPORA / "magic-html-cn" / "htmls").glob("*.html")) + sorted(
    (CORPORA / "cn-web-extraction-cwce" / "original").glob("*.html")
)
SERVER = "http://127.0.0.1:8000/"
DATA = SERVER + "tests/checker/data/"

# URLs linkchecker reports that this parser does not give as links, and why.
NOT_LINKS = {
    "misc.html": {DATA + "favicon.ico"},  # <meta rel=icon href>: not HTML, browsers ignore it
    "http.html": {
        "dns://www.example.org",  # rel=dns-prefetch names a host, not a resource
        "dns://www.example.com",
        "clsid:12345-67890",  # applet/object attributes and URLs inside style="" are not followed
        DATA + "file.html",
        DATA + "file.css",
        DATA + "file.asc",
        DATA + "file.txt",
        "http://example.org/foo/%20",
        SERVER + "?q=%C3%BC",  # kept as written (?q=ü); the fetcher percent-encodes
    },
}


def expected_urls(fixture: str) -> set[str]:
    """The 'real url' lines of linkchecker's .result file, placeholders filled, fragment removed.

    The first block of a .result file is the checked page itself, not one of its links.
    """
    blocks = (LINKCHECKER / f"{fixture}.result").read_text().split("\n\n")[1:]
    urls = set()
    for line in "\n".join(blocks).splitlines():
        if line.startswith("real url "):
            url = (
                line.removeprefix("real url ")
                .replace("file://%(curdir)s/%(datadir)s/", DATA)
                .replace("http://localhost:%(port)d/%(datadir)s/", DATA)
                .replace("http://localhost:%(port)d/", SERVER)
                .replace("%%", "%")
            )
            urls.add(url.split("#", 1)[0])
    return urls - NOT_LINKS.get(fixture, set())


LINK_FIXTURES = (
    "base1.html",
    "base2.html",
    "base4.html",
    "frames.html",
    "http.html",
    "http_anchor.html",
    "http_lowercase.html",
    "misc.html",
)


@pytest.mark.parametrize("fixture", LINK_FIXTURES)
def test_linkchecker_fixture_links(fixture: str) -> None:
    text, encoding = decode_html((LINKCHECKER / fixture).read_bytes(), None)
    page = parse_html(DATA + fixture, text, encoding)
    found = {link.url for link in page.links} | set(page.extra.values())
    expected = expected_urls(fixture)
    assert expected, fixture
    assert expected <= found


def test_linkchecker_fixture_link_names() -> None:
    page = parse_html(DATA + "base4.html", (LINKCHECKER / "base4.html").read_text())
    assert [(link.url, link.text) for link in page.links] == [(DATA + "base/test.txt", "Blubb")]
    assert page.base_url == DATA + "base/"


def test_charset_fixtures_decode() -> None:
    for name, word in (("cp1250.html", "ě"), ("iso8859-2.html", "ě"), ("utf8.html", "ě")):
        text, _ = decode_html((LINKCHECKER / "charsets" / name).read_bytes(), None)
        assert word in text, name


def test_real_chinese_pages_parse_with_titles_and_links() -> None:
    assert len(CHINESE_PAGES) == 96
    started = time.perf_counter()
    pages = []
    for path in CHINESE_PAGES:
        text, encoding = decode_html(path.read_bytes(), "text/html")
        pages.append(parse_html("http://www.example.gov.cn/xwzx/" + path.name, text, encoding))
    elapsed = time.perf_counter() - started
    print(f"\n{len(pages)} real pages decoded and parsed at {len(pages) / elapsed:.0f} pages/s")
    with_title = sum(1 for page in pages if page.title)
    with_links = sum(1 for page in pages if page.links)
    with_text = sum(1 for page in pages if len(page.text) > 200)
    # Measured: 84 titles (the 12 others are saved fragments without <title>), 96 with links and text.
    assert with_title >= 82
    assert with_links >= 94
    assert with_text >= 94
    for page in pages:
        assert "\ufffd" not in page.title
        assert all(
            link.url.startswith(("http://", "https://", "ftp:")) or ":" in link.url for link in page.links
        )
