"""The contradiction and consistency family (CN): exact codes, spans and related spans."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from bench.contradiction import _Calendar, found, generate, inject_figure, inject_negation, inject_weekday
from conftest import SEEDS

from artlint.checks.consistency import nli
from artlint.errors import ConfigError
from artlint.lexicon import Lexicons, builtin_rules_dir
from artlint.model import Finding
from artlint.registry import Registry

Lint = Callable[..., list[Finding]]
CALENDAR = _Calendar.load(builtin_rules_dir())
ALL = ["CN001", "CN002", "CN003", "CN004", "CN005", "CN010", "CN020", "CN021", "CN022", "CN030", "CN040"]


def spans(findings: list[Finding], text: str) -> list[tuple[str, str, list[str]]]:
    """(code, excerpt, related excerpts) of each finding, checking the excerpt is the text's span."""
    for f in findings:
        assert text[f.start : f.end] == f.excerpt
    return [(f.code, f.excerpt, [r.excerpt for r in f.related]) for f in findings]


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """The span of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


# --- seed -------------------------------------------------------------------------------


def test_seed_flags_us_and_cease_fire_with_the_majority_form_related(lint: Lint) -> None:
    text = (SEEDS / "000_86da29c17ddbe20d.txt").read_text(encoding="utf-8")
    findings = lint(ALL, text)
    assert [(f.code, f.line, f.excerpt) for f in findings] == [
        ("CN002", 43, "U.S."),
        ("CN001", 43, "cease-fire"),
        ("CN002", 43, "U.S."),
    ]
    us, cease_fire = findings[0], findings[1]
    assert (us.related[0].location.line, us.related[0].excerpt) == (1, "US")
    assert "(17x)" in us.message
    assert (cease_fire.related[0].location.line, cease_fire.related[0].excerpt) == (43, "ceasefire")
    assert cease_fire.fix is not None and cease_fire.fix.edits[0].replacement == "ceasefire"


# --- CN001-CN003: declarative variant groups -----------------------------------------------


def test_term_variant_tie_goes_to_the_form_listed_first(lint: Lint) -> None:
    text = "A cease-fire was agreed. The ceasefire held."
    assert spans(lint(["CN001"], text), text) == [("CN001", "cease-fire", ["ceasefire"])]


def test_abbreviation_forms_match_case_and_skip_urls(lint: Lint) -> None:
    text = "The US and U.S. allies met. Tell us more at https://example.com/U.S./US"
    assert [(f.start, f.end) for f in lint(["CN002"], text)] == [at(text, "U.S.")]
    assert lint(["CN001"], "Visit www.web-site.com: the website and the website.") == []


def test_transliteration_minority_is_reported_with_fix(lint: Lint) -> None:
    text = "Qaddafi spoke. Gaddafi said Gaddafi would stay."
    (finding,) = lint(["CN003"], text)
    assert (finding.excerpt, finding.related[0].excerpt) == ("Qaddafi", "Gaddafi")
    assert finding.fix is not None and finding.fix.edits[0].replacement == "Gaddafi"


# --- CN004: British and American spelling -----------------------------------------------------


def test_dialect_minority_points_at_the_same_word_in_the_majority(lint: Lint) -> None:
    text = "The defence review and the organisation's colour scheme. Later the defense budget rose."
    findings = lint(["CN004"], text)
    assert spans(findings, text) == [("CN004", "defense", ["defence"])]
    assert "British spelling (3 words" in findings[0].message


def test_dialect_tie_goes_to_the_first_variety_and_names_are_ignored(lint: Lint) -> None:
    assert [f.excerpt for f in lint(["CN004"], "The colour and the color.")] == ["color"]
    assert lint(["CN004"], "The colour and the color.", params={"CN004": {"min-majority": 2}}) == []
    text = "The World Health Organization met the Defense Department at the centre of the defence zone."
    assert lint(["CN004"], text) == []


# --- CN005: name variants without a lexicon ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minority", "majority"),
    [
        ("Mr Khodorkovsky spoke. Mr Khodorkovski said Mr Khodorkovsky would appeal.", "Khodorkovski", "Khodorkovsky"),
        ("Shares in WorldCom fell, and Worldcom said WorldCom would recover.", "Worldcom", "WorldCom"),
        ("Fans of Kilroy-Silk cheered, and Kilroy Silk thanked Kilroy-Silk supporters.", "Kilroy Silk", "Kilroy-Silk"),
        # one slip in a two-word name is reported once, not again for its second word
        ("Fans of Deportivo Alavesa cheered; Deportivo Alaveza fans did not.", "Deportivo Alaveza", "Deportivo Alavesa"),
        # a name behind a shirt number; capitals with a figure are no shouting
        ("Coach Kowalsky named 9-Wardrobski and 10-Wardrobsky. Wardrobsky scored twice.", "Wardrobski", "Wardrobsky"),
        ("The COVID-19 wave passed. Then Covid-19 returned, and COVID-19 stayed.", "Covid-19", "COVID-19"),
        # names no dictionary knows, a letter or two of a like sound apart
        ("Floods hit Kochimura. Roads to Kochimura closed and Kojimura was cut off.", "Kojimura", "Kochimura"),
        ("Reporters in Chunhua waited. Crowds in Chunhua cheered as Chonghua won.", "Chonghua", "Chunhua"),
        # ... even when one is seen only at the start of a sentence (a headline)
        ("Koshimura opens a museum\n\nThe town of Kosumura said Kosumura would pay.", "Koshimura", "Kosumura"),
    ],
)
def test_name_variants(lint: Lint, text: str, minority: str, majority: str) -> None:
    assert spans(lint(["CN005"], text), text) == [("CN005", minority, [majority])]


@pytest.mark.parametrize("first", ["Wardrobski", "Wardrobzky"])
def test_a_name_variant_near_two_forms_used_as_often_points_at_the_one_used_first(lint: Lint, first: str) -> None:
    """As the rule says: the form used most, then the one used first; the candidate the index
    happened to find first used to win such a tie."""
    second = {"Wardrobski": "Wardrobzky", "Wardrobzky": "Wardrobski"}[first]  # two letters apart
    text = f"Mr Wardrobsky left. Mr {first} and Mr {second} met. Mr {first} and Mr {second} spoke."
    found = lint(["CN005"], text)
    assert [(f.excerpt, f.related[0].excerpt) for f in found] == [("Wardrobsky", first)]


@pytest.mark.parametrize(
    "text",
    [
        "Mayors from Tanuma and Tasama met.",  # n/s and u/a: not letters of a like sound
        "Ioannis met Ioannidis.",  # two letters added: another name
        "Visitors to Kochimura and Kochimuro met.",  # the last letter differs
        "Sites such as BrightWave and BrightWire ran it.",  # one of two trades is of unlike letters
    ],
)
def test_names_two_unlike_letters_apart_are_two_names(lint: Lint, text: str) -> None:
    assert lint(["CN005"], text) == []


def test_a_tie_between_name_forms_goes_to_the_spelling_the_dictionary_knows(lint: Lint) -> None:
    """Each form used once: the misspelling is reported even where it comes first (the fix writes the
    known spelling); with no form known, the one used first stays the article's."""
    text = "Shares of Real Socieded fell. Real Sociedad said nothing."
    [finding] = lint(["CN005"], text)
    assert (finding.excerpt, finding.related[0].excerpt) == ("Real Socieded", "Real Sociedad")
    text = "Floods hit Kochimura. Roads to Kochimuza closed."
    assert [f.excerpt for f in lint(["CN005"], text)] == ["Kochimuza"]


