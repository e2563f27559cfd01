"""The features of a candidate priority: what a reader sees, by name (the model's vocabulary).

Every feature is a number, most of them 0 or 1. Candidate features describe the reading (who
proposed it, the cue and what follows it, the stated count, how many items and how long, the
share that are safety themes, where it stands); member features describe the one item (its
length, whether it is a theme, a question, a sentence, a chapter of the document itself).
A document's name or a wording only one text uses is never a feature. The weights of these
names live in rules/priority_model.yaml (`make train`).
"""

from __future__ import annotations

import math

from ..model import BlockKind, DocumentKind
from .candidates import Candidate, Member
from .context import ExtractionContext
from .text import strip_number

LONG_ITEM_WORDS = 14  # an item longer than this is a clause, not a name


def candidate_features(ctx: ExtractionContext, c: Candidate) -> dict[str, float]:
    """What the reading as a whole looks like."""
    words = [len(m.item.text.split()) for m in c.members]
    themed = sum(1 for m in c.members if _themed(ctx, m)) / len(c.members)
    anchor = c.cue_block if c.cue_block is not None else c.members[0].block
    block = ctx.blocks[anchor].block
    past = ctx.rules.target_cues.get("past")
    weak = sum(c.reading.get(k, 0.0) for k in ("cue_weak", "cue_frame", "cue_weak_frame"))
    outline = ctx.outline
    structural = float(c.source != "statement")
    in_chapter = outline.in_themes_chapter(outline.owner[anchor])
    out = {
        f"source_{c.source}": 1.0,
        **c.reading,
        "n_items_log": math.log1p(len(c.members)),
        "one_item": float(len(c.members) == 1),
        "themed_share": themed,
        "no_item_themed": float(themed == 0),
        "weak_cue_x_themed": weak * themed,
        "mean_words_log": math.log1p(sum(words) / len(words)),
        "long_items_share": sum(1 for w in words if w > LONG_ITEM_WORDS) / len(words),
        # a field of the Kernbeleid as a heading is the plan's structure, not its choice
        "fields_share": structural
        * sum(_is_field(ctx, m.item.text) for m in c.members)
        / len(c.members),
        "position": anchor / max(1, len(ctx.blocks)),
        "cue_in_heading": float(block.kind is BlockKind.HEADING),
        "in_skip_section": float(ctx.in_skip_section(anchor)),
        "in_analysis_section": float(_in_analysis_section(ctx, anchor)),
        "in_themes_chapter": float(in_chapter),
        # "thema's" outside the plan's own themes chapter: themes in general, not its choice
        "weak_cue_outside_chapter": weak * float(outline.has_themes_chapter and not in_chapter),
        "past_tense": float(bool(past and c.cue_text and past.search(c.cue_text))),
        "doc_regional": float(ctx.doc.metadata.kind is DocumentKind.REGIONAL),
    }
    return {k: v for k, v in out.items() if v}


def member_features(ctx: ExtractionContext, c: Candidate, m: Member) -> dict[str, float]:
    """What the one item looks like."""
    text = m.item.text.strip()
    words = text.split()
    r = ctx.rules
    clause = sum(1 for w in words if w.lower() in r.clause_words)
    out = {
        "item_themed": float(_themed(ctx, m)),
        "item_words_log": math.log1p(len(words)),
        "item_long": float(len(words) > LONG_ITEM_WORDS),
        "item_question": float(text.endswith("?")),
        "item_clause": float(clause >= 2),
        "item_skip_title": float(bool(r.skip_section_cue.search(text))),
        "item_goal_or_action": float(
            bool(r.goal_section_cue.search(text) or r.action_section_cue.search(text))
        ),
        "item_lower_start": float(text[:1].islower()),
        "single_x_item_themed": c.reading.get("single", 0.0) * float(_themed(ctx, m)),
        "item_is_field": float(c.source != "statement" and _is_field(ctx, text)),
    }
    return {k: v for k, v in out.items() if v}


def _in_analysis_section(ctx: ExtractionContext, i: int) -> bool:
    """Block i stands under a heading about the situation ("Veiligheidsbeeld", "Terugblik")."""
    titles = [s.block.text for s in ctx.outline.ancestors(ctx.outline.owner[i])]
    titles += list(ctx.blocks[i].block.section_path)
    return any(ctx.rules.analysis_section_cue.search(t) for t in titles)


def _is_field(ctx: ExtractionContext, text: str) -> bool:
    """The item names a field of the Kernbeleid Veiligheid ("Fysieke veiligheid"): a
    chapter of the plan's structure, not a choice."""
    if ctx.taxonomy is None:
        return False
    name = strip_number(text).lower().strip(" .:")
    return any(f.label.lower() == name for f in ctx.taxonomy.fields)


def _themed(ctx: ExtractionContext, m: Member) -> bool:
    """The item names a safety theme (broad themes such as handhaving are instruments)."""
    tax = ctx.taxonomy
    return any(not (tax and tax.is_broad(t)) for t in m.item.themes)


def excluded_themes(ctx: ExtractionContext) -> set[str]:
    """Themes the document says it leaves out ("... maken geen deel uit van deze strategie",
    "... pakken we op binnen de reguliere taken")."""
    excluded: set[str] = set()
    for i, _a in ctx.blocks_of(BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
        for start, sentence in ctx.sentences_of(i):
            if ctx.rules.exclusion_cue.search(sentence):
                excluded |= set(ctx.hits_in(i, start, start + len(sentence)))
    return excluded
