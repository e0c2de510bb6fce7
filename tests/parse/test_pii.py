"""The personal-data detectors: what is found, what is masked, and what is left alone.

Precision and recall are measured on a labelled set of notice text built here from the shapes
government notices take (公示名单, 补贴发放表, 疫情通报, 联系方式, 文号, 统计数字), with IDs,
phone and card numbers made valid or invalid on purpose. Run this file to print the numbers:

    .venv/bin/python tests/parse/test_pii.py
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from govinspect.parse.documents import TextChunk, read_document
from govinspect.parse.encoding import decode_html
from govinspect.parse.html import parse_html
from govinspect.parse.pii import (
    find_pii,
    is_valid_id18,
    luhn_ok,
    mask_bank_card,
    mask_id_number,
    mask_mobile,
    masked_excerpt,
)

AS_OF = date(2026, 11, 20)
CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
AREAS = ("110105", "310104", "440305", "330106", "510107", "420111", "370102", "610113", "130102", "650102")
NAMES = (
    "张伟",
    "王秀英",
    "李娜",
    "刘洋",
    "陈静",
    "杨帆",
    "赵磊",
    "黄敏",
    "周杰",
    "吴芳",
    "徐强",
    "孙丽",
    "欧阳明",
)
Expected = set[tuple[str, str]]


def make_id(rng: random.Random, born: date | None = None) -> str:
    born = born or date(rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28))
    body = f"{rng.choice(AREAS)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    total = sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def make_card(rng: random.Random, length: int = 19) -> str:
    body = rng.choice(("6222", "6217", "6228", "4367", "5187")) + "".join(
        str(rng.randint(0, 9)) for _ in range(length - 5)
    )
    for check in "0123456789":
        if luhn_ok(body + check):
            return body + check
    raise AssertionError("a Luhn digit always exists")


def make_mobile(rng: random.Random) -> str:
    return rng.choice(("138", "139", "150", "186", "177", "199")) + f"{rng.randint(0, 99_999_999):08d}"


def masked(name: str) -> str:
    """张*, 王**, 欧阳*: the surname and one star per other character."""
    surname = 2 if name.startswith("欧阳") else 1
    return name[:surname] + "*" * (len(name) - surname)


def labelled_notices(seed: int = 2026) -> list[tuple[str, Expected]]:
    """Notice text with the personal data items each one holds (kind, masked value)."""
    rng = random.Random(seed)
    notices: list[tuple[str, Expected]] = []
    for _ in range(60):  # 补贴发放表 rows, as a page's table reads when collapsed
        name, pid, card, phone = rng.choice(NAMES), make_id(rng), make_card(rng), make_mobile(rng)
        grouped = " ".join(card[start : start + 4] for start in range(0, len(card), 4))
        text = f"{rng.randint(1, 300)} {name} {pid} {grouped} {phone} 1200.00"
        notices.append(
            (
                "序号 姓名 身份证号码 银行卡号 联系电话 发放金额 " + text,
                {
                    ("id-number", mask_id_number(pid)),
                    ("bank-card", mask_bank_card(card)),
                    ("mobile", mask_mobile(phone)),
                },
            )
        )
    for _ in range(30):  # 公示名单 in running text
        name, pid = rng.choice(NAMES), make_id(rng)
        notices.append(
            (
                f"经审核，{name}（身份证号：{pid}）符合低保条件，现予以公示。",
                {("id-number", mask_id_number(pid))},
            )
        )
    for _ in range(20):  # 15-digit legacy IDs with their context word
        born = date(rng.randint(1940, 1980), rng.randint(1, 12), rng.randint(1, 28))
        legacy = f"{rng.choice(AREAS)}{born:%y%m%d}{rng.randint(0, 999):03d}"
        notices.append(
            (
                f"{rng.choice(NAMES)}，原身份证号 {legacy}，已换领新证。",
                {("id-number", mask_id_number(legacy))},
            )
        )
    for _ in range(10):  # a contact person's own mobile
        phone = make_mobile(rng)
        notices.append(
            (
                f"如有异议，请与经办人{rng.choice(NAMES)}联系，手机：{phone}。",
                {("mobile", mask_mobile(phone))},
            )
        )
    for _ in range(20):  # a person's number after a 联系电话 label is still the person's
        phone = make_mobile(rng)
        notices.append(
            (f"拟录用人员：{rng.choice(NAMES)}，联系电话：{phone}。", {("mobile", mask_mobile(phone))})
        )
    for _ in range(20):  # mobiles in the +86 / grouped forms
        phone = make_mobile(rng)
        written = rng.choice(
            (f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}", f"{phone[:3]}-{phone[3:7]}-{phone[7:]}")
        )
        notices.append(
            (f"申请人{rng.choice(NAMES)}，手机 {written}，住址见附件。", {("mobile", mask_mobile(phone))})
        )
    for _ in range(20):  # 疫情通报 with names and health status
        name = rng.choice(NAMES)
        notices.append(
            (
                f"新增确诊病例1例：{name}，{rng.choice('男女')}，{rng.randint(20, 80)}岁，现居某小区。",
                {("health", masked(name))},
            )
        )
    for _ in range(20):  # 病例名单 tables: a page's table read as text, and a spreadsheet row
        name, status = rng.choice(NAMES), rng.choice(("确诊", "阳性", "密接", "居家隔离"))
        row = rng.choice(
            (f"{rng.randint(1, 99)} {name} {status} 某街道", f"{rng.randint(1, 99)} | {name} | {status}")
        )
        notices.append((row, {("health", masked(name))}))
    traps = [
        "身份证号码：110101********1234，手机：138****5678，户主：张*，王某某，女，确诊。",
        "病例2：李某，男，45岁，已隔离。",
        "监督电话：13912345678；举报电话：0571-12345678。",
        "咨询热线：18912345678（工作日 9:00-17:00）",
        "如有异议，请于公示期内向区民政局反映，办公电话：0571-87654321，值班电话：13712345678。",
        "浙政办发〔2026〕13号 关于印发 2026 年工作要点的通知",
        "订单号 20261120138000123456，合同编号 HT20261101001。",
        "全省生产总值 123456789012345678 元，同比增长 6.5%。",
        "统计编号 110105194912310021 已作废。",  # the ID shape with a wrong check digit
        "发布时间：2026-11-20 10:30:15 浏览次数：1380012345",
        "公安机关备案号：15080002009004-00001 网站标识码：1508000002",
        "办公电话：010-66021234，传真：010 6602 1235，邮编 100010。",
        "账号 4367 4200 1234 5678 901（户名：某某局，开户行：工商银行）",  # fails Luhn
        "舒适、安详、有尊严，帮助患者减轻痛苦。",
        "黄山景区接待游客 1,380,000 人次，同比增长 13.8%。",
    ]
    future = make_id(rng, date(2027, 3, 1))
    traps.append(f"身份证号 {future} 的出生日期在检查日之后。")
    notices.extend((trap, set()) for trap in traps)
    return notices


def measure(notices: list[tuple[str, Expected]]) -> tuple[float, float, int, int]:
    """(precision, recall, false positives, false negatives) over all items."""
    true_positive = false_positive = false_negative = 0
    for text, expected in notices:
        found = {(m.kind, m.masked_value) for m in find_pii(text, AS_OF)}
        true_positive += len(found & expected)
        false_positive += len(found - expected)
        false_negative += len(expected - found)
    return (
        true_positive / max(1, true_positive + false_positive),
        true_positive / max(1, true_positive + false_negative),
        false_positive,
        false_negative,
    )


def test_an_id_is_found_by_its_check_digit_province_and_real_birth_date() -> None:
    assert is_valid_id18("11010519491231002X", AS_OF)
    assert not is_valid_id18("110105194912310021", AS_OF)  # check digit
    assert not is_valid_id18("990105194912310021", AS_OF)  # no province 99
    assert not is_valid_id18("110105194902300021", AS_OF)  # 30 February
    rng = random.Random(1)
    assert not is_valid_id18(make_id(rng, date(2026, 11, 21)), AS_OF)  # born after the inspection day
    assert is_valid_id18(make_id(rng, date(2026, 11, 20)), AS_OF)


def test_found_items_carry_masked_values_only() -> None:
    text = "张三，身份证号11010519491231002X，手机13812345678，银行卡号6222021234567890128。"
    matches = find_pii(text, AS_OF)
    assert [(m.kind, m.masked_value) for m in matches] == [
        ("id-number", "110105********002X"),
        ("mobile", "138****5678"),
        ("bank-card", "622202*********0128"),
    ]
    for match in matches:
        excerpt = masked_excerpt(text, matches, match, width=60)
        for raw in ("11010519491231002X", "13812345678", "6222021234567890128", "19491231", "021234567"):
            assert raw not in excerpt
        assert match.masked_value in excerpt


def test_an_excerpt_never_cuts_an_item_in_two() -> None:
    text = "说明" * 30 + "卡号 6222021234567890128 身份证 11010519491231002X"
    matches = find_pii(text, AS_OF)
    card = next(m for m in matches if m.kind == "bank-card")
    excerpt = masked_excerpt(text, matches, card, width=12)  # the window edge falls inside the ID
    assert "1231002X" not in excerpt and "19491231" not in excerpt


def test_masked_forms_are_compliant() -> None:
    assert (
        find_pii("110101********1234 138****5678 622202*********0128 张*，男，确诊 王某某，女，阳性", AS_OF)
        == []
    )


def test_published_service_numbers_are_left_alone_unless_they_sit_in_a_persons_record() -> None:
    assert find_pii("咨询电话：13912345678（工作日）", AS_OF) == []
    assert find_pii("举报电话：13912345678、0571-1234567", AS_OF) == []
    assert find_pii("服务热线 13912345678", AS_OF, allowed_mobiles=frozenset({"13912345678"})) == []
    person = find_pii("姓名：张三 身份证号：11010519491231002X 联系电话：13912345678", AS_OF)
    assert {m.kind for m in person} == {"id-number", "mobile"}
    assert [m.kind for m in find_pii("服务热线 13912345678", AS_OF)] == ["mobile"]
    assert [m.kind for m in find_pii("申请人：张三，咨询电话：13912345678。", AS_OF)] == ["mobile"]
    contact = "公示期间如有异议，请与经办人王秀英联系，手机：13912345678。"  # a staff member's own mobile
    assert [m.masked_value for m in find_pii(contact, AS_OF)] == ["139****5678"]


def test_legacy_ids_and_cards_need_their_context_word() -> None:
    assert find_pii("编号 110105491231002", AS_OF) == []
    assert [m.masked_value for m in find_pii("110105491231002", AS_OF, header="姓名 | 身份证号")] == [
        "110105*****1002"
    ]
    assert find_pii("流水号 6222021234567890128", AS_OF) == []
    assert [m.kind for m in find_pii("6222 0212 3456 7890 128", AS_OF, header="开户银行 | 卡号")] == [
        "bank-card"
    ]


def test_full_width_digits_are_read() -> None:
    assert [m.masked_value for m in find_pii("手机：１３８１２３４５６７８", AS_OF)] == ["138****5678"]


def test_precision_and_recall_on_the_labelled_notices() -> None:
    precision, recall, false_positive, false_negative = measure(labelled_notices())
    assert precision >= 0.97, (false_positive, false_negative)
    assert recall >= 0.97, (false_positive, false_negative)


def real_pages() -> list[str]:
    files = sorted((CORPORA / "cn-web-extraction-cwce" / "original").glob("*.html"))
    files += sorted((CORPORA / "magic-html-cn" / "htmls").glob("*.html"))
    texts = []
    for path in files:
        text, encoding = decode_html(path.read_bytes(), None)
        texts.append(parse_html("http://www.example.gov.cn/" + path.name, text, encoding).text)
    return texts


@pytest.mark.skipif(not CORPORA.exists(), reason=f"real pages are read from {CORPORA}")
def test_no_false_alarm_on_real_pages() -> None:
    pages = real_pages()
    assert len(pages) >= 90
    alarms = [(m.kind, m.masked_value) for text in pages for m in find_pii(text, AS_OF)]
    assert alarms == []


def real_sentences() -> list[str]:
    """The corrected sentences of ECSpell's official-document, law and medical sets."""
    sentences = []
    for path in sorted((CORPORA / "csc-ecspell" / "domains_data").glob("*")):
        sentences += [line.split("\t")[2] for line in path.read_text().splitlines() if line.count("\t") >= 2]
    return sentences


