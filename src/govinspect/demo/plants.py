"""The texts, numbers and markup of the content, privacy and accessibility plants.

Everything here is pure: the builder (:mod:`govinspect.demo.build`) decides
where a plant goes and records it in the ground truth; this module says what
it looks like. Personal numbers are made to pass the checks a real detector
applies (GB 11643 check digit and a real birth date for ID numbers, the Luhn
check for bank cards), so that a detector that validates them still finds
them; the traps fail those checks or are masked.

Suggested ``masked_value`` (contract §4 says only "never the raw value"; the
ground truth uses this form, matching is on check, URL and kind):
ID number ``340104********123X`` (first 6 and last 4 kept), mobile
``139****1234`` (first 3 and last 4), bank card ``622848*********1234``
(first 6 and last 4).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

# wrong form → right form; the sentence around it is where it appears
TYPOS: Mapping[str, tuple[str, str, str]] = {
    "中华人民共和图": (
        "中华人民共和图",
        "中华人民共和国",
        "根据《中华人民共和图行政许可法》有关规定，相关事项办理时限进一步压缩。",
    ),
    "习近乎": (
        "习近乎",
        "习近平",
        "会议强调，要深入学习贯彻习近乎新时代中国特色社会主义思想，把各项工作抓实抓细。",
    ),
    "习进平": (
        "习进平",
        "习近平",
        "会议传达学习了习进平总书记重要讲话精神，研究部署下一阶段重点工作。",
    ),
    "全国人民代表大大会": (
        "全国人民代表大大会",
        "全国人民代表大会",
        "认真贯彻落实十四届全国人民代表大大会第三次会议精神，扎实做好各项工作。",
    ),
    "国务元": (
        "国务元",
        "国务院",
        "按照国务元办公厅有关通知要求，现将有关事项通知如下。",
    ),
}
TYPO_LOOKALIKES = (
    "深入学习贯彻习近平新时代中国特色社会主义思想，全面贯彻落实党的二十届历次全会精神。",
    "根据《中华人民共和国政府信息公开条例》和国务院办公厅有关要求，做好信息公开工作。",
    "十四届全国人民代表大会第三次会议和全国政协十四届三次会议期间，代表委员建言献策。",
    "贵州省习水县、湖南省平江县考察团一行来访，双方就产业协作进行了交流。",
    "共和国勋章获得者先进事迹报告会在国务院国资委举行，国务院客户端同步报道。",
)

GAMBLING_TERMS = ("澳门葡京", "百家乐", "注册送彩金", "真人视讯")
GAMBLING_BLOCK = (
    "澳门葡京娱乐场官方网站，百家乐、真人视讯、体育投注一站式体验，新会员注册送彩金888元，"
    "存款秒到账，24小时在线客服。"
)
GAMBLING_SITE_TERMS = ("澳门葡京", "百家乐", "注册送彩金", "在线赌场")
GAMBLING_SITE_TITLE = "澳门葡京娱乐场_百家乐_注册送彩金_在线赌场"
GAMBLING_SITE_TEXT = (
    "澳门葡京在线赌场，百家乐、轮盘、老虎机应有尽有。",
    "新用户注册送彩金，首存再送100%，提款五分钟到账。",
)
TRAP_TEXTS: Mapping[str, tuple[str, ...]] = {
    "anti-gambling": (
        "近日，市公安局召开打击治理跨境赌博和电信网络诈骗工作推进会，严厉打击网络赌博违法犯罪活动。",
        "公安机关提醒广大群众：网络赌博“十赌九骗”，切勿下载来历不明的博彩类APP，发现赌博网站请及时举报。",
    ),
    "anti-fraud": (
        "反诈骗宣传进社区：刷单返利、冒充客服、虚假投资理财是当前高发的诈骗类型。",
        "牢记“三不一多”：未知链接不点击，陌生来电不轻信，个人信息不透露，转账汇款多核实。",
    ),
    "lottery": (
        "今年以来，全国福利彩票销售稳中有进，福利彩票公益金持续支持养老服务和儿童福利事业。",
        "中国福利彩票发行管理中心提醒购彩者理性购彩，未成年人不得购买福利彩票。",
    ),
}

HIDDEN_STYLES: Mapping[str, tuple[str, str]] = {  # technique → (block style, link style)
    "display-none": ("display:none", ""),
    "visibility-hidden": ("visibility:hidden", ""),
    "off-screen": ("position:absolute;left:-9999px;top:-9999px", ""),
    "zero-size": ("width:0;height:0;overflow:hidden", ""),
    "zero-font": ("font-size:0px;line-height:0", ""),
    "same-colour": ("color:#ffffff;background-color:#ffffff", "color:#ffffff"),
}
SPAM_HOSTS: Mapping[str, tuple[str, str, str]] = {  # technique → (host, link text, page title)
    "display-none": ("www.seo-paiming.com", "网站优化排名", "网站优化排名_关键词快速上首页"),
    "visibility-hidden": ("www.lvyou-dingpiao.com", "特价机票", "特价机票预订_国内国际机票查询"),
    "off-screen": ("www.zhuangxiu-baojia.com", "装修报价", "装修报价_家装效果图大全"),
    "zero-size": ("www.ershouche-mai.com", "二手车", "二手车交易市场_二手车报价"),
    "zero-font": ("www.jiameng-xiangmu.com", "加盟项目", "小本创业加盟项目_招商加盟"),
    "same-colour": ("www.chaye-shangcheng.com", "茶叶商城", "茶叶商城_名优茶叶批发"),
}
GAMBLING_HOST = "www.whlyzx.com"  # a former travel-information site whose domain now serves gambling

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = ("建国", "秀英", "志强", "桂兰", "海涛", "玉梅", "明辉", "红霞", "德胜", "丽娟", "国庆", "春燕")
_MOBILE_PREFIXES = ("135", "138", "139", "150", "151", "186", "187", "189")


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits of an ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def id_number_valid(number: str) -> bool:
    """Whether an 18-character ID number has a real birth date and the right check character."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return id_check_digit(number[:17]) == number[17].upper()


