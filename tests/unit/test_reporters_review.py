"""Review formats (``rdjson``, ``gitlab``), the HTML report, and the CI summary line."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import SEEDS

from artlint import REPOSITORY_URL
from artlint.config import Overrides
from artlint.model import (
    Applicability,
    Edit,
    Family,
    FileResult,
    Finding,
    Fix,
    Location,
    RuleInfo,
    RunResult,
    Severity,
)
from artlint.reporters import FORMATS, render
from artlint.reporters.gitlab import report_path
from artlint.reporters.html import pieces
from artlint.reporters.summary import ci_line
from artlint.rule import rule_url
from artlint.runner import Runner
from artlint.source import LineIndex

DATA = Path(__file__).resolve().parents[1] / "data"
PATH = "./news/launch.txt"
TEXT = "Héllo 🚀 world  again.\nSee also <script>alert(1)</script>\n"
RULES = {
    code: RuleInfo(code, name, family, severity, f"{name} summary", rule_url(code))
    for code, name, family, severity in (
        ("AL900", "rule-crashed", Family.ARTLINT, Severity.ERROR),
        ("BP002", "related-link", Family.BOILERPLATE, Severity.WARNING),
        ("MT009", "unterminated-paragraph", Family.TRANSLATION, Severity.WARNING),
        ("TY002", "doubled-space", Family.TYPOGRAPHY, Severity.INFO),
        ("CN001", "term-variants", Family.CONSISTENCY, Severity.WARNING),
    )
}


def finding(code: str, needle: str | tuple[int, int], message: str, fix: Fix | None = None) -> Finding:
    start, end = needle if isinstance(needle, tuple) else (TEXT.index(needle), TEXT.index(needle) + len(needle))
    index = LineIndex(TEXT)
    location = Location(start, end, *index.position(start), *index.position(end))
    info = RULES[code]
    return Finding(
        code,
        info.name,
        info.family,
        info.severity,
        message,
        PATH,
        location,
        TEXT[start:end],
        fix,
        fingerprint=f"{code}-{start}",
    )


DOUBLE = TEXT.index("  ")
LINE_TWO = TEXT.index("See")
FINDINGS = [
    finding("AL900", (0, 0), "rule XX crashed"),
    finding(
        "TY002", "  ", "Two spaces; use one", Fix((Edit(DOUBLE, DOUBLE + 2, " "),), Applicability.SAFE, "Use one space")
    ),
    finding("CN001", "again.\nSee", "Spans a line break"),
    finding(
        "BP002",
        TEXT[LINE_TWO:-1],
        "Related link; remove the block",
        Fix((Edit(LINE_TWO, len(TEXT), ""),), Applicability.SAFE, "Remove the block"),
    ),
    finding("MT009", "</script>", "No final punctuation"),
]
RUN = RunResult(
    files=[
        FileResult(PATH, FINDINGS, TEXT),
        FileResult("news/broken.html", error="not valid UTF-8 (byte 0xff at offset 3, line 1)", kind="html"),
        FileResult("news/clean.txt", [], "All good.\n"),
    ],
    rules=RULES,
    version="9.9.9",
)


def test_new_formats_are_registered() -> None:
    assert {"html", "rdjson", "gitlab"} <= set(FORMATS)


# --- rdjson -----------------------------------------------------------------------------


def strict(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with unknown properties refused everywhere (protobuf JSON refuses them too)."""
    out = copy.deepcopy(schema)
    for definition in out["definitions"].values():
        definition["additionalProperties"] = False
        for prop in definition.get("properties", {}).values():
            prop.pop("additionalProperties", None)
    return out


