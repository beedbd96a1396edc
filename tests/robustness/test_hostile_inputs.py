"""Hostile trees and streams: special files, links out of the tree, unreadable folders, odd file
names and charsets, oversized input. Each bad input is reported (exit 2) and every other file's
findings are still reported in full, in every format, on standard output and with ``-o``;
nothing blocks, nothing reads without bound, nothing outside the tree is read or written."""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from artlint.cli import app
from artlint.reporters import FORMATS

GOOD = "The the council met on Monday.\n"
ODD_NAME = os.fsdecode(b"caf\xe9.txt")  # not UTF-8: Python reads it with a surrogate escape
ARTLINT = [sys.executable, "-m", "artlint.cli"]


def _tree(root: Path) -> Path:
    """A project with one good file, one file with a non-UTF-8 name and hostile neighbours."""
    tree = root / "tree"
    tree.mkdir()
    (tree / "good.txt").write_text(GOOD)
    (tree / ODD_NAME).write_text("It it was late.\n")
    (tree / "b64.html").write_bytes(b'<meta charset="base64"><p>Caf\xe9 opens.</p>')
    (tree / "rot.html").write_bytes(b'<meta charset="rot13"><p>Caf\xe9 opens.</p>')
    (tree / "zero.txt").symlink_to("/dev/zero")
    (root / "secret.txt").write_text("Outside the the tree.\n")
    (tree / "outside.txt").symlink_to(root / "secret.txt")
    (tree / "inside.txt").symlink_to(tree / "good.txt")  # a link within the tree is followed
    os.mkfifo(tree / "pipe.txt")
    return tree


