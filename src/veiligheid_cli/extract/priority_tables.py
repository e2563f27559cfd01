"""Priorities that stand in a table: a column headed "Prioriteit" (or "Speerpunt", "Thema" ...),
one priority per row. A table that rates every theme ("Thema | Prioriteit" with "hoog",
"laag") gives only the rows rated high, named by their theme. The goal column of the same
table, if any, is read by `goal_tables`."""

from __future__ import annotations

from ..model import BlockKind
from ..rules import GoalTableCues
from .context import ExtractionContext
from .proposals import new_member, propose
from .registry import extraction_pass


@extraction_pass("priority_tables")
def priority_tables(ctx: ExtractionContext) -> None:
    """Rows of a table with a priority column: each row's priority (or, in a rating table,
    each high-rated row's theme) is a priority."""
    cues, members = ctx.rules.goal_table, []
    for i, a in ctx.blocks_of(BlockKind.TABLE_ROW):
        b = a.block
        column = _priority_cell(cues, b.columns, b.cells) if b.columns else None
        if column is None:
            continue
        text = b.cells[column].strip()
        start = b.text.find(text)
        span = (start, start + len(text)) if start >= 0 else None
        themes = (ctx.hits_in(i, *span) if span else []) or a.themes
        members.append(new_member(ctx, i, text, themes, "table", span))
    propose(ctx, "table", members)


def _priority_cell(
    cues: GoalTableCues, columns: tuple[str, ...], cells: tuple[str, ...]
) -> int | None:
    """The cell of a row that names a priority, or None when the row holds none."""
    headed = [k for k, h in enumerate(columns) if k < len(cells) and cues.priority.search(h)]
    if not headed:
        return None
    rating = next((k for k in headed if _is_rating(cues, cells[k])), None)
    if rating is None:
        return headed[0] if cells[headed[0]].strip() else None
    if not cues.rating_high.search(cells[rating]):
        return None  # rated middle or low
    return next((k for k, c in enumerate(cells) if k != rating and c.strip()), None)


def _is_rating(cues: GoalTableCues, cell: str) -> bool:
    return bool(cues.rating_high.search(cell) or cues.rating_low.search(cell))
