"""The ``html`` format: one self-contained page an editor reads in a browser.

An overview comes first: the findings by family, and the files worst first (most findings),
each linking to its section. Each file's section holds a table of findings by family and code,
the readability figures, and the article with every finding highlighted in its family's colour;
hovering a highlight shows its findings, clicking opens a panel with message, rule, severity
and fix, and the list of findings below the article links back to each highlight. Styles and
script are inline: the page loads nothing from anywhere, so it can be mailed or archived as one
file.

The article is the text artlint checked: a Markdown or HTML file is shown as its plain text
(without markup, scripts or styles), each finding moved from its source offsets to the plain
text through the document's offset map; the finding list keeps the source line and column.

A report of many files stays light: past ``OPEN_UP_TO`` files each section is folded (a closed
``<details>``, opened from the overview or a link, so the browser lays out only what is open),
and the text of files without findings and the readability figures (textstat's syllable
counts cost more than drawing the page; ``artlint stats`` prints them) are left out.

Overlapping findings are drawn by cutting the text at every start and end: each piece is
one ``<mark>`` listing the findings that cover it, coloured by the shortest of them. A
finding with an empty span (an insertion point) is drawn as a badge with its code.
"""

from __future__ import annotations

import bisect
import html
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from artlint.markup import parse
from artlint.markup.document import Document
from artlint.metrics import METRICS
from artlint.model import Family, FileResult, Finding, RunResult
from artlint.readability import Readability
from artlint.reporters.summary import Counts, plural
from artlint.source import SourceText
from artlint.text.analysis import Analysis

FAMILY_COLOURS: dict[Family, str] = {
    Family.BOILERPLATE: "#e69f00",
    Family.TRANSLATION: "#56b4e9",
    Family.TYPOGRAPHY: "#009e73",
    Family.CONSISTENCY: "#cc79a7",
    Family.GRAMMAR: "#d55e00",
    Family.READABILITY: "#0072b2",
    Family.ARTLINT: "#7f7f7f",
}
"""Okabe–Ito colours, distinguishable with the common colour-vision deficiencies."""

OPEN_UP_TO = 20
"""Sections of a report with at most this many files are open; past it they are folded."""

_CONTROLS = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n\r"} | {0x7F: 0x2421}


