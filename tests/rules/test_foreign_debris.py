"""Source-language leftovers and pipeline debris (MT020-MT031): spans, fixes and exclusions."""

from __future__ import annotations

from collections.abc import Callable

from artlint.fix import apply_edits
from artlint.model import Applicability, Finding
from artlint.text.scan import NON_ASCII, non_ascii_hint

Lint = Callable[..., list[Finding]]


def spans(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.code, f.start, f.end) for f in findings]


def excerpts(findings: list[Finding]) -> list[str]:
    return [f.excerpt for f in findings]


def applied(text: str, finding: Finding) -> str:
    """``text`` with the finding's fix applied."""
    assert finding.fix is not None
    return apply_edits(text, finding.fix.edits)


# MT020 foreign punctuation


def test_full_width_marks_fix_to_english_punctuation(lint: Lint) -> None:
    text = "The scheme will cost 2 billion yuan， officials said 。"
    found = lint(["MT020"], text)
    assert spans(found) == [("MT020", 35, 36), ("MT020", 52, 53)]
    assert applied(text, found[0]) == "The scheme will cost 2 billion yuan, officials said 。"
    assert applied(text, found[1]) == "The scheme will cost 2 billion yuan， officials said."
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE


def test_full_width_digits_are_one_finding_with_a_safe_fix(lint: Lint) -> None:
    text = "Revenue rose ２０２３ times."
    (found,) = lint(["MT020"], text)
    assert (found.start, found.end) == (13, 17)
    assert applied(text, found) == "Revenue rose 2023 times."
    assert found.fix is not None and found.fix.applicability is Applicability.SAFE


def test_guillemets_and_low_quotes_are_reported(lint: Lint) -> None:
    assert excerpts(lint(["MT020"], "He called it „a step“ and «final».")) == ["„", "«", "»"]


def test_punctuation_inside_a_chinese_stretch_is_left_to_mt022(lint: Lint) -> None:
    assert lint(["MT020"], "The banner read 北京欢迎你，朋友 all week.") == []


# MT021 French spacing


def test_no_break_space_before_question_mark_is_french(lint: Lint) -> None:
    text = "Why now\u00a0? Nobody knows."
    (found,) = lint(["MT021"], text)
    assert (found.start, found.end) == (7, 8)
    assert applied(text, found) == "Why now? Nobody knows."


def test_one_ordinary_space_is_a_typo_for_ty002_not_french(lint: Lint) -> None:
    text = "Is that all ? He left."
    assert lint(["MT021"], text) == []
    assert spans(lint(["TY002"], text)) == [("TY002", 11, 12)]


def test_two_ordinary_spaces_are_french_and_not_typos(lint: Lint) -> None:
    text = "Is that all ? He left : nobody stayed."
    assert spans(lint(["MT021"], text)) == [("MT021", 11, 12), ("MT021", 21, 22)]
    assert lint(["TY002"], text) == []


# MT022 foreign script


def test_cyrillic_look_alike_inside_a_latin_word(lint: Lint) -> None:
    (found,) = lint(["MT022"], "The c\u043empany was founded in 1990.")
    assert (found.start, found.end) == (5, 6)
    assert "Cyrillic" in found.message


def test_chinese_stretch_with_punctuation_is_one_finding(lint: Lint) -> None:
    text = "The site 经济观察网 - 专业财经新闻网站 reported it."
    (found,) = lint(["MT022"], text)
    assert found.excerpt == "经济观察网 - 专业财经新闻网站"
    assert "CJK" in found.message


def test_original_spelling_in_parentheses_and_greek_symbols_are_silent(lint: Lint) -> None:
    text = "Xi Jinping (习近平) met Vladimir Putin («Путин») about the β-blocker trial."
    assert lint(["MT022"], text) == []


# MT023 foreign language


