"""The boilerplate benchmark's second HTML figure: each snippet where a reader sees it (bench/boilerplate.py)."""

from __future__ import annotations

from types import ModuleType

import pytest
from bench.boilerplate import rendered_span
from bench.common import DEFAULT_CORPORA, load_scoring_module

SCORER = DEFAULT_CORPORA / "scoring" / "bp_score.py"
PAGE = '<head><meta content="Most read"></head><body><p>Intro</p><div>Most read</div></body>'


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    if not SCORER.exists():
        pytest.skip("the corpus scorer is not here")
    return load_scoring_module(DEFAULT_CORPORA, "bp_score")


def test_a_snippet_is_found_where_the_page_renders_it(scorer: ModuleType) -> None:
    ntext, pos = scorer.norm_with_map(PAGE)
    shown = PAGE.index("Most read</div>")
    blocks = [(PAGE.index("Intro"), PAGE.index("Intro") + 5), (shown, shown + 9)]
    assert scorer.locate(ntext, pos, "Most read")[0][0] < shown  # the scorer's first occurrence: the <meta>
    assert rendered_span(scorer, ntext, pos, "Most read", blocks) == (shown, shown + 9)


def test_a_snippet_only_in_markup_has_no_rendered_place(scorer: ModuleType) -> None:
    ntext, pos = scorer.norm_with_map(PAGE)
    assert rendered_span(scorer, ntext, pos, "Most read", [(PAGE.index("Intro"), PAGE.index("Intro") + 5)]) is None
