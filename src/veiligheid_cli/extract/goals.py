"""Passes that find goals.

Goals: list items after a lead-in that announces goals; list items with a goal verb in a themes
chapter or a goals section; sentences that state a goal or a measurable target.
"""

from __future__ import annotations

import re

from ..lemmas import word_key
from ..model import BlockKind, ItemKind
from .context import ExtractionContext
from .registry import extraction_pass
from .text import (
    COUNT,
    GOAL_LABEL,
    MAX_ITEM_CHARS,
    SEPARABLE,
    TARGET_YEAR,
    YEAR,
    sentence_spans,
)


@extraction_pass("goal_cue_lists")
def goal_cue_lists(ctx: ExtractionContext) -> None:
    """A list right after a lead-in that announces goals ("Onze doelen zijn:")."""
    for run in ctx.list_runs():
        if not ctx.blocks[run[0]].block.after_cue or any(i in ctx.used for i in run):
            continue
        if (lead := ctx.lead_in(run[0])) is None:
            continue
        j, sentence = lead
        cue = ctx.rules.goal_cue.search(sentence)
        if not cue or ctx.negated(sentence, cue) or ctx.in_skip_section(j):
            continue
        for i in run:
            a = ctx.blocks[i]
            ctx.goals.append(
                ctx.item(
                    ItemKind.GOAL, i, a.block.text, a.themes, 0.9, f"list after: {sentence[-80:]}"
                )
            )
            ctx.used.add(i)


def _has_goal_verb(ctx: ExtractionContext, i: int) -> bool:
    a = ctx.blocks[i]
    verbs = ctx.rules.goal_verb_keys
    return bool(a.keys & verbs) or any(
        word_key(particle + verb) in verbs
        for particle, verb in SEPARABLE.findall(a.block.text.lower())
    )


def _goal_item_confidence(ctx: ExtractionContext, i: int) -> float | None:
    """How sure a list item is a goal, or None when it is not one."""
    b = ctx.blocks[i].block
    outline = ctx.outline
    innermost = b.section_path[-1] if b.section_path else ""
    if ctx.rules.action_section_cue.search(innermost):
        return None  # "Wat gaan we daarvoor doen?": actions, not goals
    under_goal_label = bool(ctx.rules.goal_section_cue.search(innermost))
    in_themes = ctx.in_priority_area(i)
    in_goals = outline.in_goal_section(outline.owner[i]) or under_goal_label
    labelled = bool(GOAL_LABEL.match(b.text))  # "- Doel: ...", "o ambitie: ..." say it anywhere
    if not (in_themes or in_goals or labelled) or len(b.text) > MAX_ITEM_CHARS:
        return None
    measurable = _is_concrete(ctx, b.text)
    if under_goal_label or labelled:
        conf = 0.85
    elif in_goals and b.after_cue and ctx.lead_in(i) is not None:
        conf = 0.8
    elif _has_goal_verb(ctx, i) or measurable:
        conf = 0.75 if in_themes else 0.7
    else:
        return None
    return conf + (0.1 if measurable else 0.0)


def _is_concrete(ctx: ExtractionContext, text: str) -> bool:
    """A number with a unit, a direction of change, a time norm, or a target year."""
    return bool(ctx.rules.measurable.search(text)) or _target_year(ctx, text)


def _target_year(ctx: ExtractionContext, text: str) -> bool:
    """ "in 2026", "vóór 2025": a year that is no history for this plan (not before its
    period, when the period is known)."""
    period = ctx.doc.metadata.period
    for m in TARGET_YEAR.finditer(text):
        year = int(m.group(1))
        if period is None or year >= period.start:
            return True
    return False


