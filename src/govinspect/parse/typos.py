"""Wrong forms of important terms (严重表述错误): the matcher behind ``serious-typo``.

The important terms — the country's and the Party's names, state organs, official titles,
political formulations (规范表述) and the names of Party and state leaders — are kept in
``typo_data/terms.yaml``; users add their own files in the same format. From every term the
matcher derives its likely wrong forms:

* the wrong forms the term file lists;
* one character replaced by a homophone (pypinyin) or a similar-looking character
  (``shape_confusions.txt``, ``shape_extra.txt``), two neighbouring characters swapped or an
  inner character doubled — errors as certain as the listed ones, once the filters below
  have passed;
* one character replaced by a near homophone (zh/z, n/l, -n/-ng) or an inner character
  missing — suspicions for a person to confirm.

A suspicion is dropped when it is itself a dictionary word (jieba's dictionary), when it
overlaps a correct important term, or when the text around it makes a longer word that
crosses its edge (the "wrong form" is then part of a correct word). A leader's misspelt name
is only looked for next to one of the leader's titles (李墙总理, 总书记习进平); a name of three
characters with one of its titles merely nearby is a suspicion. The leaders' order (习近平、李强 …)
and a current leader's name next to another leader's own title (李强总书记) are suspicions too.

All patterns are searched in one pass (Aho-Corasick), so a page costs about the same
whatever the size of the term list.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

CATEGORIES = ("country", "party", "organ", "title", "formulation", "leader")
CATEGORY_LABELS = {
    "country": "国名",
    "party": "党的名称",
    "organ": "国家机构名称",
    "title": "职务名称",
    "formulation": "政治表述",
    "leader": "领导人姓名",
}
# How a wrong form was found: listed in the term file, or derived from a term.
KIND_LABELS = {
    "listed": "已知错误写法",
    "homophone": "同音字",
    "shape": "形近字",
    "near-homophone": "音近字",
    "swapped": "字序颠倒",
    "missing": "漏字",
    "extra": "多字",
    "wrong-title": "职务错误",
    "order": "排序错误",
}
_CERTAIN_KINDS = ("homophone", "shape", "swapped", "extra")  # derived, yet as sure as a listed form
_REARRANGED = ("swapped", "missing", "extra")  # kinds that may rebuild valid text from the term's own words
_FORMS_OF_ADDRESS = ("同志",)  # written after a name like a title, but no office: never a wrong title
_CONTEXT_WINDOW = 12  # characters either side searched for one of a leader's titles
_MIN_WORD_FREQUENCY = 3  # jieba dictionary words rarer than this are ignored (the dictionary is noisy)
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_DATA = "govinspect.parse.typo_data"


@dataclass(frozen=True, slots=True)
class ImportantTerm:
    """One entry of a term file: a canonical form and what is known about it."""

    term: str
    category: str
    wrong: tuple[str, ...] = ()  # known wrong forms
    aliases: tuple[str, ...] = ()  # other correct forms (中共中央 for 中国共产党中央委员会)
    titles: tuple[str, ...] = ()  # leaders: titles written next to the name
    rank: int | None = None  # leaders: protocol order, 1 first
    generate: bool = True  # False: only the listed wrong forms are looked for


@dataclass(frozen=True, slots=True)
class TypoHit:
    """A wrong form found in a text, with where it is and what it should be."""

    found: str
    expected: str
    category: str  # one of CATEGORIES
    kind: str  # one of KIND_LABELS
    start: int
    end: int
    certain: bool  # a listed or strongly derived wrong form, not a suspicion to confirm


@dataclass(frozen=True, slots=True)
class _Pattern:
    found: str
    expected: str
    category: str
    kind: str
    context: tuple[str, ...] = ()  # one of these must stand within the window around the hit
    title_first: bool = False  # starts with a title: not when the title is really 副<title>

    @property
    def certain(self) -> bool:
        return self.kind == "listed" or (self.kind in _CERTAIN_KINDS and not self.context)


def load_terms(extra_files: Sequence[Path | str] = ()) -> tuple[ImportantTerm, ...]:
    """The shipped important terms, then those of ``extra_files`` (an entry replaces one of the same term)."""
    shipped = resources.files(_DATA).joinpath("terms.yaml").read_text("utf-8")
    by_term = {term.term: term for term in parse_terms(shipped, "terms.yaml")}
    for path in extra_files:
        for term in parse_terms(Path(path).read_text("utf-8"), str(path)):
            by_term[term.term] = term
    return tuple(by_term.values())


def parse_terms(text: str, source: str) -> list[ImportantTerm]:
    """The entries of one term file (YAML, a ``terms:`` list); ``source`` names it in errors."""
    try:
        document = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"{source}: not valid YAML ({error})") from error
    entries = document.get("terms") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{source}: a term file is a mapping with a 'terms' list")
    return [_term(entry, f"{source}: terms[{index}]") for index, entry in enumerate(entries)]


def _term(entry: Any, where: str) -> ImportantTerm:
    if not isinstance(entry, dict) or not isinstance(entry.get("term"), str) or not entry["term"].strip():
        raise ValueError(f"{where}: an entry needs 'term' (the canonical form)")
    unknown = set(entry) - {"term", "category", "wrong", "aliases", "titles", "rank", "generate"}
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}")
    category = entry.get("category")
    if category not in CATEGORIES:
        raise ValueError(f"{where}: category must be one of {', '.join(CATEGORIES)}; got {category!r}")
    rank = entry.get("rank")
    if rank is not None and (not isinstance(rank, int) or isinstance(rank, bool) or rank < 1):
        raise ValueError(f"{where}: rank is a whole number from 1")
    generate = entry.get("generate", True)
    if not isinstance(generate, bool):
        raise ValueError(f"{where}: generate is true or false")
    return ImportantTerm(
        term=entry["term"].strip(),
        category=category,
        wrong=_strings(entry, "wrong", where),
        aliases=_strings(entry, "aliases", where),
        titles=_strings(entry, "titles", where),
        rank=rank,
        generate=generate,
    )


def _strings(entry: Mapping[str, Any], field: str, where: str) -> tuple[str, ...]:
    values = entry.get(field) or []
    if not isinstance(values, list) or not all(isinstance(value, str) and value.strip() for value in values):
        raise ValueError(f"{where}: {field} is a list of strings")
    return tuple(value.strip() for value in values)


def _data_lines(name: str) -> list[str]:
    text = resources.files(_DATA).joinpath(name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def _common_characters() -> frozenset[str]:
    return frozenset("".join(_data_lines("common_chars.txt")))


@functools.cache
def _shape_groups() -> dict[str, frozenset[str]]:
    similar: dict[str, set[str]] = {}
    for group in _data_lines("shape_confusions.txt") + _data_lines("shape_extra.txt"):
        for char in group:
            similar.setdefault(char, set()).update(group)
    return {char: frozenset(chars - {char}) for char, chars in similar.items()}


@functools.cache
def _reading_table() -> dict[str, tuple[str, ...]]:
    """Readings (toneless pinyin) of the common characters, shipped so pypinyin is rarely imported."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _data_lines("readings.txt"):
        char, _, readings = line.partition("\t")
        table[char] = tuple(readings.split())
    return table


