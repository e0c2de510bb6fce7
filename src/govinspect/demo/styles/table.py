"""The "table" CMS family: lists as ``<table>`` rows with short dates (``[11-18]``), pages
addressed by query (``list.html?page=2``), ``content_123.html`` articles and absolute links."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from govinspect.demo.styles.base import ArticleView, Entry, Style, e


class TableStyle(Style):
    name = "table"
    link_form = "absolute"

    def list_path(self, section: str, slug: str, number: int) -> str:
        return f"/{slug}/list.html"

    def list_page_url(self, first_url: str, index: int) -> str:
        return first_url if index == 0 else f"{first_url}?page={index + 1}"

    def list_page_file(self, first_path: str, index: int) -> str:
        # served through the query-file rule: list.html?page=3 → list_3.html
        return first_path if index == 0 else f"{first_path.removesuffix('.html')}_{index + 1}.html"

    def item_path(self, list_path: str, number: int, when: date, serial: int) -> str:
        return f"{list_path.rsplit('/', 1)[0]}/content_{serial}.html"

    def file_path(self, list_path: str, when: date, serial: int, suffix: str) -> str:
        return f"/uploads/{when:%Y%m}/{serial}{suffix}"

    def list_date(self, when: date) -> str:
        return f"[{when:%m-%d}]"

    def list_markup(self, entries: Sequence[Entry], page_url: str) -> str:
        rows = "".join(
            f'<tr><td class="title"><a href="{self.href(entry.url, page_url)}" target="_blank">'
            f'{e(entry.title)}</a></td><td class="date">{self._date_or_blank(entry.when)}</td></tr>'
            for entry in entries
        )
        return f'<table class="list" width="100%">{rows}</table>'

    def published_line(self, view: ArticleView) -> str:
        return f"发布时间：{view.published:%Y-%m-%d %H:%M}　信息来源：{e(view.source)}"
