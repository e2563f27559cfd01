"""Text helpers shared by the extraction passes: sentences, item text, enumerations, dedupe."""

from __future__ import annotations

import re

from ..model import Item, ItemKind

# a full stop and a capital, except after the number of an inline list ("vastgesteld: 1. A,
# 2. B en 3. C"): that number opens an item, it ends no sentence
SENTENCE_END = re.compile(r"(?<=[.!?])(?<![:,] \d\.)(?<! en \d\.)\s+(?=[A-Z‘“\"(])")
TARGET_YEAR = re.compile(r"\b(?:in|vóór|voor|uiterlijk|eind)\s+(20\d\d)\b", re.IGNORECASE)
# "tegen te gaan", "aan te pakken", "terug te dringen": separable verbs split by "te"
SEPARABLE = re.compile(r"\b([a-z]+)\s+te\s+([a-z]+)\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
COUNT = re.compile(r"\b\d+\b")
GOAL_LABEL = re.compile(
    r"^(?:(?:ons|onze|het|de)\s+)?"  # "Ons doel: ...", "Onze ambitie: ..."
    r"(?:(?:effect|inspannings|prestatie|sub)?doel(?:stelling)?(?:en)?|ambitie|beoogd resultaat)"
    r"(?:\s+\d{1,2}[a-z]?)?\s*:\s*",  # "Doelstelling 3: ..."
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
    # a chapter number before a word: not a year or a figure ("2026 daalt ...", "5 % minder")
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?(?=\s+[^\W\d_])|Bijlage\s+\S+|Hoofdstuk\s+\S+|"
    r"(?:[A-Z]|[IVX]{1,4})[.)](?=\s+[A-Z]))\s+"
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


def dedupe(items: list[Item]) -> list[Item]:
    """Drop repeats, keeping the stronger item.

    Texts that say the same count as one. A priority or reference with exactly the themes of a
    stronger one is a restatement of it ("... de gezamenlijke regionale prioriteiten
    'cyberveiligheid', ..."), except for section headings, which are distinct by construction.
    """
    from rapidfuzz import fuzz

    kept: list[Item] = []
    order = {id(it): k for k, it in enumerate(items)}  # ties keep the order found (text order)
    for item in sorted(items, key=lambda it: -it.confidence):
        norm = item.text.lower()
        restatable = item.kind in (ItemKind.PRIORITY, ItemKind.REFERENCE) and bool(item.themes)
        duplicate = any(
            fuzz.ratio(other.text.lower(), norm) >= 90
            or (
                restatable
                and other.themes == item.themes
                and not ("section" in item.cue and "section" in other.cue)
                and other.cue != item.cue  # items of one list are siblings, not restatements
            )
            for other in kept
        )
        if not duplicate:
            kept.append(item)
    return sorted(kept, key=lambda it: (it.page or 0, it.line, order[id(it)]))
