"""decode_html: the text a reader sees, whatever the page claims its charset is."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinspect.parse.encoding import decode_html, normalise_charset

CWCE = Path("/work/shared/corpora/cn-web-extraction-cwce")

ARTICLE = (
    "<html><head><title>关于印发《朱镕基同志讲话精神》学习方案的通知</title></head><body>"
    "<div class='zwxl-article'><p>各乡镇人民政府，县政府各部门：现将学习方案印发给你们，请认真贯彻执行。</p>"
    "<p>发布时间：2024年05月10日 来源：县政府办公室</p></div></body></html>"
)


def with_meta(meta: str, text: str = ARTICLE) -> str:
    return text.replace("<head>", f"<head>{meta}", 1)


def test_valid_utf8_with_utf8_header_is_read_as_utf8() -> None:
    text, encoding = decode_html(ARTICLE.encode("utf-8"), "text/html; charset=utf-8")
    assert (text, encoding) == (ARTICLE, "utf-8")


def test_gbk_body_behind_a_lying_utf8_header_is_read_as_gb18030() -> None:
    page = with_meta('<meta http-equiv="Content-Type" content="text/html; charset=gbk">')
    text, encoding = decode_html(page.encode("gbk"), "text/html; charset=UTF-8")
    assert encoding == "gb18030"
    assert "朱镕基" in text  # 镕 is in GBK but not in GB2312
    assert "\ufffd" not in text


def test_gbk_body_with_lying_utf8_header_and_no_meta_still_decodes() -> None:
    text, encoding = decode_html(ARTICLE.encode("gbk"), "text/html; charset=utf-8")
    assert encoding == "gb18030"
    assert text == ARTICLE


def test_gb2312_meta_on_a_utf8_body_is_read_as_utf8() -> None:
    page = with_meta('<meta charset="gb2312">')
    text, encoding = decode_html(page.encode("utf-8"), None)
    assert (text, encoding) == (page, "utf-8")


def test_gb2312_meta_on_utf8_that_also_decodes_as_gb18030_is_read_as_utf8() -> None:
    # Even runs of 3-byte UTF-8 characters are valid GB18030 too (你好 → 浣犲ソ): decoding
    # without error proves nothing, valid UTF-8 with non-ASCII bytes does.
    page = '<html><head><meta charset="gb2312"><title>你好</title></head><body><p>政府网站</p></body></html>'
    assert page.encode("utf-8").decode("gb18030") != page
    assert decode_html(page.encode("utf-8"), "text/html; charset=gb2312") == (page, "utf-8")


def test_gb2312_meta_on_a_gbk_body_decodes_characters_outside_gb2312() -> None:
    page = with_meta('<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />')
    text, encoding = decode_html(page.encode("gb18030"), "text/html")
    assert encoding == "gb18030"
    assert text == page


@pytest.mark.parametrize("label", ["gbk", "GB2312", "gb_2312-80", "x-gbk", "cp936", "GB18030"])
def test_chinese_labels_decode_as_gb18030(label: str) -> None:
    assert normalise_charset(label) == "gb18030"
    page = with_meta(f'<meta charset="{label}">')
    text, encoding = decode_html(page.encode("gb18030"), None)
    assert (text, encoding) == (page, "gb18030")


def test_bom_wins_over_a_declared_charset() -> None:
    page = with_meta('<meta charset="gbk">')
    text, encoding = decode_html(codecs.BOM_UTF8 + page.encode("utf-8"), "text/html; charset=gbk")
    assert (text, encoding) == (page, "utf-8")


def test_utf16_with_bom_is_decoded() -> None:
    text, encoding = decode_html(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "text/html")
    assert (text, encoding) == (ARTICLE, "utf-16-le")


def test_a_utf16_label_on_ascii_compatible_bytes_is_ignored() -> None:
    page = with_meta('<meta charset="utf-16">')
    assert decode_html(page.encode("utf-8"), None) == (page, "utf-8")


def test_body_cut_inside_a_character_keeps_everything_before_the_cut() -> None:
    body = ARTICLE.encode("utf-8")
    cut = body.index("通知".encode()) + 4  # inside 知
    text, encoding = decode_html(body[:cut], "text/html; charset=utf-8")
    assert encoding == "utf-8"
    assert text.endswith("通")
    assert "\ufffd" not in text


def test_gbk_body_cut_inside_a_character_is_still_gbk() -> None:
    body = ARTICLE.encode("gbk")
    cut = body.index("通知".encode("gbk")) + 3
    text, encoding = decode_html(body[:cut], "text/html; charset=gbk")
    assert (text[-2:], encoding) == ("的通", "gb18030")


def test_declared_charset_with_one_stray_byte_is_kept() -> None:
    body = ARTICLE.encode("utf-8").replace(b"<p>", b"<p>\xff", 1)
    text, encoding = decode_html(body, "text/html; charset=utf-8")
    assert encoding == "utf-8"
    assert text.count("\ufffd") == 1
    assert "各乡镇人民政府" in text


def test_undeclared_gbk_is_detected() -> None:
    text, encoding = decode_html(ARTICLE.encode("gbk"), None)
    assert (text, encoding) == (ARTICLE, "gb18030")


def test_undeclared_gbk_with_a_stray_byte_is_not_guessed_as_a_single_byte_charset() -> None:
    body = ARTICLE.encode("gbk").replace(b"<p>", b"<p>\x80\xff", 1)
    text, encoding = decode_html(body, None)
    assert encoding == "gb18030"
    assert "各乡镇人民政府" in text


def test_server_default_latin1_header_yields_to_the_page_meta() -> None:
    page = with_meta('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    text, encoding = decode_html(page.encode("gbk"), "text/html; charset=ISO-8859-1")
    assert (text, encoding) == (page, "gb18030")


def test_latin1_header_on_western_text_is_honoured() -> None:
    text, encoding = decode_html("<p>café</p>".encode("latin-1"), "text/html; charset=iso-8859-1")
    assert (text, encoding) == ("<p>café</p>", "cp1252")


def test_unknown_label_falls_through_to_the_body() -> None:
    page = with_meta('<meta charset="no-such-charset">')
    assert decode_html(page.encode("utf-8"), "text/html; charset=bogus") == (page, "utf-8")


@settings(max_examples=300, deadline=None)
@given(
    body=st.binary(max_size=2000),
    content_type=st.one_of(
        st.none(),
        st.sampled_from(["text/html", "text/html; charset=gbk", "text/html; charset=utf-8"]),
        st.sampled_from(["base64", "idna", "punycode", "rot13", "utf-7", "zlib", "hex", "utf-16"]).map(
            "text/html; charset={}".format
        ),
    ),
)
def test_never_raises_and_always_returns_text(body: bytes, content_type: str | None) -> None:
    text, encoding = decode_html(body, content_type)
    assert isinstance(text, str)
    assert codecs.lookup(encoding)


def test_real_pages_of_mixed_encodings_show_their_gold_text() -> None:
    """69 saved Chinese pages (GBK, GB2312, UTF-8, some undeclared, one gb2312 meta on UTF-8)."""
    pages = sorted((CWCE / "original").glob("*.html"))
    readable = 0
    for page in pages:
        gold = (CWCE / "cleaned" / f"{page.stem}.txt").read_text(encoding="utf-8", errors="replace")
        gold_han = "".join(re.findall(r"[\u4e00-\u9fff]", gold))[:6]
        text, _ = decode_html(page.read_bytes(), None)
        if gold_han and gold_han in "".join(re.findall(r"[\u4e00-\u9fff]", text)):
            readable += 1
    assert len(pages) == 69
    # Measured: 67 of 69 (the two others have gold text edited by the annotators).
    assert readable >= 66
