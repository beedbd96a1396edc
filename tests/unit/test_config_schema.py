"""The configuration's JSON Schema: generated from config.SETTINGS, shipped current, and in
agreement with the parser on `artlint init`'s starter file and every README example."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli
from conftest import ROOT

from artlint.config import SCHEMA_PATH, SCHEMA_URL, SETTINGS, STARTER_CONFIG, json_schema
from artlint.errors import ConfigError
from artlint.runner import Runner


def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_shipped_schema_is_current() -> None:
    assert SCHEMA_PATH.parent.name == "artlint" and SCHEMA_PATH.parent.parent == ROOT / "lint"
    current = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert current == json_schema(), "stale: run `artlint schema > lint/artlint/artlint.schema.json`"
    assert current["$id"] == SCHEMA_URL and SCHEMA_URL.endswith("/lint/artlint/artlint.schema.json")


def parsed(tmp_path: Path, text: str) -> None:
    """Load ``text`` as an artlint.toml the way a run does (raises ConfigError)."""
    config = tmp_path / "artlint.toml"
    config.write_text(text, encoding="utf-8")
    Runner().resolver.for_path(tmp_path / "a.txt")


def uncommented(starter: str) -> str:
    """The starter file with every commented-out setting line and table turned on."""
    setting = re.compile(r"^# (\[[\w.\-\"]+\]|[\w\-]+ = .*)$")
    return "\n".join(m.group(1) if (m := setting.match(line)) else line for line in starter.splitlines()) + "\n"


def test_init_output_validates_commented_and_uncommented(tmp_path: Path) -> None:
    assert STARTER_CONFIG.startswith(f"#:schema {SCHEMA_URL}\n")
    assert list(validator().iter_errors(tomli.loads(STARTER_CONFIG))) == []
    on = uncommented(STARTER_CONFIG)
    data = tomli.loads(on)
    assert {"select", "exclude", "extend-exclude", "respect-gitignore", "grammar", "per-file-ignores"} <= set(data)
    assert list(validator().iter_errors(data)) == []
    (tmp_path / "artlint-baseline.json").write_text("[]", encoding="utf-8")
    parsed(tmp_path, on.replace('"/opt/languagetool"', '"."'))


def readme_configs() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block for block in re.findall(r"```toml\n(.*?)```", readme, re.DOTALL) if block.startswith("# artlint.toml\n")]


def test_every_readme_configuration_validates(tmp_path: Path) -> None:
    configs = readme_configs()
    assert len(configs) >= 2
    (tmp_path / "style" / "rules").mkdir(parents=True)
    for text in configs:
        assert list(validator().iter_errors(tomli.loads(text))) == [], text
        parsed(tmp_path, text)


@pytest.mark.parametrize("key", [key.name for key in SETTINGS])
def test_schema_and_parser_reject_the_same_wrong_type(key: str, tmp_path: Path) -> None:
    wrong: Any = 2.5  # a float: no setting takes one
    assert not validator().is_valid({key: wrong})
    with pytest.raises(ConfigError, match=re.escape(key)):
        parsed(tmp_path, f"{key} = {wrong}\n")


def test_unknown_keys_are_rejected_by_both(tmp_path: Path) -> None:
    assert not validator().is_valid({"colour": True})
    with pytest.raises(ConfigError):
        parsed(tmp_path, "colour = true\n")
