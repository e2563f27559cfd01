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
from .text import GOAL_LABEL, enumeration_after, strip_number


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
        kind = ItemKind.REFERENCE if ctx.is_regional(sentence) else ItemKind.PRIORITY
        for i in run:
            _take_item(ctx, i, kind, 0.9, f"list after: {sentence[-80:]}")


@extraction_pass("heading_lists")
def heading_lists(ctx: ExtractionContext) -> None:
    """A list right under a heading that announces priorities ("Regionale thema's", "Onze
    speerpunten"), without a lead-in sentence: its top-level items (those with the first
    item's marker) are the priorities; nested items ("o ambitie: ...") are not."""
    r = ctx.rules
    for run in ctx.list_runs():
        j = run[0] - 1
        if j < 0 or run[0] in ctx.used or ctx.blocks[j].block.kind is not BlockKind.HEADING:
            continue
        heading = strip_number(ctx.blocks[j].block.text)
        cue = r.priority_cue.search(heading) or r.themes_chapter_cue.search(heading)
        if not cue or ctx.negated(heading, cue) or r.goal_section_cue.search(heading):
            continue
        kind = ItemKind.REFERENCE if ctx.is_regional(heading) else ItemKind.PRIORITY
        marker = ctx.blocks[run[0]].block.marker
        for i in run:
            b = ctx.blocks[i].block
            if b.marker != marker or GOAL_LABEL.match(b.text):
                continue  # a nested item, or a goal ("ambitie: ...") at the same level
            _take_item(ctx, i, kind, 0.85, f"list under: {heading}")


def _take_item(ctx: ExtractionContext, i: int, kind: ItemKind, conf: float, cue: str) -> None:
    """List item i as a priority (or a regional reference), by its name when it explains it."""
    a = ctx.blocks[i]
    text, span = _label_of(a.block.text)
    themes = (ctx.hits_in(i, *span) if span else []) or a.themes
    target = ctx.references if kind is ItemKind.REFERENCE else ctx.priorities
    target.append(ctx.item(kind, i, text, themes, conf, cue, span))
    ctx.used.add(i)


_LABEL = re.compile(
    r"^([A-Z][^:;.!?–]{1,60}?)\s*(?::|\s[–—-])\s+(\S.*)$"
)  # "Name: ..." "Name – ..."
LABEL_WORDS = 6  # "Zorg en veiligheid: wij bieden ..." -> "Zorg en veiligheid"


def _label_of(text: str) -> tuple[str, tuple[int, int] | None]:
    """A list item that names a priority and explains it after a colon or dash ("Ondermijning:
    wij verstoren criminele netwerken ...", "Veilig uitgaan – minder geweld ...") or on its next
    line ("Veilige wijken" + "Inwoners
    voelen zich veilig ...", joined into one item) stands for its name; other items for
    themselves."""
    m = _LABEL.match(text)
    if m and len(m.group(1).split()) <= LABEL_WORDS and len(m.group(2).split()) >= 4:
        return m.group(1), (0, m.end(1))
    if (end := _title_end(text)) is not None:
        return text[:end], (0, end)
    return text, None


_WORD_AT = re.compile(r"\S+")
_OPEN_ENDED = {"in", "van", "met", "rond", "bij", "voor", "naar", "op", "aan", "uit", "en", "of",
               "de", "het", "een", "door", "tegen", "om", "over"}  # fmt: skip


def _title_end(text: str) -> int | None:
    """Where a short title ends that a sentence follows without punctuation between them
    ("Zorg en veiligheid Inwoners met verward gedrag krijgen ..."): a capital after a word
    that ends neither a sentence nor a phrase. Dutch capitalises no nouns, so such a capital
    starts the next line's sentence (names excepted: the title must not end open)."""
    words = list(_WORD_AT.finditer(text))
    if not text.rstrip().endswith((".", "!")) or len(words) < 6:
        return None
    for k in range(1, min(LABEL_WORDS, len(words) - 4) + 1):
        before, word = words[k - 1].group(), words[k].group()
        if not word[:1].isupper() or not before[-1:].isalpha() or word.isupper():
            continue
        if before.lower() in _OPEN_ENDED:
            return None
        return words[k - 1].end()
    return None


