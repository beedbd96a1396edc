"""``check --jobs``: the same report from one process and from several, in a stable order;
``--no-cache``/``--cache-dir`` and ``clean``."""

from __future__ import annotations

import json
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from artlint.cli import app
from artlint.config import Overrides
from artlint.parallel import FILES_PER_WORKER, RunnerSpec, ordered_map, run
from artlint.runner import Runner

FILES = 2 * FILES_PER_WORKER + 3  # enough for two workers


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Articles in two folders; article n repeats a word at offset 4 + n digits."""
    for n in range(FILES):
        folder = tmp_path / ("desk-b" if n % 2 else "desk-a")
        folder.mkdir(exist_ok=True)
        (folder / f"{n:02d}.txt").write_text(f"Item {n} said the the council met.\n", encoding="utf-8")
    (tmp_path / "clean.md").write_text("# Council\n\nThe council met on Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def report(*args: str, input: str | None = None) -> list[tuple[str, str, int, int]]:
    code, out, err = invoke("check", *args, "--isolated", "--format", "json", input=input)
    assert code == 1, err
    return [(f["path"], f["code"], f["start"], f["end"]) for f in json.loads(out)["findings"]]


def expected() -> list[tuple[str, str, int, int]]:
    rows = []
    for n in sorted(range(FILES), key=lambda n: (n % 2, n)):
        start = len(f"Item {n} said ")
        rows.append((f"desk-{'ab'[n % 2]}/{n:02d}.txt", "MT001", start, start + len("the the")))
    return rows


def test_one_and_two_jobs_give_the_same_findings_in_path_order(corpus: Path) -> None:
    one = report(".", "--jobs", "1", "--no-cache")
    two = report(".", "--jobs", "2", "--no-cache")
    assert one == expected()
    assert two == one
    assert report(".", "-j", "2", "--no-cache") == two


def test_parallel_run_matches_the_serial_runner(corpus: Path) -> None:
    spec = RunnerSpec(Overrides(isolated=True))
    serial = Runner(spec.overrides).run(["desk-b", "clean.md", "desk-a"])
    parallel = run(spec.build(), spec, ["desk-b", "clean.md", "desk-a"], jobs=2)
    assert [r.path for r in parallel.files] == [r.path for r in serial.files]
    assert parallel.findings == serial.findings
    assert parallel.rules.keys() == serial.rules.keys()
    assert parallel.rules["MT001"].name == "repeated-word"


def test_standard_input_keeps_its_place_among_files(corpus: Path) -> None:
    rows = report("desk-a", "-", "desk-b", "--jobs", "2", "--no-cache", input="Stdin has has a repeat.\n")
    paths = [path for path, *_ in rows]
    middle = len([n for n in range(FILES) if n % 2 == 0])
    assert rows[middle] == ("-", "MT001", 6, 13)
    assert all(p.startswith("desk-a/") for p in paths[:middle])
    assert all(p.startswith("desk-b/") for p in paths[middle + 1:])


def test_missing_file_is_reported_in_order_with_workers(corpus: Path) -> None:
    code, out, _ = invoke("check", "desk-a", "gone.txt", "desk-b", "--isolated", "-j", "2", "--no-cache",
                          "--format", "json")
    assert code == 2
    assert json.loads(out)["errors"] == [{"path": "gone.txt", "message": "no such file or directory"}]


def test_cache_reruns_give_the_same_report_and_clean_removes_it(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache-here"
    first = report(".", "-j", "2", "--cache-dir", str(cache))
    entries = sorted(cache.glob("v1/*/*.json"))
    assert len(entries) == FILES + 1
    assert report(".", "-j", "2", "--cache-dir", str(cache)) == first == expected()
    assert sorted(cache.glob("v1/*/*.json")) == entries
    code, _, err = invoke("clean", "--cache-dir", str(cache))
    assert (code, err.strip()) == (0, f"Removed {cache}")
    assert not cache.exists()


def test_default_cache_folder_and_no_cache(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARTLINT_CACHE_DIR")
    report("desk-a", "--no-cache")
    assert not (corpus / ".artlint_cache").exists()
    report("desk-a")
    assert (corpus / ".artlint_cache" / "CACHEDIR.TAG").is_file()
    assert invoke("clean")[0] == 0
    assert not (corpus / ".artlint_cache").exists()


def test_clean_refuses_a_folder_that_is_not_a_cache(corpus: Path) -> None:
    code, _, err = invoke("clean", "--cache-dir", "desk-a")
    assert code == 2
    assert "not an artlint cache folder" in err
    assert (corpus / "desk-a" / "00.txt").is_file()


class CountingExecutor:
    """Runs each task when it is submitted, and counts submissions."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn: Any, /, *args: Any) -> Future[Any]:
        self.submitted += 1
        future: Future[Any] = Future()
        future.set_result(fn(*args))
        return future


def test_ordered_map_submits_at_most_a_window_ahead() -> None:
    executor = CountingExecutor()
    values, ahead = [], []
    for taken, value in enumerate(ordered_map(executor, lambda n: n * n, range(10), window=3)):
        values.append(value)
        ahead.append(executor.submitted - taken)
    assert values == [n * n for n in range(10)]
    assert ahead == [3] * 8 + [2, 1]


def test_ordered_map_yields_in_submission_order_when_later_tasks_finish_first() -> None:
    with ThreadPoolExecutor(4) as pool:
        values = list(ordered_map(pool, lambda n: time.sleep(0.02 * (4 - n % 4)) or n, range(8), window=4))
    assert values == list(range(8))
