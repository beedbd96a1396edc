"""The ``artlint`` command: a thin typer layer over ``Runner``, ``Registry`` and the reporters.

Exit status: 0 no finding at or above the fail level, 1 findings at or above it, 2 usage,
configuration or input error (one line on stderr, no traceback).

No ``from __future__ import annotations`` here: typer reads the invoked command's signature at
every start, and evaluating annotations once at import is cheaper than its ``eval`` of each string.
"""

import gc
import importlib.util
import io
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO, TypeVar

import typer
from typer.core import TyperGroup

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

_COMMANDS: dict[str, typer.Typer] = {}
"""Each subcommand by name, as a one-command app, in the order of ``artlint --help``."""

_Command = TypeVar("_Command")


class _LazyCommands(MutableMapping[str, _Command]):
    """A group's subcommands by name; typer converts each from its function (reading the signature,
    about 0.4 M instructions an option) when it is first looked up, so that a run converts only the
    command it invokes, and ``--help`` or completion all of them."""

    def __init__(self, convert: Callable[[typer.Typer], _Command], apps: dict[str, typer.Typer]) -> None:
        self._convert = convert
        self._entries: dict[str, typer.Typer | _Command] = dict(apps)

    def __getitem__(self, name: str) -> _Command:
        entry = self._entries[name]
        if isinstance(entry, typer.Typer):
            entry = self._entries[name] = self._convert(entry)
        return entry

    def __setitem__(self, name: str, command: _Command) -> None:
        self._entries[name] = command

    def __delitem__(self, name: str) -> None:
        del self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


class _Group(TyperGroup):
    """The ``artlint`` group, with the subcommands of ``_COMMANDS`` converted on demand."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        commands = _LazyCommands(typer.main.get_command, _COMMANDS)
        commands.update(self.commands)  # any registered with ``app.command()``, converted already
        self.commands = commands


app = typer.Typer(
    name="artlint",
    cls=_Group,
    help="Lint the text of news and web articles: boilerplate, translation artifacts, "
    "inconsistencies, typography, readability and grammar.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _command(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register the decorated function as the subcommand ``name``."""

    def register(function: Callable[..., None]) -> Callable[..., None]:
        one = typer.Typer(add_completion=False)
        one.command(name)(function)
        _COMMANDS[name] = one
        return function

    return register


EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130


def _fail(message: str) -> NoReturn:
    from artlint.reporters.text import one_line  # the text reporter loads for errors and text reports only

    typer.echo(f"artlint: error: {one_line(message)}", err=True)  # one line, whatever the file names in it
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
PreviewOption = Annotated[bool | None, typer.Option(
    "--preview/--no-preview", help="Also run the rules of the preview tier (not yet stable).")]
TemplatesOption = Annotated[Path | None, typer.Option(
    "--templates", help="Site templates learned by 'artlint learn' (BP040); overrides the configuration's.")]
LearnOption = Annotated[bool, typer.Option(
    "--learn", help="First learn the site templates from these inputs (BP040), then check them with what was learned.")]
CacheDirOption = Annotated[Path | None, typer.Option(
    "--cache-dir", envvar="ARTLINT_CACHE_DIR", help="Results cache folder (default: .artlint_cache next to the configuration).")]