def _readings(char: str) -> tuple[str, ...]:
    """The toneless readings of a character; a rare one (outside the shipped table) asks pypinyin."""
    known = _reading_table().get(char)
    if known is not None or not char.isalpha():  # punctuation (、，) has no reading
        return known or ()
    from pypinyin import Style, pinyin  # about 55 MiB of phrase data: only for a rare character

    return tuple(
        reading for reading in pinyin(char, style=Style.NORMAL, heteronym=True)[0] if reading.isalpha()
    )


@functools.cache
def _homophone_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for char in _common_characters():
        for reading in _readings(char):
            index.setdefault(reading, set()).add(char)
    return {reading: frozenset(chars) for reading, chars in index.items()}


def homophones(char: str) -> frozenset[str]:
    """Common characters read like ``char`` (any tone, any of its readings)."""
    index = _homophone_index()
    found: set[str] = set()
    for reading in _readings(char):
        found |= index.get(reading, frozenset())
    return frozenset(found - {char})


def _near_readings(reading: str) -> set[str]:
    """Readings one confusion away, as accents and fuzzy-pinyin input methods make them.

    zh/z, ch/c, sh/s and n/l at the start, -n/-ng after a, e or i at the end (ming for min).
    """
    near: set[str] = set()
    for one, other in (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("l", "n")):
        if reading.startswith(one):
            near.add(other + reading[len(one) :])
        elif reading.startswith(other) and not reading.startswith(other + "h"):
            near.add(one + reading[len(other) :])
    if reading.endswith("ng") and reading[-3:-2] in ("a", "e", "i"):
        near.add(reading[:-1])
    elif reading.endswith("n") and reading[-2:-1] in ("a", "e", "i"):
        near.add(reading + "g")
    return near - {reading}


