"""Generate a static site that looks like a Chinese local-government portal, for benchmarking link checkers.

Usage::

    python bench/gen_site.py SIZE OUTDIR [--seed N]

writes ``OUTDIR/www/`` (the document root to serve, exactly SIZE HTML pages) and
``OUTDIR/ground-truth.json`` (what is on the site, and every planted broken link).

The site has a homepage with a navigation bar and news lists, ten columns (栏目) whose list pages are
paginated as ``index.html``, ``index_1.html``, …, article pages of 5–15 KB with Chinese text, a header,
navigation, related articles and a footer (about 25–40 links each), images, a few PDF attachments, and
broken links planted on purpose:

* ``missing-page``: about 1 % of articles link to an article of their own column that does not exist;
* ``missing-image`` / ``missing-attachment``: some articles show an image or offer an attachment that is
  not there;
* ``missing-other-folder``: a few articles link to pages in folders that do not exist at all;
* ``shared-missing``: three missing targets linked from many pages (an old special-topic page on the
  homepage and in some articles, a removed column, a QR-code image on every list page).

Every link is on the same host and written without scheme and host (root-relative such as
``/xwzx/zwyw/index.html`` or relative such as ``../202405/t20240510_5000123.html``), so the same files work
on any port. The site has no external links; ``javascript:`` buttons and ``#`` anchors are there as on real
sites and are not broken. The ground truth lists broken targets as paths: the broken URL is the serving
origin (``http://127.0.0.1:PORT``) followed by that path.

The same SIZE and seed always give the same files. Standard library only.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import json
import math
import random
import shutil
import sys
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SITE_NAME = "青山市人民政府"
ITEMS_PER_LIST_PAGE = 20
FIRST_ARTICLE_ID = 5_000_000
MISSING_ARTICLE_ID = 9_000_000
LATEST_DAY = date(2026, 11, 20)
MIN_SIZE = 60

# Share of articles that carry each planted broken link ("old-topic" and "removed-column" are the two
# shared missing targets that articles link to; the ground truth files both under "shared-missing").
PLANT_RATES: tuple[tuple[str, float], ...] = (
    ("missing-page", 0.010),
    ("missing-image", 0.004),
    ("missing-attachment", 0.003),
    ("missing-other-folder", 0.0015),
    ("old-topic", 0.0015),
    ("removed-column", 0.0015),
)
RATE_IMAGE = 0.35
RATE_SECOND_IMAGE = 0.10
RATE_ATTACHMENT = 0.02

OLD_TOPIC_PATH = "/ztzl/2019zt/index.html"
REMOVED_COLUMN_PATH = "/zwgk/zfxxgknb/index.html"
QR_CODE_PATH = "/images/ewm_wx.png"

# 1x1 transparent PNG and a one-page PDF: small, valid files so servers send the right content types.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
STYLE_CSS = "body{font-family:'Microsoft YaHei',SimSun,sans-serif;margin:0}.nav a{padding:0 12px}\n"
COMMON_JS = "function printPage(){window.print()}function closeWindow(){window.close()}\n"


@dataclasses.dataclass(frozen=True)
class Column:
    """One column (栏目): a folder with paginated list pages and dated article folders."""

    section: str
    section_name: str
    slug: str
    name: str
    weight: int

    @property
    def path(self) -> str:
        """The column's folder, e.g. ``/xwzx/zwyw/``."""
        return f"/{self.section}/{self.slug}/"


COLUMNS: tuple[Column, ...] = (
    Column("xwzx", "新闻中心", "zwyw", "政务要闻", 18),
    Column("xwzx", "新闻中心", "bmdt", "部门动态", 16),
    Column("xwzx", "新闻中心", "xzdt", "乡镇动态", 14),
    Column("xwzx", "新闻中心", "tzgg", "通知公告", 10),
    Column("zwgk", "政务公开", "zcwj", "政策文件", 10),
    Column("zwgk", "政务公开", "zcjd", "政策解读", 8),
    Column("zwgk", "政务公开", "rsxx", "人事信息", 7),
    Column("zwgk", "政务公开", "czzj", "财政资金", 6),
    Column("zwgk", "政务公开", "ghjh", "规划计划", 5),
    Column("zwgk", "政务公开", "tjxx", "统计信息", 6),
)

