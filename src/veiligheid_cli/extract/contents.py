"""A table of contents as evidence of the priorities: "5 Prioriteiten 13 / 5.1 Geweld 16 / ...".

Web and PDF extractions flatten a contents page into a few long lines, with entry numbers,
titles and page numbers run together ("5.1 Aanpak Top 600 13 5.2 Geweld 16"), or with the page
numbers on a line of their own. The entries are read back by their numbering: a number starts
an entry only where it follows the entry before it (5.1 after 5, 5.2 after 5.1, 6 after 5.2),
so numbers inside titles ("Top 600", "2012-2014") and page numbers are no entries.

An entry whose title names the priorities in the plural ("Prioriteiten RVP 2012-2014",
"Uitwerking prioriteiten") has its direct sub-entries as the priorities; an entry labelled as
one priority ("Gezamenlijke prioriteit Geweld", "Prioriteit 1: Veilige kernen") names it. The
contents only speak where the body gave no priorities (an excerpt, a plan cut short).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import BlockKind
from .context import ExtractionContext
from .proposals import new_member, propose
from .registry import extraction_pass

_START = re.compile(r"\b(?:inhoudsopgave|inhoud|inhoudstafel)\b", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(?:\.([a-z]))?\.?$")
_PAGE = re.compile(r"^(?:p\.?|blz\.?|pagina)?\d{1,3}$", re.IGNORECASE)
_LEADER = re.compile(r"\.{3,}|…+")
ZONE_BLOCKS = 40  # a contents page is read at most this many blocks far


@dataclass(slots=True)
class Entry:
    number: tuple[int | str, ...]
    title: str
    block: int


def _follows(prev: tuple | None, nxt: tuple) -> bool:
    """Whether numbering `nxt` may follow `prev` in a contents list."""
    if prev is None:
        return len(nxt) == 1 and nxt[0] in (1, 2)
    if nxt == (*prev, 1) or nxt == (*prev, "a"):
        return True  # the first sub-entry
    for depth in range(len(prev), 0, -1):
        head, last = prev[: depth - 1], prev[depth - 1]
        if len(nxt) == depth and nxt[:-1] == head and _successor(last, nxt[-1]):
            return True
    return False


def _successor(a: int | str, b: int | str) -> bool:
    if isinstance(a, int) and isinstance(b, int):
        return b == a + 1
    return isinstance(a, str) and isinstance(b, str) and ord(b) == ord(a) + 1


def _parse_number(token: str) -> tuple | None:
    m = _NUMBER.match(token)
    if not m:
        return None
    parts: list[int | str] = [int(p) for p in m.group(1).split(".")]
    if m.group(2):
        parts.append(m.group(2))
    return tuple(parts)


def read_contents(ctx: ExtractionContext) -> list[Entry]:
    """The entries of the document's contents page, or [] where it has none (read once)."""
    if ctx.contents is None:
        ctx.contents = _read_contents(ctx)
    return ctx.contents


def _read_contents(ctx: ExtractionContext) -> list[Entry]:
    zone = _zone(ctx)
    entries: list[Entry] = []
    for i, token in zone:
        number = _parse_number(token)
        last = entries[-1].number if entries else None
        if number is not None and _follows(last, number):
            entries.append(Entry(number, "", i))
        elif entries:
            entries[-1].title += f" {token}"
    for e in entries:
        words = _LEADER.sub(" ", e.title).split()
        while words and _PAGE.match(words[-1]):
            words.pop()  # page numbers, also those gathered on a line of their own
        e.title = " ".join(words).rstrip(" :")
    return [e for e in entries if e.title]


def _zone(ctx: ExtractionContext) -> list[tuple[int, str]]:
    """(block, token) of the text after "Inhoud(sopgave)", block numbers included, until the
    body starts (a long paragraph without entry numbers)."""
    start = next((i for i, a in enumerate(ctx.blocks[:80]) if _START.search(a.block.text)), None)
    if start is None:
        return []
    out: list[tuple[int, str]] = []
    for i in range(start, min(start + ZONE_BLOCKS, len(ctx.blocks))):
        b = ctx.blocks[i].block
        text = b.text[_START.search(b.text).end() :] if i == start else b.text
        tokens = text.split()
        numbered = any(_parse_number(t) for t in tokens)
        if i > start and not numbered and not b.number and len(tokens) > 12:
            break  # the body
        if b.number and b.kind is BlockKind.LIST_ITEM and not text.startswith(b.number):
            tokens = [b.number, *tokens]  # "5." became the list marker
        out += [(i, t) for t in tokens]
    return out


@extraction_pass("contents_priorities")
def contents_priorities(ctx: ExtractionContext) -> None:
    """The priorities a contents page names (module doc): one candidate."""
    members = [
        _member(ctx, e, name)
        for e, name in _named_in_contents(ctx)
        if not ctx.rules.skip_section_cue.search(name)
    ]
    propose(ctx, "contents", members)


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _named_in_contents(ctx: ExtractionContext) -> list[tuple[Entry, str]]:
    g, entries, out = ctx.rules.grammar, read_contents(ctx), []
    within: tuple | None = None  # the entry whose sub-entries are the priorities
    for k, e in enumerate(entries):
        if within is not None and e.number[: len(within)] == within:
            continue  # "5.9 Aandachtsgebieden" under "5 Prioriteiten": a priority, no heading
        if _names_priorities(ctx, e.title):
            within = e.number
            for child in entries[k + 1 :]:
                if child.number[: len(e.number)] != e.number:
                    break
                if len(child.number) == len(e.number) + 1:
                    out.append((child, _label_removed(ctx, child.title)))
        elif (m := _label(g, e.title)) is not None:
            out.append((e, e.title[m:].strip(" :–-")))
    return [(e, name) for e, name in out if name]


def _names_priorities(ctx: ExtractionContext, title: str) -> bool:
    """ "Prioriteiten RVP 2012-2014", "Uitwerking prioriteiten", "Onze speerpunten"."""
    m = ctx.rules.grammar.strong_noun.search(title)
    return bool(m) and bool(re.search(r"(?:en|s|['’]s)$", m.group())) and len(title.split()) <= 6


def _label(g, title: str) -> int | None:
    """Where the name starts in an entry labelled as one priority: "Gezamenlijke prioriteit
    Geweld", "Prioriteit 2: Fysieke veiligheid"."""
    m = g.strong_noun.search(title)
    if not m or re.search(r"(?:en|s|['’]s)$", m.group()):
        return None
    rest = re.match(r"\s*\d*\s*[:.–-]?\s*(?=[A-Z(])", title[m.end() :])
    if rest is None or len(title[: m.start()].split()) > 2:
        return None
    return m.end() + rest.end()


def _label_removed(ctx: ExtractionContext, title: str) -> str:
    m = _label(ctx.rules.grammar, title)
    return title[m:].strip(" :–-") if m is not None else title


def _member(ctx: ExtractionContext, e: Entry, name: str):
    a = ctx.blocks[e.block]
    start = a.block.text.find(name)
    span = (start, start + len(name)) if start >= 0 else None
    themes = ctx.hits_in(e.block, *span) if span else []
    return new_member(ctx, e.block, name, themes, "contents entry", span)
