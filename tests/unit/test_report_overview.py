"""The HTML report of many files: the text artlint checked (not an HTML input's markup), an
overview worst file first with links into folded sections, and a size that stays usable for
1,000 articles (measured, and opened in headless Chromium)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from test_reporters_review import Page, browse, chromium  # noqa: F401 - chromium is a fixture

from artlint.config import Overrides
from artlint.model import Family, FileResult, Finding, Location, RuleInfo, RunResult, Severity
from artlint.reporters import render
from artlint.reporters.html import OPEN_UP_TO
from artlint.runner import Runner
from artlint.source import LineIndex

SCRIPT = "var state = {" + ", ".join(f'"k{i}": {i}' for i in range(1500)) + "};"  # page scripts: ~20 KB
PARAGRAPH = "The council met on Monday to discuss the budget , for the coming year and the roads. "


def page(number: int, paragraphs: int = 30) -> str:
    """An article page of our own with the weight of a real one: head, styles, scripts, navigation."""
    body = "".join(f"<p>{PARAGRAPH * 2}Item {number}.{i}.</p>\n" for i in range(paragraphs))
    return (
        f"<!DOCTYPE html><html><head><title>Story {number}</title><style>body{{font:serif}}.nav{{color:red}}</style>"
        f"<script>{SCRIPT}</script></head><body><nav class=\"nav\">Home | World | Sport</nav>"
        f"<article><h1>Council story {number}</h1>\n{body}<p>See also: council story {number + 1}</p></article>"
        "<footer>Copyright News</footer></body></html>\n"
    )


RULES = {
    "TY002": RuleInfo("TY002", "space-before-punctuation", Family.TYPOGRAPHY, Severity.WARNING, "Space before", ""),
    "BP002": RuleInfo("BP002", "related-link", Family.BOILERPLATE, Severity.WARNING, "Related link", ""),
}


def findings_of(path: str, text: str, spaces: int) -> list[Finding]:
    """TY002 on the first ``spaces`` spaces before a comma and BP002 on the 'See also' line, as the rules would."""
    lines = LineIndex(text)
    spans = [(m.start(), m.start() + 1, "TY002") for m in re.finditer(" ,", text)][:spaces]
    see = text.index("See also")
    spans.append((see, text.index("</p>", see), "BP002"))
    out = []
    for start, end, code in spans:
        info = RULES[code]
        location = Location(start, end, *lines.position(start), *lines.position(end))
        out.append(Finding(code, info.name, info.family, info.severity, info.summary, path, location, text[start:end]))
    return out


def test_an_html_input_is_shown_as_the_text_checked() -> None:
    source = page(1, paragraphs=2)
    run = Runner(Overrides(isolated=True, select=["TY002"])).check_text(source, kind="html", path="story.html")
    assert [f.code for f in run] == ["TY002"] * 4
    report = render("html", RunResult([FileResult("story.html", run, source, kind="html")], RULES, "1"))
    parsed = Page(report)
    article = "".join(parsed.article)
    assert article.startswith("Story 1\n\nHome | World | Sport\n\nCouncil story 1\n\nThe council met")
    assert article.endswith("See also: council story 2\n\nCopyright News")
    for markup in ("DOCTYPE", "<script", "var state", "font:serif", "<p>", "<nav"):
        assert markup not in article
    assert [text for _, text in parsed.marks] == [" "] * 4  # each finding marks its own space
    assert article.count("budget , for") == 4


def many(count: int, clean_every: int = 4) -> RunResult:
    files = []
    for number in range(1, count + 1):
        path, text = f"site/story-{number:04d}.html", page(number)
        spaces = 0 if number % clean_every == 0 else number % 7
        files.append(FileResult(path, findings_of(path, text, spaces) if spaces else [], text, kind="html"))
    return RunResult(files, RULES, "1")


def test_overview_lists_files_worst_first_with_links_into_folded_sections() -> None:
    run = many(OPEN_UP_TO + 5)
    report = render("html", run)
    rows = re.findall(r'<tr><td><a href="#(file-\d+)">([^<]+)</a></td><td>(\d+)</td>', report)
    assert len(rows) == len(run.files)
    counts = [int(n) for _, _, n in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] == 7  # six spaces before a comma and a related link
    for anchor, path, _ in rows:
        assert f'<details class="file" id="{anchor}">' in report  # folded: more than OPEN_UP_TO files
        assert run.files[int(anchor.split("-")[1]) - 1].path == path
    clean = next(f for f in run.files if not f.findings)
    assert "Item 4.0." not in report and clean.path in report  # a clean file: listed, its text left out
    few = render("html", many(3))
    assert few.count('<details class="file" id="file-') == few.count(" open>") == 3


def test_a_report_does_not_copy_the_markup_of_its_inputs() -> None:
    run = many(OPEN_UP_TO + 10)
    size = len(render("html", run).encode())
    assert size < sum(len(f.text) for f in run.files) / 3  # markup, styles and scripts are left out


@pytest.mark.slow
def test_a_thousand_article_report_opens_in_chromium(chromium: str, tmp_path: Path,  # noqa: F811
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Figures printed: the size of the inputs and of the report, and the time to write and to load it."""
    run = many(1000)
    started = time.perf_counter()
    report = render("html", run)
    elapsed = time.perf_counter() - started
    sources = sum(len(f.text.encode()) for f in run.files)
    check = """<script>
window.addEventListener('load',function(){
  var loaded=performance.now(),before=document.querySelectorAll('details[open]').length;
  var link=document.querySelector('nav.overview a');location.hash=link.getAttribute('href');
  setTimeout(function(){
    var target=document.getElementById(location.hash.slice(1)),marks=target.querySelectorAll('mark.f');
    var shown=Array.prototype.filter.call(marks,function(m){return m.getBoundingClientRect().width>0;}).length;
    document.body.setAttribute('data-check',JSON.stringify({before:before,open:target.open,marks:marks.length,
      shown:shown,loaded:Math.round(loaded)}));
  },50);
});
</script>"""
    page_file = tmp_path / "report.html"
    page_file.write_text(report.replace("</body>", check + "</body>"), encoding="utf-8")
    dom = browse(chromium, tmp_path / "profile", "--virtual-time-budget=5000", "--dump-dom", page_file.as_uri()).stdout
    match = re.search(r"data-check=\"([^\"]*)\"", dom)
    assert match is not None, dom[-1000:]
    result = json.loads(match.group(1).replace("&quot;", '"'))
    with capsys.disabled():
        print(f"\n1,000 articles ({sources / 1e6:.1f} MB of HTML, {len(run.findings)} findings): report "
              f"{len(report.encode()) / 1e6:.1f} MB written in {elapsed:.1f} s, loaded by Chromium in {result['loaded']} ms")
    assert result["before"] == 0 and result["open"] is True
    assert result["marks"] == 7 and result["shown"] == 7
