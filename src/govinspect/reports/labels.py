"""Chinese wording shown to site editors (网站编辑) in the human-readable reports.

Every check, outcome, verdict, error kind and detail field that a report shows has its Chinese
name here, so Markdown, HTML and the standard-error summary all say the same thing. A name that
is missing here is shown as it is (the English check name or field name), never dropped.
"""

from __future__ import annotations

from typing import Final

#: Check names of contract §4 and §4b, in the order reports list them: site-wide problems first,
#: then content, links, interaction, services, identification, accessibility and new media.
CHECK_LABELS: Final[dict[str, str]] = {
    "site-unreachable": "站点无法访问",
    "homepage-not-updated": "首页不更新",
    "column-not-updated": "栏目不更新",
    "column-blank": "空白栏目",
    "date-in-future": "发布日期晚于监测时间",
    "item-date-changed": "信息发布日期被改动",
    "column-vanished": "栏目消失",
    "serious-typo": "严重错别字",
    "prohibited-content": "违法违规内容",
    "hidden-link": "暗链",
    "privacy-leak": "泄露个人信息",
    "broken-link": "链接不可用",
    "message-unanswered": "留言超期未回复",
    "message-slow-reply": "留言回复不及时",
    "no-message-channel": "无有效咨询建言渠道",
    "interpretation-copied": "政策解读照搬原文",
    "interpretation-missing": "缺少政策解读栏目",
    "service-guide-incomplete": "办事指南要素缺失",
    "site-code-missing": "未展示网站标识码",
    "icp-missing": "未展示ICP备案编号",
    "psb-missing": "未展示公安机关备案标识",
    "conac-missing": "未展示党政机关网站标识",
    "jiucuo-missing": "缺少“我为政府网站找错”入口",
    "non-gov-domain": "未使用gov.cn域名",
    "no-site-search": "缺少可用的站内搜索",
    "not-mobile-friendly": "未适配移动端",
    "no-https": "未使用HTTPS",
    "annual-report-missing": "缺少上一年度工作年度报表",
    "img-missing-alt": "图片缺少替代文字",
    "html-lang-missing": "页面未声明语言",
    "page-title-missing": "页面缺少标题",
    "link-missing-name": "链接缺少可读名称",
    "form-field-missing-label": "表单项缺少标签",
    "account-not-updated": "新媒体账号不更新",
    "account-no-interaction": "新媒体账号无互动功能",
    "account-empty-shell": "新媒体账号空壳",
    "account-blank-channel": "新媒体空白栏目",
    "account-unregistered": "新媒体账号未登记",
    "account-duplicate": "新媒体账号重复开设",
}

_CHECK_ORDER: Final[dict[str, int]] = {name: rank for rank, name in enumerate(CHECK_LABELS)}

#: Outcomes of a finding (contract §3), in the order reports list them.
OUTCOME_LABELS: Final[dict[str, str]] = {
    "fail": "不合格",
    "review": "需人工复核",
    "unverified": "无法核实",
}

#: What each outcome means, for the editor who must act on it.
OUTCOME_EXPLANATIONS: Final[dict[str, str]] = {
    "fail": "不合格：问题确实存在，请整改。",
    "review": "需人工复核：检查程序发现了疑似问题，请人工确认；确认有误的请整改。",
    "unverified": (
        "无法核实：服务器拒绝了检查程序(403/429)或 robots.txt 禁止抓取；"
        "请网站管理员将检查程序加入白名单后复查"
    ),
}

#: Where an outcome means something else for one check, what it means there.
CHECK_OUTCOME_EXPLANATIONS: Final[dict[tuple[str, str], str]] = {
    ("site-unreachable", "unverified"): (
        "无法核实：监测期内对首页的访问次数少于规则要求（每天至少20次）；请持续运行 govinspect monitor 后复查"
    ),
}

#: Verdict of a site (contract §3).
VERDICT_LABELS: Final[dict[str, str]] = {
    "qualified": "合格",
    "unqualified": "不合格",
    "unverified": "无法检查",
}

#: Why the crawl of a site stopped, explained.
STOPPED_BY_LABELS: Final[dict[str, str]] = {
    "complete": "已抓取网站全部页面",
    "max-pages": "达到页数上限，网站未全部抓取，未抓取的页面中的问题没有列出",
    "time-budget": "达到时间上限，网站未全部抓取，未抓取的页面中的问题没有列出",
    "error": "抓取因错误中止，结果可能不完整",
}

#: ``detail.error`` of a broken link.
ERROR_KIND_LABELS: Final[dict[str, str]] = {
    "dns": "域名无法解析",
    "connect": "无法连接",
    "timeout": "超时",
    "tls": "证书/加密连接错误",
    "http": "HTTP 错误",
    "protocol": "响应格式错误",
    "too-large": "内容过大",
    "soft-404": "页面显示“不存在”",
    "redirect-loop": "重定向循环",
}

#: ``detail.kind`` of a broken link: what the link points at.
LINK_KIND_LABELS: Final[dict[str, str]] = {
    "page": "网页",
    "attachment": "附件",
    "image": "图片",
    "script-style": "脚本/样式",
    "other": "其他",
}

#: ``detail.kind`` of a privacy leak: what kind of personal data is exposed.
PRIVACY_KIND_LABELS: Final[dict[str, str]] = {
    "id-number": "身份证号",
    "mobile": "手机号码",
    "bank-card": "银行卡号",
}

