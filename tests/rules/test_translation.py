"""Translation-artifact rules MT001-MT012: exact spans, fixes, exceptions, and the seed article."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

import pytest
from conftest import SEEDS, lint_with

from artlint.model import Applicability, Finding
from artlint.registry import Registry

Lint = Callable[..., list[Finding]]
MT_CODES = [f"MT{n:03d}" for n in range(1, 13)]
SEED = SEEDS / "000_86da29c17ddbe20d.txt"


def spans(findings: list[Finding], code: str) -> list[str]:
    return [f.excerpt for f in findings if f.code == code]


def apply_fix(text: str, finding: Finding) -> str:
    assert finding.fix is not None
    for edit in sorted(finding.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


# ---------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed_findings(registry: Registry) -> list[Finding]:
    return lint_with(registry, MT_CODES, SEED.read_text(encoding="utf-8"))


def test_seed_exact_translation_findings(seed_findings: list[Finding]) -> None:
    got = [(f.code, f.line, f.excerpt) for f in seed_findings if f.code != "MT009"]
    assert got == [
        ("MT005", 25, "“"),
        ("MT010", 27, "the Emirati"),
        ("MT007", 31, "It"),
        ("MT005", 33, "“"),
        ("MT002", 47, "how serious we are, how serious we are"),
    ]
    text = SEED.read_text(encoding="utf-8")
    quote_25 = next(f for f in seed_findings if f.line == 25)
    assert text[quote_25.start :].startswith("“We always listen")


def test_seed_annotation_flag_and_silent_items(seed_findings: list[Finding]) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    defects = tomllib.loads(SEED.with_suffix(".expected.toml").read_text(encoding="utf-8"))["defect"]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for defect in (d for d in defects if d["family"] == "translation" and d["must"] != "stretch"):
        line = defect["line"]
        start = offsets[line - 1] + lines[line - 1].index(defect["excerpt"])
        end = start + len(defect["excerpt"])
        hits = [f for f in seed_findings if f.start < end and start < f.end]
        if defect["must"] == "flag":
            assert hits, f"line {line}: {defect['excerpt']!r} not flagged"
        else:
            assert hits == [], f"line {line}: silent item flagged by {[h.code for h in hits]}"


# ---------------------------------------------------------------- MT001 / MT002 repetition


def test_repeated_word_span_and_safe_fix(lint: Lint) -> None:
    text = "The the minister said so."
    [finding] = lint(["MT001"], text)
    assert (finding.start, finding.end, finding.excerpt) == (0, 7, "The the")
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert apply_fix(text, finding) == "The minister said so."


@pytest.mark.parametrize("text", [
    "She had had enough.",
    "He said that that was all.",
    "Martinez won 6-4 6-4 in Rome.",
    "Senior law lord Lord Bingham ruled.",
    "They played Duran Duran songs.",
    "Write to the.the@example.com today.",
    "They danced the \"cha cha\" in «ylang ylang» scent.",
])
def test_repeated_word_exceptions(lint: Lint, text: str) -> None:
    assert lint(["MT001"], text) == []


def test_repeated_phrase_fix_drops_second_copy(lint: Lint) -> None:
    text = "The world is looking at how serious we are, how serious we are."
    [finding] = lint(["MT002"], text)
    assert finding.excerpt == "how serious we are, how serious we are"
    assert apply_fix(text, finding) == "The world is looking at how serious we are."


@pytest.mark.parametrize("text", [
    "Prices drop, and more and more people switch.",
    "We will fight, we will fight, we will fight.",
    "Angles of minus 120 degrees, minus 120 degrees, 0 degrees.",
    "They sang New York, New York all night.",
])
def test_repeated_phrase_rhetoric_names_and_figures(lint: Lint, text: str) -> None:
    assert lint(["MT002"], text) == []


# ---------------------------------------------------------------- MT003 / MT004 repeated text


def test_repeated_sentence_related_first_occurrence(lint: Lint) -> None:
    sentence = "Officials met on Monday to discuss it."
    text = f"{sentence} Nothing changed.\n\nLater, they spoke. {sentence}"
    [finding] = lint(["MT003"], text)
    assert (finding.start, finding.excerpt) == (76, sentence)
    assert [(r.location.start, r.location.end) for r in finding.related] == [(0, 38)]
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE


def test_repeated_paragraph_reported_once_not_per_sentence(lint: Lint) -> None:
    para = "The council approved the budget on Tuesday. It takes effect in May next year."
    text = f"{para}\n\nThe mayor spoke.\n\n{para}"
    findings = lint(["MT003", "MT004"], text)
    assert [(f.code, f.start, f.end) for f in findings] == [("MT004", len(para) + 20, len(text))]
    assert apply_fix(text, findings[0]) == f"{para}\n\nThe mayor spoke."


# ---------------------------------------------------------------- MT005 quotes


def test_unclosed_quote_reports_opening_mark(lint: Lint) -> None:
    text = "He said: “We will respond. They attacked us.\n\nHe said there is no formula."
    assert [(f.start, f.end) for f in lint(["MT005"], text)] == [(9, 10)]


def test_multi_paragraph_quotation_is_news_style(lint: Lint) -> None:
    text = "“We are serious. The world is looking.\n\n“It costs money,” he added."
    assert lint(["MT005"], text) == []


def test_bbc_reopened_quotation_in_one_line(lint: Lint) -> None:
    text = ('He said: "We will see what happens in that direction. "If the imbalances grow, we act," '
            'he said. "The plan is final."')
    assert lint(["MT005"], text) == []


def test_quote_opened_inside_open_quote_reports_first(lint: Lint) -> None:
    text = 'He said: "I lost three years. He added: "The authorities failed," he said.'
    assert [f.start for f in lint(["MT005"], text)] == [9]


def test_stray_closing_quote_and_inch_marks(lint: Lint) -> None:
    assert spans(lint(["MT005"], 'The pipes are 12" wide, he said" to us.'), "MT005") == ['"']
    assert [f.start for f in lint(["MT005"], 'The pipes are 12" wide, he said" to us.')] == [31]


# ---------------------------------------------------------------- MT006 brackets


def test_brackets(lint: Lint) -> None:
    text = "The agency (based in Geneva said [on Sunday] the talks failed :)"
    assert [(f.start, f.excerpt) for f in lint(["MT006"], text)] == [(11, "(")]
    assert lint(["MT006"], "The plan: 1) cut taxes, b) raise spending (soon).") == []
    assert [f.start for f in lint(["MT006"], "Sales rose] sharply (see [chart).")] == [10, 25]


# ---------------------------------------------------------------- MT007 - MT009 broken structure


@pytest.mark.parametrize(("text", "expected"), [
    ("This strike [on Sunday] It was very bad.", ["It"]),
    ("Tourism revenue It will return to normal.", ["It"]),
    ("To some extent it does; It forces insects to move.", ["It"]),
    ("(Laughter) This lie is everywhere.", []),
    ("The report ran in The National on Thursday.", []),
    ("Rap protege The Game's song How We do is fourth.", []),
    ("See http://example.com/a It was here.", []),
    ("When God looks at the city, He sees His children.", []),
    ("The bishop said, His visit will go ahead.", ["His"]),
])
def test_clause_restart(lint: Lint, text: str, expected: list[str]) -> None:
    assert spans(lint(["MT007"], text), "MT007") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials said the strike hit the.", ["the"]),
    ("The ministry will review the rules and", ["and"]),
    ('He said it was "because".', []),
    ("That is what it is about.", []),
    ("Refer to section 2 (a).", []),
])
def test_dangling_sentence_end(lint: Lint, text: str, expected: list[str]) -> None:
    assert spans(lint(["MT008"], text), "MT008") == expected


def test_unterminated_paragraph_needs_terminated_neighbours(lint: Lint) -> None:
    middle = "It approved the budget for next year after a long debate in the chamber"
    text = f"The council met on Monday.\n\n{middle}\n\nThe mayor welcomed the vote."
    [finding] = lint(["MT009"], text)
    assert (finding.excerpt, finding.line) == ("chamber", 3)
    assert lint(["MT009"], f"Budget approved\n\n{middle}\n\nThe mayor welcomed the vote.") == []


@pytest.mark.parametrize(("middle", "expected"), [
    # A title-case line that the next paragraph speaks of is a subheading; one that shares no word
    # with it (another story's headline left in the body) is still reported.
    ("How the New Budget Will Change Life in the Riverside District", None),
    ("Police Search for Driver After Crash on the Northern Ring Road", "Road"),
    # A quotation or a sentence signed after a dash: an epigraph, an embedded post.
    ("“Nothing is settled until the last vote is counted.” – Jane Roe, Letters from the Hill", None),
    ("We will not raise taxes this year! — Sam Poe (@sampoe) March 3, 2019", None),
    ("The vote is close — Sam Poe (@sampoe) March 3, 2019", None),
    ("A budget is a moral document… - John Doe, former treasurer", None),
    ("The council said the vote would be held on Monday - but the members of the", "the"),
])
def test_unterminated_paragraph_headings_and_attributions(lint: Lint, middle: str, expected: str | None) -> None:
    text = f"The council met on Monday and approved the budget.\n\n{middle}\n\nMost of the riverside money goes to schools."
    assert [f.excerpt for f in lint(["MT009"], text)] == ([expected] if expected else [])


# ---------------------------------------------------------------- MT010 - MT012 calques


def test_demonym_as_place_suggests_the_country(lint: Lint) -> None:
    text = "A newspaper from the Emirati, The National, said so. Troops stayed in the Iraqi parliament."
    [finding] = lint(["MT010"], text)
    assert finding.excerpt == "the Emirati"
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert apply_fix(text, finding).startswith("A newspaper from the United Arab Emirates, The National")


def test_calque_and_uncountable_plural_suggestions(lint: Lint) -> None:
    text = "On the territory of Moldova they shared informations."
    findings = lint(["MT011", "MT012"], text)
    assert [(f.code, f.excerpt) for f in findings] == [("MT011", "On the territory of"), ("MT012", "informations")]
    assert [f.fix.edits[0].replacement for f in findings if f.fix] == ["In", "information"]


# ---------------------------------------------------------------- never in code or URLs


def test_no_findings_in_markdown_code(lint: Lint) -> None:
    text = "Run `the the` and\n\n```\nprint(\"x\nthe the (\n```\n\nThe end of the story is near.\n"
    assert [f for f in lint(MT_CODES, text, kind="markdown") if f.code in {"MT001", "MT005", "MT006"}] == []


def test_no_findings_in_urls_and_email(lint: Lint) -> None:
    text = "Mail the.the@example.org or see https://example.org/wiki/Foo_(bar)/the/the?q=x now."
    assert lint(["MT001", "MT005", "MT006"], text) == []