def near_homophones(char: str) -> frozenset[str]:
    """Common characters read close to ``char`` (名 for 民: ming/min), homophones excepted."""
    index = _homophone_index()
    found: set[str] = set()
    for reading in _readings(char):
        for near in _near_readings(reading):
            found |= index.get(near, frozenset())
    return frozenset(found - homophones(char) - {char})


def similar_shapes(char: str) -> frozenset[str]:
    """Common characters that look like ``char``."""
    return _shape_groups().get(char, frozenset())


class WordList:
    """A sorted word list in one string: ``word in words`` by binary search, a few MiB for 300,000 words.

    A Python set of jieba's dictionary costs about 55 MiB; the checks run in every inspection, so the
    dictionary is kept this way instead.
    """

    def __init__(self, words: Iterable[str]) -> None:
        ordered = sorted(set(words))
        self._text = "\n".join(ordered)
        self._starts = array("I")
        position = 0
        for word in ordered:
            self._starts.append(position)
            position += len(word) + 1
        self._count = len(ordered)

    def __len__(self) -> int:
        return self._count

    def _word(self, index: int) -> str:
        start = self._starts[index]
        end = self._starts[index + 1] - 1 if index + 1 < self._count else len(self._text)
        return self._text[start:end]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not self._count:
            return False
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            if self._word(middle) < word:
                low = middle + 1
            else:
                high = middle
        return low < self._count and self._word(low) == word


@functools.cache
def dictionary_words() -> WordList:
    """Words of two characters or more in jieba's dictionary (shipped with jieba, read offline)."""
    spec = importlib.util.find_spec("jieba")  # its dictionary only: the package itself is not imported
    if spec is None or spec.origin is None:
        raise RuntimeError("serious-typo needs the jieba package (its dictionary of words)")
    path = Path(spec.origin).parent / "dict.txt"

    def words() -> Iterator[str]:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                parts = line.split(" ")
                if len(parts) >= 2 and len(parts[0]) >= 2 and int(parts[1]) >= _MIN_WORD_FREQUENCY:
                    yield parts[0]

    return WordList(words())


def made_of_words(text: str, words: WordList | frozenset[str]) -> bool:
    """Whether ``text`` splits wholly into dictionary words of two characters or more."""
    ends = [True] + [False] * len(text)
    for end in range(2, len(text) + 1):
        ends[end] = any(ends[start] and text[start:end] in words for start in range(max(0, end - 8), end - 1))
    return ends[len(text)]


def variants(term: str) -> Iterator[tuple[str, str]]:
    """Likely misspellings of ``term`` with how each is wrong (KIND_LABELS)."""
    for index, char in enumerate(term):
        sounds = homophones(char)
        for other in sorted(sounds):
            yield term[:index] + other + term[index + 1 :], "homophone"
        for other in sorted(similar_shapes(char) - sounds):
            yield term[:index] + other + term[index + 1 :], "shape"
        for other in sorted(near_homophones(char) - similar_shapes(char)):
            yield term[:index] + other + term[index + 1 :], "near-homophone"
    for index in range(len(term) - 1):
        if term[index] != term[index + 1]:
            yield term[:index] + term[index + 1] + term[index] + term[index + 2 :], "swapped"
    for index in range(1, len(term) - 1):
        if len(term) >= 5:  # a four-character form with a character missing is too short to be sure
            yield term[:index] + term[index + 1 :], "missing"
        yield term[: index + 1] + term[index:], "extra"


