"""Passes that find priorities (and, in a local plan, the region's priorities it quotes).

Strongest evidence first: a list after a lead-in that announces priorities; an enumeration
inside one sentence after such a cue; the leaf sections of a themes chapter; unnumbered
headings that name a priority; a sentence that calls something a priority; and, as a last
resort, top-level chapters whose headings name a theme.
"""

from __future__ import annotations

import re

from ..model import BlockKind, DocumentKind, ItemKind
from .context import ExtractionContext
from .registry import extraction_pass
from .text import enumeration_after, strip_number


@extraction_pass("priority_cue_lists")
def priority_cue_lists(ctx: ExtractionContext) -> None:
    """A list right after a lead-in that announces priorities ("De thema's ... zijn:")."""
    for run in ctx.list_runs():
        if not ctx.blocks[run[0]].block.after_cue or (lead := ctx.lead_in(run[0])) is None:
            continue
        j, sentence = lead
        cue = ctx.priority_cue(sentence, j)
        if not cue or ctx.negated(sentence, cue):
            continue
        regional = ctx.is_regional(sentence)
        kind = ItemKind.REFERENCE if regional else ItemKind.PRIORITY
        target = ctx.references if regional else ctx.priorities
        for i in run:
            a = ctx.blocks[i]
            target.append(
                ctx.item(kind, i, a.block.text, a.themes, 0.9, f"list after: {sentence[-80:]}")
            )
            ctx.used.add(i)


@extraction_pass("inline_enumerations")
def inline_enumerations(ctx: ExtractionContext) -> None:
    """An enumeration inside one sentence after a priority cue ("... als regionale prioriteit
    benoemd: a, b en c"), or quoted names after it."""
    for i, _a in ctx.blocks_of(BlockKind.PARAGRAPH):
        for start, sentence in ctx.sentences_of(i):
            cue = ctx.priority_cue(sentence, i)
            if not cue or ctx.negated(sentence, cue):
                continue
            parts = enumeration_after(sentence, cue.end())
            if len(parts) < 2:
                continue
            regional = ctx.is_regional(sentence)
            kind = ItemKind.REFERENCE if regional else ItemKind.PRIORITY
            target = ctx.references if regional else ctx.priorities
            for part_start, part in parts:
                s = start + part_start
                themes = ctx.hits_in(i, s, s + len(part))
                if not themes and len(part.split()) > 8:
                    continue
                cue_text = f"enumeration after: {cue.group(0)}"
                target.append(ctx.item(kind, i, part, themes, 0.85, cue_text, (s, s + len(part))))
            ctx.used.add(i)


@extraction_pass("themes_chapter_sections")
def themes_chapter_sections(ctx: ExtractionContext) -> None:
    """The leaf sections of a chapter about themes or priorities."""
    outline = ctx.outline
    for idx, sec in outline.sections.items():
        if not sec.is_leaf or sec.parent is None or not outline.in_themes_chapter(sec.parent):
            continue
        if not outline.has_themes_chapter and not sec.heading_themes:
            continue  # a chapter recognised by its themed headings: only themed sections
        themes = list(sec.heading_themes)
        conf = (0.8 if themes else 0.65) if outline.has_themes_chapter else 0.6
        if not themes:
            themes = [t for t, n in sec.themes.most_common(2) if n >= 2]
        text = strip_number(sec.block.text)
        ctx.priorities.append(
            ctx.item(ItemKind.PRIORITY, idx, text, themes, conf, "section of a themes chapter")
        )


@extraction_pass("labelled_headings")
def labelled_headings(ctx: ExtractionContext) -> None:
    """Unnumbered headings that name a priority: with a cue ("Speerpunt 1: Ondermijning"), or
    any themed, non-question heading right under a themes chapter heading."""
    r, outline = ctx.rules, ctx.outline
    for i, a in ctx.blocks_of(BlockKind.HEADING):
        b = a.block
        if b.text.endswith("?"):
            continue
        if r.goal_section_cue.search(b.text) or r.action_section_cue.search(b.text):
            continue
        cue = r.priority_label_cue.search(b.text)
        # a heading that is a section of the outline is the themes chapter pass's, unless cued
        directly_under_chapter = outline.owner[i] in outline.themes_chapters
        if not cue and (i in outline.sections or not (directly_under_chapter and a.themes)):
            continue
        start = cue.end() if cue else 0
        themes = ctx.hits_in(i, start, len(b.text)) or a.themes
        how = "labelled heading" if cue else "heading in a themes chapter"
        item = ctx.item(
            ItemKind.PRIORITY, i, b.text[start:], themes, 0.85 if cue else 0.7, how,
            (start, len(b.text)),
        )  # fmt: skip
        item.section = b.text
        ctx.priorities.append(item)
        ctx.used.add(i)


_CALLED_PRIORITY = re.compile(
    r"\b(?:is|zijn|vormt|vormen|blijft|blijven|als)\s+(?:een\s+|één\s+|de\s+|onze\s+)?"
    r"(?:van\s+de\s+)?(?:belangrijke?\s+|grote\s+)?(?:prioriteit|speerpunt|prioriteiten|speerpunten)\b",
    re.IGNORECASE,
)


@extraction_pass("priority_sentences")
def priority_sentences(ctx: ExtractionContext) -> None:
    """A sentence that calls something a priority ("... is een speerpunt binnen de gemeente")."""
    for i, _a in ctx.blocks_of(BlockKind.PARAGRAPH):
        if i in ctx.used:
            continue
        for start, sentence in ctx.sentences_of(i):
            m = _CALLED_PRIORITY.search(sentence)
            if not m or ctx.negated(sentence, m) or sentence.rstrip().endswith(":"):
                continue
            themes = ctx.hits_in(i, start, start + len(sentence))
            if not themes:
                continue
            span = (start, start + len(sentence))
            regional = bool(ctx.rules.regional_cue.search(sentence[m.start() :]))
            if regional and ctx.local_plan:
                ref = ctx.item(ItemKind.REFERENCE, i, sentence, themes, 0.6, "sentence", span)
                ctx.references.append(ref)
                continue
            if not (ctx.local_plan or regional or ctx.doc.metadata.kind is DocumentKind.REGIONAL):
                continue  # a proposal or letter talking about someone else's priorities
            sec = ctx.outline.owner[i]
            if sec is not None and any(
                p.section == ctx.outline.sections[sec].block.text for p in ctx.priorities
            ):
                continue  # the section is already a priority; the sentence confirms it
            ctx.priorities.append(
                ctx.item(ItemKind.PRIORITY, i, sentence, themes, 0.6, "sentence", span)
            )


@extraction_pass("themed_chapters")
def themed_chapters(ctx: ExtractionContext) -> None:
    """Last resort, when nothing else announced priorities: top-level chapters whose headings
    name a theme ("2 Ondermijning", "3 Zorg en veiligheid"), when at least two do."""
    if ctx.priorities:
        return
    outline = ctx.outline
    themed = [(i, s) for i, s in outline.sections.items() if s.parent is None and s.heading_themes]
    if len(themed) < 2:
        return
    for i, sec in themed:
        text = strip_number(sec.block.text)
        ctx.priorities.append(
            ctx.item(ItemKind.PRIORITY, i, text, list(sec.heading_themes), 0.55, "themed chapter")
        )
    outline.themes_chapters |= {i for i, _ in themed}