def test_foreign_sentence_in_an_english_article(lint: Lint) -> None:
    text = (
        "The government approved the rules on Monday.\n"
        "Die Regierung hat die neuen Regeln am Montag beschlossen und sich nicht geäußert.\n"
    )
    (found,) = lint(["MT023"], text)
    assert (found.start, found.end) == (45, 126)
    assert "German" in found.message


def test_foreign_clause_inside_an_english_sentence(lint: Lint) -> None:
    text = "Created tard dans l'après-midi de Sunday, October 18th, 2020."
    (found,) = lint(["MT023"], text)
    assert found.excerpt == "Created tard dans l'après-midi de Sunday"
    assert "French" in found.message


def test_names_lists_urls_and_english_headlines_are_silent(lint: Lint) -> None:
    text = (
        "Le Monde, Die Zeit and the Frankfurter Allgemeine Zeitung reported it.\n"
        "The lineup: H Shimange, CJ van der Linde, G Britz, D Rossouw, G du Toit.\n"
        "See https://example.com/de/die-neuen-regeln-der-regierung-sind-da for more.\n"
        "Tories unveil quango blitz plans\n"
    )
    assert lint(["MT023"], text) == []


# MT024 continental numbers


def test_plain_foreign_words_in_an_article_that_left_words_untranslated(lint: Lint) -> None:
    text = "Police used táragas against mótmælendur outside the radhusinu.\n\nThe slokkvilidid arrived late; one recieved help."
    found = [f.excerpt for f in lint(["MT023"], text)]
    # the plain words are reported; a typo one letter from a word ("recieved") is not
    assert found == ["táragas", "mótmælendur", "radhusinu", "slokkvilidid"]
    # one accented word may be a loanword: plain words are then left alone
    assert [f.excerpt for f in lint(["MT023"], text.replace("mótmælendur", "protesters"))] == ["táragas"]
    assert [f.excerpt for f in lint(["MT023"], text, params={"MT023": {"max-word-english-probability": 0}})] == found[:2]


def test_continental_numbers_and_their_english_form(lint: Lint) -> None:
    text = "It costs 2,5 billion euros; 1.000 people and 1.234,56 euros."
    found = lint(["MT024"], text)
    assert excerpts(found) == ["2,5", "1.000", "1.234,56"]
    assert [f.fix.edits[0].replacement for f in found if f.fix] == ["2.5", "1,000", "1,234.56"]


def test_english_numbers_scores_dates_and_addresses_are_silent(lint: Lint) -> None:
    text = "It rose 4.483 million to 43.305 per dollar; she won 6-1,6-4 on 12.05.2023 at 10.0.0.1 or 192.168.100.200."
    assert lint(["MT024"], text) == []


# MT025 placeholders, MT026 entities, MT027 tags


def test_placeholders_of_several_template_languages(lint: Lint) -> None:
    text = "Dear {{ name }}, your %1$s order {0} of ${count} items (%(total)s) for {user.name}."
    assert excerpts(lint(["MT025"], text)) == ["{{ name }}", "%1$s", "{0}", "${count}", "%(total)s", "{user.name}"]


def test_placeholder_in_a_url_is_silent(lint: Lint) -> None:
    assert lint(["MT025"], "The API is at https://api.example.com/v1/{id}/%s today.") == []


def test_entities_are_decoded_by_the_fix(lint: Lint) -> None:
    text = "Tom &amp; Jerry&nbsp;ran &#x2019;n&#8217; &copy 2024 &bogus; here."
    found = lint(["MT026"], text)
    assert excerpts(found) == ["&amp;", "&nbsp;", "&#x2019;", "&#8217;", "&copy"]
    assert [f.fix.edits[0].replacement for f in found if f.fix] == ["&", "\u00a0", "’", "’", "©"]


def test_inverted_mark_inside_a_word_is_reported_without_a_fix(lint: Lint) -> None:
    text = "The agency&#191;s survey starts in May. &#191;Qu&eacute; pasa? &iexcl;Hola!"
    found = lint(["MT026"], text)
    assert excerpts(found) == ["&#191;", "&#191;", "&eacute;", "&iexcl;"]
    assert [f.fix is None for f in found] == [True, False, False, False]
    assert "inside a word" in found[0].message