def test_names_in_other_capitals_are_reported_once(lint: Lint) -> None:
    text = "Floods hit KochiMura. Roads to KochiMura closed and Kochimura was cut off."
    assert [f.message.split("(")[1].split(")")[0] for f in lint(["CN005"], text)] == ["2x, other capitals"]


def test_names_two_apart_can_be_switched_off(lint: Lint) -> None:
    text = "Floods hit Kochimura. Roads to Kochimura closed and Kojimura was cut off."
    assert lint(["CN005"], text, params={"CN005": {"two-letter-length": 0}}) == []


def test_name_variants_leave_inflections_known_words_and_sentence_starts_alone(lint: Lint) -> None:
    text = "Iraq and Iraqi troops met Germans in Germany. Hutton beat Sutton. Youtube is big. We use YouTube."
    assert lint(["CN005"], text) == []
    assert lint(["CN005"], "Mr Hezbollah and Mr Hizbollah met.") == []  # CN003's lexicon covers it


def test_figures_glued_to_their_units_are_no_names(lint: Lint) -> None:
    # "3.5Mbps" is one word (text.tokens), with a capital, one letter from "3.6Mbps"
    text = "The old line gave 3.5Mbps. The new one gives 3.6Mbps, and 3.5Mbps at night."
    assert lint(["CN005"], text) == []
    # words that differ in a figure are two things, not two spellings of one name
    assert lint(["CN005"], "Take the Terminal2Nord exit or the Terminal3Nord; the Terminal2Nord is nearer.") == []
    # nor are names that differ in a Roman numeral (a part, a volume, a sequel); a slip in the name is
    text = "Critics liked Episode VII of the saga, fans liked Episode III, and Episode VII sold more."
    assert lint(["CN005"], text) == []
    text = "Critics liked Episode VII of the saga, fans liked Epsiode VII, and Episode VII sold more."
    assert [f.excerpt for f in lint(["CN005"], text)] == ["Epsiode"]


