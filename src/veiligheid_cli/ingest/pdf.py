"""PDF input on PDFium (pypdfium2): text lines with position, size and weight -> page text.

One clear object model, read once per page: `PdfLine`s (text, left edge, baseline, font size,
bold) and the ruled regions of the page (from PDFium's path objects). Layout then decides, for
the whole document at once:
- the body style (the most common font size) and the heading styles (larger, or bold where the
  body is not), ranked by size; consecutive lines of one heading style are one heading;
- running headers and footers (repeated at the page edges) and page numbers;
- indentation (from the left edge against the page margin) and paragraph breaks (from the gap
  between baselines), so that the structure stage sees what a text extraction would show.

Tables: a ruled region whose first row names goal columns (`Doel | Indicator | Streefwaarde`,
cues from rules/extract.yaml) is read by pdfplumber's table finder, one `SourceLine` per row
with its cells. Every other page stays on the fast PDFium path. Library messages go to
`logging`; errors are one line that names no library internals.
"""

from __future__ import annotations

import ctypes
import io
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from statistics import median

from ..errors import InputError
from ..model import RawText, SourceLine
from .pages import join_pages, strip_running_headers
from .pdf_design import (
    CONTENTS_COLUMNS,
    PageShapes,
    column_gutter,
    contents_cells,
    contents_entries,
    in_reading_order,
    mark_drawn_bullets,
    page_shapes,
)
from .pdf_lines import PdfLine, PdfPage

log = logging.getLogger(__name__)

NO_TEXT_LAYER = "no text layer (scanned?): run OCR first, e.g. ocrmypdf"
_MIN_TEXT_CHARS = 20
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HYPHEN_MARKS = str.maketrans({"\ufffe": "-", "\x02": "-", "\u00ad": "-"})
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
TableCue = Callable[[str], bool]


def read_pdf(
    data: bytes, label: str, password: str | None = None, table_cue: TableCue | None = None
) -> RawText:
    """Read the text layer of a PDF into lines with page and line numbers."""
    pages = read_pages(data, label, password, table_cue)
    if sum(len(line.text.strip()) for page in pages for line in page.lines) < _MIN_TEXT_CHARS:
        raise InputError(f"{label}: {NO_TEXT_LAYER}")
    text_pages = layout(pages)
    text_pages, removed = strip_running_headers(text_pages)
    warnings = [f"{label}: removed {removed} running header/footer lines"] if removed else []
    return RawText(
        path=label,
        lines=join_pages(text_pages),
        source_format="pdf",
        page_count=len(pages),
        warnings=warnings,
    )


# --- opening ---------------------------------------------------------------------------------

_PDFIUM_PASSWORD_ERROR = 4


def open_pdf(data: bytes, label: str, password: str | None):
    """A PDFium document, or a one-line InputError that names no library internals."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        log.debug("%s: PDFium cannot open the file: %s", label, exc)
        if getattr(exc, "err_code", None) == _PDFIUM_PASSWORD_ERROR:
            if password:
                raise InputError(f"{label}: wrong password for this PDF") from None
            raise InputError(
                f"{label}: PDF is password-protected; give the password with --password"
            ) from None
        raise InputError(f"{label}: cannot read PDF: the file is damaged or not a PDF") from None


def read_pages(
    data: bytes, label: str, password: str | None = None, table_cue: TableCue | None = None
) -> list[PdfPage]:
    """Every page's lines (and goal tables, when `table_cue` recognises their header)."""
    doc = open_pdf(data, label, password)
    tables = _TableReader(data, password, table_cue)
    pages = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            try:
                pages.append(_read_page(page, index, tables))
            except Exception as exc:  # one unreadable page must not cost the document
                log.warning("%s: page %d skipped (unreadable: %s)", label, index + 1, exc)
                pages.append(PdfPage(index + 1, 0.0, 0.0))
            finally:
                page.close()
    finally:
        tables.close()
        doc.close()
    return pages


