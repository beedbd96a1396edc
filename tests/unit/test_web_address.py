"""The one web-address detector (artlint.text.spans): URLs, e-mail addresses, domain names."""

from __future__ import annotations

from artlint.text.spans import Protected, has_link, has_web_address, url_end, web_address


def test_a_sentence_end_glued_to_a_capitalised_word_is_no_domain() -> None:
    for text in ("It was time.Comments are closed.", "he said.It rained", "Awww.Great news"):
        assert not Protected(text) and not has_web_address(text)


def test_urls_addresses_and_domains_are_found_with_their_kind() -> None:
    text = "See bbc.co.uk, https://example.org/a?b=1 or write to jo@example-news.com."
    assert [(m.lastgroup, m.group()) for m in web_address().finditer(text)] == [
        ("domain", "bbc.co.uk"), ("url", "https://example.org/a?b=1"), ("email", "jo@example-news.com")]
    assert has_link("write to jo@example-news.com") and not has_link("see bbc.co.uk")


def test_a_url_ends_before_the_punctuation_that_follows_it() -> None:
    for text, url in (("(see https://example.org/a).", "https://example.org/a"),
                      ("At https://en.example.org/wiki/Foo_(bar).", "https://en.example.org/wiki/Foo_(bar)")):
        match = web_address().search(text)
        assert match is not None and text[match.start() : url_end(text, match.start(), match.end())] == url
