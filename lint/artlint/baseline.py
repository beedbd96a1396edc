"""Baseline files: known findings recorded by fingerprint, hidden so CI reports only new ones."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from artlint.errors import ArtlintError
from artlint.model import Finding, RunResult

FORMAT_VERSION = 1


@dataclass(slots=True)
class Baseline:
    """Fingerprints of accepted findings, per path (``Path.as_posix``)."""

    entries: dict[str, Counter[str]] = field(default_factory=dict)

    @classmethod
    def from_findings(cls, findings: Iterable[Finding]) -> Baseline:
        entries: dict[str, Counter[str]] = {}
        for finding in findings:
            entries.setdefault(Path(finding.path).as_posix(), Counter())[finding.fingerprint] += 1
        return cls(entries)

    @classmethod
    def read(cls, path: Path) -> Baseline:
        """Load a baseline; ``ArtlintError`` names the file when it is missing or malformed."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ArtlintError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise ArtlintError(f"{path}: baseline is not valid JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("findings"), dict):
            raise ArtlintError(f"{path}: not an artlint baseline (version {FORMAT_VERSION})")
        return cls({p: Counter(fps) for p, fps in data["findings"].items() if isinstance(fps, list)})

    def write(self, path: Path) -> None:
        """Save the baseline as JSON (sorted, so it diffs well)."""
        findings = {p: sorted(c.elements()) for p, c in sorted(self.entries.items())}
        path.write_text(json.dumps({"version": FORMAT_VERSION, "findings": findings}, indent=2) + "\n", encoding="utf-8")

    def filter(self, run: RunResult) -> RunResult:
        """The run without the findings this baseline accepts."""
        for result in run.files:
            known = Counter(self.entries.get(Path(result.path).as_posix(), Counter()))
            kept = []
            for finding in result.findings:
                if known[finding.fingerprint] > 0:
                    known[finding.fingerprint] -= 1
                else:
                    kept.append(finding)
            result.findings = kept
        return run