@extraction_pass("goal_items")
def goal_items(ctx: ExtractionContext) -> None:
    """List items in a themes chapter or goals section that read as goals. In a list where
    most items read as goals, the others are goals too ("Jongeren weten hoe ...")."""
    for run in ctx.list_runs():
        confidences = {
            i: _goal_item_confidence(ctx, i)
            for i in run
            if i not in ctx.used and not ctx.in_skip_section(i)
        }
        taken = [c for c in confidences.values() if c is not None]
        whole = len(taken) >= max(1, len(confidences) / 2) and len(confidences) > 1
        for i, conf in confidences.items():
            statement = len(ctx.blocks[i].block.text.split()) >= 3  # not a bare topic word
            if conf is None and whole and statement and _in_goal_area(ctx, i):
                conf = 0.7
            if conf is not None:
                _add_goal_item(ctx, i, conf)


def _in_goal_area(ctx: ExtractionContext, i: int) -> bool:
    b = ctx.blocks[i].block
    innermost = b.section_path[-1] if b.section_path else ""
    if ctx.rules.action_section_cue.search(innermost) or len(b.text) > MAX_ITEM_CHARS:
        return False
    return ctx.in_priority_area(i) or ctx.outline.in_goal_section(ctx.outline.owner[i])


def _add_goal_item(ctx: ExtractionContext, i: int, conf: float) -> None:
    a = ctx.blocks[i]
    themes = a.themes or ctx.priority_themes(i)
    goal = ctx.item(ItemKind.GOAL, i, a.block.text, themes, conf, "goal item")
    topic = ctx.topic(a.block)
    if topic and any(p.section == topic for p in ctx.priorities):
        goal.section = topic  # the goal belongs to the labelled priority above it
    ctx.goals.append(goal)
    ctx.used.add(i)


_NORM_START = re.compile(r"^(?:Alle|Elke|Iedere?)\s")


def _is_goal_sentence(ctx: ExtractionContext, sentence: str, in_themes: bool) -> bool:
    if sentence.rstrip().endswith(":") or len(sentence) > MAX_ITEM_CHARS:
        return False
    if ctx.rules.goal_statement.search(sentence):
        return True
    measurable = ctx.rules.measurable.search(sentence)
    if measurable and (
        ctx.rules.goal_cue.search(sentence) or re.search(r"\bwillen\b|\bmoet\b", sentence)
    ):
        return True
    if not in_themes:
        return False
    if _NORM_START.match(sentence) and len(sentence.split()) <= 25:
        return True  # "Alle evenementen ... hebben een goedgekeurd veiligheidsplan."
    # "In 2022 is op alle bedrijventerreinen een controle uitgevoerd": a state to reach
    state = re.match(r"(?:In|Vóór|Eind)\s", sentence) and re.search(
        r"\b(?:is|zijn|heeft|hebben)\b", sentence
    )
    return _target_year(ctx, sentence) and bool(
        measurable or COUNT.search(YEAR.sub("", sentence)) or state
    )


@extraction_pass("goal_sentences")
def goal_sentences(ctx: ExtractionContext) -> None:
    """Sentences that state a goal or a measurable target. A goal without theme words takes
    the themes of the priority whose section it stands in; with neither, only a labelled goal
    ("Doel: ...") counts."""
    for i, _a in ctx.blocks_of(BlockKind.PARAGRAPH):
        if ctx.in_skip_section(i):
            continue  # a paragraph that named priorities may still state a goal
        in_themes = ctx.in_priority_area(i)
        for start, sentence in ctx.sentences_of(i):
            if not _is_goal_sentence(ctx, sentence, in_themes):
                continue
            span = (start, start + len(sentence))
            themes = ctx.hits_in(i, *span) or ctx.priority_themes(i)
            labelled = bool(GOAL_LABEL.match(sentence))
            if themes or labelled:  # "Doel: ..." needs no theme word
                stated = ctx.rules.goal_statement.search(sentence)
                cue = "goal label" if labelled else "goal statement" if stated else "goal sentence"
                ctx.goals.append(ctx.item(ItemKind.GOAL, i, sentence, themes, 0.6, cue, span))