@pytest.mark.skipif(not CORPORA.exists(), reason=f"real sentences are read from {CORPORA}")
def test_no_false_alarm_on_official_legal_and_medical_sentences() -> None:
    sentences = real_sentences()
    assert len(sentences) >= 8000
    assert [m.masked_value for text in sentences for m in find_pii(text, AS_OF)] == []


def real_tables() -> list[TextChunk]:
    """The rows of the government site lists (XLSX and CSV: names, units, phone-like codes)."""
    rows: list[TextChunk] = []
    for path in sorted((CORPORA / "cn-gov-site-lists").glob("*.*")):
        if path.suffix in (".xlsx", ".csv"):
            rows += read_document(path.read_bytes(), url=path.name)
    return rows


@pytest.mark.skipif(not CORPORA.exists(), reason=f"real tables are read from {CORPORA}")
def test_no_false_alarm_on_real_spreadsheets() -> None:
    rows = real_tables()
    assert len(rows) >= 9000
    assert [m.masked_value for row in rows for m in find_pii(row.text, AS_OF, header=row.header)] == []


if __name__ == "__main__":
    p, r, fp, fn = measure(labelled_notices())
    items = sum(len(expected) for _, expected in labelled_notices())
    print(
        f"labelled notices: {len(labelled_notices())}, items {items}: "
        f"precision {p:.3f} recall {r:.3f} (FP {fp}, FN {fn})"
    )
    if CORPORA.exists():
        pages = real_pages()
        alarms = sum(len(find_pii(text, AS_OF)) for text in pages)
        print(f"real pages: {len(pages)}, {sum(map(len, pages))} characters, false alarms {alarms}")
        sentences = real_sentences()
        alarms = sum(len(find_pii(text, AS_OF)) for text in sentences)
        print(f"ECSpell sentences (odw, law, med): {len(sentences)}, false alarms {alarms}")
        rows = real_tables()
        alarms = sum(len(find_pii(row.text, AS_OF, header=row.header)) for row in rows)
        print(f"site-list spreadsheet rows: {len(rows)}, false alarms {alarms}")
