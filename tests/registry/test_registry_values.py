"""Reading single registry cells: web addresses, 网站标识码 and the fixed vocabularies."""

from collections.abc import Callable

import pytest

from govinspect.registry import values
from govinspect.registry.values import BadValue


@pytest.mark.parametrize(
    ("cell", "url"),
    [
        ("https://www.beijing.gov.cn/", "https://www.beijing.gov.cn/"),
        ("www.hefei.gov.cn", "http://www.hefei.gov.cn"),
        ("hefei.gov.cn/index.html", "http://hefei.gov.cn/index.html"),
        ("//www.gov.cn", "http://www.gov.cn"),
        ("  HTTPS://WWW.GOV.CN  ", "HTTPS://WWW.GOV.CN"),
        ("http：//ｗｗｗ.ｇｏｖ.ｃｎ", "http://www.gov.cn"),  # typed with a Chinese input method
        ("\u3000www.gov.cn\u3000", "http://www.gov.cn"),
        ("\ufeffwww.gov.cn\u200b", "http://www.gov.cn"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/"),
        ("http://localhost:8000", "http://localhost:8000"),
        ("http://[::1]/", "http://[::1]/"),
        ("http://示例.政务", "http://示例.政务"),
        ("www.example.gov.cn.", "http://www.example.gov.cn."),
    ],
)
def test_web_address_accepts_and_completes(cell: str, url: str) -> None:
    assert values.web_address(cell) == url


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("htttp://www.gzxy.gov.cn/", "htttp://"),
        ("ftp://ftp.gov.cn", "ftp://"),
        ("http://www.a.gov.cn http://www.b.gov.cn", "space"),
        ("www.a.gov.cn\nwww.b.gov.cn", "space"),
        ("http://www.a.gov.cn:80a/", "port"),
        ("http://", "host"),
        ("网站建设中", "host"),
        ("www", "host"),
        ("http://www.a,gov.cn", "host"),
        ("http://under_score.gov.cn", "host"),
        ("http://-bad.gov.cn", "host"),
        ("http://192.168.1", "host"),
        ("http://a..gov.cn", "host"),
        ("http://[::1/", "host"),
    ],
)
def test_web_address_rejects_with_reason(cell: str, reason: str) -> None:
    with pytest.raises(BadValue, match="not") as info:
        values.web_address(cell)
    assert reason in str(info.value)


def test_empty_web_address_is_none() -> None:
    assert values.web_address(" \u3000 ") is None


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("1101070001", "1101070001"),
        (" 1304000009 ", "1304000009"),
        ("１１０１０７０００１", "1101070001"),
        ("bm07000001", "bm07000001"),
        ("BM29040001", "bm29040001"),
        ("Bm14000002", "bm14000002"),
        ("", None),
    ],
)
def test_site_code_accepts(cell: str, code: str | None) -> None:
    assert values.site_code(cell) == code


@pytest.mark.parametrize(
    "cell",
    [
        "110107000",
        "11010700011",
        "bm0700001",
        "bm070000011",
        "xx07000001",
        "1.101070001E9",
        "110107-0001",
        "٠١٢٣٤٥٦٧٨٩",
    ],
)
def test_site_code_rejects(cell: str) -> None:
    with pytest.raises(BadValue, match="10 digits"):
        values.site_code(cell)


@pytest.mark.parametrize(
    ("read", "cell", "value"),
    [
        (values.site_type, "政府门户网站", "portal"),
        (values.site_type, "门户", "portal"),
        (values.site_type, "Portal", "portal"),
        (values.site_type, "部门", "department"),
        (values.level, "国务院部门", "national"),
        (values.level, "省级", "province"),
        (values.level, "市", "city"),
        (values.level, "县（区）", "county"),
        (values.level, "区", "county"),
        (values.level, "COUNTY", "county"),
        (values.status, "正常", "normal"),
        (values.status, "例外", "exception"),
        (values.status, "关停", "closed"),
        (values.status, "关闭", "closed"),
        (values.yes_no, "是", True),
        (values.yes_no, "否", False),
        (values.yes_no, "TRUE", True),
        (values.yes_no, "0", False),
        (values.level, "", None),
    ],
)
def test_vocabularies_accept_english_and_chinese(
    read: Callable[[str], object], cell: str, value: object
) -> None:
    assert read(cell) == value


@pytest.mark.parametrize(
    ("read", "cell", "allowed"),
    [
        (values.site_type, "专项网站", "portal, department"),
        (values.level, "乡镇", "national, province, city, county"),
        (values.status, "migrated", "normal, exception, closed"),
        (values.yes_no, "maybe", "true, false"),
    ],
)
def test_vocabularies_name_allowed_values(read: Callable[[str], object], cell: str, allowed: str) -> None:
    with pytest.raises(BadValue, match=allowed):
        read(cell)


def test_clean_text_trims_full_width_spaces_and_joins_lines() -> None:
    assert values.clean_text("\u3000北京市\n海淀区人民政府 \u200b") == "北京市 海淀区人民政府"
