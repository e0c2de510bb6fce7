"""The plan of the demo estate, as data: which sites, in which CMS style, with which columns,
and which problems and traps are planted where.

The generator (:mod:`govinspect.demo.estate`) reads this plan; it never decides
what is wrong with a site by itself. To plant a new kind of problem, add a
field or a plant here and teach the generator what it means; the ground truth
is then derived from the generated content, not written by hand.

Places are written as short strings:

- a *spot* (the page that carries a planted link): ``"home"``, or ``"gzdt#2"``
  for the third-newest item of column ``gzdt``;
- a *target*: ``"/path"`` on the site itself, ``"@hefei/path"`` on another
  site of the estate, ``"item:tzgg#2"`` (``"item:tzgg#2#frag"`` with a
  fragment) or ``"page:gzdt#1"`` for an existing item or list page,
  ``"item-file:zcwj#1"`` for the first attachment of an item and
  ``"item-file:zcwj#1:细则.pdf"`` for a new (missing) file next to it, or an
  absolute URL (``{port}`` is replaced by the estate's port). A redirect
  chain is written ``"FROM->TO"``.

Dates are ages in days before the monitoring point T. The freshness windows
are 2 weeks (news), 6 months (notices, policies) and 1 year (personnel,
plans); every age below stays well clear of a window's edge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from govinspect.demo.styles.base import ColumnType
from govinspect.demo.wording import ContentKind

Effect = Literal[
    # broken targets (fail)
    "missing",  # no such file: 404, or 200 with 页面不存在 on a soft-404 site
    "status-500",
    "status-410",
    "redirect-loop",
    "refused",  # the host resolves to 127.0.0.2, where nothing listens
    "no-dns",  # a host under .invalid, with no resolve entry
    # targets that cannot be verified (unverified)
    "status-401",
    "status-403",
    "status-429",
    "robots",  # an existing page in a folder robots.txt disallows
    "private",  # a private address the user never named
    # traps: working targets a checker must not report
    "redirect-chain",  # two redirects ending on a good page
    "twin",  # the same page or file on the bare twin host (x.gov.cn for www.x.gov.cn)
    "query-permutation",  # a list page with extra query parameters, in two orders
    "fragment",  # a good page with #fragment
]
BROKEN_EFFECTS: frozenset[str] = frozenset(
    {"missing", "status-500", "status-410", "redirect-loop", "refused", "no-dns"}
)
UNVERIFIED_EFFECTS: frozenset[str] = frozenset(
    {"status-401", "status-403", "status-429", "robots", "private"}
)
LinkTag = Literal["a", "img", "link", "script"]


@dataclass(frozen=True, slots=True)
class ColumnKindSpec:
    """A kind of column (栏目) as CMSs name and file it."""

    name: str
    section: str  # the folder meta-driven sites file it under
    column_type: ColumnType
    meta_type: str  # the ColumnType meta of meta-driven sites
    content: ContentKind


COLUMN_KINDS: Mapping[str, ColumnKindSpec] = {
    "gzdt": ColumnKindSpec("工作动态", "xwzx", "news", "工作动态", "news"),
    "bdyw": ColumnKindSpec("本地要闻", "xwzx", "news", "工作动态", "news"),
    "tzgg": ColumnKindSpec("通知公告", "zwgk", "notice-policy", "通知公告", "notice"),
    "zcwj": ColumnKindSpec("政策文件", "zwgk", "notice-policy", "政策文件", "policy"),
    "zcjd": ColumnKindSpec("政策解读", "zwgk", "other", "政策解读", "interpretation"),
    "rsxx": ColumnKindSpec("人事信息", "zwgk", "personnel-plan", "人事信息", "personnel"),
    "ghjh": ColumnKindSpec("规划计划", "zwgk", "personnel-plan", "规划计划", "plan"),
}


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """One column: ``items`` items, the newest ``newest_age`` days before T, about ``spacing`` days apart.

    A column of interpretations takes its dates from the policies it explains.
    ``blank`` columns list nothing but 暂无信息. ``future_item`` adds one item
    dated about a year after T (a mistyped year) on top of the list.
    """

    slug: str
    items: int
    newest_age: int
    spacing: int
    name: str | None = None  # default: the kind's name
    blank: bool = False
    future_item: bool = False
    copied_interpretation: bool = False  # the newest interpretation copies its policy almost word for word

    @property
    def kind(self) -> ColumnKindSpec:
        return COLUMN_KINDS[self.slug]

    @property
    def title(self) -> str:
        return self.name or self.kind.name


@dataclass(frozen=True, slots=True)
class MessagePlan:
    """A public message: written ``age`` days before T, answered ``reply_after`` days later (None: never)."""

    age: int
    reply_after: int | None


@dataclass(frozen=True, slots=True)
class BoardPlan:
    name: str
    messages: tuple[MessagePlan, ...]


@dataclass(frozen=True, slots=True)
class GuidePlan:
    service: str
    missing: tuple[str, ...] = ()  # elements of GUIDE_ELEMENTS the guide leaves out


@dataclass(frozen=True, slots=True)
class FooterPlan:
    """Which identifiers the footer shows."""

    site_code: bool = True
    icp: bool = True
    psb: bool = True
    conac: bool = True
    jiucuo: bool = True


@dataclass(frozen=True, slots=True)
class LinkPlant:
    """A reference planted on some pages of a site: a broken or unverifiable target, or a trap."""

    effect: Effect
    target: str
    on: tuple[str, ...]
    text: str = ""
    tag: LinkTag = "a"


PagePlantKind = Literal[
    # problems (the ground truth lists each one)
    "typo",  # a wrong form of an important term in the text; ``arg`` keys TYPOS
    "gambling-block",  # injected gambling spam text
    "gambling-link",  # a visible link (text ``arg``) to an off-site page that turned into a gambling site
    "hidden-link",  # a link to a non-government spam host, hidden by ``arg`` (a hidden-link technique)
    "privacy-page",  # a 公示 table with unmasked ID numbers and a mobile number
    "privacy-xlsx",  # an attached 补贴发放表 with ID and bank-card numbers
    "privacy-docx",  # an attached list with ID and mobile numbers
    "privacy-pdf",  # an attached PDF list with ID numbers
    "img-no-alt",  # ``arg`` images without alt
    "no-lang",  # <html> without lang
    "no-title",  # no <title>
    "link-no-name",  # ``arg`` links with neither text nor any other accessible name
    "field-no-label",  # a message form whose ``arg`` fields have no label
    # traps (must not be reported)
    "typo-lookalike",  # correct official terms and look-alike place names
    "anti-gambling",  # police news about fighting online gambling
    "anti-fraud",  # anti-fraud publicity
    "lottery",  # welfare-lottery news
    "hidden-gov-menu",  # a hidden drop-down of links to other government sites
    "hidden-internal",  # a hidden menu of links inside the site
    "masked-data",  # masked IDs, mobiles and names; 18-digit numbers failing the ID checksum; office phones
    "decorative-image",  # an image with alt=""
    "named-icon-links",  # icon links named by aria-label, title or an image's alt
    "labelled-form",  # a message form with every field labelled
]


@dataclass(frozen=True, slots=True)
class PagePlant:
    """A content, privacy or accessibility problem (or trap) planted on one page.

    ``on`` is a spot (``"home"``, ``"gzdt#2"``) or a service page: ``"about"``,
    ``"sitemap"``, ``"write"`` (the message board's 我要写信 page).
    """

    kind: PagePlantKind
    on: str
    arg: str = ""


AnnualReport = Literal[
    "page",  # the 2025 report as a page linked from the homepage
    "pdf",  # the 2025 report as a PDF linked from the homepage
    "only-older",  # only the 2024 report: the 2025 one is missing
    "only-disclosure",  # only the 2025 政府信息公开工作年度报告, a different report: missing
]


@dataclass(frozen=True, slots=True)
class SitePlan:
    key: str  # the RealSite key
    style: str
    columns: tuple[ColumnPlan, ...]
    board: BoardPlan | None
    guides: tuple[GuidePlan, ...]
    links: tuple[LinkPlant, ...] = ()
    footer: FooterPlan = field(default_factory=FooterPlan)
    charset: str = "utf-8"
    mislabelled_item: str | None = (
        None  # spot of a page whose Content-Type header says utf-8 (its meta says gbk)
    )
    viewport: bool = True
    soft_404: bool = False
    robots_disallow: tuple[str, ...] = ("/admin/",)
    head_405_prefix: str | None = None  # HEAD under this path answers 405 (GET works)
    pages: tuple[PagePlant, ...] = ()
    annual_report: AnnualReport = "page"
    site_search: bool = True


def board(name: str, *extra: MessagePlan) -> BoardPlan:
    """A message board with eight ordinary messages (answered within three days, the newest still open)."""
    usual = (
        MessagePlan(2, None),
        MessagePlan(5, 1),
        MessagePlan(9, 2),
        MessagePlan(16, 1),
        MessagePlan(24, 3),
        MessagePlan(33, 2),
        MessagePlan(47, 1),
        MessagePlan(64, 2),
    )
    return BoardPlan(name, tuple(sorted((*usual, *extra), key=lambda m: m.age)))


def guides(*services: str, incomplete: Mapping[str, tuple[str, ...]] | None = None) -> tuple[GuidePlan, ...]:
    gaps = incomplete or {}
    return tuple(GuidePlan(service, gaps.get(service, ())) for service in services)


C = ColumnPlan
P = PagePlant
UNANSWERED = MessagePlan(150, None)  # more than 3 months old, within 12 months, no reply
ANSWERED_LATE = MessagePlan(60, 25)  # answered 25 days after it was written
TOO_OLD_TO_COUNT = MessagePlan(400, None)  # unanswered, but older than the 12-month window

ESTATE: tuple[SitePlan, ...] = (
    SitePlan(
        key="ah",
        style="meta-driven",
        columns=(
            C("gzdt", 24, 1, 1, future_item=True),
            C("bdyw", 18, 0, 2, name="安徽要闻"),
            C("tzgg", 14, 3, 6),
            C("zcwj", 10, 5, 12),
            C("zcjd", 6, 0, 0),
            C("rsxx", 6, 40, 30),
            C("ghjh", 4, 420, 60),  # plans not updated for more than a year
        ),
        board=board("省长信箱", UNANSWERED, ANSWERED_LATE),
        guides=guides("居民身份证换领", "不动产登记", "最低生活保障申请", "食品经营许可",
                      incomplete={"最低生活保障申请": ("设定依据", "办理时间")}),
        pages=(
            P("typo", "gzdt#3", "中华人民共和图"),
            P("hidden-link", "home", "display-none"),
            P("link-no-name", "gzdt#4", "2"),
            P("masked-data", "tzgg#2"),
            P("typo-lookalike", "gzdt#5"),
            P("named-icon-links", "home"),
        ),
        annual_report="pdf",
        links=(
            LinkPlant("missing", "item-file:zcwj#1:实施细则.pdf", ("zcwj#1",), "附件：实施细则.pdf"),
            LinkPlant("status-500", "/interact/survey/index.jsp", ("home",), "网上调查"),
            LinkPlant("no-dns", "http://www.ahzwfw-old.invalid/", ("home", "bdyw#3"), "政务服务网（旧版）"),
            LinkPlant("status-401", "/oa/index.html", ("home",), "内部办公"),
            LinkPlant("fragment", "item:tzgg#0#xxgk", ("home",), "最新公告"),
        ),
    ),
    SitePlan(
        key="hefei",
        style="list-span",
        columns=(
            C("gzdt", 20, 0, 2),
            C("bdyw", 16, 1, 2, name="合肥要闻"),
            C("tzgg", 12, 215, 20),  # notices not updated for 7 months
            C("zcwj", 8, 12, 15),
            C("zcjd", 5, 0, 0),
            C("rsxx", 5, 60, 40),
        ),
        board=board("市长信箱", ANSWERED_LATE, TOO_OLD_TO_COUNT),
        guides=guides("不动产登记", "个体工商户设立登记", "生育登记服务",
                      incomplete={"生育登记服务": ("办理材料",)}),
        pages=(
            P("typo", "bdyw#1", "习近乎"),
            P("gambling-block", "gzdt#5"),
            P("privacy-page", "tzgg#1"),
            P("hidden-gov-menu", "home"),
            P("decorative-image", "gzdt#2"),
        ),
        links=(
            LinkPlant("missing", "/zwgk/zdly/2019/tzgg_1520.html", ("home", "gzdt#0", "gzdt#3", "bdyw#2"),
                      "重点领域信息公开专栏"),
            LinkPlant("missing", "/zwgk/zdly/2019/tzgg_1520.html#part2", ("zcwj#1",), "重点领域专栏（二）"),
            LinkPlant("missing", "item-file:tzgg#0:报名汇总表.xlsx", ("tzgg#0",), "附件：报名汇总表.xlsx"),
            LinkPlant("status-403", "/zwgk/ysqgk/index.html", ("home",), "依申请公开"),
        ),
    ),
    SitePlan(
        key="wuhu",
        style="table",
        columns=(
            C("gzdt", 20, 0, 2),
            C("bdyw", 16, 25, 3, name="芜湖要闻"),  # local news not updated for 25 days
            C("tzgg", 12, 4, 10),
            C("zcwj", 8, 20, 20),
            C("zcjd", 5, 0, 0),
            C("rsxx", 6, 30, 30),
        ),
        board=board("市长信箱"),
        guides=guides("城乡居民基本养老保险参保登记", "残疾人证办理", "临时救助申请"),
        head_405_prefix="/uploads/",
        robots_disallow=("/admin/", "/internal/"),
        pages=(
            P("gambling-link", "home", "芜湖旅游资讯网"),
            P("img-no-alt", "gzdt#6", "2"),
            P("anti-fraud", "gzdt#3"),
        ),
        links=(
            LinkPlant("missing", "item-file:gzdt#2:现场图片.png", ("gzdt#2",), "现场图片", tag="img"),
            LinkPlant("status-410", "/zwgk/old/2020/notice_88.html", ("tzgg#1",), "原通知（已撤销）"),
            LinkPlant("robots", "/internal/report_2026.html", ("gzdt#4",), "内部通报"),
            LinkPlant("redirect-chain", "/zwgk/gonggao.html->page:tzgg#0", ("home",), "公告公示"),
            LinkPlant("query-permutation", "page:gzdt#1", ("home",), "工作动态第2页"),
            LinkPlant("fragment", "item:gzdt#1#content", ("gzdt#0",), "相关报道"),
        ),
    ),
    SitePlan(
        key="anqing",
        style="meta-driven",
        columns=(
            C("gzdt", 20, 1, 2),
            C("bdyw", 16, 0, 2, name="安庆要闻"),
            C("tzgg", 12, 10, 9),
            C("zcwj", 8, 30, 20),
            C("zcjd", 5, 0, 0),
            C("rsxx", 5, 45, 35),
            C("ghjh", 0, 0, 0, blank=True),  # a column that never had any content
        ),
        board=board("市长信箱", UNANSWERED),
        guides=guides("居民身份证换领", "建设工程规划许可证核发", "临时救助申请"),
        pages=(
            P("hidden-link", "gzdt#0", "off-screen"),
            P("privacy-xlsx", "tzgg#3"),
            P("anti-gambling", "bdyw#2"),
            P("labelled-form", "write"),
        ),
        links=(
            LinkPlant("redirect-loop", "/zwgk/xxgkml/index.jsp", ("home",), "信息公开目录"),
            LinkPlant("missing", "@hefei/zwgk/2019/ahzt_0917.html", ("gzdt#1", "home"), "合肥市专题（外链）"),
            LinkPlant("status-429", "http://zxft.anqing.gov.cn:{port}/index.html", ("home",), "在线访谈"),
        ),
    ),
    SitePlan(
        key="feixi",
        style="list-span",
        columns=(
            C("gzdt", 16, 2, 2),
            C("bdyw", 12, 1, 3, name="肥西要闻"),
            C("tzgg", 10, 20, 12),
            C("zcwj", 6, 40, 25),
            C("zcjd", 3, 0, 0),
            C("rsxx", 4, 100, 40),
        ),
        board=board("县长信箱"),
        guides=guides("最低生活保障申请", "残疾人证办理"),
        soft_404=True,
        pages=(
            P("hidden-link", "home", "zero-font"),
            P("hidden-link", "home", "visibility-hidden"),
            P("privacy-docx", "tzgg#2"),
            P("no-title", "about"),
        ),
        links=(
            LinkPlant("missing", "/zwgk/zcjd/2018/jd_301.html", ("zcjd#0", "home"), "往期解读"),
        ),
    ),
    SitePlan(
        key="chaohu",
        style="meta-driven",
        columns=(
            C("gzdt", 16, 0, 2),
            C("bdyw", 12, 2, 3, name="巢湖要闻"),
            C("tzgg", 10, 8, 10),
            C("zcwj", 6, 25, 25),
            C("zcjd", 4, 0, 0, copied_interpretation=True),
            C("rsxx", 4, 90, 40),
            C("ghjh", 3, 200, 60),
        ),
        board=board("市长信箱", ANSWERED_LATE),
        guides=guides("不动产登记", "食品经营许可", "生育登记服务"),
        footer=FooterPlan(site_code=False),  # only the SiteIDCode meta and the 找错 link carry the code
        pages=(
            P("hidden-link", "tzgg#1", "same-colour"),
            P("privacy-pdf", "tzgg#2"),
            P("no-title", "sitemap"),
        ),
        links=(
            LinkPlant("refused", "http://xxgk.chaohu.gov.cn:{port}/", ("home", "zcwj#0"), "信息公开平台"),
            LinkPlant("private", "http://10.20.30.40/", ("home",), "内网办公系统"),
            LinkPlant("private", "http://192.168.1.1/admin", ("gzdt#3",), "后台管理"),
        ),
    ),
    SitePlan(
        key="jjq",
        style="table",
        columns=(
            C("gzdt", 16, 1, 2),
            C("bdyw", 12, 3, 3, name="鸠江要闻"),
            C("tzgg", 8, 30, 15),
            C("zcwj", 5, 60, 30),
            C("rsxx", 4, 120, 40),
        ),  # a portal without a policy-interpretation column
        board=board("区长信箱"),
        guides=guides("个体工商户设立登记", "最低生活保障申请"),
        footer=FooterPlan(icp=False),
        pages=(
            P("hidden-link", "home", "zero-size"),
            P("no-lang", "about"),
        ),
        links=(
            LinkPlant("missing", "/css/print-2019.css", ("home", "gzdt#0", "gzdt#1"), tag="link"),
            LinkPlant("twin", "item:tzgg#0", ("home",), "最新公告"),
            LinkPlant("twin", "item-file:zcwj#0", ("home",), "政策文件附件"),
        ),
    ),
    SitePlan(
        key="huaining",
        style="list-span",
        columns=(
            C("gzdt", 14, 19, 3),  # nothing new for 19 days: neither the column nor the homepage
            C("bdyw", 10, 22, 4, name="怀宁要闻"),
            C("tzgg", 8, 35, 15),
            C("zcwj", 5, 50, 30),
            C("zcjd", 3, 0, 0),
            C("rsxx", 4, 75, 40),
        ),
        board=board("县长信箱", MessagePlan(200, None)),
        guides=guides("城乡居民基本养老保险参保登记", "临时救助申请"),
        footer=FooterPlan(psb=False),
        pages=(P("field-no-label", "write", "3"),),
        annual_report="only-disclosure",
        links=(
            LinkPlant("missing", "item-file:tzgg#0:申报表.docx", ("tzgg#0",), "附件：申报表.docx"),
            LinkPlant("no-dns", "http://zwfw.huaining-old.invalid/bsdt/", ("home",), "网上办事大厅"),
        ),
    ),
    SitePlan(
        key="yuexi",
        style="legacy",
        charset="gbk",
        columns=(
            C("gzdt", 12, 3, 3),
            C("bdyw", 10, 40, 6, name="岳西要闻"),  # stale for 40 days
            C("tzgg", 8, 20, 15),
            C("zcwj", 4, 70, 30),
            C("zcjd", 3, 0, 0),
            C("rsxx", 3, 150, 50),
        ),
        board=board("县长信箱"),
        guides=guides("居民身份证换领", "残疾人证办理",
                      incomplete={"残疾人证办理": ("联系电话", "办理流程")}),
        footer=FooterPlan(conac=False),
        viewport=False,
        mislabelled_item="gzdt#5",
        pages=(
            P("typo", "gzdt#2", "习进平"),
            P("img-no-alt", "home", "1"),
        ),
        annual_report="only-older",
        links=(
            LinkPlant("missing", "/zwgk/2017/1234.htm", ("home", "bdyw#0"), "2017年政府信息公开年报"),
        ),
    ),
    SitePlan(
        key="mca",
        style="meta-driven",
        columns=(
            C("gzdt", 20, 0, 2),
            C("tzgg", 12, 5, 8),
            C("zcwj", 8, 15, 20),
            C("zcjd", 5, 0, 0),
            C("rsxx", 5, 50, 30),
            C("ghjh", 3, 120, 60),
        ),
        board=board("部长信箱"),
        guides=guides("社会团体成立登记", "基金会设立登记", "殡葬设施建设审批"),
        pages=(
            P("typo", "tzgg#2", "全国人民代表大大会"),
            P("lottery", "gzdt#3"),
            P("no-lang", "sitemap"),
        ),
        annual_report="pdf",
        links=(
            LinkPlant("missing", "/images/zt/2019banner.png", ("home",), "专题：2019年全国民政工作会议",
                      tag="img"),
        ),
    ),
    SitePlan(
        key="mwr",
        style="table",
        columns=(
            C("gzdt", 16, 0, 2, name="水利要闻"),
            C("tzgg", 10, 6, 10),
            C("zcwj", 6, 30, 30),
            C("zcjd", 4, 0, 0),
            C("rsxx", 4, 90, 45),
        ),
        board=None,  # no consultation channel at all
        guides=guides("取水许可", "水工程建设规划同意书审核"),
        pages=(
            P("hidden-internal", "home"),
            P("link-no-name", "home", "1"),
        ),
        links=(
            LinkPlant("missing", "http://www.gov.cn:{port}/zhengce/2016-05/content_5071010.htm", ("zcwj#0",),
                      "国务院文件（原文）"),
        ),
    ),
    SitePlan(
        key="stats",
        style="list-span",
        columns=(
            C("gzdt", 16, 1, 2, name="统计动态"),
            C("tzgg", 10, 12, 10),
            C("zcwj", 6, 40, 30),
            C("zcjd", 4, 0, 0),
            C("rsxx", 4, 60, 40),
        ),
        board=board("局长信箱"),
        guides=guides("统计执法检查结果查询", "统计调查项目审批"),
        footer=FooterPlan(jiucuo=False),
        pages=(
            P("typo", "gzdt#4", "国务元"),
            P("typo-lookalike", "tzgg#1"),
        ),
        site_search=False,
        links=(
            LinkPlant("missing", "/tjsj/zxfb/2018/t20180228_1585631.html",
                      ("gzdt#0", "gzdt#1", "gzdt#2", "gzdt#5", "gzdt#8", "tzgg#0"), "2017年统计公报"),
            LinkPlant("status-500", "/tjsj/ndsj/index.jsp", ("home",), "年度数据查询"),
        ),
    ),
)  # fmt: skip
