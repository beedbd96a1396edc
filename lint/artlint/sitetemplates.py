"""Site templates learned from a publisher's own pages (rule BP040).

A page template puts the same lines into many articles of one site: a promo headline, a
"Source: <address>" line, a byline with the name changed, a comment policy. Learning reads
every article of a corpus, grouped by site, and counts for each line *shape* in how many
articles of its site it occurs; checking flags the lines of an article whose shape enough of
the site's articles share, and says how many.

A line has two shapes, kept as 64-bit hashes (never the text):

- ``exact``: the line with whitespace runs collapsed, case-folded;
- ``masked``: the same with web and e-mail addresses, dates, numbers and runs of capitalised
  words (names) replaced by placeholders, so "By Ann Lee" and "By Bo Ma" share one shape. A
  masked shape must keep a literal word or a date ("<c>" alone, a bare name, is no shape).

Learning keeps, per site, one array of hashes per shape kind (each article's shapes once),
8 bytes a line, and counts them by sorting: memory grows with the corpus by a few bytes a
line and none of its text. The template file keeps only the shapes that reach the thresholds.

Legitimately shared text is told apart by where and how it recurs, not by its words:

- a shape shared by fewer than ``strong-articles`` articles (and ``strong-share`` of the site)
  counts only at the edges of the article: in the run of lines before its first or after its
  last line of article prose (a line of ``prose-words`` words or more that no other article
  shares). A region list or a reused paragraph in the middle of two press releases stays silent;
- a line of article prose itself (long, ending like a sentence) needs the strong threshold
  wherever it is: two articles quoting one statement share a paragraph, a site template is
  shared by many;
- a bare dash or other line without a letter (other than a date) is never a template line.

The result depends only on the template file and the article (and its site), so one article
checked with the file gets exactly the findings it gets in the corpus run.
"""

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from artlint.errors import ArtlintError, InputError
from artlint.source import read_json
from artlint.text.spans import web_address

if TYPE_CHECKING:  # numpy is imported when a run learns, not by every check
    import numpy as np

