"""Find personal data in text and mask it (indicators §13.2): pure functions, no I/O.

Detectors, in the order they claim characters (a span claimed by one is not read again):

- ``id-number``: an 18-digit resident ID (GB 11643) whose province code is real, whose birth
  date exists and is not after the day of the inspection, and whose check digit is right; or a
  15-digit legacy ID with the same province and date tests, only when a context word (身份证,
  证件号, 公民身份号码) stands just before it or in the table's header.
- ``bank-card``: 16–19 digits (optionally grouped by 4) with a right Luhn digit, a card prefix
  (62 UnionPay, 4 Visa, 5 Mastercard) and a context word (卡号, 账号, 银行, 账户, 开户) just before
  it or in the table's header.
- ``mobile``: ``1[3-9]`` and 9 more digits, also written ``+86 138 1234 5678`` or
  ``138-1234-5678``. A number published on purpose as an office's service line is not personal
  data here: one that follows such a label and a colon (监督电话：…, 咨询热线：…, 办公电话：…,
  举报电话：…) or that the caller lists as allowed. A contact person's mobile is reported.
- ``health``: a person's name next to a health status (确诊, 病例, 患者, 阳性, 密接, 隔离) in
  one sentence or table row. Names are only recognised where the text shows they are names
  (a cell of its own, 姓名：…, or followed by 男/女 or an age), so this one is for review.

Masked forms are compliant and never match: ``110101********1234``, ``138****5678``,
``622202*********0128``, ``张*``, ``王某某``. The ``masked_value`` of a match is the same shape,
so reports never carry the raw number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = [
    "PiiKind",
    "PiiMatch",
    "find_pii",
    "is_valid_id15",
    "is_valid_id18",
    "luhn_ok",
    "mask_bank_card",
    "mask_id_number",
    "mask_mobile",
    "mask_name",
    "masked_excerpt",
]

PiiKind = Literal["id-number", "mobile", "bank-card", "health"]

# Province (and HK/Macao/Taiwan) codes of GB/T 2260, the first two digits of an ID.
_PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54}
    | {61, 62, 63, 64, 65, 71, 81, 82}
)
_ID18_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID18_CHECK = "10X98765432"

_FULLWIDTH = str.maketrans("０１２３４５６７８９Ｘｘ－＋", "0123456789Xx-+")

_ID18 = re.compile(
    r"(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9])"
)
_ID15 = re.compile(r"(?<![0-9])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9])")
# 16 digits (grouped by 4 or not) and up to 3 more; the extra group is tried with and without
_BANK = re.compile(r"(?<![0-9A-Za-z])(\d{4}(?:[ -]?\d{4}){3})([ -]?\d{1,3})?(?![0-9A-Za-z])")
# A number with a hyphen and more digits on either side is a code (公安备案号 …-00001), not a phone.
_MOBILE = re.compile(
    r"(?<![0-9A-Za-z+])(?<![0-9]-)(?:(?:\+|00)?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})"
    r"(?![0-9A-Za-z])(?!-[0-9])"
)

_ID_CONTEXT = re.compile(r"身份证|证件号|公民身份号码|身份号码|证号")
_BANK_CONTEXT = re.compile(r"卡号|账号|帐号|银行|账户|帐户|开户")
_PERSON_RECORD = 80  # a labelled phone number this close to an ID or card number is that person's
_CONTEXT_WINDOW = 300  # characters before a 15-digit ID searched for 身份证 …
_BANK_CONTEXT_WINDOW = 1000  # … before a card number for 卡号 … (Luhn and the prefix cut most noise)
# A number placed after the label of an office's service line and a colon is published on purpose
# (监督电话：…, 咨询热线：…). A contact person's mobile (联系人：…, 经办人…联系，手机：…) is not: it
# is a person's number, and the organiser can list it in ``allowed_mobiles`` if it is a work phone.
_CONTACT_LABEL = re.compile(
    r"(?:咨询|监督|举报|投诉|办公|值班|热线|服务|报名|受理|求助|传真|客服)[^。；;！!？?\n|]{0,24}[：:]"
    r"[\s0-9\-—、，,/（）()转]*$"
)

# Words that make the number in a sentence a private person's, even after 联系电话：
_PERSON_ROLE = re.compile(
    r"姓名|申请人|户主|当事人|考生|本人|家属|患者|病例|受助|救助对象|补助对象|补贴对象|拟录用|拟聘用|拟招录|"
    r"候选人|监护人|住址|身份证|学生|家长|中标人|获奖|困难|低保|特困|残疾"
)
_HEALTH_WORDS = re.compile(r"确诊|病例|患者|阳性|密接|密切接触|次密接|隔离|感染者")
_HAN = r"\u4e00-\u9fff"
# 151 common surnames (the commonest 100 alone cover about 85 % of people) and compound ones.
_SURNAMES_SINGLE = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
)
_SURNAMES_COMPOUND = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "长孙",
    "宇文",
)
_SURNAME = "(?:" + "|".join(_SURNAMES_COMPOUND) + f"|[{_SURNAMES_SINGLE}])"
_NAME_CHARS = f"[{_HAN}]{{1,2}}"
# Characters that make a "name" a masked one or not a name at all (某, *, x …).
_MASK_MARKS = re.compile(r"[某*＊×xXＸ○〇]")
# Where a name is visibly a name: after a label and a colon, before sex or age, alone before a
# status (a table row read as text: 张伟 确诊), or a cell of its own.
_NAME_LABELLED = re.compile(rf"(?:姓名|患者|病例\d*|密接者?)[：:]\s*({_SURNAME}{_NAME_CHARS})(?![{_HAN}])")
_NAME_WITH_SEX = re.compile(rf"(?<![{_HAN}])({_SURNAME}{_NAME_CHARS})[\s，,、（(|]*(?:男|女|\d{{1,3}}岁)")
_NAME_BEFORE_STATUS = re.compile(
    rf"(?<![{_HAN}])({_SURNAME}{_NAME_CHARS})[\s|，,、]+(?:确诊|阳性|密接|密切接触者|次密接|无症状感染者|集中隔离|居家隔离)"
)
_NAME_CELL = re.compile(rf"(?:^|\|)\s*({_SURNAME}{_NAME_CHARS})\s*(?=\||$)")
# Places and words that start with a surname character.
_NOT_NAMES = frozenset({
    "王府", "高新", "张家", "黄山", "江苏", "江西", "湖南", "安徽", "广东", "广西", "云南", "吉林", "黑龙",
    "金华", "常州", "温州", "林业", "安全", "方面", "方案", "于是", "关于", "成都", "高速", "石油", "卢湾",
    "文化", "金融", "黎明", "龙岩", "申请", "单位", "常住", "康复", "于此", "时间", "施工", "包括", "任务",
    "易感", "程序", "向阳", "钱款", "万元", "严格", "宁波", "季度", "童年", "江门", "汤原", "邢台", "龙华",
})  # fmt: skip
_LONG_NUMBER = re.compile(r"\d{11,}[Xx]?")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_HEALTH_WINDOW = 60  # a name and a health word this close, in one sentence or row, are read together


@dataclass(frozen=True, slots=True)
class PiiMatch:
    """One item of personal data found in a text: where it is and how it reads masked."""

    kind: PiiKind
    start: int
    end: int
    masked_value: str
    rule: str  # the detector of indicators §13.2: PII-ID18, PII-ID15, PII-MOBILE, PII-BANK, PII-HEALTH


def _digits(value: str) -> str:
    return "".join(ch for ch in value.translate(_FULLWIDTH) if ch.isdigit() or ch in "Xx")


def _real_birth_date(year: int, month: int, day: int, as_of: date) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return born <= as_of and year >= 1880


def is_valid_id18(value: str, as_of: date) -> bool:
    """True for an 18-character ID with a real province, birth date (not after ``as_of``) and check digit."""
    if len(value) != 18 or not value[:17].isdigit() or value[17] not in "0123456789Xx":
        return False
    if int(value[:2]) not in _PROVINCES:
        return False
    if not _real_birth_date(int(value[6:10]), int(value[10:12]), int(value[12:14]), as_of):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], _ID18_WEIGHTS, strict=True))
    return _ID18_CHECK[total % 11] == value[17].upper()


def is_valid_id15(value: str, as_of: date) -> bool:
    """True for a 15-digit legacy ID with a real province and birth date (19yy); it has no check digit."""
    if len(value) != 15 or not value.isdigit() or int(value[:2]) not in _PROVINCES:
        return False
    return _real_birth_date(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]), as_of)


def luhn_ok(digits: str) -> bool:
    """True when the last digit of a card number is its Luhn check digit."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def mask_id_number(value: str) -> str:
    """``110101********1234`` for an 18-digit ID, ``110101*****1234`` for a 15-digit one."""
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_mobile(digits: str) -> str:
    """``138****5678``."""
    return digits[:3] + "****" + digits[-4:]


