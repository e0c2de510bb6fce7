"""Regenerate the confusion data shipped with the serious-typo check.

Reads the pycorrector data copied in ../shared/corpora/csc-pycorrector-data (Apache-2.0)
and writes src/govinspect/parse/typo_data/common_chars.txt (the 3,500 common characters a
generated misspelling may use), shape_confusions.txt (groups of similar-looking
characters, reduced to the common characters) and readings.txt (the toneless pinyin of each
common character, from pypinyin, so the check need not load pypinyin's phrase data).

    .venv/bin/python bench/typo_confusion_data.py
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "csc-pycorrector-data"
OUT = REPO / "src" / "govinspect" / "parse" / "typo_data"
HEADER = (
    "# Derived from pycorrector 1.1.4 data ({source}), (c) shibing624, Apache License 2.0\n"
    "# (https://github.com/shibing624/pycorrector).\n"
    "# Regenerate: .venv/bin/python bench/typo_confusion_data.py\n"
)


def main() -> None:
    common = [
        line.strip()
        for line in (CORPUS / "common_char_set.txt").read_text("utf-8").splitlines()
        if line.strip()
    ]
    allowed = set(common)
    (OUT / "common_chars.txt").write_text(
        HEADER.format(source="common_char_set.txt") + "".join(common) + "\n", "utf-8"
    )
    groups: list[str] = []
    for line in (CORPUS / "same_stroke.txt").read_text("utf-8").splitlines():
        chars = [c for c in line.split("\t") if c.strip() and len(c.strip()) == 1 and c.strip() in allowed]
        unique = "".join(dict.fromkeys(c.strip() for c in chars))
        if len(unique) >= 2:
            groups.append(unique)
    (OUT / "shape_confusions.txt").write_text(
        HEADER.format(source="same_stroke.txt")
        + "# one group of similar-looking characters a line\n"
        + "\n".join(groups)
        + "\n",
        "utf-8",
    )
    from pypinyin import Style, pinyin

    terms = (OUT / "terms.yaml").read_text("utf-8")
    rare = sorted({c for c in terms if "\u4e00" <= c <= "\u9fff"} - allowed)  # in a shipped term, not common
    readings = [
        char + "\t" + " ".join(r for r in pinyin(char, style=Style.NORMAL, heteronym=True)[0] if r.isalpha())
        for char in [*common, *rare]
    ]
    (OUT / "readings.txt").write_text(
        "# Toneless readings of the common characters and those in terms.yaml (pypinyin 0.55.0, MIT).\n"
        "# Regenerate: .venv/bin/python bench/typo_confusion_data.py\n" + "\n".join(readings) + "\n",
        "utf-8",
    )
    print(f"{len(common)} common characters, {len(groups)} shape groups → {OUT}")


if __name__ == "__main__":
    main()
