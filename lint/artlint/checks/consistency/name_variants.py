"""CN005: one name spelt two ways, found without a lexicon."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.segment import Sentence
from artlint.text.tokens import Word
from artlint.text.words import Dictionary, known_words, stopwords

_JOINERS = "-'’."
_NUMBERED = re.compile(r"\d+-(?=[^\W\d_])")  # a shirt or list number joined to a name
_OPENERS = "\"“‘'(:—–"
_WORDS = r"[^\W\d_]+"  # patterns compiled on first use (re's cache): few articles need them
_ROMAN = r"\b[IVXLC]+\b"  # a Roman numeral word: "Episode VII", "Volume IV"
_SHOUT_LETTERS = 6  # an all-capitals word this long is shouting, not an abbreviation
# Bounds of the search for names two letters apart: a key's deletions grow with the square of its
# length, and the forms met under one deletion are compared with each other.
_LONGEST_NAME = 24
_BUCKET = 8


class _Form:
    """One written form of a name and where it occurs (a plain class: a dataclass with slots
    costs about 3 ms of every start-up to create)."""

    __slots__ = ("proper", "spans", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.proper = False  # seen capitalised away from the start of a sentence or quotation

    @property
    def first(self) -> int:
        return self.spans[0][0]


@lru_cache(maxsize=1 << 16)
def letters(text: str) -> str:
    """Lower-case letters of ``text`` without accents, hyphens, apostrophes, full stops or spaces."""
    plain = text if text.isascii() else unicodedata.normalize("NFKD", text)
    return "".join(filter(str.isalnum, plain.lower()))


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inner edit: a substitution, insertion, deletion or swap.

    Edits of the first letter (a different name: "Hutton", "Sutton") and endings that inflect
    ("Germans", "Germany") do not count; only "-i"/"-y" may differ at the end ("-ski", "-sky").
    """
    if a == b or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return i < len(a) and a[i:] == b[i + 1 :]
    if i == len(a) - 1:
        return {a[i], b[i]} == {"i", "y"}
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]


# Letters that transliterations of one name trade: vowels, and consonants of a like sound.
_LIKE_SOUNDS = tuple(frozenset(group) for group in ("aeiouy", "ckqgj", "csz", "fvw", "bp", "dt"))


def _like(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _LIKE_SOUNDS)