@extraction_pass("goal_tables")
def goal_tables(ctx: ExtractionContext) -> None:
    """Rows of a goals table (Doel | Indicator | Streefwaarde): one goal per row, its text the
    goal cell, indicator and target as fields of the goal."""
    cues = ctx.rules.goal_table
    for i, a in ctx.blocks_of(BlockKind.TABLE_ROW):
        b = a.block
        roles = cues.roles(b.columns) if b.columns and i not in ctx.used else {}
        goal_text = _cell(b.cells, roles.get("goal"))
        if not re.search(r"[^\W\d_]{3}", goal_text):
            continue  # no goal text; a figure under "Ambitie 2022" is an indicator's target
        start = b.text.find(goal_text)
        span = (start, start + len(goal_text)) if start >= 0 else None
        themes = (ctx.hits_in(i, *span) if span else []) or a.themes or ctx.priority_themes(i)
        goal = ctx.item(ItemKind.GOAL, i, goal_text, themes, 0.9, "goals table", span)
        goal.indicator = _cell(b.cells, roles.get("indicator"))
        goal.target = _cell(b.cells, roles.get("target"))
        ctx.goals.append(goal)
        ctx.used.add(i)


def _cell(cells: tuple[str, ...], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


_SEGMENT_BREAK = re.compile(r"(?<=:)\s+(?=[A-Z‘“\"])|(?<=;)\s+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_PHRASE_WORDS = 35
_CLAUSE_WINDOW = 6


def _segments(text: str) -> list[tuple[int, str]]:
    """Sentences, further split after a colon before a capital and after a semicolon: the
    pieces a merged list leaves in a paragraph."""
    out = []
    for start, sentence in sentence_spans(text):
        offset = 0
        for piece in _SEGMENT_BREAK.split(sentence):
            at = sentence.find(piece, offset)
            offset = at + len(piece)
            if piece.strip():
                out.append((start + at, piece.strip()))
    return out


_FUNCTION_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "in",
        "op",
        "met",
        "voor",
        "door",
        "bij",
        "van",
        "aan",
        "naar",
        "om",
        "te",
        "uit",
        "over",
        "tot",
        "als",
        "dan",
        "ook",
        "niet",
        "geen",
        "nog",
        "wel",
        "zo",
        "al",
        "dit",
        "dat",
        "deze",
        "die",
        "wat",
    ]
)
_PARTICLES = frozenset({"omlaag", "omhoog", "terug", "af", "op", "aan", "tegen", "naar"})
_LABEL_WORDS = 12  # a goal noun opening a short phrase: "Aandacht voor verminderd zelfredzamen"


def _adverb(word: str) -> bool:
    """A word that can open a goal phrase before its verb ("Alert", "Tijdig"): no function
    word, and no plural noun ("Inwoners betrekken ..., helpen daarbij" is a sentence)."""
    return word not in _FUNCTION_WORDS and not word.endswith(("s", "en"))


def _adjectives_then_goal_word(words: list[str], keys: list[str], verbs: frozenset[str]) -> bool:
    """A goal noun within the first four words, after adjectives only ("Integrale en
    systeemgerichte aanpak ...", "Snellere hulp ...")."""
    for n in range(min(4, len(words))):
        if keys[n] in verbs:
            return n > 0
        if not (words[n] == "en" or (words[n].endswith("e") and words[n] not in _FUNCTION_WORDS)):
            return False
    return False


