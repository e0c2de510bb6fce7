"""Service guides (办事指南): is a page one, and which of its key elements does it give.

A guide tells a citizen how to get one thing done. The national rules judge it by its key
element classes (要素): the 2015 census and the 2019 single veto name eight — 事项名称, 设定依据,
申请条件, 办理材料, 办理地点, 办理时间, 联系电话, 办理流程 — and the 2019 deduction rule adds
办理机构 and 收费标准. Sites word the labels differently (申请材料, 受理地点, 咨询方式, 办理程序
…); :data:`ELEMENT_LABELS` lists the wordings recognised for each class.

How a page is read (:func:`read_service_guide`), from its readable text (labels and values in
sequence: ``办理地点：XX区政务服务中心 办理时间：工作日…``; in a table a label and its value
are neighbouring cells):

- A *label* is one of the wordings, standing on its own: at the start of the text or after a
  space, a punctuation mark, a number (``一、``, ``3.``, ``（二）``) or a bracket (``【``), and
  followed by a colon, a space, a closing bracket or the end. ``办理地点：`` and ``【办理地点】``
  are labels; ``受理申请材料后`` in a sentence is not. A short qualifier before a label that ends
  in a colon is allowed (``行政许可事项名称：``).
- Its *value* is the text up to the next label (of any class, or one of the other usual guide
  fields such as 收费标准, 承诺时限, 表格下载), or up to the page footer: the first 主办单位,
  网站标识码, 版权所有, 关于我们 … after the page's heading (its title, as the ``<h1>`` repeats it)
  and after the first label, so that a telephone number in the footer does not stand in for the
  guide's own, and a menu above the heading does not end the guide early.
- A class is *present* when at least one of its labels has a value. A label with nothing after
  it, or only 无, 暂无, 略, 空, 待定, 未填写, ``/`` or dashes, counts as missing: an empty field
  tells the citizen nothing (this is a choice; the rules do not say it).

A page is a guide when its title or ``<meta name="ColumnName">`` names a guide (办事指南,
服务指南, 办理指南, 申报指南 …) or the page is an item of a guide column (办事指南, 办事服务 …:
:func:`is_guide_column`), and it labels at least
:data:`MARKED_MIN_CLASSES` classes; or, without such a mark, when it labels at least
:data:`UNMARKED_MIN_CLASSES` classes. The list page of a guide column labels none and is not a guide.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from govinspect.parse.interpretations import headline

__all__ = [
    "DEFAULT_ELEMENTS",
    "ELEMENT_LABELS",
    "GUIDE_MARKERS",
    "MARKED_MIN_CLASSES",
    "UNMARKED_MIN_CLASSES",
    "GuideReading",
    "is_guide_column",
    "is_guide_name",
    "read_service_guide",
]

# The key element classes and the label wordings of each, as real guides write them (the
# national 政务服务 platform, provincial 政务服务网 and county portals).
ELEMENT_LABELS: Mapping[str, tuple[str, ...]] = {
    "事项名称": ("事项名称", "服务事项", "事项名", "服务名称", "办理事项", "审批事项", "项目名称"),
    "设定依据": (
        "设定依据",
        "办理依据",
        "法律依据",
        "政策依据",
        "实施依据",
        "法定依据",
        "设立依据",
        "受理依据",
        "审批依据",
        "法律法规依据",
    ),
    "申请条件": ("申请条件", "受理条件", "办理条件", "申报条件", "受理标准", "准予批准的条件", "申请人条件"),
    "办理材料": (
        "办理材料",
        "申请材料",
        "申报材料",
        "所需材料",
        "提交材料",
        "申请材料目录",
        "材料清单",
        "所需资料",
        "申请资料",
        "办理资料",
        "材料目录",
    ),
    "办理地点": (
        "办理地点",
        "受理地点",
        "办公地址",
        "受理窗口",
        "办理窗口",
        "办理地址",
        "受理地址",
        "窗口地址",
    ),
    "办理时间": ("办理时间", "受理时间", "办公时间", "工作时间", "窗口办理时间", "窗口受理时间"),
    "联系电话": ("联系电话", "咨询电话", "联系方式", "咨询方式", "咨询途径", "咨询电话及地址"),
    "办理流程": (
        "办理流程",
        "办理程序",
        "办事流程",
        "办理步骤",
        "审批流程",
        "办理流程图",
        "受理流程",
        "业务流程",
    ),
    "办理机构": (
        "办理机构",
        "实施机构",
        "实施主体",
        "受理机构",
        "受理部门",
        "办理部门",
        "实施机关",
        "审批机构",
    ),
    "收费标准": ("收费标准", "收费依据及标准", "是否收费", "收费情况", "收费依据"),
}

# The eight classes of the 2015 census and the 2019 single veto (indicators.md §3.1).
DEFAULT_ELEMENTS: tuple[str, ...] = (
    "事项名称",
    "设定依据",
    "申请条件",
    "办理材料",
    "办理地点",
    "办理时间",
    "联系电话",
    "办理流程",
)

# Other fields of guides: they end the value of the label before them.
_OTHER_LABELS = (
    "承诺时限",
    "承诺办结时限",
    "法定时限",
    "法定办结时限",
    "办结时限",
    "办理时限",
    "事项类型",
    "办件类型",
    "服务对象",
    "办理形式",
    "办理方式",
    "结果送达",
    "审批结果",
    "办理结果",
    "监督投诉",
    "监督投诉方式",
    "投诉电话",
    "监督电话",
    "常见问题",
    "表格下载",
    "表格及样表下载",
    "相关附件",
    "附件下载",
    "数量限制",
    "中介服务",
    "通办范围",
    "是否网办",
    "网上办理",
    "到现场次数",
    "事项编码",
    "基本编码",
    "实施编码",
    "权力来源",
    "行使层级",
    "审批对象",
    "备注",
)

# Names of a guide, in a page title, a column name or a ColumnName meta.
GUIDE_MARKERS = (
    "办事指南",
    "服务指南",
    "办理指南",
    "申报指南",
    "申请指南",
    "事项指南",
    "业务指南",
    "办事须知",
)

MARKED_MIN_CLASSES = 2  # a page named a guide is read as one from this many labelled classes
UNMARKED_MIN_CLASSES = 5  # a page not named a guide needs this many

# Where the page footer starts: text from here on belongs to the site, not the guide.
_FOOTER_MARKERS = re.compile(
    r"主办单位|主办[：:]|承办单位|承办[：:]|版权所有|网站标识码|ICP备|公网安备|Copyright|©|关于我们|网站地图"
)
_EMPTY_VALUES = frozenset({"", "无", "暂无", "略", "空", "待定", "暂缺", "未填写", "不详", "null", "none"})
_VALUE_PUNCTUATION = re.compile(r"[\s：:;；,，。.、/\\|\-—－_~～()（）\[\]【】]+")
_NUMBERING = re.compile(r"(?:[（(]?[一二三四五六七八九十]{1,3}[)）、.．]|[（(]?\d{1,2}[)）、.．]|\d{1,2})$")
_BOUNDARY = frozenset(" \t\n\u3000、.．)）】]>|；;。，,！!？?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_QUALIFIER_MAX = 4  # characters allowed before a label that ends in a colon

# Labels that name two classes at once (办理地点/时间：…), as tabs and tables of guides write them.
_COMBINED_LABELS: Mapping[str, tuple[str, ...]] = {
    f"{first}{joint}{second}": classes
    for first, second, classes in (
        ("办理地点", "时间", ("办理地点", "办理时间")),
        ("办理时间", "地点", ("办理时间", "办理地点")),
        ("受理地点", "时间", ("办理地点", "办理时间")),
        ("受理时间", "地点", ("办理时间", "办理地点")),
    )
    for joint in ("/", "／", "及", "和", "、")
}
_CLASS_OF: dict[str, tuple[str, ...]] = (
    {label: (name,) for name, labels in ELEMENT_LABELS.items() for label in labels}
    | {label: () for label in _OTHER_LABELS}
    | dict(_COMBINED_LABELS)
)
# At every position, the longest wording that starts there (labels may overlap: 审批事项名称).
# Tables often space a label's characters to align them (事 项 名 称): one space between them is allowed.
_LABEL = re.compile(
    "(?=("
    + "|".join(" ?".join(map(re.escape, label)) for label in sorted(_CLASS_OF, key=len, reverse=True))
    + "))"
)


@dataclass(frozen=True, slots=True)
class GuideReading:
    """What a service guide page gives.

    ``present`` are the element classes with a label and a value; ``empty`` those whose labels
    all have no value (无, 暂无, nothing); ``values`` the first value of each present class.
    """

    present: frozenset[str]
    empty: frozenset[str]
    values: Mapping[str, str]

    def missing(self, elements: Sequence[str] = DEFAULT_ELEMENTS) -> tuple[str, ...]:
        """The classes of ``elements`` the guide does not give, in the order of ``elements``."""
        return tuple(name for name in elements if name not in self.present)


@dataclass(frozen=True, slots=True)
class _Label:
    start: int  # where the label begins, with its number or bracket (二、【办理地点】)
    value_start: int  # after the label and its colon
    elements: tuple[str, ...]  # the classes it names; none for a field that is not a key element


def is_guide_column(name: str) -> bool:
    """Whether the items of a column with this name are service guides (办事指南, 办事服务 …)."""
    return is_guide_name(name) or "办事" in name


def is_guide_name(name: str) -> bool:
    """Whether a title or column name names a service guide (办事指南, 服务指南 …)."""
    return any(marker in name for marker in GUIDE_MARKERS)


def _is_label(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the label around the wording ``text[start:end]`` begins (with its number, bracket or
    qualifier) and where its value begins; None when the wording does not stand as a label."""
    after = end
    if after < len(text) and text[after] in "】]":
        after += 1
    while after < len(text) and text[after] in " \u3000":
        after += 1
    colon = after < len(text) and text[after] in "：:"
    if not (colon or after == len(text) or after > end):
        return None
    value_start = after + 1 if colon else after
    before = text[:start].rstrip(" \u3000")
    if before.endswith(("【", "[")):
        before = before[:-1].rstrip(" \u3000")
    numbering = _NUMBERING.search(before)
    if numbering is not None and (numbering.start() == 0 or before[numbering.start() - 1] in _BOUNDARY):
        return numbering.start(), value_start
    if not before or before[-1] in _BOUNDARY or len(before) < start:  # after a space or a bracket
        return len(before), value_start
    if colon:  # 行政许可事项名称： — a short qualifier, itself after a boundary
        qualifier = 0
        while qualifier < _QUALIFIER_MAX and qualifier < len(before) and _CJK.match(before[-1 - qualifier]):
            qualifier += 1
        rest = len(before) - qualifier
        if qualifier and (not rest or before[rest - 1] in _BOUNDARY):
            return rest, value_start
    return None