class TypoMatcher:
    """Finds wrong forms of a set of important terms in a text (build once, reuse for every page)."""

    def __init__(self, terms: Iterable[ImportantTerm]) -> None:
        self.terms = tuple(terms)
        self._correct: set[str] = set()
        for term in self.terms:
            self._correct.add(term.term)
            self._correct.update(term.aliases)
        self._patterns: dict[str, _Pattern] = {}
        self._listed()
        self._leader_patterns()
        self._generated()
        # The automaton runs on UTF-8 bytes (each byte stored as one latin-1 character): a node then
        # has at most a few dozen children instead of the 1,500 first characters of the patterns,
        # which makes the search about ten times faster. UTF-8 matches always fall on characters.
        self._automaton = ahocorasick.Automaton()
        for text in self._correct:
            self._automaton.add_word(_as_bytes(text), (text, None))
        for text, pattern in self._patterns.items():
            self._automaton.add_word(_as_bytes(text), (text, pattern))
        self._automaton.make_automaton()

    @property
    def pattern_count(self) -> int:
        """How many wrong forms the matcher looks for."""
        return len(self._patterns)

    def _add(self, pattern: _Pattern) -> None:
        if pattern.found not in self._correct and pattern.found not in self._patterns:
            self._patterns[pattern.found] = pattern

    def _listed(self) -> None:
        for term in self.terms:
            for wrong in term.wrong:
                self._add(_Pattern(wrong, term.term, term.category, "listed"))

    def _leader_patterns(self) -> None:
        leaders = [term for term in self.terms if term.category == "leader"]
        ranked = sorted((term for term in leaders if term.rank is not None), key=lambda term: term.rank or 0)
        for first, second in ((a, b) for i, a in enumerate(ranked) for b in ranked[i + 1 :]):
            self._add(
                _Pattern(f"{second.term}、{first.term}", f"{first.term}、{second.term}", "leader", "order")
            )
        holders: dict[str, set[str]] = {}
        for leader in leaders:
            for title in leader.titles:
                holders.setdefault(title, set()).add(leader.term)
        for leader in ranked:
            for title, names in holders.items():
                (owner,) = names if len(names) == 1 else ("",)
                if owner in ("", leader.term) or title in leader.titles or title in _FORMS_OF_ADDRESS:
                    continue
                owned = f"{title}{owner}"
                self._add(_Pattern(f"{title}{leader.term}", owned, "leader", "wrong-title", title_first=True))
                self._add(_Pattern(f"{leader.term}{title}", f"{owner}{title}", "leader", "wrong-title"))

    def _generated(self) -> None:
        words = dictionary_words()
        protected = {
            text[i:j] for text in self._correct for i in range(len(text)) for j in range(i + 2, len(text) + 1)
        }
        for term in self.terms:
            if not term.generate:
                continue
            if term.category == "leader":
                self._leader_variants(term, words, protected)
                continue
            for form in (term.term, *(alias for alias in term.aliases if len(alias) >= 4)):
                if len(form) < 3:
                    continue
                for variant, kind in variants(form):
                    if variant in words or variant in protected:
                        continue
                    if kind in _REARRANGED and made_of_words(variant, words):
                        continue  # 中国现代化 is not a wrong 中国式现代化
                    self._add(_Pattern(variant, form, term.category, kind))

    def _leader_variants(self, leader: ImportantTerm, words: WordList, protected: set[str]) -> None:
        for variant, kind in variants(leader.term):
            if variant in protected or kind == "missing":
                continue
            # next to a title even a name that is a word or someone's name is wrong (李枪总理)
            for title in leader.titles:
                self._add(
                    _Pattern(f"{title}{variant}", f"{title}{leader.term}", "leader", kind, title_first=True)
                )
                self._add(_Pattern(f"{variant}{title}", f"{leader.term}{title}", "leader", kind))
            if len(leader.term) >= 3 and leader.titles and variant not in words:
                self._add(_Pattern(variant, leader.term, "leader", kind, context=leader.titles))

    def find(self, text: str) -> list[TypoHit]:
        """The wrong forms in ``text``, in reading order; of overlapping forms the surest, then longest."""
        correct: list[tuple[int, int]] = []
        candidates: list[tuple[int, int, _Pattern]] = []
        encoded = text.encode("utf-8", "surrogatepass")
        characters = consumed = 0  # the character offset of byte offset ``consumed``
        for last_byte, (found, pattern) in self._automaton.iter(encoded.decode("latin-1")):
            characters += len(encoded[consumed : last_byte + 1].decode("utf-8", "surrogatepass"))
            consumed = last_byte + 1
            span = (characters - len(found), characters)
            if pattern is None:
                correct.append(span)
            else:
                candidates.append((*span, pattern))
        kept = [
            (start, end, pattern)
            for start, end, pattern in candidates
            if self._stands(text, start, end, pattern, correct)
        ]
        kept.sort(key=lambda hit: (hit[2].kind != "listed", not hit[2].certain, -(hit[1] - hit[0]), hit[0]))
        chosen: list[tuple[int, int, _Pattern]] = []
        for start, end, pattern in kept:
            if all(end <= other_start or start >= other_end for other_start, other_end, _ in chosen):
                chosen.append((start, end, pattern))
        chosen.sort(key=lambda hit: hit[0])
        return [
            TypoHit(p.found, p.expected, p.category, p.kind, start, end, p.certain)
            for start, end, p in chosen
        ]

    def _stands(
        self, text: str, start: int, end: int, pattern: _Pattern, correct: list[tuple[int, int]]
    ) -> bool:
        if pattern.kind == "listed":
            return not any(c_start <= start and end <= c_end for c_start, c_end in correct)
        if any(
            start < c_end and c_start < end and not start <= c_start < c_end <= end
            for c_start, c_end in correct
        ):
            return False
        if pattern.title_first and start > 0 and text[start - 1] == "副":
            return False
        if pattern.kind == "order":
            return True
        if self._part_of_a_word(text, start, end, pattern):
            return False
        if pattern.context:
            around = text[max(0, start - _CONTEXT_WINDOW) : start] + "|" + text[end : end + _CONTEXT_WINDOW]
            return any(word in around for word in pattern.context)
        return True

    @staticmethod
    def _part_of_a_word(text: str, start: int, end: int, pattern: _Pattern) -> bool:
        """Whether an edge character that differs from the correct form makes a word with its neighbours.

        In 应当中央 the 当 of a suspected 当中央 belongs to 应当. An edge character the correct form
        shares proves nothing (学习习近平 is a sound context for the name).
        """
        words = dictionary_words()
        pieces: list[str] = []
        if start > 0 and pattern.found[0] != pattern.expected[0]:
            pieces += [text[start - 1 : start + 1], text[max(0, start - 2) : start + 1]]
        # a name after its title is a name, whatever follows (国家主席习近评出席: not 评出)
        if end < len(text) and pattern.found[-1] != pattern.expected[-1] and not pattern.title_first:
            pieces += [text[end - 1 : end + 1], text[end - 1 : end + 2]]
        return any(piece in words for piece in pieces)


def _as_bytes(text: str) -> str:
    """``text`` as UTF-8 bytes, one latin-1 character a byte (what the automaton reads)."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


@functools.cache
def default_matcher() -> TypoMatcher:
    """The matcher of the shipped term file (built on first use, about a second)."""
    return TypoMatcher(load_terms())


def find_serious_typos(text: str, matcher: TypoMatcher | None = None) -> list[TypoHit]:
    """Wrong forms of important terms in ``text`` (a page, a post), with the shipped terms by default."""
    return (matcher or default_matcher()).find(text)


def sentence_around(text: str, start: int, end: int, limit: int = 60) -> str:
    """The sentence holding ``text[start:end]``, cut to about ``limit`` characters each side."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    finish = stop.end() if stop else len(text)
    begin, finish = max(begin, start - limit), min(finish, end + limit)
    return text[begin:finish].strip()
