"""The pass that puts goals a PDF text box moved back in the section they belong to.

A Word text box beside a section is anchored there but printed wherever the page has room, so
the PDF text layer drops it into the paragraph that flows past it, often a section later. Two
signals say where it belongs: the themes its goals share with a section, and, for a box whose
goals name no theme, the words it shares with a section at or before the place it landed.
"""

from __future__ import annotations

from collections import Counter

from ..model import BlockKind, Item
from .context import ExtractionContext
from .outline import Section
from .registry import extraction_pass

_STEM_CHARS = 6  # "vergrijst" and "vergrijzing" share "vergri": a word family, not a word
_MIN_WORD = 5
_MARGIN = 0.5  # half a rare word family more than where the box landed


@extraction_pass("reassign_displaced_goals")
def reassign_displaced_goals(ctx: ExtractionContext) -> None:
    """Give goals that stand in the wrong section of a themes chapter the section they
    belong to: a box dropped mid-sentence by its words, any other goal by its themes."""
    runs = _interrupting_runs(ctx)
    boxed: set[int] = set()
    if runs:
        texts = _section_stems(ctx, {i for run in runs for i in run})
        for run in runs:
            boxed.update(id(g) for g in _place_box(ctx, run, texts))
    for goal in ctx.goals:
        if id(goal) not in boxed:
            _place_by_themes(ctx, goal)


def _interrupting_runs(ctx: ExtractionContext) -> list[list[int]]:
    """List runs that stand inside a sentence: the paragraph before them goes on after them
    (the structure stage joined its lower-case rest back on). Only a floating box lands there."""
    runs = []
    for run in ctx.list_runs():
        if run[0] == 0:
            continue
        prev, last = ctx.blocks[run[0] - 1].block, ctx.blocks[run[-1]].block
        resumed = any(line > last.end_line for _, line in prev.line_starts)
        if prev.kind is BlockKind.PARAGRAPH and resumed:
            runs.append(run)
    return runs


def _place_box(ctx: ExtractionContext, run: list[int], stems: dict[int, set[str]]) -> list[Item]:
    """Move the theme-less goals of a dropped box to the section, at or before the place it
    landed in the same themes chapter, whose text shares the rarest word families with it."""
    outline = ctx.outline
    index = outline.owner[run[0]]
    lines = {ctx.blocks[i].block.line: i for i in run}
    goals = [g for g in ctx.goals if g.line in lines and not ctx.blocks[lines[g.line]].themes]
    if not goals or index is None or not outline.in_themes_chapter(index):
        return []
    leaves = outline.chapter_leaves(index)
    candidates = [s for s in leaves if s.index <= index]
    if not candidates:
        return goals
    box = set().union(*(_stems_of(ctx, i) for i in run))
    # a family many sections use ("veiligheid", "aanpak") says little; one only one uses, much
    df = Counter(f for s in leaves for f in box & stems.get(s.index, set()))
    score = {s.index: sum(1 / df[f] for f in box & stems.get(s.index, set())) for s in candidates}
    best = max(candidates, key=lambda s: (score[s.index], s.index))
    if best.index == index or score[best.index] < score.get(index, 0) + _MARGIN:
        return goals
    section = outline.sections[index]
    for goal in goals:
        goal.cue += f"; moved from {section.block.text}"
        goal.section = best.block.text
        goal.themes = list(best.heading_themes) or goal.themes
    return goals


def _stems_of(ctx: ExtractionContext, i: int) -> set[str]:
    return {k[:_STEM_CHARS] for k in ctx.blocks[i].keys if len(k) >= _MIN_WORD}


def _section_stems(ctx: ExtractionContext, skip: set[int]) -> dict[int, set[str]]:
    """The word families of each section's own text (its heading and the blocks under it),
    the boxes left out."""
    out: dict[int, set[str]] = {i: _stems_of(ctx, i) for i in ctx.outline.sections}
    for j, owner in enumerate(ctx.outline.owner):
        if owner is not None and j not in skip:
            out.setdefault(owner, set()).update(_stems_of(ctx, j))
    return out


def _section_score(sec: Section, goal_themes: set[str]) -> float:
    total = sum(sec.themes.values()) or 1
    shared = sum(sec.themes[t] for t in goal_themes)
    return len(goal_themes & set(sec.heading_themes)) + shared / total


def _place_by_themes(ctx: ExtractionContext, goal: Item) -> None:
    """Move a goal to the section of its themes chapter it shares its themes with."""
    outline = ctx.outline
    by_title = {s.block.text: i for i, s in outline.sections.items()}
    index = by_title.get(goal.section)
    if not goal.themes or index is None or not outline.in_themes_chapter(index):
        return
    goal_themes = set(goal.themes)
    current = outline.sections[index]
    best = max(
        outline.chapter_leaves(index),
        key=lambda s: _section_score(s, goal_themes),
        default=None,
    )
    if best is None or best is current:
        return
    if _section_score(best, goal_themes) <= _section_score(current, goal_themes) + 0.25:
        return
    goal.cue += f"; moved from {goal.section}"
    goal.section = best.block.text
