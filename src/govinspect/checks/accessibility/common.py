"""What the five accessibility checks share: the WCAG and GB/T 37668 references, the page facts
(also for pages stored before the parser read accessible names), the language-tag test and the
finding's ``detail``.

GB/T 37668-2019 《信息技术 互联网内容无障碍可访问性技术要求与测试方法》 takes its Web content
requirements from WCAG 2.0. Its clause numbers are not confirmed here (the text of the standard
was not at hand): each check names its WCAG success criteria, and ``gbt37668`` says which WCAG
criterion the GB/T 37668 requirement corresponds to, marked unconfirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govinspect.model.page import Accessibility, Page

MAX_EXAMPLES = 5


@dataclass(frozen=True, slots=True)
class Reference:
    """Where a check's requirement comes from."""

    wcag: tuple[str, ...]  # success criteria, "1.1.1"
    act_rules: tuple[str, ...]  # W3C ACT rule ids the check is measured against

    @property
    def gbt37668(self) -> str:
        """The GB/T 37668-2019 requirement, by the WCAG criterion it follows (clause unconfirmed)."""
        criteria = "、".join(f"WCAG {criterion}" for criterion in self.wcag)
        return f"对应 {criteria}（GB/T 37668-2019 条款号未核实）"


IMAGE = Reference(wcag=("1.1.1", "4.1.2"), act_rules=("23a2a8", "59796f"))
LANGUAGE = Reference(wcag=("3.1.1",), act_rules=("b5c3f8", "bf051a"))
TITLE = Reference(wcag=("2.4.2",), act_rules=("2779a5",))
LINK = Reference(wcag=("2.4.4", "4.1.2"), act_rules=("c487ae",))
FIELD = Reference(wcag=("1.3.1", "3.3.2", "4.1.2"), act_rules=("e086e5",))


def page_facts(page: Page) -> Accessibility:
    """The page's accessibility facts; for a page stored before the parser read accessible names,
    an approximation from its images' ``alt``, its links' text and its forms' labels."""
    if page.accessibility is not None:
        return page.accessibility
    images = [image for image in page.images if not image.hidden]
    links = [
        link
        for link in page.links
        if link.tag in ("a", "area") and not link.hidden and not (link.pagination and not link.text)
    ]  # a pagination link without text was made up from a script's page count, not written
    fields = [name for form in page.forms for name in form.unlabelled_fields]
    return Accessibility(
        lang_attribute=page.lang,
        images=len(images),
        unnamed_images=tuple(image.src for image in images if image.alt is None),
        links=len(links),
        unnamed_links=tuple(link.url for link in links if not link.text),
        fields=sum(len(form.fields) for form in page.forms),
        unnamed_fields=tuple(fields),
    )


# IANA Language Subtag Registry, two-letter primary subtags: ISO 639-1 (from pycountry 26.2.16)
# plus the deprecated in, iw, ji, jw, mo, which the registry still lists.
_TWO_LETTER_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
    de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
    ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la
    lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj
    om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv
    sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"""
_TWO_LETTER_LANGUAGES = frozenset(_TWO_LETTER_CODES.split())
# ISO 639-2 codes (terminology and bibliographic) of languages that have a two-letter code: the
# registry does not list them (``eng`` is not a valid subtag; ``en`` is). Other three-letter codes
# (``yue``, ``cmn``, ``nan``) are accepted without checking the full registry.
_THREE_LETTER_CODES = """
    aar abk afr aka alb amh ara arg arm asm ava ave aym aze bak bam baq bel ben bis bod bos bre
    bul bur cat ces cha che chi chu chv cor cos cre cym cze dan deu div dut dzo ell eng epo est eus
    ewe fao fas fij fin fra fre fry ful geo ger gla gle glg glv gre grn guj hat hau hbs heb her hin
    hmo hrv hun hye ibo ice ido iii iku ile ina ind ipk isl ita jav jpn kal kan kas kat kau kaz khm
    kik kin kir kom kon kor kua kur lao lat lav lim lin lit ltz lub lug mac mah mal mao mar may mkd
    mlg mlt mon mri msa mya nau nav nbl nde ndo nep nld nno nob nor nya oci oji ori orm oss pan per
    pli pol por pus que roh ron rum run rus sag san sin slk slo slv sme smo sna snd som sot spa sqi
    srd srp ssw sun swa swe tah tam tat tel tgk tgl tha tib tir ton tsn tso tuk tur twi uig ukr urd
    uzb ven vie vol wel wln wol xho yid yor zha zho zul"""
_THREE_LETTER_WITH_TWO_LETTER_CODE = frozenset(_THREE_LETTER_CODES.split())


def language_tag_valid(tag: str) -> bool:
    """True when the BCP 47 tag starts with a known primary language subtag (``zh-CN``, ``en``, ``FR``).

    ``zh_CN`` (underscore), ``eng``, ``em-US``, ``#1`` and ``i-lux`` are not valid; only the primary
    subtag is tested, like the W3C ACT rule "HTML page lang attribute has valid language tag".
    """
    primary = tag.strip().split("-", 1)[0].lower()
    if not primary.isascii() or not primary.isalpha():
        return False
    if len(primary) == 2:
        return primary in _TWO_LETTER_LANGUAGES
    if len(primary) == 3:
        return primary not in _THREE_LETTER_WITH_TWO_LETTER_CODE
    return False


def detail(reference: Reference, count: int, examples: tuple[str, ...] = ()) -> dict[str, Any]:
    """The finding's ``detail``: how many offending elements, up to five of them, and the references."""
    return {
        "count": count,
        "examples": list(examples[:MAX_EXAMPLES]),
        "wcag": list(reference.wcag),
        "gbt37668": reference.gbt37668,
        "act_rules": list(reference.act_rules),
    }


def listed(examples: tuple[str, ...]) -> str:
    """Up to three examples for a message: 「a」「b」「c」等."""
    shown = "".join(f"「{example}」" for example in examples[:3])
    return shown + ("等" if len(examples) > 3 else "")