def is_goal_phrase(ctx: ExtractionContext, text: str) -> bool:
    """A goal phrase: a goal verb opens it (as infinitive, "Het" + infinitive, or after one
    adverb: "Alert reageren ..."), or a goal noun opens a short one, or it ends in a goal verb
    ("... omlaag brengen."); and no finite verb or subject among its first words (anywhere,
    when the verb comes last). The part before a colon is the phrase; what follows explains."""
    head = text.split(":", 1)[0] if ":" in text[:120] else text
    written = _WORD.findall(head)
    words = [w.lower() for w in written]
    if not 2 <= len(words) <= _PHRASE_WORDS or head.rstrip().endswith("?"):
        return False
    verbs = ctx.rules.goal_verb_keys
    keys = [word_key(w) for w in words]
    clause = [n for n, w in enumerate(words) if w in ctx.rules.clause_words]
    early_clause = any(n < _CLAUSE_WINDOW for n in clause)

    def infinitive(n: int) -> bool:
        return n < len(words) and keys[n] in verbs and words[n].endswith("en")

    def verb_after_het(n: int) -> bool:
        """ "Het terugdringen ...", "Het op peil houden ...", not "Het Zorg- en ..."."""
        return infinitive(n) or (n < len(words) and keys[n] in verbs and written[n].islower())

    if re.search(r"\bhet aantal\b", head, re.I) and ctx.rules.measurable.search(head):
        return not clause  # "Het aantal autokraken terug brengen naar het gemiddelde"
    opens = (
        infinitive(0)
        or (words[0] == "het" and any(map(verb_after_het, (1, 2, 3))))
        or (_adverb(words[0]) and infinitive(1))
        or (keys[0] in verbs and (len(words) <= _LABEL_WORDS or any(map(infinitive, range(10)))))
    )
    if opens:
        return not early_clause
    if len(words) <= _LABEL_WORDS and not clause and _adjectives_then_goal_word(words, keys, verbs):
        return True  # "Integrale en systeemgerichte aanpak van huiselijk geweld"
    last = len(words) - 1
    particle = words[-2] in _PARTICLES and words[-1].endswith("en")  # "omlaag brengen"
    ends = infinitive(last) or (keys[-2] in verbs and particle)
    ends = ends or word_key(words[-2] + words[-1]) in verbs  # "terug brengen"
    if len(words) >= 3 and words[-2] == "te":
        ends = ends or word_key(words[-3] + words[-1]) in verbs  # "tegen te gaan"
    return ends and not clause


@extraction_pass("goal_phrases")
def goal_phrases(ctx: ExtractionContext) -> None:
    """Goal phrases standing in paragraphs of a themes chapter or goals section ("Alert
    reageren bij maatschappelijke onrust."): list items whose bullets were lost."""
    outline = ctx.outline
    for i, a in ctx.blocks_of(BlockKind.PARAGRAPH):
        if i in ctx.used or ctx.in_skip_section(i):
            continue
        owner = outline.owner[i]
        innermost = a.block.section_path[-1] if a.block.section_path else ""
        if ctx.rules.action_section_cue.search(innermost):
            continue
        if not (ctx.in_priority_area(i) or outline.in_goal_section(owner)):
            continue
        segments = _segments(a.block.text)
        counted = _counted_run(ctx, segments)
        for n, (start, segment) in enumerate(segments):
            if len(segment) <= MAX_ITEM_CHARS and (n in counted or is_goal_phrase(ctx, segment)):
                span = (start, start + len(segment))
                themes = ctx.hits_in(i, *span)
                ctx.goals.append(
                    ctx.item(ItemKind.GOAL, i, segment, themes, 0.65, "goal phrase", span)
                )


def _counted_run(ctx: ExtractionContext, segments: list[tuple[int, str]]) -> range:
    """The pieces of a paragraph that a lead-in announces as goals and counts: "... drie
    doelen gekozen. Deze doelen luiden: A; B. C." (a list whose bullets were lost). Only where
    exactly the stated number of pieces follows the lead-in; else none."""
    for n, (_start, segment) in enumerate(segments):
        cue = ctx.rules.goal_cue.search(segment)
        if not segment.endswith(":") or not cue or ctx.negated(segment, cue):
            continue
        stated = _stated_count(ctx, [s for _, s in segments[: n + 1]])
        if stated and len(segments) - n - 1 == stated:
            return range(n + 1, len(segments))
        return range(0)
    return range(0)


def _stated_count(ctx: ExtractionContext, sentences: list[str]) -> int | None:
    """A count right before a goal noun ("drie doelen", "4 doelstellingen"), not negated."""
    for sentence in sentences:
        for m in re.finditer(r"(\w+)\s+(?=\S)", sentence):
            count = ctx.rules.grammar.count_of(m.group(1))
            cue = ctx.rules.goal_cue.match(sentence, m.end())
            if count and cue and not ctx.negated(sentence, cue):
                return count
    return None
