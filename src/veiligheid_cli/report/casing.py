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

from ..model import BlockKind, Document

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
    """Word forms the body text fixes: acronyms (as written in capitals) and names (written with
    a capital in mid-sentence, never in lower case), keyed by the lower-case word."""
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group()
            if not word[0].isupper() and word.lower() != word:
                continue  # "eHealth" and the like: no rule to learn
            if word[0].isupper() and not word.isupper():
                before = text[max(0, match.start() - 12) : match.start()].rstrip()[-1:]
                if not before or not (before.isalnum() or before in ",;("):
                    continue  # a capital at the start of a sentence or item says nothing
            forms.setdefault(word.lower(), Counter())[word] += 1
    fixed: dict[str, str] = {}
    for lower, counts in forms.items():
        if counts[lower]:
            continue  # written in lower case somewhere: an ordinary word
        form, _ = counts.most_common(1)[0]
        if len(form) > 1 and (form.isupper() or form[0].isupper()):
            fixed[lower] = form
    return fixed


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
