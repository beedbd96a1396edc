"""Dask: a local cluster of two worker processes finds what one process finds."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from artlint.cli import app
from artlint.distributed import check_records, options
from artlint.parallel import runner_for

distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install 'artlint[dask]')")
bag = pytest.importorskip("dask.bag", reason="dask is not installed (pip install 'artlint[dask]')")

ARTICLES = [
    {"id": f"{n}", "text": f"Item {n} said the the council met.\n\nIt it rained on day {n}.\n"}
    for n in range(40)
] + [{"id": "html", "text": "<p>Share this this story.</p>", "format": "html"}, {"id": "bad"}]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, worker_dashboard_address=None) as local:
        yield local


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def scan(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["scan", *args, "--isolated", "--no-cache"])
    return result.exit_code, result.stdout


def test_scan_on_the_cluster_matches_one_process(cluster: Any, corpus: Path) -> None:
    local = scan(str(corpus), "--jobs", "1")
    remote = scan(str(corpus), "--scheduler", cluster.scheduler_address)
    assert remote == local
    rows = [json.loads(line) for line in remote[1].splitlines()]
    assert remote[0] == 2  # the record without text
    assert len(rows) == 2 * 40 + 2
    assert [(r["id"], r.get("code"), r.get("excerpt")) for r in rows[:2]] == [("0", "MT001", "the the"), ("0", "MT001", "It it")]
    assert rows[-1] == {"id": "bad", "error": 'missing "text" (a string)', "input_line": 42}


def test_bag_partitions_match_one_process(cluster: Any) -> None:
    spec = options(select=["MT001"])
    with distributed.Client(cluster) as client:
        rows = bag.from_sequence(ARTICLES, npartitions=4).map_partitions(check_records, spec).compute(scheduler=client)
        runners = client.gather(client.map(lambda _: (os.getpid(), id(runner_for(spec))), range(20)))
    assert rows == check_records(ARTICLES, spec)
    assert [r["id"] for r in rows if r.get("excerpt") == "this this"] == ["html"]
    assert len({pid for pid, _ in runners}) <= 2
    assert len(set(runners)) == len({pid for pid, _ in runners})  # one runner per worker, built once


def test_unreachable_scheduler_is_an_error(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("artlint.parallel.CONNECT_TIMEOUT_S", 1)
    result = CliRunner().invoke(app, ["scan", str(corpus), "--isolated", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.stderr.startswith("artlint: error: cannot connect to the Dask scheduler at tcp://127.0.0.1:9")


def test_site_templates_learned_and_checked_on_the_cluster(cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_site_templates import records

    from artlint.learning import learn_records, merge

    monkeypatch.chdir(tmp_path)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records()), encoding="utf-8")
    local_file = tmp_path / "local.json"
    assert CliRunner().invoke(app, ["learn", str(feed), "-o", str(local_file), "--isolated"]).exit_code == 0
    with distributed.Client(cluster) as client:
        items = bag.from_sequence(records(), npartitions=3)
        learner = items.reduction(learn_records, merge).compute(scheduler=client)
        learner.model().save(tmp_path / "cluster.json")
        spec = options(select=["BP040"], templates=tmp_path / "cluster.json")
        rows = items.map_partitions(check_records, spec).compute(scheduler=client)
    assert (tmp_path / "cluster.json").read_text() == local_file.read_text()
    code, out = scan(str(feed), "--select", "BP040", "--templates", str(local_file))
    assert code == 1
    assert rows == [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 36
