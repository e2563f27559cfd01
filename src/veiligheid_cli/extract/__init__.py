"""Extraction: priorities, goals and quoted regional priorities from an analysed document.

Extraction is a list of small, named passes over one shared `ExtractionContext` (the analysed
blocks, their outline and the rules), run in order like the components of a spaCy pipeline.
Each pass adds or refines items; `rules/extract.yaml` may name the passes to run (`passes:`).
Cue words live in rules/extract.yaml, themes in rules/themes.yaml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import RulesError
from ..model import Document, Extraction
from ..rules import ExtractRules, Taxonomy
from . import (  # noqa: F401  (register the passes)
    contents,
    displaced,
    goal_selection,
    goals,
    grammar,
    mentions,
    priorities,
    priority_tables,
    sections,
    selection,
    stated_goals,
    target_goals,
)
from .context import ExtractionContext, extraction_of
from .registry import PASSES, extraction_pass

if TYPE_CHECKING:
    from ..nlp import AnalysedBlock

__all__ = [
    "DEFAULT_PASSES",
    "PASSES",
    "ExtractionContext",
    "check_passes",
    "extract",
    "extraction_pass",
]

DEFAULT_PASSES = (
    "priority_statements",
    "priority_tables",
    "themes_chapter_sections",
    "labelled_headings",
    "labelled_paragraphs",
    "announced_headings",
    "contents_priorities",
    "themed_chapters",
    "select_priorities",
    "restated_priorities",
    "priority_scope",
    "goal_tables",
    "indicator_tables",
    "goal_cue_lists",
    "goal_items",
    "goal_phrases",
    "goal_section_sentences",
    "goal_sentences",
    "target_statements",
    "reassign_displaced_goals",
    "goal_targets",
    "select_goals",
    "mentions",
    "sections",
)


def extract(
    doc: Document,
    analysed: list[AnalysedBlock],
    rules: ExtractRules,
    taxonomy: Taxonomy | None = None,
) -> Extraction:
    """Find priorities, goals and regional references in an analysed document."""
    ctx = ExtractionContext(doc, analysed, rules, taxonomy)
    for name in check_passes(rules):
        PASSES[name](ctx)
    return extraction_of(ctx)


def check_passes(rules: ExtractRules) -> tuple[str, ...]:
    """The passes to run: those `rules/extract.yaml` names (each must be a registered pass),
    else the default list."""
    for i, name in enumerate(rules.passes):
        if name not in PASSES:
            known = ", ".join(PASSES)
            raise RulesError(rules.source, f"passes[{i}]: unknown pass '{name}' (known: {known})")
    return rules.passes or DEFAULT_PASSES
