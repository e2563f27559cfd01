"""Lemma keys and compound splitting for Dutch words (no spaCy needed here)."""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

# Derivational endings that are words too but never the head of a compound we care about.
_NOT_HEADS = {"heid", "heden", "schap", "lijk", "baar", "isch", "ing", "tie", "teit", "ster"}
MIN_PART = 3
MIN_HEAD = 4


@lru_cache(maxsize=200_000)
def word_key(lower: str, lemma: str = "") -> str:
    """Lemma key of one word: the stem of its lemma, unless stemming mangles a short word."""
    base = (lemma or lower).lower()
    if not base.isalpha():
        return base
    stem = _stemmer.stemWord(base)
    return stem if len(stem) >= 4 or len(stem) == len(base) else base


def split_compound(key: str, vocabulary: frozenset[str] | set[str]) -> tuple[str, ...]:
    """Split a compound key into modifier and head when the head is a known word.

    The longest known head wins; the modifier must be known too (allowing a linking -s- or
    -en-) or be at least five letters long. Heads are split again for three-part compounds.
    """
    if len(key) < MIN_PART + MIN_HEAD or not key.isalpha():
        return ()
    for k in range(MIN_PART, len(key) - MIN_HEAD + 1):
        head = key[k:]
        if head not in vocabulary or head in _NOT_HEADS:
            continue
        mod = key[:k]
        candidates = (
            mod,
            word_key(mod),
            mod[:-1] if mod.endswith("s") else "",
            mod[:-2] if mod.endswith("en") else "",
        )
        known = next((m for m in candidates if m and m in vocabulary), "")
        if known or len(mod) >= 5:
            modifier = known or mod
            return (modifier, *(split_compound(head, vocabulary) or (head,)))
    return ()


_stemmer = snowballstemmer.stemmer("dutch")
