"""Variants of issue 22's kinds that its examples did not name, found by auditing as an attacker
would: files a configuration or a restored cache names (cache entries, ignore files, baselines,
site templates) that are FIFOs, links to devices or deeply nested JSON; ids a corpus can hold;
file names that carry line breaks and escape sequences; an invalid cancel notification; long
runs of letters and many merged fixes (counted, not timed); FIFOs met by ``learn`` and ``stats``;
a configured ``max-file-size`` of terabytes. Each run ends, a bad input is reported by name
and the others are still reported, and nothing ends in "internal error"."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from lspwire import did_open, notification, published, serving

from artlint.config import Overrides
from artlint.engine import _merge
from artlint.model import Applicability, Edit, Fix
from artlint.rule import Report
from artlint.runner import Runner

ARTLINT = [sys.executable, "-m", "artlint.cli"]
STORY = "The the council met on Monday.\n"
DEEP_JSON = "[" * 200_000 + "]" * 200_000


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``artlint`` in ``cwd``, with 2 GB of address space: a read without end fails instead of
    taking the machine's memory; a blocked read fails the test by its timeout."""
    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run([*ARTLINT, *args], cwd=cwd, check=False, capture_output=True, text=True, timeout=120,
                          preexec_fn=limited)


def hostile(path: Path, kind: str) -> None:
    """Make ``path`` a FIFO, a link to ``/dev/zero`` or a file of JSON nested too deeply."""
    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.write_text(DEEP_JSON)


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_cache_entry_that_is_a_special_file_is_a_miss(tmp_path: Path, kind: str) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    assert run(tmp_path, "check", "story.txt", "--isolated", "--cache-dir", "c").returncode == 1
    (entry,) = (tmp_path / "c").glob("v1/*/*.json")
    hostile(entry, kind)  # as a restored CI cache (a tar archive) can hold: used to block, or read until out of memory
    done = run(tmp_path, "check", "story.txt", "--isolated", "--cache-dir", "c", "-f", "json")
    assert done.returncode == 1 and '"The the"' in done.stdout, done.stderr


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_an_ignore_file_that_is_a_special_file_counts_as_absent(tmp_path: Path, kind: str) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text(STORY)
    hostile(tmp_path / ".gitignore", kind)  # used to block the walk, or read until out of memory
    hostile(tmp_path / "sub" / ".ignore", kind)
    done = run(tmp_path, "check", ".", "--isolated", "--no-cache", "-f", "json")
    assert done.returncode == 1, done.stderr
    assert '"path": "story.txt"' in done.stdout and '"path": "sub/story.txt"' in done.stdout


@pytest.mark.parametrize("key", ["baseline", "templates"])
@pytest.mark.parametrize(("kind", "problem"), [("fifo", "not a regular file (a FIFO)"),
                                               ("device", "not a regular file (a character device)"),
                                               ("deep", "nested too deeply")])
def test_a_file_the_configuration_names_is_read_bounded(tmp_path: Path, key: str, kind: str, problem: str) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "artlint.toml").write_text(f'{key} = "named.json"\n')  # a pull request controls this file
    hostile(tmp_path / "named.json", kind)  # used to block, read until out of memory, or end in "internal error"
    done = run(tmp_path, "check", "story.txt", "--no-cache")
    assert done.returncode == 2, done.stderr
    assert "named.json" in done.stderr and problem in done.stderr and "internal error" not in done.stderr, done.stderr


def test_scan_reports_the_other_articles_whatever_the_ids(tmp_path: Path) -> None:
    lines = ['{"id": "first", "text": "The the end."}',
             '{"id": "\\ud800", "text": "The the end."}',  # valid JSON, not writable as UTF-8: used to end the scan
             '{"id": "' + "x" * 20_000 + '", "text": "The the end."}',  # would be repeated on every finding row
             '{"id": 1' + "0" * 5_000 + ', "text": "The the end."}',  # too many digits to convert
             '{"id": "last", "text": "The the end."}']
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines) + "\n")
    done = run(tmp_path, "scan", "corpus.jsonl", "--isolated", "--no-cache", "-j", "1")
    assert done.returncode == 2 and "internal error" not in done.stderr, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in rows if "error" not in r] == ["first", "last"]
    assert [r["input_line"] for r in rows if "error" in r] == [2, 3, 4]


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_file_names_cannot_inject_lines_or_escape_sequences(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "x\n::error file=ci.yml::injected.txt").write_text(STORY)  # a workflow command in a CI log
    (tmp_path / "\x1b]0;title\x07.txt").write_text(STORY)  # a terminal escape sequence
    os.mkfifo(tmp_path / "\x1b[31m.txt")  # a file error
    done = run(tmp_path, "check", ".", "--isolated", "--no-cache", "-f", fmt)
    assert done.returncode == 2, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert not [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert done.stdout.count("injected.txt:1:1: MT001") == 1 and done.stdout.count("title") == 1
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "bad\n::error::x.toml").write_text("")
    (tmp_path / "artlint.toml").write_text('rules-dirs = ["rules"]\n')
    done = run(tmp_path, "check", "x.txt", "--no-cache")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "bad␊::error::x.toml" in done.stderr, done.stderr


