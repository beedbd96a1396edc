"""What artlint keeps in the user's cache folder can make a run slower, never change its findings.

Every file there is damaged (bytes flipped) between two runs; the second run, in a new process,
finds the same and does not crash.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# English, with a German passage for MT023 (whose language model is kept in the cache), a
# byline and a date line for the pattern rules, and glued words for TY010 (whose dictionary
# words are kept in the cache).
TEXT = (
    "By Jane Doe | Wire Service\n\n"
    "March 3, 2021\n\n"
    "The council met on Monday to discuss the budget for the coming year. Members agreed "
    "that the roads need repair. Die Regierung hat am Montag beschlossen, die Steuern zu "
    "erhöhen und die Ausgaben für Schulen zu kürzen. The vote is expected next week. "
    "The plan was published by theinstitute on Friday.\n"
)

_CHECK = (
    "import json, sys\n"
    "from artlint.api import check_text\n"
    "print(json.dumps([(f.code, f.start, f.end, f.message) for f in check_text(sys.stdin.read())]))\n"
)


def _findings(cache_home: Path) -> list[list[object]]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home))
    out = subprocess.run([sys.executable, "-c", _CHECK], input=TEXT, capture_output=True, text=True, env=env, check=True)
    findings: list[list[object]] = json.loads(out.stdout)
    return findings


_FLIPPED = bytes(255 - byte for byte in range(256))


def _flip_bytes(path: Path) -> None:
    """Flip every bit of the second half of ``path`` (past any header: a file whose header is
    damaged is rejected at once; one with damaged contents must be noticed too)."""
    data = path.read_bytes()
    half = len(data) // 2
    path.write_bytes(data[:half] + data[half:].translate(_FLIPPED))


def test_damaged_cache_files_change_no_finding(tmp_path: Path) -> None:
    before = _findings(tmp_path)
    assert {"BP010", "MT023", "TY010"} <= {code for code, *_ in before}
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert any("langid-" in str(path) for path in files) and any(path.name.startswith("cmudict-words") for path in files)
    for path in files:
        _flip_bytes(path)
    assert _findings(tmp_path) == before
    assert _findings(tmp_path) == before  # and again, from whatever the damaged run left
