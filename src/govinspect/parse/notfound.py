"""Pages that answer 200 but say "not found" (soft 404s)."""

from __future__ import annotations

import re

_NOT_FOUND = re.compile(
    r"页面不存在|页面未找到|找不到(?:该|您要访问的|您所访问的)?页面|您(?:所)?访问的页面(?:不存在|已删除|找不到)"
    r"|页面已删除|页面已被删除|该页面不存在|信息不存在|文章不存在|404\s*not\s*found|page\s+not\s+found"
    r"|^\s*404\b|\b404\s*错误|错误\s*404",
    re.IGNORECASE,
)
SHORT_PAGE_CHARS = 600  # a page this short that says "not found" in its body is a not-found page


def says_not_found(title: str | None, text: str) -> bool:
    """True when the title says the page does not exist, or a short page says so in its text.

    Long pages (articles) that merely mention 404 or 页面不存在 are not counted.
    """
    if title and _NOT_FOUND.search(title):
        return True
    return len(text) <= SHORT_PAGE_CHARS and _NOT_FOUND.search(text) is not None
