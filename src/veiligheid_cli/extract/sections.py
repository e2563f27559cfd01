"""The pass that records the headings that name a theme, for alignment."""

from __future__ import annotations

from ..model import BlockKind, ItemKind
from .context import ExtractionContext
from .registry import extraction_pass
from .text import strip_number


@extraction_pass("sections")
def sections(ctx: ExtractionContext) -> None:
    """Every heading that names a theme, marked "section with commitments" when a goal or a
    commitment stands under it: such a section makes the theme the plan's own."""
    places = {(g.page or 0, g.line) for g in ctx.goals}
    places |= {(m.page or 0, m.line) for m in ctx.mentions if m.cue == "commitment"}
    for i, a in ctx.blocks_of(BlockKind.HEADING):
        if not a.themes:
            continue
        under = [ctx.blocks[k].block for k in ctx.under_heading(i)]
        committed = any((b.page or 0, b.line) in places for b in under)
        cue = "section with commitments" if committed else "section"
        item = ctx.item(ItemKind.SECTION, i, strip_number(a.block.text), a.themes, 0.5, cue)
        item.section = a.block.text
        ctx.sections.append(item)
