"""Grammar rules (GR) with the embedded back end (Harper), offline."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT

from artlint.backends import GrammarUnavailable, checker_for
from artlint.backends import harper as harper_backend
from artlint.checks.grammar.base import bind_grammar
from artlint.config import GrammarSettings, Overrides
from artlint.engine import ActiveRule, Engine
from artlint.lexicon import Lexicons
from artlint.markup import parse
from artlint.model import Finding
from artlint.registry import Registry
from artlint.runner import Runner
from artlint.source import SourceText

Lint = Callable[..., list[Finding]]
GR = ["GR001", "GR002", "GR003", "GR004", "GR005"]


def spans(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.excerpt) for f in findings]


def lint_language(registry: Registry, text: str, language: str, kind: str = "text") -> list[Finding]:
    """The default GR rules bound to the embedded back end with ``language``."""
    rules = [ActiveRule(registry.create(code), registry.specs[code].severity) for code in GR]
    bind_grammar([a.rule for a in rules], GrammarSettings("embedded", language=language), Lexicons())
    return Engine(rules, Lexicons(), registry.specs).lint(parse(SourceText(text), kind), "<test>")


def test_misspelling_with_suggestion_as_unsafe_fix(lint: Lint) -> None:
    [finding] = lint(["GR001"], "The minister said the goverment would act.")
    assert (finding.code, finding.start, finding.end, finding.excerpt) == ("GR001", 22, 31, "goverment")
    assert finding.fix is not None and finding.fix.edits[0].replacement == "government"
    assert finding.fix.applicability.value == "unsafe"
    assert finding.message.endswith("(harper:SpellCheck)")


def test_names_compounds_numbers_and_urls_are_not_spelling_errors(lint: Lint) -> None:
    text = (
        "Mikhail Khodorkovsky met Luiz Inacio Lula da Silva and Hans van der Walt. "
        "The sci-fi firm raised $5bn, see www.example.com/teh or mail teh@example.org."
    )
    assert lint(["GR001"], text) == []


def test_derived_words_pass_and_doubling_slips_do_not(lint: Lint) -> None:
    text = "The uncosted plan for a supervolcano study was commited to the matchday scoresheet."
    assert spans(lint(["GR001"], text)) == [("GR001", "commited")]


def test_both_dialects_are_accepted_with_any_english(lint: Lint) -> None:
    assert lint(["GR001"], "The organisation painted the centre; the organization painted the center.") == []


def test_dialect_picks_harpers_dictionary_and_variants_stay_accepted(registry: Registry) -> None:
    table, pairs = Lexicons().table("grammar-harper"), Lexicons().pairs("spelling-us-uk")
    dialects = {lang: harper_backend.HarperBackend(lang, {"spelling"}, table, pairs).dialect for lang in ("en", "en-US")}
    assert dialects == {"en": "british", "en-US": "american"}
    text = "The colour of the defence budget; the color of the defense budget. The goverment paid."
    for language in ("en-US", "en-GB"):
        assert spans(lint_language(registry, text, language)) == [("GR001", "goverment")]


def test_markdown_offsets_point_into_the_source(registry: Registry) -> None:
    text = "# Budget\n\nThe **goverment** said [it would act](https://example.com/teh).\n"
    [finding] = lint_language(registry, text, "en", kind="markdown")
    assert (finding.excerpt, finding.line, finding.column) == ("goverment", 3, 7)
    assert text[finding.start : finding.end] == "goverment"


def test_categories_go_to_their_rules(lint: Lint) -> None:
    text = "The minister signed a agreement. The company could of sold it. Sales grew in north America."
    assert spans(lint(GR, text)) == [("GR002", "a"), ("GR003", "could of"), ("GR005", "north America")]


def test_article_before_acronym_or_h_word_is_left_alone(lint: Lint) -> None:
    assert lint(["GR002"], "It was an honour to meet an MEP from England A.") == []


def test_artlint_rules_are_not_duplicated(lint: Lint) -> None:
    text = 'The the minister said "we will act.'
    assert [f.code for f in lint(GR + ["MT001"], text)] == ["MT001"]


def test_grammar_is_off_by_default_and_on_with_the_option() -> None:
    text = "The goverment said."
    assert Runner(Overrides(isolated=True, select=["GR"])).check_text(text) == []
    findings = Runner(Overrides(isolated=True, select=["GR"], grammar_backend="embedded")).check_text(text)
    assert spans(findings) == [("GR001", "goverment")]


def test_grammar_rules_are_selected_by_code() -> None:
    text = "The goverment signed a agreement."
    runner = Runner(Overrides(isolated=True, select=["GR"], ignore=["GR001"], grammar_backend="embedded"))
    assert spans(runner.check_text(text)) == [("GR002", "a")]


def test_style_rule_is_off_by_default_and_selectable() -> None:
    text = "The firm makes cars and also trucks."
    assert Runner(Overrides(isolated=True, grammar_backend="embedded")).check_text(text) == []
    runner = Runner(Overrides(isolated=True, select=["GR006"], grammar_backend="embedded"))
    assert spans(runner.check_text(text)) == [("GR006", "and also")]


def test_unknown_language_is_a_one_line_error() -> None:
    with pytest.raises(GrammarUnavailable, match=r"^grammar.language: the embedded back end checks en, .* not 'fr'$"):
        checker_for(GrammarSettings("embedded", language="fr"), {"spelling"}, Lexicons())


def test_missing_harper_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harper_backend, "find_spec", lambda name: None)
    with pytest.raises(GrammarUnavailable, match=r"^grammar.backend: harper-py is not installed: pip install 'artlint\[grammar\]' \(for the embedded back end\)$"):
        checker_for(GrammarSettings("embedded", language="en-IN"), {"grammar"}, Lexicons())


def test_harper_is_not_loaded_when_grammar_is_off(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from artlint.api import check_text\n"
        "check_text('The goverment said so.')\n"
        "print(sorted(m for m in ('harper', 'textstat', 'language_tool_python', 'nltk') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(ROOT / "lint")})
    assert out.stdout.strip() == "[]"


def test_runner_binds_settings_of_each_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "artlint.toml").write_text('select = ["GR001"]\n[grammar]\nbackend = "embedded"\nlanguage = "en-US"\n')
    monkeypatch.chdir(tmp_path)
    runner = Runner(Overrides())
    settings = runner.resolver.for_directory(tmp_path)
    assert spans(runner.check_text("The goverment paid.", settings=settings)) == [("GR001", "goverment")]
    off = replace(settings, grammar=settings.grammar._replace(backend="off"))
    assert runner.check_text("The goverment paid.", settings=off) == []
