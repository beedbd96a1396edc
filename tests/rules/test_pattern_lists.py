"""The pattern kind's named lists (``\\L<name>`` over a lexicon) and the loosened search that
gates them: BP010's and BP015's patterns, whose word alternations became lexicons, report
exactly what the alternations did, and the gates match wherever a pattern does."""

from __future__ import annotations

import random
import sys

import pytest
import regex

from artlint.kinds.pattern import PatternRule, _run_of
from artlint.lexicon import Lexicons
from artlint.registry import registry_for

# The patterns as they were before their word lists became lexicons (commit cb521f2).
BEFORE = {
    "BP010": [
        r'(?i-f)(?(DEFINE)(?P<month>(?:jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|févr(?:ier)?|fév|mar(?:ch|s)?|märz|apr(?:il)?|avr(?:il)?|may|mai|juin|jun[ei]?|juil(?:let)?|jul[iy]?|aug(?:ust)?|août|sep(?:tember|t)?|septembre|oct(?:ober|obre)?|okt(?:ober)?|nov(?:ember|embre)?|dec(?:ember)?|dez(?:ember)?|déc(?:embre)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|styczeń|luty|marzec|kwiecień|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień)))^\W{0,3}(?:(?:published|updated|posted|last updated|last modified|date|veröffentlicht|aktualisiert|erstellt|zuletzt aktualisiert|stand|datum|publié|mis à jour|publicado|actualizado|fecha|opublikowano|aktualizacja|zaktualizowano|publikacja|data)(?:\s+(?:on|am|le|el|dnia))?\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela)\w*\.?,?\s+)?(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+(?:de\s+)?(?&month)\.?\s+(?:de\s+)?\d{4}|(?&month)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})(?:\s*(?:,|at|um|à|a las|o|-|–|\||/)?\s*\d{1,2}[:.h]\d{2}(?:\s*(?:uhr|am|pm|h|gmt|utc|cet|cest|mez|mesz|[ap]\.m\.))?)?(?:\s*[|·•,–-]\s*[^.!?]{0,40})?\W{0,3}$',
        r'(?i-f)^\W{0,3}(?:published|updated|posted|last updated|last modified|date|veröffentlicht|aktualisiert|erstellt|zuletzt aktualisiert|stand|datum|publié|mis à jour|publicado|actualizado|fecha|opublikowano|aktualizacja|zaktualizowano|publikacja|data)(?:\s+(?:on|am|le|el))?\s*:?\s*\d{1,2}[:.h]\d{2}(?:\s*(?:uhr|am|pm|h|gmt|utc|cet|cest|mez|mesz|[ap]\.m\.))?\W{0,3}$',
        r'^\W{0,3}(?i:by|von|par|por|autor|autorin|author|written by|text|texte|tekst|redakcja)\s*:?\s+\p{Lu}[\p{L}\x27’.-]*(?:\s+(?:\p{Lu}[\p{L}\x27’.-]*|de|da|del|van|von|der|den|la|le|y|und|and|et|i|&)){0,5}(?:\s*[,|·•–—-]\s*[^.!?]{0,60})?$',
    ],
    "BP014": [
        r'^\W{0,3}(?:photo|photos|foto|fotos|fot\.|bild|bilder|image|picture|credit|credits|photo credit|image credit|crédit|crédits|crédits photos|crédit photo|bildquelle|titelbild|beitragsbild|zdjęcie|zdjęcia)\s*(?:by\s+|von\s+|:\s*|\s)\S[^.!?]{0,100}$',
        r'^\s{0,3}(?P<span>\[(?:photo|photos|image|images|picture|video|foto|fotos|bild|zdjęcie|gallery|galerie)\])\s*\S',
        r'(?<=[.!?]\s|\|\s)\(?(?P<span>(?:foto|fotos|photo|bild|bildquelle|credit|crédit photo|fot\.)\s*:\s*[^.!?:]{2,60}?\)?)\s*$',
    ],
    "BP015": [
        r'^\W{0,3}\d+\s+(?:comments?|responses?|replies|kommentare?|antworten|commentaires?|réponses?|comentarios?|respuestas?|komentarz(?:e|y)?|odpowiedzi)(?:\s+(?:on|to|zu|sur|à|en|do)\b.{0,100})?\W{0,3}$',
        r'^\W{0,3}(?:comments?|kommentare?|commentaires?|comentarios?|komentarze)\s*\(\d+\)\W{0,3}$',
    ],
}
FLAGS = {"BP010": regex.V1, "BP014": regex.V1 | regex.IGNORECASE, "BP015": regex.V1 | regex.IGNORECASE}
REGISTRY = registry_for(())
LEXICONS = Lexicons()


def _rule(code: str) -> PatternRule:
    rule = REGISTRY.create(code)
    assert isinstance(rule, PatternRule)
    rule.setup(LEXICONS)
    return rule


