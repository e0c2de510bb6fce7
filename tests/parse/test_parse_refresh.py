"""A page that sends the reader on with <meta http-equiv=refresh> links to its target."""

from govinspect.parse.html import parse_html


def test_meta_refresh_target_is_a_link() -> None:
    page = parse_html(
        "http://x.gov.cn/old/",
        '<html><head><meta http-equiv="refresh" content="0; url=../new/index.html"></head></html>',
    )
    refresh = [link for link in page.links if link.tag == "meta"]
    assert [link.url for link in refresh] == ["http://x.gov.cn/new/index.html"]
    assert page.extra["refresh_url"] == "http://x.gov.cn/new/index.html"


def test_superscript_digits_in_a_pager_script_are_not_page_numbers() -> None:
    page = parse_html("http://x.gov.cn/col/index.html", "<script>createPageHTML(²)</script><a href='²'>x</a>")
    assert not any(link.pagination for link in page.links if link.tag == "a" and link.text == "")