def luhn_valid(number: str) -> bool:
    """Whether a card number passes the Luhn check."""
    total = 0
    for index, digit in enumerate(reversed(number)):
        value = int(digit) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


@dataclass(frozen=True, slots=True)
class Person:
    """One person of a planted list: name, ID number, mobile and bank card (all unmasked)."""

    name: str
    id_number: str
    mobile: str
    bank_card: str


def people(rng: random.Random, region_code: str, count: int) -> tuple[Person, ...]:
    """``count`` made-up people born in ``region_code`` (valid ID numbers, Luhn-valid cards)."""
    made = []
    for _ in range(count):
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 50))
        region = region_code[:4] + f"{rng.randrange(1, 30):02d}"
        first17 = f"{region}{born:%Y%m%d}{rng.randrange(100, 999)}"
        body = "622848" + "".join(str(rng.randrange(10)) for _ in range(12))
        card = body + next(d for d in "0123456789" if luhn_valid(body + d))
        mobile = rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        made.append(Person(name, first17 + id_check_digit(first17), mobile, card))
    return tuple(made)


def masked(kind: str, value: str) -> str:
    """The suggested masked form of a personal item (see the module docstring)."""
    if kind == "mobile":
        return f"{value[:3]}****{value[-4:]}"
    return f"{value[:6]}{'*' * (len(value) - 10)}{value[-4:]}"


def failing_number(rng: random.Random) -> str:
    """An 18-digit reference number that is not an ID number (its check digit is wrong)."""
    while True:
        first17 = f"2026{rng.randrange(10**13):013d}"
        wrong = next(d for d in "0123456789" if d != id_check_digit(first17))
        if not id_number_valid(first17 + wrong):
            return first17 + wrong


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], css: str = "gs") -> str:
    """An HTML table (text escaped)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{css}"><tr>{head}</tr>{body}</table>'


def hidden_block(technique: str, href: str, text: str) -> str:
    """A block hiding one link by ``technique`` (a contract hidden-link technique)."""
    block_style, link_style = HIDDEN_STYLES[technique]
    link_attr = f' style="{link_style}"' if link_style else ""
    return f'<div style="{block_style}"><a href="{href}"{link_attr}>{escape(text)}</a></div>'


def plain_page(title: str, paragraphs: tuple[str, ...]) -> str:
    """A simple off-site page (the spam and gambling hosts)."""
    text = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f"</head>\n<body>\n<h1>{escape(title)}</h1>\n{text}\n</body>\n</html>\n"
    )


def annual_report_lines(name: str, organizer: str, year: int, rng: random.Random) -> tuple[str, ...]:
    """The rows of a 政府网站工作年度报表 (no identifiers, no phone numbers)."""
    visitors = rng.randrange(200_000, 2_000_000)
    return (
        f"网站名称：{name}",
        f"主办单位：{organizer}",
        f"统计年度：{year}年",
        f"独立用户访问总量：{visitors}个",
        f"网站总访问量：{visitors * rng.randrange(3, 9)}次",
        f"信息发布总数：{rng.randrange(1500, 9000)}条",
        f"专栏专题维护数量：{rng.randrange(3, 20)}个",
        f"政务咨询留言办结数：{rng.randrange(100, 2000)}条",
        f"填报单位：{organizer}",
        f"发布时间：{year + 1}年1月{rng.randrange(10, 28)}日",
    )