@_command("check")
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
    languagetool_server: Annotated[str | None, typer.Option(
        help="URL of a LanguageTool server (with --grammar languagetool; or ARTLINT_LANGUAGETOOL_SERVER).")] = None,
    languagetool_path: Annotated[Path | None, typer.Option(
        help="An unpacked LanguageTool that artlint starts (or ARTLINT_LANGUAGETOOL_PATH).")] = None,
    trust_config: Annotated[bool, typer.Option(
        "--trust-config", help="Let configuration files name a LanguageTool folder or server (or ARTLINT_TRUST_CONFIG=1).")] = False,
    preview: PreviewOption = None,
    templates: TemplatesOption = None,
    learn: LearnOption = False,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even with findings (errors still exit 2).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the findings: no summary, hint or progress.")] = False,
    silent: Annotated[bool, typer.Option("--silent", help="Print nothing but errors; the exit status tells.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print the number of findings per rule instead of the findings.")] = False,
    force_exclude: Annotated[bool, typer.Option("--force-exclude", help="Skip excluded files even when named (for pre-commit).")] = False,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Follow symbolic links to files outside the folders checked.")] = False,
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
        languagetool_path=languagetool_path,
        trust_config=trust_config,
        force_exclude=force_exclude,
        follow_links=follow_links,
        preview=preview,
        templates=templates.absolute() if templates else None,
    )
    if learn:
        overrides = _learn_first(overrides, input_format, paths or ["."], feeds=False)
    try:
        runner, spec = _runner(overrides, input_format, not no_cache, cache_dir, read=not (fix or diff))
        if not (quiet or silent):
            for notice in runner.notices(runner.resolver.for_directory(Path.cwd())):
                _warn(f"note: {notice}")
        with _progress(quiet or silent) as progress:
            run = parallel.run(runner, spec, paths or ["."], jobs=jobs or parallel.default_jobs(),
                               stdin_filename=stdin_filename, progress=progress)
        fixed: int | None = None
        fixed_stdin = fix and not diff and STDIN in (paths or ())
        if fixed_stdin and len(paths or ()) > 1:
            _fail("--fix on standard input ('-') takes no other path")
        if fix or diff:
            from artlint.writer import fix_run

            stdin_name = (stdin_filename or STDIN) if STDIN in (paths or ()) else None
            run, fixes = fix_run(runner, run, unsafe=unsafe_fixes, write=not diff, stdin_name=stdin_name)
            fixed = _report_fixes(fixes, diff, quiet or silent)
            if diff:
                status = EXIT_ERROR if _errors(run) else EXIT_FINDINGS if fixes and not exit_zero else EXIT_CLEAN
                _finish(summary, run, started, fixed, status)
        if write_baseline:
            from artlint.baseline import Baseline

            Baseline.from_run(run).write(write_baseline)
            typer.echo(f"Wrote {len(run.findings)} findings to baseline {write_baseline}", err=True)
            raise typer.Exit(EXIT_CLEAN)
        settings = runner.resolver.for_directory(Path.cwd())
        baseline_path = baseline or settings.baseline
        if baseline_path:
            from artlint.baseline import Baseline

            try:
                accepted = Baseline.read(baseline_path)
            except ArtlintError as exc:
                if baseline is None and settings.source is not None:
                    raise ArtlintError(f"{settings.source}: baseline: {exc}") from None
                raise
            run = accepted.filter(run)
        fail_level = settings.fail_on
    except ArtlintError as exc:
        _fail(str(exc))
    output_stream = sys.stderr if fixed_stdin else sys.stdout
    if fixed_stdin and run.files[0].error is None:  # as ruff: the fixed text on standard output, the report on stderr
        sys.stdout.write(run.files[0].text)
    report = _report(run, output_format, _use_color(color, output, output_stream), quiet=quiet, statistics=statistics)
    if not silent or output is not None:
        _write(report, output, output_stream)
    _finish(summary, run, started, fixed, EXIT_ERROR if _errors(run) else EXIT_CLEAN if exit_zero else _exit_status(run, fail_level))


def _report(run: RunResult, output_format: str, color: bool, *, quiet: bool, statistics: bool) -> str:
    """The report: ``--statistics`` per rule, the findings alone (``--quiet``) or the format's whole report."""
    from artlint.reporters import summary as counts

    if statistics and output_format == "json":
        import json

        return json.dumps(counts.rule_counts(run), indent=2)
    if statistics:
        return counts.statistics_text(run)
    if quiet and output_format in ("text", "concise"):
        from artlint.reporters import text
        from artlint.reporters.concise import concise_line

        lines_of = text.finding_lines if output_format == "text" else concise_line
        return "\n".join(text.findings_lines(run, text.Style(color), lines_of))
    return render(output_format, run, color=color)


def _use_color(choice: str, output: Path | None, stream: TextIO) -> bool:
    """``--color``; with ``auto``, colour on a terminal, unless ``NO_COLOR`` is set (no-color.org),
    or with ``FORCE_COLOR`` (force-color.org) even through a pipe; never in a report file."""
    if choice not in ("auto", "always", "never"):
        _fail(f"unknown --color {choice!r} (expected one of: auto, always, never)")
    if choice != "auto":
        return choice == "always"
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or stream.isatty()


