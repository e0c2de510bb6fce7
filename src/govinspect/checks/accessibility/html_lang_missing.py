"""Pages that do not declare their language, or declare it wrongly."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.accessibility.common import LANGUAGE, detail, language_tag_valid, page_facts
from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding

_FIX = '请在页面模板的 <html> 标签上声明语言，中文页面写 <html lang="zh-CN">（用连字符，不用下划线）。'


@check(name="html-lang-missing", scope="site", needs=("pages",))
def html_lang_missing(site: SiteContext) -> Iterator[Finding]:
    """Pages that do not declare their language, or declare it wrongly.

    What it flags: a page whose ``<html>`` element has no ``lang`` attribute, an empty one,
    or one whose language subtag is not a valid BCP 47 language (``zh_CN`` with an underscore,
    ``cn``, ``chinese``, ``eng``). ``xml:lang`` alone does not count in an HTML page. One
    finding per page; ``detail`` gives ``count`` (1), ``examples`` (the value written, if any),
    ``problem`` (``missing``, ``empty`` or ``invalid``), the WCAG success criterion (3.1.1
    Language of page) and the GB/T 37668-2019 requirement it corresponds to.

    Why it matters: screen readers choose their voice and pronunciation from the declared
    language; a Chinese page read with an English voice is unintelligible. WCAG 2.1 3.1.1
    (level A) and GB/T 37668-2019 require the page's language to be declared in code.

    Example: ``<html>`` 没有 lang 属性；或写成 ``<html lang="zh_CN">``。

    How to fix: write ``<html lang="zh-CN">`` (or ``lang="zh"``) in the page template; use
    ``en`` for English pages.

    Known false positives: a language set by a script after the page loads is not seen. Only
    the primary language subtag is tested; a valid but wrong language (``lang="en"`` on a
    Chinese page) is not flagged.
    """
    for crawled in site.pages():
        site.tally.examined += 1
        lang = page_facts(crawled.page).lang_attribute
        if lang is None:
            problem, said = "missing", "没有声明页面语言（<html> 缺少 lang 属性）"
        elif not lang.strip():
            problem, said = "empty", '声明的页面语言为空（lang=""）'
        elif not language_tag_valid(lang):
            problem, said = "invalid", f"声明的页面语言「{lang.strip()}」不是有效的语言代码"
        else:
            continue
        examples = (lang.strip(),) if lang and lang.strip() else ()
        yield site.finding(
            at=crawled.page.url,
            message=f"页面{said}。{_FIX}",
            detail={**detail(LANGUAGE, 1, examples), "problem": problem},
            record=crawled.record_id,
            excerpt=lang,
        )