def mask_bank_card(digits: str) -> str:
    """``622202*********0128``: the issuer number (BIN, 6 digits) and the last four digits."""
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


def mask_name(name: str) -> str:
    """``张*``, ``欧阳**``: the surname only."""
    surname = name[:2] if name[:2] in _SURNAMES_COMPOUND else name[:1]
    return surname + "*" * (len(name) - len(surname))


def _has_context(text: str, start: int, header: str, pattern: re.Pattern[str], window: int) -> bool:
    before = text[max(0, start - window) : start]  # e.g. the column header of a collapsed table
    return bool(pattern.search(before) or pattern.search(header))


def _free(claimed: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in claimed)


def _same_record(text: str, one: int, other: int) -> bool:
    low, high = min(one, other), max(one, other)
    return high - low <= _PERSON_RECORD and not _SENTENCE_END.search(text, low, high)


def _numbers(text: str, header: str, as_of: date, allowed_mobiles: frozenset[str]) -> list[PiiMatch]:
    found: list[PiiMatch] = []
    claimed: list[tuple[int, int]] = []

    def claim(match: PiiMatch) -> None:
        found.append(match)
        claimed.append((match.start, match.end))

    for m in _ID18.finditer(text):
        if is_valid_id18(m.group(), as_of):
            claim(PiiMatch("id-number", m.start(), m.end(), mask_id_number(m.group().upper()), "PII-ID18"))
    for m in _ID15.finditer(text):
        if (
            _free(claimed, m.start(), m.end())
            and is_valid_id15(m.group(), as_of)
            and _has_context(text, m.start(), header, _ID_CONTEXT, _CONTEXT_WINDOW)
        ):
            claim(PiiMatch("id-number", m.start(), m.end(), mask_id_number(m.group()), "PII-ID15"))
    for m in _BANK.finditer(text):
        if not _free(claimed, m.start(), m.end()) or not _has_context(
            text, m.start(), header, _BANK_CONTEXT, _BANK_CONTEXT_WINDOW
        ):
            continue
        ends = (m.end(), m.end(1)) if m.group(2) and not m.group(2)[0].isdigit() else (m.end(),)
        for end in ends:
            digits = _digits(text[m.start() : end])
            if digits.startswith(("62", "4", "5")) and luhn_ok(digits):
                claim(PiiMatch("bank-card", m.start(), end, mask_bank_card(digits), "PII-BANK"))
                break
    people = [start for start, _ in claimed]  # IDs and cards: a number next to one is that person's
    for m in _MOBILE.finditer(text):
        number = "".join(m.groups())
        if not _free(claimed, m.start(), m.end()) or number in allowed_mobiles:
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        sentence = _SENTENCE_END.split(before)[-1]
        published = _CONTACT_LABEL.search(before) and not _PERSON_ROLE.search(sentence)
        if published and not any(_same_record(text, m.start(), other) for other in people):
            continue
        claim(PiiMatch("mobile", m.start(), m.end(), mask_mobile(number), "PII-MOBILE"))
    return found