# --- CN010: figures ---------------------------------------------------------------------------


def test_figures_in_words_and_digits_conflict(lint: Lint) -> None:
    text = "Three US soldiers were killed on Sunday. Officials said 2 soldiers were killed."
    (finding,) = lint(["CN010"], text)
    assert (finding.start, finding.end) == at(text, "2")
    assert finding.related[0].excerpt == "Three"
    assert "'2 soldiers' conflicts with 'Three US soldiers'" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "About 160 strikes hit US bases. Officials counted 170 strikes on US bases.",  # about: +-15%
        "Profits were $1.13bn in the quarter. Profits of $1bn in the quarter beat forecasts.",  # rounding
        "Three soldiers were killed on Sunday. Another two soldiers were killed on Sunday.",  # a further amount
        "Sales rose 5% in January. Sales rose 3% in February.",  # dated differently
        "The carmaker Ford cut 300 jobs. Its rival Toyota cut 500 jobs.",  # different companies
        "Three soldiers were killed and three soldiers were hurt.",  # one sentence
        "One in six cars made at the plant was a Mini. The plant made 56,000 cars last year.",  # a ratio
        "Paterson kicked a penalty on 50 minutes for the lead. Paterson kicked a penalty on 70 minutes for the lead.",
        "The striker scored two minutes into extra time for the lead. The striker scored six minutes before the end for the lead.",
        "Crude oil traded at $50 a barrel in New York. Crude oil traded at $35 a barrel in New York.",  # prices move
        "The paper has 16 nominations in the awards. The paper takes three of a possible five nominations in the awards.",
    ],
)
def test_figures_that_may_both_be_right(lint: Lint, text: str) -> None:
    assert lint(["CN010"], text) == []


def test_more_than_is_a_lower_bound(lint: Lint) -> None:
    text = "There were 160 strikes on US bases. Austin counted more than 170 strikes on US bases."
    assert [f.excerpt for f in lint(["CN010"], text)] == ["170"]
    assert lint(["CN010"], text.replace("170", "150")) == []


def test_figure_owned_by_a_name_and_counted_by_its_head_noun(lint: Lint) -> None:
    text = "Labour's four new posters were shown. Labour launched seven new posters on its website."
    assert [f.excerpt for f in lint(["CN010"], text)] == ["seven"]
    assert lint(["CN010"], "The two families met in Leeds. Two family friends met in Leeds.") == []
    text = "The network will have up to 250 screens. The firm will build a network of up to 600 screens."
    assert [f.excerpt for f in lint(["CN010"], text)] == ["600"]


