"""Links that page through a list (栏目列表的翻页), and the pages a TRS/WCM pager script implies.

A column's list is often split over ``index.html``, ``index_1.html`` … or ``list.jsp?page=2``.
The crawler needs those pages to see every item of a column, and the checks must not count
them as separate content pages. A link is a pagination link when:

- its text is 下一页, 上一页, 尾页, 末页 (and a few variants);
- its text is 首页 or a bare number and it sits inside a pager (an ancestor whose class or id
  says page/pager/pagination/fenye), or — for 首页 — it points at another page of the same list;
- its URL differs from the page's URL only by ``index_N.html``, ``_N.html`` after the same
  stem, or a page parameter (``page``, ``pageNo``, ``pn``, ``p`` …) in the query.

TRS WCM pages often draw their pager with ``createPageHTML(total, current, "index", "html")``
in an inline script; :func:`pages_from_script` turns such a call into the URLs of the other
pages so the crawler can follow them.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from selectolax.lexbor import LexborNode

__all__ = ["MAX_SYNTHESISED_PAGES", "PaginationMatcher", "in_pager", "pages_from_script"]

MAX_SYNTHESISED_PAGES = 1000

_PAGER_TEXTS = frozenset(
    {
        "下一页",
        "上一页",
        "尾页",
        "末页",
        "下页",
        "上页",
        "前一页",
        "后一页",
        "最后一页",
        "最末页",
        "下一頁",
        "上一頁",
    }
)
_FIRST_PAGE_TEXTS = frozenset({"首页", "第一页", "首頁"})
_LONGEST_PAGER_TEXT = 12
_LONGEST_PAGE_NUMBER = 4
_NUMBER_DECORATION = " []【】()（）"
_TEXT_DECORATION = re.compile(r"[\s\[\]【】()（）<>《》«»‹›|·.。:：\-_]+")
# A class or id token naming a pager: "page", "pages", "pagination", "ui-pager", "page_div",
# "fenye", "pagelist" … but not "homepage" or "page-content".
_PAGER_TOKEN = re.compile(
    r"^(?:[\w]*[-_])?(?:page|pages|pager|paging|pagination|paginator|pagenav|pagelist|pagebar|pagebox|"
    r"fenye|fy|pg)(?:[-_]?(?:div|box|bar|list|nav|wrap|num|no|\d+))?$",
    re.IGNORECASE,
)
_PAGER_ANCESTOR_DEPTH = 4
_LIST_STEMS = frozenset({"index", "list", "default", "more", "page", "lists", "lb"})

_NUMBERED_FILE = re.compile(r"^(?P<stem>.*?)(?:_(?P<n>\d{1,4}))?\.(?P<ext>s?html?|jsp|php|aspx?)$")
_PAGE_PARAMETERS = frozenset(
    {
        "page",
        "pageno",
        "pn",
        "p",
        "pageindex",
        "pagenum",
        "currentpage",
        "curpage",
        "page_no",
        "pagenumber",
        "cp",
    }
)

_CREATE_PAGE_CALL = re.compile(r"(?<![\w.])createPageHTML\s*\(([^()]*)\)")
_FUNCTION_DEFINITION = re.compile(r"function\s+$")
_INTEGER_ASSIGNMENT = r"(?<![\w.$]){name}\s*=\s*[\"']?\s*(\d+)(?![\w.])"


def in_pager(node: LexborNode) -> bool:
    """True when an ancestor (up to four levels) has a class or id naming a pager."""
    current = node.parent
    for _ in range(_PAGER_ANCESTOR_DEPTH):
        if current is None or current.tag in ("body", "html"):
            return False
        attributes = current.attributes
        for key in ("class", "id"):
            value = attributes.get(key)
            if value and any(_PAGER_TOKEN.match(token) for token in value.split()):
                return True
        current = current.parent
    return False


class PaginationMatcher:
    """Decides, for the links of one page, which ones page through the same list."""

    __slots__ = ("_page_dir", "_page_file", "_page_path", "_page_query")

    def __init__(self, page_url: str) -> None:
        parts = urlsplit(page_url)
        prefix = f"{parts.scheme}://{parts.netloc}"
        directory, _, file_name = parts.path.rpartition("/")
        self._page_dir = f"{prefix}{directory}/"
        self._page_file = _NUMBERED_FILE.match(file_name or "index.html")
        self._page_path = f"{prefix}{parts.path or '/'}"
        self._page_query = _without_page_parameters(parts.query)

    def is_pagination(self, link_url: str, text: str, node: LexborNode | None) -> bool:
        """Whether a link (its absolute URL, text and element) pages through this page's list."""
        if self.same_list(link_url):
            return True
        if len(text) > _LONGEST_PAGER_TEXT:
            return False
        if "页" in text or "頁" in text:
            label = _TEXT_DECORATION.sub("", text)
            if label in _PAGER_TEXTS:
                return True
            if label not in _FIRST_PAGE_TEXTS:
                return False
        else:
            number = text.strip(_NUMBER_DECORATION)
            if not ((number.isascii() and number.isdigit()) and len(number) <= _LONGEST_PAGE_NUMBER):
                return False
        return node is not None and in_pager(node)

    def same_list(self, link_url: str) -> bool:
        """True when ``link_url`` is another page of the list this page belongs to."""
        if not link_url.startswith(self._page_dir):
            return False
        rest = link_url[len(self._page_dir) :]
        file_name, _, query = rest.partition("?")
        if "/" in file_name:
            return False
        if query:
            return self._same_path_other_page(link_url, query)
        if self._page_file is None:
            return False
        linked = _NUMBERED_FILE.match(file_name or "index.html")
        if linked is None:
            return False
        page_number, link_number = self._page_file["n"], linked["n"]
        if linked["stem"] != self._page_file["stem"] or linked["ext"] != self._page_file["ext"]:
            return False
        if page_number is None or link_number is None:
            return page_number != link_number
        # Both numbered: art_12.html → art_13.html is usually the next article, not a page.
        return page_number != link_number and linked["stem"].lower() in _LIST_STEMS

    def _same_path_other_page(self, link_url: str, query: str) -> bool:
        if link_url.partition("?")[0] != self._page_path:
            return False
        pairs = parse_qsl(query, keep_blank_values=True)
        has_page_number = any(
            key.lower() in _PAGE_PARAMETERS and (value.isascii() and value.isdigit()) for key, value in pairs
        )
        return has_page_number and _without_page_parameters(query) == self._page_query


