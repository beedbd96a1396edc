"""MT023: a sentence or clause in another language, by offline language identification.

Identification uses py3langid (langid.py's model, shipped in its wheel, imported on first use;
``langid_model`` keeps it unpacked in the user's cache).
Measured on 3,180 German, French, Spanish, Polish and Portuguese sentences and 3,000 English
ones (edited news and MT output) against lingua-language-detector 2.1: py3langid loads in
1.4 s and 130 MB and classifies a sentence in 0.28 ms; lingua needs 20 s and 1.3 GB with every
language (3.5 s and 0.7 GB with 25) and 0.9-2.5 ms per sentence, for the same accuracy (foreign
recall 0.97, English misread 0.2 % of full sentences, 2-8 % of four- to six-word fragments).
Because both misread short English fragments, the identifier only confirms stretches that
word lists already single out: dense in the function words of another language, sparse in
English ones. That also keeps the model from loading for almost every English article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterator, Mapping
from functools import cache
from typing import Any, ClassVar

from artlint.checks.translation import langid_model
from artlint.lexicon import Lexicons
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.segment import Sentence
from artlint.text.scan import FOREIGN_LETTER, neighbours
from artlint.text.words import known_words

_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”«»„]|\s[-–—]\s|—")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_SPACE = re.compile(r"\s")
_LETTER = re.compile(r"[^\W\d_]")
_QUOTES = {'"': '"', "“": "”", "«": "»", "„": "“"}
# A lower-case word of Latin letters with at least one outside ASCII (þ, ð, æ, ó, ł ...).
_ACCENTED_WORD = re.compile(r"(?<![\w@#/.'’\-&])[^\W\d_A-Z]*[^\x00-\x7f\W\d_][^\W\d_]*(?![\w@/'’\-&]|\.\w)")
_PLAIN_WORD = r"(?<![\w@#/.'’\-&])[a-z]+(?![\w@/'’\-&]|\.\w)"  # compiled by the first article with accented words
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

Found = tuple[str, float]  # the language's code and the probability of English


@cache
def _identifier() -> Any:
    """The py3langid identifier (imported and loaded on first use)."""
    return langid_model.identifier()


def _likeliest(chunk: str) -> tuple[str, float]:
    """The likeliest language of ``chunk``, and the probability of English (from a ranking of
    some 100 languages, of which nothing else is kept)."""
    ranked = _identifier().rank(chunk)
    return str(ranked[0][0]), float(next((p for code, p in ranked if code == "en"), 0.0))


class ForeignLanguage(Rule):
    """A sentence or clause in another language"""

    code = "MT023"
    needs = r"[^\W\d_]"
    name = "foreign-language"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.SENTENCE
    defaults: ClassVar[Mapping[str, Any]] = {
        "min-words": 4,
        "min-lowercase-share": 0.3,
        "max-english-share": 0.2,
        "min-foreign-share": 0.15,
        "max-english-probability": 0.01,
        "min-letter-share": 0.8,
        "min-word-letters": 4,
        "min-plain-word-letters": 6,
        "min-accented-words": 2,
        "max-word-english-probability": 0.015,
        "max-quoted-words": 8,
        "english-words": "function-words",
        "foreign-words": "foreign-function-words",
        "languages": "language-names",
    }
    why = (
        "A machine-translation pipeline leaves a sentence or a clause untranslated when the "
        "system fails on it or the input mixed languages; the English article then carries a "
        "line of German or French. A stretch (a sentence, or a clause between commas, brackets "
        "or quotation marks) is a candidate when it has at least four lower-case words, few "
        "English function words and many of another language's; it is reported when offline "
        "language identification gives English a probability under 1 %. Capitalised names and "
        "titles (Le Monde, Süddeutsche Zeitung), short quoted titles, URLs and code-like text "
        "are not reported. A lower-case word with letters outside English's alphabet that no "
        "dictionary knows is reported on its own; in an article with `min-accented-words` such words "
        "(so text was left untranslated), so is a plain word of `min-plain-word-letters` or more "
        "that no dictionary knows, that is not one letter from a word it knows (a typo), and that "
        "language identification gives English a probability under `max-word-english-probability`; "
        "0 turns that off."
    )
    fires = (
        "⟦Die Regierung hat die neuen Regeln am Montag beschlossen und sich nicht geäußert.⟧",
        "The minister said, ⟦nous ne sommes pas en guerre avec qui que ce soit⟧, before leaving.",
        "Police used ⟦táragas⟧ and rubber bullets against the ⟦mótmælendur⟧ on Friday.",
        "Police used ⟦táragas⟧ against ⟦mótmælendur⟧ outside the ⟦radhusinu⟧ on Friday.",
    )
    silent = (
        "Le Monde and the Süddeutsche Zeitung both reported the deal on Monday.",
        "The motto of the festival, “la vie est belle et douce”, was printed on every poster.",
        "Stocks rose sharply after strong quarterly earnings from major banks.",
        "The naïve café owner met José Müller and his fiancée at the façade of the Zürich résumé fair.",
        "Diners ordered gravlax and smorgasbord at the new bistro near the townhouses.",
        "The lineup: H Shimange, CJ van der Linde, G Britz, D Rossouw, G du Toit, J de Villiers.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        self._english = frozenset(w.lower() for w in lexicons.phrases(self.params["english-words"]))
        lists = lexicons.table(self.params["foreign-words"])["languages"].values()
        self._foreign = [frozenset(words) - self._english for words in lists]
        self._any_foreign: frozenset[str] = frozenset().union(*self._foreign)
        self._names: Mapping[str, str] = lexicons.table(self.params["languages"])["names"]

    def check(self, unit: Sentence, ctx: Context) -> Iterator[Report]:
        text = ctx.analysis.without_addresses(unit)
        if not self._foreign_enough(text):
            yield from self._foreign_words(unit, text, ctx)
            return
        clauses = list(_clauses(text))
        foreign = [
            (start, end, found)
            for start, end in clauses
            if self._candidate(text, start, end) and (found := self._language(text[start:end], ctx))
        ]
        whole = self._language(text, ctx) if self._candidate(text, 0, len(text)) else None
        if whole and (not foreign or not self._english_clause(text, clauses, foreign)):
            yield self._report(ctx, unit.start, unit.end, "sentence", whole)
            return
        for start, end, found in foreign:
            yield self._report(ctx, unit.start + start, unit.start + end, "clause", found)
        if not foreign:
            yield from self._foreign_words(unit, text, ctx)

    def _foreign_words(self, unit: Sentence, text: str, ctx: Context) -> Iterator[Report]:
        """Lower-case words with letters outside English's alphabet that are not English words and,
        in an article with `min-accented-words` of those, plain words that language identification
        does not read as English."""
        message = "'{}' is not an English word ({}); translate it"
        if not text.isascii():
            for start, end in self._accented_words(text):
                yield ctx.report(unit.start + start, unit.start + end, message.format(text[start:end], "its letters are another language's"))
        if self.params["max-word-english-probability"] > 0 and ctx.analysis.derived((self.code, "accented"), lambda: self._has_accented_words(ctx)):
            for match in re.finditer(_PLAIN_WORD, text):
                if self._untranslated(match.group(), ctx):
                    yield ctx.report(unit.start + match.start(), unit.start + match.end(),
                                     message.format(match.group(), "the article has words of another language and this reads as one"))

    def _accented_words(self, text: str) -> Iterator[tuple[int, int]]:
        known = known_words()
        for match in _ACCENTED_WORD.finditer(text):
            word = match.group()
            if not word[0].islower() or len(word) < self.params["min-word-letters"] or FOREIGN_LETTER.search(word):
                continue
            plain = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
            if plain not in known and plain.removesuffix("s") not in known:
                yield match.span()

    def _has_accented_words(self, ctx: Context) -> bool:
        """Whether the article has `min-accented-words` different words ``_accented_words`` finds
        (one alone may be a loanword: "brûlée")."""
        found: set[str] = set()
        for sentence in ctx.analysis.sentences:
            if not sentence.text.isascii():
                text = ctx.analysis.without_addresses(sentence)
                found.update(text[start:end] for start, end in self._accented_words(text))
                if len(found) >= self.params["min-accented-words"]:
                    return True
        return False

    def _untranslated(self, word: str, ctx: Context) -> bool:
        """Whether a plain lower-case word is no English word, nor one letter from one (a typo), and
        language identification gives English under `max-word-english-probability`."""
        if len(word) < self.params["min-plain-word-letters"]:
            return False
        known = known_words()
        if word in known or word.removesuffix("s") in known or _one_letter_from(word, known):
            return False
        _, english = ctx.analysis.derived((self.code, word), lambda: _likeliest(word))
        return bool(english < self.params["max-word-english-probability"])

    def _candidate(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is prose dense in another language's function words."""
        chunk = text[start:end]
        words = _WORD.findall(chunk)
        lower = [w for w in words if w[0].islower() and len(w) > 1]
        if len(lower) < max(self.params["min-words"], self.params["min-lowercase-share"] * len(words)):
            return False
        if self._share(words) > self.params["max-english-share"]:
            return False
        foreign = max(sum(map(vocabulary.__contains__, lower)) for vocabulary in self._foreign)
        if foreign < self.params["min-foreign-share"] * len(lower):
            return False
        if FOREIGN_LETTER.search(chunk) or _letter_share(chunk) < self.params["min-letter-share"]:
            return False
        return not (_quoted(text, start, end) and len(words) <= self.params["max-quoted-words"])

    def _foreign_enough(self, sentence: str) -> bool:
        """Whether ``sentence`` has enough of one language's function words for any of its
        stretches to be a candidate (a cheap test that rules out almost every English sentence)."""
        words = _WORD.findall(sentence)
        needed = self.params["min-foreign-share"] * self.params["min-words"]
        if needed > 0 and self._any_foreign.isdisjoint(words):  # most English sentences
            return False
        hits = [w for w in words if w in self._any_foreign and w[0].islower() and len(w) > 1]
        return len(hits) >= needed and any(sum(map(vocabulary.__contains__, hits)) >= needed for vocabulary in self._foreign)

    def _english_clause(self, text: str, clauses: list[tuple[int, int]], foreign: list[tuple[int, int, Found]]) -> bool:
        """Whether a clause outside ``foreign`` reads as English (two or more words, dense in function words)."""
        flagged = {(start, end) for start, end, _ in foreign}
        for start, end in clauses:
            words = _WORD.findall(text[start:end])
            if (
                (start, end) not in flagged
                and len(words) >= 2
                and self._share(words) > self.params["max-english-share"]
            ):
                return True
        return False

    def _share(self, words: list[str]) -> float:
        """The share of English function words among ``words``."""
        return sum(map(self._english.__contains__, map(str.lower, words))) / len(words)

    def _language(self, chunk: str, ctx: Context) -> Found | None:
        """The most likely language and the probability of English, if English is unlikely."""
        language, english = ctx.analysis.derived((self.code, chunk), lambda: _likeliest(chunk))
        if language not in self._names or english >= self.params["max-english-probability"]:
            return None
        return language, english

    def _report(self, ctx: Context, start: int, end: int, what: str, found: Found) -> Report:
        code, english = found
        return ctx.report(
            start,
            end,
            f"This {what} reads as {self._names[code]}, not English (language "
            f"identification gives English {english:.1%}); translate it",
        )


def _one_letter_from(word: str, known: Container[str]) -> bool:
    """Whether a letter added, dropped or changed makes ``word`` a word of ``known``."""
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail and head + tail[1:] in known:
            return True
        for letter in _ALPHABET:
            if head + letter + tail in known or (tail and head + letter + tail[1:] in known):
                return True
    return False


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the stretches between clause punctuation, whitespace trimmed."""
    start = 0
    for match in [*_CLAUSE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            yield start + lead, start + trail
        if match:
            start = match.end()


def _letter_share(chunk: str) -> float:
    """The share of letters among the visible characters (low in code, paths, lists of figures)."""
    visible = len(chunk) - len(_SPACE.findall(chunk))
    return len(_LETTER.findall(chunk)) / visible if visible else 0.0


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is directly enclosed in quotation marks."""
    before, after = neighbours(text, start, end)
    return bool(before) and _QUOTES.get(before) == after
