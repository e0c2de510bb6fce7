"""The "list-span" CMS family (大汉 Jpaas-like): ``/col/col12/index.html`` lists of
``<li><a>标题</a><span>2026-11-20</span></li>``, ``/art/2026/11/20/art_12_345.html`` articles,
root-relative links and plain 首页/上一页/下一页/尾页 pagination (``index_1.html``…)."""

from __future__ import annotations

from govinspect.demo.styles.base import Style


class ListSpanStyle(Style):
    name = "list-span"
    link_form = "root"
