"""Priorities that stand in a table: a column headed "Prioriteit" (or "Speerpunt", "Thema" ...),
one priority per row. The goal column of the same table, if any, is read by `goal_tables`."""

from __future__ import annotations

from ..model import BlockKind, ItemKind
from .context import ExtractionContext
from .registry import extraction_pass


@extraction_pass("priority_tables")
def priority_tables(ctx: ExtractionContext) -> None:
    """Rows of a table with a priority column: each row's priority cell is a priority."""
    cues = ctx.rules.goal_table
    for i, a in ctx.blocks_of(BlockKind.TABLE_ROW):
        b = a.block
        column = cues.roles(b.columns).get("priority") if b.columns else None
        if column is None or column >= len(b.cells) or not b.cells[column].strip():
            continue
        text = b.cells[column].strip()
        start = b.text.find(text)
        span = (start, start + len(text)) if start >= 0 else None
        themes = (ctx.hits_in(i, *span) if span else []) or a.themes
        ctx.priorities.append(ctx.item(ItemKind.PRIORITY, i, text, themes, 0.9, "table", span))