@extraction_pass("inline_enumerations")
def inline_enumerations(ctx: ExtractionContext) -> None:
    """An enumeration inside one sentence after a priority cue ("... als regionale prioriteit
    benoemd: a, b en c", "krijgen drie onderwerpen voorrang: a, b en c"), directly after an
    opener ("gaat extra inzet naar a, b en c"), or quoted names after the cue."""
    for i, a in ctx.blocks_of(BlockKind.PARAGRAPH):
        for start, sentence in ctx.sentences_of(i):
            cue = ctx.priority_cue(sentence, i)
            opener = ctx.rules.enumeration_opener.search(sentence)
            if not (cue or opener) or ctx.negated(sentence, cue or opener):
                continue
            spans = [
                (h.start - start, h.end - start)
                for h in a.hits_between(start, start + len(sentence))
            ]
            parts = enumeration_after(sentence, cue.end(), spans) if cue else []
            if len(parts) < 2 and opener:
                parts = enumeration_after(sentence, 0, spans, opener_end=opener.end())
                # without a colon, only a list of named themes is a list of priorities
                if not all(ctx.hits_in(i, start + at, start + at + len(p)) for at, p in parts):
                    continue
            if len(parts) < 2:
                continue
            _add_enumeration(ctx, i, start, sentence, parts, (cue or opener).group(0))


def _add_enumeration(
    ctx: ExtractionContext, i: int, start: int, sentence: str, parts, cue_text: str
) -> None:
    regional = ctx.is_regional(sentence)
    kind = ItemKind.REFERENCE if regional else ItemKind.PRIORITY
    target = ctx.references if regional else ctx.priorities
    for part_start, part in parts:
        s = start + part_start
        themes = ctx.hits_in(i, s, s + len(part))
        if not themes and len(part.split()) > 8:
            continue
        target.append(
            ctx.item(
                kind, i, part, themes, 0.85, f"enumeration after: {cue_text}", (s, s + len(part))
            )
        )
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
        text = ctx.rules.priority_label_cue.sub("", strip_number(sec.block.text)).strip()
        item = ctx.item(ItemKind.PRIORITY, idx, text, themes, conf, "section of a themes chapter")
        ctx.add_heading_priority(item, idx)


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
        themes = ctx.hits_in(i, start, len(b.text)) or a.themes or _body_themes(ctx, i)
        how = "labelled heading" if cue else "heading in a themes chapter"
        item = ctx.item(
            ItemKind.PRIORITY, i, b.text[start:], themes, 0.85 if cue else 0.7, how,
            (start, len(b.text)),
        )  # fmt: skip
        item.section = b.text
        ctx.add_heading_priority(item, i)
        ctx.used.add(i)


_WORD_SPAN = re.compile(r"\S+")


@extraction_pass("labelled_paragraphs")
def labelled_paragraphs(ctx: ExtractionContext) -> None:
    """A paragraph that opens with a label ("Prioriteit 1: Ondermijning Wij willen ...",
    "Pijler 2 – Zorg en Veiligheid Mensen met ..."): a labelled heading that lost its line
    break in a Word export. The priority is the text from the label up to the first sentence
    start (a capitalised word followed by a lower-case one)."""
    for i, a in ctx.blocks_of(BlockKind.PARAGRAPH):
        text = a.block.text
        cue = ctx.rules.priority_label_cue.match(text)
        if cue is None or i in ctx.used:
            continue
        end = _label_end(text, cue.end())
        if end is None:
            continue
        themes = ctx.hits_in(i, cue.end(), end) or ctx.hits_in(i, end, len(text))[:2]
        label = text[cue.end() : end].strip()
        item = ctx.item(
            ItemKind.PRIORITY, i, label, themes, 0.8, "labelled paragraph", (cue.end(), end)
        )
        item.section = label
        ctx.priorities.append(item)
        ctx.priority_paragraphs[i] = item
        ctx.used.add(i)


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
        if i in ctx.used:
            continue
        for _start, sentence in ctx.sentences_of(i):
            n = _announced_count(ctx, i, sentence)
            if n is None:
                continue
            headings = _following_headings(ctx, i, n)
            if any(ctx.rules.skip_section_cue.search(ctx.blocks[j].block.text) for j in headings):
                continue  # "Inleiding", "Financiën": the document's own chapters
            for j in headings:
                _add_announced_heading(ctx, j, sentence)
            found = bool(headings) or _titled_paragraphs(ctx, i, n, sentence)
            if found:
                ctx.used.add(i)
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


def _add_announced_heading(ctx: ExtractionContext, j: int, sentence: str) -> None:
    b = ctx.blocks[j].block
    text = ctx.rules.priority_label_cue.sub("", strip_number(b.text)).strip()
    themes = ctx.blocks[j].themes or _body_themes(ctx, j)
    item = ctx.item(ItemKind.PRIORITY, j, text, themes, 0.8, f"announced: {sentence[:80]}")
    item.section = b.text
    ctx.add_heading_priority(item, j)
    ctx.used.add(j)


