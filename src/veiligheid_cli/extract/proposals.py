"""How a generator proposes a candidate reading of the priorities (candidates.py): its members
made from blocks of the document, the reading added to the context for selection."""

from __future__ import annotations

from ..model import ItemKind
from .candidates import Candidate, Member
from .context import ExtractionContext


def new_member(
    ctx: ExtractionContext,
    i: int,
    text: str,
    themes: list[str],
    cue: str,
    span: tuple[int, int] | None = None,
    heading: bool = False,
    paragraph: bool = False,
) -> Member:
    """A priority a candidate reading would give, from block i (scored later)."""
    item = ctx.item(ItemKind.PRIORITY, i, text, themes, 0.0, cue, span)
    return Member(item, i, span, heading=heading, paragraph=paragraph)


def propose(
    ctx: ExtractionContext,
    source: str,
    members: list[Member],
    reading: dict[str, float] | None = None,
    cue_block: int | None = None,
    regional: bool = False,
    cue_text: str = "",
) -> None:
    """A candidate reading of the priorities (nothing is decided before selection)."""
    if members:
        ctx.candidates.append(
            Candidate(source, members, reading or {}, cue_block, regional, cue_text)
        )
