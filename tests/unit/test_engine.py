"""The engine and the declarative kinds, with rule files written by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import lint_with
from hypothesis import given, settings
from hypothesis import strategies as st

from artlint.engine import ActiveRule, Engine
from artlint.errors import RuleDefinitionError
from artlint.kinds import load_rule_file
from artlint.kinds.pattern import PatternRule
from artlint.lexicon import Lexicons, builtin_rules_dir
from artlint.markup import parse
from artlint.model import Applicability, Family, Severity
from artlint.registry import Registry
from artlint.rule import example_span
from artlint.source import SourceText
from artlint.text.analysis import Analysis
from artlint.text.gates import Gates

HEADER = """
family = "{family}"
why = "Test rule."
message = "{message}"
fires = ["{fires}"]
silent = ["{silent}"]
"""


def write_rule(directory: Path, code: str, name: str, kind: str, params: str, *, family: str = "boilerplate",
               message: str = "found {{match}}", fires: str = "⟦x⟧", silent: str = "y", extra: str = "") -> Path:
    path = directory / f"{code}-{name}.toml"
    path.write_text(
        f'code = "{code}"\nname = "{name}"\nkind = "{kind}"\n{extra}\n'
        + HEADER.format(family=family, message=message, fires=fires, silent=silent)
        + f"\n[params]\n{params}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "rules"
    directory.mkdir()
    return directory


def test_phrase_block_anchor_reports_whole_block_with_safe_deletion(rules_dir: Path) -> None:
    write_rule(rules_dir, "BP901", "reply", "phrase", 'phrases = ["Leave a Reply"]\nanchor = "block"\nspan = "block"\nfix = "delete-block"')
    text = "First paragraph.\n\nLeave a Reply\n\nPlease leave a reply below.\n"
    findings = lint_with(Registry([rules_dir]), ["BP901"], text)
    assert [(f.excerpt, f.line, f.column) for f in findings] == [("Leave a Reply", 3, 1)]
    fix = findings[0].fix
    assert fix is not None and fix.applicability is Applicability.SAFE
    edit = fix.edits[0]
    assert text[: edit.start] + edit.replacement + text[edit.end :] == "First paragraph.\n\nPlease leave a reply below.\n"


def test_anchored_phrase_at_the_edges_of_the_scanned_start(rules_dir: Path) -> None:
    # The rule scans a block only as far as its longest phrase from the first character that is
    # not punctuation or space: a phrase there is found, one that goes on as a longer word is not.
    write_rule(rules_dir, "BP903", "share", "phrase",
               'phrases = ["Share this", "Share this article on …"]\nanchor = "block"\nprefix-marker = "…"')
    long_tail = "Share this article on Facebook, Twitter and by e-mail " + "and more " * 40
    text = (f"»  Share this\n\n{long_tail}\n\nShare this article onward to friends\n\n"
            "Share thisarticle\n\nPlease Share this\n")
    findings = lint_with(Registry([rules_dir]), ["BP903"], text)
    assert [(f.excerpt, f.line) for f in findings] == [("Share this", 1), ("Share this article on", 3)]


def test_phrase_is_case_insensitive_and_whole_word(rules_dir: Path) -> None:
    write_rule(rules_dir, "BP902", "read-more", "phrase", 'phrases = ["read more"]')
    findings = lint_with(Registry([rules_dir]), ["BP902"], "READ MORE here. Spread moreover.")
    assert [f.excerpt for f in findings] == ["READ MORE"]


def test_pattern_span_group_and_exceptions(rules_dir: Path) -> None:
    write_rule(rules_dir, "MT901", "doubled", "pattern",
               "patterns = ['\\b(?P<span>(\\w+) \\2)\\b']\nexceptions = ['very very']", family="translation")
    findings = lint_with(Registry([rules_dir]), ["MT901"], "It was the the end, very very sad.")
    assert [f.excerpt for f in findings] == ["the the"]


def test_pattern_that_backtracks_is_cut_off_and_named(rules_dir: Path) -> None:
    write_rule(rules_dir, "MT902", "evil", "pattern", "patterns = ['(x+x+)+y']\ntimeout-ms = 50", family="translation")
    findings = lint_with(Registry([rules_dir]), ["MT902"], "x" * 5000)
    assert [f.code for f in findings] == ["AL901"]
    assert "MT902" in findings[0].message and "50 ms" in findings[0].message
    assert findings[0].severity is Severity.ERROR


def test_substitution_keeps_capitalisation(rules_dir: Path) -> None:
    write_rule(rules_dir, "MT903", "calque", "substitution", '[params.swap]\n"from the emirati" = "from the UAE"',
               family="translation", message="use {suggestion}")
    (finding,) = lint_with(Registry([rules_dir]), ["MT903"], "From the Emirati, a report.")
    assert finding.message == "use From the UAE"
    assert finding.fix is not None and finding.fix.edits[0].replacement == "From the UAE"
    assert finding.fix.applicability is Applicability.UNSAFE


def test_consistency_reports_minority_with_related_majority(rules_dir: Path) -> None:
    write_rule(rules_dir, "CN901", "us", "consistency", 'groups = [["US", "U.S."]]', family="consistency",
               message="{match} vs {majority}")
    text = "US troops left.\nUS bases stay.\nU.S. forces wait."
    (finding,) = lint_with(Registry([rules_dir]), ["CN901"], text)
    assert (finding.excerpt, finding.line, finding.message) == ("U.S.", 3, "U.S. vs US")
    assert [(r.excerpt, r.location.line) for r in finding.related] == [("US", 1)]


def test_consistency_tie_prefers_first_listed_form(rules_dir: Path) -> None:
    write_rule(rules_dir, "CN902", "ceasefire", "consistency", 'groups = [["ceasefire", "cease-fire"]]', family="consistency")
    (finding,) = lint_with(Registry([rules_dir]), ["CN902"], "A cease-fire now. The ceasefire holds.")
    assert finding.excerpt == "cease-fire"


def test_threshold_on_sentences(rules_dir: Path) -> None:
    write_rule(rules_dir, "RD901", "long", "threshold", 'metric = "words"\nmax = 5', family="readability",
               message="{value} words (max {limit})", extra='scope = "sentence"')
    findings = lint_with(Registry([rules_dir]), ["RD901"], "One two three. One two three four five six seven.")
    assert [(f.excerpt, f.message) for f in findings] == [("One two three four five six seven.", "7 words (max 5)")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('code = "BP1"\nname = "x"\nkind = "phrase"', "code: 'BP1' is not a family prefix"),
        ('code = "BP903"\nname = "x"\nkind = "regexp"', "kind: unknown kind 'regexp' (allowed: phrase, pattern"),
        ('code = "MT903"\nname = "x"\nkind = "phrase"', "code: MT903 does not start with the prefix of family boilerplate"),
        ('code = "BP903"\nname = "Bad Name"\nkind = "phrase"', "name: 'Bad Name' is not kebab-case"),
    ],
)
def test_invalid_rule_files_name_file_and_key(rules_dir: Path, body: str, expected: str) -> None:
    path = rules_dir / "bad.toml"
    path.write_text(body + HEADER.format(family="boilerplate", message="m", fires="⟦x⟧", silent="y") + '\n[params]\nphrases = ["x"]\n')
    with pytest.raises(RuleDefinitionError) as info:
        load_rule_file(path)
    assert str(info.value).startswith(f"{path}: ")
    assert expected in str(info.value)


def test_every_builtin_rule_file_passes_the_full_check() -> None:
    """What the registry skips for built-in rules (their patterns compile, complexity included)."""
    files = sorted(builtin_rules_dir().glob("*/[A-Z][A-Z][0-9][0-9][0-9]-*.toml"))
    assert len(files) > 40
    for path in files:
        full, kind = load_rule_file(path)
        assert (full, kind) == load_rule_file(path, builtin=True)
        assert kind.check_required(full.params) == []


def test_a_bad_pattern_in_a_builtin_style_file_fails_when_first_compiled(rules_dir: Path) -> None:
    path = write_rule(rules_dir, "MT905", "y", "pattern", "patterns = ['(unclosed']", family="translation")
    spec, kind = load_rule_file(path, builtin=True)
    rule = kind(spec, None)
    rule.setup(Lexicons())
    with pytest.raises(RuleDefinitionError, match="invalid regular expression"):
        rule._patterns  # noqa: B018 (compiled on first use)


def test_unknown_param_and_bad_regex_are_rejected(rules_dir: Path) -> None:
    path = write_rule(rules_dir, "BP904", "x", "phrase", 'phrases = ["x"]\nspan = "sentence"')
    with pytest.raises(RuleDefinitionError, match=r"params.span: expected one of: match, block"):
        load_rule_file(path)
    path = write_rule(rules_dir, "MT904", "y", "pattern", "patterns = ['(unclosed']", family="translation")
    with pytest.raises(RuleDefinitionError, match=r"params.patterns\[0\]: invalid regular expression"):
        load_rule_file(path)


def test_duplicate_code_is_an_error(rules_dir: Path) -> None:
    write_rule(rules_dir, "BP905", "one", "phrase", 'phrases = ["x"]')
    (rules_dir / "sub").mkdir()
    write_rule(rules_dir / "sub", "BP905", "two", "phrase", 'phrases = ["y"]')
    with pytest.raises(RuleDefinitionError, match="code BP905 is already used by"):
        Registry([rules_dir])


def test_a_crashing_rule_is_reported_and_others_run(rules_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_rule(rules_dir, "BP906", "ok", "phrase", 'phrases = ["boom"]')
    write_rule(rules_dir, "BP907", "crash", "phrase", 'phrases = ["boom"]')
    registry = Registry([rules_dir])
    from artlint.kinds.phrase import PhraseRule

    original = PhraseRule.check

    def check(self, unit, ctx):  # type: ignore[no-untyped-def]
        if self.spec.code == "BP907":
            raise ZeroDivisionError("division by zero")
        return original(self, unit, ctx)

    monkeypatch.setattr(PhraseRule, "check", check)
    findings = lint_with(registry, ["BP906", "BP907"], "boom")
    assert sorted(f.code for f in findings) == ["AL900", "BP906"]
    crash = next(f for f in findings if f.code == "AL900")
    assert "BP907" in crash.message and "ZeroDivisionError" in crash.message


def test_markdown_directives_suppress(rules_dir: Path) -> None:
    write_rule(rules_dir, "BP908", "spam", "phrase", 'phrases = ["spam"]')
    text = "spam one\n\n<!-- artlint-disable BP908 -->\n\nspam two\n\n<!-- artlint-enable -->\n\nspam three\n\n<!-- artlint-disable-next-line BP -->\nspam four\n"
    findings = lint_with(Registry([rules_dir]), ["BP908"], text, "markdown")
    assert [f.line for f in findings] == [1, 9]


def test_example_span_marks() -> None:
    assert example_span("a ⟦bc⟧ d ⟦e⟧") == ("a bc d e", [(2, 4), (7, 8)])


def test_findings_are_sorted_unique_and_fingerprinted(rules_dir: Path) -> None:
    write_rule(rules_dir, "BP909", "dup", "phrase", 'phrases = ["dup"]')
    findings = lint_with(Registry([rules_dir]), ["BP909"], "dup\ndup\n")
    assert [f.start for f in findings] == [0, 4]
    assert len({f.fingerprint for f in findings}) == 2
    assert findings[0].family is Family.BOILERPLATE


def test_preview_key_of_a_rule_file(rules_dir: Path) -> None:
    spec, _ = load_rule_file(write_rule(rules_dir, "BP906", "new", "phrase", 'phrases = ["x"]', extra="preview = true"))
    assert spec.preview is True and spec.enabled is True
    spec, _ = load_rule_file(write_rule(rules_dir, "BP907", "old", "phrase", 'phrases = ["x"]'))
    assert spec.preview is False
    path = write_rule(rules_dir, "BP908", "bad", "phrase", 'phrases = ["x"]', extra='preview = "yes"')
    with pytest.raises(RuleDefinitionError, match="preview: expected true or false"):
        load_rule_file(path)


def test_a_rule_reports_a_bounded_number_of_findings_per_block() -> None:
    from artlint.config import Overrides
    from artlint.engine import MAX_PER_BLOCK, MAX_PER_UNIT
    from artlint.runner import Runner

    runner = Runner(Overrides(isolated=True, select=["MT006"]))
    text = "(" * 50 + "\n" + "Fine (here) and ( there.\n" + "(" * 5000 + "\n"
    findings = runner.check_text(text)
    lines = [[f for f in findings if f.line == n] for n in (1, 2, 3)]
    assert [len(found) for found in lines] == [MAX_PER_BLOCK, 1, MAX_PER_BLOCK]
    merged, cut = lines[0][-1], lines[2][-1]
    assert merged.message.endswith(f"(and {50 - MAX_PER_BLOCK + 1} more like this in this paragraph)")
    assert merged.start == lines[0][-2].start + 1
    assert cut.message.endswith(f"(and at least {MAX_PER_UNIT - MAX_PER_BLOCK + 1} more like this in this paragraph)")


def test_merged_findings_keep_their_fixes() -> None:
    from artlint.config import Overrides
    from artlint.fix import fix_text
    from artlint.runner import Runner

    runner = Runner(Overrides(isolated=True, select=["TY001"]))
    text = " ".join(["word"] * 40).replace(" ", "  ") + "\n"
    findings = runner.check_text(text)
    assert len(findings) == 10 and len(findings[-1].fix.edits) == 39 - 9  # type: ignore[union-attr]
    outcome = fix_text(text, findings, runner.check_text, max_passes=1)
    assert outcome.text == " ".join(["word"] * 40) + "\n" and outcome.findings == []


def test_gates_find_the_blocks_that_hold_a_class_with_one_scan() -> None:
    document = parse(SourceText("No digit here.\n\nRoom 101 is free.\n\n(none)\n\nAt 9. Then 10.\n"), "text")
    gates = Gates(document)
    assert list(gates.holding(r"\d")) == [0, 1, 0, 1]
    assert [b.index for b in gates.blocks(r"[()]")] == [2]
    assert gates.blocks("") == document.blocks
    assert [b.index for b in gates.blocks((r"\d", r"[.]"))] == [1, 3]  # a digit and a full stop
    assert [b.index for b in gates.blocks((r"\d", "[()]"))] == []
    sentences = Analysis(document).sentences
    assert [s.text for s in gates.sentences(r"\d", sentences)] == ["Room 101 is free.", "At 9.", "Then 10."]


def test_a_rule_is_not_called_on_blocks_without_what_it_needs(rules_dir: Path) -> None:
    path = write_rule(rules_dir, "TY904", "x", "pattern", "patterns = ['x{2}']\nneeds = 'x'", family="typography",
                      fires="a⟦xx⟧", silent="a x")
    spec, kind = load_rule_file(path)
    rule = kind(spec)
    rule.setup(Lexicons(()))
    assert rule.needs == "x"
    calls: list[str] = []
    check = rule.check

    def counted(unit: object, ctx: object) -> object:
        calls.append(getattr(unit, "text", ""))
        return check(unit, ctx)  # type: ignore[arg-type]

    rule.check = counted  # type: ignore[method-assign,assignment]

    engine = Engine([ActiveRule(rule, Severity.WARNING)], Lexicons(()), {})
    findings = engine.lint(parse(SourceText("one\n\ntwo xx\n\nthree\n"), "text"), "<test>")
    assert [f.excerpt for f in findings] == ["xx"] and calls == ["two xx"]
    bad = write_rule(rules_dir, "TY905", "y", "pattern", "patterns = ['x']\nneeds = '[x'", family="typography")
    with pytest.raises(RuleDefinitionError, match=r"params.needs: invalid character class"):
        load_rule_file(bad)


def test_a_pattern_rule_tries_its_gates_first(rules_dir: Path) -> None:
    text = "XX here\n\naba and yy YY\n\nnone\n"
    for code, patterns, expected in (("TY906", "['(?i)x{2}', 'y{2}']", ["XX", "yy"]),
                                     ("TY907", r"['(a)b\1', 'y{2}']", ["aba", "yy"]),
                                     ("TY908", "['y{2}']", ["yy"])):
        spec, kind = load_rule_file(write_rule(rules_dir, code, "z", "pattern", f"patterns = {patterns}",
                                               family="typography", fires="⟦yy⟧", silent="y"))
        rule = kind(spec)
        findings = Engine([ActiveRule(rule, Severity.WARNING)], Lexicons(()), {}).lint(
            parse(SourceText(text), "text"), "<test>")
        assert [f.excerpt for f in findings] == expected
        assert isinstance(rule, PatternRule)
        assert len(rule._gates) == (0 if code == "TY908" else 2)  # a single pattern is its own gate
        assert rule._may_match("none") is (code == "TY908") and rule._may_match("a yy")


@given(st.data())
@settings(max_examples=300, deadline=None)
def test_the_collector_keeps_what_capping_all_reports_keeps(data: st.DataObject) -> None:
    """Reports taken one at a time, in any order, past the cap or not, with several to a block
    or at the same place: the collector holds only a bounded part of them, and its result is
    what ``capped(bounded(...))`` of all of them is (the same reports, counts and fixes)."""
    from artlint.engine import Collector, bounded, capped
    from artlint.model import Edit, Fix
    from artlint.rule import Report

    lines = data.draw(st.integers(1, 40))
    document = parse(SourceText("".join(f"line {n}\n\n" for n in range(lines))), "text")
    size = len(document.text)
    spot = st.integers(0, size - 1)
    reports = data.draw(st.lists(st.builds(
        lambda start, width, note, fixed: Report(start, start + width, f"report {note}",
                                                 Fix((Edit(start, start + width, ""),), Applicability.SAFE) if fixed else None),
        spot, st.integers(0, 3), st.integers(0, 2), st.booleans()), max_size=80))
    limit = data.draw(st.integers(1, 20))
    cut = data.draw(st.sets(spot, max_size=2))
    collector = Collector(document, limit)
    collector.extend(reports)
    assert collector.result(cut) == capped(bounded(reports, document, cut), limit)
    assert len(collector.reports) <= limit and len(collector.groups) <= limit  # blocks held, each with a report
