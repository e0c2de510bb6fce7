"""Measure the serious-typo matcher: false alarms on correct text, recall and precision on wrong text.

False alarms: every correct sentence of ../shared/corpora/csc-ecspell (the corrected side of each
pair of the official-document, law and medical sets, the SIGHAN 2013-2015 tests), the corrected side
of csc-pycorrector-data/sighan2015_test.tsv and the 5,608 policy and regulation titles of
csc-ecspell/wordlist/政策法规标题.txt; then government site names and State Council document titles
(cn-gov-site-lists) and 96 whole pages (cn-web-extraction-cwce, magic-html-cn). Recall and precision:
tests/parse/typo_cases.tsv (a wrong sentence and its correct form a line, and look-alike traps), the
corpora's own wrong sentences whose error lies in a listed term, and simulated plants (same-sound
characters from pycorrector's same_pinyin.txt). Also the matching speed.

    .venv/bin/python bench/typo_false_alarms.py [--show]
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import ahocorasick

from govinspect.parse.typos import default_matcher, sentence_around

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
CASES = REPO / "tests" / "parse" / "typo_cases.tsv"


def correct_sentences() -> Iterator[tuple[str, str]]:
    """(set name, correct sentence) for every correct sentence of the spelling corpora."""
    ecspell = CORPORA / "csc-ecspell"
    for path in sorted((ecspell / "domains_data").iterdir()) + sorted(
        (ecspell / "sighan_simplified").iterdir()
    ):
        for line in path.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3:
                yield path.name, parts[2]
    for line in (CORPORA / "csc-pycorrector-data" / "sighan2015_test.tsv").read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2:
            yield "pycorrector-sighan2015", parts[1]
    for line in (ecspell / "wordlist" / "政策法规标题.txt").read_text("utf-8").splitlines():
        if line.strip():
            yield "policy-titles", line.strip()


def government_names() -> Iterator[tuple[str, str]]:
    """(set name, text): government site names and State Council document titles (cn-gov-site-lists)."""
    lists = CORPORA / "cn-gov-site-lists"
    with (lists / "govwebcrawler_gov_urls.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            yield "gov-site-names", f"{row['gov_name'].replace('|', '')} {row['site_name']}"
    with (lists / "ptc_state_council_docs_dates.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            yield "state-council-titles", row["title"]


def wrong_pairs() -> Iterator[tuple[str, str]]:
    """(wrong sentence, corrected sentence) of the csc-ecspell pairs that hold an error."""
    ecspell = CORPORA / "csc-ecspell"
    for path in sorted((ecspell / "domains_data").iterdir()) + sorted(
        (ecspell / "sighan_simplified").iterdir()
    ):
        for line in path.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[0] == "1" and len(parts[1]) == len(parts[2]):
                yield parts[1], parts[2]


def corpus_term_errors() -> tuple[int, int, int, int]:
    """On the corpora's wrong sentences: (errors inside a term, of them found, hits, hits on an error).

    An error is inside a term when a character that the correction changes lies in an occurrence of
    a listed term or alias in the corrected sentence.
    """
    matcher = default_matcher()
    correct = ahocorasick.Automaton()
    for term in matcher.terms:
        for text in (term.term, *term.aliases):
            correct.add_word(text, text)
    correct.make_automaton()
    term_errors = caught = hits_total = hits_on_error = 0
    for wrong, right in wrong_pairs():
        changed = {i for i, (a, b) in enumerate(zip(wrong, right, strict=True)) if a != b}
        spans = [(end - len(text) + 1, end + 1) for end, text in correct.iter(right)]
        in_term = any(start <= i < end for start, end in spans for i in changed)
        hits = matcher.find(wrong)
        on_error = [hit for hit in hits if any(hit.start <= i < hit.end for i in changed)]
        hits_total += len(hits)
        hits_on_error += len(on_error)
        term_errors += in_term
        caught += in_term and bool(on_error)
    return term_errors, caught, hits_total, hits_on_error


def cases() -> list[tuple[str, str, str, str]]:
    """(category, wrong sentence, wrong form, correct sentence) of the hand-written cases."""
    rows = []
    for line in CASES.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            category, wrong, found, right = line.split("\t")
            rows.append((category, wrong, found, right))
    return rows


def simulated_plants() -> None:
    """Plant one random same-sound character (pycorrector's same_pinyin.txt, independent of pypinyin)
    at each position of each derivable term, in a neutral sentence, and count how many are found."""
    matcher = default_matcher()
    same: dict[str, str] = {}
    for line in (CORPORA / "csc-pycorrector-data" / "same_pinyin.txt").read_text("utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("#") and len(parts) >= 2:
            same[parts[0]] = parts[1]
    chooser = random.Random(1)
    planted = caught = certain = 0
    for term in matcher.terms:
        if term.category == "leader" or not term.generate or len(term.term) < 3:
            continue
        for index, char in enumerate(term.term):
            candidates = [other for other in same.get(char, "") if other != char]
            if not candidates:
                continue
            wrong = term.term[:index] + chooser.choice(candidates) + term.term[index + 1 :]
            sentence = f"会议指出，{wrong}是重点。"
            hits = [hit for hit in matcher.find(sentence) if hit.start <= 5 + index < hit.end]
            planted += 1
            caught += bool(hits)
            certain += any(hit.certain for hit in hits)
    print(f"simulated plants in terms: {planted}, found {caught} ({caught / planted:.3f}), as fail {certain}")
    planted = caught = certain = 0
    for leader in (term for term in matcher.terms if term.category == "leader"):
        for title in leader.titles:
            for index, char in enumerate(leader.term):
                candidates = [other for other in same.get(char, "") if other != char]
                if not candidates:
                    continue
                wrong = leader.term[:index] + chooser.choice(candidates) + leader.term[index + 1 :]
                for sentence in (f"{title}{wrong}出席会议并讲话。", f"会上，{wrong}{title}指出"):
                    hits = matcher.find(sentence)
                    planted += 1
                    caught += bool(hits)
                    certain += any(hit.certain for hit in hits)
    print(f"simulated plants in leaders' names next to a title: {planted}, found {caught} ", end="")
    print(f"({caught / planted:.3f}), as fail {certain}")


def web_pages() -> list[str]:
    """Whole main texts of real pages: cn-web-extraction-cwce (69) and the .cn pages of magic-html-cn (27)."""
    pages = [
        path.read_text("utf-8") for path in sorted((CORPORA / "cn-web-extraction-cwce" / "cleaned").iterdir())
    ]
    gold = json.loads((CORPORA / "magic-html-cn" / "base.json").read_text("utf-8"))
    return pages + [entry["content"] for entry in gold.values()]


def page_alarms(show: bool) -> None:
    matcher = default_matcher()
    pages = web_pages()
    alarmed = 0
    for page in pages:
        hits = matcher.find(page)
        alarmed += bool(hits)
        for hit in hits if show else ():
            print(f"  PAGE ALARM: {hit.found} ({hit.kind}) in {sentence_around(page, hit.start, hit.end)}")
    characters = sum(len(page) for page in pages)
    print(f"whole pages: {len(pages)} pages ({characters} characters), {alarmed} with an alarm")


def page_speed() -> None:
    """Matching speed on whole pages: the hand-labelled main texts of cn-web-extraction-cwce."""
    matcher = default_matcher()
    pages = [
        path.read_text("utf-8") for path in sorted((CORPORA / "cn-web-extraction-cwce" / "cleaned").iterdir())
    ]
    characters = sum(len(page) for page in pages)
    started = time.perf_counter()
    for _ in range(5):
        for page in pages:
            matcher.find(page)
    elapsed = (time.perf_counter() - started) / 5
    print(f"pages: {len(pages)} pages, {characters} characters in {elapsed * 1000:.0f} ms ", end="")
    print(f"= {len(pages) / elapsed:.0f} pages/s, {characters / elapsed / 1e6:.2f} M characters/s")


def main() -> None:
    show = "--show" in sys.argv
    started = time.perf_counter()
    matcher = default_matcher()
    print(f"matcher: {matcher.pattern_count} wrong forms, built in {time.perf_counter() - started:.2f} s")
    sentences = list(correct_sentences())
    required = len(sentences)
    sentences += list(government_names())
    started = time.perf_counter()
    alarms: dict[str, int] = {}
    counts: dict[str, int] = {}
    for name, sentence in sentences:
        counts[name] = counts.get(name, 0) + 1
        hits = matcher.find(sentence)
        if hits:
            alarms[name] = alarms.get(name, 0) + 1
            if show:
                print(f"  FALSE ALARM {name}: {[h.found for h in hits]} in {sentence}")
    elapsed = time.perf_counter() - started
    characters = sum(len(sentence) for _, sentence in sentences)
    for name in counts:
        print(f"{name:24} {counts[name]:6} sentences {alarms.get(name, 0):3} with an alarm")
    spelling = sum(alarms.get(name, 0) for name in dict.fromkeys(name for name, _ in sentences[:required]))
    print(f"spelling corpora: {required} correct sentences, {spelling} with an alarm ", end="")
    print(f"= {spelling / required * 10000:.2f} per 10,000")
    total, alarmed = len(sentences), sum(alarms.values())
    print(f"all correct texts: {total}, with an alarm: {alarmed} = {alarmed / total * 10000:.2f} per 10,000")
    print(
        f"speed: {characters} characters in {elapsed:.2f} s = {characters / elapsed / 1e6:.2f} M characters/s"
    )
    found = caught = certain = wrong_alarms = 0
    for category, wrong, expected_found, right in cases():
        hits = matcher.find(wrong)
        if category == "trap":
            found += len(hits)
            wrong_alarms += len(hits)
            if show and hits:
                print(f"  TRAP: {wrong} → {[(h.found, h.kind) for h in hits]}")
            continue
        good = [hit for hit in hits if hit.found == expected_found or expected_found in hit.found]
        caught += bool(good)
        certain += any(hit.certain for hit in good)
        found += len(hits)
        wrong_alarms += len(hits) - len(good)
        right_hits = matcher.find(right)
        found += len(right_hits)
        wrong_alarms += len(right_hits)
        if show and (not good or len(hits) > len(good) or right_hits):
            print(f"  CASE {category}: {wrong} → {[(h.found, h.kind) for h in hits]}; correct → {right_hits}")
    n = sum(category != "trap" for category, *_ in cases())
    print(f"cases found with a certain error (fail): {certain}/{n}")
    precision = (found - wrong_alarms) / found if found else 1.0
    print(
        f"cases: {n}, recall {caught / n:.3f}, precision {precision:.3f} ({found} hits, {wrong_alarms} wrong)"
    )


def report_corpus_errors() -> None:
    term_errors, caught, hits, on_error = corpus_term_errors()
    print(
        f"corpus wrong sentences: {term_errors} with an error inside an important term, {caught} found ",
        end="",
    )
    print(f"(recall {caught / term_errors:.3f}); {hits} hits, {on_error} on a corrected character")


if __name__ == "__main__":
    main()
    report_corpus_errors()
    simulated_plants()
    page_alarms("--show" in sys.argv)
    page_speed()