def render(run: RunResult, *, color: bool = False) -> str:
    """The whole page (``color`` is ignored: the page always has colour)."""
    counts = Counts.of(run)
    folded = len(run.files) > OPEN_UP_TO
    sections = "\n".join(
        _file_section(run, number, result, folded) for number, result in enumerate(run.files, start=1)
    )
    legend = "".join(
        f'<span class="chip fam-{fam.value.lower()}">{fam.value} {fam.label}</span>' for fam in FAMILY_COLOURS
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>artlint report: {_esc(_title(run))}</title>\n<style>{_css()}</style>\n</head>\n<body>\n"
        f'<header><h1>artlint report</h1><p class="counts">{_esc(counts.sentence())}</p>'
        f'<p class="legend">{legend}</p><p class="meta">artlint {_esc(run.version)}</p></header>\n'
        f"{_overview(run) if len(run.files) > 1 else ''}\n"
        f"<main>\n{sections}\n</main>\n"
        '<div id="popover" role="dialog" aria-live="polite" hidden></div>\n'
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _overview(run: RunResult) -> str:
    """Findings by family over the run, and the files worst first, each linked to its section."""
    families = [fam for fam in FAMILY_COLOURS if any(f.family is fam for f in run.findings)]
    totals = Counter(f.family for f in run.findings)
    chips = "".join(
        f'<span class="chip fam-{fam.value.lower()}">{fam.label} {totals[fam]}</span> ' for fam in families
    )
    order = sorted(enumerate(run.files, start=1),
                   key=lambda item: (-len(item[1].findings), item[1].error is None, item[1].path))
    head = "".join(f'<th><span class="chip fam-{fam.value.lower()}">{fam.value}</span></th>' for fam in families)
    rows = [f"<tr><th>File</th><th>Findings</th>{head}</tr>"]
    for number, result in order:
        by_family = Counter(f.family for f in result.findings)
        cells = "".join(f"<td>{by_family[fam] or ''}</td>" for fam in families)
        total = "not checked" if result.error is not None else str(len(result.findings))
        rows.append(f'<tr><td><a href="#file-{number}">{_esc(result.path)}</a></td><td>{total}</td>{cells}</tr>')
    return (
        f'<nav class="overview"><h2>Overview</h2><p>{chips}</p>'
        f'<table class="files"><caption>Files, most findings first</caption>{"".join(rows)}</table></nav>'
    )


def _title(run: RunResult) -> str:
    return run.files[0].path if len(run.files) == 1 else f"{len(run.files)} files"


@dataclass(frozen=True, slots=True)
class _Piece:
    """A stretch of text and the indexes of the findings covering it (none: plain text)."""

    start: int
    end: int
    covering: tuple[int, ...]


def pieces(length: int, spans: Sequence[tuple[int, int]]) -> Iterator[_Piece]:
    """Cut ``[0, length)`` at every span boundary; each piece lists the spans over it.

    Empty spans become empty pieces at their offset, after the pieces ending there.
    """
    cuts = sorted({0, length, *(start for start, _ in spans), *(end for _, end in spans)})
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    empty: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(spans):
        if start == end:
            empty.setdefault(start, []).append(index)
        else:
            starting.setdefault(start, []).append(index)
            ending.setdefault(end, []).append(index)
    active: set[int] = set()
    for position, cut in enumerate(cuts):
        active.difference_update(ending.get(cut, ()))
        for index in empty.get(cut, ()):
            yield _Piece(cut, cut, (index,))
        active.update(starting.get(cut, ()))
        if position + 1 < len(cuts):
            yield _Piece(cut, cuts[position + 1], tuple(sorted(active)))


def _file_section(run: RunResult, number: int, result: FileResult, folded: bool) -> str:
    findings = result.findings
    document = parse(SourceText(result.text), result.kind) if result.text else None
    status = "not checked" if result.error is not None else plural(len(findings), "finding")
    parts = [f'<details class="file" id="file-{number}"{"" if folded else " open"}>',
             f"<summary><h2>{_esc(result.path)}</h2> <span class=\"status\">{status}</span></summary>"]
    if result.error is not None:
        parts.append(f'<p class="error">Not checked: {_esc(result.error)}</p>')
    else:
        figures = _figures_table(document) if document is not None and not folded else ""
        parts.append(f'<div class="panels">{_summary_table(findings, run)}{figures}</div>')
    if document is not None and (findings or not folded):
        text, spans = shown_text(document, findings)
        parts.append(f'<div class="article" data-file="{number}">{_article(text, spans, findings, number)}</div>')
    if findings:
        parts.append(_finding_list(findings, number, run))
        parts.append(
            f'<script type="application/json" class="findings-data" data-file="{number}">'
            f"{_json_for_script([_finding_data(f, run) for f in findings])}</script>"
        )
    parts.append("</details>")
    return "\n".join(parts)


def shown_text(document: Document, findings: Sequence[Finding]) -> tuple[str, list[tuple[int, int]]]:
    """The text shown for a file and each finding's span in it: plain text is shown as it is;
    Markdown and HTML as the plain text checked, with spans moved from the source to it."""
    if document.kind == "text":
        return document.text, [(f.start, f.end) for f in findings]
    segments = document.offsets.segments
    starts = [segment.src_start for segment in segments]

    def plain(offset: int, end: bool) -> int:
        index = (bisect.bisect_left(starts, offset) if end else bisect.bisect_right(starts, offset)) - 1
        if index < 0:
            return 0
        segment = segments[index]
        if offset > segment.src_end or (offset == segment.src_end and not end):
            return segment.plain_end  # between two segments: where the next one starts
        if segment.exact:
            return segment.plain_start + min(offset - segment.src_start, segment.plain_len)
        return segment.plain_end if end else segment.plain_start

    spans = []
    for finding in findings:
        start = plain(finding.start, False)
        spans.append((start, max(start, plain(finding.end, True)) if finding.end > finding.start else start))
    return document.plain, spans


def _summary_table(findings: Sequence[Finding], run: RunResult) -> str:
    if not findings:
        return '<table class="summary"><caption>Findings</caption><tr><td>No findings.</td></tr></table>'
    by_family = Counter(f.family for f in findings)
    by_code = Counter(f.code for f in findings)
    families = {f.code: f.family for f in findings}
    names = {f.code: f.name for f in findings}
    rows = ["<tr><th>Family</th><th>Code</th><th>Rule</th><th>Findings</th></tr>"]
    for family in (fam for fam in FAMILY_COLOURS if by_family[fam]):
        codes = sorted(code for code in by_code if families[code] is family)
        for position, code in enumerate(codes):
            head = (
                f'<td rowspan="{len(codes)}"><span class="chip fam-{family.value.lower()}">'
                f"{family.label}</span> {by_family[family]}</td>"
                if position == 0
                else ""
            )
            rows.append(
                f"<tr>{head}<td>{_rule_link(code, run)}</td><td>{_esc(names[code])}</td><td>{by_code[code]}</td></tr>"
            )
    rows.append(f'<tr class="total"><td colspan="3">Total</td><td>{len(findings)}</td></tr>')
    return f'<table class="summary"><caption>Findings by family and rule</caption>{"".join(rows)}</table>'


def readability_figures(document: Document) -> list[tuple[str, str]]:
    """(label, value) of every metric in ``artlint.metrics.METRICS`` on a file's prose.

    This is the hook for readability figures: a metric added to ``METRICS`` shows up here.
    """
    figures = Readability.of(document, Analysis(document))
    return [(metric.label, metric.format(metric.measure(figures))) for metric in METRICS.values()]


def _figures_table(document: Document) -> str:
    rows = "".join(
        f"<tr><th>{_esc(label)}</th><td>{_esc(value)}</td></tr>" for label, value in readability_figures(document)
    )
    return f'<table class="figures"><caption>Readability</caption>{rows}</table>'


def _article(text: str, spans: Sequence[tuple[int, int]], findings: Sequence[Finding], number: int) -> str:
    """``text`` with a mark over each of ``spans`` (those of ``findings``, in order)."""
    out: list[str] = []
    anchored: set[int] = set()
    for piece in pieces(len(text), spans):
        for index in piece.covering:
            if index not in anchored:
                anchored.add(index)
                out.append(f'<span class="anchor" id="m{number}-{index}"></span>')
        if not piece.covering:
            out.append(_esc(text[piece.start : piece.end]))
            continue
        covering = [findings[i] for i in piece.covering]
        inner = findings[min(piece.covering, key=lambda i: (spans[i][1] - spans[i][0], spans[i][0]))]
        classes = ["f", f"fam-{inner.family.value.lower()}"]
        if len(covering) > 1:
            classes.append("multi")
        content = _esc(text[piece.start : piece.end])
        if piece.start == piece.end:
            classes.append("point")
            content = _esc(inner.code)
        tip = "\n".join(f"{f.code} {f.name}: {f.message}" for f in covering)
        ids = " ".join(str(i) for i in piece.covering)
        out.append(
            f'<mark class="{" ".join(classes)}" data-f="{ids}" tabindex="0" title="{_esc(tip)}">{content}</mark>'
        )
    return "".join(out)


def _finding_list(findings: Sequence[Finding], number: int, run: RunResult) -> str:
    items = []
    for index, f in enumerate(findings):
        items.append(
            f'<li><a href="#m{number}-{index}">{f.line}:{f.column}</a> '
            f'<span class="chip fam-{f.family.value.lower()}">{_esc(f.code)}</span> '
            f'<span class="sev sev-{f.severity.label}">{f.severity.label}</span> '
            f'{_esc(f.message)} <span class="rule">({_rule_link(f.code, run, f.name)})</span></li>'
        )
    return f'<ol class="findings">{"".join(items)}</ol>'


def _finding_data(f: Finding, run: RunResult) -> dict[str, object]:
    info = run.rules.get(f.code)
    return {
        "code": f.code,
        "name": f.name,
        "family": f.family.label,
        "severity": f.severity.label,
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "url": info.url if info else "",
        "summary": info.summary if info else "",
        "fix": None if f.fix is None else f"{f.fix.description or 'fix'} ({f.fix.applicability.value})",
    }


def _rule_link(code: str, run: RunResult, label: str | None = None) -> str:
    info = run.rules.get(code)
    text = _esc(label or code)
    return f'<a href="{_esc(info.url)}">{text}</a>' if info and info.url else text


def _json_for_script(value: object) -> str:
    """JSON that cannot end its ``<script>`` element early."""
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _esc(text: str) -> str:
    """HTML-escaped ``text`` with control characters shown as visible symbols."""
    return html.escape(text.translate(_CONTROLS))


def _css() -> str:
    families = "".join(f".fam-{fam.value.lower()}{{--c:{colour}}}" for fam, colour in FAMILY_COLOURS.items())
    return _STYLE + families


_STYLE = """
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#fafafa}
body{margin:0 auto;max-width:72rem;padding:1.5rem}
header h1{margin:0 0 .3rem;font-size:1.5rem}
.counts{font-weight:600;margin:.2rem 0}.meta{color:#666;font-size:.85rem;margin:.2rem 0}
.legend{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0}
details.file{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem 1.25rem;margin:1.25rem 0}
details.file>summary{cursor:pointer;margin-bottom:.75rem}
details.file h2{display:inline;font-size:1.1rem;word-break:break-all}
.status{color:#555;font-size:.9rem;margin-left:.5rem}
nav.overview{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem 1.25rem;margin:1.25rem 0}
nav.overview h2{font-size:1.2rem;margin:0 0 .5rem}
table.files td:nth-child(n+2),table.files th:nth-child(n+2){text-align:right}
table.files a{word-break:break-all}
.error{color:#a40000;font-weight:600}
.panels{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start;margin-bottom:1rem}
table{border-collapse:collapse;font-size:.9rem}caption{text-align:left;font-weight:600;padding-bottom:.3rem}
th,td{border-bottom:1px solid #e5e5e5;padding:.25rem .6rem;text-align:left;vertical-align:top}
tr.total td{font-weight:600;border-bottom:none}
.chip{display:inline-block;border-left:.6rem solid var(--c);background:color-mix(in srgb,var(--c) 18%,#fff);padding:0 .4rem;border-radius:3px;font-size:.85rem}
.article{white-space:pre-wrap;overflow-wrap:anywhere;font-family:Georgia,"Times New Roman",serif;font-size:1.05rem;line-height:1.65;border-top:1px solid #eee;padding-top:.75rem}
mark.f{background:color-mix(in srgb,var(--c) 30%,transparent);border-bottom:2px solid var(--c);color:inherit;cursor:pointer;border-radius:2px}
mark.f.multi{border-bottom-style:double;border-bottom-width:4px}
mark.f.point{font:600 .7rem system-ui,sans-serif;padding:0 .2rem;margin:0 .1rem;vertical-align:super;background:var(--c);color:#fff}
mark.f:focus,mark.f.active{outline:2px solid #1d1d1f;outline-offset:1px}
ol.findings{font-size:.9rem;line-height:1.5;padding-left:1.5rem}
.sev{font-size:.75rem;text-transform:uppercase;letter-spacing:.03em;color:#555}.sev-error{color:#a40000;font-weight:700}
.rule{color:#555}
#popover{position:absolute;z-index:10;max-width:28rem;background:#fff;border:1px solid #bbb;border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.18);padding:.6rem .8rem;font-size:.9rem}
#popover .item{border-left:.35rem solid var(--c);padding-left:.5rem;margin:.3rem 0}
#popover .head{font-weight:600}
@media print{#popover{display:none}mark.f{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
"""

_SCRIPT = """
(function(){
  var data={};
  document.querySelectorAll('script.findings-data').forEach(function(s){data[s.dataset.file]=JSON.parse(s.textContent);});
  var pop=document.getElementById('popover'),current=null;
  function text(tag,cls,value){var e=document.createElement(tag);if(cls)e.className=cls;e.textContent=value;return e;}
  function close(){pop.hidden=true;if(current){current.classList.remove('active');current=null;}}
  function open(mark){
    close();
    var list=data[mark.closest('.article').dataset.file]||[];
    pop.replaceChildren();
    mark.dataset.f.split(' ').forEach(function(i){
      var f=list[+i];if(!f)return;
      var item=document.createElement('div');item.className='item fam-'+f.code.slice(0,2).toLowerCase();
      var head=text('div','head',f.code+' '+f.name+' \\u00b7 '+f.severity+' \\u00b7 line '+f.line+', column '+f.column);
      item.appendChild(head);item.appendChild(text('div','',f.message));
      if(f.fix)item.appendChild(text('div','rule','Fix: '+f.fix));
      if(f.url){var a=text('a','',f.summary||'About this rule');a.href=f.url;item.appendChild(a);}
      pop.appendChild(item);
    });
    var r=mark.getBoundingClientRect();
    pop.style.left=Math.max(8,Math.min(r.left+window.scrollX,document.documentElement.clientWidth-460))+'px';
    pop.style.top=(r.bottom+window.scrollY+6)+'px';
    pop.hidden=false;current=mark;mark.classList.add('active');
  }
  document.addEventListener('click',function(e){
    var mark=e.target.closest('mark.f');
    if(mark){open(mark);}else if(!pop.contains(e.target)){close();}
  });
  function reveal(){
    var target=location.hash&&document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if(!target)return;
    var folded=target.closest('details');
    if(folded&&!folded.open){folded.open=true;target.scrollIntoView();}
  }
  window.addEventListener('hashchange',reveal);reveal();
  document.addEventListener('keydown',function(e){
    if(e.key==='Escape')close();
    else if(e.key==='Enter'&&document.activeElement.matches('mark.f'))open(document.activeElement);
  });
})();
"""
