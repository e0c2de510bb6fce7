"""Pages with form fields that have no label."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.accessibility.common import FIELD, detail, listed, page_facts
from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding

_FIX = '请用 <label for="字段id">姓名</label> 为每个输入框、下拉框写明标签；无法显示标签时加 aria-label。'


@check(name="form-field-missing-label", scope="site", needs=("pages",))
def form_field_missing_label(site: SiteContext) -> Iterator[Finding]:
    """Pages with form fields that have no label.

    What it flags: a page with one or more text boxes, check boxes, radio buttons, drop-down
    lists or text areas (or elements with ``role="textbox"``, ``"combobox"`` …) that have no
    accessible name: no ``<label for>`` with text, no wrapping ``<label>``, no ``aria-label``
    or ``aria-labelledby``, no ``title`` and no ``placeholder``. Fields anywhere on the page
    count, in a ``<form>`` or not. One finding per page; ``detail`` gives ``count``, up to five
    field names (or ids) in ``examples``, the WCAG success criteria (1.3.1 Info and
    relationships, 3.3.2 Labels or instructions, 4.1.2 Name, role, value) and the GB/T
    37668-2019 requirement they correspond to.

    Why it matters: a screen reader announces an unlabelled field as "edit text" with no clue
    what to type; the site search box and the 留言 form are then unusable for blind readers.
    WCAG 2.1 (level A) and GB/T 37668-2019 require every field to have a label.

    Example: 首页搜索框 ``<input type="text" name="searchword">`` 旁边只有一个放大镜图片，没有标签。

    How to fix: add ``<label for="searchword">站内搜索</label>`` (it may be visually hidden), or
    ``aria-label="站内搜索"`` on the field.

    Known false positives: a ``placeholder`` counts as a name, as browsers do, though it
    disappears while typing. Not counted: buttons, ``type="hidden"`` fields and fields hidden
    from everyone (``display:none``, ``aria-hidden="true"``). Not seen: fields that scripts add.
    """
    for crawled in site.pages():
        facts = page_facts(crawled.page)
        site.tally.examined += facts.fields
        unnamed = facts.unnamed_fields
        if not unnamed:
            continue
        yield site.finding(
            at=crawled.page.url,
            message=f"页面有 {len(unnamed)} 个表单输入项没有标签，如{listed(unnamed)}。{_FIX}",
            detail=detail(FIELD, len(unnamed), unnamed),
            record=crawled.record_id,
            excerpt=unnamed[0],
        )
