"""The important-term matcher: listed and derived wrong forms, look-alikes that stay quiet, term files."""

from __future__ import annotations

from pathlib import Path

import pytest

from govinspect.parse.typos import (
    ImportantTerm,
    TypoMatcher,
    find_serious_typos,
    homophones,
    load_terms,
    near_homophones,
    parse_terms,
    sentence_around,
    similar_shapes,
    variants,
)

CASES = Path(__file__).with_name("typo_cases.tsv")
CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
ECSPELL = CORPORA / "csc-ecspell"
PYCORRECTOR = CORPORA / "csc-pycorrector-data"


def found(text: str) -> list[tuple[str, str, str, bool]]:
    return [(hit.found, hit.expected, hit.kind, hit.certain) for hit in find_serious_typos(text)]


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("庆祝中华人民共合国成立75周年", "中华人民共合国", "中华人民共和国"),
        ("深入学习贯彻习近凭总书记重要讲话精神", "习近凭", "习近平"),
        ("经国务园批准", "国务园", "国务院"),
        ("坚定不移走中国特色社会主意道路", "中国特色社会主意", "中国特色社会主义"),
    ],
)
def test_a_listed_wrong_form_is_a_certain_error(text: str, wrong: str, right: str) -> None:
    (hit,) = find_serious_typos(text)
    assert (hit.found, hit.expected, hit.certain) == (wrong, right, True)
    assert text[hit.start : hit.end] == wrong


@pytest.mark.parametrize(
    ("text", "wrong", "kind", "certain"),
    [
        ("依照《中华人民共和过安全生产法》", "中华人民共和过", "homophone", True),
        ("中共中央政冶局召开会议", "中共中央政冶局", "shape", True),
        ("国务院办办公厅印发通知", "国务院办办公厅", "extra", True),
        ("坚持全面从严党治", "全面从严党治", "swapped", True),
        ("河南省人命政府办公厅", "人命政府", "near-homophone", False),
        ("全国人民代表大会常委员会", "全国人民代表大会常委员会", "missing", False),
        ("依据中华人民共国宪法", "中华人民共国", "missing", False),
    ],
)
def test_a_derived_wrong_form_is_certain_or_a_suspicion_by_its_kind(
    text: str, wrong: str, kind: str, certain: bool
) -> None:
    hits = find_serious_typos(text)
    assert [(hit.found, hit.kind, hit.certain) for hit in hits] == [(wrong, kind, certain)]


def test_a_leaders_misspelt_name_is_suspected_next_to_a_title_only() -> None:
    assert found("国务院总理李墙主持会议") == [("国务院总理李墙", "国务院总理李强", "homophone", True)]
    assert found("李枪总理在政府工作报告中指出") == [("李枪总理", "李强总理", "homophone", True)]
    # a three-character name with a title merely nearby is a suspicion
    assert found("赵乐纪在会上讲话，委员长强调") == [("赵乐纪", "赵乐际", "homophone", False)]
    assert found("赵乐纪在会上讲话") == []
    # after its title a name is a name, even when its last character makes a word with the next (评出)
    assert found("国家主席习近评出席会议") == [("国家主席习近评", "国家主席习近平", "homophone", True)]
    assert found("县委常委李墙同志主持会议") == []  # someone else, who may well be called so
    assert found("季强同志任县应急管理局局长") == []
    assert found("副县长赵乐吉同志带队检查") == []


def test_leaders_in_the_wrong_order_and_wrong_titles_are_suspected() -> None:
    assert found("李强、习近平、赵乐际等出席大会") == [("李强、习近平", "习近平、李强", "order", False)]
    assert found("习近平、李强、赵乐际等出席大会") == []
    assert found("国务院总理习近平主持会议") == [("国务院总理习近平", "国务院总理李强", "wrong-title", False)]
    assert found("李强总书记出席活动") == [("李强总书记", "习近平总书记", "wrong-title", False)]
    assert found("国务院副总理丁薛祥出席会议") == []  # 副总理, not 总理
    assert found("李强同志主持会议") == []  # 同志 is no office: not 习近平's title
    assert found("习近萍同志在会上强调") == [("习近萍同志", "习近平同志", "homophone", True)]


def test_a_form_inside_a_correct_term_or_a_longer_word_is_not_reported() -> None:
    matcher = TypoMatcher([ImportantTerm("党中央", "party"), ImportantTerm("中国共产党", "party")])
    assert [hit.found for hit in matcher.find("坚决维护当中央权威")] == ["当中央"]
    assert matcher.find("这项工作应当中央和地方共同负责") == []  # 当 belongs to 应当
    assert find_serious_typos("中华人民共和国国务院令") == []  # no 国国务院 across two correct terms
    assert find_serious_typos("中国共产党党员要严格遵守党章党规") == []
    assert find_serious_typos("扬起了中国现代化百年征程的风帆") == []  # words, not 中国式现代化 less 式


def test_variants_are_built_from_homophones_shapes_and_edits() -> None:
    assert "和" in homophones("合") and "合" in homophones("和")
    assert "治" in similar_shapes("冶") and "全" in similar_shapes("金")
    assert "名" in near_homophones("民")  # min/ming
    assert "参" not in near_homophones("长")  # chang/can is two confusions away
    forms = dict(variants("国务院"))
    assert forms["国务园"] == "homophone" and forms["国院务"] == "swapped" and forms["国务务院"] == "extra"
    assert "国院" not in forms  # three characters less one is too short to be sure


