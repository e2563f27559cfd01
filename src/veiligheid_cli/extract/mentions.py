"""The pass that records where a theme is mentioned without being prioritised."""

from __future__ import annotations

from collections import Counter

from ..model import BlockKind, ItemKind
from .context import ExtractionContext
from .registry import extraction_pass
from .text import MAX_ITEM_CHARS

MAX_PER_THEME = 300


@extraction_pass("mentions")
def mentions(ctx: ExtractionContext) -> None:
    """Every sentence outside headings that names a theme: a passing mention, or a commitment
    when the plan commits itself in it ("wij gaan ...", "we zetten in op ..."). A sentence
    repeated word for word is one mention, and a theme gets at most MAX_PER_THEME of them (the
    first ones: evidence enough, and bounded work on a damaged input)."""
    seen: set[str] = set()
    per_theme: Counter[str] = Counter()
    left_out: Counter[str] = Counter()  # sentences not kept: their themes had enough
    for i, a in ctx.blocks_of(BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_ROW):
        if not a.hits:
            continue
        for start, sentence in ctx.sentences_of(i):
            span = (start, start + len(sentence))
            themes = ctx.hits_in(i, *span)
            if not themes or sentence in seen:
                continue
            seen.add(sentence)
            if min(per_theme[t] for t in themes) >= MAX_PER_THEME:
                left_out.update(themes)
                continue
            per_theme.update(themes)
            cue = "commitment" if ctx.rules.commitment_cue.search(sentence) else "mention"
            ctx.mentions.append(
                ctx.item(ItemKind.MENTION, i, sentence[:MAX_ITEM_CHARS], themes, 0.5, cue, span)
            )
    ctx.notes += [
        f"theme '{theme}': {MAX_PER_THEME} sentences kept as evidence, {count:,} more left out "
        f"(at most {MAX_PER_THEME} per theme)"
        for theme, count in sorted(left_out.items())
    ]
