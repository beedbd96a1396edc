"""Typography rules (TY001-TY005): spans, fixes, exclusions, and the seed article."""

from __future__ import annotations

from collections.abc import Callable

from conftest import SEEDS

from artlint.fix import apply_edits
from artlint.model import Applicability, Finding

Lint = Callable[..., list[Finding]]
TYPOGRAPHY = ["TY001", "TY002", "TY003", "TY004", "TY005"]


def applied(text: str, finding: Finding) -> str:
    """``text`` with the finding's fix applied."""
    assert finding.fix is not None
    return apply_edits(text, finding.fix.edits)


def test_seed_no_break_space_next_to_a_space_is_flagged_on_lines_23_and_41(lint: Lint) -> None:
    text = (SEEDS / "000_86da29c17ddbe20d.txt").read_text(encoding="utf-8")
    found = lint(TYPOGRAPHY, text)
    assert [(f.code, f.line, f.column, f.excerpt) for f in found] == [
        ("TY001", 23, 9, "\u00a0 "),
        ("TY001", 41, 9, "\u00a0 "),
    ]
    assert applied(text, found[0]).splitlines()[22] == (
        "See also Biden will make a rare visit to the southern border on the same day as Trump"
    )


# TY001 doubled space


def test_doubled_spaces_collapse_to_one(lint: Lint) -> None:
    text = "The minister  resigned.   Nobody\u00a0\u00a0cared."
    found = lint(["TY001"], text)
    assert [(f.start, f.end) for f in found] == [(12, 14), (23, 26), (32, 34)]
    assert [f.fix.edits[0].replacement for f in found if f.fix] == [" ", " ", "\u00a0"]
    assert all(f.fix is not None and f.fix.applicability is Applicability.SAFE for f in found)
    assert "2 spaces" in found[0].message


def test_indentation_and_line_ends_are_not_doubled_spaces(lint: Lint) -> None:
    assert lint(["TY001"], "    Indented line.  \n\n  Another one.  \n") == []


# TY002 space before punctuation


def test_space_before_comma_and_full_stop_is_removed(lint: Lint) -> None:
    text = "However , he said , it works ."
    found = lint(["TY002"], text)
    assert [(f.start, f.end) for f in found] == [(7, 8), (17, 18), (28, 29)]
    assert applied(text, found[0]) == "However, he said , it works ."


def test_spaced_ellipsis_and_leading_dot_tokens_are_silent(lint: Lint) -> None:
    assert lint(["TY002"], "It was a match . . . and then ... the .NET team shot .22 rounds.") == []


# TY003 missing space after punctuation


def test_glued_sentences_and_clauses(lint: Lint) -> None:
    text = "It was clever.It was new,and cheap."
    found = lint(["TY003"], text)
    assert [f.excerpt for f in found] == [".", ","]
    assert applied(text, found[0]) == "It was clever. It was new,and cheap."
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE


def test_abbreviations_numbers_and_web_addresses_have_no_missing_space(lint: Lint) -> None:
    text = "The U.S. and Ph.D. at 10:30, 1,000 and 2.5; mail news@bbc.co.uk or see bbc.com/News.Today."
    assert lint(["TY003"], text) == []


# TY004 mixed quotation marks


def test_minority_straight_quotes_in_a_curly_article(lint: Lint) -> None:
    text = '“Yes,” he said.\n“No,” she said.\n"Maybe," they said.'
    found = lint(["TY004"], text)
    assert [(f.start, f.excerpt) for f in found] == [(32, '"'), (39, '"')]
    assert [f.fix.edits[0].replacement for f in found if f.fix] == ["“", "”"]
    assert found[0].related[0].excerpt == "“"


def test_tie_goes_to_the_style_used_first(lint: Lint) -> None:
    found = lint(["TY004"], "It's here and it’s there.")
    assert [(f.start, f.excerpt) for f in found] == [(16, "’")]


def test_primes_after_digits_are_not_quotation_marks(lint: Lint) -> None:
    assert lint(["TY004"], "He is 6'2\" tall and said “fine”.") == []


# TY005 spaces inside brackets and quotation marks


def test_spaces_inside_brackets_and_curly_quotes(lint: Lint) -> None:
    text = "The school ( a big one ) said “ yes ”."
    found = lint(["TY005"], text)
    assert [(f.start, f.end) for f in found] == [(12, 13), (22, 23), (31, 32), (35, 36)]
    assert applied(text, found[0]) == "The school (a big one ) said “ yes ”."


def test_free_straight_quotes_take_their_side_from_their_order(lint: Lint) -> None:
    text = 'He said, " I guess so. " Then " we left. "'
    found = lint(["TY005"], text)
    assert [(f.start, f.end) for f in found] == [(10, 11), (22, 23), (31, 32), (40, 41)]
    assert all(f.fix is not None and f.fix.applicability is Applicability.UNSAFE for f in found)


def test_emoticons_empty_brackets_and_hugging_marks_are_silent(lint: Lint) -> None:
    assert lint(["TY005"], 'Great :) and ( ) and (fine) and "fine" and “fine”.') == []