def test_entity_in_html_input_means_double_escaping(lint: Lint) -> None:
    found = lint(["MT026"], "<p>Tom &amp;amp; Jerry and Procter &amp; Gamble</p>", kind="html")
    assert excerpts(found) == ["&amp;amp;"]


def test_entity_in_markdown_code_is_silent(lint: Lint) -> None:
    assert lint(["MT026"], "Write `&amp;` for an ampersand.\n", kind="markdown") == []


def test_markup_tags_and_their_removal(lint: Lint) -> None:
    text = "Prices rose<br/>sharply.</p>"
    found = lint(["MT027"], text)
    assert excerpts(found) == ["<br/>", "</p>"]
    assert applied(text, found[0]) == "Prices rose sharply.</p>"
    assert applied(text, found[1]) == "Prices rose<br/>sharply."


# MT028 mojibake, MT029 replacement character


def test_mojibake_single_and_double_encoded(lint: Lint) -> None:
    text = "The ministerâ€™s cafÃ© and the ministerÃ¢â‚¬â„¢s office."
    found = lint(["MT028"], text)
    assert excerpts(found) == ["â€™", "Ã©", "Ã¢â‚¬â„¢"]
    assert [f.fix.edits[0].replacement for f in found if f.fix] == ["’", "é", "’"]
    assert all(f.fix is not None and f.fix.applicability is Applicability.SAFE for f in found)


def test_truncated_mojibake_is_an_unsafe_guess(lint: Lint) -> None:
    (found,) = lint(["MT028"], "He said â€œnoâ€ twice.")[1:]
    assert found.excerpt == "â€"
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE


def test_replacement_characters_are_one_finding_per_run(lint: Lint) -> None:
    assert spans(lint(["MT029"], "An \ufffd\ufffdlite unit.")) == [("MT029", 3, 5)]


# MT030 invisible characters, MT031 control characters


def test_invisible_characters_are_deleted(lint: Lint) -> None:
    text = "The govern\u200b\u200bment said\u00ad so."
    found = lint(["MT030"], text)
    assert spans(found) == [("MT030", 10, 12), ("MT030", 21, 22)]
    assert "U+200B" in found[0].message
    assert applied(text, found[0]) == "The government said\u00ad so."


def test_characters_configured_in_ascii_are_still_found_in_ascii_text(lint: Lint) -> None:
    # the default characters are all outside ASCII, so ASCII blocks are skipped unread; not these
    text = "Tab\tinside and a zero\u200bwidth space."
    assert spans(lint(["MT030"], text, params={"MT030": {"characters": "\t\u200b"}})) == [("MT030", 3, 4), ("MT030", 21, 22)]
    assert spans(lint(["MT030"], "Tab\tinside.", params={"MT030": {"characters": "\t"}})) == [("MT030", 3, 4)]
    assert lint(["MT030"], "Tab\tinside.") == []


def test_non_ascii_hint_only_for_characters_all_outside_ascii() -> None:
    assert non_ascii_hint("\u200b\u00ad") is NON_ASCII
    assert non_ascii_hint("\u200b\t") is None
    assert non_ascii_hint("") is None
    assert NON_ASCII.search("caf\u00e9") and not NON_ASCII.search("plain text, 100% ASCII")


def test_soft_hyphen_in_html_is_a_hyphenation_hint(lint: Lint) -> None:
    assert lint(["MT030"], "<p>Donau&shy;dampf&shy;schiff sailed.</p>", kind="html") == []


def test_c1_control_is_its_windows_1252_character(lint: Lint) -> None:
    text = "The minister\x92s office\x0b said."
    found = lint(["MT031"], text)
    assert spans(found) == [("MT031", 12, 13), ("MT031", 21, 22)]
    assert applied(text, found[0]) == "The minister’s office\x0b said."
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE
    assert applied(text, found[1]) == "The minister\x92s office said."
