"""Structure: cleaned lines -> blocks (headings, paragraphs, list items, table rows).

Broken lines are re-joined: a paragraph or list item continues on the next line unless a blank
line, a heading or a new list marker intervenes; it also continues over blank lines when it has
not ended its sentence and the next line starts in lower case (PDF extraction puts empty lines
inside sentences). A paragraph fragment that starts in lower case far from its beginning (the
text box of the goals was put in between) is joined back to the paragraph it continues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block, BlockKind
from .clean import CleanLine, ends_sentence
from .headers import stack_header

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NUMBERED_HEADING = re.compile(r"^((?:\d{1,2}\.){1,4}\d{1,2}|\d{1,2})\.?\s+(\S.*?)\s*$")
_ANNEX_HEADING = re.compile(
    r"^(Bijlage|Hoofdstuk|Paragraaf|Deel)\s+([IVXLC]+|\d{1,2})\b[:.]?\s*(.*?)\s*$", re.IGNORECASE
)
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DATE = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\b", re.IGNORECASE)
_MONTH = re.compile(rf"\b(?:{_MONTHS})\b", re.IGNORECASE)
_CONNECTOR_END = re.compile(
    r"(?:,|-|–|/|\(|\b(?:en|of|de|het|een|van|voor|met|op|in|aan|om|te|door|bij|tot|die|dat|"
    r"als|naar|zoals|over|uit))$",
    re.IGNORECASE,
)
# The same without the words that also end a sentence as particles of a verb ("... uit").
_JOINING_END = re.compile(
    r"(?:,|-|–|/|\(|\b(?:en|of|de|het|een|van|voor|met|door|bij|tot|die|dat|als|zoals))$",
    re.IGNORECASE,
)
# A table-of-contents entry: dot leaders or a wide gap, then a page number.
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…+|(?:\s\.){3,}|\t| {2,})\s*\d{1,3}\s*$")
_PERIOD_END = re.compile(r"(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\s*$")
# "4 Nationaal Coördinator (2014). Handreiking": a footnote with its number, not chapter 4
_CITATION = re.compile(r"\((?:19|20)\d{2}[a-z]?\)|(?<=[\w)])[.!?]\s+[A-Z]")
_BULLET_MARKERS = {"•", "o", "-", "–", "—", "*"}
_BOLD = re.compile(r"\*\*(.+?)\*\*")
MAX_TITLE_WORDS = 8
MAX_HEADING_WORDS = 14
_LOOKBACK_LINES = 40


@dataclass(slots=True)
class _HeadingInfo:
    level: int
    number: str
    text: str
    numbered: bool
    style: int = 0  # the PDF heading style's rank, when the style made it a heading


def build_blocks(lines: list[CleanLine], layout_gaps: bool = False) -> list[Block]:
    """Group cleaned lines into blocks and attach the section path to each block.

    `layout_gaps`: the blank lines are paragraph gaps measured by our PDF reader, not the
    blank lines of a text file (see `_continues_over_blank`)."""
    builder = _BlockBuilder(lines, layout_gaps)
    blocks = builder.run()
    _settle_soft_items(blocks, builder.soft_items)
    _demote_toc_headings(blocks)
    _demote_out_of_sequence(blocks)
    blocks = _split_inline_lists(blocks)
    _shift_markdown_levels(blocks)
    _style_levels(blocks)
    _assign_sections(blocks)
    return blocks


_TAIL_FLUSH, _TAIL_KEEP = 8192, 1024


class _BlockBuilder:
    """One pass over the cleaned lines: each line opens, continues or closes a block."""

    def __init__(self, lines: list[CleanLine], layout_gaps: bool) -> None:
        self.lines = lines
        self.layout_gaps = layout_gaps
        self.blocks: list[Block] = []
        self.soft_items: set[int] = set()  # indices of list items opened by a lost glyph
        self.current: Block | None = None  # the paragraph or list item being built
        # The current block's text is kept as a short tail (all the rules look at its end);
        # what came before it is kept here, so that a long paragraph is built in linear time.
        self.head: list[str] = []
        self.joined: list[tuple[str, int]] = []  # (start of a joined line, its line number)

    def run(self) -> list[Block]:
        i = 0
        while i < len(self.lines):
            i = self._step(i)
        self._close()
        return self.blocks

    def _close(self) -> None:
        if self.current is not None:
            self.current.text = _tidy("".join(self.head) + self.current.text)
            self.current.line_starts = _line_starts(self.current.text, self.joined)
            self.head, self.joined = [], []
            if self.current.text:
                self.blocks.append(self.current)
            self.current = None

    def _step(self, i: int) -> int:
        """Handle line i; returns the index of the next line to look at."""
        ln = self.lines[i]
        if ln.cells:
            self._close()
            self.blocks.append(_table_row(ln, self.blocks))
        elif ln.table:
            self._close()
            _mark_table_row(self.blocks, ln)
        elif ln.blank:
            if self.current is not None and _continues_over_blank(
                self.current, self.lines, i, self.layout_gaps
            ):
                return _next_nonblank(self.lines, i)
            self._close()
        else:
            marker, heading, soft_item = self._classify(i)
            if heading is not None:
                self._add_heading(ln, heading)
            elif marker or soft_item:
                self._open_item(ln, marker)
            else:
                self._add_text(ln)
        return i + 1

    def _wrapped(self, i: int) -> bool:
        """In a PDF, a body line directly followed (no paragraph gap) by a line of its own
        style that does not start a list is a wrapped line of a paragraph: the reader puts a
        gap under a title."""
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        return (
            self.layout_gaps and nxt is not None and not nxt.blank and not nxt.marker
            and not nxt.heading and not self.lines[i].heading
        )  # fmt: skip

    def _classify(self, i: int) -> tuple[str, _HeadingInfo | None, bool]:
        """(list marker, heading, lost-glyph list item) for a text line."""
        lines, current = self.lines, self.current
        ln = lines[i]
        style = _style_heading(lines, i) if ln.heading else None
        if style is not None:
            return "", style, False
        marker = ln.marker
        if marker and marker not in _BULLET_MARKERS:
            marker = _validate_number_marker(lines, i, current, self.blocks)
        heading = None if marker else _heading(lines, i, current)
        if heading is not None and not heading.numbered and self._wrapped(i):
            heading = None  # a PDF line that its paragraph goes on from, though it is short
        soft_item = not marker and ln.soft_marker and (heading is None or not heading.numbered)
        soft_item = soft_item and _soft_item(lines, i, current)
        if soft_item:
            heading = None
        continues_list = _continues_numbering(
            current or (self.blocks[-1] if self.blocks else None), marker
        )
        if (
            heading is None
            and marker.endswith(".")
            and marker[:-1].isdigit()
            and not continues_list
        ):
            heading = _numbered_title(lines, i, marker)
            if heading:
                marker = ""
        return marker, heading, soft_item

    def _add_heading(self, ln: CleanLine, heading: _HeadingInfo) -> None:
        self._close()
        if heading.numbered and _TOC_ENTRY.search(ln.text):
            self.blocks.append(
                Block(BlockKind.TABLE_ROW, _tidy(ln.text), ln.line, ln.line, ln.page)
            )
            return
        self.blocks.append(
            Block(
                BlockKind.HEADING, heading.text, ln.line, ln.line, ln.page,
                level=heading.level, number=heading.number, style=heading.style,
            )
        )  # fmt: skip

    def _open_item(self, ln: CleanLine, marker: str) -> None:
        self._close()
        if not marker:
            self.soft_items.add(len(self.blocks))  # index this block will get when closed
        numbered = marker[:1].isdigit() or marker[:1] == "("
        self.current = Block(
            BlockKind.LIST_ITEM, ln.text, ln.line, ln.line, ln.page, marker=marker,
            number=marker.strip("().") if numbered else "", after_cue=_follows_cue(self.blocks),
        )  # fmt: skip

    def _add_text(self, ln: CleanLine) -> None:
        text = ln.text if not ln.marker else f"{ln.marker} {ln.text}"
        current = self.current
        if current is not None and not _starts_new_paragraph(current, ln, self.blocks):
            current.text = _join(current.text, text)
            if ln.line != current.end_line:
                self.joined.append((text.strip()[:24], ln.line))
            current.end_line = ln.line
            if len(current.text) > _TAIL_FLUSH:
                self.head.append(current.text[:-_TAIL_KEEP])
                current.text = current.text[-_TAIL_KEEP:]
            return
        self._close()
        if text[:1].islower() and _rejoin_displaced(self.blocks, text, ln):
            return
        self.current = Block(BlockKind.PARAGRAPH, text, ln.line, ln.line, ln.page)


def _line_starts(text: str, joined: list[tuple[str, int]]) -> tuple[tuple[int, int], ...]:
    """Where each joined line starts in the finished text: its first words, found in order
    (the text was tidied after joining, so offsets are found, not counted)."""
    out, at = [], 0
    for start, line in joined:
        found = text.find(_tidy(start), at)
        if found >= 0:
            out.append((found, line))
            at = found
    return tuple(out)


def _continues_numbering(previous: Block | None, marker: str) -> bool:
    """ "3." right after list item "2.": the list goes on (it is no chapter "3 ...")."""
    number = marker.strip("().")
    return (
        previous is not None
        and previous.kind is BlockKind.LIST_ITEM
        and number.isdigit()
        and previous.number == str(int(number) - 1)
    )


def _table_row(ln: CleanLine, blocks: list[Block]) -> Block:
    """A table row block. A row without a known header (a markdown table) takes the first row
    of its table as the header."""
    columns = ln.columns
    prev = blocks[-1] if blocks else None
    text = " | ".join(c for c in ln.cells if c)
    if not columns and prev is not None and prev.kind is BlockKind.TABLE_ROW and prev.cells:
        stacked = None if prev.columns else stack_header(prev.cells, ln.cells)
        if stacked is not None:  # the second row of the header: its labels head the rows
            return Block(BlockKind.TABLE_ROW, text, ln.line, ln.line, ln.page, cells=stacked)
        columns = prev.columns or prev.cells
    return Block(
        BlockKind.TABLE_ROW, text, ln.line, ln.line, ln.page, cells=ln.cells, columns=columns
    )


_INLINE_NUMBER = re.compile(r"(?<=[:.;!?])\s+(\d{1,2})[.)]\s+(?=[A-Z‘“\"(])")


def _split_inline_lists(blocks: list[Block]) -> list[Block]:
    """A paragraph that holds a numbered list after a lead-in ("... op drie punten: 1. A.
    2. B.") becomes the lead-in and its list items: the line breaks were lost in extraction."""
    out: list[Block] = []
    for b in blocks:
        parts = _inline_list(b.text) if b.kind is BlockKind.PARAGRAPH else None
        if parts is None:
            out.append(b)
            continue
        lead, items = parts
        out.append(Block(BlockKind.PARAGRAPH, lead, b.line, b.end_line, b.page))
        for number, text in items:
            line = b.line_at(max(0, b.text.find(text)))
            out.append(
                Block(
                    BlockKind.LIST_ITEM, text, line, b.end_line, b.page, marker=f"{number}.",
                    number=number, after_cue=True,
                )
            )  # fmt: skip
    return out


def _inline_list(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """(lead-in, [(number, item text)]) when `text` holds "lead-in: 1. ... 2. ..."."""
    marks = [m for m in _INLINE_NUMBER.finditer(text)]
    run: list[re.Match[str]] = []
    for m in marks:
        if not run and m.group(1) == "1" and text[: m.start()].rstrip().endswith(":"):
            run = [m]
        elif run and int(m.group(1)) == int(run[-1].group(1)) + 1:
            run.append(m)
    if len(run) < 2:
        return None
    ends = [m.start() for m in run[1:]] + [len(text)]
    items = [(m.group(1), text[m.end() : end].strip()) for m, end in zip(run, ends, strict=True)]
    return text[: run[0].start()].strip(), items


def _style_heading(lines: list[CleanLine], i: int) -> _HeadingInfo | None:
    """A line set in a PDF heading style is a heading when it reads like one: it starts with a
    capital or a number, ends without a comma or connector, is no sentence, and the next line
    does not continue it in lower case."""
    ln = lines[i]
    numeric = ln.marker[:1].isdigit()
    if ln.marker and not numeric:
        return None  # a bold list item
    text = f"{ln.marker} {ln.text}" if numeric else ln.text
    text = _BOLD.sub(r"\1", text).strip()
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS + 4 or not _starts_like_heading(text):
        return None
    if _CONNECTOR_END.search(text) or text.endswith((",", ";")) or _DATE.search(text):
        return None
    if re.search(r"[.!?]\s+\S", text) or (text.endswith(".") and len(words) > 3):
        return None  # a sentence set in a heading style
    if re.search(r"\b(?:drs|dr|mr|ir|ing)\.", text):
        return None  # a signature
    j = _next_nonblank(lines, i + 1)
    if j < len(lines) and lines[j].text[:1].islower() and not lines[j].marker:
        return None  # the sentence goes on in the next line
    m = _NUMBERED_HEADING.match(text.replace(". ", " ", 1) if numeric else text)
    if m and int(m.group(1).split(".")[0]) <= 30:
        number = m.group(1)
        return _HeadingInfo(len(number.split(".")), number, f"{number} {m.group(2)}", True)
    m = _ANNEX_HEADING.match(text)  # "Hoofdstuk 2 Veilige woon- en leefomgeving"
    if m and (not m.group(3) or m.group(3)[:1].isupper()):
        return _HeadingInfo(1, f"{m.group(1).title()} {m.group(2)}", text, True)
    return _HeadingInfo(0, "", text, False, style=ln.heading)


def _starts_like_heading(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit() or text[:1] in "(‘'\"“"


def _style_levels(blocks: list[Block]) -> None:
    """In a document without numbered or markdown headings, the PDF heading styles give the
    levels: the largest style used is level 1, the next 2, and so on. The headings of a cover
    page (title, organisation, date in large type) are level 1 and rank no style: the body's
    chapters are not sections of the cover."""
    headings = [b for b in blocks if b.kind is BlockKind.HEADING]
    cover = _cover_headings(blocks)
    for b in cover.values():
        b.level = b.level or 1
    if any(b.number or b.level for b in headings if id(b) not in cover):
        return
    ranks = sorted({b.style for b in headings if b.style and id(b) not in cover})
    for b in headings:
        if b.style and id(b) not in cover:
            b.level = ranks.index(b.style) + 1


COVER_WORDS = 40  # a first page with no more text than this, all of it headings, is a cover


def _cover_headings(blocks: list[Block]) -> dict[int, Block]:
    first = [b for b in blocks if b.page == 1]
    if not first or any(b.page is None for b in first):
        return {}
    words = sum(len(b.text.split()) for b in first)
    if words > COVER_WORDS or not all(b.kind is BlockKind.HEADING for b in first):
        return {}
    return {id(b): b for b in first}


def _shift_markdown_levels(blocks: list[Block]) -> None:
    """Markdown headings start at level 1: a file whose top headings are `##` (a converted
    document without a `#` title) has its `##` as chapters."""
    markdown = [b for b in blocks if b.kind is BlockKind.HEADING and b.level and not b.number]
    shift = min((b.level for b in markdown), default=1) - 1
    for b in markdown:
        b.level -= shift


def _demote_toc_headings(blocks: list[Block]) -> None:
    """A numbered heading that comes back later was a table-of-contents entry when it stands
    in a run of headings with nothing in between, or ends with a page number."""
    last_index: dict[str, int] = {}
    for k, b in enumerate(blocks):
        if b.kind is BlockKind.HEADING and b.number:
            last_index[b.number] = k
    for k, b in enumerate(blocks):
        if b.kind is not BlockKind.HEADING or not b.number or last_index[b.number] == k:
            continue
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        in_run = nxt is not None and nxt.kind in (BlockKind.HEADING, BlockKind.TABLE_ROW)
        if in_run or re.search(r"\s\d{1,3}$", b.text):
            b.kind = BlockKind.TABLE_ROW


def _demote_out_of_sequence(blocks: list[Block]) -> None:
    """A numbered heading that breaks the numbering ("3.1.6", "4 Nationaal ...", "3.1.7") is a
    footnote or list number, not a chapter: it becomes a paragraph."""
    numbered = [
        (k, tuple(int(x) for x in b.number.split(".")))
        for k, b in enumerate(blocks)
        if b.kind is BlockKind.HEADING and re.fullmatch(r"\d+(?:\.\d+)*", b.number)
    ]
    for (_, before), (k, here), (_, after) in zip(
        numbered, numbered[1:], numbered[2:], strict=False
    ):
        if before < after < here:
            blocks[k].kind = BlockKind.PARAGRAPH
            blocks[k].level, blocks[k].number = 0, ""


def _soft_item(lines: list[CleanLine], i: int, current: Block | None) -> bool:
    """A lost-glyph line opens a list item unless it is a title line that heads prose."""
    j = _next_nonblank(lines, i + 1)
    if j < len(lines) and (lines[j].soft_marker or lines[j].marker):
        return True
    return not _is_title_line(lines, i, lines[i].text, current)


def _settle_soft_items(blocks: list[Block], soft_items: set[int]) -> None:
    """Keep a lost-glyph list item only where it stands in a list; else it is a paragraph.

    It stands in a list when it follows a lead-in ending in ':' or another list item, or when
    a list item follows it. A lead-in itself (ends with ':') or a run of several sentences is a
    paragraph that merely started on a new page.
    """

    def is_item(k: int) -> bool:
        return 0 <= k < len(blocks) and blocks[k].kind is BlockKind.LIST_ITEM

    for k in sorted(soft_items):
        if k >= len(blocks) or blocks[k].kind is not BlockKind.LIST_ITEM:
            continue
        block = blocks[k]
        sentences = len(re.findall(r"[.!?](?:\s|$)", block.text))
        in_list = (
            block.after_cue
            or (is_item(k - 1) and block.line - blocks[k - 1].end_line <= 12)
            or (is_item(k + 1) and blocks[k + 1].line - block.end_line <= 12)
        )
        if not in_list or block.text.endswith(":") or (sentences >= 3 and len(block.text) > 250):
            block.kind = BlockKind.PARAGRAPH
            block.after_cue = False


def _tidy(text: str) -> str:
    text = _BOLD.sub(r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _join(left: str, right: str) -> str:
    """Join two line fragments, undoing end-of-line hyphenation."""
    left, right = left.rstrip(), right.strip()
    if not left:
        return right
    m = re.search(r"(\w)-$", left[-3:])  # the tail only: a paragraph may be long
    if m and right[:1].islower() and m.group(1).islower():
        first = right.split(" ", 1)[0]
        if first not in {"en", "of", "tot"}:
            return left[:-1] + right  # verdeel-\ning -> verdeling
    if left.endswith(("-", "/")) and right[:1].isalpha() and not left.endswith(" -"):
        if left[-2:-1].isupper() or right[:1].isupper():
            return left + right  # Midden-\nNederland, LPG-\ntankstations
        first = right.split(" ", 1)[0]
        if first in {"en", "of", "tot"}:
            return f"{left} {right}"  # Drank- en
        return left + right
    return f"{left} {right}"


def _next_nonblank(lines: list[CleanLine], i: int) -> int:
    while i < len(lines) and lines[i].blank:
        i += 1
    return i


def _continues_over_blank(
    current: Block, lines: list[CleanLine], i: int, layout_gaps: bool = False
) -> bool:
    """A block whose sentence is unfinished continues after blank lines in lower case.

    In text, one blank line before a capital may still sit inside a sentence (a page break or
    a text box in pdftotext output). With `layout_gaps` (our PDF reader, whose blank lines are
    measured paragraph gaps) a capital after a gap starts a new paragraph, unless the text
    before it ends with a connector ("... witwassen en" + "Handhavingsknelpunten").
    """
    if current.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
        return False
    j = _next_nonblank(lines, i)
    if j >= len(lines) or j - i > 4:
        return False
    nxt = lines[j]
    if nxt.marker or nxt.table or not nxt.text or ends_sentence(current.text):
        return False
    if nxt.text[:1].islower() or nxt.text[:1] in ".,;:)":
        return True
    if layout_gaps:
        return bool(_JOINING_END.search(current.text.rstrip()))
    if j - i == 1 and not nxt.soft_marker and current.kind is BlockKind.PARAGRAPH:
        return (
            not _NUMBERED_HEADING.match(nxt.text)
            and not _MD_HEADING.match(nxt.text)
            and not _is_title_line(lines, j, nxt.text, None)
        )
    # "... witwassen en" + "Handhavingsknelpunten": an unfinished phrase carries on.
    return (
        bool(_CONNECTOR_END.search(current.text.rstrip())) and current.kind is BlockKind.LIST_ITEM
    )


def _starts_new_paragraph(current: Block, ln: CleanLine, blocks: list[Block]) -> bool:
    if current.kind is BlockKind.TABLE_ROW:
        return True
    if _after_one_line_items(current, ln, blocks):
        return True
    if current.kind is BlockKind.LIST_ITEM and ln.indent == 1 and ends_sentence(current.text):
        return True  # a finished bullet does not run on over a page start
    # A single leading space at a line start marks a new page in pdftotext-like output; a
    # fragment there that starts in upper case after a finished sentence is a new paragraph.
    return bool(ln.indent == 1 and ends_sentence(current.text) and ln.text[:1].isupper())


def _after_one_line_items(current: Block, ln: CleanLine, blocks: list[Block]) -> bool:
    """Web text writes one paragraph per line: after a list of one-line items (the item before
    this one was one line too), an unindented line in upper case is the next paragraph, not
    the rest of the last item ("- Veilige wijken" + "Deze thema's zijn ...")."""
    if current.kind is not BlockKind.LIST_ITEM or ln.indent or not ln.text[:1].isupper():
        return False
    if current.end_line != current.line or _CONNECTOR_END.search(current.text.rstrip()):
        return False
    previous = blocks[-1] if blocks else None
    return (
        previous is not None
        and previous.kind is BlockKind.LIST_ITEM
        and previous.marker == current.marker
        and previous.end_line == previous.line
        and previous.end_line >= current.line - 2
    )


def _rejoin_displaced(blocks: list[Block], text: str, ln: CleanLine) -> bool:
    """Append a lower-case fragment to the last unfinished paragraph nearby."""
    for block in reversed(blocks):
        if ln.line - block.end_line > _LOOKBACK_LINES and ln.page == block.page:
            return False
        if block.kind is BlockKind.HEADING:
            return False
        if block.kind is BlockKind.PARAGRAPH:
            if ends_sentence(block.text):
                return False
            block.text = _join(block.text, text)
            start = (len(block.text) - len(text.strip()), ln.line)
            block.line_starts = (*block.line_starts, start)
            return True
    return False


def _mark_table_row(blocks: list[Block], tick: CleanLine) -> None:
    """The cell text just before a row of `<x>` ticks is a table row, not a paragraph."""
    if blocks and blocks[-1].kind is BlockKind.PARAGRAPH and tick.line - blocks[-1].end_line <= 4:
        blocks[-1].kind = BlockKind.TABLE_ROW


def _follows_cue(blocks: list[Block]) -> bool:
    """True when a list starts right after a lead-in sentence ending with ':'."""
    for block in reversed(blocks):
        if block.kind is BlockKind.LIST_ITEM:
            return block.after_cue
        return block.text.rstrip().endswith(":")
    return False


def _validate_number_marker(
    lines: list[CleanLine], i: int, current: Block | None, blocks: list[Block]
) -> str:
    """A number at a line start is a list marker only where a list can start."""
    ln = lines[i]
    number = ln.marker.strip("().")
    if number.isdigit() and int(number) > 20:
        return ""
    if current is None:
        return ln.marker
    if current.kind is BlockKind.LIST_ITEM:
        return ln.marker
    return ln.marker if ends_sentence(current.text) else ""


def _numbered_title(lines: list[CleanLine], i: int, marker: str) -> _HeadingInfo | None:
    """`1. Inleiding` is a chapter heading, `1. Prioriteit op ...` a list item."""
    text = lines[i].text
    words = text.split()
    if not words or len(words) > 6 or ends_sentence(text) or not text[:1].isupper():
        return None
    j = _next_nonblank(lines, i + 1)
    if j < len(lines) and lines[j].marker and lines[j].marker[:1].isdigit():
        return None  # the next line continues a numbered list
    return _HeadingInfo(1, marker.rstrip("."), f"{marker.rstrip('.')} {text}", True)


def _heading(lines: list[CleanLine], i: int, current: Block | None) -> _HeadingInfo | None:
    ln = lines[i]
    text = _BOLD.sub(r"\1", ln.text).strip()
    if not text:
        return None
    m = _MD_HEADING.match(text)
    if m:
        return _HeadingInfo(len(m.group(1)), "", _BOLD.sub(r"\1", m.group(2)).strip(), True)
    mid_sentence = current is not None and not ends_sentence(current.text) and not ln.indent
    m = _NUMBERED_HEADING.match(text)
    if m and not mid_sentence:
        number, title = m.group(1), m.group(2)
        parts = number.split(".")
        words = title.split()
        if (
            int(parts[0]) <= 30
            and (title[:1].isupper() or title[:1] in "(‘'\"")
            and len(words) <= MAX_HEADING_WORDS
            and not title.endswith((".", ",", ";"))
            and not _CITATION.search(title)
            and ("." in number or not _looks_like_quantity(title))
        ):
            return _HeadingInfo(len(parts), number, f"{number} {title}", True)
    m = _ANNEX_HEADING.match(text)
    rest = m.group(3) if m else ""
    if (
        m
        and len(text.split()) <= MAX_HEADING_WORDS
        and not ends_sentence(text)
        and (not rest or rest[:1].isupper())
        and ". " not in rest
    ):
        return _HeadingInfo(1, f"{m.group(1).title()} {m.group(2)}", text, True)
    if _is_title_line(lines, i, text, current):
        return _HeadingInfo(0, "", text, False)
    return None


def _looks_like_quantity(title: str) -> bool:
    first = title.split()[0].lower()
    return first in {"procent", "%", "euro", "jaar", "keer", "gemeenten", "personen", "km"}


def _is_title_line(lines: list[CleanLine], i: int, text: str, current: Block | None) -> bool:
    """A short line on its own that names what follows: `Samenvatting`, `Lokaal maatwerk`."""
    if current is not None and not ends_sentence(current.text):
        return False
    prev_blank = i == 0 or lines[i - 1].blank or lines[i - 1].table
    if not prev_blank:
        return False
    words = text.split()
    question = text.endswith("?")
    if not words or len(words) > (12 if question else MAX_TITLE_WORDS) or len(text) > 80:
        return False
    if not (text[:1].isupper() or text[:1].isdigit()) or text.endswith((".", ",", ";", ":", "!")):
        return False
    # a date or a place-and-date line ("Leusden, december 2015"), but "Veiligheidsplan
    # 2024-2027" and "Focusgebieden 2025" are titles
    dated = re.search(r"\d{4}\s*$", text) and ("," in text or _MONTH.search(text))
    if text.endswith(("-", "/", "(", "&", "+")) or _DATE.search(text) or dated:
        return False
    if sum(ch.isalpha() for ch in text) < 3 or re.search(r"\b(?:drs|dr|mr|ir|ing)\.", text):
        return False
    j = _next_nonblank(lines, i + 1)
    if j >= len(lines):
        return False
    nxt = lines[j]
    if nxt.table:
        return False
    if nxt.marker:
        return True
    if re.match(r"^\S+(?:\s\S+)?[.!?]\s", nxt.text):
        return False  # "Route" + "Gevaarlijke stoffen. Deze ...": one sentence broken in two
    return nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text[:1] in "‘'\"“("


def _assign_sections(blocks: list[Block]) -> None:
    """Give unnumbered headings a level and every block its section and section path."""
    stack: list[tuple[int, str]] = []  # numbered or markdown headings
    labels: list[str] = []  # unnumbered headings: a topic, and a question under it
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            if block.level > 0:
                while stack and stack[-1][0] >= block.level:
                    stack.pop()
                stack.append((block.level, block.text))
                labels = []
            else:
                # "Wat willen we bereiken?" under "Speerpunt 1: Ondermijning" keeps the topic
                question = block.text.endswith("?")
                labels = [*labels[:1], block.text] if question and labels else [block.text]
                base = stack[-1][0] if stack else 0
                block.level = min(base + len(labels), 6)
        path = tuple(t for _, t in stack) + tuple(labels)
        block.section_path = path
        block.section = stack[-1][1] if stack else (labels[0] if labels else "")
