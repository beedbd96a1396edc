"""The ``artlint`` command: a thin typer layer over ``Runner``, ``Registry`` and the reporters.

Exit status: 0 no finding at or above the fail level, 1 findings at or above it, 2 usage,
configuration or input error (one line on stderr, no traceback).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from artlint import __version__
from artlint.baseline import Baseline
from artlint.config import STARTER_CONFIG, Overrides
from artlint.errors import ArtlintError
from artlint.markup import KINDS
from artlint.model import RunResult, Severity
from artlint.registry import Registry, registry_for
from artlint.reporters import FORMATS, render
from artlint.rule import RuleSpec
from artlint.ruledocs import explain_text, rules_json, rules_markdown, rules_table

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


@app.command()
def check(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or directories; '-' reads standard input.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help=f"Report format: {', '.join(FORMATS)}.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    select: CodesOption = None,
    ignore: CodesOption = None,
    extend_select: CodesOption = None,
    extend_ignore: CodesOption = None,
    fail_on: Annotated[str | None, typer.Option(help="Lowest severity that fails the run: error, warning, info.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Use this configuration file.")] = None,
    isolated: Annotated[bool, typer.Option(help="Ignore configuration files.")] = False,
    input_format: Annotated[str | None, typer.Option(help=f"Read inputs as {', '.join(KINDS)} whatever their extension.")] = None,
    stdin_filename: Annotated[str | None, typer.Option(help="Name for standard input (picks its config and format).")] = None,
    baseline: Annotated[Path | None, typer.Option(help="Hide the findings recorded in this baseline file.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(help="Record the current findings as the baseline and exit 0.")] = None,
    color: Annotated[str, typer.Option(help="Colour in text output: auto, always, never.")] = "auto",
) -> None:
    """Check files and report findings."""
    from artlint.runner import Runner

    if output_format not in FORMATS:
        _fail(f"unknown format {output_format!r} (expected one of: {', '.join(FORMATS)})")
    overrides = Overrides(
        select=_codes(select),
        ignore=_codes(ignore),
        extend_select=_codes(extend_select),
        extend_ignore=_codes(extend_ignore),
        fail_on=fail_on,
        config_file=config,
        isolated=isolated,
    )
    try:
        runner = Runner(overrides, kind=input_format)
        run = runner.run(paths or ["."], stdin_filename=stdin_filename)
        if write_baseline:
            Baseline.from_findings(run.findings).write(write_baseline)
            typer.echo(f"Wrote {len(run.findings)} findings to baseline {write_baseline}", err=True)
            raise typer.Exit(EXIT_CLEAN)
        baseline_path = baseline or runner.resolver.for_directory(Path.cwd()).baseline
        if baseline_path:
            run = Baseline.read(baseline_path).filter(run)
        fail_level = runner.resolver.for_directory(Path.cwd()).fail_on
    except ArtlintError as exc:
        _fail(str(exc))
    use_color = color == "always" or (color == "auto" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    report = render(output_format, run, color=use_color)
    _write(report, output)
    raise typer.Exit(_exit_status(run, fail_level))


def _write(report: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(report if report.endswith("\n") or not report else report + "\n")
        return
    try:
        output.write_text(report, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write report to {output}: {exc.strerror or exc}")


def _exit_status(run: RunResult, fail_level: Severity) -> int:
    if any(result.error for result in run.files):
        return EXIT_ERROR
    failing = any(f.severity >= fail_level for f in run.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _registry(config: Path | None) -> Registry:
    from artlint.runner import Runner

    try:
        settings = Runner(Overrides(config_file=config)).resolver.for_directory(Path.cwd())
        return registry_for(settings.rules_dirs)
    except ArtlintError as exc:
        _fail(str(exc))


@app.command("rules")
def rules_command(
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, json or markdown (the rule reference).")] = "table",
    config: Annotated[Path | None, typer.Option("--config", help="Include user rules from this configuration.")] = None,
) -> None:
    """List every rule: code, name, family, default severity, on by default, fixable."""
    specs = sorted(_registry(config).runnable(), key=lambda s: s.code)
    renderers = {"table": rules_table, "json": rules_json, "markdown": rules_markdown}
    if output_format not in renderers:
        _fail(f"unknown format {output_format!r} (expected one of: {', '.join(renderers)})")
    typer.echo(renderers[output_format](specs))


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


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("artlint: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()