def test_figures_counting_words_of_one_group_are_compared(lint: Lint) -> None:
    text = "Three US soldiers were killed in the raid. Officials said two US troops were killed in the raid."
    assert [f.excerpt for f in lint(["CN010"], text)] == ["two"]
    text = "There were 160 strikes on US bases. Austin counted more than 170 attacks on US bases."
    assert [f.excerpt for f in lint(["CN010"], text)] == ["170"]
    assert lint(["CN010"], "There were 160 strikes on US bases. Austin counted 170 arrests on US bases.") == []
    assert lint(["CN010"], "The firm cut 300 jobs at the plant. It said 500 workers at the plant had left.") == []


def test_counted_noun_three_words_after_a_preposition(lint: Lint) -> None:
    text = "The BBC will pour £9m into new comedy. The BBC is to invest £6m in developing new comedy."
    assert [f.excerpt for f in lint(["CN010"], text)] == ["£6m"]
    assert lint(["CN010"], "The BBC will pour £9m into new comedy. The BBC will put £6m into new drama.") == []


def test_between_before_a_figure_is_not_a_part(lint: Lint) -> None:
    # "between" marks a range only as "between X and Y"; "warfare between the two men" counts them
    text = "The papers reported open warfare between the two men. Allies denied any warfare between the four men."
    assert [f.excerpt for f in lint(["CN010"], text)] == ["four"]
    assert lint(["CN010"], "Between 200 and 300 people marched. Police said 250 people marched.") == []


# --- CN020, CN021: days ------------------------------------------------------------------------


def test_weekday_that_does_not_match_its_date(lint: Lint) -> None:
    text = "It opened on Tuesday, 3rd January, 2005 and closed on Friday 7 January 2005."
    (finding,) = lint(["CN020"], text)
    assert (finding.start, finding.end) == at(text, "Tuesday")
    assert finding.message.startswith("3rd January, 2005 was a Monday, not a Tuesday")
    assert finding.fix is not None and finding.fix.edits[0].replacement == "Monday"
    assert lint(["CN020"], "It opened on Tuesday 4 January.") == []
    text = "The 2005 show opens on Tuesday 11 March in Leeds."
    (finding,) = lint(["CN020"], text)
    assert finding.message.startswith("11 March was not a Tuesday in 2005 or 2006") and finding.fix is None
    assert lint(["CN020"], "It opens on Friday 11 March.\n\nIt began in 2005.") == []  # another paragraph
    assert lint(["CN020"], "It opens on Tuesday, 1 March at 1945 GMT.") == []  # a clock time, not a year


def test_one_event_on_two_weekdays(lint: Lint) -> None:
    text = "Thursday's news conference was short. At the news conference on Wednesday he took no questions."
    assert spans(lint(["CN021"], text), text) == [("CN021", "Wednesday", ["Thursday"])]
    assert lint(["CN021"], "The Mail on Sunday said the vote on Friday was close. The vote on Friday was won.") == []
    assert lint(["CN021"], "He met the envoy last Monday and met the minister on Thursday.") == []


def test_one_event_by_the_words_near_both_weekdays(lint: Lint) -> None:
    text = "Morrison wants to release the new album on Monday. Morrison says the new album will be released on Thursday."
    assert spans(lint(["CN021"], text), text) == [("CN021", "Thursday", ["Monday"])]
    assert lint(["CN021"], "Shares fell on Monday. Shares rose on Tuesday.") == []  # one word in common
    assert lint(["CN021"], "The carmaker Ford said new car sales rose on Monday. Its rival Toyota said new car sales rose on Tuesday.") == []


def test_date_before_the_event_it_follows(lint: Lint) -> None:
    text = "After the 12 March election, the new parliament met on 10 March."
    assert spans(lint(["CN022"], text), text) == [("CN022", "10 March", ["12 March"])]
    text = "The summit will be held on 18 May. Ministers meet on 20 May ahead of the summit."
    assert spans(lint(["CN022"], text), text) == [("CN022", "20 May", ["18 May"])]
    assert lint(["CN022"], "The summit is on 18 May. It was on 20 May. Ministers meet on 17 May ahead of the summit.") == []  # two dates
    assert lint(["CN022"], "Sales fell on 10 March, which was after the vote on 12 March.") == []  # another clause
    assert lint(["CN022"], "Talks resumed on 5 January 2005 after the break on 20 December 2004.") == []
    assert lint(["CN022"], "Talks resumed on 5 January after the poll on 20 June.") == []  # maybe another year