def _without_page_parameters(query: str) -> tuple[tuple[str, str], ...]:
    pairs = parse_qsl(query, keep_blank_values=True)
    return tuple(sorted((key, value) for key, value in pairs if key.lower() not in _PAGE_PARAMETERS))


def _split_arguments(arguments: str) -> list[str]:
    return [argument.strip() for argument in arguments.split(",")]


def _integer_argument(argument: str, script: str) -> int | None:
    value = argument.strip("\"' ")
    if value.isascii() and value.isdigit():
        return int(value)
    if re.fullmatch(r"[A-Za-z_$][\w$]*", argument):
        assignment = re.search(_INTEGER_ASSIGNMENT.format(name=re.escape(argument)), script)
        if assignment is not None:
            return int(assignment.group(1))
    return None


def _string_argument(argument: str) -> str | None:
    if len(argument) >= 2 and argument[0] == argument[-1] and argument[0] in "\"'":
        return argument[1:-1].strip()
    return None


def pages_from_script(script: str, folder_url: str) -> list[str]:
    """URLs of the other list pages announced by ``createPageHTML(...)`` calls in a script.

    ``createPageHTML(10, 0, "index", "html")`` means ten pages, this one being page 0:
    ``index.html`` and ``index_1.html`` … ``index_9.html`` in ``folder_url``. The variant
    ``createPageHTML('page_div', 10, 1, 'index', 'html', 195)`` names the pager element first.
    Arguments may be ``var name = N`` variables of the same script. The current page is left
    out; at most :data:`MAX_SYNTHESISED_PAGES` pages are listed.
    """
    if "createPageHTML" not in script:
        return []
    urls: list[str] = []
    seen: set[str] = set()
    for call in _CREATE_PAGE_CALL.finditer(script):
        if _FUNCTION_DEFINITION.search(script, max(0, call.start() - 12), call.start()):
            continue
        arguments = _split_arguments(call.group(1))
        if arguments and _integer_argument(arguments[0], script) is None and _string_argument(arguments[0]):
            arguments = arguments[1:]  # the pager element's id comes first in this variant
        if len(arguments) < 2:
            continue
        total = _integer_argument(arguments[0], script)
        current = _integer_argument(arguments[1], script)
        if total is None or current is None:
            continue
        prefix = (_string_argument(arguments[2]) if len(arguments) > 2 else None) or "index"
        suffix = (_string_argument(arguments[3]) if len(arguments) > 3 else None) or "html"
        for number in range(total):
            if number == current:
                continue
            name = f"{prefix}.{suffix}" if number == 0 else f"{prefix}_{number}.{suffix}"
            url = folder_url + name
            if url not in seen:
                seen.add(url)
                urls.append(url)
            if len(urls) >= MAX_SYNTHESISED_PAGES:
                return urls
    return urls