SPECIAL_PAGES: tuple[tuple[str, str], ...] = (
    ("/wzdt/index.html", "网站地图"),
    ("/lxwm/index.html", "联系我们"),
    ("/gywm/index.html", "关于本网"),
    ("/yszc/index.html", "隐私政策"),
    ("/wzsm/index.html", "网站声明"),
)

PLACES = ("城关镇", "河西街道", "青石乡", "东湖镇", "柳林街道", "南山乡", "高新区", "经开区")
BODIES = (
    "市发展改革委",
    "市财政局",
    "市教育局",
    "市卫生健康委",
    "市生态环境局",
    "市住房城乡建设局",
    "市农业农村局",
)
TOPICS = (
    "优化营商环境",
    "乡村振兴",
    "安全生产",
    "生态环境保护",
    "民生实事",
    "数字政府建设",
    "防汛抗旱",
    "就业创业",
    "基层治理",
    "政务服务“一网通办”",
)
TITLE_PATTERNS = (
    "{place}召开{topic}工作推进会",
    "关于做好{topic}相关工作的通知",
    "{body}部署{topic}重点任务",
    "《青山市{topic}实施方案》政策解读",
    "{body}关于{topic}的公示",
    "{place}扎实推进{topic}",
    "市政府常务会议研究{topic}等事项",
    "{body}2026年{topic}情况通报",
)
SENTENCES = (
    "会议强调，要坚持以人民为中心的发展思想，切实把{topic}各项任务落到实处。",
    "{body}相关负责同志介绍了近期{topic}工作进展情况，并就下一步工作作出具体安排。",
    "{place}聚焦群众急难愁盼问题，持续推进{topic}，取得了阶段性成效。",
    "各单位要进一步提高政治站位，压紧压实工作责任，确保各项措施落地见效。",
    "要加强统筹协调，建立健全工作机制，形成上下联动、齐抓共管的工作格局。",
    "截至目前，全市累计完成投资{num}亿元，同比增长{pct}%，完成年度计划的{pct2}%。",
    "会上，与会人员听取了{place}关于{topic}的专题汇报，并进行了深入讨论。",
    "下一步，{body}将继续深化改革创新，不断提升服务效能和群众满意度。",
    "本次活动共发放宣传资料{num}余份，接受群众咨询{num2}人次，营造了良好的社会氛围。",
    "要严格落实安全生产责任制，深入开展隐患排查整治，坚决防范遏制重特大事故发生。",
    "各乡镇（街道）、各部门要按照职责分工，认真抓好贯彻落实，重要情况及时报告。",
    "该项目总投资{num}万元，建成后将惠及周边群众{num2}余户。",
    "为进一步规范行政行为，提高依法行政水平，结合本市实际，制定本办法。",
    "请各单位于{month}月{day}日前将工作总结报送至{body}办公室。",
    "活动现场，工作人员耐心细致地为群众解答政策问题，受到广泛好评。",
    "要坚持问题导向和目标导向，聚焦重点领域和关键环节，狠抓工作落实。",
    "公示期间，如有异议，请以书面形式向{body}反映，联系电话：0123-45678{num3}。",
    "会议指出，{topic}事关全市经济社会发展大局，事关人民群众切身利益。",
)


@dataclasses.dataclass(frozen=True)
class Article:
    """One article page and what is linked from it (paths only; the page links to them)."""

    column: Column
    article_id: int
    published: date
    title: str
    plants: frozenset[str]

    @property
    def month_folder(self) -> str:
        """The dated folder under the column, e.g. ``202405``."""
        return self.published.strftime("%Y%m")

    @property
    def file_name(self) -> str:
        """The page's file name in TRS style, e.g. ``t20240510_5000123.html``."""
        return f"t{self.published:%Y%m%d}_{self.article_id}.html"

    @property
    def path(self) -> str:
        """The article's root-relative URL path."""
        return f"{self.column.path}{self.month_folder}/{self.file_name}"

    def asset_name(self, prefix: str, number: int, extension: str) -> str:
        """A file name for an image (``W0``) or attachment (``P0``) of this article."""
        return f"{prefix}{self.published:%Y%m%d}{self.article_id}{number:02d}.{extension}"


