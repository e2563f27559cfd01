"""The section tree of an analysed document, as the extraction passes see it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Block, BlockKind
from ..rules import ExtractRules

if TYPE_CHECKING:  # the NLP module imports spaCy; extraction itself does not need it
    from ..nlp import AnalysedBlock


@dataclass(slots=True)
class Section:
    """A heading with its place in the tree and the themes of what stands under it."""

    index: int  # block index of the heading
    block: Block
    parent: int | None
    children: list[int] = field(default_factory=list)
    themes: Counter[str] = field(default_factory=Counter)  # paragraph theme hits, heading x5
    heading_themes: list[str] = field(default_factory=list)

    @property
    def is_leaf(self) -> bool:
        return not self.children


class Outline:
    """Sections (numbered headings when the document numbers them, else all headings), which
    section owns each block, and which chapters hold the plan's themes."""

    def __init__(self, blocks: list[AnalysedBlock], rules: ExtractRules) -> None:
        self.rules = rules
        self.sections = _build_sections(blocks)
        self.owner = _owner_sections(blocks, self.sections)
        labelled = {
            o for j, o in enumerate(self.owner) if o is not None and _is_label(blocks, j, self)
        }
        cued = {
            i
            for i, sec in self.sections.items()
            if (sec.children or i in labelled) and rules.themes_chapter_cue.search(sec.block.text)
        }
        self.has_themes_chapter = bool(cued)
        fallback = None if cued else self._fallback_themes_chapter()
        self.themes_chapters: set[int] = cued or ({fallback} if fallback is not None else set())

    def ancestors(self, index: int | None) -> list[Section]:
        """The section at `index` and its parents, innermost first."""
        out = []
        while index is not None:
            out.append(self.sections[index])
            index = self.sections[index].parent
        return out

    def in_themes_chapter(self, index: int | None) -> bool:
        return any(s.index in self.themes_chapters for s in self.ancestors(index))

    def in_goal_section(self, index: int | None) -> bool:
        cue = self.rules.goal_section_cue
        return any(cue.search(s.block.text) for s in self.ancestors(index))

    def chapter_leaves(self, index: int) -> list[Section]:
        """The leaf sections of the top-level chapter that contains section `index`."""
        chapter = self.ancestors(index)[-1]
        return [
            s for i, s in self.sections.items() if s.is_leaf and self.ancestors(i)[-1] is chapter
        ]

    def _fallback_themes_chapter(self) -> int | None:
        """Without a heading that announces the themes: the section whose direct subsections
        are mostly themes (at least three, two thirds of them with a theme in the heading)."""
        best, best_key = None, (0, 0)
        for idx, sec in self.sections.items():
            leaves = [i for i in sec.children if self.sections[i].is_leaf]
            themed = [i for i in leaves if self.sections[i].heading_themes]
            key = (len(themed), sec.block.level)
            if len(themed) >= 3 and len(themed) >= 2 * len(leaves) / 3 and key > best_key:
                best, best_key = idx, key
        return best


def _is_label(blocks: list[AnalysedBlock], j: int, outline: Outline) -> bool:
    """Block j is an unnumbered heading inside a numbered section (a topic label)."""
    return blocks[j].block.kind is BlockKind.HEADING and j not in outline.sections


def _build_sections(blocks: list[AnalysedBlock]) -> dict[int, Section]:
    sections: dict[int, Section] = {}
    stack: list[int] = []
    numbered = any(a.block.number for a in blocks if a.block.kind is BlockKind.HEADING)
    for i, a in enumerate(blocks):
        b = a.block
        if b.kind is not BlockKind.HEADING or (numbered and not b.number):
            continue
        while stack and sections[stack[-1]].block.level >= b.level:
            stack.pop()
        parent = stack[-1] if stack else None
        sections[i] = Section(i, b, parent, heading_themes=a.themes)
        if parent is not None:
            sections[parent].children.append(i)
        stack.append(i)
    return sections


def _owner_sections(blocks: list[AnalysedBlock], sections: dict[int, Section]) -> list[int | None]:
    """For every block, the index of the section heading it stands under; counts the themes
    of each section's paragraphs on the way."""
    owner: list[int | None] = []
    current: int | None = None
    for i, a in enumerate(blocks):
        if i in sections:
            current = i
        owner.append(current)
        if current is not None and i != current and a.block.kind is BlockKind.PARAGRAPH:
            for hit in a.hits:
                sections[current].themes[hit.theme] += 1
    for sec in sections.values():
        for theme in sec.heading_themes:
            sec.themes[theme] += 5
    return owner
