"""Headings written in capitals, shown in sentence case ("AANPAK HIGH IMPACT CRIMES" ->
"Aanpak high impact crimes").

Acronyms and names keep the form the document's own body text gives them: "RVS" stays "RVS"
when the body writes "RVS", "LEUSDEN" becomes "Leusden" when the body writes "Leusden". Text
that is not in capitals is shown as written. Reports use this for table and markdown output;
JSON keeps the original text and adds the display form.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from ..model import Alignment, BlockKind, Document, Extraction, Item

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
MIN_LETTERS = 4  # "EU", "IVP 2019" and other short acronyms alone are not headings in capitals
UPPER_SHARE = 0.8


def in_capitals(text: str) -> bool:
    """Whether the text is written in capitals (not just an acronym or two)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_LETTERS or (len(_WORD.findall(text)) < 2 and len(letters) < 8):
        return False
    upper = sum(c.isupper() for c in letters)
    return upper >= UPPER_SHARE * len(letters)


def body_forms(texts: Iterable[str]) -> dict[str, str]:
    """Word forms the body text fixes, keyed by the lower-case word: acronyms ("RVS") and
    names ("Leusden"): written so in mid-sentence and never in lower case. A capital that only
    ever stands in a title-cased phrase ("High Impact Crimes") makes no name."""
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        words = list(_WORD.finditer(text))
        for k, match in enumerate(words):
            word = match.group()
            if not word[0].isupper() and word.lower() != word:
                continue  # "eHealth" and the like: no rule to learn
            form = word
            if word[0].isupper() and not word.isupper():
                if _starts_sentence(text, match.start()):
                    continue  # a capital at the start of a sentence or item says nothing
                if _in_title_phrase(text, words, k):
                    form = "title"
            forms.setdefault(word.lower(), Counter())[form] += 1
    fixed: dict[str, str] = {}
    for lower, counts in forms.items():
        if counts[lower]:
            continue  # written in lower case somewhere: an ordinary word
        form, _ = counts.most_common(1)[0]
        if form != "title" and len(form) > 1:
            fixed[lower] = form
    return fixed


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].rstrip()[-1:]
    return not before or not (before.isalnum() or before in ",;(")


def _in_title_phrase(text: str, words: list[re.Match[str]], k: int) -> bool:
    """Whether word `k` has a capitalised (not all-capitals) neighbour in the same phrase."""
    for j in (k - 1, k + 1):
        if 0 <= j < len(words):
            other = words[j].group()
            gap = text[
                min(words[j].end(), words[k].end()) : max(words[j].start(), words[k].start())
            ]
            if other[0].isupper() and not other.isupper() and gap.strip() == "":
                return True
    return False


def sentence_case(text: str, forms: dict[str, str]) -> str:
    """`text` in sentence case when it is written in capitals; otherwise `text` unchanged."""
    if not in_capitals(text):
        return text
    first = True

    def recase(match: re.Match[str]) -> str:
        nonlocal first
        word = match.group()
        shown = forms.get(word.lower())
        if shown is None:
            shown = word.lower()
            if first:
                shown = shown[:1].upper() + shown[1:]
        first = False
        return shown

    return _WORD.sub(recase, text)


def display_for(document: Document) -> Callable[[str], str]:
    """A function that shows a text of `document` as reports should: headings in capitals in
    sentence case, with the document's own acronyms and names."""
    forms: dict[str, str] | None = None

    def display(text: str) -> str:
        nonlocal forms
        if not in_capitals(text):
            return text
        if forms is None:
            forms = body_forms(b.text for b in document.blocks if b.kind is not BlockKind.HEADING)
        return sentence_case(text, forms)

    return display


# --- stage results as reports show them ------------------------------------------------------


def _items(items: list[Item], show: Callable[[str], str]) -> list[Item]:
    return [replace(i, text=show(i.text), section=show(i.section)) for i in items]


def displayed_extraction(ex: Extraction) -> Extraction:
    """A copy of `ex` with its texts as table and markdown reports show them."""
    show = display_for(ex.document)
    return replace(
        ex,
        priorities=_items(ex.priorities, show),
        goals=_items(ex.goals, show),
        regional_references=_items(ex.regional_references, show),
        mentions=_items(ex.mentions, show),
        sections=_items(ex.sections, show),
    )


def displayed_alignment(a: Alignment) -> Alignment:
    """A copy of `a` with regional priorities and local evidence as reports show them."""
    local, regional = display_for(a.local.document), display_for(a.regional.document)
    priorities = [
        replace(
            p,
            regional=replace(p.regional, text=regional(p.regional.text)),
            evidence=[replace(e, text=local(e.text)) for e in p.evidence],
        )
        for p in a.priorities
    ]
    return replace(a, priorities=priorities, local_only=_items(a.local_only, local))


def displayed_document(doc: Document) -> Document:
    """A copy of `doc` with its headings and section names as reports show them."""
    show = display_for(doc)
    blocks = [replace(b, text=show(b.text), section=show(b.section)) for b in doc.blocks]
    return replace(doc, blocks=blocks)


_QUOTED = re.compile(r"(['\"])([^'\"\n]+)\1")


def displayed_quotes(message: str, show: Callable[[str], str]) -> str:
    """`message` with the texts it quotes ('...' or "...") as reports show them."""
    return _QUOTED.sub(lambda m: m.group(1) + show(m.group(2)) + m.group(1), message)
