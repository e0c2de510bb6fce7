"""Loading the new-media account registry (docs/new-media-registry.md) from CSV and XLSX files."""

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from govinspect.newmedia.registry import load_accounts
from govinspect.registry import RegistryError

CHINESE_HEADER = (
    "平台,账号ID,账号名称,账号主页,订阅源,账号主体,开办单位,"
    "行政区划代码,所属地区,层级,账号状态,开设日期,注销日期,备注"
)
ROWS = [
    "微信公众号,gh_0a1b2c3d4e5f,石景山发布,,exports/sjs.json,石景山区委宣传部,石景山区委宣传部,110107,北京市石景山区,区,正常,2016年3月1日,,矩阵首位",
    "新浪微博,1234567890,石景山发布,weibo.com/u/1234567890,,石景山区委宣传部,石景山区委宣传部,110107,北京市石景山区,区,注销,2016/3/1,2023.6.30,",
]


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_csv_utf8_with_chinese_headers_gives_typed_accounts(tmp_path: Path) -> None:
    load = load_accounts(write_csv(tmp_path / "账号.csv", [CHINESE_HEADER, *ROWS], "utf-8-sig"))

    assert load.problems == ()
    wechat, weibo = load.accounts
    assert (wechat.platform, wechat.account_id, wechat.name) == ("wechat", "gh_0a1b2c3d4e5f", "石景山发布")
    assert wechat.key == "wechat:gh_0a1b2c3d4e5f"
    assert wechat.feed == str(tmp_path / "exports" / "sjs.json")  # relative to the registry's folder
    assert (wechat.owner, wechat.organizer) == ("石景山区委宣传部", "石景山区委宣传部")
    assert (wechat.region_code, wechat.region, wechat.level) == ("110107", "北京市石景山区", "county")
    assert (wechat.status, wechat.opened_on, wechat.cancelled_on) == ("opened", dt.date(2016, 3, 1), None)
    assert wechat.line == 2
    assert wechat.extra == (("备注", "矩阵首位"),)
    assert weibo.url == "http://weibo.com/u/1234567890"
    assert (weibo.status, weibo.cancelled_on) == ("cancelled", dt.date(2023, 6, 30))


def test_csv_in_gbk_as_excel_saves_it_on_chinese_windows(tmp_path: Path) -> None:
    load = load_accounts(write_csv(tmp_path / "账号.csv", [CHINESE_HEADER, *ROWS], "gbk"))

    assert [account.name for account in load.accounts] == ["石景山发布", "石景山发布"]
    assert load.accounts[0].region == "北京市石景山区"


def test_english_headers_and_keywords(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "accounts.csv",
        [
            "platform,account_id,name,url,feed,source,status,opened_on,changed_on",
            "douyin,dy_sjs,石景山发布,https://www.douyin.com/user/x,https://feeds.example.cn/dy.xml,RSS,changed,"
            "2020-01-02,2022-05-06",
            "mini-program,wx_min,石景山办事,,,api,opened,,",
        ],
    )
    first, second = load_accounts(path).accounts

    assert (first.platform, first.source, first.status) == ("douyin", "rss", "changed")
    assert first.feed == "https://feeds.example.cn/dy.xml"
    assert first.changed_on == dt.date(2022, 5, 6)
    assert (second.platform, second.source, second.feed) == ("mini-program", "api", None)


@pytest.mark.parametrize(
    ("written", "platform"),
    [
        ("微信", "wechat"),
        ("微信公众号", "wechat"),
        ("WeChat", "wechat"),
        ("微博", "weibo"),
        ("新浪微博", "weibo"),
        ("抖音", "douyin"),
        ("今日头条", "toutiao"),
        ("头条号", "toutiao"),
        ("快手", "kuaishou"),
        ("哔哩哔哩", "bilibili"),
        ("客户端", "app"),
        ("APP", "app"),
        ("小程序", "mini-program"),
        ("其他", "other"),
        ("视频号", "other"),
    ],
)
def test_platform_names_in_chinese_and_english(tmp_path: Path, written: str, platform: str) -> None:
    path = write_csv(tmp_path / "a.csv", ["平台,账号ID,账号名称", f"{written},id1,某发布"])

    assert [account.platform for account in load_accounts(path).accounts] == [platform]


