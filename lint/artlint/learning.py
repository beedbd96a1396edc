"""``artlint learn``: what a corpus teaches of its sites' templates, written to a template file.

Inputs are JSON Lines feeds (``.jsonl``, ``.ndjson`` or ``-``; the records ``artlint scan``
reads, with the site from ``site`` or the host of ``url``) and files or folders of articles
(the site is the folder a file is in). Each article is read exactly as ``check`` and ``scan``
read it (decoded, parsed, its plain text), so the lines learned are the lines checked.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from artlint.checks.boilerplate.site_template import SiteTemplate
from artlint.errors import ArtlintError, InputError
from artlint.markup import KINDS, kind_for, parse
from artlint.runner import STDIN, Runner, collect
from artlint.sites import site_of
from artlint.sitetemplates import Learner, TemplateModel, Thresholds
from artlint.source import decode, read_input

FEED_SUFFIXES = (".jsonl", ".ndjson")


def plain_text(data: bytes, kind: str) -> str:
    """The plain text the rules see of an input's bytes."""
    return parse(decode(data, markup=kind), kind).plain


def record_article(record: object, default_kind: str | None) -> tuple[str, str] | None:
    """(site, plain text) of a feed record, or None for a record ``scan`` reports as bad."""
    if not isinstance(record, Mapping) or not isinstance(record.get("text"), str):
        return None
    kind = record.get("format", default_kind or "text")
    if kind not in KINDS:
        return None
    try:
        return site_of(record), plain_text(record["text"].encode("utf-8"), kind)
    except (UnicodeEncodeError, InputError):
        return None


def learn_records(records: Iterable[Mapping[str, Any]], default_kind: str | None = None) -> Learner:
    """A learner fed with ``records`` (one partition of a Dask bag, say); merge with ``merge``."""
    learner = Learner()
    for record in records:
        article = record_article(record, default_kind)
        if article is not None:
            learner.add(*article)
    return learner


def merge(learners: Iterable[Learner]) -> Learner:
    """The learners of several partitions as one."""
    merged = Learner()
    for learner in learners:
        merged.merge(learner)
    return merged


def thresholds(runner: Runner) -> Thresholds:
    """BP040's thresholds in the configuration found from the working directory."""
    params = runner.resolver.for_directory(Path.cwd()).rule_params.get(SiteTemplate.code, {})
    return Thresholds.of({**SiteTemplate.defaults, **params})


def learn_inputs(runner: Runner, paths: Iterable[str], warn: Callable[[str], None], *,
                 feeds: bool = False) -> tuple[TemplateModel, int]:
    """The template model of the feeds, files and folders ``paths`` (all feeds with ``feeds``),
    and the number of inputs skipped."""
    learner = Learner()
    skipped = 0
    for site, text in _articles(runner, paths, feeds):
        if text is None:
            skipped += 1
            warn(site)
        else:
            learner.add(site, text)
    return learner.model(thresholds(runner).min_articles), skipped


def _articles(runner: Runner, paths: Iterable[str], feeds: bool) -> Iterator[tuple[str, str | None]]:
    """(site, plain text) of every article; (problem, None) for one that cannot be read."""
    for name in paths:
        if feeds or name == STDIN or name.endswith(FEED_SUFFIXES):
            yield from _feed(name, runner.kind)
            continue
        for item in collect([name], runner.resolver):
            if item.error:
                yield f"{item.path}: {item.error}", None
                continue
            try:
                data = read_input(item.path, runner.resolver.for_path(item.path).max_file_size)
                yield site_of(path=item.path), plain_text(data, runner.kind or kind_for(item.path))
            except (OSError, InputError) as exc:
                yield f"{item.path}: {getattr(exc, 'strerror', None) or exc}", None


def _feed(name: str, kind: str | None) -> Iterator[tuple[str, str | None]]:
    with ExitStack() as stack:
        if name == STDIN:
            stream = sys.stdin.buffer
        else:
            try:
                stream = stack.enter_context(open(name, "rb"))
            except OSError as exc:
                raise ArtlintError(f"cannot read {name}: {exc.strerror or exc}") from None
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                article = record_article(json.loads(raw), kind)
            except (ValueError, RecursionError):  # also nested deeper than the parser can follow
                article = None
            yield (f"{name}: line {number}: not an article record", None) if article is None else article