@dataclasses.dataclass(frozen=True)
class BrokenLink:
    """A planted broken link target and the pages that link to it."""

    target: str
    kind: str
    linked_from: tuple[str, ...]


@dataclasses.dataclass
class PageOut:
    """What one rendered page links to, counted for the ground truth."""

    path: str
    links: list[str]


def column_sizes(size: int) -> list[int]:
    """Articles per column such that the site has exactly ``size`` HTML pages.

    A column with ``a`` articles has ``a`` article pages and ``ceil(a / 20)`` list pages; the homepage
    and the special pages make up the rest.
    """
    if size < MIN_SIZE:
        raise ValueError(f"a site needs at least {MIN_SIZE} pages, {size} asked for")
    target = size - 1 - len(SPECIAL_PAGES)

    def cost(articles: int) -> int:
        return articles + math.ceil(articles / ITEMS_PER_LIST_PAGE)

    total_weight = sum(c.weight for c in COLUMNS)
    share = target * ITEMS_PER_LIST_PAGE / (ITEMS_PER_LIST_PAGE + 1)
    counts = [max(1, int(share * c.weight / total_weight)) for c in COLUMNS]
    while (missing := target - sum(cost(a) for a in counts)) != 0:
        if missing < 0:
            i = max(range(len(counts)), key=lambda k: counts[k])
            counts[i] -= 1
            continue
        with_room = [k for k, a in enumerate(counts) if a % ITEMS_PER_LIST_PAGE != 0]
        if with_room:
            counts[min(with_room, key=lambda k: counts[k] / COLUMNS[k].weight)] += 1
        else:
            counts[min(range(len(counts)), key=lambda k: counts[k] / COLUMNS[k].weight)] += 1
    return counts


def list_page_name(page: int) -> str:
    """File name of a column's list page: ``index.html`` then ``index_1.html``, ``index_2.html``, …"""
    return "index.html" if page == 0 else f"index_{page}.html"