def test_rdjson_validates_and_counts_columns_in_utf8_bytes() -> None:
    report = json.loads(render("rdjson", RUN))
    schema = json.loads((DATA / "rdjson-DiagnosticResult.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(report)
    jsonschema.Draft4Validator(strict(schema)).validate(report)
    assert report["source"] == {"name": "artlint", "url": REPOSITORY_URL}
    diagnostics = report["diagnostics"]
    assert [d.get("code", {}).get("value") for d in diagnostics] == ["AL900", "TY002", "CN001", "BP002", "MT009", None]
    double = diagnostics[1]
    # "Héllo 🚀 world" is 17 UTF-8 bytes: é takes 2, the rocket 4.
    assert double["location"] == {
        "path": PATH,
        "range": {"start": {"line": 1, "column": 18}, "end": {"line": 1, "column": 20}},
    }
    assert double["severity"] == "INFO"
    assert double["code"] == {"value": "TY002", "url": rule_url("TY002")}
    assert double["suggestions"] == [{"range": double["location"]["range"], "text": " "}]
    assert diagnostics[2]["location"]["range"] == {"start": {"line": 1, "column": 20}, "end": {"line": 2, "column": 4}}
    assert diagnostics[3]["suggestions"][0]["range"] == {
        "start": {"line": 2, "column": 1},
        "end": {"line": 3, "column": 1},
    }
    assert diagnostics[5] == {
        "message": "not valid UTF-8 (byte 0xff at offset 3, line 1)",
        "location": {"path": "news/broken.html"},
        "severity": "ERROR",
    }


# --- gitlab -----------------------------------------------------------------------------


def test_gitlab_code_quality_issues() -> None:
    issues = json.loads(render("gitlab", RUN))
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("AL900", "major", {"path": "news/launch.txt", "lines": {"begin": 1, "end": 1}}),
        ("TY002", "info", {"path": "news/launch.txt", "lines": {"begin": 1, "end": 1}}),
        ("CN001", "minor", {"path": "news/launch.txt", "lines": {"begin": 1, "end": 2}}),
        ("BP002", "minor", {"path": "news/launch.txt", "lines": {"begin": 2, "end": 2}}),
        ("MT009", "minor", {"path": "news/launch.txt", "lines": {"begin": 2, "end": 2}}),
        ("artlint-input-error", "critical", {"path": "news/broken.html", "lines": {"begin": 1, "end": 1}}),
    ]
    assert issues[1]["description"] == "Two spaces; use one (TY002 doubled-space)"
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(issues)
    assert all(re.fullmatch(r"[0-9a-f]{32}", f) for f in fingerprints)
    assert json.loads(render("gitlab", RUN)) == issues  # stable across runs
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}


@pytest.mark.parametrize(("path", "expected"), [("./a/b.md", "a/b.md"), ("a\\b.md", "a/b.md"), ("b.md", "b.md")])
def test_gitlab_paths_are_relative_with_forward_slashes(path: str, expected: str) -> None:
    assert report_path(path) == expected


# --- html -------------------------------------------------------------------------------