def _read_page(page, index: int, tables: _TableReader) -> PdfPage:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        found = list(_page_lines(textpage, height))
        lines = [line for line, _, _ in found]
        gutter = column_gutter(lines, width, height)
        if gutter is not None:  # PDFium joins what shares a baseline, across the gutter too
            lines = _cut_at_gutter(found, gutter, _CharInfo(textpage), height)
    finally:
        textpage.close()
    shapes = page_shapes(page, height)
    mark_drawn_bullets(lines, shapes.markers)
    out = PdfPage(index + 1, width, height, in_reading_order(lines, width, height, gutter), gutter)
    if tables.enabled and lines:
        for band in _ruled_bands(shapes):
            tables.replace(out, band)
    return out


# --- lines -----------------------------------------------------------------------------------


class _CharInfo:
    """Per-character queries on a PDFium text page (ctypes buffers allocated once)."""

    def __init__(self, textpage) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.tp = textpage.raw
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.matrix = raw.FS_MATRIX()
        self.left, self.right, self.bottom, self.top = (ctypes.c_double() for _ in range(4))

    def char_index(self, text_index: int) -> int:
        return self.raw.FPDFText_GetCharIndexFromTextIndex(self.tp, text_index)

    def origin(self, index: int) -> tuple[float, float]:
        self.raw.FPDFText_GetCharOrigin(self.tp, index, self.x, self.y)
        return self.x.value, self.y.value

    def box(self, index: int) -> tuple[float, float]:
        """The left and right edge of a character."""
        self.raw.FPDFText_GetCharBox(self.tp, index, self.left, self.right, self.bottom, self.top)
        return self.left.value, self.right.value

    def size(self, index: int) -> float:
        """The size the character is set in: its font size scaled by its text matrix (a
        browser's PDF sets 9.5 pt type as 12.67 "px" under a 0.75 matrix)."""
        size = float(self.raw.FPDFText_GetFontSize(self.tp, index))
        if self.raw.FPDFText_GetMatrix(self.tp, index, self.matrix):
            m = self.matrix
            scale = abs(m.a * m.d - m.b * m.c) ** 0.5
            size *= scale if scale > 0 else 1.0
        return size

    def bold(self, index: int) -> bool:
        if self.raw.FPDFText_GetFontWeight(self.tp, index) >= 600:
            return True
        n = self.raw.FPDFText_GetFontInfo(self.tp, index, self.name, 128, self.flags)
        return n > 0 and bool(_BOLD_NAME.search(self.name.value.decode("utf-8", "replace")))


