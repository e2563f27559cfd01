"""The shared state of one extraction run: the document model the passes read, and the items
they add."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import Block, BlockKind, Document, DocumentKind, Extraction, Item, ItemKind
from ..rules import ExtractRules, Taxonomy
from .candidates import Candidate
from .outline import Outline
from .text import clean_item_text, dedupe, sentence_spans, strip_number

if TYPE_CHECKING:
    from ..nlp import AnalysedBlock


class ExtractionContext:
    """What every pass sees: the analysed blocks, the outline, the rules, and the items found
    so far. `used` holds the block indices already taken as a priority, goal or reference."""

    def __init__(
        self,
        doc: Document,
        blocks: list[AnalysedBlock],
        rules: ExtractRules,
        taxonomy: Taxonomy | None = None,
    ) -> None:
        self.doc = doc
        self.taxonomy = taxonomy
        self.blocks = blocks
        self.rules = rules
        self.outline = Outline(blocks, rules)
        self.local_plan = doc.metadata.kind is DocumentKind.IVP
        self.priorities: list[Item] = []
        self.goals: list[Item] = []
        self.references: list[Item] = []
        self.mentions: list[Item] = []
        self.used: set[int] = set()
        self._sentences: dict[int, list[tuple[int, str]]] = {}
        self.priority_headings: dict[str, int] = {}  # heading text -> block index, priorities
        self.priority_paragraphs: dict[int, Item] = {}  # paragraphs that open with a priority
        self.sections: list[Item] = []
        self.candidates: list[Candidate] = []  # priority readings, scored by selection.py
        self.item_blocks: dict[int, int] = {}  # id(item) -> the block it was taken from
        self.contents: list | None = None  # the contents page's entries (contents.Entry)
        self.notes: list[str] = []  # what a pass left out to bound its work (Extraction.notes)
        self._owners: tuple[int, list[Item | None]] = (-1, [])

    # --- reading the document -------------------------------------------------------------

    def blocks_of(self, *kinds: BlockKind) -> Iterator[tuple[int, AnalysedBlock]]:
        """(index, analysed block) of the blocks of the given kinds, in reading order."""
        for i, a in enumerate(self.blocks):
            if a.block.kind in kinds:
                yield i, a

    def sentences_of(self, i: int) -> list[tuple[int, str]]:
        """(start offset, sentence) of block i (computed once per block)."""
        if i not in self._sentences:
            self._sentences[i] = sentence_spans(self.blocks[i].block.text)
        return self._sentences[i]

    def hits_in(self, i: int, start: int, end: int) -> list[str]:
        """Themes recognised within characters [start, end) of block i, in order."""
        return list(dict.fromkeys(h.theme for h in self.blocks[i].hits_between(start, end)))

    def list_runs(self) -> list[list[int]]:
        """Consecutive list items, as runs of block indices."""
        runs: list[list[int]] = []
        for i, _a in self.blocks_of(BlockKind.LIST_ITEM):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        return runs

    def lead_in(self, first_item: int) -> tuple[int, str] | None:
        """The block and sentence that introduce the list starting at `first_item`."""
        j = first_item - 1
        if j < 0:
            return None
        b = self.blocks[j].block
        if b.kind is BlockKind.LIST_ITEM:
            return None
        return j, sentence_spans(b.text)[-1][1] if b.text else ""

    def priority_cue(self, sentence: str, i: int) -> re.Match[str] | None:
        """A cue of the priority grammar: a strong cue noun, a cue adjective or a verb frame;
        a weak noun ("thema's") inside the themes chapter, or anywhere in a document without
        one."""
        g = self.rules.grammar
        for pattern in (g.strong_noun, g.adjective, g.verb_frame):
            if m := pattern.search(sentence):
                return m
        outline = self.outline
        if not outline.has_themes_chapter or outline.in_themes_chapter(outline.owner[i]):
            return g.weak_noun.search(sentence)
        return None

    def negated(self, sentence: str, cue: re.Match[str]) -> bool:
        """A negation close before (or just after) a cue: "... is geen prioriteit"."""
        window = sentence[max(0, cue.start() - 60) : cue.end() + 10]
        return bool(self.rules.negation.search(window))

    def is_regional(self, sentence: str) -> bool:
        """In a local plan, a sentence about the region's priorities gives references."""
        return self.local_plan and bool(self.rules.regional_cue.search(sentence))

    def in_skip_section(self, i: int) -> bool:
        """Block i stands in a section about the document itself (inleiding, leeswijzer ...)."""
        titles = [s.block.text for s in self.outline.ancestors(self.outline.owner[i])]
        titles += list(self.blocks[i].block.section_path[-1:])
        return any(self.rules.skip_section_cue.search(strip_number(t)) for t in titles)

    def in_priority_area(self, i: int) -> bool:
        """Block i stands in a themes chapter, or under a heading that is a priority."""
        b = self.blocks[i].block
        return (
            self.paragraph_priority(i) is not None
            or self.outline.in_themes_chapter(self.outline.owner[i])
            or any(t in self.priority_headings for t in b.section_path)
        )

    def paragraph_priority(self, i: int) -> Item | None:
        """The priority of a paragraph that opens with it, for block i: that paragraph or a
        block after it, before the next heading or the next such paragraph (one forward pass,
        redone when a pass adds such a paragraph)."""
        if self._owners[0] != len(self.priority_paragraphs):
            owners, owner = [], None
            for j, a in enumerate(self.blocks):
                owner = None if a.block.kind is BlockKind.HEADING else owner
                owner = self.priority_paragraphs.get(j, owner)
                owners.append(owner)
            self._owners = (len(self.priority_paragraphs), owners)
        return self._owners[1][i]

    def priority_themes(self, i: int) -> list[str]:
        """The themes of the priority whose heading block i stands under (innermost first),
        else of the numbered section heading above it."""
        if (owner := self.paragraph_priority(i)) is not None:
            return list(owner.themes)
        path = self.blocks[i].block.section_path
        for title in reversed(path):
            for p in self.priorities:
                if p.section == title and p.themes:
                    return list(p.themes)
        owner = self.outline.owner[i]
        return list(self.outline.sections[owner].heading_themes) if owner is not None else []

    def add_heading_priority(self, item: Item, index: int) -> None:
        """A priority that is the heading at block `index`: goals under it belong to it."""
        self.priorities.append(item)
        self.priority_headings[self.blocks[index].block.text] = index

    def under_heading(self, index: int) -> range:
        """Block indices of what stands under the heading at `index` (to the next heading of
        the same or a higher level)."""
        level = self.blocks[index].block.level
        end = index + 1
        while end < len(self.blocks):
            b = self.blocks[end].block
            if b.kind is BlockKind.HEADING and b.level <= level:
                break
            end += 1
        return range(index + 1, end)

    def topic(self, block: Block) -> str | None:
        """The unnumbered heading that names the topic a block stands under, if any:
        "Speerpunt 1: Ondermijning" above "Wat willen we bereiken?"."""
        numbered = {s.block.text for s in self.outline.sections.values()}
        labels = [t for t in block.section_path if t not in numbered]
        if block.kind is BlockKind.HEADING and block.text not in numbered:
            labels = labels or [block.text]
        return labels[0] if labels and not labels[0].endswith("?") else None

    # --- adding items ---------------------------------------------------------------------

    def item(
        self,
        kind: ItemKind,
        i: int,
        text: str,
        themes: list[str],
        conf: float,
        cue: str,
        span: tuple[int, int] | None = None,
    ) -> Item:
        """An item from block i; `span` is its character range when it is part of the block."""
        a = self.blocks[i]
        keys = a.keys_between(*span) if span else a.keys
        text = clean_item_text(text)
        if kind in (ItemKind.PRIORITY, ItemKind.REFERENCE):
            if text.count(".") == 1:
                text = text.rstrip(".")  # a priority is a name, not a sentence
            if not themes and self.taxonomy and (named := self.taxonomy.theme_named(text)):
                themes = [named]  # "Jeugd", "Geweld": a common word as the whole name
        item = Item(
            kind=kind,
            text=text,
            themes=themes,
            section=a.block.section,
            line=a.block.line_at(span[0]) if span else a.block.line,
            page=a.block.page,
            confidence=round(min(conf, 0.99), 2),
            cue=cue,
            keys=keys,
        )
        self.item_blocks[id(item)] = i
        return item


def extraction_of(ctx: ExtractionContext) -> Extraction:
    """What the passes found, as the stage's result: repeats removed."""
    return Extraction(
        document=ctx.doc,
        priorities=dedupe(ctx.priorities),
        goals=dedupe(ctx.goals),
        regional_references=dedupe(ctx.references),
        mentions=ctx.mentions,
        sections=ctx.sections,
        notes=ctx.notes,
    )
