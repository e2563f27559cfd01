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


class BodyForms:
    """Word forms the body text fixes, looked up per word (lower case) and remembered:
    acronyms ("RVS") and names ("Leusden"), written so in mid-sentence and never in lower case.
    A capital that only ever stands in a title-cased phrase ("High Impact Crimes") makes no
    name, nor does one at the start of a sentence or item."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.text = "\n\n".join(texts)  # blocks apart: a block starts a sentence
        self.known: dict[str, str | None] = {}

    def get(self, lower: str) -> str | None:
        if lower not in self.known:
            self.known[lower] = self._form(lower)
        return self.known[lower]

    def _form(self, lower: str) -> str | None:
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(lower)}(?![\w'’-])", re.IGNORECASE)
        counts: Counter[str] = Counter()
        for match in pattern.finditer(self.text):
            word = match.group()
            if word == lower:
                return None  # written in lower case somewhere: an ordinary word
            if not word[0].isupper():
                continue  # "eHealth" and the like: no rule to learn
            if not word.isupper():
                if _starts_sentence(self.text, match.start()):
                    continue
                if _in_title_phrase(self.text, match.start(), match.end()):
                    word = "title"
            counts[word] += 1
        if not counts:
            return None
        form = counts.most_common(1)[0][0]
        return form if form != "title" and len(form) > 1 else None


_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].rstrip(" \t")
    if not before or before.endswith("\n"):
        return True
    return not (before[-1].isalnum() or before[-1] in ",;(")


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def _in_title_phrase(text: str, start: int, end: int) -> bool:
    """Whether the word at start:end has a capitalised (not all-capitals) neighbour."""
    before = _PREVIOUS_WORD.search(text[max(0, start - 40) : start])
    after = _NEXT_WORD.match(text, end, min(len(text), end + 40))
    return bool(before and _capitalised(before.group(1))) or bool(
        after and _capitalised(after.group(1))
    )


def sentence_case(text: str, forms: BodyForms | dict[str, str]) -> str:
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

    def display(text: str) -> str:
        return sentence_case(text, _forms_of(document)) if in_capitals(text) else text

    return display


_FORMS: dict[int, tuple[Document, BodyForms]] = {}


def _forms_of(document: Document) -> BodyForms:
    """The body forms of `document`, made once per document (reports show a plan many times)."""
    key = id(document)
    if key in _FORMS and _FORMS[key][0] is document:
        return _FORMS[key][1]
    if len(_FORMS) >= 256:
        _FORMS.clear()
    forms = BodyForms(b.text for b in document.blocks if b.kind is not BlockKind.HEADING)
    _FORMS[key] = (document, forms)
    return forms


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
