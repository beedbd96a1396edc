"""CN030: a claim and its negation or opposite about one subject (and the optional NLI back end)."""

from collections import defaultdict
from collections.abc import Container, Iterable, Iterator, Mapping
from operator import attrgetter
from typing import Any, ClassVar, NamedTuple

from artlint.checks.consistency import nli
from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.segment import Sentence
from artlint.text.tokens import Word
from artlint.text.words import is_function, stem, stopwords

_REACH = 6  # words between a negation or opposite and what it is about
_COMPARED = 16  # earlier claims of one key a claim is compared with (keeps the rule linear)

_LOWER = attrgetter("lower")  # a Word's lower-cased text


class _Claim(NamedTuple):
    """What a sentence says at ``[start, end)``: ``key`` about ``subject``, asserted or not."""

    start: int
    end: int
    key: tuple[str, ...]
    side: int  # 0 asserted (or the first of an opposite pair), 1 negated (or the second)
    subject: str
    sentence: int


class ContradictingClaims(Rule):
    """A claim and its negation or opposite about the same subject ("X is at war" ... "X is not at war")"""

    code = "CN030"
    preview = True  # precision on real text below 0.8: see `python -m bench precision`
    name = "contradicting-claims"
    family = Family.CONSISTENCY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    defaults: ClassVar[Mapping[str, Any]] = {
        "antonyms": "antonyms",
        "aliases": "abbreviations",
        "model": "",
        "threshold": 0.9,
        "min-shared-names": 2,
    }
    why = (
        "An article that says a thing and its opposite, in two sentences or in one, cannot be "
        "trusted on either; translation and rewriting pipelines drop or add a \"not\" and swap "
        "verbs. A claim is two content words and the name before them (\"the United States ... at war "
        "with Iran\"); it is reported when another sentence, or another part of the sentence, says "
        "it with a negation (\"not\", \"never\", \"n't\") or with an opposite verb (\"confirmed\"/\"denied\", "
        "\"rose\"/\"fell\": rules/lexicons/antonyms.toml) about the same name (\"US\" is \"United States\"). "
        "With `model` set to the folder of a local natural-language-inference model (needs the "
        "packages transformers and torch; nothing is downloaded), pairs of sentences that share "
        "`min-shared-names` names are scored instead and pairs at or above `threshold` reported."
    )
    fires = (
        "Austin insisted the United States was not at war with Iran. Later he said the US is at ⟦war with Iran⟧.",
        "The ministry confirmed the strike on Monday. Hours later the ministry ⟦denied⟧ the strike.",
        "The minister did not resign his seat, and the minister ⟦resigned his seat⟧ in May.",
        "The bank said profits rose. Later the bank said profits ⟦fell⟧ sharply.",
    )
    silent = (
        "Austin insisted the United States was not at war with Iran. Iran says it is not at war either.",
        "The ministry confirmed the strike. The rebels denied the strike.",
        "Shares in BP rose. Shares in Shell fell.",
        "Mr Smith did not win the seat. Mrs Jones won the seat.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        self._classes = self._word_classes(lexicons)
        self._stop = stopwords(lexicons)
        self._scorer: nli.ContradictionScorer | None = None
        if self.params["model"]:
            self._scorer = nli.load_scorer(self.params["model"], f"[rules.{self.spec.code}]")

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        if self._scorer is not None:
            yield from self._scored(unit, ctx, self._scorer)
            return
        classes = self._classes
        read = [(s, ctx.analysis.prose_words(s)) for s in ctx.analysis.sentences if not s.text.rstrip().endswith("?")]
        # A claim can only be opposed by one with the same key from a sentence with a negation or
        # an opposite word: those sentences are read first, and elsewhere only claims with their keys.
        marked = {s.index: list(_claims(s, words, classes)) for s, words in read if classes.may_oppose(words)}
        keys = {claim.key for claims in marked.values() for claim in claims}
        # Other sentences have no opposite word, so their claims open with a word whose stem
        # opens one of the keys: a sentence without one is not read further.
        openers = frozenset(key[1] for key in keys)
        seen: dict[tuple[str, ...], list[_Claim]] = defaultdict(list)
        for sentence, words in read:
            claims: Iterable[_Claim] | None = marked.get(sentence.index)
            if claims is None:
                if openers.isdisjoint(map(stem, map(_LOWER, words))):
                    continue
                claims = _claims(sentence, words, classes, keys)
            reported = False
            for claim in claims:
                bucket = seen[claim.key]
                other = next((c for c in reversed(bucket[-_COMPARED:]) if _opposed(c, claim)), None) if bucket else None
                if other is not None and not reported:
                    reported = True
                    said = unit.plain[other.start : other.end]
                    yield ctx.report(
                        claim.start,
                        claim.end,
                        f"'{unit.plain[claim.start : claim.end]}' contradicts '{said}' about {claim.subject.title()} "
                        "earlier in this article; check which is right",
                        related=[(other.start, other.end, "the opposite claim")],
                    )
                bucket.append(claim)

    def _word_classes(self, lexicons: Lexicons) -> "_Words":
        antonyms = lexicons.table(self.params["antonyms"])
        negations = frozenset(antonyms["negations"])
        aliases = lexicons.table(self.params["aliases"]).get("aliases", {})
        return _Words(
            stop=stopwords(lexicons) - negations,
            negations=negations,
            pronouns=frozenset(antonyms["pronouns"]),
            opposites=_opposites(antonyms["pairs"]),
            aliases={k.lower(): v.lower() for k, v in aliases.items()},
        )

    def _scored(self, document: Document, ctx: Context, scorer: nli.ContradictionScorer) -> Iterator[Report]:
        """Sentence pairs that share names, scored by the NLI model."""
        stop = self._stop
        sentences = ctx.analysis.sentences
        by_name: dict[str, list[int]] = defaultdict(list)
        pairs: list[tuple[int, int]] = []
        for sentence in sentences:
            shared: dict[int, int] = defaultdict(int)
            for name in _names(ctx.analysis.words(sentence), stop):
                for earlier in by_name[name][-_COMPARED:]:
                    shared[earlier] += 1
                by_name[name].append(sentence.index)
            pairs += [(e, sentence.index) for e, n in shared.items() if n >= self.params["min-shared-names"]]
        if not pairs:
            return
        scores = scorer.contradiction([(sentences[a].text, sentences[b].text) for a, b in pairs])
        for (a, b), score in zip(pairs, scores):
            if score >= self.params["threshold"]:
                first, second = sentences[a], sentences[b]
                yield ctx.report(
                    second.start,
                    second.end,
                    f"this sentence contradicts an earlier one (NLI score {score:.2f}); check which is right",
                    related=[(first.start, first.end, "the sentence it contradicts")],
                )


def _opposites(pairs: list[list[str]]) -> dict[str, list[tuple[int, int]]]:
    """Each word of an opposite pair with its pairs and sides ("denied" opposes "confirmed" and "admitted")."""
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for index, pair in enumerate(pairs):
        for side, word in enumerate(pair):
            found[word].append((index, side))
    return dict(found)


def _opposed(a: _Claim, b: _Claim) -> bool:
    return a.side != b.side and a.subject == b.subject and (a.sentence != b.sentence or a.end <= b.start)


def _names(words: list[Word], stop: frozenset[str]) -> set[str]:
    """Capitalised words other than function words: who and where a sentence is about."""
    return {stem(w.lower) for w in words if w.text[:1].isupper() and not is_function(w, stop)}


class _Words(NamedTuple):
    """The word classes claims are read with."""

    stop: frozenset[str]
    negations: frozenset[str]
    pronouns: frozenset[str]
    opposites: Mapping[str, list[tuple[int, int]]]
    aliases: Mapping[str, str]

    def may_oppose(self, words: list[Word]) -> bool:
        """Whether a sentence with ``words`` can make a negated or an opposite claim."""
        lowers = [w.lower for w in words]
        return (not self.negations.isdisjoint(lowers) or not self.opposites.keys().isdisjoint(lowers)
                or "n't " in " ".join(lowers) + " ")  # a word ending in "n't"

    def roles(self, words: list[Word]) -> tuple[list[bool], list[bool]]:
        """Per word: whether it is a negation, and whether it is a negation or function word."""
        negations, stop = self.negations, self.stop
        negated = [w.lower in negations or w.lower.endswith("n't") for w in words]
        filler = [n or is_function(w, stop) for w, n in zip(words, negated)]
        return negated, filler


def _subject(words: list[Word], index: int, classes: _Words, negated: list[bool], filler: list[bool]) -> tuple[str, int | None]:
    """Who the claim at ``words[index]`` is about, and the negation between them if any.

    Only function words and negations may stand between the subject and the claim ("the United
    States was not at war"): the subject is the nearest other word before it, a name ("United
    States" → "us") or a noun ("the ministry" → "ministry"); '' for a pronoun or nothing near.
    """
    cue = None
    back = index - 1
    while back >= 0 and filler[back] and index - back <= _REACH:
        if negated[back]:
            cue = back
        back -= 1
    if back < 0 or index - back > _REACH or words[back].lower in classes.pronouns:
        return "", cue
    if not words[back].text[:1].isupper():
        return stem(words[back].lower), cue
    start = back
    while start > 0 and words[start - 1].text[:1].isupper() and back - start < 2:
        start -= 1
    name = " ".join(w.text for w in words[start : back + 1]).lower()
    return classes.aliases.get(name, classes.aliases.get(name.split()[-1], name)), cue


def _claims(sentence: Sentence, words: list[Word], classes: _Words,
            keys: Container[tuple[str, ...]] | None = None) -> Iterator[_Claim]:
    """Claims of one sentence ("SUBJECT [not] PREDICATE ... OBJECT"), in text order; with ``keys``,
    only the claims with one of them."""
    negated, filler = classes.roles(words)
    content = [i for i, f in enumerate(filler) if not f]
    for position, first in enumerate(content):
        following = content[position + 1] if position + 1 < len(content) else None
        second = following if following is not None and following - first <= 3 else None
        word = words[first]
        if word.text[:1].isupper() or word.lower in classes.pronouns:
            continue
        if word.lower in classes.opposites:
            thing = stem(words[second].lower) if second is not None and not words[second].lower.endswith("ly") else ""
            sides = [(("opposite", str(pair), thing), side) for pair, side in classes.opposites[word.lower]]
            if keys is not None and not any(key in keys for key, _ in sides):
                continue
            subject, cue = _subject(words, first, classes, negated, filler)
            for key, side in sides if subject and cue is None else ():
                yield _Claim(word.start, word.end, key, side, subject, sentence.index)
            continue
        if second is None:
            continue
        key = ("claim", stem(word.lower), stem(words[second].lower))
        if keys is not None and key not in keys:
            continue
        subject, cue = _subject(words, first, classes, negated, filler)
        if not subject:
            continue
        start = word.start if cue is None else words[cue].start
        yield _Claim(start, words[second].end, key, 0 if cue is None else 1, subject, sentence.index)
