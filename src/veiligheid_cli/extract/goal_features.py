"""Features of goal candidates: what a reader sees of a proposed goal, as named numbers.

Every goal a generator proposes (a goals table's row, an indicator table's target columns, a
list item under a goals lead-in, a target sentence, a goal phrase ...) is described by the
layout that proposed it and by what its words state: the kind of figure (a percentage, a mark,
a count, a year), a bound or a direction of change, a year ahead of the plan or only behind it,
intent ("willen", "streven"), past tense, an activity without a figure, the section it stands
in. The goal model (rules/goal_model.yaml) weighs them; see goal_selection.py.
"""

from __future__ import annotations

import math
import re

from ..model import BlockKind, DocumentKind, Item
from .context import ExtractionContext
from .goals import is_goal_phrase
from .targets import target_signals
from .text import GOAL_LABEL, YEAR

# the generators' cues, as feature names ("list after: Onze doelen zijn:" -> goal_cue_list)
_SOURCES = (
    ("list after", "goal_cue_list"),
    ("indicator table", "indicator_table"),
    ("goals table", "goals_table"),
    ("goal item", "goal_item"),
    ("goal phrase", "goal_phrase"),
    ("goal section", "goal_section"),
    ("goal label", "goal_label"),
    ("goal statement", "goal_statement"),
    ("goal sentence", "goal_sentence"),
    ("target statement", "target_statement"),
    ("target reading", "target_reading"),
)
_PERCENT = re.compile(r"\d\s*(?:%|procent)")
_MARK = re.compile(r"\b(?:rapport)?cijfer\b|\been\s+(?:[5-9]|10)(?:[,.]\d)?\b", re.IGNORECASE)
_FIGURE = re.compile(r"\d")
_QUESTION = re.compile(r"\?\s*$")
_WE_DO = re.compile(r"^(?:we|wij)\s+(?P<verb>\w+)", re.IGNORECASE)
# "... verminderen door:": a lead-in that ends in "door", "via" or "middels" lists the means
_MEANS_LEAD = re.compile(r"\b(?:door|via|middels|met\s+behulp\s+van)\s*:\s*$", re.IGNORECASE)


def source_name(cue: str) -> str:
    return next((name for prefix, name in _SOURCES if cue.startswith(prefix)), "other")


def block_index(ctx: ExtractionContext) -> dict[tuple[int | None, int], int]:
    """(page, line) -> the first block on that line: where each goal was taken from, found
    once per document (a goal's item keeps its page and line, not its block)."""
    out: dict[tuple[int | None, int], int] = {}
    for i, a in enumerate(ctx.blocks):
        b = a.block
        for line in range(b.line, max(b.line, b.end_line) + 1):
            out.setdefault((b.page, line), i)
    return out


def block_of(
    ctx: ExtractionContext, index: dict[tuple[int | None, int], int], goal: Item
) -> int | None:
    """The block a goal was taken from: as the pass that made it said, else by its page and
    line (an item made elsewhere)."""
    found = ctx.item_blocks.get(id(goal))
    return found if found is not None else index.get((goal.page, goal.line))