def _lines(code: str) -> list[str]:
    """Varied lines for ``code``'s patterns: hand-written ones, and lines made of every entry of
    its lists in random case, with and without the shapes around them."""
    rng = random.Random(18)
    lists = {name: LEXICONS.phrases(lexicon) for name, lexicon in _rule(code).params["lists"].items()}

    def pick(name: str) -> str:
        word = rng.choice(lists[name])
        return "".join(c.upper() if rng.random() < 0.3 else c for c in word)

    hand = [
        "Published 3 March 2021", "Updated: Tuesday, March 3, 2021 at 10:15 a.m. | Politics",
        "Veröffentlicht am 12.03.2021, 10:15 Uhr", "Publié le 3 mars 2021 à 10h15", "16 septembre 2021",
        "16 SEPT. 2021", "Stand: 14:00 MEZ", "Mis à jour le 3 févr. 2021", "Opublikowano 16 marca 2021 o 10:15",
        "Montag, 1. März 2021", "The law took effect on 1 March 2021.", "Mayday 3 2021", "septembres 3 2021",
        "By Jane Doe | Reuters", "by jane doe", "Written by Jane van der Berg, Berlin", "Redakcja: Anna Nowak",
        "Foto: dpa/Jan Muster", "[Photo] Firefighters at the scene.", "The minister at the port. Foto: Jan Muster",
        "(Bildquelle: Muster GmbH)", "[GALERIE]", "[video]x", "He said so. Crédit photo : AFP", "A | fot. J. Doe)",
        "12 Comments", "2 Kommentare zu „Ein Tag am Meer“", "Kommentare (3)", "3 commentaires", "1 reply",
        "12 comments were deleted by the moderators.", "142 Antworten", "5 KOMENTARZY", "7 réponses à l’article",
        "Publiſhed 3 March 2021", "3 Maerz 2021", "3 MÄRZ 2021", "ÜPDATED 3 March 2021", "3 Kommentarß",
        "", "   ", "12", "March", "Tuesday, 1 March",
    ]
    made = []
    for _ in range(400):
        day, year = str(rng.randint(1, 31)), str(rng.randint(1990, 2030))
        if code == "BP010":
            made += [
                f"{pick('label')} {pick('weekday')}, {day} {pick('month')} {year}",
                f"{pick('month')}. {day}, {year}, {day}:{year[2:]} {pick('zone')}",
                f"{pick('label')}: {day}.{year[2:]} {pick('zone')}",
                f"By Jane {pick('month').title()} | {pick('label')}",
                f"{pick('weekday')}day {day} de {pick('month')} de {year} – {pick('label')}",
            ]
        elif code == "BP014":
            made += [f"[{pick('tag')}] Crowds on {day} May", f"The port at dawn. {pick('inline')}: J. Doe {day}",
                     f"Rally | ({pick('inline')} : Agency)", f"[{pick('tag')}]", f"It rained. {pick('inline')}:x"]
        else:
            made += [f"{day} {pick('noun')}", f"— {day} {pick('noun')} on “A day”", f"{pick('noun')} ({day})",
                     f"{day} {pick('noun')}s were read"]
    return hand + made


@pytest.mark.parametrize("code", sorted(BEFORE))
def test_lists_match_as_the_alternations_did(code: str) -> None:
    rule = _rule(code)
    before = [regex.compile(p, FLAGS[code]) for p in BEFORE[code]]
    after = rule._patterns[: len(before)]  # patterns added since hold no list (BP015's counter in words)
    assert len(after) == len(before)
    assert not any("\\L<" in p for p in rule.params["patterns"][len(before) :])
    fired = 0
    for line in _lines(code):
        for old, new in zip(before, after, strict=True):
            want = [(m.span(), m.groupdict().get("span")) for m in old.finditer(line)]
            assert [(m.span(), m.groupdict().get("span")) for m in new.finditer(line)] == want, (code, line)
            if want:
                fired += 1
                assert any(gate.search(line) for gate in rule._gates), f"the gates miss {line!r}"
    assert fired > 100  # the lines exercise the patterns


def test_a_run_matches_every_character_an_entry_matches_in_any_case() -> None:
    entries = ["fot.", "a las", "Straße", "ǆemal", "ﬁve", "ıi"]
    run = regex.compile(_run_of(entries) + "$", regex.V1 | regex.IGNORECASE)
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for flags in (regex.V1 | regex.IGNORECASE, regex.V1 | regex.IGNORECASE | regex.FULLCASE):
        chars = regex.compile("[" + regex.escape("".join(set("".join(entries)))) + "]", flags)
        for match in chars.finditer(every):
            assert run.match(match.group()), hex(ord(match.group()))
    assert not run.match("1") and not run.match("x" * 8)  # "Straße" folds to seven letters


def test_named_lists_are_checked() -> None:
    params = {"patterns": [r"\L<month> \d+"], "lists": {"month": "date-months"}}
    assert PatternRule.check_required(params) == []
    assert PatternRule.check_required({**params, "lists": {}})[0][0] == "patterns[0]"
    assert PatternRule.check_required({**params, "lists": {"not a name": "date-months"}})[0][0] == "lists"
