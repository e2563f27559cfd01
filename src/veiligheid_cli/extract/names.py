"""The name of a listed priority: a list item that names a priority and explains it stands
for its name."""

from __future__ import annotations

import re

from .candidates import Member
from .context import ExtractionContext
from .enumeration import strip_explanation
from .proposals import new_member


def list_item_member(ctx: ExtractionContext, i: int, cue: str) -> Member:
    """List item i as a candidate priority, by its name when it explains it."""
    a = ctx.blocks[i]
    text, span = _label_of(a.block.text)
    themes = (ctx.hits_in(i, *span) if span else []) or a.themes
    return new_member(ctx, i, text, themes, cue, span)


_LABEL = re.compile(
    r"^([A-Z][^:;.!?–]{1,60}?)\s*(?::|\s[–—-])\s+(\S.*)$"
)  # "Name: ..." "Name – ..."
LABEL_WORDS = 6  # "Zorg en veiligheid: wij bieden ..." -> "Zorg en veiligheid"


def _label_of(text: str) -> tuple[str, tuple[int, int] | None]:
    """A list item that names a priority and explains it after a colon or dash ("Ondermijning:
    wij verstoren criminele netwerken ...", "Veilig uitgaan – minder geweld ...") or on its next
    line ("Veilige wijken" + "Inwoners
    voelen zich veilig ...", joined into one item) stands for its name; other items for
    themselves."""
    m = _LABEL.match(text)
    if m and len(m.group(1).split()) <= LABEL_WORDS and len(m.group(2).split()) >= 4:
        return m.group(1), (0, m.end(1))
    if (end := _title_end(text)) is not None:
        return text[:end], (0, end)
    name = strip_explanation(text)
    if name != text.strip().rstrip(".;,"):
        return name, (0, len(name))  # "veiligheid en leefbaarheid (o.a. ...)"
    return text, None


_WORD_AT = re.compile(r"\S+")
_OPEN_ENDED = {"in", "van", "met", "rond", "bij", "voor", "naar", "op", "aan", "uit", "en", "of",
               "de", "het", "een", "door", "tegen", "om", "over"}  # fmt: skip


def _title_end(text: str) -> int | None:
    """Where a short title ends that a sentence follows without punctuation between them
    ("Zorg en veiligheid Inwoners met verward gedrag krijgen ..."): a capital after a word
    that ends neither a sentence nor a phrase. Dutch capitalises no nouns, so such a capital
    starts the next line's sentence (names excepted: the title must not end open)."""
    words = list(_WORD_AT.finditer(text))
    if not text.rstrip().endswith((".", "!")) or len(words) < 6:
        return None
    for k in range(1, min(LABEL_WORDS, len(words) - 4) + 1):
        before, word = words[k - 1].group(), words[k].group()
        if not word[:1].isupper() or not before[-1:].isalpha() or word.isupper():
            continue
        if (before[:1].isupper() and k > 1) or words[k + 1].group()[:1].isupper():
            continue  # a name in title case ("High Impact Crimes"), not a sentence start
        if before.lower() in _OPEN_ENDED:
            return None
        return words[k - 1].end()
    return None
