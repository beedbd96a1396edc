"""The ``html`` format: one self-contained page an editor reads in a browser.

For each file: a table of findings by family and code, the readability figures, and the
article with every finding highlighted in its family's colour; hovering a highlight shows
its findings, clicking opens a panel with message, rule, severity and fix, and the list of
findings below the article links back to each highlight. Styles and script are inline:
the page loads nothing from anywhere, so it can be mailed or archived as one file.

Overlapping findings are drawn by cutting the text at every start and end: each piece is
one ``<mark>`` listing the findings that cover it, coloured by the shortest of them. A
finding with an empty span (an insertion point) is drawn as a badge with its code.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from artlint.markup import parse
from artlint.metrics import METRICS
from artlint.model import Family, FileResult, Finding, RunResult
from artlint.reporters.summary import Counts
from artlint.source import SourceText

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

_CONTROLS = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n\r"} | {0x7F: 0x2421}


def render(run: RunResult, *, color: bool = False) -> str:
    """The whole page (``color`` is ignored: the page always has colour)."""
    counts = Counts.of(run)
    sections = "\n".join(_file_section(run, number, result) for number, result in enumerate(run.files, start=1))
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
        f"<main>\n{sections}\n</main>\n"
        '<div id="popover" role="dialog" aria-live="polite" hidden></div>\n'
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _title(run: RunResult) -> str:
    return run.files[0].path if len(run.files) == 1 else f"{len(run.files)} files"


@dataclass(frozen=True, slots=True)
class _Piece:
    """A stretch of text and the indexes of the findings covering it (none: plain text)."""

    start: int
    end: int
    covering: tuple[int, ...]


def pieces(length: int, findings: Sequence[Finding]) -> Iterator[_Piece]:
    """Cut ``[0, length)`` at every finding boundary; each piece lists the findings over it.

    Empty findings become empty pieces at their offset, after the pieces ending there.
    """
    cuts = sorted({0, length, *(f.start for f in findings), *(f.end for f in findings)})
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    empty: dict[int, list[int]] = {}
    for index, finding in enumerate(findings):
        if finding.start == finding.end:
            empty.setdefault(finding.start, []).append(index)
        else:
            starting.setdefault(finding.start, []).append(index)
            ending.setdefault(finding.end, []).append(index)
    active: set[int] = set()
    for position, cut in enumerate(cuts):
        active.difference_update(ending.get(cut, ()))
        for index in empty.get(cut, ()):
            yield _Piece(cut, cut, (index,))
        active.update(starting.get(cut, ()))
        if position + 1 < len(cuts):
            yield _Piece(cut, cuts[position + 1], tuple(sorted(active)))


def _file_section(run: RunResult, number: int, result: FileResult) -> str:
    findings = result.findings
    parts = [f'<section class="file" id="file-{number}">', f"<h2>{_esc(result.path)}</h2>"]
    if result.error is not None:
        parts.append(f'<p class="error">Not checked: {_esc(result.error)}</p>')
    else:
        figures = _figures_table(result) if result.text else ""
        parts.append(f'<div class="panels">{_summary_table(findings, run)}{figures}</div>')
    if result.text:
        parts.append(f'<div class="article" data-file="{number}">{_article(result.text, findings, number)}</div>')
    if findings:
        parts.append(_finding_list(findings, number, run))
        parts.append(
            f'<script type="application/json" class="findings-data" data-file="{number}">'
            f"{_json_for_script([_finding_data(f, run) for f in findings])}</script>"
        )
    parts.append("</section>")
    return "\n".join(parts)


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


def readability_figures(result: FileResult) -> list[tuple[str, str]]:
    """(label, value) of every metric in ``artlint.metrics.METRICS`` on the file's prose.

    This is the hook for readability figures: a metric added to ``METRICS`` shows up here.
    """
    plain = parse(SourceText(result.text), result.kind).plain
    return [(metric.label, metric.format(metric.measure(plain))) for metric in METRICS.values()]


def _figures_table(result: FileResult) -> str:
    rows = "".join(
        f"<tr><th>{_esc(label)}</th><td>{_esc(value)}</td></tr>" for label, value in readability_figures(result)
    )
    return f'<table class="figures"><caption>Readability</caption>{rows}</table>'


def _article(text: str, findings: Sequence[Finding], number: int) -> str:
    out: list[str] = []
    anchored: set[int] = set()
    for piece in pieces(len(text), findings):
        for index in piece.covering:
            if index not in anchored:
                anchored.add(index)
                out.append(f'<span class="anchor" id="m{number}-{index}"></span>')
        if not piece.covering:
            out.append(_esc(text[piece.start : piece.end]))
            continue
        covering = [findings[i] for i in piece.covering]
        inner = min(covering, key=lambda f: (f.end - f.start, f.start))
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
section.file{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem 1.25rem;margin:1.25rem 0}
section.file h2{font-size:1.1rem;margin:0 0 .75rem;word-break:break-all}
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
  document.addEventListener('keydown',function(e){
    if(e.key==='Escape')close();
    else if(e.key==='Enter'&&document.activeElement.matches('mark.f'))open(document.activeElement);
  });
})();
"""