def test_one_event_by_names_and_sentence_openers_near_both_weekdays(lint: Lint) -> None:
    text = "Creditors agreed the plan on Friday. The club agreed the plan with its creditors on Monday."
    assert spans(lint(["CN021"], text), text) == [("CN021", "Monday", ["Friday"])]
    text = "Dementieva beat Henin in Belgium on Sunday. Henin lost to Dementieva in Belgium on Saturday."
    assert spans(lint(["CN021"], text), text) == [("CN021", "Saturday", ["Sunday"])]
    assert lint(["CN021"], "Manchester United said on Sunday it had an offer. Shares in Manchester United rose on Monday.") == []
    assert lint(["CN021"], "In Leeds on Thursday, ahead of the G8 meeting, he spoke. The G8 meeting opens in Leeds on Friday.") == []
    assert lint(["CN021"], "Shares in Ford jumped on Tuesday. Ford shares slid on Wednesday.") == []  # shares change daily


# --- CN030: claims and the NLI back end --------------------------------------------------------


def test_negation_flip_about_the_same_subject_with_aliases(lint: Lint) -> None:
    text = "Austin insisted the United States was not at war with Iran. He said the US is at war with Iran."
    (finding,) = lint(["CN030"], text)
    assert (finding.excerpt, finding.related[0].excerpt) == ("war with Iran", "not at war with Iran")


def test_negation_inside_one_sentence_and_opposite_verbs(lint: Lint) -> None:
    text = "The minister did not resign his seat, and the minister resigned his seat in May."
    assert spans(lint(["CN030"], text), text) == [("CN030", "resigned his seat", ["not resign his seat"])]
    text = "The ministry confirmed the strike. Later the ministry denied the strike."
    assert spans(lint(["CN030"], text), text) == [("CN030", "denied", ["confirmed"])]


def test_claims_about_other_subjects_or_pronouns_are_not_compared(lint: Lint) -> None:
    assert lint(["CN030"], "Mr Smith did not win the seat. Mrs Jones did win the seat.") == []
    assert lint(["CN030"], "It is not at war with Iran. It is at war with Iran.") == []


