"""The "legacy" CMS family: an old table layout served in GBK, with
``<meta http-equiv="Content-Type" content="text/html; charset=gbk">``, ``.htm`` pages,
``index_2.htm`` pagination, ``2026/11/20`` list dates and 2026年11月20日 in articles."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from govinspect.demo.styles.base import ArticleView, Entry, Style, e


class LegacyStyle(Style):
    name = "legacy"
    link_form = "root"
    meta_charset = "gbk"
    doctype = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">'

    def charset_meta(self) -> str:
        return f'<meta http-equiv="Content-Type" content="text/html; charset={self.meta_charset}">'

    def list_path(self, section: str, slug: str, number: int) -> str:
        return f"/{slug}/index.htm"

    def list_page_url(self, first_url: str, index: int) -> str:
        return first_url if index == 0 else first_url.rsplit("/", 1)[0] + f"/index_{index + 1}.htm"

    def item_path(self, list_path: str, number: int, when: date, serial: int) -> str:
        return f"{list_path.rsplit('/', 1)[0]}/{when:%Y%m}/{serial}.htm"

    def file_path(self, list_path: str, when: date, serial: int, suffix: str) -> str:
        return f"/UploadFiles/{when:%Y%m}/{serial}{suffix}"

    def list_date(self, when: date) -> str:
        return f"{when:%Y/%m/%d}"

    def list_markup(self, entries: Sequence[Entry], page_url: str) -> str:
        rows = "".join(
            f'<tr><td width="12">·</td><td><a href="{self.href(entry.url, page_url)}">'
            f"{e(entry.title)}</a></td>"
            f'<td class="date" width="90">{self._date_or_blank(entry.when)}</td></tr>'
            for entry in entries
        )
        return f'<table class="list" width="100%" border="0" cellspacing="0" cellpadding="0">{rows}</table>'

    def pagination_markup(self, page_urls: Sequence[str], index: int, page_url: str) -> str:
        if len(page_urls) <= 1:
            return ""
        links = [("首页", 0), ("上一页", max(index - 1, 0)), ("下一页", min(index + 1, len(page_urls) - 1))]
        links.append(("尾页", len(page_urls) - 1))
        parts = " ".join(f'<a href="{self.href(page_urls[i], page_url)}">{label}</a>' for label, i in links)
        return f'<div class="pages">共{len(page_urls)}页 第{index + 1}页 {parts}</div>'

    def published_line(self, view: ArticleView) -> str:
        moment = view.published
        return f"发布日期：{moment.year}年{moment.month}月{moment.day}日　来源：{e(view.source)}"
