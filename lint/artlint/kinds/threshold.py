"""Kind ``threshold``: a metric of a unit compared with a limit (``max`` and/or ``min``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.kinds.base import DeclarativeRule, Param
from artlint.metrics import METRICS
from artlint.readability import Readability
from artlint.rule import Context, Report, Scope


class ThresholdRule(DeclarativeRule):
    """Reports a unit whose ``metric`` is above ``max`` or below ``min``."""

    default_scope = Scope.SENTENCE
    scopes = (Scope.SENTENCE, Scope.BLOCK, Scope.DOCUMENT)
    schema: ClassVar[Mapping[str, Param]] = {
        "metric": Param((str,), "", tuple(METRICS), help="What to measure."),
        "max": Param((int, float), float("inf")),
        "min": Param((int, float), float("-inf")),
    }

    @classmethod
    def check_required(cls, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        if not params.get("metric"):
            return [("metric", f"required, one of: {', '.join(METRICS)}")]
        if "max" not in params and "min" not in params:
            return [("max", "give `max` and/or `min`")]
        return []

    def check(self, unit: Any, ctx: Context) -> Iterator[Report]:
        metric = METRICS[self.params["metric"]]
        text = unit.plain if self.spec.scope is Scope.DOCUMENT else unit.text
        if not text.strip():
            return
        value = metric.measure(Readability.of(unit, ctx.analysis))
        limit = self.params["max"] if value > self.params["max"] else self.params["min"] if value < self.params["min"] else None
        if limit is None:
            return
        if self.spec.scope is Scope.DOCUMENT:
            first, last = unit.blocks[0], unit.blocks[-1]
            start, end = first.start, last.end
        else:
            start, end = unit.start, unit.end
        yield ctx.report(start, end, self.message(value=metric.format(value), limit=metric.format(limit), metric=metric.label))
