"""Builds one site of the demo estate from its plan: content, pages, files, serving rules, plants.

The builder keeps the content model (columns with dated items, messages,
guides) and records the content problems of the ground truth from it; the
link problems are worked out afterwards from the rendered pages
(:mod:`govinspect.demo.truth`).
"""

from __future__ import annotations

import ipaddress
import posixpath
import random
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from govinspect.demo import assets, plants
from govinspect.demo.blueprint import (
    BROKEN_EFFECTS,
    UNVERIFIED_EFFECTS,
    ColumnPlan,
    LinkPlant,
    PagePlant,
    SitePlan,
)
from govinspect.demo.names import NATIONAL_PORTAL_CODE, REAL_SITES, RealSite, real_site
from govinspect.demo.routes import HostPlan, Rule
from govinspect.demo.styles import STYLES
from govinspect.demo.styles.base import (
    Anchor,
    ArticleView,
    Block,
    Chrome,
    Disclosure,
    Entry,
    Extras,
    Footer,
    GuideView,
    HomeView,
    ListView,
    MessageEntry,
    MessageListView,
    MessageView,
    PageView,
    Picture,
    PlainView,
    e,
)
from govinspect.demo.truth import LinkPlanting, PlantedProblem, Trap, Verdict
from govinspect.demo.wording import GUIDE_ELEMENTS, Writer
from govinspect.model.site import Site

PAGE_SIZE = 10
HOME_BLOCK_SIZE = 6
FUTURE_OFFSET_DAYS = 363  # a mistyped year: the date shown is almost a year after T
NOT_FOUND_PAGE = "_errors/404.html"
BLANK_NOTE = "暂无信息"
WINDOWS: Mapping[str, tuple[int, str]] = {  # column type → (days, as the rules word it)
    "news": (14, "2 weeks"),
    "notice-policy": (183, "6 months"),
    "personnel-plan": (365, "1 year"),
}
_EDGE_MARGIN_DAYS = 3
_STATUS_PAGES: Mapping[int, tuple[str, tuple[tuple[str, str], ...]]] = {
    401: ("401 Unauthorized", (("WWW-Authenticate", 'Basic realm="oa"'),)),
    403: ("403 Forbidden：您的访问已被拦截", ()),
    410: ("410 Gone：该页面已被永久删除", ()),
    429: ("429 Too Many Requests：访问过于频繁，请稍后再试", (("Retry-After", "1"),)),
    500: ("500 Internal Server Error：服务器内部错误", ()),
}


def third_party_urls(port: int, site: RealSite) -> dict[str, str]:
    """The URLs a site's footer links to on third-party services (served by the estate too)."""
    conac_id = "6" + "".join(ch for ch in site.site_code if ch.isdigit())[-7:]
    province = site.region_code[:2]
    return {
        "conac": f"http://dcs.conac.cn:{port}/js/{province}/000/0000/{conac_id}/"
        f"CA{province}0000000{conac_id}0001.js",
        "icp": f"http://beian.miit.gov.cn:{port}/",
        "psb": f"http://www.beian.gov.cn:{port}/portal/registerSystemInfo?recordcode={site.psb}",
        "jiucuo": f"http://zfwzgl.www.gov.cn:{port}/exposure/jiucuo.html?site_code={site.site_code}"
        f"&url={quote(f'http://{site.host}:{port}/', safe='')}",
    }


@dataclass(slots=True)
class Item:
    """One dated article of a column, with its page."""

    url: str
    title: str
    published: datetime
    view: ArticleView


@dataclass(slots=True)
class Column:
    plan: ColumnPlan
    number: int
    list_path: str
    page_urls: tuple[str, ...]
    items: list[Item]

    @property
    def first_url(self) -> str:
        return self.page_urls[0]


@dataclass(frozen=True, slots=True)
class BuiltSite:
    """Everything one site contributes to the estate."""

    site: Site
    style: str
    charset: str
    soft_404: bool
    hosts: frozenset[str]
    robots_disallow: tuple[str, ...]
    host_plans: Mapping[str, HostPlan]
    rules: tuple[Rule, ...]
    files: Mapping[str, bytes]
    html_by_file: Mapping[str, str]
    resolve: tuple[tuple[str, str], ...]  # (host, address) this site needs beyond its own hosts
    plantings: tuple[LinkPlanting, ...]
    traps: tuple[Trap, ...]
    alias_pages: tuple[str, ...]
    problems: tuple[PlantedProblem, ...]


