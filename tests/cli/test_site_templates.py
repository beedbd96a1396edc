"""BP040 site templates: ``artlint learn``, ``--templates``, ``--learn``, folders as sites, Dask.

The feeds are made up here: a site whose template adds a promo line, a byline with the name
changed and a footer to its articles, with text its articles share legitimately (a region
list and a paragraph two press releases reuse, a bare dash), and a site with no template.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from artlint.cli import app
from artlint.learning import learn_records, merge
from artlint.sitetemplates import Learner, TemplateModel, Thresholds, learn

NAMES = ["Ann Lee", "Bo Ma", "Cy Dunn", "Di Fox", "Ed Ruiz", "Flo Kim"]
PROMO = "Get our morning briefing: sign up in one click"
FOOTER = "Copyright Daily Example. All rights reserved."
REGIONS = ["North America", "Europe", "Asia Pacific"]
REUSED = ("The report studies the market by type, application and region, and profiles the leading "
          "companies with their sales, revenue and prices over the period.")


def word(n: int, k: int, i: int) -> str:
    """A made-up word of its own for story n, paragraph k, place i."""
    digest = hashlib.sha256(f"{n}/{k}/{i}".encode()).digest()
    return "".join("bdfgklmnprstvz"[digest[j] % 14] + "aeiou"[digest[j + 3] % 5] for j in range(3))


def prose(n: int, k: int) -> str:
    """A sentence of its own for each story and paragraph."""
    return (f"{word(n, k, 0).title()} said the {word(n, k, 1)} plan was debated with the {word(n, k, 2)} "
            f"until the councillors agreed to meet again in {word(n, k, 3)}.")


def article(n: int) -> str:
    lines = [f"Story {n}: the town council votes again", PROMO, f"By {NAMES[n % len(NAMES)]}", prose(n, 1)]
    if n in (3, 4):  # two press releases of one issuer share a list and a paragraph
        lines += ["Regions covered:", *REGIONS, prose(n, 2), REUSED]
    if n in (5, 6):
        lines.append("–")
    lines += [prose(n, 3), prose(n, 4), FOOTER]
    return "\n".join(lines) + "\n"


def records() -> list[dict[str, Any]]:
    daily = [{"id": f"daily/{n}", "site": "daily.example", "text": article(n)} for n in range(12)]
    other = [{"id": f"other/{n}", "url": f"https://www.other.example/a/{n}", "text": prose(100 + n, 1) + "\n"}
             for n in range(5)]
    return daily + other


@pytest.fixture
def feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records()), encoding="utf-8")
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def scan(*args: str) -> list[dict[str, Any]]:
    code, out, err = invoke("scan", *args, "--isolated", "--no-cache", "--select", "BP040")
    assert code in (0, 1), err
    return [json.loads(line) for line in out.splitlines()]


def learned(source: Path, out: Path) -> Path:
    code, _, err = invoke("learn", str(source), "-o", str(out), "--isolated")
    assert code == 0, err
    assert "Learned 17 articles of 2 sites" in err or "Learned" in err
    return out


def excerpts(rows: list[dict[str, Any]], article_id: str) -> list[str]:
    return [r["excerpt"] for r in rows if r["id"] == article_id]


def test_template_lines_are_flagged_with_their_counts(feed: Path, tmp_path: Path) -> None:
    rows = scan(str(feed), "--templates", str(learned(feed, tmp_path / "t.json")))
    assert excerpts(rows, "daily/0") == [PROMO, "By Ann Lee", FOOTER]
    messages = {r["excerpt"]: r["message"] for r in rows if r["id"] == "daily/0"}
    assert "in 12 of the site's 12 articles" in messages[PROMO]
    assert "with names, numbers or dates changed in 12" in messages["By Ann Lee"]
    fixes = {r["excerpt"]: r["fix"]["applicability"] for r in rows if r["id"] == "daily/0"}
    assert fixes == {PROMO: "safe", "By Ann Lee": "unsafe", FOOTER: "safe"}


def test_legitimately_shared_text_is_silent(feed: Path, tmp_path: Path) -> None:
    rows = scan(str(feed), "--templates", str(learned(feed, tmp_path / "t.json")))
    flagged = {r["excerpt"] for r in rows}
    assert flagged.isdisjoint({*REGIONS, REUSED, "–", "Regions covered:"})
    assert not [r for r in rows if r["id"].startswith("other/")]  # a site without a template


def test_jobs_and_learn_give_the_same_findings(feed: Path, tmp_path: Path) -> None:
    templates = str(learned(feed, tmp_path / "t.json"))
    one = scan(str(feed), "--templates", templates, "--jobs", "1")
    assert len(one) == 36
    assert scan(str(feed), "--templates", templates, "--jobs", "2") == one
    assert scan(str(feed), "--learn", "--jobs", "2") == one
    renamed = feed.rename(tmp_path / "feed.json")  # scan reads JSON Lines whatever the name
    assert scan(str(renamed), "--learn") == one


def test_an_article_alone_is_silent_and_with_the_file_as_in_the_corpus(feed: Path, tmp_path: Path) -> None:
    templates = str(learned(feed, tmp_path / "t.json"))
    corpus = [r for r in scan(str(feed), "--templates", templates) if r["id"] == "daily/7"]
    single = tmp_path / "single.jsonl"
    single.write_text(json.dumps(records()[7]) + "\n", encoding="utf-8")
    assert scan(str(single), "--learn") == []
    assert scan(str(single)) == []
    assert corpus and scan(str(single), "--templates", templates) == corpus


def test_folders_are_sites(feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for record in records():
        path = tmp_path / "archive" / (record["id"].split("/")[0]) / f"{record['id'].split('/')[1]}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record["text"], encoding="utf-8")

    def check(*args: str) -> list[tuple[str, int, int]]:
        code, out, err = invoke("check", *args, "--isolated", "--no-cache", "--select", "BP040", "--format", "json")
        assert code in (0, 1), err
        return [(f["path"], f["start"], f["end"]) for f in json.loads(out)["findings"]]

    whole = check("archive", "--learn", "--jobs", "1")
    assert len(whole) == 36
    assert check("archive", "--learn", "--jobs", "2") == whole
    templates = str(learned(tmp_path / "archive", tmp_path / "dirs.json"))
    assert check("archive/daily/7.txt") == []
    alone = check("archive/daily/7.txt", "--templates", templates)
    assert alone == [f for f in whole if f[0] == "archive/daily/7.txt"]
    monkeypatch.chdir(tmp_path / "archive" / "daily")
    assert [f[1:] for f in check("7.txt", "--templates", templates)] == [f[1:] for f in alone]


def test_configuration_names_the_file_and_the_thresholds(feed: Path, tmp_path: Path) -> None:
    learned(feed, tmp_path / "t.json")
    config = tmp_path / "artlint.toml"
    config.write_text('templates = "t.json"\n[rules.BP040]\nmin-articles = 13\n', encoding="utf-8")
    code, out, err = invoke("scan", str(feed), "--no-cache", "--select", "BP040")
    assert (code, out) == (0, ""), err
    config.write_text('templates = "t.json"\n', encoding="utf-8")
    code, out, _ = invoke("scan", str(feed), "--no-cache", "--select", "BP040")
    assert code == 1 and len(out.splitlines()) == 36


@pytest.mark.parametrize(("content", "problem"), [
    ("{not json", "invalid JSON"),
    ('{"format": "something-else"}', 'expected "format": "artlint-site-templates"'),
    ('{"format": "artlint-site-templates", "version": 1, "min-articles": 2, "sites": {"a": {"articles": 1}}}', "'shapes'"),
])
def test_a_bad_template_file_is_an_error_naming_it(feed: Path, tmp_path: Path, content: str, problem: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = invoke("scan", str(feed), "--isolated", "--no-cache", "--templates", str(bad))
    assert code == 2
    assert err.startswith(f"artlint: error: {bad}: not a template file written by 'artlint learn'")
    assert problem in err
    (tmp_path / "a.txt").write_text(article(0), encoding="utf-8")
    code, _, err = invoke("check", "a.txt", "--isolated", "--templates", str(tmp_path / "missing.json"))
    assert code == 2 and f"{tmp_path / 'missing.json'}: cannot read the template file" in err


def test_partitions_learned_apart_make_the_same_model() -> None:
    data = records()
    whole = learn_records(data).model()
    parts = merge(learn_records(data[i::3]) for i in range(3)).model()
    assert parts.dumps() == whole.dumps()
    assert whole.dumps() == learn((r.get("site") or "www.other.example", r["text"]) for r in data).dumps()


def test_the_model_keeps_hashes_of_shared_shapes_only(tmp_path: Path) -> None:
    model = learn(("s", article(n)) for n in range(12))
    path = tmp_path / "t.json"
    model.save(path)
    text = path.read_text(encoding="utf-8")
    assert "council" not in text and "Copyright" not in text
    assert TemplateModel.load(path).dumps() == text
    assert min(model.sites["s"].counts.values()) >= 2
    assert model.find("s", article(0), Thresholds()) == TemplateModel.load(path).find("s", article(0), Thresholds())
    assert Learner().model().sites == {}


def test_odd_records_and_long_lines_are_handled() -> None:
    from artlint.sites import site_of
    from artlint.sitetemplates import line_shapes

    assert site_of({"url": "http://[::1"}) == ""
    assert site_of({"site": 3, "url": "www.Example.org/a"}) == "www.example.org"
    long_line = "a." * 200_000
    shapes = line_shapes(f"Headline\n{long_line}\n")
    assert shapes[1].masked is None and shapes[1].end - shapes[1].start == len(long_line)


def test_the_results_cache_keys_on_the_template_file(feed: Path, tmp_path: Path) -> None:
    templates = learned(feed, tmp_path / "t.json")
    cache = ["--isolated", "--select", "BP040", "--cache-dir", str(tmp_path / "cache")]
    first = invoke("scan", str(feed), "--templates", str(templates), *cache)
    assert first[0] == 1 and len(first[1].splitlines()) == 36
    assert invoke("scan", str(feed), *cache)[:2] == (0, "")  # not the stored findings of the other run
    few = tmp_path / "few.jsonl"
    few.write_text("".join(json.dumps(r) + "\n" for r in records()[:2]), encoding="utf-8")
    learned(few, templates)  # the same file name, other content
    fresh = invoke("scan", str(feed), "--templates", str(templates), *cache[:3], "--no-cache")
    assert fresh[1] != first[1]
    assert invoke("scan", str(feed), "--templates", str(templates), *cache)[:2] == fresh[:2]
    assert invoke("scan", str(feed), "--templates", str(learned(feed, templates)), *cache)[:2] == first[:2]
