"""What a page template receives (views) and the skeleton every CMS style shares.

A view holds absolute URLs; the style decides how a link is written in the
page (``../../index.html``, ``/col/col12/index.html`` or
``http://host:port/...``), where pages live (its URL layout) and how lists,
dates and pagination look. All attribute values are written in double quotes.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from typing import ClassVar, Literal
from urllib.parse import urlsplit

ColumnType = Literal["news", "notice-policy", "personnel-plan", "other"]
LinkForm = Literal["relative", "root", "absolute"]


@dataclass(frozen=True, slots=True)
class Anchor:
    """A link: an absolute http URL, or a ``mailto:``/``javascript:``/``#fragment`` written as is."""

    url: str
    text: str
    new_window: bool = False


@dataclass(frozen=True, slots=True)
class Picture:
    url: str
    alt: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a list: a linked title and its displayed date (None: undated)."""

    url: str
    title: str
    when: date | None


@dataclass(frozen=True, slots=True)
class Extras:
    """What plants add to one page: references (a broken link, a trap), markup, accessibility defects.

    ``markup`` is ready-made HTML appended to the page body (links in it are
    written by the style); ``lang`` and ``title`` False leave out the
    ``<html lang>`` attribute and the ``<title>`` element.
    """

    anchors: tuple[Anchor, ...] = ()
    pictures: tuple[Picture, ...] = ()
    stylesheets: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()
    markup: tuple[str, ...] = ()
    lang: bool = True
    title: bool = True


@dataclass(frozen=True, slots=True)
class Footer:
    """The footer identifiers; None means the site does not show that item."""

    organizer: str
    address: str
    phone: str
    email: str
    site_code: str | None
    icp: str | None
    icp_url: str
    psb: str | None
    psb_url: str
    psb_icon: str
    conac_script: str | None
    jiucuo_url: str | None
    jiucuo_icon: str
    about_url: str
    sitemap_url: str


@dataclass(frozen=True, slots=True)
class Chrome:
    """What every page of a site shares: name, navigation, search box, footer, assets."""

    site_name: str
    site_code: str
    domain: str
    home_url: str
    nav: tuple[Anchor, ...]
    search_url: str | None  # None: the site has no search box
    stylesheet: str
    script: str
    logo: Picture
    footer: Footer
    viewport: bool = True


@dataclass(frozen=True, slots=True)
class Block:
    title: str
    more_url: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class HomeView:
    url: str
    blocks: tuple[Block, ...]
    services: tuple[Anchor, ...]
    friends: tuple[Anchor, ...]
    banner: Picture
    extras: Extras = field(default_factory=Extras)


@dataclass(frozen=True, slots=True)
class ListView:
    """One page of a column's list. ``page_urls`` are all pages of the list, first page first."""

    url: str
    column_name: str
    column_meta_type: str
    entries: tuple[Entry, ...]
    page_index: int
    page_urls: tuple[str, ...]
    blank_note: str | None = None
    extras: Extras = field(default_factory=Extras)


@dataclass(frozen=True, slots=True)
class Disclosure:
    """The 信息公开 header of a policy document."""

    index_number: str
    issuer: str
    written: date
    doc_number: str


@dataclass(frozen=True, slots=True)
class ArticleView:
    url: str
    column_name: str
    column_url: str
    column_meta_type: str
    title: str
    published: datetime
    source: str
    paragraphs: tuple[str, ...]
    disclosure: Disclosure | None = None
    attachments: tuple[Anchor, ...] = ()
    pictures: tuple[Picture, ...] = ()
    related_label: str = ""
    related: tuple[Anchor, ...] = ()
    extras: Extras = field(default_factory=Extras)


@dataclass(frozen=True, slots=True)
class MessageEntry:
    url: str
    title: str
    submitted: date
    answered: bool


@dataclass(frozen=True, slots=True)
class MessageListView:
    url: str
    board_name: str
    entries: tuple[MessageEntry, ...]
    page_index: int
    page_urls: tuple[str, ...]
    write_url: str
    extras: Extras = field(default_factory=Extras)


@dataclass(frozen=True, slots=True)
class MessageView:
    url: str
    board_name: str
    board_url: str
    title: str
    asker: str
    submitted: datetime
    question: str
    replier: str
    replied: datetime | None
    answer: str | None
    extras: Extras = field(default_factory=Extras)


