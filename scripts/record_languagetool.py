"""Record a real LanguageTool server's answers for the offline unit tests.

    scripts/languagetool.sh start 8081
    .venv/bin/python scripts/record_languagetool.py http://127.0.0.1:8081 [--text TEXT ...]
    scripts/languagetool.sh stop 8081

Posts every text already recorded in ``tests/data/languagetool.json``, and each ``--text``, to
the server with the parameters artlint sends when every GR category is selected (language
en-US, the rules and categories ``rules/lexicons/grammar-languagetool.toml`` disables), and rewrites the file
with the server's version, its ``/v2/languages`` and each text's matches, which
``tests/unit/fake_languagetool.py`` replays. Re-run it when the version pinned in
``scripts/languagetool.sh`` changes. The texts are the tests' own, never corpus text.
"""

from __future__ import annotations

import argparse
import json
import tomllib
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RECORDED = ROOT / "tests" / "data" / "languagetool.json"
TABLE = ROOT / "rules" / "lexicons" / "grammar-languagetool.toml"
LANGUAGE = "en-US"


def ask(url: str, path: str, form: dict[str, str] | None = None) -> Any:
    """The JSON answer of the server at ``url`` to a GET (no form) or a POST of ``form``."""
    data = urllib.parse.urlencode(form).encode("utf-8") if form is not None else None
    with urllib.request.urlopen(url.rstrip("/") + path, data=data, timeout=120) as response:
        return json.load(response)


def record(url: str, texts: list[str]) -> dict[str, Any]:
    """The server's version, languages and matches of each of ``texts``."""
    table = tomllib.loads(TABLE.read_text(encoding="utf-8"))
    form = {"language": LANGUAGE, "disabledRules": ",".join(sorted(r for r in table["disabled"] if "*" not in r)),
            "disabledCategories": ",".join(sorted(table["disabled-categories"]))}
    check: dict[str, Any] = {}
    software: Any = None
    for text in texts:
        answer = ask(url, "/v2/check", {**form, "text": text})
        software = answer["software"]
        check[text] = {"matches": answer["matches"]}
    return {
        "_comment": "Recorded by scripts/record_languagetool.py from a real LanguageTool server (language "
                    f"{LANGUAGE}, every category and rule but those grammar-languagetool.toml disables); offsets and "
                    "lengths are UTF-16 code units, as LanguageTool counts them. Re-record, do not edit.",
        "software": software, "languages": ask(url, "/v2/languages"), "check": check,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="A running LanguageTool server, e.g. http://127.0.0.1:8081")
    parser.add_argument("--text", action="append", default=[], help="Also record this text.")
    args = parser.parse_args()
    texts = list(json.loads(RECORDED.read_text(encoding="utf-8"))["check"]) if RECORDED.exists() else []
    texts += [text for text in args.text if text not in texts]
    recorded = record(args.url, texts)
    RECORDED.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{RECORDED}: {len(texts)} texts from LanguageTool {recorded['software']['version']}")


if __name__ == "__main__":
    main()