@contextmanager
def _progress(hidden: bool) -> "Iterator[Callable[[int, int], None] | None]":
    """A progress bar for a long run when standard error is a terminal, unless ``hidden``."""
    if hidden or not sys.stderr.isatty():
        yield None
        return
    from artlint.progress import FileProgress

    with FileProgress() as progress:
        yield progress


def _report_fixes(fixes: "list[FileFix]", diff: bool, quiet: bool) -> int:
    """Print the diffs (``--diff``) and, unless ``quiet``, the fix count on stderr; return the count."""
    count = sum(f.applied for f in fixes)
    if diff:
        sys.stdout.write("".join(f.diff() for f in fixes))
    if not quiet:
        verb = "Would fix" if diff else "Fixed"
        typer.echo(f"{verb} {plural(count, 'finding')} in {plural(len(fixes), 'file')}.", err=True)
    return count


def _finish(summary: bool, run: RunResult, started: float, fixed: int | None, status: int) -> NoReturn:
    if summary:
        typer.echo(ci_line(run, time.perf_counter() - started, fixed), err=True)
    raise typer.Exit(status)


def _write(report: str, output: Path | None, stream: TextIO) -> None:
    """Write the report. A file name that is not valid UTF-8 appears with its bytes escaped
    (``\\udcff``: in JSON the escape of the character Python decodes that byte to)."""
    if output is None:
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
        stream.write(report if report.endswith("\n") or not report else report + "\n")
        return
    from artlint.storage import write_report

    try:
        write_report(output, report.encode("utf-8", "backslashreplace"))
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


def _runner(overrides: Overrides, kind: str | None, cache: bool, cache_dir: Path | None,
            read: bool = True) -> "tuple[Runner, RunnerSpec]":
    """The run's runner and the spec its workers build theirs from (with the cache folder resolved;
    ``read`` False: the cache is written, never read, so that fixes come from a fresh check)."""
    from artlint.parallel import RunnerSpec

    spec = RunnerSpec(overrides, kind)
    if not cache:
        return spec.build(), spec
    from artlint.cache import default_cache_dir

    settings = spec.build().resolver.for_directory(Path.cwd())
    spec = spec._replace(cache_dir=(cache_dir or default_cache_dir(settings)).absolute(), cache_read=read)
    return spec.build(), spec


@_command("rules")
def rules_command(
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, json or markdown (the rule reference).")] = "table",
    config: Annotated[Path | None, typer.Option("--config", help="Include user rules from this configuration.")] = None,
    pages: Annotated[Path | None, typer.Option("--pages", help="Write one Markdown page per rule into this folder.")] = None,
) -> None:
    """List every rule: code, name, family, default severity, tier (on, off or preview), fixable."""
    from artlint.ruledocs import rules_json, rules_markdown, rules_table, write_pages

    registry = _registry(config)
    if pages is not None:
        written = write_pages(sorted(registry.specs.values(), key=lambda s: s.code), pages)
        typer.echo(f"Wrote {plural(len(written), 'page')} to {pages}", err=True)
        return
    specs = sorted(registry.runnable(), key=lambda s: s.code)
    renderers = {"table": rules_table, "json": rules_json, "markdown": rules_markdown}
    if output_format not in renderers:
        _fail(f"unknown format {output_format!r} (expected one of: {', '.join(renderers)})")
    typer.echo(renderers[output_format](specs).rstrip("\n"))


@_command("explain")
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


@_command("init")
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the configuration.")] = Path("artlint.toml"),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter configuration (artlint.toml)."""
    if path.exists() and not force:
        _fail(f"{path} exists; use --force to overwrite it")
    path.write_text(STARTER_CONFIG, encoding="utf-8")
    typer.echo(f"Wrote {path}")


@_command("schema")
def schema() -> None:
    """Print the JSON Schema of the configuration (artlint.toml, or pyproject.toml's tool.artlint table) for editors."""
    import json

    from artlint.config import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@_command("stats")
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


@_command("server")
def server() -> None:
    """Run the language server (LSP over stdio) for editors."""
    if importlib.util.find_spec("pygls") is None:
        _fail(str(MissingExtra("artlint server", "pygls", "server")))
    from artlint.lsp import serve

    serve()