@pytest.mark.slow
def test_an_invalid_cancel_notification_is_ignored_in_silence(tmp_path: Path) -> None:
    with serving(tmp_path) as wire:
        wire.send(*(notification("$/cancelRequest", params) for params in ({"id": {}}, {"id": [1]}, {"id": 1.5}, None)),
                  did_open(wire.uri("story.txt"), STORY))
        seen = [wire.next()]
        while not published(seen):
            seen.append(wire.next())
        seen += wire.stop()
    assert [m.get("method") for m in seen] == ["textDocument/publishDiagnostics"]  # used to show "Error in server"


class CountedSet(frozenset[str]):
    """A frozenset that counts membership tests."""

    tests = 0

    def __contains__(self, item: object) -> bool:
        CountedSet.tests += 1
        return super().__contains__(item)


def test_ty010_tries_a_bounded_number_of_cuts_in_a_long_word() -> None:
    runner = Runner(Overrides(isolated=True, select=["TY010"]))
    engine, _ = runner.engine(runner.resolver.for_directory(Path.cwd()))
    (rule,) = [active.rule for active in engine.rules]
    rule._glue = CountedSet(rule._glue)  # type: ignore[attr-defined]
    CountedSet.tests = 0
    assert runner.check_text("a" * 100_000 + "\n") == []
    assert CountedSet.tests <= 4 * rule._longest_glue + 10  # type: ignore[attr-defined]  # was two per cut: 200,000


def test_merging_many_fixes_in_one_block_compares_each_edit_a_bounded_number_of_times() -> None:
    reads = [0]

    class CountedEdit(Edit):
        def __getattribute__(self, name: str) -> object:
            reads[0] += 1
            return super().__getattribute__(name)

    n = 3_000
    reports = [Report(i * 2, i * 2 + 1, "m", Fix((CountedEdit(i * 2, i * 2 + 1, "x"),), Applicability.UNSAFE, "d"))
               for i in range(n)]
    merged = _merge(reports, False, [(0, 1)])
    assert merged.fix is not None and len(merged.fix.edits) == n - 1  # all but the one beside a kept fix
    assert reads[0] <= 30 * n  # each edit was compared with every edit chosen before it: about n * n


@pytest.mark.parametrize("command", [["learn", ".", "-o", "learned.json"], ["stats", "."],
                                     ["check", ".", "--learn", "--no-cache"]])
def test_learn_and_stats_read_only_regular_files_within_the_size_cap(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "large.txt").write_text(STORY * 100_000)  # 3 MB
    (tmp_path / "artlint.toml").write_text("max-file-size = 1\n")
    os.mkfifo(tmp_path / "pipe.txt")  # used to block `learn`, `stats` and `check --learn` forever
    done = run(tmp_path, *command)
    assert done.returncode == 2, done.stderr
    output = done.stdout + done.stderr
    assert "pipe.txt" in output and "not a regular file (a FIFO)" in output
    assert "large.txt" in output and "too large" in output


def test_learn_skips_a_feed_line_nested_too_deeply(tmp_path: Path) -> None:
    (tmp_path / "feed.jsonl").write_text(DEEP_JSON + '\n{"id": 1, "text": "The council met.", "site": "a"}\n')
    done = run(tmp_path, "learn", "feed.jsonl", "-o", "learned.json")  # used to end in "internal error"
    assert done.returncode == 2 and "internal error" not in done.stderr, done.stderr
    assert "feed.jsonl: line 1: not an article record" in done.stderr and "Learned 1 article" in done.stderr


@pytest.mark.parametrize("megabytes", [10_000_000, 2**63 - 1])
@pytest.mark.parametrize("source", ["file", "stdin"])
def test_a_huge_max_file_size_reads_only_what_is_there(tmp_path: Path, megabytes: int, source: str) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "artlint.toml").write_text(f"max-file-size = {megabytes}\n")  # used to allocate it: out of memory
    if source == "file":
        done = run(tmp_path, "check", "story.txt", "--no-cache")
    else:
        done = subprocess.run([*ARTLINT, "check", "-", "--no-cache"], cwd=tmp_path, input=STORY, check=False,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "MT001" in done.stdout, done.stderr
