"""Boilerplate rules (BP): the seed article, phrase anchoring, the plain-text classifier, the
title suffix and the HTML rules."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from conftest import SEEDS

from artlint.checks.boilerplate import html_template
from artlint.checks.boilerplate.html_template import Containers, align
from artlint.checks.boilerplate.signals import SIGNALS, Shape, TemplatePhrases
from artlint.checks.boilerplate.template_block import TemplateBlock, TreeModel
from artlint.errors import RuleDefinitionError
from artlint.lexicon import Lexicons
from artlint.markup import parse
from artlint.markup.document import Block, BlockKind
from artlint.model import Applicability, Family, Finding
from artlint.registry import Registry
from artlint.source import decode

Lint = Callable[..., list[Finding]]


@pytest.fixture(scope="module")
def bp_codes(registry: Registry) -> list[str]:
    return sorted(s.code for s in registry.runnable() if s.family is Family.BOILERPLATE)


def test_seed_flags_exactly_its_five_template_residues(lint: Lint, bp_codes: list[str]) -> None:
    text = (SEEDS / "000_86da29c17ddbe20d.txt").read_text(encoding="utf-8")
    found = [(f.code, f.line, f.excerpt) for f in lint(bp_codes, text)]
    assert found == [
        ("BP012", 1, " | Middle East and North Africa"),
        ("BP002", 23, "See also\u00a0 Biden will make a rare visit to the southern border on the same day as Trump"),
        ("BP002", 41, "See also\u00a0 Adani faces critical day after failed $2.5 billion stock sale"),
        ("BP001", 53, "Leave a Reply"),
        ("BP001", 55, "Your email address will not be published. Required fields are marked *"),
    ]


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ("BP001", "Laisser un commentaire"),
        ("BP001", "Deja una respuesta"),
        ("BP001", "Dodaj komentarz"),
        ("BP001", "Schreibe einen Kommentar"),
        ("BP002", "Lire aussi : La réforme des retraites adoptée"),
        ("BP002", "Ver también: El Congreso aprueba los presupuestos"),
        ("BP002", "Czytaj też: Sejm przyjął ustawę"),
        ("BP002", "Weiterlesen"),
        ("BP003", "Partager sur Facebook"),
        ("BP003", "Compartir"),
        ("BP003", "Udostępnij"),
        ("BP004", "Abonnez-vous à notre newsletter"),
        ("BP004", "Suscríbete a nuestro boletín"),
        ("BP004", "Zapisz się do newslettera"),
        ("BP005", "Nous utilisons des cookies pour améliorer votre expérience."),
        ("BP005", "Utilizamos cookies propias y de terceros."),
        ("BP005", "Ta strona używa plików cookie."),
        ("BP006", "Publicité"),
        ("BP006", "Publicidad"),
        ("BP006", "- Reklama -"),
        ("BP007", "Mentions légales"),
        ("BP007", "Aviso legal"),
        ("BP007", "Polityka prywatności"),
        ("BP008", "Accueil"),
        ("BP008", "Inicio"),
        ("BP008", "Strona główna"),
        ("BP009", "Mots-clés : politique, Europe"),
        ("BP009", "Etiquetas: política, Europa"),
        ("BP009", "Tagi: polityka, Europa"),
        ("BP009", "Temas"),
        ("BP001", "Du musst eingeloggt sein, um einen Kommentar zu schreiben."),
        ("BP005", "Klicken Sie auf den unteren Button, um den Inhalt von www.example.org zu laden."),
        ("BP005", "Click on the button below to load the content of www.example.org."),
        ("BP002", "Dowiedz się więcej: Sejm przyjął ustawę"),
    ],
)
def test_template_phrase_in_each_language_flags_its_whole_line(lint: Lint, code: str, line: str) -> None:
    text = f"The council met on Tuesday.\n{line}\nIt approved the budget."
    start = text.index(line)
    assert [(f.code, f.start, f.end) for f in lint([code], text)] == [(code, start, start + len(line))]


@pytest.mark.parametrize(
    "text",
    [
        "For the details, see also the appendix to the report.",
        "He urged voters to read more about the candidates.",
        "Die Regierung will die Werbung für Tabak verbieten.",
        "Share prices in London fell by 2% on Monday.",
        "Los temas del debate fueron la vivienda y el empleo.",
        "Dowiedz się więcej o budżecie miasta na stronie urzędu.",
    ],
)
def test_template_phrase_inside_prose_is_not_flagged(lint: Lint, bp_codes: list[str], text: str) -> None:
    assert lint(bp_codes, text) == []


def test_phrase_fix_is_safe_and_removes_the_line(lint: Lint) -> None:
    text = "First paragraph.\nRead more\nLast paragraph."
    (finding,) = lint(["BP002"], text)
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    (edit,) = finding.fix.edits
    assert text[: edit.start] + edit.replacement + text[edit.end :] == "First paragraph.\nLast paragraph."


PROMO_SENTENCES = {
    "BP016": (
        "Kennen Sie schon unseren Podcast zur Wahl?",
        "Abonnez-vous à notre newsletter pour ne rien manquer.",
        "Síguenos en las redes para más noticias.",
        "Zapraszamy do subskrypcji naszego kanału.",
        "This article is for informational purposes only and is not advice.",
    ),
    "BP017": (
        "Die mit Sternchen markierten Links sind Affiliate-Links.",
        "Certains liens de cette page sont des liens affiliés.",
        "If you buy through them, we may earn a commission.",
    ),
}


@pytest.mark.parametrize(("code", "sentence"), [(c, s) for c, group in PROMO_SENTENCES.items() for s in group])
def test_promo_and_disclosure_sentences_are_flagged_inside_a_paragraph(lint: Lint, code: str, sentence: str) -> None:
    text = "The council met on Tuesday and approved the budget. " + sentence + " It starts in May."
    assert [(f.code, text[f.start : f.end]) for f in lint(["BP016", "BP017"], text)] == [(code, sentence)]


@pytest.mark.parametrize(
    "text",
    [
        "The regulator said sites that contain affiliate links must label them.",  # a report, no disclosure phrase
        "She told readers to follow us on the map, the guide said.",  # the phrase does not open the sentence
        "Der Verband kritisierte, dass Blogs ihre Werbung nicht kennzeichnen.",
    ],
)
def test_promo_and_disclosure_phrases_in_reported_prose_are_not_flagged(lint: Lint, text: str) -> None:
    assert lint(["BP016", "BP017"], text) == []


def test_messaging_app_share_labels_are_flagged_only_as_whole_blocks(lint: Lint) -> None:
    text = "LINE\nViber\nThe ferry line to the island reopened.\nWeibo users shared the video."
    found = [text[f.start : f.end] for f in lint(["BP003"], text)]
    assert found == ["LINE", "Viber"]


def test_a_promo_block_that_a_block_rule_reports_whole_is_left_to_it(lint: Lint) -> None:
    text = "The council met on Tuesday.\nFollow us on Twitter.\nIt approved the budget. Follow us on Twitter for more."
    found = [(f.code, text[f.start : f.end]) for f in lint(["BP003", "BP016"], text)]
    assert found == [("BP003", "Follow us on Twitter."), ("BP016", "Follow us on Twitter for more.")]


def test_a_unit_with_two_disclosure_phrases_is_reported_once(lint: Lint) -> None:
    text = "These are affiliate links: we may earn a commission if you buy."
    assert [(f.start, f.end) for f in lint(["BP017"], text)] == [(0, len(text))]


def test_template_phrases_match_whole_blocks_or_marked_prefixes() -> None:
    phrases = TemplatePhrases(Lexicons(), ["boilerplate-related", "boilerplate-share"])
    assert phrases.matches("» Read more")
    assert phrases.matches("See also: the other story")  # "see also …" may open a block
    assert phrases.matches("Share")
    assert not phrases.matches("Share prices fell")  # "share" must be the whole block
    assert not phrases.matches("Officials said see also")


PAGE = (
    "Skip to content\nHome\nNews\nSport\nWeather\nPrivacy Policy\n"
    "Council approves budget\n"
    "The council approved the new budget on Tuesday after a debate that lasted for most of the day, and the mayor "
    "said that the money would be spent on schools and roads over the next two years.\n"
    "Opposition members said the plan was too vague, but they did not vote against it in the end, because they "
    "wanted the repairs to the bridge to start before the winter.\n"
    "Most read\nJobs at the Gazette\nGazette Media Group Ltd\n"
)


def test_classifier_flags_template_lines_and_leaves_phrases_to_their_rules(lint: Lint) -> None:
    found = [f.excerpt for f in lint(["BP100"], PAGE)]
    assert found == [
        "News",
        "Sport",
        "Weather",
        "Jobs at the Gazette",
        "Gazette Media Group Ltd",
    ]
    assert all(f.fix is not None and f.fix.applicability is Applicability.UNSAFE for f in lint(["BP100"], PAGE))


def test_classifier_needs_template_phrases_to_run(lint: Lint) -> None:
    text = PAGE.replace("Skip to content\nHome\n", "").replace("Privacy Policy\n", "").replace("Most read\n", "")
    assert lint(["BP100"], text) == []


def test_classifier_keeps_the_title_line(lint: Lint) -> None:
    text = PAGE[PAGE.index("Council approves budget") :]
    text = text.replace("Most read\n", "Home\nPrivacy Policy\n")
    found = [f.excerpt for f in lint(["BP100"], text)]
    assert "Council approves budget" not in found
    assert found == ["Jobs at the Gazette", "Gazette Media Group Ltd"]


def test_classifier_keeps_the_headline_under_the_menus(lint: Lint) -> None:
    article = PAGE[PAGE.index("The council approved") :]
    text = "Skip to content\nHome\nNews\nCouncil Approves New Budget\n" + article
    found = [f.excerpt for f in lint(["BP100"], text)]
    assert "News" in found
    assert "Council Approves New Budget" not in found  # the line just before the first long line of prose


def test_classifier_finding_names_the_signals_that_fired(lint: Lint) -> None:
    (finding, *_) = lint(["BP100"], PAGE)
    named = finding.message[finding.message.index("(signals: ") + 10 : finding.message.index(");")].split(", ")
    assert 1 <= len(named) <= 3 and set(named) <= set(SIGNALS)


TREE = {"signal": ["length", "", ""], "threshold": [3.0], "left": [1, -1, -1], "right": [2, -1, -1]}


def test_tree_model_scores_and_credits_the_tested_signal() -> None:
    width = len(SIGNALS)
    model = TreeModel.from_table({"base": -1.0, "tree": [{**TREE, "threshold": [3.0, 0, 0], "value": [0.0, -0.5, 2.0]}]})
    long_line = [0.0] * width
    long_line[list(SIGNALS).index("length")] = 4.0
    assert model.score(long_line) == 1.0 and model.score([0.0] * width) == -1.5
    assert model.reasons(long_line) == ["length"]
    assert model.reasons([0.0] * width) == []  # the split lowered the score: nothing fired


@pytest.mark.parametrize(
    "tree",
    [
        {**TREE, "threshold": [3.0, 0, 0], "value": [0.0, 1.0]},  # lists of different lengths
        {**TREE, "threshold": [3.0, 0, 0], "value": [0.0, 1.0, 2.0], "left": [0, -1, -1]},  # a loop
        {**TREE, "threshold": [3.0, 0, 0], "value": [0.0, 1.0, 2.0], "signal": ["no-such-signal", "", ""]},
    ],
)
def test_tree_model_rejects_malformed_trees(tree: dict[str, object]) -> None:
    with pytest.raises(RuleDefinitionError):
        TreeModel.from_table({"base": 0.0, "tree": [tree]})


def test_classifier_keeps_the_title_line_above_a_caption(lint: Lint) -> None:
    article = PAGE[PAGE.index("The council approved") :].replace("Most read\n", "Share\n")
    text = "Council Approves New Budget\nThe mayor at the council meeting (Photo: Jane Roe)\n" + article
    found = [f.excerpt for f in lint(["BP100"], text)]
    assert "Jobs at the Gazette" in found  # one template phrase ("Share") is enough for the rule to run
    assert "Council Approves New Budget" not in found


def _signals(text: str) -> dict[str, tuple[float, ...]]:
    """The BP100 signals of every line of ``text``, by its text."""
    document = parse(decode(text.encode()), "text")
    rule = TemplateBlock()
    rule.setup(Lexicons())
    analysis = rule.analyse(document.blocks, rule.templated(document.blocks))
    return {b.text: values for b, values in zip(document.blocks, analysis.signals)}


def test_classifier_signal_phrase_between_block_and_article() -> None:
    bio = "Jane Doe writes about city budgets and has covered the council for ten years for this paper."
    column = list(SIGNALS).index("phrase-between")
    between = {text: values[column] for text, values in _signals(PAGE + bio + "\n").items()}
    assert between[bio] == 1.0  # "Most read" lies between it and the article
    assert between["Jobs at the Gazette"] == 1.0
    assert between["Council approves budget"] == 0.0  # only the heading lies between it and the article
    assert between["News"] == 1.0  # "Home" lies between


def test_classifier_signals_reader_address_and_distance_to_phrases() -> None:
    prompt = "If you're already a subscriber, you can log in to read our stories."
    values = _signals(PAGE + prompt + "\n")
    names = list(SIGNALS)
    address = names.index("reader-address")
    assert values[prompt][address] == pytest.approx(3 / 13)  # you('re), you, our
    assert values["Council approves budget"][address] == 0.0
    after, before = names.index("next-phrase"), names.index("previous-phrase")
    assert values["Jobs at the Gazette"][before] == pytest.approx(math.log1p(1))  # "Most read" just above
    assert values["Council approves budget"][after] == pytest.approx(math.log1p(3))  # "Most read" 3 lines on
    assert values[prompt][after] == pytest.approx(math.log1p(50))  # none after: as far as counted


def test_classifier_signal_template_overlap() -> None:
    prompt = "Please read our privacy policy before you write to the Gazette."
    values = _signals(PAGE + prompt + "\n")
    column = list(SIGNALS).index("template-overlap")
    assert values[prompt][column] == 0.5  # privacy, policy ("Privacy Policy"), read ("Most read") of 6
    assert values["Privacy Policy"][column] == 0.0  # a phrase line's own words do not count
    assert values["Council approves budget"][column] == 0.0


def test_german_formal_address_is_matched_as_written() -> None:
    formal = Shape.of("Hier finden Sie alles, was sie sagte", frozenset(), frozenset({"Sie"}))
    assert formal.address == 1  # 'Sie' (you), not 'sie' (she)
    assert Shape.of("Sie sagte nichts", frozenset(), frozenset({"Sie"})).address == 0  # first word: she or you


def test_title_suffix_is_only_looked_for_in_the_first_block(lint: Lint) -> None:
    text = "Budget approved after long debate | City news\nThe vote | was close | said the mayor"
    (finding,) = lint(["BP012"], text)
    assert (finding.start, finding.end, finding.excerpt) == (33, 45, " | City news")
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE


def _blocks(*texts: str) -> list[Block]:
    out, start = [], 0
    for index, text in enumerate(texts):
        out.append(Block(index, start, BlockKind.PARAGRAPH, text))
        start += len(text) + 2
    return out


def test_alignment_finds_lines_cells_trigrams_and_nearby_short_blocks() -> None:
    blocks = _blocks(
        "Home",  # 0: a short block before anything kept
        "The council approved the budget on Tuesday.",  # 1: most trigrams in the output
        "Results",  # 2: one word found right after the previous kept block
        "12,5 Mio.",  # 3: a table cell of the output
        "Subscribe to our newsletter today",  # 4: not in the output
        "Home",  # 5: far from the last kept block
    )
    extracted = "The council approved the budget on Tuesday, the mayor said.\nResults\nTotal | 12,5 Mio.\n" + "x " * 400
    assert align(blocks, extracted, 0.67) == {1, 2, 3}


def test_alignment_needs_the_given_share_of_a_blocks_trigrams() -> None:
    blocks = _blocks("Council budget vote: what the mayor said on Tuesday")  # a teaser: 4 of its 7 trigrams
    extracted = "After the council budget vote, the mayor said on Tuesday that taxes would not rise."
    assert align(blocks, extracted, 0.5) == {0}
    assert align(blocks, extracted, 0.67) == set()


@pytest.mark.parametrize(
    ("descriptors", "kind"),
    [
        (("div#page", "div.ad-slot", "p"), "advertisement"),
        (("div#page", "header.site-header", "p"), None),  # "header" is not the token "ad"
        (("div.shareBox",), "share"),
        (("footer", "div.related-posts", "p"), "related"),  # the innermost container decides
        (("body", "nav", "ul", "li"), "navigation"),
        (("section#comments",), "comments"),
        (("main.Layout_main__2pNav", "p"), None),  # a CSS Modules hash is no word
        (("div.Box_share__x9AbC",), "share"),
    ],
)
def test_container_kind_from_tags_and_class_tokens(descriptors: tuple[str, ...], kind: str | None) -> None:
    containers = Containers(Lexicons().table("boilerplate-containers"))
    assert containers.kind(descriptors) == kind


ARTICLE = (
    "<article><p>The council approved the new budget on Tuesday after a debate that lasted for most of the day, and "
    "the mayor said that the money would be spent on schools, libraries and roads over the next two years.</p>"
    "<p>Opposition members said the plan was too vague, but they did not vote against it in the end, because they "
    "wanted the repairs to the old bridge to start before the winter and the first snow.</p></article>"
)
HTML_PAGE = (
    '<html><body><nav><a href="/">Front page</a> | <a href="/w">World</a></nav>'
    '<div class="brand-line"><p>Springfield Gazette since 1881</p></div>'
    f"{ARTICLE}"
    "<footer><p>Gazette Media Group</p><p>12 High Street, Springfield</p></footer></body></html>"
)
HTML_CODES = ["BP101", "BP106", "BP109"]


def test_html_rules_report_one_finding_per_template_region(lint: Lint) -> None:
    found = [(f.code, f.excerpt) for f in lint(HTML_CODES, HTML_PAGE, "html")]
    assert found == [
        ("BP101", 'Front page</a> | <a href="/w">World'),
        ("BP109", "Springfield Gazette since 1881"),
        ("BP106", "Gazette Media Group</p><p>12 High Street, Springfield"),
    ]


def test_html_rules_without_extractor_use_the_containers_only(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_template, "main_content", lambda document, params: None)
    found = [(f.code, f.excerpt) for f in lint(HTML_CODES, HTML_PAGE, "html")]
    assert found == [
        ("BP101", 'Front page</a> | <a href="/w">World'),
        ("BP106", "Gazette Media Group</p><p>12 High Street, Springfield"),
    ]


def test_the_page_body_names_no_template_container(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_template, "main_content", lambda document, params: None)
    page = HTML_PAGE.replace("<body>", '<body class="single-post has-sidebar cookie-banner">')
    assert [f.code for f in lint(HTML_CODES, page, "html")] == ["BP101", "BP106"]


def test_html_analysis_runs_the_extractor_once_per_document(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def counting(document: object, params: object) -> None:
        calls.append(document)

    monkeypatch.setattr(html_template, "main_content", counting)
    lint([f"BP10{n}" for n in range(1, 10)], HTML_PAGE, "html")
    assert len(calls) == 1


def test_left_out_sentences_where_the_article_sits_are_article_text(
    lint: Lint, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The extractor keeps the first paragraph only; the second sits in the same chain of
    # ancestors and ends like a sentence, the label beside it does not end like one.
    page = HTML_PAGE.replace("</p></article>", "</p><p>Read it all here</p></article>")
    monkeypatch.setattr(html_template, "main_content", lambda document, params: {1, 2})
    found = [(f.code, f.excerpt) for f in lint(HTML_CODES, page, "html")]
    assert ("BP109", "Read it all here") in found
    assert not any("Opposition members" in excerpt for _, excerpt in found)


def test_left_out_paragraphs_in_the_element_of_kept_text_are_article_text(
    lint: Lint, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A post whose text runs straight in its div, with paragraphs between: the extractor keeps the
    # div's own text only. A paragraph of prose there is the post's; a caption in a div of its own,
    # a short paragraph or one that does not end like a sentence is not.
    post = (
        "<div class='post'>The council met on Tuesday to talk about the budget for the next two years."
        "<p>Opposition members said the plan was too vague, but they did not vote against it in the end, because "
        "they wanted the repairs to the old bridge to start before the winter.</p>"
        "<div class='pic'><img src='a.jpg'>The old bridge over the river, which the city wants to repair before the "
        "winter comes and the first snow falls on the town.</div>"
        "<p>Leave a reply below</p></div>"
    )
    page = HTML_PAGE.replace(ARTICLE, post)
    monkeypatch.setattr(html_template, "main_content", lambda document, params: {2})
    excerpts = [f.excerpt for f in lint(["BP109"], page, "html")]
    assert not any("Opposition members" in excerpt for excerpt in excerpts)
    assert any("The old bridge over the river" in excerpt for excerpt in excerpts)
    assert any("Leave a reply below" in excerpt for excerpt in excerpts)


def test_left_out_prose_just_before_the_article_is_its_lead(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    # The extractor keeps the article's paragraphs but drops the headline, the byline and the
    # standfirst above them; the standfirst reads as prose, the caption of a figure does not count.
    lead = (
        "<h1>Council approves the budget</h1><p>By Ann Lee</p>"
        "<div class='standfirst'><p>After a long debate the council has agreed on how the city will spend its money "
        "over the next two years, with most of it going to schools and roads.</p></div>"
        "<figure><figcaption>The council chamber on Tuesday evening, when the members finally voted on the plan after "
        "a debate that lasted most of the day.</figcaption></figure>"
    )
    page = HTML_PAGE.replace("<article>", lead + "<article>")
    monkeypatch.setattr(html_template, "main_content", lambda document, params: {6, 7})
    excerpts = [f.excerpt for f in lint(HTML_CODES, page, "html")]
    assert any("By Ann Lee" in excerpt for excerpt in excerpts)
    assert any("The council chamber" in excerpt for excerpt in excerpts)
    assert not any("After a long debate" in excerpt for excerpt in excerpts)


def test_a_statement_right_under_the_headline_is_its_standfirst(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    # Too short for a lead paragraph, but a statement right under the h1: the standfirst. A call
    # to action in the same place ends with "!" and stays template.
    head = "<div class='intro'><h1>Council approves the budget</h1><p>{}</p></div>"
    standfirst = "The city will spend most of the money on its schools and roads."
    page = HTML_PAGE.replace("<article>", head.format(standfirst) + "<article>")
    monkeypatch.setattr(html_template, "main_content", lambda document, params: {4, 5})
    assert [f.excerpt for f in lint(["BP109"], page, "html")] == [
        "Springfield Gazette since 1881</p></div><div class='intro'><h1>Council approves the budget"
    ]
    teaser = page.replace("<p>The city", "<p class='article-teaser'>The city")
    assert [f.excerpt for f in lint(["BP102", "BP109"], teaser, "html")] == [
        "Springfield Gazette since 1881</p></div><div class='intro'><h1>Council approves the budget"
    ]
    shout = page.replace(standfirst, "Read every story of the Gazette for one euro a week!")
    assert [f.excerpt for f in lint(["BP109"], shout, "html")] == [
        (
            "Springfield Gazette since 1881</p></div><div class='intro'><h1>Council approves the budget</h1><p>Read "
            "every story of the Gazette for one euro a week!"
        )
    ]


def test_left_out_list_items_inside_the_article_are_article_text(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    # The extractor keeps both paragraphs but drops the list between them (an ingredient list); a
    # list of links there, or a list item of a form, stays template.
    items = "<ul><li>Two onions, chopped</li><li>A cup of rice</li></ul>"
    links = "<ul><li><a href='/a'>Soups</a></li><li><a href='/b'>Salads</a></li></ul>"
    form = "<form><ul><li>Your e-mail address</li></ul></form>"
    page = HTML_PAGE.replace("</p><p>", "</p>" + items + links + form + "<p>")
    monkeypatch.setattr(html_template, "main_content", lambda document, params: {2, 8})
    assert [f.excerpt for f in lint(["BP109"], page, "html")] == [
        "Springfield Gazette since 1881",
        "Soups</a></li><li><a href='/b'>Salads</a></li></ul><form><ul><li>Your e-mail address",
    ]


LINK_BOX = (
    "<h2>More from the Gazette</h2><p><a href='/a'>Bridge repairs delayed again</a></p>"
    "<p><a href='/b'>New library opens in May</a></p>"
)


def test_a_heading_over_links_only_is_a_related_box(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    # The extractor keeps the article and the box of links at its end (blocks 2 to 6).
    page = HTML_PAGE.replace("</p></article>", "</p>" + LINK_BOX + "</article>")
    monkeypatch.setattr(html_template, "main_content", lambda document, params: {2, 3, 4, 5, 6})
    found = [(f.code, f.excerpt) for f in lint(["BP102"], page, "html")]
    box = "More from the Gazette</h2><p><a href='/a'>Bridge repairs delayed again</a></p><p><a href='/b'>New library"
    assert found == [("BP102", box + " opens in May")]


def test_a_heading_over_template_takes_its_kind(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    # The extractor keeps the heading but leaves out the newsletter box under it.
    box = "<h2>Stay informed</h2><div class='newsletter'><p>Get the morning briefing in your inbox</p></div>"
    page = HTML_PAGE.replace("</p></article>", "</p>" + box + "</article>")
    monkeypatch.setattr(html_template, "main_content", lambda document, params: {2, 3, 4})
    assert [f.excerpt for f in lint(["BP105"], page, "html")] == [
        "Stay informed</h2><div class='newsletter'><p>Get the morning briefing in your inbox"
    ]


def _article_ending(monkeypatch: pytest.MonkeyPatch, html: str, kept: set[int]) -> str:
    """HTML_PAGE with ``html`` at the end of its article, the extractor keeping the blocks ``kept``."""
    monkeypatch.setattr(html_template, "main_content", lambda document, params: kept)
    return HTML_PAGE.replace("</p></article>", "</p>" + html + "</article>")


def test_a_label_and_a_linked_headline_in_the_article_is_a_teaser(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    # Kept between the article's paragraphs: a label, a colon and a linked headline that is all of
    # the rest. A one-word label ("Website:"), a short link or a label that is linked too stay text.
    label_links = [
        ("Also worth your time: ", "The bridge that nobody wanted to pay for"),
        ("Website: ", "The Springfield bridge society pages"),
        ("Made by the city: ", "Springfield Works"),
        ("", "Tickets here: the summer concert in the park"),
    ]
    lines = "".join(f"<p>{label}<a href='/x'>{link}</a></p>" for label, link in label_links)
    monkeypatch.setattr(html_template, "main_content", lambda document, params: set(range(2, 9)))
    page = HTML_PAGE.replace("</p><p>", "</p>" + lines + "<p>", 1)
    assert [f.excerpt for f in lint(["BP102"], page, "html")] == [
        "Also worth your time: <a href='/x'>The bridge that nobody wanted to pay for"
    ]


def test_a_heading_over_prose_or_one_link_stays_article_text(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    # One link under the heading, then a paragraph of prose: the section is the article's.
    section = (
        "<h2>What comes next</h2><p><a href='/a'>The full budget</a></p>"
        "<p>The council will meet again in March to decide on the bridge.</p>"
    )
    page = _article_ending(monkeypatch, section, {2, 3, 4, 5, 6})
    assert lint(["BP102"], page, "html") == []


def test_link_lines_after_the_last_sentence_are_related_links(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    # Kept, after the article's last sentence: a lone link under a heading and a "see also" line.
    # A last sentence of prose that holds a long link stays article text.
    lines = (
        "<h2>Read more</h2><p><a href='/a'>The full budget</a></p>"
        "<p>See also: <a href='/b'>How the city spent its money last year</a></p>"
    )
    page = _article_ending(monkeypatch, lines, {2, 3, 4, 5, 6})
    expected = "Read more</h2><p><a href='/a'>The full budget</a></p><p>See also: <a href='/b'>How the city spent"
    assert [f.excerpt for f in lint(["BP102"], page, "html")] == [expected + " its money last year"]
    sentence = (
        "<p>Last year <a href='/b'>the city spent most of its money on the new tram line and the harbour</a> and "
        "little on schools.</p>"
    )
    page = _article_ending(monkeypatch, sentence, {2, 3, 4})
    assert lint(["BP102"], page, "html") == []


def test_a_heading_with_no_section_after_the_article_heads_the_template_under_it(
    lint: Lint, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The extractor keeps the article and a heading after it; under the heading comes a related
    # box with a heading of its own (so the kept heading has no section). A subtitle over a byline
    # ends like a sentence and is left alone.
    box = "<h3>More on the budget:</h3><div class='related'><h3>Bridge repairs</h3><p>Delayed again</p></div>"
    page = _article_ending(monkeypatch, box, {2, 3, 4})
    assert [f.excerpt for f in lint(["BP102"], page, "html")] == [
        "More on the budget:</h3><div class='related'><h3>Bridge repairs</h3><p>Delayed again"
    ]
    subtitle = page.replace("More on the budget:", "What the council decided and why.")
    assert [f.excerpt for f in lint(["BP102"], subtitle, "html")] == ["Bridge repairs</h3><p>Delayed again"]


def test_extractor_is_asked_again_when_it_keeps_little_prose(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    trafilatura = pytest.importorskip("trafilatura")
    calls: list[bool] = []

    def extract(text: str, favor_recall: bool = False, **options: object) -> str:
        calls.append(favor_recall)
        if not favor_recall:
            return "Springfield Gazette since 1881"  # a tagline taken for the article
        return ARTICLE.replace("<article><p>", "").replace("</p></article>", "").replace("</p><p>", "\n")

    monkeypatch.setattr(trafilatura, "extract", extract)
    found = [(f.code, f.excerpt) for f in lint(HTML_CODES, HTML_PAGE, "html")]
    assert calls == [False, True]
    assert ("BP109", "Springfield Gazette since 1881") in found
    assert not any("council approved" in excerpt for _, excerpt in found)


def test_html_rules_ignore_other_inputs(lint: Lint) -> None:
    assert lint(HTML_CODES, "Front page\nWorld\nGazette Media Group") == []


def test_html_title_suffix_is_flagged_in_the_document_title_only(lint: Lint) -> None:
    page = HTML_PAGE.replace(
        "<html><body>", "<html><head><title>Council approves budget | World news</title></head><body>"
    )
    found = [(f.code, f.excerpt) for f in lint(["BP012", *HTML_CODES], page, "html")]
    assert found == [
        ("BP012", " | World news"),
        ("BP101", 'Front page</a> | <a href="/w">World'),
        ("BP109", "Springfield Gazette since 1881"),
        ("BP106", "Gazette Media Group</p><p>12 High Street, Springfield"),
    ]
    (suffix,) = lint(["BP012"], page, "html")
    assert page[suffix.start : suffix.end] == " | World news"


_PROSE = (
    "The council approved the new budget on Tuesday after a debate that lasted for most of the day.\n"
    "The mayor said that the money would be spent on schools and roads over the next two years.\n"
)


@pytest.mark.parametrize(
    ("lines", "signal", "kind"),
    [
        ("Council approves the budget\n{prose}Source: Springfield Wire", "cue", "source or syndication line"),
        ("Council approves the budget\n{prose}Quelle: Musterstadt Nachrichten", "cue", "source or syndication line"),
        ("Council approves the budget\nPosted on by gazette_admin\n{prose}", "cue", "byline"),
        ("Council approves the budget\n(Photo: City Hall)\n{prose}", "bracketed", "image caption or credit"),
        (
            "Council approves the budget\nThe mayor, left, with the treasurer ( AGENCY/Jane Doe )\n{prose}",
            "caption-words", "image caption or credit",
        ),
        ("Council approves the budget\n{prose}Most talked about", "outside-article", "widget label or field"),
        ("Council approves the budget\n{prose}Print this page\nText size", "unrelated", "widget label or field"),
        ("Council approves the budget\nThe council approved the new budget on Tuesday after a ...\n{prose}", "teaser", "teaser"),
    ],
)  # fmt: skip
def test_template_shape_names_the_signals_and_the_kind(lint: Lint, lines: str, signal: str, kind: str) -> None:
    findings = lint(["BP020"], lines.format(prose=_PROSE))
    assert findings, lines
    assert all(f.code == "BP020" for f in findings)
    assert kind in findings[0].message and signal in findings[0].message.split("signals: ", 1)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Council approves the budget\n" + _PROSE,  # the headline
        "Council approves the budget\nThe first debate\n" + _PROSE,  # a subheading before prose
        (  # a subheading in capitals over a paragraph that runs into the next one (a lost paragraph break)
            "Council approves the budget\n" + _PROSE + "ROADS AND BRIDGES\nThe roads department gets most of the money, "
            "the treasurer told the council, and work on both river crossings starts in spring. SCHOOLS AND LIBRARIES\n"
            + _PROSE
        ),
        "Council approves the budget\n" + _PROSE + "Results\n1 Springfield (12)\n2 Shelbyville (9)\n3 Ogdenville (7)\n"
        "4 North Haverbrook (5)",  # a table after the article
        "Source: the figures come from the national statistics office, which revised them in May.",
        "Short notes\nNo prose here\nNothing to compare with",  # no prose: nothing to compare with
    ],
)
def test_template_shape_leaves_article_structure_alone(lint: Lint, text: str) -> None:
    assert lint(["BP020"], text) == []


def test_template_shape_recurring_title_lines_among_paragraphs(lint: Lint) -> None:
    inserted = ["Man Wins Lottery Twice in One Week", "Storm Closes Coastal Highway for Days",
                "Local Bakery Celebrates Fifty Years", "Zoo Welcomes Two New Penguin Chicks"]  # fmt: skip
    text = "Council approves the budget\n" + "".join(f"{_PROSE}{title}\n" for title in inserted) + _PROSE
    assert [f.excerpt for f in lint(["BP020"], text)] == inserted


def test_template_shape_title_case_does_not_count_in_german(lint: Lint) -> None:
    prose = (
        "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen, nachdem die Debatte fast den ganzen Tag "
        "gedauert hatte.\nDie Bürgermeisterin sagte, dass das Geld in den nächsten zwei Jahren für Schulen und "
        "Straßen ausgegeben werde.\n"
    )
    titles = ["Neue Brücke Über Den Fluss", "Schulen Bekommen Mehr Geld", "Straßen Werden Saniert Im Sommer",
              "Kritik Aus Der Opposition Bleibt"]  # fmt: skip
    text = "Stadtrat beschließt Haushalt\n" + "".join(f"{prose}{title}\n" for title in titles) + prose
    assert lint(["BP020"], text) == []


def test_template_shape_fix_is_unsafe_and_syndication_footer_fix_is_safe(lint: Lint) -> None:
    (shape,) = lint(["BP020"], "Council approves the budget\n" + _PROSE + "Source: Springfield Wire")
    assert shape.fix is not None and shape.fix.applicability is Applicability.UNSAFE
    (footer,) = lint(["BP021"], _PROSE + "The post Council approves the budget appeared first on Springfield Daily.")
    assert footer.fix is not None and footer.fix.applicability is Applicability.SAFE


@pytest.mark.parametrize(("code", "text"), [("BP010", "By Jane Doe"), ("BP013", "© 2023 Example Media"),
                                            ("BP014", "Photo: Jane Doe")])  # fmt: skip
def test_bylines_credits_and_copyright_lines_have_unsafe_fixes(lint: Lint, code: str, text: str) -> None:
    (finding,) = lint([code], _PROSE + text)
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE


def test_template_shape_link_signals_need_markup(lint: Lint) -> None:
    link = "[Bridge repairs start in spring](https://example.com/c)"
    text = "Council approves the budget\n\n" + _PROSE.replace("\n", "\n\n") + link + "\n"
    (linked,) = lint(["BP020"], text, "markdown")
    assert "link-text" in linked.message.split("signals: ", 1)[1]
    (plain,) = lint(["BP020"], text.replace(link, "Bridge repairs start in spring"))
    assert "link-text" not in plain.message


_LINKED_PAGE = (
    "<html><head><title>Council approves the budget | Gazette</title></head><body><h1>Council approves the budget</h1>"
    + "".join(f"<p>{line}</p>" for line in _PROSE.splitlines())
    + "<h3>Also worth reading</h3><ul><li><a href='/a'>Storm closes the coastal road</a></li>"
    "<li><a href='/b'>Bakery turns fifty</a></li><li><a href='/c'>Zoo welcomes two penguins</a></li></ul></body></html>"
)


def test_template_shape_on_html_is_opt_in_and_names_the_link_signals(lint: Lint) -> None:
    assert lint(["BP020"], _LINKED_PAGE, "html") == []  # off for HTML by default: the extractor rules decide there
    findings = lint(["BP020"], _LINKED_PAGE, "html", {"BP020": {"kinds": ["text", "markdown", "html"]}})
    by_excerpt = {f.excerpt: f.message.split("signals: ", 1)[1] for f in findings}
    assert "links-after" in by_excerpt["Also worth reading"]
    assert "link-text" in by_excerpt["Bakery turns fifty"]
    assert not any("Council approves" in excerpt for excerpt in by_excerpt)  # neither <title> nor the headline


def test_bp100_signals_come_a_row_per_block_made_as_read() -> None:
    page = PAGE.replace("two years.", "two years, and that the work on the first of the roads would start in May.")
    document = parse(decode(page.encode()), "text")
    rule = TemplateBlock()
    rule.setup(Lexicons())
    analysis = rule.analyse(document.blocks, rule.templated(document.blocks))
    rows = list(analysis.signals)
    assert len(rows) == len(document.blocks) and {len(row) for row in rows} == {len(SIGNALS)}
    good = list(SIGNALS).index("initially-good")
    assert analysis.first_good == next(i for i, row in enumerate(rows) if row[good]) > 0
    assert list(analysis.signals) == []  # none is kept: read once
