"""The pass that records where a theme is mentioned without being prioritised."""

from __future__ import annotations

from ..model import BlockKind, ItemKind
from .context import ExtractionContext
from .registry import extraction_pass
from .text import MAX_ITEM_CHARS


@extraction_pass("mentions")
def mentions(ctx: ExtractionContext) -> None:
    """Every sentence outside headings that names a theme: a passing mention, or a commitment
    when the plan commits itself in it ("wij gaan ...", "we zetten in op ...")."""
    for i, a in ctx.blocks_of(BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_ROW):
        if not a.hits:
            continue
        for start, sentence in ctx.sentences_of(i):
            span = (start, start + len(sentence))
            themes = ctx.hits_in(i, *span)
            if themes:
                cue = "commitment" if ctx.rules.commitment_cue.search(sentence) else "mention"
                ctx.mentions.append(
                    ctx.item(ItemKind.MENTION, i, sentence[:MAX_ITEM_CHARS], themes, 0.5, cue, span)
                )
