"""The results cache: what changes the key, corrupt entries, concurrent writers, ``clean``."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from artlint import cache as cache_module
from artlint.cache import CachedRunner, ResultCache, clean, default_cache_dir
from artlint.config import Overrides
from artlint.errors import ArtlintError
from artlint.model import FileResult, Finding
from artlint.registry import registry_for
from artlint.runner import Input

TEXT = b"The the council met on Monday.\n"
RULE = """
code = "BP951"
name = "house-sign-off"
family = "boilerplate"
kind = "phrase"
severity = "warning"
message = "House sign-off left in the article"
why = "The CMS appends it."
fires = ["⟦{phrase}⟧"]
silent = ["The council met."]
[params]
phrases = ["{phrase}"]
anchor = "block"
span = "block"
"""


def runner(directory: Path, **overrides: object) -> CachedRunner:
    options = {"isolated": True, **overrides}
    return CachedRunner(Overrides(**options), cache=ResultCache(directory))  # type: ignore[arg-type]


def check(cached: CachedRunner, data: bytes = TEXT, path: str = "story.txt") -> FileResult:
    settings = cached.resolver.for_directory(Path.cwd())
    return cached.check_bytes(data, path, settings, "text")


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("v1/*/*.json"))


def test_second_check_is_a_hit_with_equal_findings(tmp_path: Path) -> None:
    cached = runner(tmp_path)
    first = check(cached)
    again = check(runner(tmp_path))
    assert [(f.code, f.start, f.end) for f in first.findings] == [("MT001", 0, 7)]
    assert again.findings == first.findings
    assert [f.fingerprint for f in again.findings] == [f.fingerprint for f in first.findings]
    assert again.findings[0].fix == first.findings[0].fix
    assert again.text == TEXT.decode()
    assert (cached.cache.hits, cached.cache.misses) == (0, 1)
    assert len(entries(tmp_path)) == 1
    assert (tmp_path / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_same_content_under_another_name_is_a_hit_with_that_path(tmp_path: Path) -> None:
    check(runner(tmp_path))
    second = runner(tmp_path)
    result = check(second, path="copy.txt")
    assert second.cache.hits == 1
    assert [f.path for f in result.findings] == ["copy.txt"]


def test_changed_content_is_a_miss(tmp_path: Path) -> None:
    check(runner(tmp_path))
    second = runner(tmp_path)
    result = check(second, b"The the council met on Tuesday.\n")
    assert (second.cache.hits, second.cache.misses) == (0, 1)
    assert [f.excerpt for f in result.findings] == ["The the"]
    assert len(entries(tmp_path)) == 2


def test_changed_configuration_is_a_miss(tmp_path: Path) -> None:
    check(runner(tmp_path))
    ignoring = runner(tmp_path, ignore=["MT001"])
    assert check(ignoring).findings == []
    assert (ignoring.cache.hits, ignoring.cache.misses) == (0, 1)


def test_changed_version_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(runner(tmp_path))
    monkeypatch.setattr(cache_module, "__version__", "999.0")
    cache_module.rules_fingerprint.cache_clear()
    try:
        second = runner(tmp_path)
        check(second)
    finally:
        cache_module.rules_fingerprint.cache_clear()
    assert (second.cache.hits, second.cache.misses) == (0, 1)


def test_changed_user_rule_file_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    (project / "style").mkdir(parents=True)
    rule = project / "style" / "BP951-house-sign-off.toml"
    rule.write_text(RULE.format(phrase="Read more at the Bugle"), encoding="utf-8")
    (project / "artlint.toml").write_text('select = ["BP951"]\nrules-dirs = ["style"]\n', encoding="utf-8")
    monkeypatch.chdir(project)
    text = b"The council met.\n\nRead more at the Bugle\n\nRead more at the Herald\n"

    def excerpts() -> tuple[list[str], int]:
        cached = CachedRunner(cache=ResultCache(tmp_path / "cache"))
        findings = check(cached, text).findings
        return [f.excerpt for f in findings], cached.cache.hits

    assert excerpts() == (["Read more at the Bugle"], 0)
    assert excerpts() == (["Read more at the Bugle"], 1)
    rule.write_text(RULE.format(phrase="Read more at the Herald"), encoding="utf-8")
    cache_module.rules_fingerprint.cache_clear()
    registry_for.cache_clear()  # as a new process would: rules are loaded once per process
    assert excerpts() == (["Read more at the Herald"], 0)


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"key": "other", "findings": []}', b'{"key": null}',
                                     b"\xff\xfe"])
def test_corrupt_entry_is_a_miss_and_is_replaced(tmp_path: Path, content: bytes) -> None:
    check(runner(tmp_path))
    (entry,) = entries(tmp_path)
    entry.write_bytes(content)
    second = runner(tmp_path)
    assert [f.code for f in check(second).findings] == ["MT001"]
    assert (second.cache.hits, second.cache.misses) == (0, 1)
    third = runner(tmp_path)
    check(third)
    assert third.cache.hits == 1


def test_entry_with_a_bad_finding_is_a_miss(tmp_path: Path) -> None:
    check(runner(tmp_path))
    (entry,) = entries(tmp_path)
    entry.write_text(entry.read_text().replace('"severity": "warning"', '"severity": "fatal"'))
    second = runner(tmp_path)
    check(second)
    assert second.cache.misses == 1


def test_unwritable_cache_still_checks(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cached = runner(blocked)
    assert [f.code for f in check(cached).findings] == ["MT001"]
    assert [f.code for f in check(cached).findings] == ["MT001"]
    assert cached.cache.hits == 0


def test_input_errors_are_not_stored(tmp_path: Path) -> None:
    result = check(runner(tmp_path), b"\x00binary")
    assert result.error is not None
    assert entries(tmp_path) == []


def _write_and_read(args: tuple[Path, list[Finding]]) -> bool:
    directory, findings = args
    store = ResultCache(directory)
    ok = True
    for round_ in range(150):
        key = f"{round_ % 5:064x}"
        store.put(key, findings)
        ok &= store.get(key, findings[0].path, TEXT.decode(), {"MT001": findings[0].name}) == findings
    return ok


def test_concurrent_writers_never_leave_partial_entries(tmp_path: Path) -> None:
    findings = check(runner(tmp_path / "seed")).findings
    with ProcessPoolExecutor(4) as pool:
        results = list(pool.map(_write_and_read, [(tmp_path / "shared", findings)] * 4))
    assert results == [True] * 4
    assert len(entries(tmp_path / "shared")) == 5
    assert list((tmp_path / "shared").rglob("*.tmp")) == []


def test_clean_removes_only_an_artlint_cache(tmp_path: Path) -> None:
    check(runner(tmp_path / "cache"))
    assert clean(tmp_path / "cache") is True
    assert not (tmp_path / "cache").exists()
    assert clean(tmp_path / "cache") is False
    (tmp_path / "precious").mkdir()
    with pytest.raises(ArtlintError, match="not an artlint cache folder"):
        clean(tmp_path / "precious")
    assert (tmp_path / "precious").is_dir()


def test_default_cache_dir_is_next_to_the_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "artlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    settings = CachedRunner(cache=ResultCache(tmp_path)).resolver.for_directory(Path.cwd())
    assert default_cache_dir(settings) == tmp_path / ".artlint_cache"


def test_stored_answers_only_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "story.txt"
    story.write_bytes(TEXT)
    cached = runner(tmp_path / "cache")
    assert cached.stored(Input(story)) is None
    assert entries(tmp_path / "cache") == []
    cached.check_file(Input(story))
    result = cached.stored(Input(story))
    assert result is not None
    assert (result.path, [f.code for f in result.findings], result.text) == (str(story), ["MT001"], TEXT.decode())
    assert cached.stored(Input(tmp_path / "gone.txt")) is None
    assert cached.stored(Input(story, error="unreadable")) is None
