"""Cleaning: raw extracted lines -> normalised lines that keep their original location.

What PDF text extraction leaves behind and what we do with it:
- bullet glyphs (U+F0B7 and friends, `•`, `o`, `-`, `–`) -> a list marker on the line;
  two bullets on one line (a two-column list) -> two lines;
- tracking URLs (image-search redirects and the like) -> dropped;
- lone footnote numbers -> dropped; footnote texts (a number line followed by a reference) ->
  dropped;
- whitespace-only lines, separator lines -> blank;
- `<x>` cells of ticked tables -> flagged, so the structure stage can make table rows.
Joining broken lines into paragraphs happens in `structure`, which needs the context.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import SourceLine

# Private-use glyphs from Symbol/Wingdings fonts and common bullet characters.
BULLET_GLYPHS = (
    "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf0e0\uf0de"  # Symbol/Wingdings private-use glyphs
    "\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u25ba\u27a2\u2713\u00b7"  # • ● ▪ ■ ◦ ‣ ► ➢ ✓ ·
)
_GLYPH_CLASS = "[" + re.escape(BULLET_GLYPHS) + "]"
_GLYPH_SPLIT = re.compile(r"\s{2,}" + _GLYPH_CLASS + r"\s*")
_GLYPH_START = re.compile(r"^\s*" + _GLYPH_CLASS + r"\s*")
_DASH_START = re.compile(r"^\s*(->|→|=>|[-–—*])\s+(?=\S)")  # "-> " is an arrow bullet
# "o" as a bullet: before a capital, or indented before any word ("   o ambitie: ...")
_LETTER_O_START = re.compile(r"^\s*o\s+(?=[A-Z(‘'\"“])|^\s+o\s+(?=[a-z])")
_NUMBER_START = re.compile(r"^\s*(\(?(\d{1,2}|[a-z])[.)])\s+(?=\S)")

_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S", re.IGNORECASE)
_TRACKING_URL = re.compile(
    r"https?://\S*(?:/url\?|[?&](?:utm_|psig=|ved=|usg=|sa=i|fbclid=|gclid=))\S*", re.IGNORECASE
)
_LONE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_TABLE_TICKS = re.compile(r"^\s*(?:<x>\s*)+$")
_REFERENCE_HINT = re.compile(
    r"\(\d{4}[a-z]?\)|\b(?:19|20)\d{2}\b.*[.:]|\bp(?:ag)?\.\s*\d|www\.|https?://|\bet al\b",
    re.IGNORECASE,
)
_TERMINAL = tuple(".!?;:")

_CHAR_MAP = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\t": " ",
        "\u00ad": "",  # soft hyphen
        "\u200b": "",
        "\ufeff": "",
    }
)


@dataclass(slots=True)
class CleanLine:
    """A line after cleaning. `marker` is set when the line starts a list item."""

    text: str
    line: int
    page: int | None = None
    marker: str = ""
    table: bool = False
    indent: int = 0  # leading spaces in the original
    # One leading space before a capital: where PDF-to-text lost a bullet glyph, or a page start.
    # The structure stage decides which from the neighbouring lines.
    soft_marker: bool = False
    heading: int = 0  # PDF: rank of the heading style the line is set in (0 = body)
    cells: tuple[str, ...] = ()  # a table row (PDF table, or a markdown `| a | b |` row)
    columns: tuple[str, ...] = ()  # a PDF table row: its table's header

    @property
    def blank(self) -> bool:
        return not self.text and not self.marker and not self.table


def normalise(text: str) -> str:
    """Unicode NFC, non-breaking spaces and soft hyphens handled, trailing space removed."""
    return unicodedata.normalize("NFC", text).translate(_CHAR_MAP).rstrip()


def clean_lines(lines: list[SourceLine], footnotes: bool = True) -> list[CleanLine]:
    """Normalise lines, mark list items, table rows and ticks, drop URLs and footnotes
    (`footnotes=False`: keep them, for `drop_footnotes` after the text tables are read)."""
    out: list[CleanLine] = []
    for src in lines:
        text = normalise(src.text)
        indent = len(text) - len(text.lstrip(" "))
        cells = tuple(normalise(c).strip() for c in src.cells) or _pipe_cells(text)
        if cells:
            if not _PIPE_SEPARATOR.match(text):
                columns = tuple(normalise(c).strip() for c in src.columns)
                out.append(
                    CleanLine(text.strip(), src.line, src.page, cells=cells, columns=columns)
                )
            continue
        if _URL_LINE.match(text) and _is_junk_url_line(text):
            continue
        text = _TRACKING_URL.sub("", text).rstrip()
        if _TABLE_TICKS.match(text):
            out.append(CleanLine("", src.line, src.page, table=True))
            continue
        for part, marker in _split_bullets(text):
            soft = indent == 1 and not marker and part[:1].isupper()
            heading = 0 if marker else src.heading
            out.append(
                CleanLine(
                    part, src.line, src.page, marker, indent=indent, soft_marker=soft,
                    heading=heading,
                )
            )  # fmt: skip
    return drop_footnotes(out) if footnotes else out


_PIPE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")
_BARE_PIPE_ROW = re.compile(r"^\s*[^|\s][^|]*(?:\|[^|]*){2,}$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")


def _pipe_cells(text: str) -> tuple[str, ...]:
    """The cells of a markdown table row `| a | b |` (at least two cells), or of a row that a
    web page flattened without the leading pipe (`a | b | c |`, at least two pipes), else ()."""
    m = _PIPE_ROW.match(text)
    if m:
        inner = m.group(1)
    elif _BARE_PIPE_ROW.match(text):
        inner = re.sub(r"\|\s*$", "", text)
    else:
        return ()
    cells = tuple(c.strip() for c in re.split(r"(?<!\\)\|", inner))
    return cells if len(cells) >= 2 else ()


def _is_junk_url_line(text: str) -> bool:
    stripped = text.strip()
    return " " not in stripped or len(stripped) > 60 or bool(_TRACKING_URL.search(stripped))


def _split_bullets(text: str) -> list[tuple[str, str]]:
    """Return (text, marker) pairs; a line with several glyph bullets becomes several items."""
    glyph = _GLYPH_START.match(text)
    if glyph:
        # a white bullet is a sub-item's, as the "o" a writer types under a "-"
        marker = "o" if glyph.group().strip() == "\u25e6" else "•"
        parts = _GLYPH_SPLIT.split(text[glyph.end() :])
        return [(p.strip(), marker) for p in parts if p.strip()] or [("", marker)]
    for pattern, marker_group in ((_DASH_START, 1), (_LETTER_O_START, 0)):
        m = pattern.match(text)
        if m:
            marker = m.group(marker_group).strip() if marker_group else "o"
            return [(text[m.end() :].strip(), marker)]
    m = _NUMBER_START.match(text)
    if m:
        return [(text[m.end() :].strip(), m.group(1))]
    return [(text.strip(), "")]


def drop_footnotes(lines: list[CleanLine]) -> list[CleanLine]:
    """Drop footnote markers and footnote texts.

    A lone number line is a footnote marker. When the next text after it starts with a capital
    and reads like a reference (a year, a page number, a URL), it is the footnote itself and is
    dropped up to the line that ends it with a full stop (or the next footnote number).
    """
    out: list[CleanLine] = []
    i = 0
    n = len(lines)
    while i < n:
        cur = lines[i]
        if cur.marker or not _LONE_NUMBER.match(cur.text):
            out.append(cur)
            i += 1
            continue
        j = _next_text(lines, i + 1)
        if j is not None and _is_footnote_text(lines, j):
            i = _footnote_end(lines, j)
        else:
            i += 1  # an inline footnote marker: drop only the number
    return out


def _next_text(lines: list[CleanLine], start: int, limit: int = 4) -> int | None:
    for j in range(start, min(start + limit, len(lines))):
        if lines[j].text or lines[j].marker:
            return j
    return None


def _is_footnote_text(lines: list[CleanLine], j: int) -> bool:
    first = lines[j]
    if first.marker or not first.text[:1].isupper():
        return False
    window = " ".join(line.text for line in lines[j : j + 3] if line.text)
    return bool(_REFERENCE_HINT.search(window))


def _footnote_end(lines: list[CleanLine], j: int) -> int:
    """Index just after the footnote that starts at j."""
    k = j
    while k < len(lines):
        text = lines[k].text
        if text.endswith(".") and not text.endswith(("p.", "pag.", "al.")):
            return k + 1
        nxt = _next_text(lines, k + 1, limit=3)
        if nxt is None or _LONE_NUMBER.match(lines[nxt].text) or lines[nxt].marker:
            return k + 1
        k = nxt
    return k


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)