def two_edits(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by up to two inner edits, as two transliterations of one name
    do: one or two letters traded for letters of a like sound, or one traded and one added or dropped
    ("Chunli", "Chongli"; "Kochihara", "Kojihara"). Both keep their first two and their last
    letter ("Ioannis" and "Ioannidis" are two names; so are "Kanuma" and "Kasama")."""
    if abs(len(a) - len(b)) > 1 or a[:2] != b[:2] or a[-1] != b[-1]:
        return False
    if len(a) == len(b):
        traded = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(traded) <= 2 and all(_like(x, y) for x, y in traded)
    # one letter added: edits cost 1, a trade of like sounds 1, any other trade more than two
    previous = list(range(len(b) + 1))
    for i, ch in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            trade = 0 if ch == other else 1 if _like(ch, other) else 3
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + trade))
        previous = current
    return previous[-1] <= 2


def _deletions(key: str, depth: int = 1) -> set[str]:
    """``key`` and the strings made from it by deleting up to ``depth`` letters."""
    found = {key}
    for _ in range(depth):
        found |= {k[:i] + k[i + 1 :] for k in found for i in range(len(k))}
    return found


def _shouted(words: list[Word], index: int) -> bool:
    """Whether the word, in capitals, is in a run of capitals ("ADVANCE WARS") or long enough to be shouting."""
    text = words[index].text
    neighbours = (words[j].text for j in (index - 1, index + 1) if 0 <= j < len(words))
    return sum(map(str.isalpha, text)) >= _SHOUT_LETTERS or any(n.isupper() and len(n) > 1 for n in neighbours)


class NameVariants(Rule):
    """One name written two ways in one article ("Khodorkovsky" and "Khodorkovski", "YouTube" and "Youtube")"""

    code = "CN005"
    name = "name-variants"
    family = Family.CONSISTENCY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    defaults: ClassVar[Mapping[str, Any]] = {
        "min-length": 6,
        "two-letter-length": 6,
        "known-variants": ["term-variants", "abbreviations", "transliterations"],
        "exceptions": "name-variant-exceptions",
        "titles": [
            "mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor", "president",
            "minister", "king", "queen", "prince", "princess", "pope", "saint", "st", "general", "gen", "captain",
            "coach", "judge", "senator", "sen", "rep", "governor", "gov", "mayor", "chancellor", "secretary",
            "chief", "sheikh", "imam", "rabbi", "father", "rev", "bishop", "the",
        ],
    }  # fmt: skip
    why = (
        "A name spelt two ways makes readers wonder whether two people are meant, and usually shows "
        "that text from two sources or two translations was merged. Without a lexicon, two forms "
        "seen capitalised inside a sentence are one name written two ways when they differ only in "
        "capitalisation (\"YouTube\", \"Youtube\"), only in hyphens, apostrophes, full stops or spaces "
        "(\"Al-Jazeera\", \"Al Jazeera\"), or, for names of at least `min-length` letters, by one inner "
        "letter (\"Khodorkovsky\", \"Khodorkovski\") unless both are known English words or names "
        "(\"Clayton\", \"Clapton\"); two-word and hyphenated names count when they share their "
        "first word and it is not a title (\"Marcel Koller\", \"Marcel Kohler\"; \"Al Ahly\", "
        "\"Al-Ahli\"), since a first name ties known surnames to one person. Single-word names of at least "
        "`two-letter-length` letters that no dictionary knows also count when they trade one or two "
        "letters for letters of a like sound (vowels; c, k, g, j; s, z; f, v, w; b, p; d, t), one of "
        "them perhaps with a letter added or dropped, and keep their first two and last letters "
        "(\"Chunli\", \"Chongli\"), even where one is seen only at the start of a sentence; 0 turns "
        "this off. Other figures or Roman numerals (\"Episode IV\", \"Episode VI\"), inflections (\"Iraq\", \"Iraqi\"; \"Germans\", \"Germany\"), text in "
        "capitals, and look-alikes listed in rules/lexicons/name-variant-exceptions.txt are left alone. "
        "The form used most is the article's; on a tie, the one whose words the dictionary knows, else the "
        "one used first."
    )
    fires = (
        "Mikhail Khodorkovsky was jailed. Lawyers for Mr ⟦Khodorkovski⟧ said Khodorkovsky would appeal.",
        "Clips on YouTube spread fast, and ⟦Youtube⟧ said it removed some; YouTube keeps the rest.",
        "The Al-Jazeera channel aired it. The ⟦Al Jazeera⟧ network said Al-Jazeera would not comment.",
        "Coach Marcel Koller spoke. Later, Marcel Koller and ⟦Marcel Kohler⟧ were both quoted.",
        "Floods hit Kochimura on Monday. Roads into Kochimura closed, and ⟦Kojimura⟧ was cut off.",
    )
    silent = (
        "Iraq and Iraqi officials met. Mr Brown and Mr Browne spoke to Germans in Germany.",
        "Shares rose. Shared concerns remained among investors.",
        "Hutton beat Sutton, and Clapton thanked Clayton; Mr Clapton and Mr Clayton agreed.",
        "ADVANCE WARS (Nintendo) is back, and Advance Wars fans are happy.",
        "Mayors from Sakura and Sakuma met, and Ioannis Ioannidis chaired the talks.",
        "Critics preferred Volume IV of the memoirs; Volume VI sold better.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        self._stop = stopwords(lexicons)
        self._known = self._known_keys(lexicons)

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        forms = self._forms(unit, ctx)
        known = self._known
        pairs: dict[str, tuple[_Form, str]] = {}
        for a, b, how in self._candidates(forms):
            if letters(a.text) in known and letters(b.text) in known:
                continue
            major, minor = sorted((a, b), key=_rank)
            if (len(a.spans) == len(b.spans) and a.text.lower() != b.text.lower()
                    and _spelt(minor) and not _spelt(major)):
                major, minor = minor, major  # a tie: the spelling the dictionary knows is the name's
            current = pairs.get(minor.text)
            if current is None or _rank(major) < _rank(current[0]):
                pairs[minor.text] = (major, how)
        found = ((start, end, minor) for minor in pairs for start, end in forms[minor].spans)
        for start, end, text in _outermost(found):
            major, how = pairs[text]
            first = major.spans[0]
            yield ctx.report(
                start,
                end,
                f"'{text}' is written '{major.text}' elsewhere in this article "
                f"({len(major.spans)}x, {how}); use one spelling of the name",
                fix=ctx.replace(start, end, major.text, safe=False, description=f"Use '{major.text}'"),
                related=[(first[0], first[1], f"'{major.text}' is the form used most in this article")],
            )

    def _known_keys(self, lexicons: Lexicons) -> frozenset[str]:
        """Letter keys of names CN001-CN003 already compare, and of the listed look-alikes."""
        sources = (self.params["exceptions"], *self.params["known-variants"])
        known = {letters(p) for p in lexicons.phrases(sources[0])}
        for name in sources[1:]:
            known.update(letters(form) for group in lexicons.table(name).get("groups", []) for form in group)
        return frozenset(known)

    def _forms(self, document: Document, ctx: Context) -> dict[str, _Form]:
        """Capitalised words and two-word names (``Al Jazeera``), by written form."""
        forms: dict[str, _Form] = {}
        stop = self._stop
        for sentence in ctx.analysis.sentences:
            words = ctx.analysis.words(sentence)
            block = sentence.block
            urls = ctx.analysis.protected(block.text)
            urls_here = bool(urls)  # most blocks have none: no look-up per word
            previous: tuple[int, int, str] | None = None  # the name word before: start, end, text
            last = -2
            # Only words with a capital letter can be names: most words are skipped in one pass.
            for index in [i for i, w in enumerate(words) if w.text != w.lower]:
                word = words[index]
                if index != last + 1:  # a word without capitals came between
                    previous = None
                last = index
                text = word.text.rstrip(_JOINERS).removesuffix("'s").removesuffix("’s")
                start = word.start
                if text[:1].isdigit():  # a number before a name ("12-Jossimar"), or a figure ("2.4Mbps")
                    numbered = _NUMBERED.match(text)
                    cut = numbered.end() if numbered else len(text)
                    text, start = text[cut:], start + cut
                end = start + len(text)
                if (
                    not text
                    or text.lower() in stop
                    or (word.text.isupper() and _shouted(words, index))
                    or (urls_here and urls.covers(start - block.start, end - block.start))
                ):
                    previous = None
                    continue
                proper = index > 0 and not _opens(sentence, word)
                if len(letters(text)) >= 3:
                    self._add(forms, text, start, end, proper)
                if previous is not None and start == previous[1] + 1 and document.plain[previous[1]] == " ":
                    self._add(forms, f"{previous[2]} {text}", previous[0], end, proper)
                previous = (start, end, text)
        return forms

    @staticmethod
    def _add(forms: dict[str, _Form], text: str, start: int, end: int, proper: bool) -> None:
        form = forms.get(text)
        if form is None:
            form = forms[text] = _Form(text)
        form.spans.append((start, end))
        form.proper = form.proper or proper

    def _candidates(self, forms: dict[str, _Form]) -> Iterator[tuple[_Form, _Form, str]]:
        """Pairs of forms of one name, found through index keys (never all pairs of forms)."""
        by_letters: dict[str, list[_Form]] = defaultdict(list)
        for form in forms.values():
            if form.proper:
                by_letters[letters(form.text)].append(form)
        for group in by_letters.values():
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if " " in a.text and " " in b.text:
                        continue
                    same_letters = a.text.lower() == b.text.lower()
                    yield a, b, "other capitals" if same_letters else "other punctuation or spacing"
        # Keys one edit apart share a key with one letter deleted: each key meets the earlier
        # keys of its deletions as it is indexed.
        by_deletion: dict[str, list[str]] = {}
        seen: set[tuple[str, str]] = set()
        paired: set[str] = set()
        dictionary: Dictionary | None = None
        titles = frozenset(self.params["titles"])
        for key, group in by_letters.items():
            if len(key) < self.params["min-length"] or len({_head(f.text) for f in group}) > 1:
                continue
            for variant in _deletions(key):
                earlier = by_deletion.get(variant)
                if earlier is None:  # most deletions: the first key that has it
                    by_deletion[variant] = [key]
                    continue
                for one in earlier:
                    if (one, key) in seen or not one_edit(one, key) or not _comparable(by_letters[one][0].text, group[0].text, titles):
                        continue
                    if _numbers(by_letters[one][0].text) != _numbers(group[0].text):
                        continue
                    seen.add((one, key))
                    paired.update((one, key))
                    dictionary = dictionary or known_words()
                    if one not in dictionary or key not in dictionary:
                        yield by_letters[one][0], group[0], "one letter apart"
                earlier.append(key)
        yield from self._two_apart(forms, paired)

    def _two_apart(self, forms: dict[str, _Form], paired: set[str]) -> Iterator[tuple[_Form, _Form, str]]:
        """Single-word names two letters apart that no dictionary knows and that have no closer variant
        ("Chunli", "Chongli"). A word no dictionary knows is a name even at the start of a sentence,
        so one of the two may have been seen only there. Keys two edits apart share a key with up
        to two letters deleted."""
        if self.params["two-letter-length"] <= 0:
            return
        dictionary = known_words()
        by_deletion: dict[str, list[_Form]] = {}
        seen: set[tuple[str, str]] = set()
        for form in forms.values():
            key = letters(form.text)
            if (not self.params["two-letter-length"] <= len(key) <= _LONGEST_NAME or key in paired
                    or not form.text.isalpha() or key in dictionary):
                continue
            for variant in _deletions(key, 2):
                earlier = by_deletion.setdefault(variant, [])
                for one in earlier:
                    pair = (letters(one.text), key)
                    if pair[0] != key and pair not in seen and (one.proper or form.proper) and two_edits(*pair):
                        seen.add(pair)
                        yield one, form, "letters of a like sound apart"
                if len(earlier) < _BUCKET:
                    earlier.append(form)


def _outermost(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans that no longer span overlaps, in text order: one slip in a two-word name ("Deportivo
    Alaveza") is reported once, not again for its second word ("Alaveza")."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if kept and span[0] < kept[-1][1]:
            continue  # inside (or overlapping) the longer span kept before it
        kept.append(span)
    return kept


def _numbers(text: str) -> tuple[str, list[str]]:
    """The figures and Roman numerals of a name: names that differ in them are other names, not
    other spellings ("Wetter10", "Wetter20"; "Part IV", "Part VI")."""
    return "".join(filter(str.isdigit, letters(text))), re.findall(_ROMAN, text)


def _head(text: str) -> str | None:
    """The first word of a name of two words or a hyphenated name ("Marcel", "Al"); ``None`` for one word."""
    for i, ch in enumerate(text):
        if ch in " -":
            return text[:i].lower()
    return None


def _comparable(a: str, b: str, titles: frozenset[str]) -> bool:
    """Whether forms one letter apart may be one name: single words, or names that share their first
    word ("Marcel Koller", "Marcel Kohler"; "Al Ahly", "Al-Ahli") when that word is not a title
    ("Mr", "President"), which many people share."""
    head = _head(a)
    if head is None and _head(b) is None:
        return True
    return head == _head(b) and head not in titles


def _spelt(form: _Form) -> bool:
    """Whether the dictionary knows every word of ``form`` ("Real Sociedad", not "Real Socieded")."""
    dictionary = known_words()
    return all(word in dictionary for word in re.findall(_WORDS, form.text.lower()))


def _rank(form: _Form) -> tuple[int, int]:
    """Orders the forms of a name: the one used most first, then the one used first."""
    return -len(form.spans), form.first


def _opens(sentence: Sentence, word: Word) -> bool:
    """Whether ``word`` starts a quotation or follows a colon or dash (where capitals are normal)."""
    text, i = sentence.text, word.start - sentence.start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] in _OPENERS