def _labels(text: str) -> list[_Label]:
    found: list[_Label] = []
    for match in _LABEL.finditer(text):
        start, wording = match.start(), match.group(1)
        if found and start < found[-1].value_start:
            continue
        bounds = _is_label(text, start, start + len(wording))
        if bounds is not None:
            found.append(_Label(bounds[0], bounds[1], _CLASS_OF[wording.replace(" ", "")]))
    return found


def _is_empty(value: str) -> bool:
    return _VALUE_PUNCTUATION.sub("", value).lower() in _EMPTY_VALUES


def read_service_guide(
    title: str,
    text: str,
    *,
    marked: bool = False,
    column_name: str | None = None,
) -> GuideReading | None:
    """Read a page as a service guide; None when it is not one.

    ``title`` is the page's ``<title>``, ``text`` its readable text. ``marked`` says the page is
    known to be a guide from elsewhere (an item of a 办事指南 column); ``column_name`` is its
    ``<meta name="ColumnName">`` when it has one.
    """
    named = marked or is_guide_name(title) or is_guide_name(column_name or "")
    least = MARKED_MIN_CLASSES if named else UNMARKED_MIN_CLASSES
    compact = text.replace(" ", "")
    if sum(any(label in compact for label in labels) for labels in ELEMENT_LABELS.values()) < least:
        return None  # quick: not even the wordings are there
    labels = _labels(text)
    if not labels:
        return None
    heading = text.rfind(headline(title)) if headline(title) else -1
    footer = _FOOTER_MARKERS.search(text, max(heading, labels[0].start))
    stop = footer.start() if footer is not None else len(text)
    labels = [label for label in labels if label.start < stop]
    present: dict[str, str] = {}
    labelled: set[str] = set()
    for index, label in enumerate(labels):
        if not label.elements:
            continue
        labelled.update(label.elements)
        end = labels[index + 1].start if index + 1 < len(labels) else stop
        value = text[label.value_start : end]
        chrome = _FOOTER_MARKERS.search(value)  # a tab bar or menu between labels is not a value
        value = (value[: chrome.start()] if chrome is not None else value).strip()
        if not _is_empty(value):
            for element in label.elements:
                present.setdefault(element, value[:200])
    if len(labelled) < least:
        return None
    return GuideReading(
        present=frozenset(present),
        empty=frozenset(labelled - set(present)),
        values=present,
    )
