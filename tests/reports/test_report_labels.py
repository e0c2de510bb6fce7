"""Every name of the contract has its Chinese wording for site editors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govinspect.reports import labels

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "spec" / "contract.md"


def _contract() -> str:
    if not CONTRACT.exists():
        pytest.skip(f"contract not found at {CONTRACT}")
    return CONTRACT.read_text(encoding="utf-8")


def _catalogue_checks(text: str) -> set[str]:
    catalogue = text[text.index("## 4. Check catalogue") :]
    names: set[str] = set()
    for line in catalogue.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`([a-z0-9-]+)`", first_cell))
    return names


def test_every_contract_check_has_a_chinese_label() -> None:
    checks = _catalogue_checks(_contract())
    assert len(checks) > 30
    assert checks - set(labels.CHECK_LABELS) == set()
    assert all(labels.check_label(check) != check for check in checks)


def test_every_broken_link_error_kind_has_a_chinese_label() -> None:
    row = next(line for line in _contract().splitlines() if line.startswith("| `broken-link`"))
    error_part = row[row.index("`error`") : row.index("`internal`")]
    kinds = set(re.findall(r"`([a-z0-9-]+)`", error_part)) - {"error"}
    assert kinds == set(labels.ERROR_KIND_LABELS)


def test_required_error_kind_wording() -> None:
    assert labels.ERROR_KIND_LABELS["dns"] == "域名无法解析"
    assert labels.ERROR_KIND_LABELS["connect"] == "无法连接"
    assert labels.ERROR_KIND_LABELS["tls"] == "证书/加密连接错误"


def test_unknown_names_are_shown_as_they_are_and_listed_last() -> None:
    assert labels.check_label("brand-new-check") == "brand-new-check"
    assert labels.veto_label("SV-NEW") == "SV-NEW"
    assert labels.veto_label("SV-COL-BLANK") == "SV-COL-BLANK 空白栏目"
    ordered = sorted(["zzz-new", "broken-link", "aaa-new", "site-unreachable"], key=labels.check_rank)
    assert ordered == ["site-unreachable", "broken-link", "aaa-new", "zzz-new"]