def _titled_paragraphs(ctx: ExtractionContext, i: int, n: int, sentence: str) -> bool:
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
        return False
    for j, end, themes in found:
        label = ctx.blocks[j].block.text[:end].strip()
        item = ctx.item(
            ItemKind.PRIORITY, j, label, themes, 0.75, f"announced: {sentence[:80]}", (0, end)
        )
        item.section = label
        ctx.priorities.append(item)
        ctx.priority_paragraphs[j] = item
        ctx.used.add(j)
    return True


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


_CALLED_PRIORITY = re.compile(
    r"\b(?:is|zijn|vormt|vormen|blijft|blijven|als)\s+(?:een\s+|één\s+|de\s+|onze\s+)?"
    r"(?:van\s+de\s+)?(?:belangrijke?\s+|grote\s+)?(?:prioriteit|speerpunt|prioriteiten|speerpunten)\b",
    re.IGNORECASE,
)


_PRIORITY_IS = re.compile(
    r"^(?:onze\s+|de\s+)?(?:prioriteit|speerpunt)\s+(?:is|ligt\s+(?:bij|op))\b", re.I
)


@extraction_pass("priority_sentences")
def priority_sentences(ctx: ExtractionContext) -> None:
    """A sentence that calls something a priority ("... is een speerpunt binnen de gemeente",
    "Prioriteit is daarom het voorkomen van natuurbranden")."""
    for i, _a in ctx.blocks_of(BlockKind.PARAGRAPH):
        if i in ctx.used:
            continue
        for start, sentence in ctx.sentences_of(i):
            m = _CALLED_PRIORITY.search(sentence) or _PRIORITY_IS.search(sentence)
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
            text, span = _named_priority(sentence, m, start)
            themes = ctx.hits_in(i, *span) or themes
            ctx.priorities.append(
                ctx.item(ItemKind.PRIORITY, i, text, themes, 0.6, "sentence", span)
            )


_FOR_AS = re.compile(
    r"\bvoor\s+(\S.{2,120}?)\s+als\s+(?:een\s+|onze\s+)?(?:prioriteit|speerpunt)\b", re.I
)
_FILLERS = re.compile(r"(?:daarom|dan\s+ook|vooral|ook|in\s+het\s+bijzonder)\s+", re.I)
SUBJECT_WORDS = 15  # "X is een speerpunt": X, when it is no longer than this


def _named_priority(sentence: str, m: re.Match[str], start: int) -> tuple[str, tuple[int, int]]:
    """What a sentence calls a priority: X in "kiezen wij voor X als prioriteit", "Prioriteit
    is daarom X", "X is een speerpunt"; else the whole sentence."""
    whole = sentence.rstrip(" .")
    at = None
    if f := _FOR_AS.search(sentence):
        at = f.span(1)
    elif m.re is _PRIORITY_IS:
        rest = sentence[m.end() :]
        begin = m.end() + len(rest) - len(rest.lstrip())
        filler = _FILLERS.match(sentence, begin)
        at = (filler.end() if filler else begin, len(whole))
    elif m.start() > 0 and len(sentence[: m.start()].split()) <= SUBJECT_WORDS:
        at = (0, len(sentence[: m.start()].rstrip()))
    if at is None or at[1] <= at[0]:
        return whole, (start, start + len(whole))
    return sentence[at[0] : at[1]], (start + at[0], start + at[1])


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
        item = ctx.item(
            ItemKind.PRIORITY, i, text, list(sec.heading_themes), 0.55, "themed chapter"
        )
        ctx.add_heading_priority(item, i)
    outline.themes_chapters |= {i for i, _ in themed}


@extraction_pass("excluded_topics")
def excluded_topics(ctx: ExtractionContext) -> None:
    """Topics the document says it leaves out ("... maken geen deel uit van deze strategie",
    "... pakken we op binnen de reguliere taken") are no priorities, whatever else suggested
    them: a priority whose themes are all left out is dropped."""
    excluded: set[str] = set()
    for i, _a in ctx.blocks_of(BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
        for start, sentence in ctx.sentences_of(i):
            if ctx.rules.exclusion_cue.search(sentence):
                excluded |= set(ctx.hits_in(i, start, start + len(sentence)))
    if excluded:
        ctx.priorities = [
            p for p in ctx.priorities if not p.themes or not set(p.themes) <= excluded
        ]


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