@pytest.mark.parametrize(
    ("header", "field", "value", "expected"),
    [
        ("账号类型", "platform", "微博", "weibo"),
        ("微信号", "account_id", "sjsfb", "sjsfb"),
        ("原始ID", "account_id", "gh_1", "gh_1"),
        ("UID", "account_id", "１２３", "123"),  # full-width digits made ASCII
        ("链接", "url", "https://weibo.com/u/1", "https://weibo.com/u/1"),
        ("RSS", "feed", "http://rss.example.cn/a.xml", "http://rss.example.cn/a.xml"),
        ("注册主体", "owner", "某局", "某局"),
        ("主办单位", "organizer", "某局办公室", "某局办公室"),
        ("*账号状态（必填）", "status", "关停", "cancelled"),
        ("状态", "status", "变更", "changed"),
        ("开设时间", "opened_on", "20190102", dt.date(2019, 1, 2)),
    ],
)
def test_header_aliases(tmp_path: Path, header: str, field: str, value: str, expected: object) -> None:
    columns = {"platform": "平台", "account_id": "账号ID", "name": "账号名称"}
    cells = {"platform": "微信", "account_id": "id1", "name": "某发布"}
    columns[field], cells[field] = header, value
    path = write_csv(tmp_path / "a.csv", [",".join(columns.values()), ",".join(cells.values())])

    (account,) = load_accounts(path).accounts
    assert getattr(account, field) == expected


def test_bad_rows_are_reported_with_their_line_and_the_rest_loaded(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "a.csv",
        [
            "平台,账号ID,账号名称,账号主页,层级,账号状态,开设日期,注销日期",
            "微信,gh_ok,正常账号,,,,,",
            ",gh_x,缺平台,,,,,",
            "微博,,缺账号ID,,,,,",
            "抖音,dy_x,,,,,,",
            "微薄,wb_x,平台写错,,,,,",
            "快手,ks_x,层级写错,,乡镇,,,",
            "快手,ks_y,日期写错,htttp://x,,,2019-02-30,",
            "快手,ks_z,注销无日期,,,注销,,",
        ],
    )
    load = load_accounts(path)

    assert [account.name for account in load.accounts] == ["正常账号", "日期写错", "注销无日期"]
    assert load.problems[0] == "line 3: platform (平台) is missing (缺少平台); row skipped"
    assert load.problems[1] == "line 4: account_id (账号ID) is missing (缺少账号ID); row skipped"
    assert load.problems[2] == "line 5: name (账号名称) is missing (缺少账号名称); row skipped"
    assert load.problems[3].startswith("line 6: platform (平台) '微薄' is not one of wechat, weibo")
    assert load.problems[3].endswith("; row skipped")
    assert load.problems[4].startswith("line 7: level (层级) '乡镇' is not one of")
    assert load.problems[5].startswith("line 8: url (账号主页) 'htttp://x' is not a web address")
    assert load.problems[6] == (
        "line 8: opened_on (开设日期) '2019-02-30' is not a real date; the value is ignored, row kept"
    )
    assert load.problems[7] == (
        "line 9: status cancelled (注销) without a cancel date (注销日期); account kept, add the date"
    )
    assert len(load.problems) == 8
    kept_bad_date = load.accounts[1]
    assert (kept_bad_date.url, kept_bad_date.opened_on) == (None, None)
    assert load.accounts[2].status == "cancelled"


def test_duplicate_accounts_are_merged_into_the_first_row(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "a.csv",
        [
            "平台,账号ID,账号名称,账号主体,开设日期",
            "微信公众号,gh_1,某发布,,2016-03-01",
            "微博,gh_1,同ID不同平台,,",
            "微信,gh_1,某发布,某局,2017-01-01",
        ],
    )
    load = load_accounts(path)

    assert [account.key for account in load.accounts] == ["wechat:gh_1", "weibo:gh_1"]
    merged = load.accounts[0]
    assert (merged.owner, merged.opened_on, merged.line) == ("某局", dt.date(2016, 3, 1), 2)
    assert load.problems == (
        "line 4: account wechat:gh_1 is already listed on line 2; rows merged "
        "(the first row wins: opened_on '2016-03-01' kept, '2017-01-01' ignored)",
    )