def _names(text: str) -> Iterable[tuple[int, int]]:
    for pattern in (_NAME_LABELLED, _NAME_WITH_SEX, _NAME_BEFORE_STATUS, _NAME_CELL):
        for m in pattern.finditer(text):
            name = m.group(1)
            if _MASK_MARKS.search(name) or name[:2] in _NOT_NAMES:
                continue
            yield m.start(1), m.end(1)


def _health(text: str) -> list[PiiMatch]:
    words = [m.start() for m in _HEALTH_WORDS.finditer(text)]
    if not words:
        return []
    breaks = [m.start() for m in _SENTENCE_END.finditer(text)]
    found: dict[int, PiiMatch] = {}
    for start, end in _names(text):
        if start in found:
            continue
        for word in words:
            low, high = min(start, word), max(end, word)
            if high - low <= _HEALTH_WINDOW and not any(low <= b < high for b in breaks):
                name = text[start:end]
                found[start] = PiiMatch("health", start, end, mask_name(name), "PII-HEALTH")
                break
    return list(found.values())


def find_pii(
    text: str, as_of: date, *, header: str = "", allowed_mobiles: frozenset[str] = frozenset()
) -> list[PiiMatch]:
    """The unmasked personal data in ``text``, in reading order.

    ``as_of`` is the inspection day (a birth date after it is not a birth date). ``header`` is
    the header row of the table the text is a row of (its 身份证号 / 银行卡号 columns give the
    context the 15-digit IDs and card numbers need). ``allowed_mobiles`` are 11-digit numbers the
    organiser publishes on purpose (service lines), never reported.
    """
    normalised = text.translate(_FULLWIDTH)  # one character for one: offsets stay valid
    matches = _numbers(normalised, header, as_of, allowed_mobiles) + _health(normalised)
    return sorted(matches, key=lambda match: (match.start, match.kind))


def _mask_long_numbers(text: str) -> str:
    """Mask every other long digit run too (a mistyped ID is still someone's): keep 3 + 4 digits."""
    return _LONG_NUMBER.sub(lambda m: m.group()[:3] + "*" * (len(m.group()) - 7) + m.group()[-4:], text)


def masked_excerpt(text: str, matches: list[PiiMatch], around: PiiMatch, width: int = 40) -> str:
    """The text around one match, with every personal data item in it masked.

    Digit runs of 11 or more that are not items (an ID with a wrong check digit, a number
    published as a contact) are masked as well: an excerpt never shows a long number whole.
    """
    start, end = max(0, around.start - width), min(len(text), around.end + width)
    for match in matches:  # never cut an item in two: half a number is still part of it
        if match.start < start < match.end:
            start = match.start
        if match.start < end < match.end:
            end = match.end
    pieces: list[str] = []
    cursor = start
    for match in sorted(matches, key=lambda m: m.start):
        if match.end <= start or match.start >= end or match.start < cursor:
            continue
        pieces.append(_mask_long_numbers(text[cursor : match.start]))
        pieces.append(match.masked_value)
        cursor = match.end
    pieces.append(_mask_long_numbers(text[cursor:end]))
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return lead + "".join(pieces).strip() + tail