@_command("scan")
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
    preview: PreviewOption = None,
    templates: TemplatesOption = None,
    learn: LearnOption = False,
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
        preview=preview,
        templates=templates.absolute() if templates else None,
    )
    if learn:
        overrides = _learn_first(overrides, input_format, [corpus], feeds=True)
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


@_command("learn")
def learn(
    inputs: Annotated[list[str], typer.Argument(help="JSON Lines feeds (.jsonl, .ndjson, '-'), files or directories of articles.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Write the template file here.")],
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    input_format: Annotated[str | None, typer.Option(help=f"Read inputs as {', '.join(KINDS)} whatever their extension.")] = None,
) -> None:
    """Learn each site's template from its articles; check and scan read the file with --templates."""
    from artlint.learning import learn_inputs
    from artlint.runner import Runner

    try:
        runner = Runner(Overrides(config_file=config, isolated=isolated), kind=input_format)
        model, skipped = learn_inputs(runner, inputs, _warn)
        model.save(output)
    except ArtlintError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    articles = sum(site.articles for site in model.sites.values())
    shapes = sum(len(site.counts) for site in model.sites.values())
    typer.echo(f"Learned {plural(articles, 'article')} of {plural(len(model.sites), 'site')}: "
               f"{plural(shapes, 'shared line shape')}; wrote {output}.", err=True)
    raise typer.Exit(EXIT_ERROR if skipped else EXIT_CLEAN)


def _learn_first(overrides: Overrides, input_format: str | None, inputs: list[str], *, feeds: bool) -> Overrides:
    """``overrides`` with the templates learned from ``inputs`` (JSON Lines feeds with ``feeds``;
    a temporary file, removed at exit)."""
    import atexit
    import shutil
    import tempfile

    from artlint.learning import learn_inputs
    from artlint.runner import STDIN, Runner

    if STDIN in inputs:
        _fail("--learn reads the inputs twice, and standard input cannot be: "
              "run 'artlint learn FILE -o templates.json', then pass --templates templates.json")
    try:
        model, _ = learn_inputs(Runner(overrides, kind=input_format), inputs, lambda problem: None, feeds=feeds)
    except ArtlintError as exc:
        _fail(str(exc))
    folder = tempfile.mkdtemp(prefix="artlint-templates-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = Path(folder) / "templates.json"
    model.save(path)
    return overrides._replace(templates=path)


def _warn(message: str) -> None:
    from artlint.reporters.text import one_line

    typer.echo(f"artlint: {one_line(message)}", err=True)


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


@_command("clean")
def clean(
    cache_dir: CacheDirOption = None,
    config: Annotated[Path | None, typer.Option("--config", help="The configuration whose cache folder to remove.")] = None,
    user_cache: Annotated[
        bool, typer.Option("--user-cache", help="Remove the user cache folder instead (language model and word list; made again when needed).")
    ] = False,
) -> None:
    """Remove the results cache folder, or with --user-cache the user cache folder."""
    if user_cache:
        _clean_user_cache()
        return
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


def _clean_user_cache() -> None:
    """Remove the user cache folder (``artlint clean --user-cache``)."""
    from artlint.storage import remove_user_cache, user_cache_dir

    folder = user_cache_dir()
    try:
        removed = remove_user_cache()
    except OSError as exc:
        _fail(str(exc) if isinstance(exc, NotADirectoryError) else f"cannot remove {folder}: {exc.strerror or exc}")
    typer.echo(f"Removed {folder}" if removed else f"No user cache at {folder}", err=True)


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
    except KeyboardInterrupt:  # raised outside the command
        typer.echo("artlint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except SystemExit as exc:  # typer turns an interrupt in a command into exit status 130, silently
        if exc.code == EXIT_INTERRUPTED:
            typer.echo("artlint: interrupted", err=True)
        raise
    except Exception as exc:  # noqa: BLE001 - the last resort: one line instead of a traceback
        if os.environ.get("ARTLINT_DEBUG") == "1":
            traceback.print_exc()
        typer.echo(f"artlint: internal error: {type(exc).__name__}: {exc} (set ARTLINT_DEBUG=1 for the traceback)", err=True)
        sys.exit(EXIT_ERROR)
    finally:  # the process exits: a last collection of what it made would find nothing worth freeing
        gc.freeze()


if __name__ == "__main__":
    main()