def goal_features(ctx: ExtractionContext, goal: Item, i: int | None) -> dict[str, float]:
    """The features of one goal candidate (zeros left out)."""
    text = " ".join(filter(None, (goal.text, goal.target)))
    words = text.split()
    m = goal.measure
    cues = ctx.rules.target_cues
    out = {
        f"source_{source_name(goal.cue)}": 1.0,
        "with_baseline_column": float(goal.cue.endswith("(with baseline)")),
        "has_measure": float(m is not None),
        "has_value": float(bool(m and m.value)),
        f"comparison_{m.comparison or 'none'}" if m else "no_measure": 1.0,
        f"direction_{m.direction}" if m and m.direction else "no_direction": 1.0,
        "has_baseline": float(goal.baseline is not None),
        "figure_percent": float(bool(_PERCENT.search(text))),
        "figure_mark": float(bool(_MARK.search(text))),
        "figure_any": float(bool(_FIGURE.search(YEAR.sub("", text)))),
        "intent": float(bool(cues["intent"].search(text))),
        # a direction in words, with or without a figure ("minder overlast", "stijgt")
        "says_down": float(bool(cues["down"].search(text))),
        "says_up": float(bool(cues["up"].search(text))),
        "says_keep": float(bool(cues["keep"].search(text))),
        "past_tense": float(bool(cues["past"].search(goal.text))),
        "labelled": float(bool(GOAL_LABEL.match(goal.text))),
        "question": float(bool(_QUESTION.search(goal.text))),
        "words_log": math.log1p(len(words)),
        "themed": float(bool(goal.themes)),
        **_years(ctx, text, m.year if m else None),
        **_place(ctx, i),
        **_signals(ctx, goal.text),
        **_lead_in(ctx, goal.cue),
    }
    out["activity_without_figure"] = float(_activity(ctx, goal.text) and not out["figure_any"])
    # the form of the words: a phrase that names an aim ("Meer aandacht voor ...", "Alert
    # reageren op ...") or a finite clause that reports or describes ("Er vindt ... plaats")
    lowered = {w.lower().strip(".,;:") for w in words}
    out["finite_clause"] = float(bool(lowered & ctx.rules.clause_words))
    out["goal_phrase_form"] = float(is_goal_phrase(ctx, goal.text))
    # a plan for a period states aims in words; a budget page measures (a goal without a
    # target reads differently in each)
    meta = ctx.doc.metadata
    plan = bool(ctx.rules.plan_title_cue.search(meta.title)) or (
        meta.kind in (DocumentKind.IVP, DocumentKind.REGIONAL) and meta.period is not None
    )
    out["aim_in_a_plan"] = float(plan and m is None)
    return {k: v for k, v in out.items() if v}


def _lead_in(ctx: ExtractionContext, cue: str) -> dict[str, float]:
    """What the lead-in of a list says: that goals follow ("Deze doelstellingen luiden:"), or
    the means to one ("... verminderen door:")."""
    if not cue.startswith("list after:"):
        return {}
    lead = cue.split(":", 1)[1]
    return {
        "lead_in_names_goals": float(bool(ctx.rules.goal_cue.search(lead))),
        "lead_in_means": float(bool(_MEANS_LEAD.search(lead))),
    }


def _signals(ctx: ExtractionContext, text: str) -> dict[str, float]:
    """What the target grammar reads in the goal's words (targets.target_signals)."""
    period = ctx.doc.metadata.period
    s = target_signals(text, ctx.rules.target_cues, ctx.rules.clause_words,
                       period.start if period else None)  # fmt: skip
    if s is None:
        return {"no_target_reading": 1.0}
    return {f"reads_{k}": float(v) for k, v in s.items()}


def _years(ctx: ExtractionContext, text: str, target_year: int | None) -> dict[str, float]:
    """A year ahead (at or after the plan's start, or the target's year) or only behind."""
    period = ctx.doc.metadata.period
    years = [int(y) for y in YEAR.findall(text)]
    if target_year:
        years.append(target_year)
    if not years or period is None:
        return {"year_stated": float(bool(years))}
    ahead = any(y >= period.start for y in years)
    return {"year_stated": 1.0, "year_ahead": float(ahead), "years_behind_only": float(not ahead)}


def _place(ctx: ExtractionContext, i: int | None) -> dict[str, float]:
    """Where the goal stands: a table, a goals section, the themes, a section of actions or of
    findings, a section about the document itself."""
    if i is None:
        return {}
    b = ctx.blocks[i].block
    outline = ctx.outline
    innermost = b.section_path[-1] if b.section_path else ""
    titles = [s.block.text for s in outline.ancestors(outline.owner[i])] + list(b.section_path)
    return {
        "in_table": float(b.kind is BlockKind.TABLE_ROW),
        "list_item": float(b.kind is BlockKind.LIST_ITEM),
        "heading": float(b.kind is BlockKind.HEADING),
        "in_goal_section": float(
            outline.in_goal_section(outline.owner[i])
            or bool(ctx.rules.goal_section_cue.search(innermost))
        ),
        "in_priority_area": float(ctx.in_priority_area(i)),
        "in_action_section": float(bool(ctx.rules.action_section_cue.search(innermost))),
        "in_analysis_section": float(any(ctx.rules.analysis_section_cue.search(t) for t in titles)),
        "in_skip_section": float(ctx.in_skip_section(i)),
    }


def _activity(ctx: ExtractionContext, text: str) -> bool:
    """What the writer does ("We geven voorlichting ..."), not what it wants to reach."""
    m = _WE_DO.match(text)
    return bool(m) and not ctx.rules.target_cues["intent"].match(text, m.start("verb"))
