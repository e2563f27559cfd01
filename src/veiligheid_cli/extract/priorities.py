"""Candidate generators that read priorities from the document's structure (statements in
running text are the priority grammar's, in grammar.py): the leaf sections of a themes chapter;
unnumbered headings that name a priority; labels run into their paragraphs; a count announced
before that many headings; top-level chapters whose headings name a theme. Each proposes a
candidate (candidates.py) that the model scores (selection.py). Then the passes that refine
what was selected: restated priorities, a priority's scope.
"""

from __future__ import annotations

import re

from ..model import BlockKind
from .context import ExtractionContext
from .proposals import new_member, propose
from .registry import extraction_pass
from .text import strip_number


@extraction_pass("themes_chapter_sections")
def themes_chapter_sections(ctx: ExtractionContext) -> None:
    """The leaf sections of a chapter about themes or priorities: one candidate per chapter."""
    outline = ctx.outline
    chapters: dict[int, list] = {}
    for idx, sec in outline.sections.items():
        if not sec.is_leaf or sec.parent is None or not outline.in_themes_chapter(sec.parent):
            continue
        if not outline.has_themes_chapter and not sec.heading_themes:
            continue  # a chapter recognised by its themed headings: only themed sections
        themes = list(sec.heading_themes) or [t for t, n in sec.themes.most_common(2) if n >= 2]
        text = ctx.rules.priority_label_cue.sub("", strip_number(sec.block.text)).strip()
        member = new_member(ctx, idx, text, themes, "section of a themes chapter", heading=True)
        chapters.setdefault(sec.parent, []).append(member)
    for parent, members in chapters.items():
        reading = {"themes_chapter_named": float(outline.has_themes_chapter)}
        propose(ctx, "themes_chapter", members, reading, cue_block=parent)


@extraction_pass("labelled_headings")
def labelled_headings(ctx: ExtractionContext) -> None:
    """Unnumbered headings that name a priority: with a cue ("Speerpunt 1: Ondermijning"), or
    any themed, non-question heading right under a themes chapter heading."""
    r, outline = ctx.rules, ctx.outline
    found: dict[str, list] = {"labelled_heading": [], "chapter_heading": []}
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
        themes = ctx.hits_in(i, start, len(b.text)) or a.themes or _body_themes(ctx, i)
        how = "labelled heading" if cue else "heading in a themes chapter"
        span = (start, len(b.text))
        member = new_member(ctx, i, b.text[start:], themes, how, span, heading=True)
        member.item.section = b.text
        found["labelled_heading" if cue else "chapter_heading"].append(member)
    for source, members in found.items():
        propose(ctx, source, members)


_WORD_SPAN = re.compile(r"\S+")


@extraction_pass("labelled_paragraphs")
def labelled_paragraphs(ctx: ExtractionContext) -> None:
    """A paragraph that opens with a label ("Prioriteit 1: Ondermijning Wij willen ...",
    "Pijler 2 – Zorg en Veiligheid Mensen met ..."): a labelled heading that lost its line
    break in a Word export. The priority is the text from the label up to the first sentence
    start (a capitalised word followed by a lower-case one)."""
    members = []
    for i, a in ctx.blocks_of(BlockKind.PARAGRAPH):
        text = a.block.text
        cue = ctx.rules.priority_label_cue.match(text)
        if cue is None:
            continue
        end = _label_end(text, cue.end())
        if end is None:
            continue
        themes = ctx.hits_in(i, cue.end(), end) or ctx.hits_in(i, end, len(text))[:2]
        label = text[cue.end() : end].strip()
        member = new_member(ctx, i, label, themes, "labelled paragraph", (cue.end(), end),
                            paragraph=True)  # fmt: skip
        member.item.section = label
        members.append(member)
    propose(ctx, "labelled_paragraph", members)


