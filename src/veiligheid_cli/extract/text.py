"""Text helpers shared by the extraction passes: sentences, item text, enumerations, dedupe."""

from __future__ import annotations

import re

from ..model import Item, ItemKind

QUOTED = re.compile(r"[‘'“\"]([^‘’'“”\"]{3,120})[’'”\"]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“\"(])")
TARGET_YEAR = re.compile(r"\b(?:in|vóór|voor|uiterlijk|eind)\s+(20\d\d)\b", re.IGNORECASE)
# "tegen te gaan", "aan te pakken", "terug te dringen": separable verbs split by "te"
SEPARABLE = re.compile(r"\b([a-z]+)\s+te\s+([a-z]+)\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
COUNT = re.compile(r"\b\d+\b")
GOAL_LABEL = re.compile(
    r"^(?:(?:ons|onze|het|de)\s+)?"  # "Ons doel: ...", "Onze ambitie: ..."
    r"(?:(?:effect|inspannings|prestatie|sub)?doel(?:stelling)?(?:en)?|ambitie|beoogd resultaat)"
    r"\s*:\s*",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[\s;,:]+$|\s+(?:en|of)$", re.IGNORECASE)
_LEADING_ENUM = re.compile(r"^(?:\d+[.)]|[a-z][.)]|[-–•])\s+")
MAX_ITEM_CHARS = 400


def sentences(text: str) -> list[str]:
    """The sentences of a block text (a light splitter: full stop and a capital after it)."""
    parts = [p.strip() for p in SENTENCE_END.split(text) if p.strip()]
    return parts or [text]


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """(start offset, sentence) for every sentence of `text`."""
    out, offset = [], 0
    for sentence in sentences(text):
        start = text.find(sentence, offset)
        offset = start + len(sentence)
        out.append((start, sentence))
    return out


_HEADING_NUMBER = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?|Bijlage\s+\S+|Hoofdstuk\s+\S+|(?:[A-Z]|[IVX]{1,4})[.)](?=\s+[A-Z]))\s+"
)


def strip_number(text: str) -> str:
    """A heading without its number: "3.2 Ondermijning" -> "Ondermijning"; also lettered
    and Roman numbering ("B. Zorg en veiligheid", "II. Jeugd")."""
    return _HEADING_NUMBER.sub("", text).strip()


def clean_item_text(text: str) -> str:
    """An item's text without list numbering, goal labels, quotes and trailing connectors."""
    text = _LEADING_ENUM.sub("", text.strip())
    unlabelled = GOAL_LABEL.sub("", text)
    if unlabelled != text:  # "Doel: in 2028 ..." -> "In 2028 ..."
        text = unlabelled[:1].upper() + unlabelled[1:]
    text = text.strip("‘’“”\"' ")
    while True:
        stripped = _TRAILING.sub("", text)
        if stripped == text:
            break
        text = stripped
    return text


Spans = list[tuple[int, int]]  # character ranges (in the sentence) of recognised themes


def enumeration_after(
    sentence: str, cue_end: int, themes: Spans = (), opener_end: int | None = None
) -> list[tuple[int, str]]:
    """(offset, item) of `..., a, b en c`: after a colon that follows the cue, directly after
    an opener ("gaat extra inzet naar a, b en c"), or quoted names after the cue."""
    colon = sentence.find(":", cue_end - 1) if cue_end else -1
    if colon != -1 and colon - cue_end < 80:
        body_start = colon + 1
    elif opener_end is not None:
        body_start = opener_end
    else:
        quoted = [(m.start(1), m.group(1)) for m in QUOTED.finditer(sentence, cue_end)]
        return quoted if len(quoted) >= 2 else []
    body = sentence[body_start:].rstrip(" .")
    if len(body.strip()) < 5:
        return []
    shifted = [(a - body_start, b - body_start) for a, b in themes]
    out = [(body_start + at, piece) for at, piece in split_enumeration(body, shifted)]
    return out if len(out) >= 2 else []


def split_enumeration(body: str, themes: Spans = ()) -> list[tuple[int, str]]:
    """`a, b en c` -> [(offset, a), (offset, b), (offset, c)]. The last piece splits at "en"
    before an article, or at an "en" that no theme spans and that has a theme on both sides
    ("zorg en veiligheid en verkeersveiligheid" -> "zorg en veiligheid", "verkeersveiligheid")."""
    cuts = [m.span() for m in re.finditer(r",\s+|;\s+", body)]
    last_start = cuts[-1][1] if cuts else 0
    for m in re.finditer(r"\s+en\s+", body[last_start:]):
        a, b = last_start + m.start(), last_start + m.end()
        before_article = re.match(r"(?:de|het|een)\s", body[b:])
        inside = any(s < a and b < e for s, e in themes)
        themed_sides = any(e <= a and s >= last_start for s, e in themes) and any(
            s >= b for s, _ in themes
        )
        if before_article or (not inside and themed_sides):
            cuts.append((a, b))
            last_start = b
    out, start = [], 0
    for a, b in sorted(cuts):
        out.append((start, body[start:a]))
        start = b
    out.append((start, body[start:]))
    return [(at + len(p) - len(p.lstrip()), p.strip()) for at, p in out if p.strip()]


def dedupe(items: list[Item]) -> list[Item]:
    """Drop repeats, keeping the stronger item.

    Texts that say the same count as one. A priority or reference with exactly the themes of a
    stronger one is a restatement of it ("... de gezamenlijke regionale prioriteiten
    'cyberveiligheid', ..."), except for section headings, which are distinct by construction.
    """
    from rapidfuzz import fuzz

    kept: list[Item] = []
    for item in sorted(items, key=lambda it: -it.confidence):
        norm = item.text.lower()
        restatable = item.kind in (ItemKind.PRIORITY, ItemKind.REFERENCE) and bool(item.themes)
        duplicate = any(
            fuzz.ratio(other.text.lower(), norm) >= 90
            or (
                restatable
                and other.themes == item.themes
                and not ("section" in item.cue and "section" in other.cue)
            )
            for other in kept
        )
        if not duplicate:
            kept.append(item)
    return sorted(kept, key=lambda it: (it.page or 0, it.line, it.text))
