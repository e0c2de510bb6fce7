"""``govinspect frameworks``: list the built-in frameworks, show one, validate a user's copy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from govinspect.scoring.framework import builtin_frameworks


def govinspect(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinspect", *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_list_and_show_name_the_indicators_with_their_confidence() -> None:
    listed = govinspect("frameworks", "list")
    assert listed.returncode == 0 and "cn-gov-2019" in listed.stdout
    shown = govinspect("frameworks", "show", "cn-gov-2019")
    assert shown.returncode == 0, shown.stderr
    assert "SV-COL-BLANK" in shown.stdout and "[C2]" in shown.stdout
    assert "D-LINK-HOME" in shown.stdout and "D-SVC-ONLINE" in shown.stdout
    assert "not assessed by any check" in shown.stdout  # D-SVC-ONLINE needs a person


def test_validate_names_the_file_and_line_of_the_first_problem(tmp_path: Path) -> None:
    source = builtin_frameworks()["cn-gov-2019"].read_text(encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(source, encoding="utf-8")
    assert govinspect("frameworks", "validate", str(good)).returncode == 0

    typo = tmp_path / "typo.yaml"
    typo.write_text(source.replace("checks: [column-blank]", "checks: [colum-blank]"), encoding="utf-8")
    line = 1 + next(n for n, text in enumerate(typo.read_text().splitlines()) if "colum-blank" in text)
    veto_line = max(
        n + 1
        for n, text in enumerate(typo.read_text().splitlines()[:line])
        if text.strip().startswith("- id:")
    )
    run = govinspect("frameworks", "validate", str(typo))
    assert run.returncode == 2
    assert f"typo.yaml:{veto_line}:" in run.stderr and "colum-blank" in run.stderr

    duplicate = tmp_path / "dup.yaml"
    duplicate.write_text(source.replace("id: D-LINK-OTHER", "id: D-LINK-HOME"), encoding="utf-8")
    second = [
        n + 1 for n, text in enumerate(duplicate.read_text().splitlines()) if "id: D-LINK-HOME" in text
    ][1]
    run = govinspect("frameworks", "validate", str(duplicate))
    assert run.returncode == 2 and f"dup.yaml:{second}: duplicate indicator ids: D-LINK-HOME" in run.stderr

    cap = tmp_path / "cap.yaml"
    cap.write_text(
        source.replace("block: function, points: 1, confidence: C1}", "block: function, points: 30}", 1)
    )
    cap_line = 1 + next(n for n, text in enumerate(cap.read_text().splitlines()) if "points: 30}" in text)
    run = govinspect("frameworks", "validate", str(cap))
    assert run.returncode == 2 and f"cap.yaml:{cap_line}:" in run.stderr and "impossible" in run.stderr
