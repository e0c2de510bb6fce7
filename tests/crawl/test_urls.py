"""Two spellings of one address are checked once; a site's scope is its hosts and twins."""

from __future__ import annotations

import pytest

from govinspect.crawl.urls import Scope, normalize_url
from govinspect.model.site import Site, site_key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://WWW.Example.GOV.cn:80/a/../b/./c.html#top", "http://www.example.gov.cn/b/c.html"),
        ("https://example.gov.cn:443", "https://example.gov.cn/"),
        ("http://example.gov.cn:8080/x", "http://example.gov.cn:8080/x"),
        ("http://example.gov.cn/a b.html", "http://example.gov.cn/a%20b.html"),
        ("http://example.gov.cn/a%20b.html", "http://example.gov.cn/a%20b.html"),
        ("http://example.gov.cn/list;jsessionid=ABC123?page=2", "http://example.gov.cn/list?page=2"),
        ("http://example.gov.cn/s?b=2&JSESSIONID=x&a=1", "http://example.gov.cn/s?b=2&a=1"),
        ("http://example.gov.cn/新闻/index.html", "http://example.gov.cn/%E6%96%B0%E9%97%BB/index.html"),
        ("http://例子.政务/", "http://xn--fsqu00a.xn--zfr164b/"),
        ("mailto:someone@example.gov.cn", None),
        ("javascript:void(0)", None),
        ("http://[::1]:8080/", "http://[::1]:8080/"),
        ("http://example.gov.cn:99999/", None),
    ],
)
def test_normalize_url(raw: str, expected: str | None) -> None:
    assert normalize_url(raw) == expected


def test_twins_are_one_site() -> None:
    assert site_key("https://www.example.gov.cn/") == site_key("http://example.gov.cn") == "example.gov.cn"
    assert site_key("http://example.gov.cn/index.html") == "example.gov.cn"
    assert site_key("http://example.gov.cn:8080/") == "example.gov.cn:8080"
    assert site_key("http://platform.gov.cn/sites/abc/") == "platform.gov.cn/sites/abc"


def test_scope_covers_twins_and_schemes_but_not_other_hosts() -> None:
    scope = Scope.of(Site(name="x", url="http://www.example.gov.cn/"))
    assert scope.contains("https://example.gov.cn/a.html")
    assert scope.contains("http://www.example.gov.cn/b/c.html")
    assert not scope.contains("http://sub.example.gov.cn/")
    assert not scope.contains("http://example.gov.cn:8080/")
    path_scope = Scope.of(Site(name="y", url="http://platform.gov.cn/sites/abc/index.html"))
    assert path_scope.contains("http://platform.gov.cn/sites/abc/news/1.html")
    assert not path_scope.contains("http://platform.gov.cn/sites/abcd/")