@dataclass(frozen=True, slots=True)
class GuideView:
    url: str
    list_name: str
    list_url: str
    name: str
    elements: tuple[tuple[str, str], ...]
    forms: tuple[Anchor, ...] = ()
    extras: Extras = field(default_factory=Extras)


@dataclass(frozen=True, slots=True)
class PlainView:
    """A page of text and links: search, site map, about, not-found, a service host's page."""

    url: str
    title: str
    paragraphs: tuple[str, ...] = ()
    links: tuple[Anchor, ...] = ()
    extras: Extras = field(default_factory=Extras)


PageView = HomeView | ListView | ArticleView | MessageListView | MessageView | GuideView | PlainView


def e(text: str) -> str:
    """Escape text for HTML (attributes and content)."""
    return escape(text, quote=True)


class Style:
    """A CMS family: its URL layout and its page templates.

    Subclasses set ``name`` and ``link_form`` and override the layout methods
    and the small markup hooks (list, dates, pagination, head); the skeleton
    (header, navigation, footer, message and guide pages) is shared.
    """

    name: ClassVar[str] = ""
    link_form: ClassVar[LinkForm] = "root"
    meta_charset: ClassVar[str] = "utf-8"
    doctype: ClassVar[str] = "<!DOCTYPE html>"

    # ---- URL layout -------------------------------------------------------------------------
    def list_path(self, section: str, slug: str, number: int) -> str:
        """Path of the first page of a list (a column, the message board, the guide list)."""
        return f"/col/col{number}/index.html"

    def list_page_url(self, first_url: str, index: int) -> str:
        """URL of page ``index`` (0 = first) of the list whose first page is ``first_url``."""
        if index == 0:
            return first_url
        return first_url.rsplit("/", 1)[0] + f"/index_{index}.html"

    def list_page_file(self, first_path: str, index: int) -> str:
        """The file (path) holding page ``index`` of a list."""
        return urlsplit(self.list_page_url(first_path, index)).path

    def item_path(self, list_path: str, number: int, when: date, serial: int) -> str:
        """Path of an item page (article, message, guide) of the list at ``list_path``."""
        return f"/art/{when.year}/{when.month}/{when.day}/art_{number}_{serial}.html"

    def file_path(self, list_path: str, when: date, serial: int, suffix: str) -> str:
        """Path of an attachment or image (``suffix`` with its dot) belonging to an item."""
        return f"/attach/{when:%Y}/{when:%m}/{serial}{suffix}"

    # ---- markup hooks -----------------------------------------------------------------------
    def list_date(self, when: date) -> str:
        return when.isoformat()

    def list_markup(self, entries: Sequence[Entry], page_url: str) -> str:
        items = "".join(
            f'<li><a href="{self.href(entry.url, page_url)}" title="{e(entry.title)}">{e(entry.title)}</a>'
            f"<span>{self._date_or_blank(entry.when)}</span></li>"
            for entry in entries
        )
        return f'<ul class="list">{items}</ul>'

    def pagination_markup(self, page_urls: Sequence[str], index: int, page_url: str) -> str:
        if len(page_urls) <= 1:
            return ""
        parts = [f'<a href="{self.href(page_urls[0], page_url)}">首页</a>']
        if index > 0:
            parts.append(f'<a href="{self.href(page_urls[index - 1], page_url)}">上一页</a>')
        parts.append(f"<span>{index + 1}/{len(page_urls)}</span>")
        if index < len(page_urls) - 1:
            parts.append(f'<a href="{self.href(page_urls[index + 1], page_url)}">下一页</a>')
        parts.append(f'<a href="{self.href(page_urls[-1], page_url)}">尾页</a>')
        return f'<div class="pages">{" ".join(parts)}</div>'

    def published_line(self, view: ArticleView) -> str:
        return f"发布日期：{view.published:%Y-%m-%d}　来源：{e(view.source)}"

    def charset_meta(self) -> str:
        return f'<meta charset="{self.meta_charset}">'

    def script_text(self) -> str:
        """The site's common script file."""
        return "/* 公共脚本 */\nfunction setHome(){return false;}\nfunction addFavorite(){return false;}\n"

    def stylesheet_text(self) -> str:
        """The site's stylesheet (no url() references: every reference of the estate is a planted one)."""
        return (
            "body{margin:0;font-family:'Microsoft YaHei',SimSun,sans-serif;font-size:14px;color:#333}\n"
            ".wrap{width:1200px;margin:0 auto}.nav ul,.list{list-style:none;padding:0}\n"
            ".nav li{display:inline-block;padding:0 12px}.list li{line-height:32px}.list span{float:right}\n"
            ".footer{text-align:center;color:#666;border-top:2px solid #c00;padding:16px 0}\n"
        )

    def head_meta(self, view: PageView, chrome: Chrome) -> str:
        """Extra ``<meta>`` elements of a page (the TRS style writes its SiteName/PubDate set here)."""
        return ""

    # ---- rendering --------------------------------------------------------------------------
    def render(self, view: PageView, chrome: Chrome) -> str:
        """The HTML of one page."""
        if isinstance(view, HomeView):
            title, body = chrome.site_name, self.home_body(view, chrome)
        elif isinstance(view, ListView):
            title, body = f"{view.column_name}_{chrome.site_name}", self.list_body(view)
        elif isinstance(view, ArticleView):
            title, body = f"{view.title}_{chrome.site_name}", self.article_body(view)
        elif isinstance(view, MessageListView):
            title, body = f"{view.board_name}_{chrome.site_name}", self.message_list_body(view)
        elif isinstance(view, MessageView):
            title, body = f"{view.title}_{chrome.site_name}", self.message_body(view)
        elif isinstance(view, GuideView):
            title, body = f"{view.name}办事指南_{chrome.site_name}", self.guide_body(view)
        else:
            title, body = f"{view.title}_{chrome.site_name}", self.plain_body(view)
        return self.page(view, chrome, title, body + self.extras_markup(view.extras, view.url))

    def page(self, view: PageView, chrome: Chrome, title: str, body: str) -> str:
        url = view.url
        heads = [f'<link rel="stylesheet" href="{self.href(chrome.stylesheet, url)}">']
        heads += [f'<script src="{self.href(chrome.script, url)}"></script>']
        heads += [f'<link rel="stylesheet" href="{self.href(s, url)}">' for s in view.extras.stylesheets]
        heads += [f'<script src="{self.href(s, url)}"></script>' for s in view.extras.scripts]
        viewport = '<meta name="viewport" content="width=device-width, initial-scale=1">'
        title_line = f"<title>{e(title)}</title>" if view.extras.title else ""
        head = [self.charset_meta(), viewport if chrome.viewport else "", title_line]
        head += [self.head_meta(view, chrome), *heads]
        lang = ' lang="zh-CN"' if view.extras.lang else ""
        return (
            f"{self.doctype}\n<html{lang}>\n<head>\n"
            + "\n".join(line for line in head if line)
            + '\n</head>\n<body>\n<div id="top" class="wrap">\n'
            + self.header(chrome, url)
            + f'\n<div class="main" id="main">\n{body}\n</div>\n'
            + self.footer(chrome, url)
            + '\n<a class="gotop" href="#top">返回顶部</a>\n</div>\n</body>\n</html>\n'
        )

    def header(self, chrome: Chrome, url: str) -> str:
        nav = "".join(f'<li><a href="{self.href(a.url, url)}">{e(a.text)}</a></li>' for a in chrome.nav)
        return (
            '<div class="topbar"><a href="javascript:void(0);">设为首页</a> '
            '<a href="javascript:void(0);">加入收藏</a></div>\n'
            f'<div class="header"><a href="{self.href(chrome.home_url, url)}">'
            f'<img src="{self.href(chrome.logo.url, url)}" alt="{e(chrome.logo.alt)}"></a>\n'
            + self.search_form(chrome, url)
            + "</div>\n"
            f'<div class="nav"><ul><li><a href="{self.href(chrome.home_url, url)}">首页</a></li>'
            f"{nav}</ul></div>"
        )

    def search_form(self, chrome: Chrome, url: str) -> str:
        if chrome.search_url is None:
            return ""
        return (
            f'<form class="search" action="{self.href(chrome.search_url, url)}" method="get">'
            '<label for="q">站内搜索</label><input id="q" name="q" type="text">'
            '<button type="submit">搜索</button></form>'
        )

    def footer(self, chrome: Chrome, url: str) -> str:
        f = chrome.footer
        lines = [
            f'<p><a href="{self.href(f.about_url, url)}">关于我们</a> | '
            f'<a href="{self.href(f.sitemap_url, url)}">网站地图</a> | '
            f'<a href="mailto:{e(f.email)}">联系我们</a></p>',
            f"<p>主办单位：{e(f.organizer)}　地址：{e(f.address)}　联系电话：{e(f.phone)}</p>",
        ]
        ids = []
        if f.site_code:
            ids.append(f"网站标识码：{e(f.site_code)}")
        if f.icp:
            ids.append(f'<a href="{e(f.icp_url)}" target="_blank">{e(f.icp)}</a>')
        if f.psb:
            ids.append(
                f'<a href="{e(f.psb_url)}" target="_blank"><img src="{self.href(f.psb_icon, url)}" '
                f'alt="公安机关备案图标">{e(f.psb)}</a>'
            )
        if ids:
            lines.append(f"<p>{'　'.join(ids)}</p>")
        badges = []
        if f.conac_script:
            badges.append(f'<span id="_ideConac"><script src="{e(f.conac_script)}"></script></span>')
        if f.jiucuo_url:
            badges.append(
                f'<a href="{e(f.jiucuo_url)}" target="_blank">'
                f'<img src="{self.href(f.jiucuo_icon, url)}" alt="我为政府网站找错"></a>'
            )
        if badges:
            lines.append(f'<div class="badges">{" ".join(badges)}</div>')
        return '<div class="footer">\n' + "\n".join(lines) + "\n</div>"

    def home_body(self, view: HomeView, chrome: Chrome) -> str:
        url = view.url
        parts = [
            f'<div class="banner"><img src="{self.href(view.banner.url, url)}" '
            f'alt="{e(view.banner.alt)}"></div>'
        ]
        for block in view.blocks:
            parts.append(
                f'<div class="block"><div class="block-title"><h2>{e(block.title)}</h2>'
                f'<a class="more" href="{self.href(block.more_url, url)}">更多</a></div>'
                f"{self.list_markup(block.entries, url)}</div>"
            )
        if view.services:
            parts.append(self.anchor_block("政务服务", view.services, url))
        if view.friends:
            parts.append(self.anchor_block("友情链接", view.friends, url))
        return "\n".join(parts)

    def list_body(self, view: ListView) -> str:
        url = view.url
        if view.blank_note is not None:
            listing = f'<div class="empty">{e(view.blank_note)}</div>'
        else:
            listing = self.list_markup(view.entries, url)
        return (
            f'<div class="crumb">当前位置：<a href="{self.href(self_home(url), url)}">首页</a> &gt; '
            f"{e(view.column_name)}</div>\n<h1>{e(view.column_name)}</h1>\n{listing}\n"
            + self.pagination_markup(view.page_urls, view.page_index, url)
        )

    def article_body(self, view: ArticleView) -> str:
        url = view.url
        parts = [
            f'<div class="crumb">当前位置：<a href="{self.href(self_home(url), url)}">首页</a> &gt; '
            f'<a href="{self.href(view.column_url, url)}">{e(view.column_name)}</a></div>',
        ]
        if view.disclosure is not None:
            d = view.disclosure
            parts.append(
                '<table class="xxgk">'
                f"<tr><th>索引号</th><td>{e(d.index_number)}</td><th>发布机构</th><td>{e(d.issuer)}</td></tr>"
                f"<tr><th>成文日期</th><td>{d.written.isoformat()}</td><th>文号</th><td>{e(d.doc_number)}</td></tr>"
                "</table>"
            )
        parts.append(f'<h1 class="title">{e(view.title)}</h1>')
        parts.append(f'<div class="info">{self.published_line(view)}</div>')
        body = "".join(f"<p>{e(p)}</p>" for p in view.paragraphs)
        body += "".join(
            f'<p class="pic"><img src="{self.href(p.url, url)}" alt="{e(p.alt)}"></p>' for p in view.pictures
        )
        parts.append(f'<div class="content">{body}</div>')
        if view.attachments:
            parts.append(self.anchor_block("附件", view.attachments, url))
        if view.related:
            parts.append(self.anchor_block(view.related_label, view.related, url))
        return "\n".join(parts)

    def message_list_body(self, view: MessageListView) -> str:
        url = view.url
        rows = "".join(
            f'<tr><td><a href="{self.href(m.url, url)}">{e(m.title)}</a></td>'
            f"<td>{m.submitted.isoformat()}</td><td>{'已回复' if m.answered else '办理中'}</td></tr>"
            for m in view.entries
        )
        return (
            f"<h1>{e(view.board_name)}</h1>\n"
            f'<p><a href="{self.href(view.write_url, url)}">我要写信</a></p>\n'
            f'<table class="letters"><tr><th>标题</th><th>留言时间</th><th>状态</th></tr>{rows}</table>\n'
            + self.pagination_markup(view.page_urls, view.page_index, url)
        )

    def message_body(self, view: MessageView) -> str:
        url = view.url
        question = (
            f'<table class="letter"><tr><th>留言标题</th><td>{e(view.title)}</td></tr>'
            f"<tr><th>留言人</th><td>{e(view.asker)}</td></tr>"
            f"<tr><th>留言时间</th><td>{view.submitted:%Y-%m-%d %H:%M:%S}</td></tr>"
            f"<tr><th>留言内容</th><td>{e(view.question)}</td></tr></table>"
        )
        if view.replied is not None and view.answer is not None:
            reply = (
                f'<table class="reply"><tr><th>回复单位</th><td>{e(view.replier)}</td></tr>'
                f"<tr><th>回复时间</th><td>{view.replied:%Y-%m-%d %H:%M:%S}</td></tr>"
                f"<tr><th>回复内容</th><td>{e(view.answer)}</td></tr></table>"
            )
        else:
            reply = f'<p class="reply">办理状态：已转交{e(view.replier)}办理，尚未回复。</p>'
        return (
            f'<div class="crumb">当前位置：'
            f'<a href="{self.href(view.board_url, url)}">{e(view.board_name)}</a>'
            f"</div>\n{question}\n{reply}"
        )

    def guide_body(self, view: GuideView) -> str:
        url = view.url
        rows = "".join(f"<tr><th>{e(label)}</th><td>{e(value)}</td></tr>" for label, value in view.elements)
        parts = [
            f'<div class="crumb">当前位置：<a href="{self.href(view.list_url, url)}">'
            f"{e(view.list_name)}</a></div>",
            f"<h1>{e(view.name)}办事指南</h1>",
            f'<table class="guide">{rows}</table>',
        ]
        if view.forms:
            parts.append(self.anchor_block("表格下载", view.forms, url))
        return "\n".join(parts)

    def plain_body(self, view: PlainView) -> str:
        text = "".join(f"<p>{e(p)}</p>" for p in view.paragraphs)
        links = self.anchor_block("", view.links, view.url) if view.links else ""
        return f"<h1>{e(view.title)}</h1>\n{text}\n{links}"

    def anchor_block(self, title: str, anchors: Sequence[Anchor], url: str) -> str:
        heading = f"<h3>{e(title)}</h3>" if title else ""
        blank = ' target="_blank"'
        items = "".join(
            f'<li><a href="{self.href(a.url, url)}"{blank if a.new_window else ""}>{e(a.text)}</a></li>'
            for a in anchors
        )
        return f'<div class="links">{heading}<ul>{items}</ul></div>'

    def extras_markup(self, extras: Extras, url: str) -> str:
        markup = "".join(f"\n{part}" for part in extras.markup)
        if not extras.anchors and not extras.pictures:
            return markup
        pictures = "".join(f'<img src="{self.href(p.url, url)}" alt="{e(p.alt)}">' for p in extras.pictures)
        anchors = self.anchor_block("相关链接", extras.anchors, url) if extras.anchors else ""
        return f'\n<div class="related">{pictures}{anchors}</div>{markup}'

    # ---- links --------------------------------------------------------------------------------
    def href(self, target: str, page_url: str) -> str:
        """How ``target`` is written in the page at ``page_url`` (escaped for an attribute)."""
        return e(write_link(target, page_url, self.link_form))

    def _date_or_blank(self, when: date | None) -> str:
        return self.list_date(when) if when is not None else ""


def self_home(url: str) -> str:
    """The homepage URL of the host serving ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


@functools.lru_cache(maxsize=1 << 16)
def write_link(target: str, page_url: str, form: LinkForm) -> str:
    """``target`` written relative to ``page_url`` when both are on one host and ``form`` asks for it."""
    if not target.startswith(("http://", "https://")):
        return target
    page, link = urlsplit(page_url), urlsplit(target)
    if form == "absolute" or (page.scheme, page.netloc) != (link.scheme, link.netloc):
        return target
    tail = (
        link.path + (f"?{link.query}" if link.query else "") + (f"#{link.fragment}" if link.fragment else "")
    )
    if form == "root":
        return tail
    start = page.path.rsplit("/", 1)[0] or "/"
    relative = posixpath.relpath(link.path, start)
    if link.path.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    elif not relative.startswith("."):
        relative = "./" + relative
    return relative + tail[len(link.path) :]
