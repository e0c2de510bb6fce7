"""The "meta-driven" CMS family (TRS WCM-like): pages carry the national metadata set
(``SiteName``, ``SiteDomain``, ``SiteIDCode``, ``ColumnName``, ``ColumnType``, ``ArticleTitle``,
``PubDate``, ``ContentSource``), lists are paged by a ``createPageHTML(...)`` script
(``index.html``, ``index_1.html``…), articles live at ``202611/t20261120_345.html`` under their
column and links are relative (``../../``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from govinspect.demo.styles.base import ArticleView, Chrome, ListView, PageView, Style, e


class MetaDrivenStyle(Style):
    name = "meta-driven"
    link_form = "relative"

    def list_path(self, section: str, slug: str, number: int) -> str:
        return f"/{section}/{slug}/index.html"

    def item_path(self, list_path: str, number: int, when: date, serial: int) -> str:
        return f"{list_path.rsplit('/', 1)[0]}/{when:%Y%m}/t{when:%Y%m%d}_{serial}.html"

    def file_path(self, list_path: str, when: date, serial: int, suffix: str) -> str:
        return f"{list_path.rsplit('/', 1)[0]}/{when:%Y%m}/P0{when:%Y%m%d}{serial % 1_000_000:06d}{suffix}"

    def pagination_markup(self, page_urls: Sequence[str], index: int, page_url: str) -> str:
        call = f'createPageHTML({len(page_urls)}, {index}, "index", "html");'
        return f'<div class="page"><script>{call}</script></div>'

    def published_line(self, view: ArticleView) -> str:
        return f"发布时间：{view.published:%Y-%m-%d %H:%M:%S}　来源：{e(view.source)}"

    def head_meta(self, view: PageView, chrome: Chrome) -> str:
        metas = [
            ("SiteName", chrome.site_name),
            ("SiteDomain", chrome.domain),
            ("SiteIDCode", chrome.site_code),
        ]
        if isinstance(view, ListView):
            metas += [("ColumnName", view.column_name), ("ColumnType", view.column_meta_type)]
        elif isinstance(view, ArticleView):
            metas += [
                ("ColumnName", view.column_name),
                ("ColumnType", view.column_meta_type),
                ("ArticleTitle", view.title),
                ("PubDate", f"{view.published:%Y-%m-%d %H:%M}"),
                ("ContentSource", view.source),
            ]
        return "\n".join(f'<meta name="{name}" content="{e(value)}">' for name, value in metas)

    def script_text(self) -> str:
        return (
            "/* TRS 分页 */\n"
            "function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){\n"
            " if(_nPageCount == null || _nPageCount <= 1){ return; }\n"
            " var nCurrIndex = _nCurrIndex || 0;\n"
            ' if(nCurrIndex == 0) document.write("<span>首页</span> ");\n'
            ' else document.write("<a href=\'" + _sPageName + "." + _sPageExt + "\'>首页</a> ");\n'
            " for(var i = 1; i < _nPageCount; i++){\n"
            '  if(nCurrIndex == i) document.write("<span>" + (i + 1) + "</span> ");\n'
            '  else document.write("<a href=\'" + _sPageName + "_" + i + "." + _sPageExt + "\'>"'
            ' + (i + 1) + "</a> ");\n'
            " }\n"
            "}\n"
        )