class SiteWriter:
    """Renders every page of the site into a document root, keeping the ground truth as it goes."""

    def __init__(self, size: int, seed: int, root: Path) -> None:
        self.size = size
        self.seed = seed
        self.root = root
        self.rng = random.Random(seed)
        self.pages: list[PageOut] = []
        self.broken: dict[str, tuple[str, list[str]]] = {}
        self.files_written = {"html": 0, "image": 0, "attachment": 0, "static": 0}
        self.articles: dict[Column, list[Article]] = {}
        self.all_articles: list[Article] = []
        self._missing_id = MISSING_ARTICLE_ID

    # ---- content -------------------------------------------------------------------------------

    def _fill(self, pattern: str) -> str:
        rng = self.rng
        return pattern.format(
            place=rng.choice(PLACES),
            body=rng.choice(BODIES),
            topic=rng.choice(TOPICS),
            num=rng.randint(2, 980),
            num2=rng.randint(100, 9000),
            num3=rng.randint(10, 99),
            pct=rng.randint(2, 30),
            pct2=rng.randint(40, 99),
            month=rng.randint(1, 12),
            day=rng.randint(1, 28),
        )

    def _paragraphs(self) -> list[str]:
        count = self.rng.randint(6, 15)
        return [
            "".join(self._fill(self.rng.choice(SENTENCES)) for _ in range(self.rng.randint(4, 8)))
            for _ in range(count)
        ]

    def _plan_articles(self) -> None:
        """Decide every article's date, title and planted broken links before anything is written.

        Each kind of planted broken link is drawn at its rate; a kind that no article drew (small sites)
        goes to the newest article of a column, so every site has at least one of each.
        """
        next_id = FIRST_ARTICLE_ID
        for column, count in zip(COLUMNS, column_sizes(self.size), strict=True):
            day = LATEST_DAY
            items: list[Article] = []
            for _ in range(count):
                title = self._fill(self.rng.choice(TITLE_PATTERNS))
                plants = frozenset(kind for kind, rate in PLANT_RATES if self.rng.random() < rate)
                items.append(Article(column, next_id, day, title, plants))
                next_id += 1
                day -= timedelta(days=self.rng.choice((0, 0, 1, 1, 2, 3)))
            self.articles[column] = items
        drawn = {kind for items in self.articles.values() for a in items for kind in a.plants}
        undrawn = [kind for kind, _ in PLANT_RATES if kind not in drawn]
        for column, kind in zip(COLUMNS, undrawn, strict=False):
            newest = self.articles[column][0]
            self.articles[column][0] = dataclasses.replace(newest, plants=newest.plants | {kind})
        self.all_articles = [a for c in COLUMNS for a in self.articles[c]]

    # ---- shared page parts ---------------------------------------------------------------------

    def _head(self, title: str) -> str:
        return (
            '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}_{SITE_NAME}</title>\n"
            '<link rel="stylesheet" href="/css/style.css">\n'
            '<script src="/js/common.js"></script>\n</head>\n<body>\n'
        )

    def _header_nav(self, links: list[str]) -> str:
        parts = [
            '<div class="header"><a href="/"><img src="/images/logo.png" alt="青山市人民政府"></a>',
            '<span class="tools"><a href="javascript:void(0);" onclick="printPage()">打印本页</a>',
            '<a href="javascript:void(0);" onclick="closeWindow()">关闭窗口</a></span></div>',
            '<div class="nav"><a href="/">首页</a>',
        ]
        links += ["/images/logo.png", "/"]
        for column in COLUMNS:
            href = f"{column.path}index.html"
            parts.append(f'<a href="{href}">{column.name}</a>')
            links.append(href)
        parts.append("</div>\n")
        return "\n".join(parts)

    def _footer(self, links: list[str]) -> str:
        parts = ['<div class="footer"><p class="links">']
        for path, name in SPECIAL_PAGES:
            parts.append(f'<a href="{path}">{name}</a>')
            links.append(path)
        parts.append(
            "</p><p>主办：青山市人民政府办公室　承办：青山市大数据中心</p>"
            "<p>网站标识码：1234560001　备案号：青ICP备12345678号</p>"
            '<p><a href="#top">返回顶部</a></p></div>\n</body>\n</html>\n'
        )
        return "\n".join(parts)

    def _write(self, path: str, text: str, links: list[str]) -> None:
        file_path = self.root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        file_path.parent.mkdir(parents=True, exist_ok=True)
        file_path.write_text(text, encoding="utf-8")
        self.files_written["html"] += 1
        self.pages.append(PageOut(path, links))

    def _write_bytes(self, path: str, data: bytes, kind: str) -> None:
        file_path = self.root / path.lstrip("/")
        file_path.parent.mkdir(parents=True, exist_ok=True)
        file_path.write_bytes(data)
        self.files_written[kind] += 1

    def _plant(self, target: str, kind: str, page: str) -> None:
        self.broken.setdefault(target, (kind, []))[1].append(page)

    # ---- pages ---------------------------------------------------------------------------------

    def write_static(self) -> None:
        """The stylesheet, script and images every page uses."""
        self._write_bytes("/css/style.css", STYLE_CSS.encode(), "static")
        self._write_bytes("/js/common.js", COMMON_JS.encode(), "static")
        self._write_bytes("/images/logo.png", PNG_BYTES, "static")
        self._write_bytes("/images/banner.png", PNG_BYTES, "static")

    def write_homepage(self) -> None:
        """The homepage: navigation, a banner, the newest items of six columns and an old topic link."""
        links: list[str] = []
        parts = [self._head("首页"), self._header_nav(links)]
        parts.append('<div class="banner"><img src="/images/banner.png" alt="青山欢迎您"></div>')
        links.append("/images/banner.png")
        parts.append(f'<div class="ztzl"><a href="{OLD_TOPIC_PATH}">2019年专题：不忘初心 牢记使命</a></div>')
        links.append(OLD_TOPIC_PATH)
        self._plant(OLD_TOPIC_PATH, "shared-missing", "/")
        for column in COLUMNS[:6]:
            parts.append(f'<div class="news"><h2>{column.name}</h2><ul>')
            for article in self.articles[column][:8]:
                parts.append(
                    f'<li><a href="{article.path}">{html.escape(article.title)}</a>'
                    f"<span>{article.published:%m-%d}</span></li>"
                )
                links.append(article.path)
            more = f"{column.path}index.html"
            parts.append(f'</ul><a class="more" href="{more}">更多&gt;&gt;</a></div>')
            links.append(more)
        parts.append(self._footer(links))
        self._write("/", "\n".join(parts), links)

    def write_special_pages(self) -> None:
        """Site map, contact, about, privacy and disclaimer pages linked from every footer."""
        for path, name in SPECIAL_PAGES:
            links: list[str] = []
            parts = [self._head(name), self._header_nav(links), f"<h1>{name}</h1>"]
            if path == "/wzdt/index.html":
                parts.append("<ul>")
                for column in COLUMNS:
                    href = f"../{column.section}/{column.slug}/index.html"
                    parts.append(f'<li>{column.section_name} › <a href="{href}">{column.name}</a></li>')
                    links.append(f"{column.path}index.html")
                parts.append("</ul>")
            else:
                parts.extend(f"<p>{p}</p>" for p in self._paragraphs()[:3])
            parts.append(self._footer(links))
            self._write(path, "\n".join(parts), links)

    def write_list_pages(self, column: Column) -> None:
        """A column's list pages, 20 items each, with pagination and a sidebar of sibling columns."""
        articles = self.articles[column]
        page_count = math.ceil(len(articles) / ITEMS_PER_LIST_PAGE)
        siblings = [c for c in COLUMNS if c.section == column.section]
        for page in range(page_count):
            links: list[str] = []
            path = f"{column.path}{list_page_name(page)}"
            parts = [self._head(column.name), self._header_nav(links)]
            parts.append(
                f'<div class="crumb">当前位置：<a href="/">首页</a> › {column.section_name} › '
                f'<a href="./index.html">{column.name}</a></div>'
            )
            links += ["/", f"{column.path}index.html"]
            parts.append('<div class="side"><ul>')
            for sibling in siblings:
                href = f"../{sibling.slug}/index.html"
                parts.append(f'<li><a href="{href}">{sibling.name}</a></li>')
                links.append(f"{sibling.path}index.html")
            parts.append(f'</ul><img src="{QR_CODE_PATH}" alt="扫码关注政务微信"></div>')
            links.append(QR_CODE_PATH)
            self._plant(QR_CODE_PATH, "shared-missing", path)
            parts.append('<ul class="list">')
            for article in articles[page * ITEMS_PER_LIST_PAGE : (page + 1) * ITEMS_PER_LIST_PAGE]:
                href = f"./{article.month_folder}/{article.file_name}"
                parts.append(
                    f'<li><a href="{href}" target="_blank">{html.escape(article.title)}</a>'
                    f"<span>{article.published:%Y-%m-%d}</span></li>"
                )
                links.append(article.path)
            parts.append("</ul>")
            parts.append(self._pagination(column, page, page_count, links))
            parts.append(self._footer(links))
            self._write(path, "\n".join(parts), links)

    def _pagination(self, column: Column, page: int, page_count: int, links: list[str]) -> str:
        targets: list[tuple[str, int]] = [("首页", 0)]
        if page > 0:
            targets.append(("上一页", page - 1))
        targets += [(str(n + 1), n) for n in range(max(0, page - 3), min(page_count, page + 4)) if n != page]
        if page < page_count - 1:
            targets.append(("下一页", page + 1))
        targets.append(("尾页", page_count - 1))
        parts = [f'<div class="page">共{page_count}页　']
        for label, number in targets:
            parts.append(f'<a href="{list_page_name(number)}">{label}</a>')
            links.append(f"{column.path}{list_page_name(number)}")
        parts.append("</div>")
        return "".join(parts)

    def write_articles(self, column: Column) -> None:
        """Every article of a column, with images, attachments, related items and planted broken links."""
        articles = self.articles[column]
        rng = self.rng
        for index, article in enumerate(articles):
            links: list[str] = []
            here = f"{column.path}{article.month_folder}/"
            parts = [self._head(article.title), self._header_nav(links)]
            parts.append(
                f'<div class="crumb">当前位置：<a href="/">首页</a> › {column.section_name} › '
                f'<a href="../index.html">{column.name}</a></div>'
            )
            links += ["/", f"{column.path}index.html"]
            parts.append(
                f"<h1>{html.escape(article.title)}</h1>"
                f'<div class="info">发布时间：{article.published:%Y-%m-%d}　'
                f"来源：{rng.choice(BODIES)}　浏览次数：{rng.randint(10, 9999)}</div>"
            )
            paragraphs = self._paragraphs()
            body: list[str] = [f"<p>{p}</p>" for p in paragraphs]

            image_count = sum(rng.random() < rate for rate in (RATE_IMAGE, RATE_SECOND_IMAGE))
            for number in range(1, image_count + 1):
                name = article.asset_name("W0", number, "png")
                self._write_bytes(here + name, PNG_BYTES, "image")
                body.insert(number, f'<p class="img"><img src="./{name}" alt="图片"></p>')
                links.append(here + name)
            if "missing-image" in article.plants:
                name = article.asset_name("W0", 9, "jpg")
                body.insert(1, f'<p class="img"><img src="./{name}" alt="现场图片"></p>')
                links.append(here + name)
                self._plant(here + name, "missing-image", article.path)

            if rng.random() < RATE_ATTACHMENT:
                name = article.asset_name("P0", 1, "pdf")
                self._write_bytes(here + name, PDF_BYTES, "attachment")
                body.append(
                    f'<p class="fj">附件：<a href="./{name}">{html.escape(article.title)}.pdf</a></p>'
                )
                links.append(here + name)
            if "missing-attachment" in article.plants:
                name = article.asset_name("P0", 2, rng.choice(("pdf", "doc", "xls")))
                body.append(f'<p class="fj">附件：<a href="./{name}">报名表</a></p>')
                links.append(here + name)
                self._plant(here + name, "missing-attachment", article.path)

            for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
                other = rng.choice(self.all_articles)
                body.append(f'<p>相关链接：<a href="{other.path}">{html.escape(other.title)}</a></p>')
                links.append(other.path)
            if "missing-page" in article.plants:
                self._missing_id += 1
                month = article.published - timedelta(days=rng.randint(30, 400))
                target = f"{column.path}{month:%Y%m}/t{month:%Y%m%d}_{self._missing_id}.html"
                relative = f"../{month:%Y%m}/{target.rsplit('/', 1)[1]}"
                body.append(f'<p>相关阅读：<a href="{relative}">上期回顾</a></p>')
                links.append(target)
                self._plant(target, "missing-page", article.path)
            if "missing-other-folder" in article.plants:
                self._missing_id += 1
                year = rng.randint(2015, 2020)
                target = rng.choice(("/old/zwgk", "/zwgk/xxgkml", f"/{year}/zt"))
                target += f"/t{year}0{rng.randint(1, 9)}{rng.randint(10, 28)}_{self._missing_id}.html"
                body.append(f'<p>原文链接：<a href="{target}">{html.escape(article.title)}（原文）</a></p>')
                links.append(target)
                self._plant(target, "missing-other-folder", article.path)
            for plant, target, text in (
                ("old-topic", OLD_TOPIC_PATH, "2019年专题"),
                ("removed-column", REMOVED_COLUMN_PATH, "政府信息公开年报"),
            ):
                if plant in article.plants:
                    body.append(f'<p>延伸阅读：<a href="{target}">{text}</a></p>')
                    links.append(target)
                    self._plant(target, "shared-missing", article.path)
            parts.append('<div class="content">' + "\n".join(body) + "</div>")

            others = articles[:index] + articles[index + 1 :]
            related = rng.sample(others, min(len(others), rng.randint(6, 10)))
            parts.append('<div class="related"><h3>相关文章</h3><ul>')
            for other in related:
                href = f"../{other.month_folder}/{other.file_name}"
                parts.append(f'<li><a href="{href}">{html.escape(other.title)}</a></li>')
                links.append(other.path)
            parts.append("</ul></div>")
            neighbours = []
            if index > 0:
                neighbours.append(("上一篇", articles[index - 1]))
            if index < len(articles) - 1:
                neighbours.append(("下一篇", articles[index + 1]))
            for label, other in neighbours:
                parts.append(
                    f'<p class="pn">{label}：<a href="../{other.month_folder}/{other.file_name}">'
                    f"{html.escape(other.title)}</a></p>"
                )
                links.append(other.path)
            parts.append(self._footer(links))
            self._write(article.path, "\n".join(parts), links)

    def write(self) -> None:
        """Write the whole site."""
        self._plan_articles()
        self.write_static()
        self.write_homepage()
        self.write_special_pages()
        for column in COLUMNS:
            self.write_list_pages(column)
            self.write_articles(column)

    def broken_links(self) -> list[BrokenLink]:
        """The planted broken targets, sorted by path, each with the pages that link to it."""
        return [
            BrokenLink(target, kind, tuple(sorted(set(pages))))
            for target, (kind, pages) in sorted(self.broken.items())
        ]

    def ground_truth(self) -> dict[str, Any]:
        """The ground-truth document written next to the document root."""
        per_page = [len(p.links) for p in self.pages]
        broken = self.broken_links()
        kinds: dict[str, int] = {}
        for item in broken:
            kinds[item.kind] = kinds.get(item.kind, 0) + 1
        return {
            "schema": "govinspect-bench/site@1",
            "generator": "bench/gen_site.py",
            "size": self.size,
            "seed": self.seed,
            "note": "paths are root-relative: a broken URL is the serving origin followed by the path",
            "html_pages": self.files_written["html"],
            "articles": sum(len(a) for a in self.articles.values()),
            "images": self.files_written["image"],
            "attachments": self.files_written["attachment"],
            "static_files": self.files_written["static"],
            "links": {
                "total": sum(per_page),
                "per_page_min": min(per_page),
                "per_page_max": max(per_page),
                "per_page_mean": round(sum(per_page) / len(per_page), 1),
            },
            "broken_by_kind": dict(sorted(kinds.items())),
            "broken_targets": [b.target for b in broken],
            "broken": [dataclasses.asdict(b) for b in broken],
        }


