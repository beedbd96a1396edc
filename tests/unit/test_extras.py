"""A feature whose package comes with an extra that is not installed says, in one line, which
extra to install (never a traceback); the default install checks text without it."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from artlint import cli
from artlint.api import check_text

PAGE = "<html><body><nav><ul><li>Home</li><li>News</li></ul></nav><article><p>The council met on Monday.</p></article></body></html>"


def test_html_without_trafilatura_is_one_finding_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura raises ImportError
    internal = [f for f in check_text(PAGE, kind="html") if f.code.startswith("AL")]
    assert [f.code for f in internal] == ["AL900"]
    assert internal[0].message.startswith("trafilatura is not installed: pip install 'artlint[html]' (for the HTML template rules BP101-BP109)")
    assert "\n" not in internal[0].message
    assert check_text("The council met on Monday.") == []  # text needs no extra


def test_server_without_pygls_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    found = cli.importlib.util.find_spec
    monkeypatch.setattr(cli.importlib.util, "find_spec", lambda name: None if name == "pygls" else found(name))
    result = CliRunner().invoke(cli.app, ["server"])
    assert result.exit_code == 2
    assert result.output.strip() == "artlint: error: pygls is not installed: pip install 'artlint[server]' (for artlint server)"
