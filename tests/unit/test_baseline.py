"""Baselines survive edits: entries match by rule, the words around a finding and its column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from artlint.baseline import Baseline
from artlint.config import Overrides
from artlint.errors import ArtlintError
from artlint.model import FileResult, RunResult
from artlint.runner import Runner

RUNNER = Runner(Overrides(isolated=True, select=["TY001", "MT001"]))
ACCEPTED = "The council met  on Monday.\nIt approved the the budget.\n"


def run_of(text: str) -> RunResult:
    return RunResult([FileResult("story.txt", RUNNER.check_text(text, path="story.txt"), text)], {}, "test")


def new_findings(accepted: str, edited: str, tmp_path: Path) -> list[tuple[str, str]]:
    """(code, line text) of the findings in ``edited`` that the baseline of ``accepted`` does not hide."""
    Baseline.from_run(run_of(accepted)).write(tmp_path / "base.json")
    run = Baseline.read(tmp_path / "base.json").filter(run_of(edited))
    return [(f.code, edited.splitlines()[f.line - 1]) for f in run.findings]


def test_unchanged_text_has_no_new_finding(tmp_path: Path) -> None:
    assert len(run_of(ACCEPTED).findings) == 2
    assert new_findings(ACCEPTED, ACCEPTED, tmp_path) == []


@pytest.mark.parametrize(
    "edited",
    [
        "A new first paragraph.\n" + ACCEPTED,  # before
        ACCEPTED.replace("It approved", "Later that day, after a long debate, it approved"),  # same line, before
        ACCEPTED.replace("on Monday.", "on Monday, after a long and heated debate."),  # same line, after
        ACCEPTED + "A last paragraph.\n",  # after
        ACCEPTED.replace("\n", "\n\n"),  # line breaks between
        "It approved the the budget.\nThe council met  on Monday.\n",  # paragraphs swapped
    ],
)
def test_edits_elsewhere_do_not_resurrect_accepted_findings(edited: str, tmp_path: Path) -> None:
    assert new_findings(ACCEPTED, edited, tmp_path) == []


def test_a_new_doubled_space_above_an_accepted_one_is_reported(tmp_path: Path) -> None:
    edited = "Rain fell  all night.\n" + ACCEPTED
    assert new_findings(ACCEPTED, edited, tmp_path) == [("TY001", "Rain fell  all night.")]
    edited = ACCEPTED.replace("The council", "The  mayor and the council")
    assert new_findings(ACCEPTED, edited, tmp_path) == [("TY001", "The  mayor and the council met  on Monday.")]


def test_an_edit_of_the_words_at_a_finding_makes_it_new(tmp_path: Path) -> None:
    edited = ACCEPTED.replace("met  on", "met  in")
    assert new_findings(ACCEPTED, edited, tmp_path) == [("TY001", "The council met  in Monday.")]
    assert new_findings(ACCEPTED, ACCEPTED.replace("met  on", "met on"), tmp_path) == []


def test_a_copy_of_an_accepted_finding_is_reported_once(tmp_path: Path) -> None:
    edited = ACCEPTED + "It approved the the budget.\n"
    assert new_findings(ACCEPTED, edited, tmp_path) == [("MT001", "It approved the the budget.")]


def test_version_1_baselines_are_still_read(tmp_path: Path) -> None:
    run = run_of(ACCEPTED)
    fingerprints = sorted(f.fingerprint for f in run.findings)
    (tmp_path / "old.json").write_text(json.dumps({"version": 1, "findings": {"story.txt": fingerprints}}))
    assert Baseline.read(tmp_path / "old.json").filter(run_of(ACCEPTED)).findings == []


def test_malformed_entries_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text(json.dumps({"version": 2, "findings": {"a.txt": [{"code": "TY001"}]}}))
    with pytest.raises(ArtlintError, match="malformed baseline entry"):
        Baseline.read(tmp_path / "bad.json")