def generate(size: int, outdir: Path, seed: int = 1) -> dict[str, Any]:
    """Write the site into ``outdir/www`` and its ground truth into ``outdir/ground-truth.json``.

    An existing ``outdir/www`` is replaced. Returns the ground truth.
    """
    root = outdir / "www"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    writer = SiteWriter(size, seed, root)
    writer.write()
    truth = writer.ground_truth()
    (outdir / "ground-truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), "utf-8")
    return truth


def iter_html_paths(root: Path) -> Iterator[str]:
    """Root-relative URL paths of the HTML pages under a document root (``/`` for the homepage)."""
    for file_path in sorted(root.rglob("*.html")):
        path = "/" + file_path.relative_to(root).as_posix()
        yield "/" if path == "/index.html" else path


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``gen_site.py SIZE OUTDIR [--seed N]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help=f"number of HTML pages (at least {MIN_SIZE})")
    parser.add_argument("outdir", type=Path, help="folder that receives www/ and ground-truth.json")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    try:
        truth = generate(args.size, args.outdir, args.seed)
    except ValueError as error:
        parser.error(str(error))
    print(
        f"{truth['html_pages']} pages, {truth['images']} images, {truth['attachments']} attachments, "
        f"{len(truth['broken_targets'])} broken targets ({truth['broken_by_kind']}) in {args.outdir}/www",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
