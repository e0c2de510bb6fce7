"""Recognise gambling, pornographic, violent and fraudulent text (赌博、色情、暴恐、诈骗广告).

Pure functions over text, driven by curated term lists (``prohibited_terms.yaml``, which users
extend with their own files of the same format). A single word proves nothing: evidence is
*strong* when a text carries two distinct strong terms of one category (网上赌场 + 真人百家乐,
or a spam pattern such as 注册…送彩金), *weak* when it carries one strong term with two weaker
ones. A term in a sentence that speaks of fighting or warning against the thing (严厉打击网络赌博,
扫黄打非, 警惕刷单诈骗) is not counted, so government news about crime does not fire.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import ahocorasick
import yaml

TERMS_FILE = "prohibited_terms.yaml"
Strength = Literal["strong", "weak"]

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_LATIN = re.compile(r"[a-z0-9]")
_PUBLIC_SUFFIXES = (
    ".gov.cn",
    ".政务",
    ".xn--zfr164b",
    ".公益",
    ".xn--55qw42g",
    ".mil.cn",
    ".edu.cn",
    ".ac.cn",
    ".org.cn",
    ".gov",
)
_FOREIGN_GOV = re.compile(r"\.gov\.[a-z]{2}$")
# Spam often comes in traditional characters (澳門賭場, 百家樂) or full-width Latin (ｐｋ１０): fold both,
# one character for one, so that positions in the folded text are positions in the original.
_TRADITIONAL = (
    "團偵獲違罰緝騙嚴舉報詐審處監檢為絡賭夥毀繳條關機構隊員務區縣鎮鄉廳幣錢額萬億點擊"
    "掃黃穢製販賣買槍彈藥麗門樂娛場線綫體註冊視訊電遊戲藝國際實貴賓會發開獎資優贏碼馬"
    "龍鬥輪盤撲網頭東熱無亞圖愛費觀錄號現種兌換儲紅亂倫約砲麼證辦產詞語請設誘導將與從"
    "對這們個來時後說還讓應經過進運動聯係統計劃單雙賽車飛極殺傷襲臺灣輸莊閒歐貨專業維"
    "護險價錯陽淨環歲僅謹懲偽盜竊聽顧問題議論調査訪據稱獄訴識別憑衛戰聖獨兒婦臟討債傳"
    "銷級層寫讀書記異歷壓羅鐵銀鳳樓誠聲貸營帳賬戶裝寶飾賺幫滿減贈禮勵櫃邊遠離剛鬧趙劉"
    "張陳楊吳週鬆壯職驗畢歸準範紀標舊啟鏈擴幾廣韓義參窩攤撈騷賤黨領顯隱頁鏡戀藍風厲權"
    "勢擔憂慮盡聞訂閱貼圍涼韋劍葉蘭倉臨陸尋釋歡懷鍋餘夠隨嗎麵鹹臉腦態齡選擇協嘗試稅測"
    "覽遲確認靈創濟屬圓該鐘課堅壞樹蘇獻敵庫倖殘擾鄰閃爭殼牆橋償鑽縱嬰腸癮瘋綁脅搶値"
)
_SIMPLIFIED = (
    "团侦获违罚缉骗严举报诈审处监检为络赌伙毁缴条关机构队员务区县镇乡厅币钱额万亿点击"
    "扫黄秽制贩卖买枪弹药丽门乐娱场线线体注册视讯电游戏艺国际实贵宾会发开奖资优赢码马"
    "龙斗轮盘扑网头东热无亚图爱费观录号现种兑换储红乱伦约炮么证办产词语请设诱导将与从"
    "对这们个来时后说还让应经过进运动联系统计划单双赛车飞极杀伤袭台湾输庄闲欧货专业维"
    "护险价错阳净环岁仅谨惩伪盗窃听顾问题议论调查访据称狱诉识别凭卫战圣独儿妇脏讨债传"
    "销级层写读书记异历压罗铁银凤楼诚声贷营账账户装宝饰赚帮满减赠礼励柜边远离刚闹赵刘"
    "张陈杨吴周松壮职验毕归准范纪标旧启链扩几广韩义参窝摊捞骚贱党领显隐页镜恋蓝风厉权"
    "势担忧虑尽闻订阅贴围凉韦剑叶兰仓临陆寻释欢怀锅余够随吗面咸脸脑态龄选择协尝试税测"
    "览迟确认灵创济属圆该钟课坚坏树苏献敌库幸残扰邻闪争壳墙桥偿钻纵婴肠瘾疯绑胁抢值"
)
_FOLD = str.maketrans(
    _TRADITIONAL + "".join(chr(code) for code in range(0xFF01, 0xFF5F)),
    _SIMPLIFIED + "".join(chr(code) for code in range(0x21, 0x7F)),
)
REPORT_REACH = 200  # characters around a strong term in which context words make a crime report
_NUMBERS = ("context_window", "report_context", "report_strong")
_GENERIC_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "mil"})


@dataclass(frozen=True, slots=True)
class TermPair:
    """A spam pattern: a word of ``first`` followed within ``within`` characters by a word of ``then``."""

    first: tuple[str, ...]
    then: tuple[str, ...]
    within: int


@dataclass(frozen=True, slots=True)
class Category:
    """The term lists of one kind of prohibited content."""

    name: str  # gambling, pornography, violence-terror, fraud, or a user's own
    label: str  # 赌博, 色情 … as shown to site editors
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    pairs: tuple[TermPair, ...] = ()


@dataclass(frozen=True, slots=True)
class Classification:
    """What a text was found to carry: one category with the terms that prove it."""

    category: str
    label: str
    strength: Strength  # strong: two distinct strong terms; weak: one strong term and two weak ones
    strong_terms: tuple[str, ...]
    weak_terms: tuple[str, ...]
    excerpt: str  # the text around the first strong term

    @property
    def terms(self) -> tuple[str, ...]:
        return self.strong_terms + self.weak_terms


_Kind = Literal["strong", "weak", "context", "first", "then"]


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    term: str
    category: int  # index into Lexicon.categories (-1 for context words)
    kind: _Kind
    pair: int = -1  # index into the category's pairs for first/then words


@dataclass(frozen=True)
class Lexicon:
    """Merged term lists, with one automaton that finds every term in a single pass."""

    categories: tuple[Category, ...]
    context: tuple[str, ...]
    context_window: int
    public_hosts: frozenset[str]
    report_context: int = 4  # this many distinct context words make a text a report on crime …
    report_strong: int = 4  # … which then needs this many distinct strong terms
    _automaton: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[int, _Kind, int]]] = {}
        for word in self.context:
            entries.setdefault(fold(word), []).append((-1, "context", -1))
        for index, category in enumerate(self.categories):
            for word in category.strong:
                entries.setdefault(fold(word), []).append((index, "strong", -1))
            for word in category.weak:
                entries.setdefault(fold(word), []).append((index, "weak", -1))
            for pair_index, pair in enumerate(category.pairs):
                for word in pair.first:
                    entries.setdefault(fold(word), []).append((index, "first", pair_index))
                for word in pair.then:
                    entries.setdefault(fold(word), []).append((index, "then", pair_index))
        for word, meanings in entries.items():
            automaton.add_word(word, (word, tuple(meanings)))
        if entries:
            automaton.make_automaton()
        object.__setattr__(self, "_automaton", automaton if entries else None)

    def hits(self, lowered: str) -> list[_Hit]:
        """Every term, context word and pattern word in ``lowered`` (a text passed through :func:`fold`)."""
        if self._automaton is None:
            return []
        found: list[_Hit] = []
        for end_index, (word, meanings) in self._automaton.iter(lowered):
            start, end = end_index - len(word) + 1, end_index + 1
            if _LATIN.match(word[0]) and not _stands_alone(lowered, start, end):
                continue
            found.extend(_Hit(start, end, word, category, kind, pair) for category, kind, pair in meanings)
        return found


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A Latin term is a whole word: no letter or digit touches it (pk10 in "pk10", not in "apk100")."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _LATIN.match(before) and not _LATIN.match(after)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ValueError(f"{where}: expected a list of non-empty strings")
    return tuple(item.strip() for item in value)


def _pairs(value: Any, where: str) -> tuple[TermPair, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list of {{first, then, within}}")
    pairs = []
    for item in value:
        if not isinstance(item, dict) or set(item) - {"first", "then", "within"}:
            raise ValueError(f"{where}: each pair has first, then and within")
        within = item.get("within", 10)
        if not isinstance(within, int) or within < 0:
            raise ValueError(f"{where}: within must be a whole number of characters")
        pairs.append(TermPair(_strings(item.get("first"), where), _strings(item.get("then"), where), within))
    return tuple(pairs)


def _read_file(text: str, where: str) -> dict[str, Any]:
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a mapping with categories, context, public_hosts")
    unknown = set(data) - {"categories", "context", "public_hosts", *_NUMBERS}
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    return data


def _merge(sources: Iterable[tuple[str, str]]) -> Lexicon:
    labels: dict[str, str] = {}
    lists: dict[str, dict[str, list[str]]] = {}
    pairs: dict[str, list[TermPair]] = {}
    context: list[str] = []
    hosts: set[str] = set()
    numbers = {"context_window": 40, "report_context": 4, "report_strong": 4}
    for text, where in sources:
        data = _read_file(text, where)
        context.extend(_strings(data.get("context"), f"{where}: context"))
        hosts.update(host.lower() for host in _strings(data.get("public_hosts"), f"{where}: public_hosts"))
        for key in _NUMBERS:
            if key in data:
                if not isinstance(data[key], int) or data[key] < 1:
                    raise ValueError(f"{where}: {key} must be a positive whole number")
                numbers[key] = data[key]
        categories = data.get("categories") or {}
        if not isinstance(categories, Mapping):
            raise ValueError(f"{where}: categories must be a mapping of name to lists")
        for name, body in categories.items():
            body = body or {}
            if not isinstance(body, Mapping) or set(body) - {"label", "strong", "weak", "pairs"}:
                raise ValueError(f"{where}: category {name}: keys are label, strong, weak, pairs")
            labels[name] = str(body.get("label") or labels.get(name) or name)
            bucket = lists.setdefault(name, {"strong": [], "weak": []})
            bucket["strong"].extend(_strings(body.get("strong"), f"{where}: {name}.strong"))
            bucket["weak"].extend(_strings(body.get("weak"), f"{where}: {name}.weak"))
            pairs.setdefault(name, []).extend(_pairs(body.get("pairs"), f"{where}: {name}.pairs"))
    return Lexicon(
        categories=tuple(
            Category(
                name,
                labels[name],
                tuple(dict.fromkeys(bucket["strong"])),
                tuple(dict.fromkeys(bucket["weak"])),
                tuple(pairs[name]),
            )
            for name, bucket in lists.items()
        ),
        context=tuple(dict.fromkeys(context)),
        context_window=numbers["context_window"],
        public_hosts=frozenset(hosts),
        report_context=numbers["report_context"],
        report_strong=numbers["report_strong"],
    )


@lru_cache(maxsize=16)
def load_lexicon(extra_files: tuple[str, ...] = ()) -> Lexicon:
    """The built-in term lists merged with the user's files (same YAML format), in the order given.

    Raises ``ValueError`` naming the file when a file is malformed, ``OSError`` when it cannot be read.
    """
    built_in = resources.files("govinspect.parse").joinpath(TERMS_FILE).read_text(encoding="utf-8")
    sources = [(built_in, TERMS_FILE)]
    sources.extend((Path(path).read_text(encoding="utf-8"), str(path)) for path in extra_files)
    return _merge(sources)


def _neutralised(hit: _Hit, context_starts: Sequence[int], ends: Sequence[int], window: int) -> bool:
    """True when a context word (打击, 警惕 …) stands in the same sentence, near the term."""
    sentence = bisect.bisect_left(ends, hit.start)
    sentence_start = ends[sentence - 1] + 1 if sentence > 0 else 0
    sentence_end = ends[sentence] if sentence < len(ends) else 1 << 62
    low = max(sentence_start, hit.start - window)
    high = min(sentence_end, hit.end + window)
    first = bisect.bisect_left(context_starts, low)
    return first < len(context_starts) and context_starts[first] < high


def _merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _pair_spans(hits: list[_Hit], pair: TermPair, pair_index: int) -> list[tuple[int, int]]:
    firsts = [hit for hit in hits if hit.kind == "first" and hit.pair == pair_index]
    thens = sorted((hit.start, hit.end) for hit in hits if hit.kind == "then" and hit.pair == pair_index)
    spans = []
    for first in firsts:
        index = bisect.bisect_left(thens, (first.end, 0))
        if index < len(thens) and thens[index][0] - first.end <= pair.within:
            spans.append((first.start, thens[index][1]))
    return spans


def _excerpt(text: str, start: int, end: int, around: int = 30) -> str:
    return " ".join(text[max(0, start - around) : end + around].split())


@dataclass
class _Evidence:
    strong: list[tuple[int, int]] = field(default_factory=list)
    weak: set[str] = field(default_factory=set)
    context_nearby: int = 0  # distinct context words within REPORT_REACH characters of a strong term


def fold(text: str) -> str:
    """Lower case, traditional characters and full-width Latin folded: the form terms are matched in."""
    return text.lower().translate(_FOLD)


def _evidence(lowered: str, lexicon: Lexicon) -> dict[int, _Evidence]:
    """Unneutralised evidence per category index."""
    hits = lexicon.hits(lowered)
    context = sorted((hit.start, hit.term) for hit in hits if hit.kind == "context")
    context_starts = [start for start, _ in context]
    ends = [match.start() for match in _SENTENCE_END.finditer(lowered)]
    window = lexicon.context_window
    by_category: dict[int, _Evidence] = {}
    for index, category in enumerate(lexicon.categories):
        mine = [hit for hit in hits if hit.category == index]
        if not any(hit.kind in ("strong", "first") for hit in mine):
            continue
        evidence = _Evidence()
        spans = [(hit.start, hit.end) for hit in mine if hit.kind == "strong"]
        for pair_index, pair in enumerate(category.pairs):
            spans.extend(_pair_spans(mine, pair, pair_index))
        for start, end in _merged_spans(spans):
            probe = _Hit(start, end, "", index, "strong")
            if not _neutralised(probe, context_starts, ends, window):
                evidence.strong.append((start, end))
        for hit in mine:
            if hit.kind == "weak" and not _neutralised(hit, context_starts, ends, window):
                evidence.weak.add(hit.term)
        if evidence.strong:
            nearby: set[str] = set()
            for start, end in evidence.strong:
                low = bisect.bisect_left(context_starts, start - REPORT_REACH)
                high = bisect.bisect_right(context_starts, end + REPORT_REACH)
                nearby.update(term for _, term in context[low:high])
            evidence.context_nearby = len(nearby)
            by_category[index] = evidence
    return by_category


def classify_text(text: str, lexicon: Lexicon | None = None, *, min_strong: int = 2) -> Classification | None:
    """The prohibited content ``text`` carries, or None.

    Strong evidence: ``min_strong`` distinct strong terms (or spam patterns) of one category that
    no context word neutralises. Weak evidence: fewer strong terms (at least one) with two distinct
    weak terms. A text that reads as a report on crime (``report_context`` distinct context words
    within ``REPORT_REACH`` characters of its strong terms) needs ``report_strong`` strong terms and
    never gives weak evidence. When several categories
    qualify, the one with the most strong terms wins.
    Pass ``min_strong=1`` for short texts such as a link's anchor or a page title.
    """
    lexicon = lexicon or load_lexicon()
    folded = fold(text)
    shown = text if len(text) == len(folded) else folded  # lower() lengthens a few rare letters
    best: tuple[tuple[int, int, int], Classification] | None = None
    for index, evidence in _evidence(folded, lexicon).items():
        category = lexicon.categories[index]
        report = evidence.context_nearby >= lexicon.report_context
        needed = max(min_strong, lexicon.report_strong) if report else min_strong
        strong_terms = tuple(dict.fromkeys(folded[start:end] for start, end in evidence.strong))
        strong_words = set(strong_terms)
        weak_terms = tuple(sorted(term for term in evidence.weak if not any(term in s for s in strong_words)))
        if len(strong_terms) >= needed:
            strength: Strength = "strong"
        elif len(weak_terms) >= 2 and not report:
            strength = "weak"
        else:
            continue
        start, end = evidence.strong[0]
        found = Classification(
            category=category.name,
            label=category.label,
            strength=strength,
            strong_terms=strong_terms,
            weak_terms=weak_terms,
            excerpt=_excerpt(shown, start, end),
        )
        rank = (1 if strength == "strong" else 0, len(strong_terms), len(weak_terms))
        if best is None or rank > best[0]:
            best = (rank, found)
    return best[1] if best is not None else None


def is_public_host(host: str, lexicon: Lexicon | None = None) -> bool:
    """Whether a host belongs to a public body (gov.cn, .政务, …) or a listed state medium or service."""
    lexicon = lexicon or load_lexicon()
    host = host.lower().rstrip(".")
    if host.endswith(_PUBLIC_SUFFIXES) or host in ("gov.cn", "政务") or _FOREIGN_GOV.search(host):
        return True
    parts = host.split(".")
    return any(".".join(parts[index:]) in lexicon.public_hosts for index in range(len(parts)))


def registrable_domain(host: str) -> str:
    """The domain an organisation registers: ``sina.com.cn`` for ``news.sina.com.cn``, ``a.gov.cn``
    for ``www.a.gov.cn`` (country codes with a generic second level keep three labels)."""
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _GENERIC_SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])
