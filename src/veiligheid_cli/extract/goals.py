"""Passes that find goals, and the pass that puts goals moved by PDF text boxes back.

Goals: list items after a lead-in that announces goals; list items with a goal verb in a themes
chapter or a goals section; sentences that state a goal or a measurable target.
"""

from __future__ import annotations

import re

from ..lemmas import word_key
from ..model import BlockKind, ItemKind
from .context import ExtractionContext
from .outline import Section
from .registry import extraction_pass
from .text import (
    COUNT,
    GOAL_STATEMENT,
    MAX_ITEM_CHARS,
    MEASURABLE,
    SEPARABLE,
    TARGET_YEAR,
    YEAR,
)


@extraction_pass("goal_cue_lists")
def goal_cue_lists(ctx: ExtractionContext) -> None:
    """A list right after a lead-in that announces goals ("Onze doelen zijn:")."""
    for run in ctx.list_runs():
        if not ctx.blocks[run[0]].block.after_cue or any(i in ctx.used for i in run):
            continue
        if (lead := ctx.lead_in(run[0])) is None:
            continue
        j, sentence = lead
        cue = ctx.rules.goal_cue.search(sentence)
        if not cue or ctx.negated(sentence, cue) or ctx.in_skip_section(j):
            continue
        for i in run:
            a = ctx.blocks[i]
            ctx.goals.append(
                ctx.item(
                    ItemKind.GOAL, i, a.block.text, a.themes, 0.9, f"list after: {sentence[-80:]}"
                )
            )
            ctx.used.add(i)


def _has_goal_verb(ctx: ExtractionContext, i: int) -> bool:
    a = ctx.blocks[i]
    verbs = ctx.rules.goal_verb_keys
    return bool(a.keys & verbs) or any(
        word_key(particle + verb) in verbs
        for particle, verb in SEPARABLE.findall(a.block.text.lower())
    )


def _goal_item_confidence(ctx: ExtractionContext, i: int) -> float | None:
    """How sure a list item is a goal, or None when it is not one."""
    b = ctx.blocks[i].block
    outline = ctx.outline
    innermost = b.section_path[-1] if b.section_path else ""
    if ctx.rules.action_section_cue.search(innermost):
        return None  # "Wat gaan we daarvoor doen?": actions, not goals
    under_goal_label = bool(ctx.rules.goal_section_cue.search(innermost))
    in_themes = outline.in_themes_chapter(outline.owner[i])
    in_goals = outline.in_goal_section(outline.owner[i]) or under_goal_label
    if not (in_themes or in_goals) or len(b.text) > MAX_ITEM_CHARS:
        return None
    measurable = bool(MEASURABLE.search(b.text))
    if under_goal_label:
        conf = 0.85
    elif in_goals and b.after_cue and ctx.lead_in(i) is not None:
        conf = 0.8
    elif _has_goal_verb(ctx, i) or measurable:
        conf = 0.75 if in_themes else 0.7
    else:
        return None
    return conf + (0.1 if measurable else 0.0)


@extraction_pass("goal_items")
def goal_items(ctx: ExtractionContext) -> None:
    """List items in a themes chapter or goals section that read as goals."""
    for i, a in ctx.blocks_of(BlockKind.LIST_ITEM):
        if i in ctx.used or ctx.in_skip_section(i):
            continue
        conf = _goal_item_confidence(ctx, i)
        if conf is None:
            continue
        goal = ctx.item(ItemKind.GOAL, i, a.block.text, a.themes, conf, "goal item")
        topic = ctx.topic(a.block)
        if topic and any(p.section == topic for p in ctx.priorities):
            goal.section = topic  # the goal belongs to the labelled priority above it
        ctx.goals.append(goal)
        ctx.used.add(i)


def _is_goal_sentence(ctx: ExtractionContext, sentence: str, in_themes: bool) -> bool:
    if sentence.rstrip().endswith(":") or len(sentence) > MAX_ITEM_CHARS:
        return False
    if GOAL_STATEMENT.search(sentence):
        return True
    measurable = MEASURABLE.search(sentence)
    if measurable and (
        ctx.rules.goal_cue.search(sentence) or re.search(r"\bwillen\b|\bmoet\b", sentence)
    ):
        return True
    return bool(
        in_themes
        and TARGET_YEAR.search(sentence)
        and (measurable or COUNT.search(YEAR.sub("", sentence)))
    )


@extraction_pass("goal_sentences")
def goal_sentences(ctx: ExtractionContext) -> None:
    """Sentences that state a goal or a measurable target, with a theme."""
    for i, _a in ctx.blocks_of(BlockKind.PARAGRAPH):
        if i in ctx.used or ctx.in_skip_section(i):
            continue
        in_themes = ctx.outline.in_themes_chapter(ctx.outline.owner[i])
        for start, sentence in ctx.sentences_of(i):
            if not _is_goal_sentence(ctx, sentence, in_themes):
                continue
            span = (start, start + len(sentence))
            themes = ctx.hits_in(i, *span)
            if themes:
                ctx.goals.append(
                    ctx.item(ItemKind.GOAL, i, sentence, themes, 0.6, "goal sentence", span)
                )


def _section_score(sec: Section, goal_themes: set[str]) -> float:
    total = sum(sec.themes.values()) or 1
    shared = sum(sec.themes[t] for t in goal_themes)
    return len(goal_themes & set(sec.heading_themes)) + shared / total


@extraction_pass("reassign_displaced_goals")
def reassign_displaced_goals(ctx: ExtractionContext) -> None:
    """Give goals that stand in the wrong section of a themes chapter (a PDF text box moved
    them) the section of that chapter they share their themes with."""
    outline = ctx.outline
    by_title = {s.block.text: i for i, s in outline.sections.items()}
    for goal in ctx.goals:
        index = by_title.get(goal.section)
        if not goal.themes or index is None or not outline.in_themes_chapter(index):
            continue
        goal_themes = set(goal.themes)
        current = outline.sections[index]
        best = max(
            outline.chapter_leaves(index),
            key=lambda s: _section_score(s, goal_themes),
            default=None,
        )
        if best is None or best is current:
            continue
        if _section_score(best, goal_themes) <= _section_score(current, goal_themes) + 0.25:
            continue
        goal.cue += f"; moved from {goal.section}"
        goal.section = best.block.text