def _label_end(text: str, start: int, max_words: int = 10) -> int | None:
    """Where a label that runs on into its paragraph ends: before a capitalised word that a
    lower-case word follows ("Ondermijning | Wij willen ..."), within `max_words` words."""
    words = list(_WORD_SPAN.finditer(text, start))[: max_words + 1]
    for k in range(1, len(words) - 1):
        here, nxt = words[k].group(), words[k + 1].group()
        if here[:1].isupper() and nxt[:1].islower():
            return words[k].start()
    first = text.find(". ", start)
    return first + 1 if 0 < first - start < 80 else None


_COUNTS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8}
_COUNT_BEFORE = re.compile(r"\b(twee|drie|vier|vijf|zes|zeven|acht|[2-8])\s+(?:\w+\s+)?$", re.I)


@extraction_pass("announced_headings")
def announced_headings(ctx: ExtractionContext) -> None:
    """A count announced in running text ("wij kiezen vier thema's", "drie focusthema's
    gekozen") and that many headings following it, at one level: the headings are the
    priorities (deeper headings such as "Wat willen we bereiken?" are skipped). Where the
    headings ran on into their paragraphs (a Word export), that many paragraphs that open with
    a themed title ("Kwetsbare inwoners Meer inwoners met ...") are the priorities."""
    for i, _a in ctx.blocks_of(BlockKind.PARAGRAPH):
        for _start, sentence in ctx.sentences_of(i):
            n = _announced_count(ctx, i, sentence)
            if n is None:
                continue
            headings = _following_headings(ctx, i, n)
            if any(ctx.rules.skip_section_cue.search(ctx.blocks[j].block.text) for j in headings):
                continue  # "Inleiding", "Financiën": the document's own chapters
            cue = f"announced: {sentence[:80]}"
            members = [_announced_heading(ctx, j, cue) for j in headings]
            source = "announced_headings"
            if not members:
                members, source = _titled_paragraphs(ctx, i, n, cue), "announced_paragraphs"
            reading = {"count_stated": 1.0, "count_agrees": 1.0}
            propose(ctx, source, members, reading, cue_block=i, cue_text=sentence)
            if members:
                break


def _announced_count(ctx: ExtractionContext, i: int, sentence: str) -> int | None:
    """N in "wij kiezen N thema's", when the sentence announces (and does not negate)."""
    cue = ctx.priority_cue(sentence, i)
    count = _COUNT_BEFORE.search(sentence[: cue.start()]) if cue else None
    if not cue or not count or ctx.negated(sentence, cue):
        return None
    if not ctx.rules.announcement_cue.search(sentence):
        return None
    return _COUNTS.get(count.group(1).lower()) or int(count.group(1))


def _announced_heading(ctx: ExtractionContext, j: int, cue: str):
    b = ctx.blocks[j].block
    text = ctx.rules.priority_label_cue.sub("", strip_number(b.text)).strip()
    themes = ctx.blocks[j].themes or _body_themes(ctx, j)
    member = new_member(ctx, j, text, themes, cue, heading=True)
    member.item.section = b.text
    return member


def _titled_paragraphs(ctx: ExtractionContext, i: int, n: int, cue: str) -> list:
    """The next n paragraphs after block i, each opening with a short themed title, before any
    heading: they become priorities (and their paragraphs the priorities' areas)."""
    found = []
    for j in range(i + 1, len(ctx.blocks)):
        b = ctx.blocks[j].block
        if b.kind is BlockKind.HEADING or len(found) == n:
            break
        if b.kind is not BlockKind.PARAGRAPH:
            continue
        end = _label_end(b.text, 0, max_words=6)
        themes = ctx.hits_in(j, 0, end) if end else []
        if themes:
            found.append((j, end, themes))
    if len(found) != n:
        return []
    members = []
    for j, end, themes in found:
        label = ctx.blocks[j].block.text[:end].strip()
        member = new_member(ctx, j, label, themes, cue, (0, end), paragraph=True)
        member.item.section = label
        members.append(member)
    return members


