"""Which files a run checks (.gitignore, .ignore, extend-exclude, --force-exclude) and what in a
static-site Markdown file is prose (TOML front matter and template tags are not)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from artlint.cli import app
from artlint.markup import parse
from artlint.source import SourceText

ARTICLE = "It rose.  It fell.\n"  # one doubled space (TY)


def checked(*args: str) -> list[str]:
    result = CliRunner().invoke(app, ["check", *args, "--format", "json", "--no-cache"])
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    return sorted({f["path"] for f in json.loads(result.stdout)["findings"]})


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, {
        "artlint.toml": 'select = ["TY"]\n',
        ".gitignore": "public/\n*.draft.md\n",
        ".ignore": "!keep.draft.md\n",
        "content/a.md": ARTICLE,
        "content/old.draft.md": ARTICLE,
        "content/keep.draft.md": ARTICLE,
        "content/sub/.gitignore": "local.txt\n",
        "content/sub/local.txt": ARTICLE,
        "content/sub/b.txt": ARTICLE,
        "public/index.txt": ARTICLE,
        "archive/c.txt": ARTICLE,
    })
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_directory_runs_honour_gitignore_and_ignore(site: Path) -> None:
    expected = ["archive/c.txt", "content/a.md", "content/keep.draft.md", "content/sub/b.txt"]
    assert checked(".") == expected
    assert checked("content") == expected[1:]  # the root's files count below it too
    (site / "artlint.toml").write_text('select = ["TY"]\nrespect-gitignore = false\n', encoding="utf-8")
    assert len(checked(".")) == 7


def test_extend_exclude_adds_to_exclude(site: Path) -> None:
    (site / "artlint.toml").write_text('select = ["TY"]\nexclude = ["archive/**"]\nextend-exclude = ["sub"]\n',
                                       encoding="utf-8")
    assert checked(".") == ["content/a.md", "content/keep.draft.md"]


def test_force_exclude_applies_exclude_to_named_files(site: Path) -> None:
    (site / "artlint.toml").write_text('select = ["TY"]\nexclude = ["archive/**"]\n', encoding="utf-8")
    assert checked("archive/c.txt", "content/a.md") == ["archive/c.txt", "content/a.md"]
    assert checked("archive/c.txt", "content/a.md", "--force-exclude") == ["content/a.md"]
    (site / "artlint.toml").write_text('select = ["TY"]\nexclude = ["archive/**"]\nforce-exclude = true\n',
                                       encoding="utf-8")
    assert checked("archive/c.txt") == []


def plain(markdown: str) -> str:
    return parse(SourceText(markdown), "markdown").plain


def test_toml_front_matter_is_not_prose() -> None:
    text = plain('+++\ntitle = "Rates  rise"\ndraft = false\n+++\n\nThe bank met.\n')
    assert "title" not in text and "The bank met." in text
    assert "+++" in plain("+++ is a plus sign, thrice.\n")  # no closing line: prose


@pytest.mark.parametrize("tag", [
    '{{< figure src="a.png" alt="A  cat" >}}', "{{% notice  info %}}", "{% include  ad.html %}", "{{ page.title }}",
])
def test_static_site_tags_are_not_prose(tag: str) -> None:
    alone = plain(f"The bank met.\n\n{tag}\n\nRates rose.\n")
    assert alone.split() == ["The", "bank", "met.", "Rates", "rose."]
    inline = plain(f"See {tag} for more.\n")
    assert inline == "See \ufffc for more."


def test_a_tag_in_markdown_is_not_flagged(site: Path) -> None:
    write(site, {"content/a.md": "{{< youtube  abc >}}\n\nThe bank met.\n"})
    assert "content/a.md" not in checked("content")
