"""The ``artlint`` command: a thin typer layer over ``Runner``, ``Registry`` and the reporters.

Exit status: 0 no finding at or above the fail level, 1 findings at or above it, 2 usage,
configuration or input error (one line on stderr, no traceback).

No ``from __future__ import annotations`` here: typer reads the commands' signatures at every
start, and evaluating annotations once at import is cheaper than its ``eval`` of each string.
"""

import gc
import importlib.util
import os
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

from artlint import __version__
from artlint.config import STARTER_CONFIG, Overrides
from artlint.errors import ArtlintError, MissingExtra
from artlint.markup import KINDS
from artlint.model import RunResult, Severity
from artlint.reporters import FORMATS, render
from artlint.reporters.summary import ci_line, plural

if TYPE_CHECKING:  # the rules load when a command needs them, not for --version or --help
    from artlint.parallel import RunnerSpec
    from artlint.registry import Registry
    from artlint.rule import RuleSpec
    from artlint.runner import Runner
    from artlint.writer import FileFix

app = typer.Typer(
    name="artlint",
    help="Lint the text of news and web articles: boilerplate, translation artifacts, "
    "inconsistencies, typography, readability and grammar.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> NoReturn:
    typer.echo(f"artlint: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _codes(values: list[str] | None) -> list[str] | None:
    """Split repeated and comma-separated code options into one list."""
    if values is None:
        return None
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"artlint {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """artlint: lint the text of news and web articles."""


CodesOption = Annotated[list[str] | None, typer.Option(help="Codes or prefixes, comma-separated or repeated.")]
JobsOption = Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the number of cores).")]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the results cache.")]
FailOnOption = Annotated[str | None, typer.Option(help="Lowest severity that fails the run: error, warning, info.")]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="Use this configuration file.")]
IsolatedOption = Annotated[bool, typer.Option(help="Ignore configuration files.")]
CacheDirOption = Annotated[Path | None, typer.Option(
    "--cache-dir", envvar="ARTLINT_CACHE_DIR", help="Results cache folder (default: .artlint_cache next to the configuration).")]


@app.command()
def check(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or directories; '-' reads standard input.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help=f"Report format: {', '.join(FORMATS)}.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    select: CodesOption = None,
    ignore: CodesOption = None,
    extend_select: CodesOption = None,
    extend_ignore: CodesOption = None,
    fail_on: FailOnOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    input_format: Annotated[str | None, typer.Option(help=f"Read inputs as {', '.join(KINDS)} whatever their extension.")] = None,
    stdin_filename: Annotated[str | None, typer.Option(help="Name for standard input (picks its config and format).")] = None,
    baseline: Annotated[Path | None, typer.Option(help="Hide the findings recorded in this baseline file.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(help="Record the current findings as the baseline and exit 0.")] = None,
    color: Annotated[str, typer.Option(help="Colour in text output: auto, always, never.")] = "auto",
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes to the files, then report what remains.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the fixes as a unified diff; write nothing.")] = False,
    summary: Annotated[bool, typer.Option("--summary", help="Print one summary line for CI logs on stderr.")] = False,
    grammar: Annotated[str | None, typer.Option("--grammar", help="Grammar back end: off, embedded, languagetool.")] = None,
    languagetool_server: Annotated[str | None, typer.Option(help="URL of a LanguageTool server (with --grammar languagetool).")] = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
) -> None:
    """Check files and report findings."""
    from artlint import parallel
    from artlint.runner import STDIN

    started = time.perf_counter()
    if output_format not in FORMATS:
        _fail(f"unknown format {output_format!r} (expected one of: {', '.join(FORMATS)})")
    if unsafe_fixes and not (fix or diff):
        _fail("--unsafe-fixes applies only with --fix or --diff")
    overrides = Overrides(
        select=_codes(select),
        ignore=_codes(ignore),
        extend_select=_codes(extend_select),
        extend_ignore=_codes(extend_ignore),
        fail_on=fail_on,
        config_file=config,
        isolated=isolated,
        grammar_backend=grammar,
        languagetool_server=languagetool_server,
    )
    try:
        runner, spec = _runner(overrides, input_format, not no_cache, cache_dir)
        run = parallel.run(runner, spec, paths or ["."], jobs=jobs or parallel.default_jobs(), stdin_filename=stdin_filename)
        fixed: int | None = None
        if fix or diff:
            from artlint.writer import fix_run

            stdin_name = (stdin_filename or STDIN) if STDIN in (paths or ()) else None
            run, fixes = fix_run(runner, run, unsafe=unsafe_fixes, write=not diff, stdin_name=stdin_name)
            fixed = _report_fixes(fixes, diff)
            if diff:
                _finish(summary, run, started, fixed, EXIT_ERROR if _errors(run) else EXIT_FINDINGS if fixes else EXIT_CLEAN)
        if write_baseline:
            from artlint.baseline import Baseline

            Baseline.from_findings(run.findings).write(write_baseline)
            typer.echo(f"Wrote {len(run.findings)} findings to baseline {write_baseline}", err=True)
            raise typer.Exit(EXIT_CLEAN)
        baseline_path = baseline or runner.resolver.for_directory(Path.cwd()).baseline
        if baseline_path:
            from artlint.baseline import Baseline

            run = Baseline.read(baseline_path).filter(run)
        fail_level = runner.resolver.for_directory(Path.cwd()).fail_on
    except ArtlintError as exc:
        _fail(str(exc))
    use_color = color == "always" or (color == "auto" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    report = render(output_format, run, color=use_color)
    _write(report, output)
    _finish(summary, run, started, fixed, _exit_status(run, fail_level))


def _report_fixes(fixes: "list[FileFix]", diff: bool) -> int:
    """Print the diffs (``--diff``) and the fix count on stderr; return the count."""
    count = sum(f.applied for f in fixes)
    if diff:
        sys.stdout.write("".join(f.diff() for f in fixes))
    verb = "Would fix" if diff else "Fixed"
    typer.echo(f"{verb} {plural(count, 'finding')} in {plural(len(fixes), 'file')}.", err=True)
    return count


def _finish(summary: bool, run: RunResult, started: float, fixed: int | None, status: int) -> NoReturn:
    if summary:
        typer.echo(ci_line(run, time.perf_counter() - started, fixed), err=True)
    raise typer.Exit(status)


def _write(report: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(report if report.endswith("\n") or not report else report + "\n")
        return
    try:
        output.write_text(report, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write report to {output}: {exc.strerror or exc}")


def _errors(run: RunResult) -> bool:
    return any(result.error for result in run.files)


def _exit_status(run: RunResult, fail_level: Severity) -> int:
    if _errors(run):
        return EXIT_ERROR
    failing = any(f.severity >= fail_level for f in run.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _registry(config: Path | None) -> "Registry":
    from artlint.registry import registry_for
    from artlint.runner import Runner

    try:
        settings = Runner(Overrides(config_file=config)).resolver.for_directory(Path.cwd())
        return registry_for(settings.rules_dirs)
    except ArtlintError as exc:
        _fail(str(exc))


def _runner(overrides: Overrides, kind: str | None, cache: bool, cache_dir: Path | None) -> "tuple[Runner, RunnerSpec]":
    """The run's runner and the spec its workers build theirs from (with the cache folder resolved)."""
    from artlint.parallel import RunnerSpec

    spec = RunnerSpec(overrides, kind)
    if not cache:
        return spec.build(), spec
    from artlint.cache import default_cache_dir

    settings = spec.build().resolver.for_directory(Path.cwd())
    spec = replace(spec, cache_dir=(cache_dir or default_cache_dir(settings)).absolute())
    return spec.build(), spec


@app.command("rules")
def rules_command(
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, json or markdown (the rule reference).")] = "table",
    config: Annotated[Path | None, typer.Option("--config", help="Include user rules from this configuration.")] = None,
) -> None:
    """List every rule: code, name, family, default severity, on by default, fixable."""
    from artlint.ruledocs import rules_json, rules_markdown, rules_table

    specs = sorted(_registry(config).runnable(), key=lambda s: s.code)
    renderers = {"table": rules_table, "json": rules_json, "markdown": rules_markdown}
    if output_format not in renderers:
        _fail(f"unknown format {output_format!r} (expected one of: {', '.join(renderers)})")
    typer.echo(renderers[output_format](specs).rstrip("\n"))


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A rule code such as BP001, or its name.")],
    config: Annotated[Path | None, typer.Option("--config", help="Include user rules from this configuration.")] = None,
) -> None:
    """Explain a rule: what it finds, why, examples, parameters."""
    registry = _registry(config)
    wanted = registry.resolve_code(code.strip().upper())
    spec: RuleSpec | None = registry.specs.get(wanted) or next(
        (s for s in registry.specs.values() if s.name == code.strip().lower()), None
    )
    if spec is None:
        _fail(f"unknown rule {code!r}; `artlint rules` lists them")
    from artlint.ruledocs import explain_text

    typer.echo(explain_text(spec))


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the configuration.")] = Path("artlint.toml"),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter configuration (artlint.toml)."""
    if path.exists() and not force:
        _fail(f"{path} exists; use --force to overwrite it")
    path.write_text(STARTER_CONFIG, encoding="utf-8")
    typer.echo(f"Wrote {path}")


@app.command()
def stats(
    paths: Annotated[list[str], typer.Argument(help="Files or directories.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    input_format: Annotated[str | None, typer.Option(help=f"Read inputs as {', '.join(KINDS)} whatever their extension.")] = None,
) -> None:
    """Print readability figures per file: what the readability (RD) rules measure."""
    from artlint.stats import RENDERERS, write_stats

    if output_format not in RENDERERS:
        _fail(f"unknown format {output_format!r} (expected one of: {', '.join(RENDERERS)})")
    if input_format is not None and input_format not in KINDS:
        _fail(f"unknown input format {input_format!r} (expected one of: {', '.join(KINDS)})")
    try:
        report, failed = write_stats(paths, output_format, input_format)
    except ArtlintError as exc:
        _fail(str(exc))
    typer.echo(report)
    raise typer.Exit(EXIT_ERROR if failed else EXIT_CLEAN)


@app.command()
def server() -> None:
    """Run the language server (LSP over stdio) for editors."""
    if importlib.util.find_spec("pygls") is None:
        _fail(str(MissingExtra("artlint server", "pygls", "server")))
    from artlint.lsp import serve

    serve()


@app.command()
def scan(
    corpus: Annotated[str, typer.Argument(help='JSON Lines, one article a line: {"id", "text", "format"}; \'-\' reads standard input.')],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the findings (JSON Lines) to this file.")] = None,
    select: CodesOption = None,
    ignore: CodesOption = None,
    extend_select: CodesOption = None,
    extend_ignore: CodesOption = None,
    fail_on: FailOnOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    input_format: Annotated[str | None, typer.Option(help=f"Format of articles without one: {', '.join(KINDS)}.")] = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    scheduler: Annotated[str | None, typer.Option(help="Check on the Dask cluster of this scheduler (tcp://host:8786).")] = None,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: when it is a terminal).")] = None,
) -> None:
    """Check a corpus of articles in JSON Lines; write one JSON line per finding."""
    from artlint.parallel import default_jobs
    from artlint.scan import scan_corpus, scan_spec

    overrides = Overrides(
        select=_codes(select),
        ignore=_codes(ignore),
        extend_select=_codes(extend_select),
        extend_ignore=_codes(extend_ignore),
        fail_on=fail_on,
        config_file=config,
        isolated=isolated,
    )
    # On a cluster the cache folder is used only when named, as it must be one every worker can reach.
    use_cache = not no_cache and (scheduler is None or cache_dir is not None)
    try:
        runner, spec = _runner(overrides, input_format, use_cache, cache_dir)
        spec = scan_spec(spec, runner)
        show = sys.stderr.isatty() if progress is None else progress
        with _text_output(output) as out:
            totals = scan_corpus(corpus, spec, out, jobs=jobs or default_jobs(), scheduler=scheduler,
                                 progress=show, warn=_warn)
        fail_level = runner.resolver.for_directory(Path.cwd()).fail_on
    except ArtlintError as exc:
        _fail(str(exc))
    typer.echo(totals.summary(), err=True)
    failing = any(n for severity, n in totals.by_severity.items() if severity >= fail_level)
    raise typer.Exit(EXIT_ERROR if totals.bad else EXIT_FINDINGS if failing else EXIT_CLEAN)


def _warn(message: str) -> None:
    typer.echo(f"artlint: {message}", err=True)


@contextmanager
def _text_output(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or ``path`` opened for writing UTF-8 text."""
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write to {path}: {exc.strerror or exc}")
    with handle:
        yield handle


@app.command()
def clean(
    cache_dir: CacheDirOption = None,
    config: Annotated[Path | None, typer.Option("--config", help="The configuration whose cache folder to remove.")] = None,
) -> None:
    """Remove the results cache folder."""
    from artlint.cache import clean as remove_cache
    from artlint.cache import default_cache_dir
    from artlint.runner import Runner

    try:
        directory = cache_dir or default_cache_dir(Runner(Overrides(config_file=config)).resolver.for_directory(Path.cwd()))
        removed = remove_cache(directory)
    except ArtlintError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot remove {directory}: {exc.strerror or exc}")
    typer.echo(f"Removed {directory}" if removed else f"No cache at {directory}", err=True)


def _interrupt(signum: int, frame: object) -> NoReturn:
    """Handle SIGTERM like SIGINT, so that pending writes are finished or undone first."""
    raise KeyboardInterrupt


GC_YOUNG_THRESHOLD = 50_000
"""Allocations between two collections of the cyclic garbage collector's youngest generation
(Python's default is 700). Checking allocates many objects that live as long as one document
(words, matches, sentences) and form no cycles; at 700 the collector scanned and promoted most
of them, about 5 % of a run's time, and at 50,000 under 1 %."""


def collect_less() -> None:
    """Set this process's young-generation threshold to ``GC_YOUNG_THRESHOLD`` (forked workers
    inherit it). The command does; a program that embeds artlint decides for itself."""
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def main() -> None:
    """Console-script entry point.

    An unexpected exception is one line on stderr and exit status 2; ``ARTLINT_DEBUG=1``
    prints its traceback too.
    """
    collect_less()
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("artlint: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last resort: one line instead of a traceback
        if os.environ.get("ARTLINT_DEBUG") == "1":
            traceback.print_exc()
        typer.echo(f"artlint: internal error: {type(exc).__name__}: {exc} (set ARTLINT_DEBUG=1 for the traceback)", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()

