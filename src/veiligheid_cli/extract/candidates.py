"""Candidate readings of a document's priorities: what the generators propose, recall first.

A generator (a priority-grammar statement, a list under a cue, a themes chapter's sections, a
contents-page run, ...) proposes a `Candidate`: the items one reading would give, with what the
generator saw while reading (`reading`: the cue's kind, what follows it, the stated count).
Nothing is dropped by a threshold here; overlapping readings stay separate candidates
(`proposals.py` makes them: `new_member`, `propose`). The
`select_priorities` pass (selection.py) describes every member by its features, scores it
with the learned model and keeps what the model accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Item


@dataclass(slots=True)
class Member:
    """One item of a candidate reading, where it stands, and how the model scored it."""

    item: Item
    block: int
    span: tuple[int, int] | None = None
    heading: bool = False  # the item is the heading at `block`: goals under it belong to it
    paragraph: bool = False  # the item opens the paragraph at `block` (a run-in label)
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0
    taken: str = ""  # "priority", "reference" or "" (rejected or a repeat)


@dataclass(slots=True)
class Candidate:
    """A reading: the items it gives, the generator that proposed it and what it saw."""

    source: str
    members: list[Member]
    reading: dict[str, float] = field(default_factory=dict)
    cue_block: int | None = None  # the block of the cue or lead-in, where there is one
    regional: bool = False  # the sentence is about another body's (the region's) priorities
    cue_text: str = ""