def test_traditional_characters_are_not_taken_for_homophones() -> None:
    assert "國" not in homophones("国")
    assert find_serious_typos("中華人民共和國國務院") == []


def test_users_add_terms_and_wrong_forms_in_their_own_file(tmp_path: Path) -> None:
    extra = tmp_path / "local.yaml"
    extra.write_text(
        "terms:\n"
        "  - {term: 怀宁县人民政府, category: organ, wrong: [怀宁县人民正府]}\n"
        "  - {term: 国务院, category: organ, wrong: [国务阮]}\n",
        "utf-8",
    )
    terms = {term.term: term for term in load_terms([extra])}
    assert terms["国务院"].wrong == ("国务阮",)  # an entry replaces the shipped one of the same term
    matcher = TypoMatcher(terms.values())
    hits = matcher.find("怀宁县人民正府办公室")
    assert [(hit.found, hit.certain) for hit in hits] == [("怀宁县人民正府", True)]
    # the shipped wrong form 国务园 is no longer listed, but still derived from the term
    assert [(hit.found, hit.kind) for hit in matcher.find("经国务园批准")] == [("国务园", "homophone")]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("- {term: 国务院}", "a mapping with a 'terms' list"),
        ("terms: [{category: organ}]", "needs 'term'"),
        ("terms: [{term: 国务院, category: ministry}]", "category must be one of"),
        ("terms: [{term: 国务院, category: organ, wrong: 国务园}]", "wrong is a list of strings"),
        ("terms: [{term: 国务院, category: organ, spelling: []}]", "unknown field"),
        ("terms: [{term: 李强, category: leader, rank: 0}]", "rank is a whole number"),
        ("terms: [{term: 四个意识, category: formulation, generate: 1}]", "generate is true or false"),
        ("terms: [{term: 国务院, category: organ", "not valid YAML"),
    ],
)
def test_a_malformed_term_file_is_refused_with_its_name(text: str, error: str) -> None:
    with pytest.raises(ValueError, match=error) as raised:
        parse_terms(text, "local.yaml")
    assert "local.yaml" in str(raised.value)


@pytest.mark.parametrize("before", ["", "abc ", "😀é\udc80", "中华人民共和国国务院令。" * 3])
def test_hits_point_at_characters_whatever_the_text_around(before: str) -> None:
    text = before + "经国务园批准，全国人民代表大大会。"
    assert [(text[hit.start : hit.end], hit.found) for hit in find_serious_typos(text)] == [
        ("国务园", "国务园"),
        ("全国人民代表大大会", "全国人民代表大大会"),
    ]


def test_the_excerpt_is_the_sentence_around_the_hit() -> None:
    text = "第一句话。经国务园批准，我县退出贫困县序列。第三句话。"
    (hit,) = find_serious_typos(text)
    assert sentence_around(text, hit.start, hit.end) == "经国务园批准，我县退出贫困县序列。"
    long_text = "很" * 500 + "国务园" + "长" * 500
    (hit,) = find_serious_typos(long_text)
    assert len(sentence_around(long_text, hit.start, hit.end, limit=20)) == 43


def _cases() -> list[list[str]]:
    lines = CASES.read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def test_hand_written_cases_recall_and_precision_floor() -> None:
    """82 wrong sentences, 30 look-alike traps (measured recall and precision 1.000: docs/serious-typo.md)."""
    rows = _cases()
    wrong = [row for row in rows if row[0] != "trap"]
    assert len(wrong) >= 60 and {row[0] for row in wrong} >= {"country", "party", "organ", "title", "leader"}
    caught = hits = false = 0
    for category, sentence, expected, correct in rows:
        found_here = find_serious_typos(sentence)
        good = [hit for hit in found_here if category != "trap" and expected in hit.found]
        caught += bool(good)
        also = find_serious_typos(correct) if category != "trap" else []
        hits += len(found_here) + len(also)
        false += len(found_here) - len(good) + len(also)
    assert caught / len(wrong) >= 0.95
    assert (hits - false) / hits >= 0.95


def _correct_sentences() -> list[str]:
    sentences = []
    for folder in ("domains_data", "sighan_simplified"):
        for path in sorted((ECSPELL / folder).iterdir()):
            lines = path.read_text("utf-8").splitlines()
            sentences += [line.split("\t")[2] for line in lines if line.count("\t") == 2]
    lines = (PYCORRECTOR / "sighan2015_test.tsv").read_text("utf-8").splitlines()
    sentences += [line.split("\t")[1] for line in lines if line.count("\t") == 1]
    return sentences


@pytest.mark.skipif(not ECSPELL.exists(), reason=f"the spelling corpora are read from {CORPORA}")
def test_false_alarms_on_the_correct_sentences_of_the_spelling_corpora_stay_under_1_in_10000() -> None:
    """Every correct sentence of csc-ecspell and pycorrector's SIGHAN 2015 (measured: 0 of 12,049)."""
    sentences = _correct_sentences()
    assert len(sentences) > 12_000
    alarms = [sentence for sentence in sentences if find_serious_typos(sentence)]
    assert len(alarms) / len(sentences) < 1 / 10_000, alarms[:5]
