"""Goals a plan states as goals: sentences under a goals heading, and what that says about
sentences elsewhere in the same section that only look like goals."""

from __future__ import annotations

from ..model import BlockKind, ItemKind
from .context import ExtractionContext
from .registry import extraction_pass

MAX_SENTENCES = 4  # a longer paragraph under a goals heading is narrative, not a list of goals
MIN_WORDS = 4
RUN_IN_WORDS = 5  # "Wat willen we bereiken?", "Doelen:"
FORM_ONLY_CUES = {"goal phrase", "goal sentence"}  # goals by their form, not by what says so
STRUCTURED_CUES = {"goal section", "goal label", "goals table"}  # the layout says: goals


@extraction_pass("goal_section_sentences")
def goal_section_sentences(ctx: ExtractionContext) -> None:
    """Sentences right under a heading that says goals follow ("Wat willen we bereiken?",
    "Doelen", "Ambitie") in a priority area, or after such a heading run into the paragraph:
    each a goal, as the heading says. Lead-ins (ending in ':'), questions and paragraphs of
    narrative are not."""
    for i, _a in ctx.blocks_of(BlockKind.PARAGRAPH):
        if i in ctx.used or ctx.in_skip_section(i) or not ctx.in_priority_area(i):
            continue
        sentences = _announced(ctx, i)
        if len(sentences) > MAX_SENTENCES:
            continue
        for start, sentence in sentences:
            text = sentence.rstrip()
            if text.endswith((":", "?")) or len(text.split()) < MIN_WORDS:
                continue
            span = (start, start + len(sentence))
            themes = ctx.hits_in(i, *span) or ctx.priority_themes(i)
            ctx.goals.append(
                ctx.item(ItemKind.GOAL, i, sentence, themes, 0.7, "goal section", span)
            )


def _announced(ctx: ExtractionContext, i: int) -> list[tuple[int, str]]:
    """The sentences of paragraph i that a goals heading announces: all of them under one,
    the rest after one run into the paragraph ("Wat willen we bereiken? In 2028 ..."), else
    none."""
    path = ctx.blocks[i].block.section_path
    sentences = ctx.sentences_of(i)
    if path and ctx.rules.goal_section_cue.search(path[-1]):
        return sentences
    if ctx.outline.in_goal_section(ctx.outline.owner[i]):
        return sentences  # "3 Doelen per prioriteit" > "3.1 Veilige wijken" > the goals
    if sentences and _run_in_heading(ctx, sentences[0][1]):
        return sentences[1:]
    return []


def _run_in_heading(ctx: ExtractionContext, sentence: str) -> bool:
    """A goals heading run into its paragraph, as a bold question or label often is."""
    text = sentence.strip()
    return (
        text.endswith(("?", ":"))
        and len(text.split()) <= RUN_IN_WORDS
        and bool(ctx.rules.goal_section_cue.search(text))
    )


def beside_marked_goals(ctx: ExtractionContext) -> set[int]:
    """The goals (ids) that only look like goals in a section whose layout marks its goals (a
    goals heading, "Doel:" or "Ambitie:" labels, a goals table): sentences there that only look
    like goals ("Het aantal meldingen stijgt.") describe the situation (a goal feature)."""
    marked = [g for g in ctx.goals if g.cue in STRUCTURED_CUES]
    sections = {g.section for g in marked}
    texts = {g.text for g in marked}
    return {
        id(g) for g in ctx.goals
        if g.cue in FORM_ONLY_CUES and g.section in sections and g.text not in texts
    }  # fmt: skip