def _following_headings(ctx: ExtractionContext, i: int, n: int) -> list[int]:
    """The next `n` headings after block i at the level of the first one, or [] when a
    shallower heading or a list comes first, or there are fewer."""
    rules, out, level = ctx.rules, [], None
    for j in range(i + 1, len(ctx.blocks)):
        b = ctx.blocks[j].block
        if b.kind is BlockKind.LIST_ITEM and level is None:
            return []  # the announced items are a list (another pass reads it)
        if b.kind is not BlockKind.HEADING:
            continue
        level = b.level if level is None else level
        if b.level < level:
            break
        label = rules.goal_section_cue.search(b.text) or rules.action_section_cue.search(b.text)
        if b.level > level or b.text.endswith("?") or label:
            continue
        out.append(j)
        if len(out) == n:
            return out
    return []


def _theme_counts(ctx: ExtractionContext, j: int) -> dict[str, int]:
    """How often each theme is named in the text under heading j."""
    counts: dict[str, int] = {}
    for k in ctx.under_heading(j):
        for hit in ctx.blocks[k].hits:
            counts[hit.theme] = counts.get(hit.theme, 0) + 1
    return counts


def _body_themes(ctx: ExtractionContext, j: int) -> list[str]:
    """The themes named at least twice in the text under heading j (else the most named)."""
    counts = _theme_counts(ctx, j)
    ranked = sorted(counts, key=lambda t: -counts[t])
    return [t for t in ranked[:2] if counts[t] >= 2] or ranked[:1]


@extraction_pass("themed_chapters")
def themed_chapters(ctx: ExtractionContext) -> None:
    """Top-level chapters whose headings name a theme ("2 Ondermijning", "3 Zorg en
    veiligheid"), when at least two do: one candidate."""
    outline = ctx.outline
    themed = [(i, s) for i, s in outline.sections.items() if s.parent is None and s.heading_themes]
    if len(themed) < 2:
        return
    how = "themed chapter"
    members = [
        new_member(ctx, i, strip_number(s.block.text), list(s.heading_themes), how, heading=True)
        for i, s in themed
    ]
    propose(ctx, "themed_chapters", members)


@extraction_pass("restated_priorities")
def restated_priorities(ctx: ExtractionContext) -> None:
    """A priority named in a list or a sentence and restated as a heading further on
    ("Onze kerntaken zijn: 1. Jeugd ..." and later a section "Jeugd"): what stands under that
    heading belongs to the priority (its goals, its themes)."""
    named = {
        _name_key(p.text): p
        for p in ctx.priorities
        if p.section not in ctx.priority_headings  # not a heading itself
    }
    for i, a in ctx.blocks_of(BlockKind.HEADING):
        b = a.block
        key = _name_key(ctx.rules.priority_label_cue.sub("", strip_number(b.text)))
        priority = named.get(key)
        later = priority is not None and (b.page or 0, b.line) > (priority.page or 0, priority.line)
        if later and b.text not in ctx.priority_headings:
            ctx.priority_headings[b.text] = i
            priority.section = b.text  # where the priority is worked out
            if not priority.themes:
                priority.themes = list(a.themes) or _body_themes(ctx, i)


def _name_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


@extraction_pass("priority_scope")
def priority_scope(ctx: ExtractionContext) -> None:
    """What a priority with a section of its own is about besides its name: the other themes
    named at least twice in that section ("Zorg en veiligheid" about verward gedrag). A
    priority announced in running text takes the section of the heading that bears its name."""
    for p in ctx.priorities:
        index = ctx.priority_headings.get(p.section)
        if index is None:
            index = _own_heading(ctx, p.text)  # announced in text, with a chapter of its own
        if index is None:
            continue
        counts = _theme_counts(ctx, index)
        p.scope = tuple(t for t, n in counts.items() if n >= 2 and t not in p.themes)


def _own_heading(ctx: ExtractionContext, text: str) -> int | None:
    """The heading that bears the priority's name ("3.2 Zorg en veiligheid"), if any."""
    name = strip_number(text).lower().strip(" .")
    for index, section in ctx.outline.sections.items():
        if strip_number(section.block.text).lower().strip(" .") == name:
            return index
    return None
