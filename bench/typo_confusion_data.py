"""Regenerate the confusion data shipped with the serious-typo check.

Reads the pycorrector data copied in ../shared/corpora/csc-pycorrector-data (Apache-2.0)
and writes src/govinspect/parse/typo_data/common_chars.txt (the 3,500 common characters a
generated misspelling may use) and shape_confusions.txt (groups of similar-looking
characters, reduced to the common characters).

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
    print(f"{len(common)} common characters, {len(groups)} shape groups → {OUT}")


if __name__ == "__main__":
    main()
