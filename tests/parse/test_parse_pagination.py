"""Pagination: which links page through a column's list, and what createPageHTML(...) implies."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from govinspect.parse.pagination import MAX_SYNTHESISED_PAGES, PaginationMatcher, in_pager, pages_from_script

COLUMN = "http://www.example.gov.cn/xxgk/tzgg/"


@pytest.mark.parametrize(
    ("page_url", "link_url", "expected"),
    [
        (COLUMN + "index.html", COLUMN + "index_1.html", True),
        (COLUMN + "index_3.html", COLUMN + "index.html", True),
        (COLUMN + "index_3.html", COLUMN + "index_4.html", True),
        (COLUMN, COLUMN + "index_1.html", True),
        (COLUMN + "index.html", COLUMN + "index.html", False),
        (COLUMN, COLUMN + "index.html", False),
        (COLUMN + "index.html", COLUMN + "202405/t20240510_123456.html", False),
        (COLUMN + "index.html", "http://www.example.gov.cn/xxgk/index_1.html", False),
        (COLUMN + "list.shtml", COLUMN + "list_2.shtml", True),
        (COLUMN + "list.shtml", COLUMN + "list_2.html", False),
        (COLUMN + "t20240510_123456.html", COLUMN + "t20240510_123456_1.html", True),
        (COLUMN + "art_12.html", COLUMN + "art_13.html", False),
        (COLUMN + "list.jsp", COLUMN + "list.jsp?page=2", True),
        (COLUMN + "list.jsp?channel=5", COLUMN + "list.jsp?channel=5&pageNo=3", True),
        (COLUMN + "list.jsp?channel=5&pageNo=3", COLUMN + "list.jsp?pageNo=4&channel=5", True),
        (COLUMN + "list.jsp?channel=5", COLUMN + "list.jsp?channel=6&pageNo=3", False),
        (COLUMN + "search.php?q=a", COLUMN + "search.php?q=a&pn=20", True),
        (COLUMN + "list.php", COLUMN + "list.php?p=2", True),
        (COLUMN + "list.php", COLUMN + "list.php?p=next", False),
        (COLUMN + "view.jsp?id=4", COLUMN + "view.jsp?id=5", False),
        (COLUMN + "list.jsp", COLUMN + "other.jsp?page=2", False),
    ],
)
def test_same_list(page_url: str, link_url: str, expected: bool) -> None:
    assert PaginationMatcher(page_url).same_list(link_url) is expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<div class="list"><a href="/x/2.html">下一页</a></div>', True),
        ('<div class="list"><a href="/x/2.html">[ 上一页 ]</a></div>', True),
        ('<div class="list"><a href="/x/9.html">尾页</a></div>', True),
        ('<div class="list"><a href="/x/9.html">末页&gt;&gt;</a></div>', True),
        ('<div class="nav"><a href="/">首页</a></div>', False),
        ('<div class="page"><a href="/x/">首页</a></div>', True),
        ('<div class="pagination"><ul><li><a href="/x/3.html">3</a></li></ul></div>', True),
        ('<div id="page_div"><span><a href="/x/3.html">[3]</a></span></div>', True),
        ('<div class="page-content"><a href="/x/3.html">3</a></div>', False),
        ('<div class="homepage"><a href="/x/">首页</a></div>', False),
        ('<div class="news"><a href="/x/2023.html">2023</a></div>', False),
        ('<div class="pagination"><a href="/x/12345.html">12345</a></div>', False),
        ('<div class="pages"><a href="/x/a.html">关于印发下一页面设计规范的通知</a></div>', False),
    ],
)
def test_is_pagination_by_text_and_pager(html: str, expected: bool) -> None:
    node = LexborHTMLParser(html).css_first("a")
    assert node is not None
    text = " ".join(node.text().split())
    matcher = PaginationMatcher("http://www.example.gov.cn/col/index.html")
    assert matcher.is_pagination("http://www.example.gov.cn/x/elsewhere.html", text, node) is expected


def test_first_page_link_with_a_page_like_url_needs_no_pager() -> None:
    matcher = PaginationMatcher(COLUMN + "index_2.html")
    assert matcher.is_pagination(COLUMN + "index.html", "首页", None)
    assert not matcher.is_pagination("http://www.example.gov.cn/", "首页", None)


def test_in_pager_stops_at_body() -> None:
    tree = LexborHTMLParser('<body class="page"><a href="/x">1</a></body>')
    node = tree.css_first("a")
    assert node is not None and not in_pager(node)


def test_create_page_html_with_literals() -> None:
    pages = pages_from_script('createPageHTML(10, 0, "index", "html");', COLUMN)
    assert pages == [COLUMN + f"index_{n}.html" for n in range(1, 10)]


def test_create_page_html_on_a_later_page_links_back_to_the_first() -> None:
    pages = pages_from_script("createPageHTML(4, 2, 'index', 'shtml');", COLUMN)
    assert pages == [COLUMN + "index.shtml", COLUMN + "index_1.shtml", COLUMN + "index_3.shtml"]


def test_create_page_html_with_element_id_first() -> None:
    pages = pages_from_script("createPageHTML('page_div', 10, 1, 'index', 'html', 195);", COLUMN)
    assert pages[0] == COLUMN + "index.html"
    assert COLUMN + "index_1.html" not in pages  # the current page
    assert pages[-1] == COLUMN + "index_9.html"
    assert len(pages) == 9


def test_create_page_html_with_variables() -> None:
    script = """
        var countPage = 6//共多少页
        var currentPage = 0;
        createPageHTML(countPage, currentPage, "list", "htm");
    """
    assert pages_from_script(script, COLUMN) == [COLUMN + f"list_{n}.htm" for n in range(1, 6)]


def test_create_page_html_definition_and_unresolved_arguments_give_nothing() -> None:
    script = """
        function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {
            if (_nPageCount == null || _nPageCount <= 1) { return; }
        }
        createPageHTML(${PAGE_COUNT}, ${PAGE_INDEX}, "index", "html");
        createPageHTML(total, 0, "index", "html");
    """
    assert pages_from_script(script, COLUMN) == []


def test_create_page_html_is_capped() -> None:
    pages = pages_from_script('createPageHTML(250000, 0, "index", "html");', COLUMN)
    assert len(pages) == MAX_SYNTHESISED_PAGES
    assert pages[-1] == COLUMN + f"index_{MAX_SYNTHESISED_PAGES}.html"


def test_create_page_html_single_page_gives_nothing() -> None:
    assert pages_from_script('createPageHTML(1, 0, "index", "html");', COLUMN) == []
