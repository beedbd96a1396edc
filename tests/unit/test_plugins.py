"""Plugin rules published under the ``artlint.rules`` entry point, and the cheap look for them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import install_plugin

from artlint.registry import Registry, plugin_entry_points

PLUGIN = '''
from artlint.model import Family
from artlint.rule import Rule, Scope


class ShoutedWord(Rule):
    """A word in capitals"""

    code = "TY901"
    name = "shouted-word"
    family = Family.TYPOGRAPHY
    scope = Scope.BLOCK
    fires = ("It was ⟦HUGE⟧.",)
    silent = ("It was huge.",)

    def check(self, unit, ctx):
        for word in unit.text.split():
            if word.strip(".").isupper() and len(word) > 2:
                start = unit.text.index(word)
                yield ctx.report(unit.start + start, unit.start + start + len(word.strip(".")), "Shouted")
'''


def test_an_installed_plugin_is_found_and_registered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_plugin(tmp_path, "shoutplugin", "ShoutedWord", PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert [e.value for e in plugin_entry_points()] == ["shoutplugin:ShoutedWord"]
    assert Registry(()).specs["TY901"].name == "shouted-word"


def test_a_group_named_only_for_other_tools_is_not_a_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dist = tmp_path / "other-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: other\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[console_scripts]\nother = other:main\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert plugin_entry_points() == []


def test_without_plugins_importlib_metadata_is_not_imported() -> None:
    code = "import sys, artlint.registry as r; r.plugin_entry_points(); print('importlib.metadata' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