class SiteBuilder:
    """Builds one site. Call :meth:`build` once."""

    def __init__(self, plan: SitePlan, *, port: int, as_of: date, seed: int) -> None:
        self.plan = plan
        self.real = real_site(plan.key)
        self.style = STYLES[plan.style]
        self.port = port
        self.as_of = as_of
        self.rng = random.Random(f"{seed}:{plan.key}")
        # page plants draw from their own stream, so that adding one leaves the rest of the site as it was
        self.plant_rng = random.Random(f"{seed}:{plan.key}:plants")
        self.host = self.real.host
        self.bare = self.host.removeprefix("www.")
        self.base = f"http://{self.host}:{port}"
        self.home_url = f"{self.base}/"
        department = self.real.site_type == "department"
        issuer = self.real.place if department else f"{self.real.place}人民政府"
        self.writer = Writer(
            self.rng,
            place=self.real.place,
            issuer=issuer,
            office=f"{issuer}办公厅" if department or self.real.level == "province" else f"{issuer}办公室",
            department=department,
        )
        self.phone = f"{self.real.area_code}-{self.rng.randrange(6000_0000, 6999_9999)}"
        self._serial = self.rng.randrange(100_000, 900_000) * 10
        self._column_number = self.rng.randrange(1000, 9000)
        self.files: dict[str, bytes] = {}
        self.pages: dict[str, tuple[str, PageView]] = {}  # url → (file, view)
        self.extras: dict[str, Extras] = defaultdict(Extras)  # page URL → references planted on it
        self.rules: list[Rule] = []
        self.resolve: list[tuple[str, str]] = []
        self.plantings: list[LinkPlanting] = []
        self.traps: list[Trap] = []
        self.alias_pages: list[str] = []
        self.problems: list[PlantedProblem] = []
        self.columns: dict[str, Column] = {}
        self.extra_hosts: dict[str, HostPlan] = {}  # hosts the site's plants need (zxft.x.gov.cn, spam hosts)
        self.foreign_html: dict[str, str] = {}  # file → HTML of the off-site pages page plants link to
        self.named: dict[str, str] = {}  # service page name (about, sitemap, write) → URL

    # ---- the whole site ---------------------------------------------------------------------
    def build(self) -> BuiltSite:
        for plan in self.plan.columns:
            self.columns[plan.slug] = self._column(plan)
        board = self._board()
        guide_list = self._guides()
        nav = [Anchor(c.first_url, c.plan.title) for c in self.columns.values()]
        if board is not None:
            nav.append(board)
        nav.append(guide_list)
        for plant in self.plan.links:
            self._plant(plant)
        chrome = self._chrome(tuple(nav))
        self._home(guide_list)
        self._service_pages(tuple(nav))
        for page_plant in self.plan.pages:
            self._page_plant(page_plant)
        self._annual_reports()
        self._record_content_problems(chrome)
        html_by_file = self._render(chrome)
        return BuiltSite(
            site=self._site(),
            style=self.plan.style,
            charset=self.plan.charset,
            soft_404=self.plan.soft_404,
            hosts=frozenset({self.host, self.bare}),
            robots_disallow=self.plan.robots_disallow,
            host_plans=self._host_plans(),
            rules=tuple(self.rules),
            files=self.files,
            html_by_file=html_by_file,
            resolve=tuple(self.resolve),
            plantings=tuple(self.plantings),
            traps=tuple(self.traps),
            alias_pages=tuple(self.alias_pages),
            problems=tuple(self.problems),
        )

    def _site(self) -> Site:
        r = self.real
        parent = real_site(r.parent_key).site_code if r.parent_key else NATIONAL_PORTAL_CODE
        return Site(
            name=r.name,
            url=self.home_url,
            site_code=r.site_code,
            organizer=r.organizer,
            site_type=r.site_type,
            level=r.level,
            region_code=r.region_code,
            region=r.region,
            parent_code=parent,
            has_external_services=bool(self.plan.guides),
            status="normal",
        )

    def _host_plans(self) -> dict[str, HostPlan]:
        plan = HostPlan(
            folder=self.host,
            charset=self.plan.charset,
            not_found_status=200 if self.plan.soft_404 else 404,
            not_found_page=NOT_FOUND_PAGE,
        )
        return {self.host: plan, self.bare: plan, **self.extra_hosts}

    # ---- content ----------------------------------------------------------------------------
    def _next_serial(self) -> int:
        self._serial += self.rng.randrange(1, 40)
        return self._serial

    def _moment(self, day: date) -> datetime:
        return datetime.combine(day, time(self.rng.randrange(8, 19), self.rng.randrange(60)))

    def _column(self, plan: ColumnPlan) -> Column:
        self._column_number += self.rng.randrange(1, 9)
        number = self._column_number
        list_path = self.style.list_path(plan.kind.section, plan.slug, number)
        if plan.kind.content == "interpretation":
            count = min(plan.items, len(self.columns["zcwj"].items))
        else:
            count = 0 if plan.blank else plan.items + plan.future_item
        first_url = self.base + list_path
        pages = max(1, -(-count // PAGE_SIZE))
        page_urls = tuple(self.style.list_page_url(first_url, index) for index in range(pages))
        column = Column(plan, number, list_path, page_urls, [])
        if plan.kind.content == "interpretation":
            self._interpretations(column)
            return column
        days: list[date] = []
        age = plan.newest_age
        for index in range(0 if plan.blank else plan.items):
            if index:
                age += self.rng.randrange(plan.spacing // 2, plan.spacing + plan.spacing // 2 + 1)
            days.append(self.as_of - timedelta(days=age))
        if plan.future_item:
            days.insert(0, self.as_of + timedelta(days=FUTURE_OFFSET_DAYS))
        column.items = [self._article(column, self._moment(day)) for day in days]
        return column

    def _article(self, column: Column, published: datetime) -> Item:
        content = column.plan.kind.content
        serial = self._next_serial()
        day = published.date()
        url = self.base + self.style.item_path(column.list_path, column.number, day, serial)
        topic = self.writer.topic()
        title = self.writer.title(content, topic, published.year)
        if content == "policy":
            paragraphs = self.writer.policy_paragraphs(topic, published.year)
        else:
            paragraphs = self.writer.paragraphs(
                topic, f"{published.month}月{published.day}日", self.rng.randrange(3, 6)
            )
        pictures: list[Picture] = []
        attachments: list[Anchor] = []
        disclosure = None
        if content == "news" and self.rng.random() < 0.35:
            pictures.append(self._image(column, day, title))
        if content == "policy":
            written = day - timedelta(days=self.rng.randrange(2, 10))
            disclosure = Disclosure(
                index_number=f"{self.real.site_code}/{published.year}-{serial % 100_000:05d}",
                issuer=self.real.organizer,
                written=written,
                doc_number=f"{self.real.doc_prefix}〔{written.year}〕{self.rng.randrange(1, 60)}号",
            )
            attachments.append(self._attachment(column, day, ".pdf", f"{topic}实施细则", paragraphs))
            if self.rng.random() < 0.5:
                attachments.append(self._attachment(column, day, ".docx", "政策问答", paragraphs))
        elif content in ("notice", "personnel", "plan") and self.rng.random() < 0.45:
            suffix = self.rng.choice((".docx", ".xlsx", ".pdf"))
            attachments.append(self._attachment(column, day, suffix, f"{topic}相关附件", paragraphs))
        view = ArticleView(
            url=url,
            column_name=column.plan.title,
            column_url=column.first_url,
            column_meta_type=column.plan.kind.meta_type,
            title=title,
            published=published,
            source=self.writer.source(),
            paragraphs=paragraphs,
            disclosure=disclosure,
            attachments=tuple(attachments),
            pictures=tuple(pictures),
        )
        return Item(url, title, published, view)

    def _file_url(self, column: Column, day: date, suffix: str) -> str:
        return self.base + self.style.file_path(column.list_path, day, self._next_serial(), suffix)

    def _attachment(
        self, column: Column, day: date, suffix: str, name: str, paragraphs: tuple[str, ...]
    ) -> Anchor:
        url = self._file_url(column, day, suffix)
        if suffix == ".pdf":
            body = assets.pdf_document(name, paragraphs)
        elif suffix == ".docx":
            body = assets.docx_document(name, paragraphs)
        else:
            rows = [["序号", "项目名称", "责任单位", "完成时限"]]
            rows += [
                [str(i), f"{name}（{i}）", self.real.organizer, f"{day.year}年12月底"] for i in range(1, 6)
            ]
            body = assets.xlsx_workbook("Sheet1", rows)
        self._add_file(url, body)
        return Anchor(url, f"{name}{suffix}")

    def _image(self, column: Column, day: date, title: str) -> Picture:
        url = self._file_url(column, day, ".png")
        colour = (self.rng.randrange(40, 220), self.rng.randrange(40, 220), self.rng.randrange(40, 220))
        self._add_file(url, assets.png_image(160, 90, colour))
        return Picture(url, title)

    def _interpretations(self, column: Column) -> None:
        """One interpretation per recent policy, dated a day or two after it, each linking to the other."""
        policies = self.columns["zcwj"].items[: column.plan.items]
        for index, policy in enumerate(policies):
            day = min(policy.published.date() + timedelta(days=self.rng.randrange(0, 3)), self.as_of)
            item = self._article(column, self._moment(day))
            copied = column.plan.copied_interpretation and index == 0
            paragraphs = policy.view.paragraphs if copied else item.view.paragraphs
            title = f"《{policy.title}》政策解读"
            item.title = title
            item.view = replace(
                item.view,
                title=title,
                paragraphs=(f"近日，{policy.title}印发实施。现将有关内容解读如下。", *paragraphs),
                related_label="相关文件",
                related=(Anchor(policy.url, policy.title),),
            )
            policy.view = replace(policy.view, related_label="相关解读", related=(Anchor(item.url, title),))
            column.items.append(item)
            if copied:
                detail = {"policy_title": policy.title}
                self.problems.append(
                    PlantedProblem(
                        "interpretation-copied", "fail", self.home_url, item.url, policy.url, detail
                    )
                )
        column.items.sort(key=lambda i: i.published, reverse=True)

    def _board(self) -> Anchor | None:
        plan = self.plan.board
        if plan is None:
            return None
        self._column_number += 1
        list_path = self.style.list_path("hdjl", "zxly", self._column_number)
        first_url = self.base + list_path
        folder = posixpath.dirname(list_path)
        write_url = f"{self.base}{folder}/write.html"
        self.named["write"] = write_url
        self._page(
            write_url,
            PlainView(write_url, "我要写信", ("请如实填写留言标题和内容，我们将在5个工作日内答复。",)),
        )
        entries: list[MessageEntry] = []
        for message in sorted(plan.messages, key=lambda m: m.age):
            submitted = self._moment(self.as_of - timedelta(days=message.age))
            text = self.writer.message()
            url = self.base + self.style.item_path(
                list_path, self._column_number, submitted.date(), self._next_serial()
            )
            replied = None
            if message.reply_after is not None:
                replied = submitted + timedelta(days=message.reply_after, hours=self.rng.randrange(1, 5))
            view = MessageView(
                url, plan.name, first_url, text.title, text.asker, submitted, text.question, text.replier,
                replied, text.answer if replied else None,
            )  # fmt: skip
            self._page(url, view)
            entries.append(MessageEntry(url, text.title, submitted.date(), replied is not None))
            self._record_message(url, text.title, submitted, replied)
        pages = max(1, -(-len(entries) // PAGE_SIZE))
        page_urls = tuple(self.style.list_page_url(first_url, index) for index in range(pages))
        for index, page_url in enumerate(page_urls):
            chunk = tuple(entries[index * PAGE_SIZE : (index + 1) * PAGE_SIZE])
            listing = MessageListView(page_url, plan.name, chunk, index, page_urls, write_url)
            self._page(page_url, listing, self.style.list_page_file(list_path, index))
        return Anchor(first_url, plan.name)

    def _record_message(self, url: str, title: str, submitted: datetime, replied: datetime | None) -> None:
        """Record an overdue or late-answered message; refuse ages and delays too close to a rule's edge."""
        age = (self.as_of - submitted.date()).days
        detail: dict[str, Any] = {"title": title, "submitted": submitted.date().isoformat()}
        if replied is None:
            if 100 <= age <= 350:  # more than 3 months, less than 12 months before T
                detail["age_days"] = age
                self.problems.append(
                    PlantedProblem("message-unanswered", "fail", self.home_url, url, None, detail)
                )
            elif 80 <= age <= 380:
                raise ValueError(f"{url}: an unanswered message {age} days old is too close to a window edge")
            return
        delay = (replied.date() - submitted.date()).days
        if delay >= 20:  # more than 5 working days whatever the holidays
            detail["replied"] = replied.date().isoformat()
            self.problems.append(
                PlantedProblem("message-slow-reply", "fail", self.home_url, url, None, detail)
            )
        elif delay > 3:
            raise ValueError(f"{url}: a reply after {delay} days is ambiguous in working days")

    def _guides(self) -> Anchor:
        self._column_number += 1
        list_path = self.style.list_path("bsfw", "bszn", self._column_number)
        first_url = self.base + list_path
        entries: list[Entry] = []
        for index, guide in enumerate(self.plan.guides):
            created = self.as_of - timedelta(days=500 + 17 * index)
            url = self.base + self.style.item_path(
                list_path, self._column_number, created, self._next_serial()
            )
            values = self.writer.guide_values(guide.service, self.phone, self.real.address)
            form = self.base + self.style.file_path(list_path, created, self._next_serial(), ".docx")
            self._add_file(form, assets.docx_document(f"{guide.service}申请表", (values["办理材料"],)))
            elements = tuple((k, v) for k, v in values.items() if k not in guide.missing)
            view = GuideView(
                url, "办事指南", first_url, guide.service, elements, (Anchor(form, "申请表.docx"),)
            )
            self._page(url, view)
            entries.append(Entry(url, f"{guide.service}办事指南", None))
            if guide.missing:
                missing = [name for name in GUIDE_ELEMENTS if name in guide.missing]
                self.problems.append(
                    PlantedProblem(
                        "service-guide-incomplete", "fail", self.home_url, url, None, {"missing": missing}
                    )
                )
        self._page(
            first_url, ListView(first_url, "办事指南", "办事服务", tuple(entries), 0, (first_url,)), list_path
        )
        return Anchor(first_url, "办事服务")

    # ---- plants -----------------------------------------------------------------------------
    def _plant(self, plant: LinkPlant) -> None:
        """Place a planted reference on its pages, make its target answer as planned, record it."""
        effect = plant.effect
        spec, _, chain_end = plant.target.partition("->")
        url = self._target(spec)
        urls = [url]
        if effect == "twin":
            parts = urlsplit(url)
            urls = [url.replace(f"//{parts.netloc}", f"//{self.bare}:{self.port}", 1)]
            self.alias_pages.append(urls[0])
        elif effect == "query-permutation":
            joiner = "&" if "?" in url else "?"
            head, _, query = url.partition("?")
            pairs = [p for p in query.split("&") if p]
            urls = [f"{url}{joiner}size=15&from=nav", f"{head}?{'&'.join(['from=nav', 'size=15', *pairs])}"]
            self.alias_pages.extend(urls)
        self._place(plant, urls)
        target = urls[0].split("#", 1)[0]
        self._make_answer(plant, target, chain_end)
        if effect in BROKEN_EFFECTS or effect in UNVERIFIED_EFFECTS:
            verdict: Verdict = "fail" if effect in BROKEN_EFFECTS else "unverified"
            self.plantings.append(LinkPlanting(self.home_url, target, effect, verdict))
        else:
            for spot in plant.on:
                for trap_url in urls:
                    self.traps.append(Trap(effect, self.home_url, self._spot(spot), trap_url))

    def _make_answer(self, plant: LinkPlant, target: str, chain_end: str) -> None:
        """Serving rules, resolve entries or pages that make ``target`` behave as ``plant.effect`` says."""
        effect, host, path = plant.effect, urlsplit(target).hostname or "", urlsplit(target).path
        if effect.startswith("status-"):
            status = int(effect.removeprefix("status-"))
            text, headers = _STATUS_PAGES[status]
            page = f'<html lang="zh-CN"><head><title>{text}</title></head><body><h1>{text}</h1></body></html>'
            headers = (("Content-Type", "text/html; charset=utf-8"), *headers)
            for name in self._answering_hosts(host):
                self.rules.append(Rule("status", name, path=path, status=status, body=page, headers=headers))
        elif effect == "redirect-loop":
            root, suffix = posixpath.splitext(path)
            other = f"{root}_redirect{suffix}"
            self._redirect(host, path, other, 302)
            self._redirect(host, other, path, 302)
        elif effect == "redirect-chain":
            middle = f"{posixpath.dirname(path)}/redirect/{posixpath.basename(path)}"
            self._redirect(host, path, middle, 301)
            self._redirect(host, middle, self._target(chain_end), 302)
            self.alias_pages.append(self._target(chain_end))
        elif effect == "refused":
            self.resolve.append((host, "127.0.0.2"))
        elif effect == "no-dns" and not host.endswith(".invalid"):
            raise ValueError(f"{target}: a DNS failure must use a host under .invalid")
        elif effect == "private" and not ipaddress.ip_address(host).is_private:
            raise ValueError(f"{target}: not a private address")
        elif effect == "robots":
            if not any(path.startswith(prefix) for prefix in self.plan.robots_disallow):
                raise ValueError(f"{target}: not in a folder robots.txt disallows")
            self._page(target, PlainView(target, plant.text, ("本页面仅供内部工作人员查阅。",)))

    def _answering_hosts(self, host: str) -> tuple[str, ...]:
        """The hosts a rule for ``host`` goes to: the www/bare pair, or a sub-host the site links to."""
        if host in (self.host, self.bare):
            return (self.host, self.bare)
        if not host.endswith(f".{self.bare}"):
            raise ValueError(f"{host}: rules only for the site's own hosts and its sub-hosts")
        self.extra_hosts[host] = HostPlan(folder=host)
        return (host,)

    def _redirect(self, host: str, path: str, location: str, status: int) -> None:
        for name in self._answering_hosts(host):
            self.rules.append(Rule("redirect", name, path=path, status=status, location=location))

    def _place(self, plant: LinkPlant, urls: list[str]) -> None:
        for spot in plant.on:
            page = self._spot(spot)
            extras = self.extras[page]
            if plant.tag == "a":
                extras = replace(
                    extras, anchors=(*extras.anchors, *(Anchor(url, plant.text) for url in urls))
                )
            elif plant.tag == "img":
                extras = replace(
                    extras, pictures=(*extras.pictures, *(Picture(url, plant.text) for url in urls))
                )
            elif plant.tag == "link":
                extras = replace(extras, stylesheets=(*extras.stylesheets, *urls))
            else:
                extras = replace(extras, scripts=(*extras.scripts, *urls))
            self.extras[page] = extras

    def _spot(self, spot: str) -> str:
        if spot == "home":
            return self.home_url
        if spot in self.named:
            return self.named[spot]
        return self._item(spot).url

    def _item(self, ref: str) -> Item:
        slug, _, index = ref.partition("#")
        return self.columns[slug].items[int(index)]

    def _has_spot(self, spot: str) -> bool:
        slug, _, index = spot.partition("#")
        if not index:
            return spot == "home" or spot in self.named
        return slug in self.columns and int(index) < len(self.columns[slug].items)

    def _target(self, spec: str) -> str:
        """The absolute URL a blueprint target names (see :mod:`govinspect.demo.blueprint`)."""
        if spec.startswith("@"):
            key, _, path = spec[1:].partition("/")
            return f"http://{real_site(key).host}:{self.port}/{path}"
        if spec.startswith("item:"):
            slug, index, *fragment = spec.removeprefix("item:").split("#")
            return self._item(f"{slug}#{index}").url + "".join(f"#{f}" for f in fragment)
        if spec.startswith("item-file:"):
            ref, _, name = spec.removeprefix("item-file:").partition(":")
            item = self._item(ref)
            if not name:
                return item.view.attachments[0].url
            column = self.columns[ref.partition("#")[0]]
            return self._file_url(column, item.published.date(), posixpath.splitext(name)[1])
        if spec.startswith("page:"):
            slug, _, index = spec.removeprefix("page:").partition("#")
            return self.columns[slug].page_urls[int(index)]
        if spec.startswith("/"):
            return self.base + spec
        return spec.replace("{port}", str(self.port))

    # ---- page plants (content, privacy, accessibility) ------------------------------------------
    def _page_plant(self, plant: PagePlant) -> None:
        """Put one content, privacy or accessibility plant (or trap) on its page and record it.

        A plant on a page the site does not have (a variant of the plan with a blank column or no
        message board) is left out: the ground truth records only what was planted.
        """
        if not self._has_spot(plant.on):
            return
        url = self._spot(plant.on)
        kind, arg = plant.kind, plant.arg
        if kind == "typo":
            found, expected, sentence = plants.TYPOS[arg]
            self._add_text(plant.on, (sentence,))
            self._problem("serious-typo", url, None, {"found": found, "expected": expected})
        elif kind == "gambling-block":
            self._add_markup(url, f'<div class="gg">{e(plants.GAMBLING_BLOCK)}</div>')
            detail = {"category": "gambling", "terms": list(plants.GAMBLING_TERMS)}
            self._problem("prohibited-content", url, None, detail)
        elif kind == "gambling-link":
            target = self._foreign_page(
                plants.GAMBLING_HOST, plants.GAMBLING_SITE_TITLE, plants.GAMBLING_SITE_TEXT
            )
            self._add_markup(url, self.style.anchor_block("合作网站", (Anchor(target, arg, True),), url))
            detail = {"category": "gambling", "terms": list(plants.GAMBLING_SITE_TERMS)}
            self._problem("prohibited-content", url, target, detail)
        elif kind == "hidden-link":
            host, text, title = plants.SPAM_HOSTS[arg]
            target = self._foreign_page(host, title, (f"{title}，欢迎咨询。",))
            self._add_markup(url, plants.hidden_block(arg, self.style.href(target, url), text))
            self._problem("hidden-link", url, target, {"technique": arg})
        elif kind.startswith("privacy-"):
            self._privacy(kind, plant.on, url)
        elif kind in ("img-no-alt", "link-no-name", "field-no-label", "no-lang", "no-title"):
            self._accessibility(kind, plant.on, url, int(arg or 1))
        else:
            self._trap(kind, plant.on, url)

    def _problem(self, check: str, url: str, target: str | None, detail: Mapping[str, Any]) -> None:
        self.problems.append(PlantedProblem(check, "fail", self.home_url, url, target, detail))

    def _add_markup(self, url: str, markup: str) -> None:
        extras = self.extras[url]
        self.extras[url] = replace(extras, markup=(*extras.markup, markup))

    def _add_text(self, spot: str, paragraphs: tuple[str, ...]) -> None:
        """Paragraphs added to an article's text (after its first paragraph), or to a page's body."""
        if spot == "home" or spot in self.named:
            self._add_markup(self._spot(spot), "".join(f"<p>{e(p)}</p>" for p in paragraphs))
            return
        item = self._item(spot)
        old = item.view.paragraphs
        item.view = replace(item.view, paragraphs=(*old[:1], *paragraphs, *old[1:]))

    def _foreign_page(self, host: str, title: str, paragraphs: tuple[str, ...]) -> str:
        """An off-site page served by the estate (a spam or gambling host); its URL."""
        file = f"www/{host}/index.html"
        page = plants.plain_page(title, paragraphs)
        self.foreign_html[file] = page
        self.files[file] = page.encode("utf-8")
        self.extra_hosts[host] = HostPlan(folder=host)
        return f"http://{host}:{self.port}/"

    def _new_file(self, spot: str, suffix: str, body: bytes) -> str:
        """A new file next to the item at ``spot`` (or under /images/), numbered from the plant stream."""
        while True:
            serial = self.plant_rng.randrange(1_000_000, 9_000_000)
            if spot == "home" or spot in self.named:
                url = f"{self.base}/images/pic{serial}{suffix}"
            else:
                item = self._item(spot)
                column = self.columns[spot.partition("#")[0]]
                path = self.style.file_path(column.list_path, item.published.date(), serial, suffix)
                url = self.base + path
            if self._file_of(urlsplit(url).path) not in self.files:
                self._add_file(url, body)
                return url

    def _privacy(self, kind: str, spot: str, url: str) -> None:
        rng, item = self.plant_rng, None
        findings: list[tuple[str, str]] = []  # (kind, value)
        if kind == "privacy-page":
            people = plants.people(rng, self.real.region_code, 3)
            rows = [
                (p.name, p.id_number, str(rng.randrange(1, 5)), f"{rng.randrange(300, 900)}") for p in people
            ]
            contact = plants.people(rng, self.real.region_code, 1)[0]
            self._add_markup(
                url,
                plants.table(("姓名", "身份证号码", "保障人口", "月保障金（元）"), rows)
                + f"<p>公示期间如有异议，请与经办人{e(contact.name)}联系，手机：{contact.mobile}。</p>",
            )
            findings = [("id-number", p.id_number) for p in people] + [("mobile", contact.mobile)]
            for found_kind, value in findings:
                self._privacy_problem(url, found_kind, value, None)
            return
        item = self._item(spot)
        if kind == "privacy-xlsx":
            people = plants.people(rng, self.real.region_code, 3)
            sheet = [["序号", "姓名", "身份证号码", "银行卡号", "补贴金额（元）"]]
            sheet += [[str(i), p.name, p.id_number, p.bank_card, "1250"] for i, p in enumerate(people, 1)]
            name, body = "补贴发放表.xlsx", assets.xlsx_workbook("补贴发放表", sheet)
            findings = [
                (k, v) for p in people for k, v in (("id-number", p.id_number), ("bank-card", p.bank_card))
            ]
        elif kind == "privacy-docx":
            people = plants.people(rng, self.real.region_code, 2)
            lines = tuple(
                f"{i}. {p.name}，身份证号：{p.id_number}，联系电话：{p.mobile}"
                for i, p in enumerate(people, 1)
            )
            name, body = "拟聘用人员名单.docx", assets.docx_document("拟聘用人员名单", lines)
            findings = [(k, v) for p in people for k, v in (("id-number", p.id_number), ("mobile", p.mobile))]
        else:
            people = plants.people(rng, self.real.region_code, 2)
            lines = ("序号 姓名 身份证号码 手机号码",)
            lines += tuple(f"{i}. {p.name} {p.id_number} {p.mobile}" for i, p in enumerate(people, 1))
            name = "临时救助对象名单.pdf"
            body = assets.pdf_document("临时救助对象名单", lines, line_chars=40)
            findings = [(k, v) for p in people for k, v in (("id-number", p.id_number), ("mobile", p.mobile))]
        file_url = self._new_file(spot, posixpath.splitext(name)[1], body)
        item.view = replace(item.view, attachments=(*item.view.attachments, Anchor(file_url, name)))
        self._add_text(spot, ("现将有关名单予以公示（详见附件）。",))
        for found_kind, value in findings:
            self._privacy_problem(file_url, found_kind, value, item.url)

    def _privacy_problem(self, url: str, kind: str, value: str, found_on: str | None) -> None:
        detail: dict[str, Any] = {"kind": kind, "masked_value": plants.masked(kind, value)}
        if found_on is not None:
            detail["found_on"] = [found_on]
        self._problem("privacy-leak", url, None, detail)

    def _accessibility(self, kind: str, spot: str, url: str, count: int) -> None:
        examples: list[str] = []
        if kind == "img-no-alt":
            for _ in range(count):
                colour = (self.plant_rng.randrange(40, 220), 120, 160)
                image = self._new_file(spot, ".png", assets.png_image(120, 80, colour))
                examples.append(self.style.href(image, url))
            self._add_markup(url, "".join(f'<p class="pic"><img src="{src}"></p>' for src in examples))
            check = "img-missing-alt"
        elif kind == "link-no-name":
            targets = (self.home_url, self.named["sitemap"], self.named["about"])[:count]
            examples = [self.style.href(target, url) for target in targets]
            icons = "".join(
                f'<a href="{href}" class="icon"><span class="ico"></span></a>' for href in examples
            )
            self._add_markup(url, f'<div class="share">{icons}</div>')
            check = "link-missing-name"
        elif kind == "field-no-label":
            fields = (
                '<input type="text" name="title">',
                '<textarea name="content"></textarea>',
                '<select name="kind"><option>咨询</option><option>建议</option></select>',
            )[:count]
            examples = ["title", "content", "kind"][:count]
            self._add_markup(url, self._form(url, "".join(f"<p>{f}</p>" for f in fields)))
            check = "form-field-missing-label"
        else:
            extras = self.extras[url]
            lang, title = kind != "no-lang", kind != "no-title"
            self.extras[url] = replace(extras, lang=lang, title=title)
            check = "html-lang-missing" if kind == "no-lang" else "page-title-missing"
        self._problem(check, url, None, {"count": count, "examples": examples})

    def _form(self, url: str, fields: str) -> str:
        action = self.style.href(self.named["write"], url)
        return (
            f'<form class="letter" action="{action}" method="post">{fields}'
            '<input type="hidden" name="token" value="demo"><button type="submit">提交</button></form>'
        )

    def _trap(self, kind: str, spot: str, url: str) -> None:
        """A trap: something a checker must not report. Recorded with its page (and link target)."""
        targets = [url]
        if kind == "typo-lookalike":
            self._add_text(spot, plants.TYPO_LOOKALIKES)
        elif kind in plants.TRAP_TEXTS:
            self._add_text(spot, plants.TRAP_TEXTS[kind])
        elif kind == "hidden-gov-menu":
            keys = ("ah", "wuhu", "anqing", "mca")
            targets = [f"http://www.gov.cn:{self.port}/"]
            targets += [f"http://{real_site(key).host}:{self.port}/" for key in keys if key != self.plan.key]
            names = ["中国政府网"] + [real_site(key).name for key in keys if key != self.plan.key]
            items = "".join(
                f'<li><a href="{t}" target="_blank">{e(n)}</a></li>'
                for t, n in zip(targets, names, strict=True)
            )
            menu = f'<ul class="menu" style="display:none">{items}</ul>'
            self._add_markup(url, f'<div class="dropdown"><span>政府网站</span>{menu}</div>')
        elif kind == "hidden-internal":
            columns = list(self.columns.values())[:4]
            targets = [c.first_url for c in columns]
            items = "".join(
                f'<li><a href="{self.style.href(c.first_url, url)}">{e(c.plan.title)}</a></li>'
                for c in columns
            )
            self._add_markup(url, f'<ul class="mobile-nav" style="display:none">{items}</ul>')
        elif kind == "masked-data":
            self._add_markup(url, self._masked_markup())
        elif kind == "decorative-image":
            image = self._new_file(spot, ".png", assets.png_image(600, 4, (200, 30, 30)))
            self._add_markup(url, f'<p class="line"><img src="{self.style.href(image, url)}" alt=""></p>')
        elif kind == "named-icon-links":
            home, sitemap = self.style.href(self.home_url, url), self.style.href(self.named["sitemap"], url)
            logo = self.style.href(f"{self.base}/images/logo.png", url)
            self._add_markup(
                url,
                f'<div class="tools"><a href="{home}" aria-label="返回首页"><span class="ico"></span></a>'
                f'<a href="{sitemap}" title="网站地图"><span class="ico"></span></a>'
                f'<a href="{home}"><img src="{logo}" alt="{e(self.real.name)}"></a></div>',
            )
        elif kind == "labelled-form":
            fields = (
                '<p><label for="lx-title">留言标题</label><input id="lx-title" type="text" name="title"></p>'
                '<p><label>留言内容<textarea name="content"></textarea></label></p>'
                '<p><select name="kind" aria-label="留言类别">'
                "<option>咨询</option><option>建议</option></select></p>"
            )
            self._add_markup(url, self._form(url, fields))
        else:
            raise ValueError(f"unknown page plant {kind!r}")
        for target in targets:
            self.traps.append(Trap(kind, self.home_url, url, target))

    def _masked_markup(self) -> str:
        """A 公示 done right: masked names, IDs and mobiles, a reference number, office telephones."""
        rng = self.plant_rng
        rows = []
        for person in plants.people(rng, self.real.region_code, 3):
            rows.append(
                (person.name[0] + "*" * (len(person.name) - 1), plants.masked("id-number", person.id_number),
                 plants.masked("mobile", person.mobile))
            )  # fmt: skip
        reference = plants.failing_number(rng)
        return (
            plants.table(("姓名", "身份证号码", "联系电话"), rows)
            + f"<p>项目编号：{reference}</p>"
            + f"<p>监督电话：{self.phone}，政务服务便民热线：12345。</p>"
        )

    def _annual_reports(self) -> None:
        """The 政府网站工作年度报表 links on the homepage, as the plan says; record a missing one."""
        year, kind = self.as_of.year - 1, self.plan.annual_report
        rng = self.plant_rng
        anchors: list[Anchor] = []
        years = {"page": (year, year - 1), "pdf": (year, year - 1), "only-older": (year - 1,)}.get(kind, ())
        for shown in years:
            title = f"{shown}年度政府网站工作年度报表"
            lines = plants.annual_report_lines(self.real.name, self.real.organizer, shown, rng)
            if kind == "pdf":
                url = f"{self.base}/ndbb/{shown}ndbb.pdf"
                self._add_file(url, assets.pdf_document(f"{self.real.name}{title}", lines))
            else:
                url = f"{self.base}/ndbb/{shown}/index.html"
                self._page(url, PlainView(url, f"{self.real.name}{title}", lines))
            anchors.append(Anchor(url, title))
        block = "网站工作年度报表"
        if kind == "only-disclosure":
            block = "政府信息公开年度报告"
            url = f"{self.base}/zwgk/ndbg/{year}.html"
            title = f"{self.real.name}{year}年政府信息公开工作年度报告"
            self._page(url, PlainView(url, title, (f"本报告由{self.real.organizer}编制。",)))
            anchors.append(Anchor(url, f"{year}年政府信息公开工作年度报告"))
        self._add_markup(self.home_url, self.style.anchor_block(block, anchors, self.home_url))
        if kind in ("only-older", "only-disclosure"):
            self.traps.append(Trap(f"annual-report-{kind}", self.home_url, self.home_url, anchors[0].url))
            self._problem("annual-report-missing", self.home_url, None, {"year": year})

    # ---- pages ------------------------------------------------------------------------------
    def _chrome(self, nav: tuple[Anchor, ...]) -> Chrome:
        r, footer_plan = self.real, self.plan.footer
        third = third_party_urls(self.port, r)
        footer = Footer(
            organizer=r.organizer,
            address=r.address,
            phone=self.phone,
            email=f"webmaster@{self.bare}",
            site_code=r.site_code if footer_plan.site_code else None,
            icp=r.icp if footer_plan.icp else None,
            icp_url=third["icp"],
            psb=f"{r.psb_prefix} {r.psb}号" if footer_plan.psb else None,
            psb_url=third["psb"],
            psb_icon=f"{self.base}/images/ga.png",
            conac_script=third["conac"] if footer_plan.conac else None,
            jiucuo_url=third["jiucuo"] if footer_plan.jiucuo else None,
            jiucuo_icon=f"{self.base}/images/jiucuo.png",
            about_url=f"{self.base}/gywm/index.html",
            sitemap_url=f"{self.base}/wzdt/index.html",
        )
        return Chrome(
            site_name=r.name,
            site_code=r.site_code,
            domain=self.host,
            home_url=self.home_url,
            nav=nav,
            search_url=f"{self.base}/search/index.html" if self.plan.site_search else None,
            stylesheet=f"{self.base}/css/style.css",
            script=f"{self.base}/js/common.js",
            logo=Picture(f"{self.base}/images/logo.png", r.name),
            footer=footer,
            viewport=self.plan.viewport,
        )

    def _home(self, guide_list: Anchor) -> None:
        blocks = []
        for column in self.columns.values():
            if column.items:
                entries = tuple(
                    Entry(i.url, i.title, i.published.date()) for i in column.items[:HOME_BLOCK_SIZE]
                )
                blocks.append(Block(column.plan.title, column.first_url, entries))
        services = tuple(
            Anchor(url, f"{view.name}办事指南")
            for url, (_, view) in self.pages.items()
            if isinstance(view, GuideView)
        )[:4]
        friends = [Anchor(f"http://www.gov.cn:{self.port}/", "中国政府网", True)]
        relatives = [s for s in REAL_SITES if s.key == self.real.parent_key or s.parent_key == self.real.key]
        friends += [Anchor(f"http://{s.host}:{self.port}/", s.name, True) for s in relatives]
        banner = Picture(f"{self.base}/images/banner.png", f"{self.real.name}欢迎您")
        view = HomeView(self.home_url, tuple(blocks), (*services, guide_list), tuple(friends), banner)
        self._page(self.home_url, view, "index.html")

    def _service_pages(self, nav: tuple[Anchor, ...]) -> None:
        base, r = self.base, self.real
        if self.plan.site_search:
            search = f"{base}/search/index.html"
            self._page(search, PlainView(search, "站内搜索", ("请输入关键词进行搜索。",)))
        sitemap = f"{base}/wzdt/index.html"
        self._page(sitemap, PlainView(sitemap, "网站地图", (), nav))
        about = f"{base}/gywm/index.html"
        self.named.update(sitemap=sitemap, about=about)
        self._page(
            about, PlainView(about, "关于我们", (f"本网站由{r.organizer}主办。", f"联系电话：{self.phone}"))
        )
        not_found = f"{base}/{NOT_FOUND_PAGE}"
        self._page(
            not_found,
            PlainView(
                not_found,
                "页面不存在",
                ("抱歉，您访问的页面不存在或已被删除。",),
                (Anchor(self.home_url, "返回首页"),),
            ),
        )
        robots = "User-agent: *\n" + "".join(f"Disallow: {prefix}\n" for prefix in self.plan.robots_disallow)
        self._add_file(f"{base}/robots.txt", robots.encode("ascii"))
        self._add_file(f"{base}/css/style.css", self.style.stylesheet_text().encode(self.plan.charset))
        self._add_file(f"{base}/js/common.js", self.style.script_text().encode(self.plan.charset))
        self._add_file(f"{base}/images/logo.png", assets.png_image(240, 60, (180, 20, 20)))
        self._add_file(f"{base}/images/banner.png", assets.png_image(600, 120, (200, 40, 40)))
        self._add_file(f"{base}/images/ga.png", assets.png_image(20, 20, (230, 190, 60)))
        self._add_file(f"{base}/images/jiucuo.png", assets.png_image(110, 50, (190, 20, 20)))
        if self.plan.mislabelled_item:
            url = self._item(self.plan.mislabelled_item).url
            header = "text/html; charset=utf-8"
            self.rules.append(Rule("content-type", self.host, path=urlsplit(url).path, content_type=header))
            self.traps.append(Trap("charset-mislabelled", self.home_url, url, url))
        prefix = self.plan.head_405_prefix
        if prefix:
            for host in (self.host, self.bare):
                self.rules.append(
                    Rule(
                        "status", host, prefix=prefix, method="HEAD", status=405, headers=(("Allow", "GET"),)
                    )
                )
            self.traps.append(Trap("head-405", self.home_url, self.home_url, f"{base}{prefix}"))

    def _record_content_problems(self, chrome: Chrome) -> None:
        site_url = self.home_url
        for column in self.columns.values():
            plan = column.plan
            if plan.blank:
                self.problems.append(
                    PlantedProblem(
                        "column-blank", "fail", site_url, column.first_url, None, {"column_name": plan.title}
                    )
                )
                continue
            past = [i.published.date() for i in column.items if i.published.date() <= self.as_of]
            for item in column.items:
                if item.published.date() > self.as_of:
                    date_text = item.published.date().isoformat()
                    self.problems.append(
                        PlantedProblem(
                            "date-in-future", "fail", site_url, item.url, None, {"date": date_text}
                        )
                    )
            window = WINDOWS.get(plan.kind.column_type)
            if window is None or not past:
                continue
            age = (self.as_of - max(past)).days
            if abs(age - window[0]) <= _EDGE_MARGIN_DAYS:
                raise ValueError(f"{column.first_url}: newest item {age} days old, too close to the window")
            if age > window[0]:
                detail = {
                    "column_name": plan.title,
                    "column_type": plan.kind.column_type,
                    "newest_date": max(past).isoformat(),
                    "window": window[1],
                }
                self.problems.append(
                    PlantedProblem("column-not-updated", "fail", site_url, column.first_url, None, detail)
                )
        self._record_site_problems(chrome)

    def _record_site_problems(self, chrome: Chrome) -> None:
        site_url, footer = self.home_url, chrome.footer
        home = self.pages[self.home_url][1]
        assert isinstance(home, HomeView)
        dates = [
            e.when for b in home.blocks for e in b.entries if e.when is not None and e.when <= self.as_of
        ]
        newest = max(dates) if dates else None
        if newest is None or (self.as_of - newest).days > 14:
            detail = {"newest_date": newest.isoformat() if newest else None, "window_days": 14}
            self.problems.append(
                PlantedProblem("homepage-not-updated", "fail", site_url, site_url, None, detail)
            )
        absent: list[tuple[str, dict[str, Any]]] = []
        if footer.site_code is None:
            absent.append(("site-code-missing", {"found": None}))
        if footer.icp is None:
            absent.append(("icp-missing", {}))
        if footer.psb is None:
            absent.append(("psb-missing", {}))
        if footer.conac_script is None:
            absent.append(("conac-missing", {}))
        if footer.jiucuo_url is None:
            absent.append(("jiucuo-missing", {}))
        if not chrome.viewport:
            absent.append(("not-mobile-friendly", {}))
        if self.plan.board is None:
            absent.append(("no-message-channel", {}))
        if self.real.site_type == "portal" and "zcjd" not in self.columns:
            absent.append(("interpretation-missing", {}))
        if not self.plan.site_search:
            absent.append(("no-site-search", {}))
        absent.append(("no-https", {}))  # the estate is served over plain http
        for check, detail in absent:
            self.problems.append(PlantedProblem(check, "fail", site_url, site_url, None, detail))

    def _render(self, chrome: Chrome) -> dict[str, str]:
        for column in self.columns.values():
            for item in column.items:
                self._page(item.url, item.view)
            for index, page_url in enumerate(column.page_urls):
                chunk = column.items[index * PAGE_SIZE : (index + 1) * PAGE_SIZE]
                entries = tuple(Entry(i.url, i.title, i.published.date()) for i in chunk)
                note = BLANK_NOTE if column.plan.blank else None
                listing = ListView(
                    page_url,
                    column.plan.title,
                    column.plan.kind.meta_type,
                    entries,
                    index,
                    column.page_urls,
                    note,
                )
                self._page(page_url, listing, self.style.list_page_file(column.list_path, index))
        html_by_file: dict[str, str] = {}
        for url, (file, view) in self.pages.items():
            if url in self.extras:
                view = replace(view, extras=self.extras[url])
            text = self.style.render(view, chrome)
            html_by_file[file] = text
            self.files[file] = text.encode(self.plan.charset)
        html_by_file.update(self.foreign_html)
        unused = set(self.extras) - set(self.pages)
        if unused:
            raise ValueError(f"plants on pages that do not exist: {sorted(unused)}")
        return html_by_file

    # ---- files ------------------------------------------------------------------------------
    def _file_of(self, path: str) -> str:
        relative = path.lstrip("/")
        return f"www/{self.host}/{relative or 'index.html'}"

    def _add_file(self, url: str, body: bytes) -> None:
        self.files[self._file_of(urlsplit(url).path)] = body

    def _page(self, url: str, view: PageView, path: str | None = None) -> None:
        file = self._file_of(path if path is not None else urlsplit(url).path)
        self.pages[url] = (file, view)


def build_site(plan: SitePlan, *, port: int, as_of: date, seed: int) -> BuiltSite:
    """Build one site of the estate."""
    return SiteBuilder(plan, port=port, as_of=as_of, seed=seed).build()