class FakeScorer:
    """Stands in for an NLI model: scores pairs whose hypothesis says 'lost' as contradictions."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []

    def contradiction(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        self.pairs.extend(pairs)
        return [0.97 if "lost" in hypothesis else 0.02 for _, hypothesis in pairs]


def test_model_back_end_scores_pairs_that_share_names(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    scorer = FakeScorer()
    loaded: list[tuple[str, str]] = []

    def fake_load(path: str, where: str, parameter: str = "model") -> FakeScorer:
        loaded.append((path, where))
        return scorer

    monkeypatch.setattr(nli, "load_scorer", fake_load)
    text = "Chelsea beat Arsenal at Stamford Bridge. It rained. Chelsea lost to Arsenal in the end. Spurs won."
    findings = lint(["CN030"], text, params={"CN030": {"model": "/models/nli"}})
    assert loaded == [("/models/nli", "[rules.CN030]")]
    assert scorer.pairs == [("Chelsea beat Arsenal at Stamford Bridge.", "Chelsea lost to Arsenal in the end.")]
    assert spans(findings, text) == [
        ("CN030", "Chelsea lost to Arsenal in the end.", ["Chelsea beat Arsenal at Stamford Bridge."])
    ]
    assert "NLI score 0.97" in findings[0].message


def test_missing_or_unusable_model_is_a_clear_error(tmp_path: Path, registry: Registry) -> None:
    with pytest.raises(ConfigError, match=r"^\[rules\.CN030\]: model: no model at .*nothing is downloaded"):
        registry.create("CN030", {"model": str(tmp_path / "absent")}).setup(Lexicons())
    with pytest.raises(ConfigError, match=r"^\[rules\.CN030\]: model: .* has no config\.json"):
        registry.create("CN030", {"model": str(tmp_path)}).setup(Lexicons())
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"model: the NLI back end needs the packages transformers and torch"):
        registry.create("CN030", {"model": str(tmp_path)}).setup(Lexicons())
    assert registry.validate_params("CN030", {"model": 3}) == ["model: expected str, got int"]


# --- CN040: hedging ----------------------------------------------------------------------------


def test_confirmed_and_unconfirmed_event(lint: Lint) -> None:
    text = "There were unconfirmed reports of a second explosion. Police later confirmed the second explosion."
    assert spans(lint(["CN040"], text), text) == [("CN040", "confirmed", ["unconfirmed"])]
    assert lint(["CN040"], "There were unconfirmed reports of a blast. Police confirmed the arrest.") == []


# --- cost and the benchmark generator ----------------------------------------------------------


def test_repeated_article_reports_each_conflict_once_per_copy(lint: Lint) -> None:
    article = "Three soldiers were killed on Sunday. Officials said two soldiers were killed on Sunday."
    findings = lint(["CN010"], "\n\n".join([article] * 50))
    # each "two" against its copy's "Three", each later "Three" against the copy before: 2n - 1
    assert len(findings) == 99


def test_generator_is_reproducible_and_marks_the_injected_span() -> None:
    article = (
        "Marsh cuts 2,500 jobs\n\nThe insurer Marsh said 2,500 jobs would go. The board of Marsh met on Monday in London. "
        "It did not say which offices would close.\n\nThe board of Marsh, which met on Monday, backed the cuts.\n\nMore later."
    )
    first = list(generate([("a.txt", article)], 7, builtin_rules_dir()))
    again = list(generate([("a.txt", article)], 7, builtin_rules_dir()))
    assert first == again
    assert sorted(i.kind for i in first) == ["figure", "negation", "weekday"]
    for injection in first:
        assert injection.text[injection.start : injection.end] == injection.after != injection.before
    figure = inject_figure(article, random.Random(1), CALENDAR)
    assert figure is not None and figure[3] == "2,500"
    negation = inject_negation(article, random.Random(1))
    assert negation is not None and "It did say which offices would close." in negation[0]


@pytest.mark.parametrize(
    "text",
    [
        "The carmaker Ford cut 300 jobs. Its rival Toyota cut 300 jobs.",  # different names
        "Sales rose 5% in January. Sales rose 5% in February.",  # different dates
        "Three soldiers died in the raid. Another three soldiers died in the raid.",  # a further amount
        "The talks lasted three years. The war lasted three years.",  # a time span
        "Three soldiers were hurt. Three ministers resigned.",  # different counted things
    ],
)
def test_generator_leaves_figures_of_different_facts_alone(text: str) -> None:
    assert inject_figure(text, random.Random(1), CALENDAR) is None


def test_generator_changes_weekdays_of_one_event_or_next_to_their_date() -> None:
    assert inject_weekday("Shares fell on Monday. The vote is on Monday.", random.Random(1), CALENDAR) is None
    assert inject_weekday("The Mail on Sunday said so. Polls open on Sunday.", random.Random(1), CALENDAR) is None
    dated = "The 2005 festival opens on Friday 11 March in Leeds."
    made = inject_weekday(dated, random.Random(1), CALENDAR)
    assert made is not None and made[3] == "Friday"
    assert inject_weekday(dated.replace("Friday", "Monday"), random.Random(1), CALENDAR) is None  # already wrong


def test_generator_figure_is_one_the_other_mention_rules_out() -> None:
    text = "There were more than 160 strikes on US bases. Austin counted 160 strikes on US bases."
    for seed in range(30):
        made = inject_figure(text, random.Random(seed), CALENDAR)
        assert made is not None
        values = [int(v) for v in re.findall(r"\d+", made[0])]
        assert values[0] > values[1] if made[1] < text.index("Austin") else values[0] >= values[1]


def test_found_counts_the_related_span(lint: Lint) -> None:
    article = "Three soldiers were killed on Sunday. Officials said three soldiers were killed on Sunday."
    injections = [i for i in generate([("b.txt", article)], 1, builtin_rules_dir()) if i.kind == "figure"]
    assert injections
    assert all(found(lint(ALL, i.text), i) == (i.after != i.before) for i in injections)
