"""Dutch coordination: the items of an enumeration ("A, B en C"), as the priority grammar reads
them.

Items are cut at top-level commas and semicolons, at inline numbers ("1. A 2. B", "1) A, 2) B"),
and at the final "en", "&" or "of"; never inside parentheses or quotes. Whether an "en" joins two
items or names one is decided by the language and the theme taxonomy:

- "zorg- en veiligheid" (hyphen ellipsis) and "georganiseerde en ondermijnende criminaliteit"
  (two adjectives sharing a noun) are one item;
- an "en" inside a recognised theme ("zorg en veiligheid", "jeugd en veiligheid") is one item;
- "GHB en andere middelen" is one item ("andere" continues the noun it follows);
- otherwise the last "en" of the list separates its last item.

Explanations are no part of an item's name: a long parenthesis or one that gives examples
("(o.a. ...)", "(zoals ...)"), an apposition (", dat zijn ...", ", zoals ..."), and a closing
example clause of the whole list (", bijvoorbeeld ..."). A stated count ("vier thema's: ...")
checks the split: too many pieces are merged where neighbours share a theme.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

Span = tuple[int, int]  # a character range within the text being split
Hit = tuple[int, int, str]  # a recognised theme: its range and its id

_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\s?[.)](?=\s*[A-Za-z(‘'\"])")
_EN = re.compile(r"\s+(?:en|&|of|and)\s+")
_EXAMPLES = re.compile(
    r"^(?:o\.a\.|oa\b|onder\s+(?:andere|meer)|zoals|bijv(?:\.|oorbeeld)|bv\.?|incl(?:\.|usief)|"
    r"waaronder|denk\s+aan|te\s+weten|met\s+name|vooral|in\s+het\s+bijzonder)",
    re.IGNORECASE,
)
_APPOSITION = re.compile(
    r",\s+(?:dat\s+(?:zijn|is|wil\s+zeggen)|zoals|waaronder|bijvoorbeeld|o\.a\.|onder\s+andere|"
    r"onder\s+meer|denk\s+aan|met\s+(?:focus|nadruk)\s+op|waarbij|die|dat|wat)\b.*$",
    re.IGNORECASE,
)
_EXPLAINS = re.compile(  # a piece that explains the one before it
    r"\s*(?:dat\s+(?:zijn|is|wil\s+zeggen)|zoals|waaronder|bijvoorbeeld|o\.a\.|onder\s+andere|"
    r"onder\s+meer|denk\s+aan|waarbij|met\s+(?:focus|nadruk)\s+op)\b",
    re.IGNORECASE,
)
_LONG_PARENTHESIS_WORDS = 4  # "(radicalisering, polarisatie, maatschappelijke onrust)" stays
# an inflected adjective ("georganiseerde", "fysieke"); not "politie", "preventie", "de"
_ADJECTIVE = re.compile(r"^[a-zà-ÿ]{3,}(?<!i)e$")
_ARTICLES = {"de", "het", "een", "deze", "die", "dit", "dat", "onze", "hun", "haar"}


@dataclass(frozen=True, slots=True)
class Piece:
    """One item of an enumeration: its text and where it starts in the text that was split."""

    start: int
    text: str


def depth_map(text: str) -> list[int]:
    """Nesting depth of every character: parentheses and brackets (quotes do not nest)."""
    depth, out, quote = 0, [], False
    for ch in text:
        if ch in "([":
            depth += 1
        out.append(depth + quote)
        if ch in ")]":
            depth = max(0, depth - 1)
        elif ch in '“”"':
            quote = not quote if ch == '"' else ch == "“"
    return out


def split_items(
    text: str,
    themes: Sequence[Hit] = (),
    count: int | None = None,
    related: Callable[[str, str], int] = lambda a, b: 3 * (a == b),
) -> list[Piece]:
    """The items of an enumeration `text` (see the module doc). `themes` are the recognised
    themes in `text`; `related(a, b)` grades how closely two themes belong together (0-3), to
    merge pieces when a stated `count` is smaller than the number of pieces."""
    text, start = _without_closing_examples(text)
    depth = depth_map(text)
    cuts = _number_cuts(text, depth) or _separator_cuts(text, depth)
    pieces = _pieces(text, cuts)
    pieces = [q for k, p in enumerate(pieces) for q in _split_en(
        text, p, depth, themes, last=k == len(pieces) - 1
    )]  # fmt: skip
    pieces = [p for p in pieces if not _EXPLAINS.match(p.text)]  # ", dat zijn ..."
    pieces = [p for p in (_clean(text, p) for p in pieces) if p is not None]
    if count and len(pieces) > count:
        pieces = _merge_to_count(text, pieces, count, themes, related)
    return [Piece(start + p.start, p.text) for p in pieces]


def _without_closing_examples(text: str) -> tuple[str, int]:
    """The text without a trailing ", bijvoorbeeld ..." that gives examples of the last item,
    and the offset of what is kept (0)."""
    depth = depth_map(text)
    for m in re.finditer(r",\s+(?=bijv|bijvoorbeeld|zoals|onder\s+andere|o\.a\.)", text, re.I):
        if depth[m.start()] == 0:
            return text[: m.start()], 0
    return text, 0


def _number_cuts(text: str, depth: list[int]) -> list[Span]:
    """Inline numbering "1. A 2. B 3. C" (two or more numbers in sequence from 1)."""
    marks = [m for m in _NUMBER.finditer(text) if depth[m.start()] == 0]
    seq, expected = [], 1
    for m in marks:
        if int(m.group(1)) == expected:
            seq.append(m)
            expected += 1
    if len(seq) < 2:
        return []
    cuts = [(0, seq[0].end())] if text[: seq[0].start()].strip(" :") == "" else []
    for a, b in pairwise(seq):
        cut_start = a.end()
        gap = text[cut_start : b.start()]
        tail = re.search(r"(?:[,;]\s*|\s+(?:en|of)\s+|\s+)$", gap)
        cuts.append((b.start() - (len(tail.group()) if tail else 0), b.end()))
    return cuts


def _separator_cuts(text: str, depth: list[int]) -> list[Span]:
    return [m.span() for m in re.finditer(r"\s*[,;]\s+|\s*;\s*", text) if depth[m.start()] == 0]


def _pieces(text: str, cuts: list[Span]) -> list[Piece]:
    out, start = [], 0
    for a, b in sorted(cuts):
        if a > start or out:
            out.append(Piece(start, text[start:a]))
        start = b
    out.append(Piece(start, text[start:]))
    return [p for p in out if p.text.strip()]


def _split_en(
    text: str, piece: Piece, depth: list[int], themes: Sequence[Hit], last: bool
) -> list[Piece]:
    """The last piece of a list splits at its last joining "en"; other pieces only where each
    side names a theme of its own ("zorg en veiligheid en verkeersveiligheid")."""
    end = piece.start + len(piece.text)
    for m in reversed(list(_EN.finditer(piece.text))):
        a, b = piece.start + m.start(), piece.start + m.end()
        if depth[a] or not _joins_items(text, piece.start, a, b, themes):
            continue
        left, right = _themes_in(themes, piece.start, a), _themes_in(themes, b, end)
        if left and right and left & right:
            continue  # one theme twice: a pair of near-synonyms ("overlast en verloedering")
        if not last and not (left and right):
            continue
        left = Piece(piece.start, text[piece.start : a])
        right = Piece(b, text[b : piece.start + len(piece.text)])
        return [left, right]
    return [piece]


def _joins_items(text: str, start: int, a: int, b: int, themes: Sequence[Hit]) -> bool:
    """Whether the "en" at [a, b) joins two items (rather than words of one item)."""
    left, right = text[start:a].rstrip(), text[b:]
    if left.endswith("-") or not left.strip() or not right.strip():
        return False  # "zorg- en veiligheid"
    if any(s < a and b < e for s, e, _ in themes):
        return False  # inside one theme: "zorg en veiligheid"
    if re.match(r"(?:andere|overige|aanverwante|soortgelijke)\b", right, re.I):
        return False  # "GHB en andere middelen"
    before, after = left.split()[-1].lower(), [w.lower() for w in right.split()]
    # "georganiseerde en ondermijnende criminaliteit": two adjectives share one noun; a word
    # that ends a theme ("cybercrime en maatschappelijke onrust") is that theme's noun
    ends_theme = any(e == start + len(left) for _s, e, _t in themes)
    adjectives = len(after) >= 2 and _ADJECTIVE.match(before) and _ADJECTIVE.match(after[0])
    return not (adjectives and not ends_theme and after[0] not in _ARTICLES)


def _themes_in(themes: Sequence[Hit], start: int, end: int) -> set[str]:
    return {t for s, e, t in themes if start <= s and e <= end}


def _clean(text: str, piece: Piece) -> Piece | None:
    """A piece without list punctuation and without its explanation."""
    raw = piece.text
    body = _APPOSITION.sub("", raw)
    body = _strip_explaining_parenthesis(body)
    conjunction = re.match(r"^\s*(?:en|of|&)\s+", body)  # "A, B, en C": no "en C"
    body = body[conjunction.end() :] if conjunction else body
    lead = conjunction.end() if conjunction else 0
    lead += len(body) - len(body.lstrip(" :-–•"))
    body = body.strip(" :-–•").rstrip(" .;,")
    if not body or not re.search(r"\w", body):
        return None
    return Piece(piece.start + lead, body)


_WITH_FOCUS = re.compile(
    r",?\s+met\s+(?:de\s+|een\s+)?(?:aandacht|focus|nadruk|accent)\s+(?:voor|op)\b.*$", re.I
)


def strip_explanation(text: str) -> str:
    """A name without its explanation: an apposition (", met focus op ...") or a parenthesis
    that explains or gives examples; list punctuation dropped."""
    body = _strip_explaining_parenthesis(_WITH_FOCUS.sub("", _APPOSITION.sub("", text.strip())))
    return body.strip().rstrip(".;,").strip()


def _strip_explaining_parenthesis(text: str) -> str:
    """ "veiligheid en leefbaarheid (o.a. inbraakpreventie, ...)" -> "veiligheid en
    leefbaarheid"; a short parenthesis that is part of the name stays ("Jaarlijkse prioriteit
    (polarisatie en radicalisering)", "(Huiselijk) geweld")."""
    m = re.search(r"\s*\(([^()]*)\)?\s*[.;,]?\s*$", text)
    if not m or m.start() == 0:
        return text
    inner = m.group(1).strip()
    if _EXAMPLES.match(inner) or len(inner.split()) > _LONG_PARENTHESIS_WORDS:
        return text[: m.start()]
    return text


def _merge_to_count(
    text: str, pieces: list[Piece], count: int, themes: Sequence[Hit], related
) -> list[Piece]:
    """Merge neighbours whose themes belong together until there are `count` pieces (or no
    two neighbours do)."""
    pieces = list(pieces)
    while len(pieces) > count:
        grades = [_closeness(themes, related, a, b) for a, b in pairwise(pieces)]
        best = max(range(len(grades)), key=lambda k: grades[k], default=None)
        if best is None or grades[best] == 0:
            break
        a, b = pieces[best], pieces[best + 1]
        pieces[best : best + 2] = [Piece(a.start, text[a.start : b.start + len(b.text)])]
    return pieces


def _closeness(themes: Sequence[Hit], related, a: Piece, b: Piece) -> int:
    """How closely two neighbouring pieces belong together: one theme (3), themes the
    taxonomy relates (2), themes of one field (1), or not at all (0)."""
    ta = _themes_in(themes, a.start, a.start + len(a.text))
    tb = _themes_in(themes, b.start, b.start + len(b.text))
    return max((int(related(x, y)) for x in ta for y in tb), default=0)
