"""Running artlint on a Dask cluster (``pip install 'artlint[dask]'``); Dask is imported only here.

From the command line, ``artlint scan CORPUS --scheduler tcp://host:8786`` reads the corpus
where it runs, sends chunks of lines to the cluster's workers and writes the results in
input order, exactly as a local scan would.

From Python, ``check_records`` checks one partition of article records, for
``dask.bag.Bag.map_partitions``; a ``dask.dataframe`` goes through ``to_bag(format="dict")``::

    import json
    import dask.bag as db
    from artlint.distributed import check_records, options

    spec = options(config="/shared/artlint.toml", select=["BP", "MT"])
    rows = db.read_text("feed/2024-05-01/*.jsonl").map(json.loads).map_partitions(check_records, spec)
    rows.map(json.dumps).to_textfiles("findings/*.jsonl")
    # from a dataframe with columns id, text, format:
    rows = frame.to_bag(format="dict").map_partitions(check_records, spec)

Site templates (BP040) are learned in a first pass over the same bag, then checked with::

    from artlint.learning import learn_records, merge

    records = db.read_text("feed/*.jsonl").map(json.loads)
    records.reduction(learn_records, merge).compute().model().save("/shared/templates.json")
    spec = options(config="/shared/artlint.toml", templates="/shared/templates.json")
    rows = records.map_partitions(check_records, spec)

Each worker thread builds its runner (rules, lexicons, configuration) once per spec and keeps
it for every later partition. Workers need the same artlint installed, and ``config`` must
be readable on them; run workers with one thread each (``--nthreads 1``), as checking text
holds the GIL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from artlint.config import Overrides
from artlint.parallel import RunnerSpec, runner_for
from artlint.scan import article_rows


def options(*, config: str | Path | None = None, select: list[str] | None = None, ignore: list[str] | None = None,
            input_format: str | None = None, cache_dir: str | Path | None = None,
            templates: str | Path | None = None) -> RunnerSpec:
    """What ``check_records`` runs: the configuration file (else the defaults), rule
    selection as on the command line, the format of records without one, a cache folder
    (shared by the workers, or none) and a site template file (readable by the workers)."""
    overrides = Overrides(select=select, ignore=ignore, config_file=Path(config) if config else None,
                          isolated=config is None, templates=Path(templates) if templates else None)
    return RunnerSpec(overrides, input_format, Path(cache_dir) if cache_dir else None)


def check_records(records: Iterable[Mapping[str, Any]], spec: RunnerSpec | None = None) -> list[dict[str, Any]]:
    """Output rows of ``records`` (``{"id", "text", "format"}`` dicts), as ``artlint scan`` writes them."""
    runner = runner_for(spec or options())
    settings = runner.resolver.for_directory(Path.cwd())
    return [row for record in records for row in article_rows(runner, settings, record)]
