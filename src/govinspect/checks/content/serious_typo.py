"""Wrong forms of important terms (严重表述错误)."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding, Outcome
from govinspect.parse.typos import (
    CATEGORY_LABELS,
    KIND_LABELS,
    TypoHit,
    TypoMatcher,
    default_matcher,
    load_terms,
    sentence_around,
)

_FIX = "请改正为规范表述，并检查全站其他页面有无同样的错误。"


def read_typo_parameters(given: Mapping[str, Any]) -> dict[str, Any]:
    """Framework values of serious-typo.

    ``extra_terms_files``: term files (YAML, the format of typo_data/terms.yaml) added to the shipped
    terms; ``report_suspicions``: false to report only the certain errors, not the suspicions
    (review) — default true.
    """
    unknown = set(given) - {"extra_terms_files", "report_suspicions"}
    if unknown:
        raise ValueError(f"serious-typo takes extra_terms_files and report_suspicions; got {sorted(unknown)}")
    files = given.get("extra_terms_files") or []
    if not isinstance(files, list) or not all(isinstance(path, str) and path for path in files):
        raise ValueError("serious-typo: extra_terms_files is a list of paths")
    missing = [path for path in files if not Path(path).is_file()]
    if missing:
        raise ValueError(f"serious-typo: term file(s) not found: {', '.join(missing)}")
    suspicions = given.get("report_suspicions", True)
    if not isinstance(suspicions, bool):
        raise ValueError("serious-typo: report_suspicions is true or false")
    matcher_for(tuple(files))  # a malformed term file is the check's error, named in the coverage
    return {"extra_terms_files": tuple(files), "report_suspicions": suspicions}


@functools.cache
def matcher_for(extra_terms_files: tuple[str, ...]) -> TypoMatcher:
    """The matcher of the shipped terms plus ``extra_terms_files`` (built once per set of files)."""
    return TypoMatcher(load_terms(extra_terms_files)) if extra_terms_files else default_matcher()


def _message(hit: TypoHit) -> str:
    where = f"（{CATEGORY_LABELS.get(hit.category, hit.category)}，{KIND_LABELS.get(hit.kind, hit.kind)}）"
    if hit.kind == "order":
        return f"领导人排序疑有误：「{hit.found}」应为「{hit.expected}」{where}。请核对后改正。"
    if hit.kind == "wrong-title":
        return f"领导人职务疑有误：「{hit.found}」，该职务对应「{hit.expected}」{where}。请核对后改正。"
    if hit.certain:
        return f"页面中「{hit.found}」是「{hit.expected}」的错误写法{where}。{_FIX}"
    return f"页面中「{hit.found}」疑为「{hit.expected}」的错误写法{where}，请人工核对；确属错误的，{_FIX}"


@check(name="serious-typo", scope="site", needs=("pages",), parameters=read_typo_parameters)
def serious_typo(
    site: SiteContext, *, extra_terms_files: tuple[str, ...] = (), report_suspicions: bool = True
) -> Iterator[Finding]:
    """Wrong forms of important terms: names of the country, Party, organs, leaders; titles; formulations.

    What it flags: a page whose title or text holds a wrong form of an important term —
    the country's name (中华人民共和国), the Party's name and bodies (中国共产党, 中共中央),
    state organs (全国人民代表大会, 国务院, ministries), official titles (国务院总理), the
    political formulations (习近平新时代中国特色社会主义思想, 中国式现代化 …) and the
    names of Party and state leaders. An error (fail) is a wrong form listed in the term
    file, or one derived from a term by replacing one character with a homophone or a
    similar-looking character, doubling an inner character or swapping two characters
    (中华人民共和图, 全国人民代表大大会, 国务元) — provided the form is no dictionary word
    and is not part of a correct word around it. A suspicion for a person to confirm
    (review) is a near homophone (人名政府), a missing character (中华人民共国), current
    leaders listed in the wrong order (李强、习近平) or a current leader's name next to
    another leader's own title (李强总书记). A leader's misspelt name is only looked for
    next to one of the leader's titles (总理李墙), so that people who happen to have a
    similar name are not reported. One finding per page and wrong form, with the
    sentence around it.

    Why it matters: the national indicators (2019) veto a site with any serious wording
    error (严重表述错误, SV-SEC-EXPR), such as a wrong name, title or order of Party and
    state leaders or a wrong political formulation.

    Example: 页面中「中华人民共合国」是「中华人民共和国」的错误写法（国名，已知错误写法）。
    句子：“庆祝中华人民共合国成立75周年文艺晚会在县文化中心举行”。

    How to fix: correct the term on the page (and in the content system's source, so
    that a republished page does not bring it back), then look for the same error on the
    site's other pages. Keep the term file current: leaders change after a Party
    congress or a session of the NPC (see docs/serious-typo.md); add local terms with
    the framework parameter ``extra_terms_files``.

    Known false positives: a quotation of a historical formulation, or a proper noun the
    dictionary does not know, can look like a wrong form. On the 17,657 correct sentences
    of the public spelling corpora (official documents, law, SIGHAN) and 8,386 real
    government site names and State Council document titles nothing was reported
    (docs/serious-typo.md). Attachments (PDF, Word) and text drawn by scripts are not read.
    """
    matcher = matcher_for(extra_terms_files)
    for crawled in site.pages():
        site.tally.examined += 1
        page = crawled.page
        text = f"{page.title}\n{page.text}" if page.title else page.text
        reported: set[str] = set()
        for hit in matcher.find(text):
            if hit.found in reported or not (hit.certain or report_suspicions):
                continue
            reported.add(hit.found)
            yield site.finding(
                at=page.url,
                message=_message(hit),
                outcome=Outcome.FAIL if hit.certain else Outcome.REVIEW,
                detail={
                    "found": hit.found,
                    "expected": hit.expected,
                    "category": hit.category,
                    "kind": hit.kind,
                },
                record=crawled.record_id,
                excerpt=sentence_around(text, hit.start, hit.end),
                locator=hit.found,
            )
