"""GitHub: the composite action, SARIF that code scanning ingests, and rule links that resolve
(one generated page per rule under docs/rules/, linked from one base URL)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOT, SEEDS

from artlint import DOCS_URL, REPOSITORY_URL, __version__
from artlint.config import Overrides
from artlint.registry import registry_for
from artlint.reporters import render
from artlint.ruledocs import PAGES_COMMAND, rule_page
from artlint.runner import Runner

DATA = ROOT / "tests" / "data"
SEED = SEEDS / "000_86da29c17ddbe20d.txt"


def test_rule_pages_are_current() -> None:
    specs = registry_for(()).specs
    pages = ROOT / "docs" / "rules"
    assert sorted(p.stem for p in pages.glob("*.md")) == sorted(specs), f"docs/rules is stale: run `{PAGES_COMMAND}`"
    for code, spec in specs.items():
        assert (pages / f"{code}.md").read_text(encoding="utf-8") == rule_page(spec), f"run `{PAGES_COMMAND}`"


def test_every_rule_link_is_a_page_of_the_repository() -> None:
    for spec in registry_for(()).specs.values():
        assert spec.url.startswith(DOCS_URL + "/")
        assert (ROOT / "docs" / spec.url.removeprefix(DOCS_URL + "/")).is_file(), spec.url
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert project == {"Documentation": DOCS_URL, "Repository": REPOSITORY_URL}


def test_no_placeholder_addresses_are_left() -> None:
    placeholder = re.compile(r"\b(?:artlint|example)\.invalid\b")
    folders = ("lint", "docs", "tests/unit", "tests/cli")
    files = [ROOT / "README.md", ROOT / "pyproject.toml", ROOT / "action.yml"]
    files += [p for folder in folders for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".md", ".json", ".toml")]
    assert [str(p) for p in files if placeholder.search(p.read_text(encoding="utf-8"))] == []


def seed_sarif() -> dict[str, Any]:
    """The SARIF of the seed, named relative to the repository as a workflow names its files."""
    run = Runner(Overrides(isolated=True)).run([str(SEED.relative_to(ROOT))])
    assert run.findings
    log: dict[str, Any] = json.loads(render("sarif", run))
    return log


def test_sarif_meets_the_schema_and_github_code_scanning(monkeypatch: pytest.MonkeyPatch) -> None:
    """SARIF 2.1.0 (the official schema) plus what GitHub's ingestion reads or requires of it."""
    monkeypatch.chdir(ROOT)
    log = seed_sarif()
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "artlint" and driver["version"] == __version__
    assert driver["informationUri"] == REPOSITORY_URL
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids)) and {r["ruleId"] for r in run["results"]} == set(ids)
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription"):
            assert 0 < len(rule[key]["text"]) <= 1024, (rule["id"], key)
        assert rule["help"]["text"] and rule["help"]["markdown"].startswith(f"# {rule['id']} ")
        assert rule["helpUri"] == f"{DOCS_URL}/rules/{rule['id']}.md"
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for result in run["results"]:
        assert result["message"]["text"] and result["level"] in ("error", "warning", "note")
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
        assert not physical["artifactLocation"]["uri"].startswith("file:")  # relative to the checkout
        assert result["partialFingerprints"]["artlint/v1"]


# --- the composite action -----------------------------------------------------------------


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return loaded


def test_action_inputs_and_steps() -> None:
    spec = action()
    assert {"paths", "version", "config", "fail-on", "report", "args"} <= set(spec["inputs"])
    assert spec["runs"]["using"] == "composite"
    uses = [step.get("uses", "") for step in spec["runs"]["steps"]]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    for step in spec["runs"]["steps"]:  # inputs reach scripts through env, never spliced into them
        assert "${{" not in step.get("run", "")


def run_check_step(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """The action's check step, run by bash as the runner would, with this venv's artlint."""
    (step,) = [s for s in action()["runs"]["steps"] if s.get("id") == "check"]
    output = tmp_path / "github_output"
    output.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(output),
        "RUNNER_TEMP": str(tmp_path),
        "PATHS": ".", "CONFIG": "", "FAIL_ON": "", "REPORT": "annotations", "ARGS": "",
        **inputs,
    }
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path / "repo", env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    return done, outputs


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_check_step_annotates_or_writes_sarif(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "news").mkdir(parents=True)
    shutil.copy(SEED, repo / "news" / "seed.txt")
    (repo / "clean.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    done, outputs = run_check_step(tmp_path, PATHS="news clean.txt", ARGS="--isolated")
    assert done.returncode == 0 and outputs == {"exit-code": "1"}, done.stderr
    assert re.search(r"^::warning file=news/seed\.txt,line=\d+", done.stdout, re.MULTILINE)
    done, outputs = run_check_step(tmp_path, REPORT="sarif", FAIL_ON="error", ARGS="--isolated")
    assert done.returncode == 0 and outputs["exit-code"] == "0", done.stderr
    sarif = json.loads(Path(outputs["sarif"]).read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]
    done, outputs = run_check_step(tmp_path, REPORT="html")
    assert done.returncode == 2 and "report must be sarif or annotations" in done.stdout


def test_readme_workflow_uses_this_release_and_real_inputs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## GitHub\n", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    workflow = yaml.safe_load(block.group(1))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    (ours,) = [s for s in steps if s.get("uses", "").startswith("artlint/artlint@")]
    assert ours["uses"] == f"artlint/artlint@v{__version__}" == REPOSITORY_URL.removeprefix("https://github.com/") + f"@v{__version__}"
    assert set(ours["with"]) <= set(action()["inputs"])