#: ``detail.column_type`` of a stale column.
COLUMN_TYPE_LABELS: Final[dict[str, str]] = {
    "news": "动态要闻",
    "notice-policy": "通知公告/政策文件",
    "personnel-plan": "人事/规划计划",
    "other": "其他",
}

SITE_TYPE_LABELS: Final[dict[str, str]] = {"portal": "门户网站", "department": "部门网站"}

LEVEL_LABELS: Final[dict[str, str]] = {
    "national": "国家级",
    "province": "省级",
    "city": "市级",
    "county": "县级",
}

#: Single-veto (单项否决) indicator ids of the 2019 rules, as frameworks name them.
VETO_LABELS: Final[dict[str, str]] = {
    "SV-UNREACHABLE": "站点无法访问",
    "SV-HOME-STALE": "首页不更新",
    "SV-COL-STALE-KEY": "栏目不更新（重点栏目）",
    "SV-COL-STALE-ANY": "栏目不更新（应更新未更新）",
    "SV-COL-BLANK": "空白栏目",
    "SV-SEC-EXPR": "严重表述错误",
    "SV-SEC-SECRET": "泄露国家秘密",
    "SV-SEC-ILLEGAL": "发布或链接反动、暴力、色情等内容",
    "SV-SEC-ATTACK": "安全攻击未及时有效处置",
    "SV-SEC-FRAUD": "弄虚作假",
    "SV-SEC-OPINION": "引发严重负面舆情",
    "SV-INT-NOCHANNEL": "未提供网上有效咨询建言渠道",
    "SV-INT-UNANSWERED": "互动回应差",
    "SV-SVC-NONE": "未提供办事服务",
    "SV-SVC-GUIDE": "办事指南重点要素缺失",
    "SV-SVC-OTHER": "服务不实用",
    "NM-SV-SECURITY": "安全、泄密事故等严重问题",
    "NM-SV-STALE": "内容不更新",
    "NM-SV-INTERACT": "互动回应差",
}

#: Names of the detail fields of contract §4, in the order reports show them.
DETAIL_LABELS: Final[dict[str, str]] = {
    "status": "HTTP 状态码",
    "error": "错误类型",
    "kind": "类型",
    "internal": "站内链接",
    "on_homepage": "在首页",
    "found_on_count": "引用该链接的页面数",
    "final_url": "最终地址（跟随重定向后）",
    "error_detail": "错误详情",
    "target_record": "目标响应存档编号",
    "required_probes": "规则要求的访问次数",
    "threshold": "否决比例",
    "missed": "未监测时段数",
    "unverified": "未访问次数（安全规则）",
    "errors": "失败原因",
    "judged_by": "判定依据",
    "newest_title": "最新信息标题",
    "newest_url": "最新信息地址",
    "column_level": "栏目层级",
    "items": "信息条数",
    "window_start": "统计起始日",
    "previous_date": "上次显示的日期",
    "days_shifted": "日期变动（天）",
    "previous_crawl_at": "上次抓取日期",
    "first_seen": "首次发现日期",
    "column_url": "栏目地址",
    "column_name": "栏目名称",
    "column_type": "栏目类型",
    "newest_date": "最新信息日期",
    "window": "更新周期要求",
    "window_days": "统计时段（天）",
    "probes": "访问次数",
    "failed": "失败次数",
    "ratio": "失败比例",
    "date": "显示的发布日期",
    "found": "发现",
    "expected": "应为",
    "category": "类别",
    "terms": "命中词语",
    "technique": "隐藏方式",
    "masked_value": "内容（已打码）",
    "title": "标题",
    "submitted": "留言时间",
    "replied": "回复时间",
    "age_days": "已过天数",
    "working_days": "回复用时（工作日）",
    "similarity": "相似度",
    "missing": "缺少的要素",
    "host": "域名",
    "year": "年度",
    "count": "数量",
    "examples": "示例",
    "account": "账号",
    "newest_post": "最新发布日期",
    "posts": "发布数",
    "original_posts": "原创数",
    "relevance": "相关度",
    "channel_name": "栏目名称",
    "accounts": "账号",
    "found_on": "引用页面",
}

#: Detail fields whose value is a share between 0 and 1, shown as a percentage.
SHARE_FIELDS: Final[frozenset[str]] = frozenset({"ratio", "similarity", "relevance"})


def check_label(check: str) -> str:
    """The Chinese name of a check, or the check name itself when it has none."""
    return CHECK_LABELS.get(check, check)


def check_rank(check: str) -> tuple[int, str]:
    """Sort key that lists checks in catalogue order, unknown checks last by name."""
    rank = _CHECK_ORDER.get(check)
    return (rank, "") if rank is not None else (len(_CHECK_ORDER), check)


def veto_label(indicator: str) -> str:
    """``SV-COL-BLANK 空白栏目`` for a known veto id, else the id alone."""
    name = VETO_LABELS.get(indicator)
    return f"{indicator} {name}" if name else indicator


def detail_value_label(check: str, field: str, value: str) -> str:
    """The Chinese wording of a coded detail value (an error kind, a link kind, …), else the value."""
    if field == "error" and check == "broken-link":
        return ERROR_KIND_LABELS.get(value, value)
    if field == "kind" and check == "broken-link":
        return LINK_KIND_LABELS.get(value, value)
    if field == "kind" and check == "privacy-leak":
        return PRIVACY_KIND_LABELS.get(value, value)
    if field == "column_type":
        return COLUMN_TYPE_LABELS.get(value, value)
    return value
