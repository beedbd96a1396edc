"""TY003: no space after sentence punctuation or a comma between two words."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.patterns import UnicodePattern
from artlint.rule import Context, Report, Rule, Scope

# A mark between a word of two or more lower-case letters and the next word: ".T", ",d", ":t".
# Two letters after a full stop that are not an English word: a country domain in an outlet's
# name ("News.Az", "Report.Ge"), not a sentence glued on ("process.It").
_DOMAIN_TAIL = UnicodePattern(r"\.\p{Lu}\p{Ll}(?!\p{L})")
# A title abbreviation after the full stop is the start of the next sentence ("closed.Dr. Lee"), not a domain.
_TITLE = UnicodePattern(r"(?:Dr|Mr|Ms|St|Mt|Jr|Sr|Fr)\. \p{Lu}")
_TWO_LETTER_WORDS = frozenset([
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no",
    "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we",
])  # fmt: skip
# The mark first: re tries a pattern that opens with a lookbehind at every position (TY003 took
# six times longer than with regex); one that opens with a class only where the class matches.
_JOINED = UnicodePattern(
    r"[^\w\s](?:(?<=\p{Ll}{2}[.!?])”?(?=\p{Lu}\p{Ll})|(?<=\p{Ll}{2}[,;:])(?=\p{L}{2})"
    r"|(?<=[.!?][\"”])(?=\p{Lu}\p{Ll})|(?<=…[\"”])(?=\p{Lu}\p{Ll})"  # a closing quotation glued to the next sentence
    r"|(?<=\p{Ll}{3}\.)(?=(\p{Ll}{3,})[\s,;:]))"  # "addictive.writes": a lower-case sentence glued on
)
# What follows a full stop inside a name, not a sentence: web domains and file extensions.
_NAME_TAILS = frozenset([
    "com", "org", "net", "gov", "edu", "biz", "info", "int", "mil", "mobi", "html", "htm", "php", "asp",
    "aspx", "exe", "txt", "pdf", "doc", "docx", "jpg", "jpeg", "png", "gif", "mp3", "mp4", "zip",
])  # fmt: skip


class MissingSpaceAfterPunctuation(Rule):
    """No space after a full stop, question or exclamation mark, comma, colon or semicolon"""

    code = "TY003"
    needs = (r"""[.!?,;:"”]""", r"[^\W\d_]")
    name = "missing-space-after-punctuation"
    family = Family.TYPOGRAPHY
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    why = (
        'Sentences glued together ("the process.This is") come from pipelines that join lines '
        "or segments without a separator, and from careless editing. Search engines and "
        "screen readers then see one word. Reported when the mark follows a word of two or more "
        "lower-case letters and a word follows it directly (a capitalised one after . ! ?, or a "
        "lower-case word of three letters or more after a full stop that follows three), when a "
        "closing quotation mark after . ! ? touches a capitalised word, so "
        "abbreviations (e.g., U.S.), decimals, times and ratios are not; neither are URLs, "
        "e-mail addresses and domain names, nor outlet names ending in a country domain (News.Az), unless a title such as \"Dr.\" follows (\"the ward closed.Dr. Lee\"). The fix inserts a space; review it, since a product "
        "name can be written this way on purpose."
    )
    fires = (
        "Bees do this process⟦.⟧This is smarter than it looks.",
        "The head of research at analyst firm Gartner⟦,⟧downloaded the program.",
        "That's where it's clever⟦.⟧It's called obsidian⟦;⟧nobody knew.",
        "The pills were addictive⟦.⟧writes the author. He paused...⟦\"⟧This is it.\"",
        "The ward closed in May⟦.⟧Dr. Lee moved to another hospital.",
    )
    silent = (
        "The U.S. and the e.g. abbreviation, 10:30 and 1,000 and 3.5 are fine.",
        "Write to news@example.com or visit www.example.com/News.Today for more.",
        "Baku-based News.Az and Trend.Az reported it; see index.html and Amazon.com today.",
    )

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        text = unit.text
        for match in ctx.analysis.prose_matches(_JOINED, text):
            tail = _DOMAIN_TAIL.match(text, match.start())
            if tail and text[match.end() : tail.end()].lower() not in _TWO_LETTER_WORDS and not _TITLE.match(text, match.end()):
                continue
            if match.group(1) in _NAME_TAILS:
                continue
            start, end = unit.start + match.start(), unit.start + match.end()
            mark = match.group()
            yield ctx.report(
                start,
                end,
                f"No space after '{mark}' before the next word; insert one",
                fix=ctx.replace(end, end, " ", safe=False, description="Insert a space"),
            )