def _page_lines(textpage, height: float) -> Iterator[tuple[PdfLine, str, int]]:
    """The page's text lines in PDFium's reading order, with the style of their first and
    middle characters (a line is bold only when both are); each with its text and offset in
    the text page (to cut it at a gutter later)."""
    count = textpage.count_chars()
    if count <= 0:
        return
    text = textpage.get_text_range(0, count)
    info = _CharInfo(textpage)
    start = 0
    for m in [*_LINE_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        line, offset = text[start:end], start
        start = m.end() if m else len(text)
        made = _line(line, offset, info, height)
        if made is not None:
            yield made, line, offset


def _cut_at_gutter(
    found: list[tuple[PdfLine, str, int]], gutter: float, info: _CharInfo, height: float
) -> list[PdfLine]:
    """A line that runs across the gutter of a page in two columns is cut at its wide gaps
    (PDFium joined the two columns' lines that share a baseline)."""
    out: list[PdfLine] = []
    for line, text, offset in found:
        if not line.x < gutter < line.right:
            out.append(line)
            continue
        pieces = [_line(piece, at, info, height) for piece, at in _gapless(text, offset, info)]
        out.extend(piece for piece in pieces if piece is not None)
    return out


_PAGE_REF = re.compile(r"^\d{1,3}\s*$")
_SPACES = re.compile(r"\s+")
MIN_GAP = 12.0  # points of white inside one PDFium line that part two columns or cells


def _gapless(line: str, offset: int, info: _CharInfo) -> Iterator[tuple[str, int]]:
    """The line cut where the white between two characters is wider than a column gutter
    (two ems, at least MIN_GAP points). PDFium puts a space where it joins two runs of text,
    so only the characters around spaces are measured."""
    cut, size = 0, None
    for m in _SPACES.finditer(line):
        before, after = m.start() - 1, m.end()
        if before < 0 or after >= len(line) or _PAGE_REF.match(line[after:]):
            continue  # "Inleiding ........ 3" stays one line
        a, b = info.char_index(offset + before), info.char_index(offset + after)
        if a < 0 or b < 0:
            continue
        size = size if size is not None else info.size(b)
        if info.box(b)[0] - info.box(a)[1] > max(MIN_GAP, 2 * size):
            yield line[cut:after], offset + cut
            cut = after
    yield line[cut:], offset + cut


def _line(line: str, offset: int, info: _CharInfo, height: float) -> PdfLine | None:
    stripped = line.strip()
    if not stripped:
        return None
    first = info.char_index(offset + len(line) - len(line.lstrip()))
    middle = info.char_index(offset + len(line) // 2)
    if first < 0:
        return None
    x, y = info.origin(first)
    size = info.size(first)
    bold = info.bold(first) and (middle < 0 or info.bold(middle))
    last = info.char_index(offset + len(line.rstrip()) - 1)
    right = info.box(last)[1] if last >= 0 else x
    return PdfLine(stripped.translate(_HYPHEN_MARKS), x, height - y, size, bold, right=right)


# --- tables ----------------------------------------------------------------------------------


Band = tuple[float, float, float, float]  # top, bottom, left, right


def _ruled_bands(shapes: PageShapes) -> list[Band]:
    """Extents of the ruled grids on a page: runs of vertical rules crossed by at least two
    horizontal rules, one grid per run of touching horizontal rules (two tables side by side
    in two columns are two grids)."""
    vertical, horizontal = shapes.vertical, shapes.horizontal
    out: list[Band] = []
    for x0, x1 in _spans([(a, b) for _, a, b in horizontal]):
        rules = sorted((a, b) for a, b, x in vertical if x0 - 2 <= x <= x1 + 2)
        runs: list[list[float]] = []
        for a, b in rules:
            if runs and a <= runs[-1][1] + 2:
                runs[-1][1] = max(runs[-1][1], b)
            else:
                runs.append([a, b])
        for a, b in runs:
            crossing = sum(
                1 for y, h0, h1 in horizontal if a - 2 <= y <= b + 2 and x0 - 2 <= h0 <= x1 + 2
            )
            if crossing >= 2:
                out.append((a, b, x0, x1))
    return sorted(out)


def _spans(segments: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Horizontal extents covered by touching or overlapping segments."""
    out: list[list[float]] = []
    for a, b in sorted(segments):
        if out and a <= out[-1][1] + 3:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


class _TableReader:
    """pdfplumber's table finder, opened only when a page holds a goals table."""

    def __init__(self, data: bytes, password: str | None, cue: TableCue | None) -> None:
        self.data, self.password, self.cue = data, password, cue
        self._pdf = None

    @property
    def enabled(self) -> bool:
        return self.cue is not None

    def replace(self, page: PdfPage, band: Band) -> None:
        """Put the rows of the goals table in the band in place of its lines."""
        top, bottom, x0, x1 = band
        inside = [
            i
            for i, ln in enumerate(page.lines)
            if top - 1 <= ln.baseline <= bottom + 1 and x0 - 2 <= ln.x <= x1 + 2
        ]
        if not inside or self.cue is None or not self.cue(_header_text(page, inside)):
            return
        rows = self._rows(page, band)
        if len(rows) < 2:
            return
        header = rows[0]
        first = page.lines[inside[0]]
        table_lines = [
            PdfLine(" | ".join(c for c in row if c), first.x, first.baseline, first.size, False,
                    row, () if n == 0 else header)
            for n, row in enumerate(rows)
        ]  # fmt: skip
        taken = set(inside)
        keep = [ln for i, ln in enumerate(page.lines) if i not in taken]
        page.lines = keep[: inside[0]] + table_lines + keep[inside[0] :]

    def _rows(self, page: PdfPage, band: Band) -> list[tuple[str, ...]]:
        top, bottom, x0, x1 = band
        try:
            plumber_page = self._open().pages[page.number - 1]
            # pdfplumber's own page size: PDFium's may differ in the last float digit
            w, h = plumber_page.width, plumber_page.height
            box = (max(x0 - 2, 0), max(top - 2, 0), min(x1 + 2, w), min(bottom + 2, h))
            tables = plumber_page.crop(box).extract_tables()
        except Exception as exc:  # pdfplumber on a damaged page: keep the PDFium lines
            log.warning("page %d: table not read (%s)", page.number, exc)
            return []
        if not tables:
            return []
        return [tuple(_cell_text(c) for c in row) for row in tables[0] if any(row)]

    def _open(self):
        if self._pdf is None:
            import pdfplumber

            self._pdf = pdfplumber.open(io.BytesIO(self.data), password=self.password or "")
        return self._pdf

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


def _header_text(page: PdfPage, inside: list[int]) -> str:
    """The text of a table's first row: its lines (cells, wrapped cells) left to right."""
    first = min(page.lines[i].baseline for i in inside)
    row = [page.lines[i] for i in inside]
    row = [ln for ln in row if ln.baseline <= first + 2.2 * ln.size]
    row.sort(key=lambda ln: (ln.x, ln.baseline))
    return " ".join(ln.text for ln in row)


def _cell_text(cell: str | None) -> str:
    """A cell's lines as one text: hyphenation undone, runs of white space collapsed."""
    text = re.sub(r"(\w)-\n(?=[a-z])", r"\1", (cell or "").translate(_HYPHEN_MARKS))
    return " ".join(text.split())


# --- layout: styles, indentation, paragraph breaks --------------------------------------------


@dataclass(frozen=True, slots=True)
class _Styles:
    body_size: float
    body_bold: bool
    ranks: dict[tuple[float, bool], int]  # heading style -> 1 (largest), 2, ...
    pitch: float  # usual distance between the baselines of two body lines

    def rank(self, line: PdfLine) -> int:
        return self.ranks.get(_style_key(line), 0)


def _style_key(line: PdfLine) -> tuple[float, bool]:
    return (round(line.size * 2) / 2, line.bold)


def document_styles(pages: list[PdfPage]) -> _Styles:
    """Body size and weight (the most text), and the heading styles ranked by size."""
    weight: Counter[tuple[float, bool]] = Counter()
    for page in pages:
        for line in page.lines:
            if not line.cells:
                weight[_style_key(line)] += len(line.text)
    if not weight:
        return _Styles(10.0, False, {}, 12.0)
    (body_size, body_bold), _ = weight.most_common(1)[0]
    total = sum(weight.values())
    headings = [
        key
        for key, chars in weight.items()
        if chars < total * 0.3
        and (key[0] >= body_size * 1.15 or (key[1] and not body_bold and key[0] >= body_size * 0.9))
    ]
    # One size above the body is one heading level, bold or not: a designer's tool may set a
    # heading's regular and synthetic-bold glyphs in two fonts. At body size, bold decides.
    levels = sorted({_level(k, body_size) for k in headings}, key=lambda k: (-k[0], not k[1]))
    rank = {level: n for n, level in enumerate(levels, 1)}
    pitch = _body_pitch(pages, body_size, body_bold)
    return _Styles(body_size, body_bold, {k: rank[_level(k, body_size)] for k in headings}, pitch)


def _level(key: tuple[float, bool], body_size: float) -> tuple[float, bool]:
    return (key[0], True) if key[0] >= body_size * 1.15 else key


def _body_pitch(pages: list[PdfPage], size: float, bold: bool) -> float:
    gaps = [
        b.baseline - a.baseline
        for page in pages
        for a, b in zip(page.lines, page.lines[1:], strict=False)
        if _style_key(a) == _style_key(b) == (size, bold) and 0 < b.baseline - a.baseline < size * 3
    ]
    return median(gaps) if gaps else size * 1.2


def layout(pages: list[PdfPage]) -> list[list[SourceLine]]:
    """Page text as SourceLines: heading lines merged and marked with their style rank,
    indentation as leading spaces, a blank line where the gap between lines says so."""
    styles = document_styles(pages)
    return [_page_text(page, styles) for page in pages]


def _page_margin(
    page: PdfPage, styles: _Styles, gutter: float | None = None, right: bool = False
) -> float:
    """The left edge of the body text (of the left or right column, on a page in two): the
    smallest x that holds a fair share of the lines."""
    lines = [ln for ln in page.lines if gutter is None or (ln.x >= gutter) == right]
    xs = Counter(round(ln.x) for ln in lines if not styles.rank(ln))
    if not xs:
        return min((ln.x for ln in lines), default=0.0)
    top = xs.most_common(1)[0][1]
    common = [x for x, n in xs.items() if n >= max(2, top // 4)]
    return float(min(common or xs))


def _page_text(page: PdfPage, styles: _Styles) -> list[SourceLine]:
    gutter = page.gutter
    margins = (_page_margin(page, styles, gutter, False), _page_margin(page, styles, gutter, True))
    space = max(styles.body_size * 0.28, 1.0)
    out: list[SourceLine] = []
    previous: PdfLine | None = None
    bullet_x: float | None = None  # left edge of the list item being read, if any
    # lines are numbered as a reader counts them on the page: text lines only
    lines = _merged_headings(page.lines, styles)
    for k in contents_entries(lines, styles.rank):  # a contents page: entries as table rows
        lines[k].cells = contents_cells(lines[k].text)
        lines[k].columns = CONTENTS_COLUMNS  # every entry a row: none is a table's header
    for number, line in enumerate(lines, start=1):
        starts_item = bool(_LIST_START.match(line.text))
        ends_item = bullet_x is not None and not starts_item and line.x <= bullet_x + 2
        if previous is not None and (_paragraph_gap(previous, line, styles, gutter) or ends_item):
            out.append(SourceLine("", number - 1, page.number))
        bullet_x = line.x if starts_item else (None if ends_item else bullet_x)
        margin = margins[gutter is not None and line.x >= gutter]  # the column's own margin
        indent = max(0, min(round((line.x - margin) / space), 20)) if not line.cells else 0
        out.append(
            SourceLine(
                " " * indent + line.text,
                number,
                page.number,
                heading=styles.rank(line),
                cells=line.cells,
                columns=line.columns,
            )
        )
        previous = line
    return out


# A list item's first line: a bullet glyph, a dash or a number. Its wrapped lines stand right
# of the bullet (a hanging indent); a line back at the bullet's left edge ends the item.
_LIST_START = re.compile(r"^(?:[\uf0b7\uf0a7•●▪■◦‣►➢✓·*\-–—]|\d{1,2}[.)]|[a-z][.)])\s")


def _paragraph_gap(a: PdfLine, b: PdfLine, styles: _Styles, gutter: float | None) -> bool:
    gap = b.baseline - a.baseline
    if gap < 0 and gutter is not None and a.x < gutter <= b.x:
        # up into the next column: a sentence that has not ended goes on there
        body = not styles.rank(a) and not styles.rank(b) and not a.cells and not b.cells
        ended = a.text.rstrip().endswith(_SENTENCE_ENDS)
        return not body or ended or bool(_LIST_START.match(b.text))
    return gap < 0 or gap > max(styles.pitch, a.size * 1.1) * 1.4


_SENTENCE_ENDS = (".", "!", "?", ":", ";")


def _merged_headings(lines: list[PdfLine], styles: _Styles) -> list[PdfLine]:
    """Consecutive lines of one heading style, close together, are one heading."""
    out: list[PdfLine] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and styles.rank(line)
            and styles.rank(line) == styles.rank(prev)
            and not prev.cells
            and 0 < line.baseline - prev.baseline <= line.size * 1.8
        ):
            prev.text = join_wrapped(prev.text, line.text)
            prev.baseline = line.baseline  # the next line is measured from the last one
            continue
        out.append(line)
    return out


def join_wrapped(left: str, right: str) -> str:
    """Two lines of one heading or cell: "Integraal Veiligheidsplan 2019-" + "2022"."""
    left, right = left.rstrip(), right.strip()
    if re.search(r"\d[-–]$", left) and right[:1].isdigit():
        return left + right
    if re.search(r"[a-zà-ÿ]-$", left) and right[:1].islower():
        return left[:-1] + right
    return f"{left} {right}"
