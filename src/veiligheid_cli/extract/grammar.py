"""The priority grammar: how Dutch states a document's priorities, in one mechanism.

A *statement* is a cue and the enumeration it governs. The cue is a cue noun (also as the head
of a compound: "veiligheidsthema's"), an adjective cue ("geprioriteerde onderwerpen") or a verb
frame ("extra aandacht voor", "focus ligt op"); all are data in `rules/extract.yaml`
(`priority_grammar:`). Where the enumeration stands follows from the sentence's frame:

- after a colon that follows the cue, in the sentence or as the list under it;
- after the copula that follows the cue ("De speerpunten zijn A, B en C");
- before the copula that precedes it ("A, B en C zijn de thema's"); with a demonstrative
  subject ("Dit zijn de vijf prioriteiten") it is the sentence before;
- after a verb frame ("De focus ligt op A en B");
- with a stated count and no frame ("Vijf thema's staan centraal."), the next sentence or list;
- a heading or lead-in with a cue right above a list: its top-level items.

A singular copula names one priority ("X is een speerpunt", "Het vierde hoofdthema is X").
A passive ("Als speerpunten zijn vastgesteld:", "De volgende thema's zijn benoemd.") announces
what follows it. Every reading of every sentence is a candidate (candidates.py); what the
reader saw (the cue's kind, what follows it, the count, boosters, examples cues, negation, a
cue noun inside a prepositional phrase that refers back: "gekoppeld aan de speerpunten") goes
into the candidate's reading, and the learned model decides (selection.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import BlockKind
from .contents import read_contents
from .context import ExtractionContext
from .enumeration import Piece, split_items
from .names import list_item_member
from .proposals import new_member, propose
from .registry import extraction_pass
from .text import GOAL_LABEL, strip_number

MAX_ITEM_WORDS = 14  # an inline item longer than this is a clause, not a name
MAX_SENTENCE_CHARS = 2_000  # a longer "sentence" is a text without sentence ends
MAX_STATEMENTS = 200  # statements read per document (bounded work on damaged input)

_PREPOSITION_ARTICLE = re.compile(
    r"(?:aan|met|van|bij|op|uit|in|over|tot|naar|voor|binnen|onder|door|tussen)\s+"
    r"(?:de|het|deze|die|onze|hun|haar|alle)\s+$",
    re.IGNORECASE,
)
_DEMONSTRATIVE = re.compile(r"^\s*(?:dit|dat|deze|die|het)\s*$", re.IGNORECASE)
_PREDICATE = re.compile(  # a copula followed by a predicate, not by the enumeration
    r"^\s*(?:niet|nog|al|zeer|erg|heel|zowel|zo|wel|"
    r"ge\w+(?:d|t|en)\b|\w+(?:baar|lijk|ig)\b)",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^\s*(?:(?:daarom|dan\s+ook|ook|vooral|daarbij|daarin|hierin|hierbij|in\s+het\s+bijzonder)"
    r"\s+)*(?::|de\s+volgende|het\s+volgende|volgende|dat|dit|deze|onder\s+meer|"
    r"onder\s+andere|namelijk|te\s+weten|nu|dan)?\s*[:,]?\s*",
    re.IGNORECASE,
)
_THAT_ARE = re.compile(r"\b(?:zijn|worden)\s+(?:dat|dit|deze)\s*:?\s+", re.IGNORECASE)
_SINGULAR_COPULA = re.compile(r"^(?:is|vormt|betreft|blijft|wordt|luidt)$", re.IGNORECASE)


@dataclass(slots=True)
class Cue:
    """A cue in a sentence: where it stands, what kind it is and what stands around it."""

    start: int
    end: int
    kind: str  # "noun" | "weak" | "adjective" | "frame" | "weak_frame" | "ordinal"
    count: int | None = None
    single: bool = False  # an ordinal or a singular noun: one priority
    boosted: bool = False  # "de belangrijkste", "vooral", a count
    negated: bool = False
    back_reference: bool = False  # "gekoppeld aan de speerpunten": named elsewhere
    after_strong: bool = False  # the sentence before names a strong cue noun


@dataclass(slots=True)
class Statement:
    """A cue and what it governs: an inline enumeration (block and character range) or a run of
    list items."""

    block: int
    cue_text: str
    cue: Cue
    follows: str = ""  # where the enumeration stands: "colon", "copula", "list", ...
    body_block: int = -1
    body: tuple[int, int] | None = None
    items: list[int] = field(default_factory=list)
    count: int | None = None
    single: bool = False
    regional: bool = False
    sentence: str = ""
    indefinite: bool = False  # "A en B zijn thema's": a predicate without article or count


@extraction_pass("priority_statements")
def priority_statements(ctx: ExtractionContext) -> None:
    """Every statement of the grammar (see the module doc) as a candidate reading."""
    statements = _statements(ctx)
    counted = any(_counted(ctx, s) for s in statements)
    for statement in statements:
        _propose(ctx, statement, counted)


def _counted(ctx: ExtractionContext, s: Statement) -> bool:
    return bool(s.count) and s.count == len(_pieces(ctx, s)) and s.cue.kind != "frame"


def _statements(ctx: ExtractionContext) -> list[Statement]:
    out: list[Statement] = []
    stated: tuple[int, int] | None = None  # (block, count) of the last count stated
    contents = {e.block for e in read_contents(ctx)}  # a contents page states nothing
    seen: set[str] = set()  # a sentence repeated word for word states nothing new
    for i, a in enumerate(ctx.blocks):
        if len(out) >= MAX_STATEMENTS:
            break  # a plan states its priorities a few times, not thousands
        kind = a.block.kind
        if i in contents:
            continue
        if kind is BlockKind.TABLE_ROW or (kind is BlockKind.LIST_ITEM and not _leads_list(ctx, i)):
            continue
        sentences = ctx.sentences_of(i)
        for k, (start, sentence) in enumerate(sentences):
            if len(sentence) > MAX_SENTENCE_CHARS or sentence in seen:
                continue  # a run-on text without sentence ends, or a repeat
            seen.add(sentence)
            last = k == len(sentences) - 1
            for statement in _read(ctx, i, k, start, sentence, last):
                if statement.items and not statement.count and stated and i - stated[0] <= 2:
                    statement.count = stated[1]  # "Vijf prioriteiten" + "... nodig:" + list
                statement.sentence = sentence
                out.append(statement)
            if count := _stated_count(ctx, sentence):
                stated = (i, count)
    return out


def _stated_count(ctx: ExtractionContext, sentence: str) -> int | None:
    """The count a sentence or heading states of the priorities ("Vijf prioriteiten", "De vier
    thema's ..."), if any."""
    g = ctx.rules.grammar
    for pattern in (g.strong_noun, g.weak_noun):
        for m in pattern.finditer(sentence):
            words = sentence[: m.start()].split()[-2:]
            count = next((g.count_of(w) for w in reversed(words) if g.count_of(w)), None)
            if count and count > 1:
                return count
    return None


def _leads_list(ctx: ExtractionContext, i: int) -> bool:
    """A list item that ends in ':' and has deeper items under it leads a list of its own."""
    return ctx.blocks[i].block.text.rstrip().endswith(":")


# --- reading one sentence ---------------------------------------------------------------------


def _read(
    ctx: ExtractionContext, i: int, k: int, start: int, sentence: str, last: bool
) -> list[Statement]:
    """Every reading of the sentence: one statement per cue that governs an enumeration."""
    g, out = ctx.rules.grammar, []
    before = ctx.sentences_of(i)[k - 1][1] if k else ""
    if (that := _THAT_ARE.search(sentence)) and g.strong_noun.search(before):
        # "Het plan noemt de pijlers waarop wij ons richten. Voor 2025 zijn dat A, B en C."
        s = Statement(i, before[-60:], Cue(0, 0, "noun", after_strong=True), "that_are")
        if _inline(s, i, start + that.end(), start + len(sentence), ctx):
            out.append(s)
    for cue in _cues(ctx, i, sentence):
        if cue.negated:
            continue  # "De volgende onderwerpen zijn geen prioriteit:" states none
        cue.after_strong = cue.kind == "weak" and bool(g.strong_noun.search(before))
        s = Statement(i, sentence[cue.start : cue.end], cue, count=cue.count)
        s.single = cue.single
        s.regional = ctx.is_regional(sentence)
        if not _place_body(ctx, s, cue, i, k, start, sentence, last):
            continue
        if s.single and not ctx.local_plan and _other_body(ctx, sentence):
            s.regional = True  # a proposal on someone else's priority ("een regionale prioriteit")
        out.append(s)
    return out


def _other_body(ctx: ExtractionContext, sentence: str) -> bool:
    """A sentence about the region's priorities in a document that is not the region's own."""
    from ..model import DocumentKind

    regional_doc = ctx.doc.metadata.kind is DocumentKind.REGIONAL
    return not regional_doc and bool(ctx.rules.regional_cue.search(sentence))


def _cues(ctx: ExtractionContext, i: int, sentence: str) -> list[Cue]:
    """The cues of a sentence in reading order."""
    g = ctx.rules.grammar
    found: list[Cue] = []
    if m := re.match(rf"\s*(?:de|het)\s+({g.ordinal.pattern})\s+(?=\w)", sentence, re.I):
        # "De eerste is de aanpak van ...": an ordinal that counts the priorities announced
        found.append(Cue(m.start(1), m.end(1), "ordinal", single=True))
    for pattern, kind in (
        (g.verb_frame, "frame"),
        (g.weak_verb_frame, "weak_frame"),
        (g.adjective, "adjective"),
        (g.strong_noun, "noun"),
        (g.weak_noun, "weak"),
    ):
        for m in pattern.finditer(sentence):
            if not any(c.start == m.start() and c.kind == kind for c in found):
                found.append(_qualify(ctx, sentence, m, kind))
    return sorted(found, key=lambda c: c.start)


def _qualify(ctx: ExtractionContext, sentence: str, m: re.Match[str], kind: str) -> Cue:
    """The cue at match m with its count, boosters, negation and back reference."""
    g = ctx.rules.grammar
    before = sentence[max(0, m.start() - 40) : m.start()]
    words = before.split()[-3:]
    count = next((g.count_of(w) for w in reversed(words) if g.count_of(w)), None)
    boosted = bool(g.booster.search(" ".join(words))) or count is not None
    negated = ctx.negated(sentence, m)
    if kind.endswith("frame"):
        boosted = boosted or bool(g.booster.search(m.group()))  # "zetten we vooral in op"
        return Cue(m.start(), m.end(), kind, boosted=boosted, negated=negated)
    # "Tot de prioriteiten behoren:" announces; "gekoppeld aan de speerpunten." refers back
    announces = re.match(r"\s*(?:\w+\s+){0,2}\w*\s*:", sentence[m.end() :])
    back = bool(_PREPOSITION_ARTICLE.search(before)) and not boosted and not announces
    ordinal = bool(g.ordinal.search(" ".join(words)))
    singular = not re.search(r"(?:en|s|['’]s)$", m.group()) and count is None
    cue = Cue(m.start(), m.end(), kind, count, ordinal or count == 1, boosted, negated, back)
    # "Focuspunt 1: Jeugd en alcohol": a singular label names one priority
    label = re.match(r"\s*\d*\s*[:–-]\s*\S", sentence[m.end() :])
    cue.single = cue.single or bool(singular and label)
    return cue


_INTRODUCER = re.compile(r"\s*[;–—]\s+(?=\S)")  # "... thema's; A, B en C", "... thema's – A"
_PASSIVE_END = re.compile(  # "zijn benoemd.", "worden vastgesteld:": a passive announces
    r"^[\s,]*(?:(?:zijn|is|worden|wordt|werden|staan|staat)\s+)?(?:\w+\s+){0,3}?"
    r"(?:ge\w+|\w+ge\w+|be\w+|ver\w+|ont\w+|her\w+)(?:d|t|en)\s*[:.]?\s*$",
    re.IGNORECASE,
)


def _place_body(ctx, s: Statement, cue: Cue, i, k, start, sentence, last) -> bool:
    """Where the enumeration of cue stands; sets s.follows and s.body or s.items."""
    g = ctx.rules.grammar
    rest = sentence[cue.end :]
    colon = rest.find(":")
    if _PASSIVE_END.match(rest) and _follow(s, "participle"):
        if last:
            return _list_after(ctx, s, i)  # "De volgende thema's zijn benoemd." + the list
        if cue.count and cue.count > 1:  # "Er zijn vijf prioriteiten gekozen. ..."
            return _next_sentence(ctx, s, i, k, last)
    copula = g.copula.match(rest.lstrip(" ,"))
    if copula and colon > len(rest) - len(rest.lstrip(" ,")) + copula.end() + 3:
        # "Een nieuwe prioriteit vormen de aandachtsbuurten: ..." the copula's complement
        _follow(s, "copula_colon")
        return _after_copula(ctx, s, i, start, sentence[: cue.end + colon], cue, copula)
    if colon != -1 and colon < 160:
        if len(rest[colon + 1 :].strip()) >= 3:
            _follow(s, "colon")
            return _inline(s, i, start + cue.end + colon + 1, start + len(sentence))
        return last and _follow(s, "colon_list") and _list_after(ctx, s, i)
    counted = cue.count is not None and cue.count > 1  # "een viertal thema's; A, B, C en D"
    if counted and (intro := _INTRODUCER.match(rest)) and _follow(s, "semicolon"):
        return _inline(s, i, start + cue.end + intro.end(), start + len(sentence), ctx)
    if cue.kind.endswith("frame"):
        end = _before_as_cue(ctx, s, sentence, cue.end)
        _follow(s, "frame")
        return _inline(s, i, start + cue.end, start + end, ctx)
    copula = copula or _copula_after(g.copula, rest)
    if copula and _follow(s, "copula") and _after_copula(ctx, s, i, start, sentence, cue, copula):
        return True
    if (before := _copula_before(g.copula, sentence[: cue.start])) is not None:
        return _before_copula(ctx, s, i, k, start, sentence, before)
    if m := re.match(r"\s*(?:\w+\s+){0,2}(\([^()]{5,}\))\s*[.;]?\s*$", rest):
        at = start + cue.end  # "drie prioriteiten (voor) (A, B en C)."
        _follow(s, "parenthesis")
        return _inline(s, i, at + m.start(1), at + m.end(1), ctx)
    if last and _follow(s, "list"):
        return _list_after(ctx, s, i)  # a heading or lead-in right above its list
    if cue.count and cue.count > 1 and _follow(s, "next_sentence"):
        return _next_sentence(ctx, s, i, k, last)
    return False


def _follow(s: Statement, how: str) -> bool:
    s.follows = how
    return True


def _before_as_cue(ctx, s: Statement, sentence: str, start: int) -> int:
    """Where a frame's object ends before "als prioriteit" ("kiezen wij voor X als
    prioriteit"); a singular cue there names one priority."""
    g = ctx.rules.grammar
    m = re.search(r"\s+als\s+(?:een\s+|onze\s+|de\s+)?(?:\w+\s+)?(\w+(?:['’]s)?)", sentence[start:])
    if m and (g.strong_noun.fullmatch(m.group(1)) or g.weak_noun.fullmatch(m.group(1))):
        s.single = not re.search(r"(?:en|s|['’]s)$", m.group(1))
        return start + m.start()
    return len(sentence)


def _copula_after(copula: re.Pattern[str], rest: str) -> re.Match[str] | None:
    """A copula within the cue's noun phrase's reach ("De vier prioriteiten daarin zijn ...",
    "Onderwerpen die de komende jaren prioriteit krijgen zijn ...")."""
    m = copula.search(rest)
    if m is None or len(rest[: m.start()].split()) > 10 or "," in rest[: m.start()]:
        return None
    return m


def _copula_before(copula: re.Pattern[str], head: str) -> re.Match[str] | None:
    """A copula that ends the text before a cue, up to an article, count or adjectives:
    "A, B en C zijn de (drie) (belangrijkste) thema's"."""
    matches = list(copula.finditer(head))
    if not matches:
        return None
    m = matches[-1]
    between = head[m.end() :].split()
    return m if len(between) <= 3 else None


def _after_copula(ctx, s: Statement, i, start, sentence, cue: Cue, copula) -> bool:
    offset = cue.end + (len(sentence[cue.end :]) - len(sentence[cue.end :].lstrip(" ,")))
    body_start = offset + copula.end() if copula.start() == 0 else cue.end + copula.end()
    body = sentence[body_start:]
    if _PREDICATE.match(body):
        return False  # "De thema's zijn gekozen omdat ...", "... zijn niet willekeurig"
    lead = _LEADING.match(body)
    body_start += lead.end() if lead else 0
    one = re.search(r"(?:^|\s)(?:een|één)\s+(?:\w+\s+)?$", sentence[: cue.start], re.I)
    if _SINGULAR_COPULA.match(copula.group(0)) or one:
        s.single = True  # "Een nieuwe prioriteit vormen de aandachtsbuurten"
    return _inline(s, i, start + body_start, start + len(sentence), ctx)


def _before_copula(ctx, s: Statement, i, k, start, sentence, copula) -> bool:
    subject = sentence[: copula.start()]
    s.follows = "copula_before"
    # "A en B zijn thema's die ..." classifies A and B; "A en B zijn de thema's" names them
    between = sentence[copula.end() : s.cue.start].lower().split()
    s.indefinite = not any(w in _DETERMINERS or ctx.rules.grammar.count_of(w) for w in between)
    if _DEMONSTRATIVE.match(subject):  # "Dit zijn de vijf prioriteiten": the sentence before
        s.follows = "demonstrative"
        if k == 0:
            return False
        prev_start, prev = ctx.sentences_of(i)[k - 1]
        return _inline(s, i, prev_start, prev_start + len(prev))
    lead = re.match(r"^\s*(?:en\s+|ook\s+|daarnaast\s+)?", subject)
    if _SINGULAR_COPULA.match(copula.group(0)):
        s.single = True
    return _inline(s, i, start + (lead.end() if lead else 0), start + copula.start())


def _next_sentence(ctx, s: Statement, i, k, last) -> bool:
    """ "Vijf thema's staan daarbij centraal." + the enumeration in the next sentence (its
    subject, up to the predicate) or in the list that follows."""
    if last:
        return _list_after(ctx, s, i)
    start, sentence = ctx.sentences_of(i)[k + 1]
    if frame := _ANNOUNCING.match(sentence):  # "Dit zijn: ...", "Het gaat, ..., om A en B."
        return _inline(s, i, start + frame.end(), start + len(sentence), ctx)
    if colon := _SHORT_LEAD.match(sentence):  # "In willekeurige volgorde: A, B en C."
        return _inline(s, i, start + colon.end(), start + len(sentence), ctx)
    end = _subject_end(ctx, sentence)
    return _inline(s, i, start, start + end)


_DETERMINERS = frozenset({"de", "het", "deze", "die", "onze", "ons", "hun", "haar", "volgende"})
_SHORT_LEAD = re.compile(r"^\s*(?:[^\s:.]+\s+){0,4}[^\s:.]+\s*:\s*(?=\S)")
_ANNOUNCING = re.compile(
    r"^\s*(?:(?:dit|dat|deze)\s+(?:zijn|is)(?:\s+de\s+volgende)?|het\s+gaat\b[^.:]{0,60}?\bom|"
    r"het\s+betreft|namelijk|te\s+weten)\s*:?\s*",
    re.IGNORECASE,
)


def _subject_end(ctx, sentence: str) -> int:
    """Where the predicate of a sentence that opens with an enumeration starts: at the first
    clause word after its last comma ("A, B en C worden voortgezet")."""
    last_comma = sentence.rfind(",")
    for m in re.finditer(r"\w+", sentence[last_comma + 1 :]):
        if m.group().lower() in ctx.rules.clause_words:
            return last_comma + 1 + m.start()
    return len(sentence)


_OPENING = re.compile(  # what opens a body before its items: "de (drie) speerpunten", "dat"
    r"^\s*(?:(?:de|het|deze|onze|volgende|drie|vier|vijf|zes|\d)\s+)*", re.IGNORECASE
)


def _inline(s: Statement, i: int, a: int, b: int, ctx: ExtractionContext | None = None) -> bool:
    """The enumeration stands in block i at [a, b): without a cue noun that opens it ("aan de
    speerpunten A, B en C") and, where it is all in parentheses, inside them."""
    if ctx is not None:
        text = ctx.blocks[i].block.text[a:b]
        g = ctx.rules.grammar
        opening = _OPENING.match(text)
        rest = text[opening.end() :]
        noun = g.strong_noun.match(rest) or g.weak_noun.match(rest)
        if noun:
            a += opening.end() + noun.end()
        inner = re.match(r"^\s*\(([^()]{5,})\)\s*[.;]?\s*$", ctx.blocks[i].block.text[a:b])
        if inner:
            a, b = a + inner.start(1), a + inner.end(1)
    s.body_block, s.body = i, (a, b)
    return b - a >= 3


def _list_after(ctx, s: Statement, i: int) -> bool:
    """The top-level items of the list right after block i (those with the first item's
    marker; nested items and goal labels are not priorities)."""
    j = i + 1
    if j >= len(ctx.blocks) or ctx.blocks[j].block.kind is not BlockKind.LIST_ITEM:
        return False
    marker, items = _marker_class(ctx.blocks[j].block.marker), []
    while j < len(ctx.blocks) and ctx.blocks[j].block.kind is BlockKind.LIST_ITEM:
        b = ctx.blocks[j].block
        if re.fullmatch(r"\(?\d+[.)]?|[a-z][.)]", b.text.strip()):
            break  # "• 2.": the number of the next point of an outer list
        if _marker_class(b.marker) == marker and not GOAL_LABEL.match(b.text):
            if b.text.rstrip().endswith(":") and items:
                break  # an item that leads a list of its own: another statement
            items.append(j)
        j += 1
    s.items = items
    return bool(items)


def _marker_class(marker: str) -> str:
    """List markers of one level look alike: "1)" and "2)" are "#)", "a." and "b." are "a."."""
    return re.sub(r"^[a-z](?=[.)])", "a", re.sub(r"\d+", "#", marker))


# --- the candidate ---------------------------------------------------------------------------


def _propose(ctx: ExtractionContext, s: Statement, counted: bool) -> None:
    """The statement as a candidate: its pieces (or list items) and what the reader saw."""
    pieces = _pieces(ctx, s)
    relative = bool(_RELATIVE.match(s.sentence[s.cue.end :]))
    if not pieces or (s.indefinite and relative):
        # "X zijn thema's die ...": the predicate says what kind of thing X is, not a choice
        return
    cue = f"{'list after' if s.items else 'enumeration after'}: {s.cue_text}"
    if s.items:
        members = [list_item_member(ctx, j, cue) for j in s.items]
    else:
        members = []
        for p in pieces:
            span = (p.start, p.start + len(p.text))
            themes = ctx.hits_in(s.body_block, *span)
            members.append(new_member(ctx, s.body_block, strip_number(p.text), themes, cue, span))
    c = s.cue
    reading = {
        f"cue_{c.kind}": 1.0,
        f"follows_{s.follows or 'none'}": 1.0,
        "single": float(s.single),
        "count_stated": float(bool(s.count)),
        "count_agrees": float(bool(s.count) and s.count == len(pieces)),
        "count_differs": float(bool(s.count) and s.count != len(pieces)),
        "booster": float(c.boosted),
        # "zet vooral in op": a frame said of actions announces priorities only with a booster
        "weak_frame_boosted": float(c.boosted and c.kind == "weak_frame"),
        "back_reference": float(c.back_reference),
        "after_strong_cue": float(c.after_strong),
        "example_cue": float(bool(ctx.rules.grammar.example.search(s.sentence))),
        "inline": float(s.body is not None),
        "lone_inline_piece": float(s.body is not None and len(pieces) == 1 and not s.single),
        "frame_where_counted": float(counted and c.kind.endswith("frame")),
        "the_following": float(bool(_FOLLOWING.search(s.sentence[: c.start]))),
        "indefinite_predicate": float(s.indefinite),
        "relative_clause": float(relative),
    }
    propose(ctx, "statement", members, reading, s.block, s.regional, s.sentence)


# "De thema's die aandacht vragen zijn: ...": a relative clause describes the themes (a finding)
_RELATIVE = re.compile(r"\s+(?:die|dat|waarop|waarin|waarvoor)\s", re.IGNORECASE)
_FOLLOWING = re.compile(r"\b(?:de|het)\s+volgende\s+(?:\w+\s+)?$", re.IGNORECASE)


def _pieces(ctx: ExtractionContext, s: Statement) -> list[Piece]:
    if s.items:
        return [Piece(j, ctx.blocks[j].block.text) for j in s.items]
    a, b = s.body
    text = ctx.blocks[s.body_block].block.text[a:b]
    if s.single:
        stripped = text.strip().rstrip(".")
        return [Piece(a + len(text) - len(text.lstrip()), stripped)] if stripped else []
    hits = [  # a gapped hit ("jeugd ... en de ... veiligheid") keeps no words together
        (h.start - a, h.end - a, h.theme)
        for h in ctx.blocks[s.body_block].hits_between(a, b)
        if h.how != "gapped"
    ]
    closeness = ctx.taxonomy.closeness if ctx.taxonomy else (lambda x, y: 3 * (x == y))
    return [Piece(a + p.start, p.text) for p in split_items(text, hits, s.count, closeness)]
