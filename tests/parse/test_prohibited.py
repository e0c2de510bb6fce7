"""The prohibited-content classifier: spam fires, government news about fighting crime does not."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from govinspect.checks.content.prohibited_content import page_text
from govinspect.parse.encoding import decode_html
from govinspect.parse.html import parse_html
from govinspect.parse.prohibited import classify_text, fold, is_public_host, load_lexicon, registrable_domain

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"

# Text as spammers write it: hacked titles, expired partner domains, 暗链 blocks, message-board ads.
SPAM = [
    ("澳门新葡京娱乐场-官方网站_青山县人民政府 新葡京,澳门赌场,百家乐,真人荷官", "gambling"),
    (
        "太阳城集团|申博太阳城官网 太阳城娱乐城欢迎您！注册即送88元彩金，首存100送100。"
        "真人视讯 体育投注 电子游艺 彩票游戏 24小时在线客服 提款3分钟到账",
        "gambling",
    ),
    ("北京赛车pk10 时时彩平台 幸运飞艇 开元棋牌 皇冠体育 bet365 新葡京", "gambling"),
    ("Online Casino - play Baccarat, slots and Sportsbook betting 24/7", "gambling"),
    ("澳門新葡京娛樂場 真人百家樂 ｐｋ１０ 線上賭場", "gambling"),
    ("亚洲色图_欧美色图_自拍偷拍_成人视频在线观看 - 午夜影院", "pornography"),
    ("同城约炮 一夜情 裸聊 美女直播 免费观看", "pornography"),
    ("代开各地增值税发票 电话/微信：139 0000 0000 办假证件 刻章办证 信誉第一", "fraud"),
    ("手机兼职刷单，日赚300-500元，当天结算，躺赚不是梦！加微信了解", "fraud"),
    ("出售仿真枪 手枪出售 子弹出售 货到付款 全国包邮", "violence-terror"),
]

# Government text that names the thing it fights: must never fire.
FIGHTING = [
    "为深入推进打击治理电信网络诈骗犯罪工作，市公安局开展反诈宣传进社区活动。民警向群众介绍了刷单返利、"
    "虚假投资理财、冒充客服退款等常见诈骗手法，提醒群众切勿轻信“日赚300元”“兼职刷单”等广告，"
    "遇到可疑情况及时拨打96110或110报警。",
    "近日，县公安局成功破获一起跨境网络赌博案，抓获犯罪嫌疑人12名。经查，该团伙以“澳门新葡京”"
    "“太阳城娱乐”等名义搭建赌博网站，通过“注册送彩金”诱导群众充值，涉案流水达2000余万元。"
    "警方提醒：网络赌博“十赌九骗”，请广大群众远离赌博。",
    "全省“扫黄打非”办公室部署开展“净网2024”专项行动，重点整治网络直播平台传播淫秽色情信息、网络文学网站"
    "传播色情小说等问题，依法关停违规网站137家，清理色情视频、低俗图片等有害信息5.6万条。",
    "国家税务总局提醒：纳税人可通过电子税务局申领、开具发票，切勿通过不法分子购买“代开发票”，"
    "虚开发票将承担法律责任。",
    "被告人张某以营利为目的，组织他人在其经营的棋牌室内以“百家乐”“炸金花”方式赌博，"
    "法院以开设赌场罪判处其有期徒刑二年。",
    "市教育局印发通知，严禁学生参与网络赌博、观看色情视频、浏览黄色网站，各校要加强网络安全教育。",
    "国家卫生健康委等12部门联合开展打击代孕专项行动，严厉查处买卖器官、代孕中介等违法行为。",
    "禁毒宣传：常见毒品有海洛因、冰毒、摇头丸、麻古、K粉等，吸食毒品严重危害身心健康。",
    # a police report whose sentences name the games without a word of the fight in them
    "警方接到线报后于当晚采取行动，在某小区单位内查获12名男女。现场设有一张赌台，多人围赌德州扑克，"
    "另有数人操作电脑上的博彩软件，不排除涉及网上赌博。现场检获筹码200余万元，案件已移送检察院处理。"
    "经调查，该窝点运作约一个月，由一名28岁男子负责。",
    "该团伙利用“皇冠”“永利”等赌博网站组织赌球，并为“777真人娱乐场”投放搜索引擎广告，非法获利60余万元。",
]

# Legal text with one word that spam also uses: a single word proves nothing.
LEGAL = [
    "市福利彩票发行中心召开2024年度福彩销售工作会议，全年全市福利彩票销量达3.2亿元，筹集公益金1亿元，"
    "双色球、快乐8等游戏销售稳步增长，投注站规范化建设进一步加强。",
    "体彩中心：竞彩足球世界杯投注火热，购彩请到正规实体店，理性购彩。",
    "不动产登记办证指南：申请人持身份证、购房合同到政务服务中心办证窗口办理。",
    "创业担保贷款实行无抵押，个人最高可贷30万元，请到人社局窗口办理。",
    "风情色彩浓郁的民俗文化节开幕，形形色色的非遗展品吸引游客。",
    "A片区规划建设有序推进，晚上二十一点前完成混凝土浇筑。",
    "金沙县人民政府召开常务会议，研究部署太阳城小区棚户区改造工作。",
    "请下载并安装apk100客户端，XXX同志出席会议。",
]


@pytest.mark.parametrize(("text", "category"), SPAM)
def test_spam_is_strong_evidence_of_its_category(text: str, category: str) -> None:
    verdict = classify_text(text)
    assert verdict is not None and verdict.category == category and verdict.strength == "strong"
    assert len(verdict.strong_terms) >= 2
    assert verdict.excerpt and verdict.strong_terms[0] in fold(verdict.excerpt)


@pytest.mark.parametrize("text", FIGHTING + LEGAL)
def test_news_about_fighting_crime_and_legal_text_do_not_fire(text: str) -> None:
    assert classify_text(text) is None


def test_the_same_terms_without_the_fight_do_fire() -> None:
    stripped = "该网站以“澳门新葡京”“太阳城娱乐”等名义搭建，通过“注册送彩金”诱导充值。"
    verdict = classify_text(stripped)
    assert verdict is not None and verdict.category == "gambling"


def test_spam_far_from_a_crime_report_on_the_same_page_still_fires() -> None:
    report = FIGHTING[-2]
    spam = "澳门新葡京 真人百家乐 北京赛车pk10"
    assert (
        classify_text(report + "。" * 3 + "县政府常务会议研究部署冬季安全生产工作。" * 12 + spam) is not None
    )


def test_one_strong_term_with_weaker_ones_is_weak_evidence() -> None:
    verdict = classify_text("百家乐 赌场 博彩 赔率一览")
    assert verdict is not None and verdict.strength == "weak"
    assert verdict.strong_terms == ("百家乐",) and set(verdict.weak_terms) == {"赌场", "博彩", "赔率"}
    assert classify_text("百家乐") is None


def test_short_texts_fire_on_one_strong_term_when_asked() -> None:
    assert classify_text("北京赛车pk10", min_strong=1) is not None
    anchor = classify_text("新葡京", min_strong=1)
    assert anchor is not None and anchor.category == "gambling"
    assert classify_text("中国政府网", min_strong=1) is None
    assert classify_text("apk100", min_strong=1) is None  # Latin terms are whole words


def test_terms_are_reported_in_folded_form_and_the_excerpt_as_written() -> None:
    verdict = classify_text("澳門新葡京娛樂場 真人百家樂 ｐｋ１０")
    assert verdict is not None and "真人百家乐" in verdict.strong_terms and "pk10" in verdict.strong_terms
    assert "百家樂" in verdict.excerpt


def test_overlapping_terms_count_once() -> None:
    # 新葡京, 葡京娱乐 and 葡京…娱乐场 are one occurrence, not three strong terms
    assert classify_text("新葡京娱乐场") is None


def test_user_term_file_adds_a_category_and_terms(tmp_path: Path) -> None:
    extra = tmp_path / "local.yaml"
    extra.write_text(
        "categories:\n"
        "  gambling:\n"
        "    strong: [大发快三]\n"
        "  counterfeit-medicine:\n"
        "    label: 假药\n"
        "    strong: [特效神药, 包治百病]\n"
        "public_hosts: [partner.example.com]\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon((str(extra),))
    verdict = classify_text("祖传特效神药，包治百病", lexicon)
    assert verdict is not None and verdict.category == "counterfeit-medicine" and verdict.label == "假药"
    assert classify_text("大发快三 新葡京", lexicon) is not None
    assert classify_text("大发快三 新葡京") is None
    assert is_public_host("www.partner.example.com", lexicon)
    assert not is_public_host("www.partner.example.com")


def test_malformed_term_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("categories:\n  gambling:\n    strong: 新葡京\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.yaml"):
        load_lexicon((str(bad),))


@pytest.mark.parametrize(
    ("host", "public"),
    [
        ("www.qingshan.gov.cn", True),
        ("www.gov.cn", True),
        ("xxgk.jl.gov.cn", True),
        ("www.example.政务", True),
        ("www.pku.edu.cn", True),
        ("www.redcross.org.cn", True),
        ("www.news.cn", True),
        ("service.weibo.com", True),
        ("www.gov.hk", True),
        ("www.usa.gov", True),
        ("www.bet-365-macau.com", False),
        ("gov.cn.example.com", False),
        ("www.xpj-casino.com", False),
    ],
)
def test_public_hosts(host: str, public: bool) -> None:
    assert is_public_host(host) is public


def test_registrable_domain() -> None:
    assert registrable_domain("news.sina.com.cn") == "sina.com.cn"
    assert registrable_domain("www.qingshan.gov.cn") == "qingshan.gov.cn"
    assert registrable_domain("a.b.example.com") == "example.com"


def _corpus_pages() -> list[tuple[str, str]]:
    pages = []
    cwce = CORPORA / "cn-web-extraction-cwce" / "original"
    for path in sorted(cwce.glob("*.html")):
        html, encoding = decode_html(path.read_bytes(), None)
        page = parse_html(f"http://corpus.example/{path.stem}.html", html, encoding)
        pages.append((path.name, page_text(page)))
    magic = CORPORA / "magic-html-cn"
    for key, entry in json.loads((magic / "base.json").read_text(encoding="utf-8")).items():
        html = (magic / "htmls" / f"{key}.html").read_text(encoding="utf-8", errors="replace")
        page = parse_html(entry["url"], html)
        pages.append((entry["url"], page_text(page)))
    return pages


@pytest.mark.skipif(not CORPORA.exists(), reason=f"real Chinese pages are read from {CORPORA}")
def test_no_false_alarm_on_real_chinese_pages() -> None:
    pages = _corpus_pages()
    assert len(pages) >= 90
    fired = [(name, verdict.terms) for name, text in pages if (verdict := classify_text(text)) is not None]
    assert fired == []


@pytest.mark.skipif(not CORPORA.exists(), reason=f"State Council titles are read from {CORPORA}")
def test_no_strong_term_in_real_government_titles_and_sentences() -> None:
    with (CORPORA / "cn-gov-site-lists" / "ptc_state_council_docs_dates.csv").open(encoding="utf-8") as rows:
        texts = [row["title"] for row in csv.DictReader(rows)]
    titles = CORPORA / "csc-ecspell" / "wordlist" / "政策法规标题.txt"
    texts += [line.strip() for line in titles.read_text(encoding="utf-8").splitlines() if line.strip()]
    for name in ("odw.test", "odw.train", "law.test", "law.train", "med.test", "med.train"):
        lines = (CORPORA / "csc-ecspell" / "domains_data" / name).read_text(encoding="utf-8").splitlines()
        texts += [parts[2] for parts in (line.split("\t") for line in lines) if len(parts) >= 3]
    assert len(texts) >= 14_000
    fired = [text for text in texts if classify_text(text, min_strong=1) is not None]
    assert fired == []