FORMAT = "artlint-site-templates"
MAX_MASKED = 2000
"""Longer lines keep their exact shape only: masking stays linear, and templates are short."""
VERSION = 1
MAX_TEMPLATE_BYTES = 200_000_000
"""A larger template file is not read (it is named in the configuration, which others may write)."""

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = re.compile(
    rf"\b(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?(?:\s+\d{{4}})?|{_MONTH}\s+\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_DIGIT = re.compile(r"\d")
_DOTTED = re.compile(r"\w\.[^\W\d_]")
# A run of capitalised words (a name, a title); "of", "de" and the like join its words.
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|da|van|von|del|la|le|al|bin)\s+)?[A-Z][\w'’.-]*)*")
_LETTER = re.compile(r"[^\W\d_]")
_LITERAL = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_PLACEHOLDER = re.compile(r"<[cdnu]>")


class LineShape(NamedTuple):
    """One non-blank line of a text: its span, the hashes of its shapes and what they say."""

    start: int
    end: int
    exact: int
    masked: int | None
    frame: int | None
    label: int  # length of the label the line opens with (0: none)
    weak: bool  # the masked shape is one word and a name ("by <c>", "the <c>")
    bare: bool  # the masked shape has no literal word ("<d>", "<d> — <c>")
    words: int
    sentence: bool


def _hash(text: str) -> int:
    """A signed 64-bit hash of ``text``, the same in every process and run."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big", signed=True)


def masked_shape(line: str) -> str | None:
    """``line`` with addresses, dates, numbers and names as placeholders, or None when what
    is left has no literal word and no date (a name or a number alone is no template)."""
    text = line
    if "@" in text or "://" in text or _DOTTED.search(text):  # the patterns cost more than these tests
        text = web_address().sub("<u>", text)
    if _DIGIT.search(text):
        text = _NUMBER.sub("<n>", _DATE.sub("<d>", text))
    text = _NAME.sub(_name_placeholder, text)
    text = " ".join(text.split()).casefold()
    if not _LITERAL.search(_PLACEHOLDER.sub(" ", text)) and "<d>" not in text:
        return None
    return text


def _name_placeholder(match: re.Match[str]) -> str:
    # the capitalised word opening a line or a sentence is an ordinary word ("By", "The")
    word = match.group()
    before = match.string[: match.start()].rstrip()
    if not before or before[-1] in ".!?:":
        first, _, rest = word.partition(" ")
        return first + (" <c>" if rest else "")
    return "<c>"


# Words of at most 30 characters: the lazy quantifiers backtrack a bounded distance on any line.
_LABEL = re.compile(r"^((?:\S{1,30}\s+){0,2}?\S{0,30}?[^\W\d_]\S{0,30}?(?::|\.\.\.|…))(?:\s|$)")


def label_of(shape: str) -> str | None:
    """The label a (masked) line opens with: up to three words ending in a colon or an
    ellipsis, without a name in them ("source:", "continued below..."), or None."""
    match = _LABEL.match(shape)
    if match is None or "<" in match.group(1):
        return None
    return match.group(1)


def frame_shape(shape: str) -> str | None:
    """The frame of a (masked) line: its label, or its first two and last three words;
    None for a line too short to have one."""
    words = shape.split()
    if len(words) < 6:
        return None
    return " ".join(words[:2]) + " * " + " ".join(words[-3:])


def _is_weak(masked: str) -> bool:
    """A masked shape of one word and one name ("by <c>", "the <c>"): an ordinary title in
    capitals has it too, so it needs more articles to count."""
    return _PLACEHOLDER.findall(masked) == ["<c>"] and len(_LITERAL.findall(_PLACEHOLDER.sub(" ", masked))) < 2


def line_shapes(text: str) -> list[LineShape]:
    """The shapes of every non-blank line of ``text`` that has a letter (lines end at ``\\n``)."""
    shapes: list[LineShape] = []
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped and (_LETTER.search(stripped) or _DATE.fullmatch(stripped)):
            start = position + len(raw) - len(raw.lstrip())
            exact = " ".join(stripped.split()).casefold()
            masked = masked_shape(stripped) if len(stripped) <= MAX_MASKED else None
            label = label_of(exact)
            frame = label + " *" if label else frame_shape(masked or exact)
            opening = _LABEL.match(stripped) if label else None
            weak = masked is not None and _is_weak(masked)
            bare = masked is not None and not _LITERAL.search(_PLACEHOLDER.sub(" ", masked))
            shapes.append(LineShape(
                start, start + len(stripped), _hash(exact),
                None if masked is None or masked == exact else _hash("\0" + masked),
                None if frame is None else _hash("\1" + frame),
                opening.end(1) if opening else 0, weak, bare, len(stripped.split()), bool(_SENTENCE_END.search(stripped))))
        position += len(raw) + 1
    return shapes


@dataclass(frozen=True)
class Thresholds:
    """When a shared shape is a template (BP040's parameters; defaults in
    ``rules/lexicons/site-templates.toml``). Counts are the larger of the number and the
    share of the site's articles."""

    min_articles: int = 2
    min_share: float = 0.0
    strong_articles: int = 3
    strong_share: float = 0.02
    weak_share: float = 0.05
    prose_words: int = 12

    @classmethod
    def of(cls, params: Mapping[str, Any]) -> "Thresholds":
        """From a parameter table with dashed keys (``min-articles``)."""
        return cls(**{name: params[name.replace("_", "-")] for name in cls.__dataclass_fields__
                      if name.replace("_", "-") in params})

    def least(self, total: int) -> int:
        """Articles a shape needs at an article's edges and in lists."""
        return max(self.min_articles, _ceil(self.min_share * total))

    def strong(self, total: int) -> int:
        """Articles a shape needs anywhere."""
        return max(self.least(total), self.strong_articles, _ceil(self.strong_share * total))

    def weak(self, total: int) -> int:
        """Articles a masked shape of one word and one name needs."""
        return max(self.strong(total), _ceil(self.weak_share * total))


class TemplateLine(NamedTuple):
    """A line of an article found to be template text, shared by ``articles`` of ``total``."""

    start: int
    end: int
    articles: int
    total: int
    varies: bool


@dataclass
class SiteModel:
    """What was learned of one site: its article count and the shared shapes' article counts."""

    articles: int
    counts: dict[int, int] = field(default_factory=dict)

    def shared(self, shape: LineShape, weak: int) -> tuple[int, bool]:
        """How many articles share ``shape`` (the exact or the masked one), and whether only
        masked; a weak masked shape counts only when ``weak`` articles share it."""
        exact = self.counts.get(shape.exact, 1)
        masked = self.counts.get(shape.masked, 1) if shape.masked is not None else 1
        if shape.weak and masked < weak:
            masked = 1
        return (exact, False) if exact >= masked else (masked, True)


@dataclass
class TemplateModel:
    """The learned templates of every site of a corpus."""

    sites: dict[str, SiteModel] = field(default_factory=dict)
    min_articles: int = 2

    def digest(self) -> str:
        """A fingerprint of the model (part of the results cache's key)."""
        return hashlib.sha256(self.dumps().encode()).hexdigest()

    def dumps(self) -> str:
        sites = {
            name: {"articles": site.articles,
                   "shapes": {format(k & 0xFFFFFFFFFFFFFFFF, "016x"): n for k, n in sorted(site.counts.items())}}
            for name, site in sorted(self.sites.items())
        }
        return json.dumps({"format": FORMAT, "version": VERSION, "min-articles": self.min_articles, "sites": sites},
                          indent=1, sort_keys=True) + "\n"

    def save(self, path: Path) -> None:
        path.write_text(self.dumps(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "TemplateModel":
        """Read a template file written by ``artlint learn``; a bad one is an error naming it."""
        try:
            raw = read_json(path, MAX_TEMPLATE_BYTES)
        except InputError as exc:
            raise ArtlintError(f"{path}: cannot read the template file: {exc}") from None
        except OSError as exc:
            raise ArtlintError(f"{path}: cannot read the template file: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise ArtlintError(f"{path}: not a template file written by 'artlint learn' (invalid JSON: {exc})") from None
        try:
            return cls._parse(raw)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ArtlintError(f"{path}: not a template file written by 'artlint learn' ({exc})") from None

    @classmethod
    def _parse(cls, raw: Any) -> "TemplateModel":
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ValueError(f'expected "format": "{FORMAT}"')
        if raw.get("version") != VERSION:
            raise ValueError(f"unsupported version {raw.get('version')!r} (this artlint reads {VERSION})")
        sites: dict[str, SiteModel] = {}
        for name, site in raw["sites"].items():
            counts = {_signed(int(k, 16)): int(n) for k, n in site["shapes"].items()}
            sites[str(name)] = SiteModel(int(site["articles"]), counts)
        return cls(sites, int(raw["min-articles"]))

    def find(self, site: str, text: str, thresholds: Thresholds) -> list[TemplateLine]:
        """The template lines of one article ``text`` of ``site``."""
        model = self.sites.get(site)
        if model is None:
            return []
        shapes = line_shapes(text)
        counts = model.counts
        total = model.articles
        least = max(thresholds.least(total), self.min_articles)
        strong = max(thresholds.strong(total), least)
        # the headline's capitalised words are its title's, not names: it counts only as it stands
        if shapes:
            shapes[0] = shapes[0]._replace(masked=None, frame=None, label=0)
        shared = [model.shared(s, thresholds.weak(total)) for s in shapes]
        framed = [counts.get(s.frame, 1) if s.frame is not None else 1 for s in shapes]
        prose = [s.words >= thresholds.prose_words and s.sentence for s in shapes]
        body = [i for i, (n, _) in enumerate(shared) if prose[i] and n < least and framed[i] < least]
        first, last = (body[0], body[-1]) if body else (len(shapes), -1)
        repeats = Counter(s.masked if s.masked is not None else s.exact for s in shapes)
        found = []
        for i, (shape, (n, varies)) in enumerate(zip(shapes, shared)):
            edge = i < first or i > last
            listed = not prose[i] and repeats[shape.masked if shape.masked is not None else shape.exact] >= 3
            if n >= (least if edge or listed else strong) and (edge or listed or not (varies and shape.bare)):
                found.append(TemplateLine(shape.start, shape.end, n, total, varies))
            elif edge and framed[i] >= (strong if prose[i] and not shape.label else least):
                found.append(TemplateLine(shape.start, shape.end, framed[i], total, True))
            elif shape.label and shape.start + shape.label < shape.end and framed[i] >= strong:
                found.append(TemplateLine(shape.start, shape.start + shape.label, framed[i], total, True))
        return found


_loaded: dict[tuple[str, int, int], TemplateModel] = {}


def load_templates(path: Path) -> TemplateModel:
    """The template file at ``path``, read once per process while it is unchanged."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ArtlintError(f"{path}: cannot read the template file: {exc.strerror or exc}") from None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = TemplateModel.load(path)
    return _loaded[key]


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _ceil(value: float) -> int:
    return int(-(-value // 1))


class Learner:
    """Counts line shapes per site over many articles; memory: 8 bytes a line and shape."""

    def __init__(self) -> None:
        self._articles: dict[str, int] = {}
        self._parts: dict[str, list[np.ndarray[Any, np.dtype[np.int64]]]] = {}
        self._pending: dict[str, list[int]] = {}

    def add(self, site: str, text: str) -> None:
        """Learn from one article of ``site``."""
        keys: set[int] = set()
        for shape in line_shapes(text):
            keys.update(k for k in shape[2:5] if k is not None)
        self._articles[site] = self._articles.get(site, 0) + 1
        pending = self._pending.setdefault(site, [])
        pending.extend(keys)
        if len(pending) >= 1 << 16:
            self._flush(site)

    def merge(self, other: "Learner") -> "Learner":
        """This learner with ``other``'s articles added (for partitions learned apart)."""
        for site, n in other._articles.items():
            self._articles[site] = self._articles.get(site, 0) + n
            other._flush(site)
            self._flush(site)
            self._parts[site].extend(other._parts.get(site, []))
            self._compact(site)
        return self

    def _flush(self, site: str) -> None:
        import numpy as np

        pending = self._pending.pop(site, [])
        parts = self._parts.setdefault(site, [])
        if pending:
            parts.append(np.array(pending, dtype=np.int64))
        if len(parts) > 8:
            self._compact(site)

    def _compact(self, site: str) -> None:
        import numpy as np

        parts = self._parts[site]
        if len(parts) > 1:
            self._parts[site] = [np.concatenate(parts)]

    def model(self, min_articles: int = 2) -> TemplateModel:
        """The shapes shared by at least ``min_articles`` articles of their site."""
        import numpy as np

        sites: dict[str, SiteModel] = {}
        for site, n in sorted(self._articles.items()):
            self._flush(site)
            parts = self._parts.get(site, [])
            counts: dict[int, int] = {}
            if parts:
                keys, seen = np.unique(np.concatenate(parts), return_counts=True)
                kept = seen >= min_articles
                counts = {int(k): int(c) for k, c in zip(keys[kept], seen[kept])}
            sites[site] = SiteModel(n, counts)
        return TemplateModel(sites, min_articles)


def learn(articles: Iterable[tuple[str, str]], min_articles: int = 2) -> TemplateModel:
    """The template model of ``(site, text)`` pairs."""
    learner = Learner()
    for site, text in articles:
        learner.add(site, text)
    return learner.model(min_articles)