def test_special_files_neither_block_nor_read_without_end(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    done = subprocess.run([*ARTLINT, "check", ".", "--isolated", "--no-cache", "-f", "json"], cwd=tree,
                          check=False, capture_output=True, timeout=120)  # used to block on the FIFO forever
    report = json.loads(done.stdout)
    errors = {e["path"]: e["message"] for e in report["errors"]}
    assert done.returncode == 2, done.stderr
    assert "not a regular file (a FIFO)" in errors["pipe.txt"]
    assert "outside" in errors["outside.txt"] and "--follow-links" in errors["outside.txt"]
    assert "outside" in errors["zero.txt"]
    found = {(f["path"], f["excerpt"]) for f in report["findings"]}
    assert {("good.txt", "The the"), ("inside.txt", "The the"), (ODD_NAME, "It it")} <= found
    assert not any("Outside" in f["excerpt"] for f in report["findings"])
    followed = subprocess.run([*ARTLINT, "check", "outside.txt", ".", "--isolated", "--no-cache", "--follow-links",
                               "-f", "json"], cwd=tree, check=False, capture_output=True, timeout=120)
    report = json.loads(followed.stdout)
    assert ("outside.txt", "the the") in {(f["path"], f["excerpt"]) for f in report["findings"]}
    errors = {e["path"]: e["message"] for e in report["errors"]}
    assert "not a regular file (a character device)" in errors["zero.txt"]  # used to read until memory ran out


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tree without its FIFO, with a folder that cannot be listed and a file in a folder
    that cannot be entered (simulated: the tests run as root, whom permissions do not stop)."""
    tree = _tree(tmp_path)
    (tree / "pipe.txt").unlink()
    (tree / "locked").mkdir()
    (tree / "locked" / "hidden.txt").write_text(GOOD)
    (tree / "sealed").mkdir()
    real_scandir, real_stat = os.scandir, os.stat

    def scandir(path: object = ".") -> object:
        if os.fspath(path).rstrip("/").endswith("locked"):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)  # type: ignore[arg-type]

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if "sealed" in os.fspath(path):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.chdir(tree)
    return tree


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_bad_input_never_loses_the_other_reports(hostile: Path, fmt: str) -> None:
    args = ["check", ".", "sealed/story.txt", "--isolated", "--no-cache", "-j", "1", "-f", fmt]
    shown = CliRunner().invoke(app, args)
    written = CliRunner().invoke(app, [*args, "-o", "report.out"])
    assert (shown.exit_code, written.exit_code) == (2, 2), (shown.output, shown.exception)
    for report in (shown.stdout, (hostile / "report.out").read_bytes().decode("utf-8")):
        assert "good.txt" in report and "caf" in report
        assert "hidden.txt" not in report
    if fmt == "json":
        report = json.loads(shown.stdout)
        errors = {e["path"]: e["message"] for e in report["errors"]}
        assert errors["locked"] == "cannot read folder: Permission denied"
        assert errors["sealed/story.txt"] == "cannot read: Permission denied"
        assert not {"good.txt", "b64.html", "rot.html", ODD_NAME} & set(errors)
        assert {"good.txt", ODD_NAME} <= {f["path"] for f in report["findings"]}


def test_a_failed_report_write_leaves_the_old_report_whole(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD * 2000)
    (tmp_path / "report.json").write_text("the previous report\n")

    def small_files() -> None:  # writing more than 4 KB fails (EFBIG), as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    done = subprocess.run([*ARTLINT, "check", "good.txt", "--isolated", "--no-cache", "-f", "json", "-o", "report.json"],
                          cwd=tmp_path, check=False, capture_output=True, timeout=120, preexec_fn=small_files)
    assert done.returncode == 2 and b"cannot write report" in done.stderr, done.stderr
    assert (tmp_path / "report.json").read_text() == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "report.json"]


def test_fix_keeps_the_owner_and_refuses_to_break_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("owned.txt", "linked.txt"):
        (tmp_path / name).write_text(GOOD)
    os.link(tmp_path / "linked.txt", tmp_path / "other-name.txt")
    if os.geteuid() == 0:
        os.chown(tmp_path / "owned.txt", 4321, 4321)
    result = CliRunner().invoke(app, ["check", "owned.txt", "linked.txt", "--isolated", "--no-cache", "--fix"])
    assert (tmp_path / "owned.txt").read_text() == "The council met on Monday.\n"
    if os.geteuid() == 0:
        assert ((tmp_path / "owned.txt").stat().st_uid, (tmp_path / "owned.txt").stat().st_gid) == (4321, 4321)
    assert result.exit_code == 2 and "hard links" in result.stdout
    assert (tmp_path / "linked.txt").read_text() == (tmp_path / "other-name.txt").read_text() == GOOD
    assert os.stat(tmp_path / "linked.txt").st_ino == os.stat(tmp_path / "other-name.txt").st_ino


def test_standard_input_is_read_to_max_file_size_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "artlint.toml").write_text("max-file-size = 1\n")
    result = CliRunner().invoke(app, ["check", "-", "--no-cache", "-f", "json"], input=GOOD * 40_000)
    assert result.exit_code == 2
    assert "file too large" in json.loads(result.stdout)["errors"][0]["message"]


def test_scan_reports_every_good_line_whatever_the_bad_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from artlint import scan

    monkeypatch.setattr(scan, "MAX_LINE_BYTES", 10_000)
    lines = [
        json.dumps({"id": "first", "text": GOOD}),
        '{"id": NaN, "text": "The the end."}',  # NaN is not JSON: it used to be echoed as invalid JSON
        '{"id": 1e999, "text": "The the end."}',  # infinity
        '{"id": [1, 2], "text": "The the end."}',
        '{"id": 7, "text": "The the end.", "format": ["html"]}',
        "[" * 100_000 + "]" * 100_000,  # deeper than the parser's recursion limit, under the line cap
        json.dumps({"id": "huge", "text": "x " * 20_000}),  # over the line cap
        json.dumps({"id": "last", "text": GOOD}),
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(app, ["scan", str(corpus), "--isolated", "--no-cache", "-j", "1"])
    rows = [json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} in the output")) for line in
            result.stdout.splitlines()]
    assert result.exit_code == 2, result.output
    assert [(r["id"], r["excerpt"]) for r in rows if "error" not in r] == [("first", "The the"), ("last", "The the")]
    assert [r["input_line"] for r in rows if "error" in r] == [2, 3, 4, 5, 6, 7]


def test_scan_holds_each_article_to_max_file_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "artlint.toml").write_text("max-file-size = 1\n")
    corpus = "\n".join(json.dumps({"id": i, "text": GOOD * (40_000 if i == 1 else 1)}) for i in range(3)) + "\n"
    result = CliRunner().invoke(app, ["scan", "-", "--no-cache", "-j", "1"], input=corpus)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [0, 1, 2]
    assert "file too large" in rows[1]["error"]


# Generated trees: good files among special files, links out of the tree and to devices, link
# loops, undecodable and binary files, at any depth. Every bad entry is reported, every good
# file's finding is still there, nothing outside the tree is read, and the run ends.
ENTRIES = st.sampled_from(["good", "good", "fifo", "outside", "device", "loop", "inside", "binary", "charset", "empty",
                           "odd-name"])
TREES = st.lists(st.tuples(st.lists(st.sampled_from(["a", "b"]), max_size=2), ENTRIES), min_size=1, max_size=8)
BAD = {"fifo": "a FIFO", "outside": "outside", "device": "outside", "binary": "binary"}


@settings(max_examples=5, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])  # a run per example
@given(entries=TREES)
def test_generated_trees_report_every_bad_entry_and_every_good_file(entries: list[tuple[list[str], str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "secret.txt").write_text("Outside the the tree.\n")
        tree = root / "tree"
        good: set[tuple[str, str]] = set()
        bad: dict[str, str] = {}
        for number, (parts, kind) in enumerate(entries):
            place = tree.joinpath(*parts)
            place.mkdir(parents=True, exist_ok=True)
            path = place / (ODD_NAME.replace("caf", f"caf{number}") if kind == "odd-name" else f"e{number}.txt")
            name = os.path.relpath(path, tree)
            if kind in ("good", "odd-name"):
                path.write_text(f"The the council met in ward {number}.\n")
                good.add((name, "The the"))
            elif kind == "fifo":
                os.mkfifo(path)
            elif kind == "outside":
                path.symlink_to(root / "secret.txt")
            elif kind == "device":
                path.symlink_to("/dev/zero")
            elif kind == "loop":
                path.symlink_to(place, target_is_directory=True)
            elif kind == "inside":
                (place / f"target{number}.txt").write_text(GOOD)
                path.symlink_to(place / f"target{number}.txt")
                good |= {(name, "The the"), (os.path.relpath(place / f"target{number}.txt", tree), "The the")}
            elif kind == "binary":
                path.write_bytes(b"\x00\x01\x02" * 100)
            elif kind == "charset":
                path.with_suffix(".html").write_bytes(b'<meta charset="base64"><p>Caf\xe9 opens.</p>')
            else:
                path.write_text("")
            if kind in BAD:
                bad[name] = BAD[kind]
        done = subprocess.run([*ARTLINT, "check", ".", "--isolated", "--no-cache", "-j", "1", "-f", "json"], cwd=tree,
                              check=False, capture_output=True, timeout=120)
        report = json.loads(done.stdout)
        errors = {e["path"]: e["message"] for e in report["errors"]}
        assert done.returncode == (2 if bad else 1 if good else done.returncode), done.stderr
        for name, reason in bad.items():
            assert reason in errors.get(name, ""), (name, errors)
        assert good <= {(f["path"], f["excerpt"]) for f in report["findings"]}
        assert not any("Outside" in f["excerpt"] for f in report["findings"])


@pytest.mark.parametrize("shape", ["(\n", "- (\n", "<p>(</p>\n"])
def test_one_rule_reports_a_bounded_number_of_findings_per_document(shape: str) -> None:
    """A finding on every line of a long file: one rule's findings stop at ``max-findings-per-rule``
    (configurable), the last of them counting the rest, so what is held and written stays bounded."""
    from dataclasses import replace

    from artlint.config import DEFAULT_MAX_FINDINGS_PER_RULE, Overrides
    from artlint.runner import Runner

    runner = Runner(Overrides(isolated=True, select=["MT006"]))
    kind = {"(": "text", "-": "markdown", "<": "html"}[shape[0]]
    lines = DEFAULT_MAX_FINDINGS_PER_RULE + 700
    default = runner.resolver.for_directory(Path.cwd())
    for config, limit in ((default, DEFAULT_MAX_FINDINGS_PER_RULE), (replace(default, max_findings_per_rule=30), 30)):
        findings = runner.check_text(shape * lines, kind=kind, settings=config)
        assert len(findings) == limit
        assert [f.code for f in findings] == ["MT006"] * limit
        assert findings[-1].message.endswith(f"(and {lines - limit + 1:,} more findings of this rule in this document)")
        assert findings[-1].fix is None and findings[-1].line == limit
        assert all("more" not in f.message for f in findings[:-1])