def test_a_cancel_date_without_status_means_cancelled(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", ["平台,账号ID,账号名称,注销日期", "微博,1,某发布,2022年1月5日"])
    load = load_accounts(path)

    assert (load.accounts[0].status, load.accounts[0].cancelled_on) == ("cancelled", dt.date(2022, 1, 5))
    assert load.problems == ("line 2: no status but a cancel date (注销日期) 2022-01-05: taken as cancelled",)


def test_xlsx_with_a_title_row_and_typed_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["XX区政务新媒体账号名录（2026年）"])
    sheet.append(["序号", "平台", "原始ID", "账号名称", "开办单位", "状态", "开设日期"])
    sheet.append([1, "抖音", 1234567890, "石景山发布", "石景山区委宣传部", "正常", dt.datetime(2021, 4, 5)])
    sheet.append([2, "微信", None, "缺ID", None, None, None])
    path = tmp_path / "账号.xlsx"
    book.save(path)

    load = load_accounts(path)

    (account,) = load.accounts
    assert (account.platform, account.account_id) == ("douyin", "1234567890")
    assert account.opened_on == dt.date(2021, 4, 5)
    assert (account.line, account.extra) == (3, (("序号", "1"),))
    assert load.problems == ("line 4: account_id (原始ID) is missing (缺少账号ID); row skipped",)


def test_a_file_without_the_required_columns_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", ["网站名称,网址", "某政府,www.example.gov.cn"])

    missing = r"no platform \(平台\) or account_id \(账号ID\) or name \(账号名称\) column"
    with pytest.raises(RegistryError, match=missing):
        load_accounts(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="not found"):
        load_accounts(tmp_path / "none.csv")


def test_the_documented_example_loads_as_described(tmp_path: Path) -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "new-media-registry.md"
    example = docs.read_text(encoding="utf-8").split("```\n")[1]
    path = tmp_path / "新媒体名录.csv"
    path.write_text(example, encoding="utf-8")

    load = load_accounts(path)

    assert load.problems == ()
    assert [account.key for account in load.accounts] == [
        "wechat:gh_0a1b2c3d4e5f",
        "weibo:1234567890",
        "douyin:sjsfb",
    ]
    assert [account.status for account in load.accounts] == ["opened", "opened", "cancelled"]
    assert load.accounts[2].cancelled_on == dt.date(2023, 6, 30)


def test_status_and_dates_that_disagree_are_warned_and_kept(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "a.csv",
        [
            "平台,账号ID,账号名称,账号状态,开设日期,变更日期,注销日期,采集方式",
            "微博,1,开设却有注销日期,正常,,,2022-01-05,",
            "微博,2,变更无日期,变更,,,,",
            "微博,3,注销早于开设,注销,2016-03-01,,2015-01-01,",
            "微博,4,采集方式写错,,,,,ftp",
        ],
    )
    load = load_accounts(path)

    assert [account.status for account in load.accounts] == ["opened", "changed", "cancelled", "opened"]
    assert load.accounts[3].source is None
    assert load.problems == (
        "line 2: status opened but a cancel date (注销日期) 2022-01-05; account kept as opened",
        "line 3: status changed (变更) without a change date (变更日期); account kept",
        "line 4: cancelled_on (注销日期) 2015-01-01 is before opened_on (开设日期) 2016-03-01; account kept",
        "line 5: source (采集方式) 'ftp' is not one of rss, json, html, api; the value is ignored, row kept",
    )


def test_an_id_excel_shortened_to_scientific_notation_is_refused(tmp_path: Path) -> None:
    rows = ["平台,UID,账号名称", "微博,1.23457E+15,某发布", "微博,1e5x,另一个,多出的格"]
    path = write_csv(tmp_path / "a.csv", rows)
    load = load_accounts(path)

    assert [account.account_id for account in load.accounts] == ["1e5x"]
    shortened, extra_cell = load.problems
    assert shortened.startswith("line 2: account_id (UID) '1.23457E+15' was shortened by Excel (科学计数法)")
    assert extra_cell == "line 3: 1 cell(s) outside the named columns are ignored ('多出的格'); row kept"


def test_a_quoted_cell_with_line_breaks_keeps_the_row_with_a_notice(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", ["平台,账号ID,账号名称", '微博,1,"某\n发布"', "抖音,2,第二个"])
    load = load_accounts(path)

    assert [(account.name, account.line) for account in load.accounts] == [("某 发布", 2), ("第二个", 4)]
    assert load.problems[0].startswith("line 2: this row runs over lines 2-3")