class Page(HTMLParser):
    """What the tests look at in a report: tags, marks, the article's text, table rows."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[str, str]] = []  # (data-f, text)
        self.article: list[str] = []
        self.rows: list[list[str]] = []
        self._stack: list[str] = []
        self._mark: dict[str, str | None] | None = None
        self._mark_text: list[str] = []
        self._in_article = 0
        self._row: list[str] | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "div" and attributes.get("class") == "article":
            self._in_article = 1
        elif self._in_article and tag == "div":
            self._in_article += 1
        if tag == "mark":
            self._mark, self._mark_text = attributes, []
        if tag == "tr":
            self._row = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._in_article:
            self._in_article -= 1
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark.get("data-f") or "", "".join(self._mark_text)))
            self._mark = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self._mark_text.append(data)
        if self._in_article and not (self._mark is not None and "point" in (self._mark.get("class") or "")):
            self.article.append(data)
        if self._row is not None and data.strip():
            self._row.append(data.strip())


def test_html_is_self_contained() -> None:
    page = render("html", RUN)
    parsed = Page(page)
    assert page.startswith("<!DOCTYPE html>")
    assert not [tag for tag, _ in parsed.tags if tag in ("link", "img", "iframe", "object", "embed", "video", "audio")]
    assert not [(tag, a) for tag, a in parsed.tags if "src" in a or (tag != "a" and "href" in a)]
    assert "url(" not in page and "@import" not in page


def test_html_marks_every_finding_and_keeps_the_text() -> None:
    parsed = Page(render("html", RUN))
    covered = {int(i) for ids, _ in parsed.marks for i in ids.split()}
    assert covered == set(range(len(FINDINGS)))
    assert ("0", "AL900") in parsed.marks  # the empty finding is a badge with its code
    assert ("1", "  ") in parsed.marks
    assert ("3 4", "</script>") in parsed.marks  # MT009 inside BP002: both listed, one piece
    assert "".join(parsed.article) == TEXT + "All good.\n"


def test_html_escapes_article_text_and_script_data() -> None:
    page = render("html", RUN)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)" in page and "&lt;/script&gt;</mark>" in page
    data = re.search(
        r'<script type="application/json" class="findings-data" data-file="1">(.*?)</script>', page, re.DOTALL
    )
    assert data is not None
    assert [f["code"] for f in json.loads(data.group(1))] == ["AL900", "TY002", "CN001", "BP002", "MT009"]


def test_html_summary_table_and_readability_figures() -> None:
    rows = Page(render("html", RUN)).rows
    assert ["boilerplate", "1", "BP002", "related-link", "1"] in rows
    assert ["typography", "1", "TY002", "doubled-space", "1"] in rows
    assert ["Total", "5"] in rows
    figures = rows[rows.index(["Total", "5"]) + 1 :]
    assert figures[:3] == [["words", "9"], ["characters", "57"], ["sentences", "2"]]
    assert rows.count(["No findings."]) == 1  # the clean file; the unreadable one has no table


def test_pieces_cut_at_every_boundary() -> None:
    cuts = [
        (p.start, p.end, p.covering)
        for p in pieces(10, [(FINDINGS[0].start, FINDINGS[0].end), (2, 8), (4, 6), (6, 6)])
    ]
    assert cuts == [(0, 0, (0,)), (0, 2, ()), (2, 4, (1,)), (4, 6, (1, 2)), (6, 6, (3,)), (6, 8, (1,)), (8, 10, ())]


# --- the page in a real browser ----------------------------------------------------------

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
VISIBILITY_CHECK = """<script>
(function(){
  var want=new Set(),seen=new Set();
  document.querySelectorAll('script.findings-data').forEach(function(s){
    JSON.parse(s.textContent).forEach(function(_,i){want.add(s.dataset.file+':'+i);});
  });
  document.querySelectorAll('mark.f').forEach(function(m){
    var r=m.getBoundingClientRect(),st=getComputedStyle(m);
    if(r.width>0&&r.height>0&&st.visibility==='visible'&&st.backgroundColor!=='rgba(0, 0, 0, 0)'){
      var file=m.closest('.article').dataset.file;
      m.dataset.f.split(' ').forEach(function(i){seen.add(file+':'+i);});
    }
  });
  var first=document.querySelector('mark.f');first.click();
  var pop=document.getElementById('popover');
  document.body.setAttribute('data-check',JSON.stringify({want:want.size,seen:seen.size,
    popover:!pop.hidden&&pop.textContent.indexOf(first.title.split(' ')[0])>=0}));
})();
</script>"""


@pytest.fixture(scope="session")
def chromium() -> str:
    """A headless Chromium, installed from the system packages when missing and possible."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and shutil.which("apt-get") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=300, check=False)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"], env=env, capture_output=True, timeout=900, check=False
        )
        found = shutil.which("chromium")
    if found is None:
        pytest.skip(
            "Chromium is not installed and `apt-get install -y chromium` is not possible here (needs root and apt)"
        )
    return found


def browse(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


@pytest.mark.slow
def test_seed_report_renders_every_finding_in_chromium(chromium: str, tmp_path: Path) -> None:
    run = Runner(Overrides(isolated=True)).run([str(SEEDS / "000_86da29c17ddbe20d.txt")])
    findings = len(run.findings)
    assert findings > 5
    page = tmp_path / "report.html"
    page.write_text(render("html", run), encoding="utf-8")
    checked = tmp_path / "checked.html"
    checked.write_text(
        page.read_text(encoding="utf-8").replace("</body>", VISIBILITY_CHECK + "</body>"), encoding="utf-8"
    )

    dom = browse(chromium, tmp_path / "profile-dom", "--dump-dom", checked.as_uri()).stdout
    match = re.search(r"data-check=\"([^\"]*)\"", dom)
    assert match is not None, dom[-2000:]
    assert json.loads(match.group(1).replace("&quot;", '"')) == {"want": findings, "seen": findings, "popover": True}

    shot = tmp_path / "report.png"
    browse(chromium, tmp_path / "profile-shot", "--window-size=1280,2600", f"--screenshot={shot}", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


# --- CI summary -------------------------------------------------------------------------


def test_ci_summary_line() -> None:
    assert ci_line(RUN, 0.4321) == (
        "artlint: 3 files, 5 findings (boilerplate 1, translation 1, typography 1, consistency 1, artlint 1; "
        "error 1, warning 3, info 1), 1 file not checked, 0.43 s"
    )
    empty = RunResult([FileResult("a.txt", [], "x")], {}, "1")
    assert ci_line(empty, 1.0, fixed=2) == "artlint: 1 file, 0 findings, 2 fixed, 1.00 s"
