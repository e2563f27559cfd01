"""What a designed PDF says by its layout rather than its text (used by ingest/pdf.py).

- **drawn shapes**, read in one pass over a page's objects: bullets and the rules of grids;
- **bullets drawn as shapes**: a small filled path or image just left of a line's first
  character, apart from it, is a list bullet, though the text layer holds no glyph for it; a
  bullet right of another one nearby is a sub-item's;
- **page bands**: the lines in the top and bottom margin of a page (running headers, page
  numbers) stand at the page's edges in reading order, wherever the content stream drew them;
- **two columns**: a white band in the middle of the body lines is a gutter; the page is read
  column by column between the lines that span both;
- **contents pages**: a run of lines that end in non-decreasing page numbers is a table of
  contents, its entries table rows (title | page), not body text or headings.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from .pdf_lines import PdfLine

MIN_MARKER, MAX_MARKER = 1.5, 9.0  # points: the size of a drawn bullet
MARKER_REACH = 18.0  # points between a bullet and its text
MAX_BULLET_SHARE = 0.55  # a bullet's height, as a share of its text's size
MIN_BULLET_GAP = 0.25  # the white between a bullet and its text, in ems
EDGE_BAND = 0.06  # share of the page height at the top and bottom that holds running lines
MIN_CONTENTS_LINES = 3
CONTENTS_COLUMNS = ("Inhoud", "Pagina")
_CONTENTS_HEADING = re.compile(r"^\s*(?:inhoud(?:sopgave)?|contents)\s*$", re.IGNORECASE)
_PAGE_AT_END = re.compile(r"\s(\d{1,3})$")
_LETTER = re.compile(r"[^\W\d_]")


Marker = tuple[float, float, float, float]  # left, right, top, bottom


@dataclass(slots=True)
class PageShapes:
    """The drawn things on a page that layout reads, from one pass over its objects: bullet
    candidates (small filled shapes and images), and the rules of ruled grids."""

    markers: list[Marker] = field(default_factory=list)
    vertical: list[tuple[float, float, float]] = field(default_factory=list)  # top, bottom, x
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)  # y, x0, x1


MAX_CELL_HEIGHT = 150  # points; a taller outlined box is a frame or a page border, not a cell


def page_shapes(page, height: float) -> PageShapes:
    """Read once per page, in points from the top-left corner (PDFium's path and image
    objects)."""
    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    out = PageShapes()
    for k in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE):
            continue
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        x0, x1, y0, y1 = left.value, right.value, height - top.value, height - bottom.value
        w, h = x1 - x0, y1 - y0
        small = MIN_MARKER <= w <= MAX_MARKER and MIN_MARKER <= h <= MAX_MARKER
        if small and 0.5 <= w / h <= 2 and (kind == raw.FPDF_PAGEOBJ_IMAGE or _filled(obj)):
            out.markers.append((x0, x1, y0, y1))
        elif kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        elif w <= 2.5 and h >= 6:
            out.vertical.append((y0, y1, x0))
        elif h <= 2.5 and w >= 15:
            out.horizontal.append(((y0 + y1) / 2, x0, x1))
        elif w >= 15 and 4 <= h <= MAX_CELL_HEIGHT and _stroked(obj):
            # a cell drawn as an outlined rectangle: its sides are rules too
            out.vertical += [(y0, y1, x0), (y0, y1, x1)]
            out.horizontal += [(y0, x0, x1), (y1, x0, x1)]
    return out


def _stroked(obj) -> bool:
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    return bool(raw.FPDFPath_GetDrawMode(obj, fill, stroke)) and bool(stroke.value)


def _filled(obj) -> bool:
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    return bool(raw.FPDFPath_GetDrawMode(obj, fill, stroke)) and fill.value != 0


def mark_drawn_bullets(lines: list[PdfLine], markers: list[Marker]) -> None:
    """Give a line the bullet glyph its drawn marker stands for, at the marker's place (so
    that its wrapped lines hang right of it, as under a written bullet)."""
    for line in lines:
        band = (line.baseline - 0.8 * line.size, line.baseline + 0.1 * line.size)
        for left, right, m_top, m_bottom in markers:
            # a bullet is small beside its letters and stands apart from them; a chart's
            # legend swatch is as tall as the letters and touches them
            small = m_bottom - m_top <= MAX_BULLET_SHARE * line.size
            beside = small and line.size * MIN_BULLET_GAP <= line.x - right <= MARKER_REACH
            level = band[0] <= (m_top + m_bottom) / 2 <= band[1]  # at the height of its letters
            if beside and level and not line.text.startswith("•"):
                line.text, line.x = f"• {line.text}", left
                break
    _nest_bullets([ln for ln in lines if ln.text.startswith("• ")])


NEST_STEP = (5.0, 40.0)  # points further right than a bullet nearby: a sub-item
NEST_REACH = 150.0  # points up or down to look for that bullet


def _nest_bullets(bullets: list[PdfLine]) -> None:
    """A drawn bullet right of another one nearby is a sub-item: "◦", as a writer types "o"
    under "-" (the structure stage tells the levels apart by their markers)."""
    for line in bullets:
        if any(
            NEST_STEP[0] <= line.x - other.x <= NEST_STEP[1]
            and abs(other.baseline - line.baseline) <= NEST_REACH
            for other in bullets
        ):
            line.text = "◦" + line.text[1:]


def _body(lines: list[PdfLine], height: float) -> tuple[list, list, list]:
    """(top band, body, bottom band) of a page's lines."""
    top = [ln for ln in lines if ln.baseline <= height * EDGE_BAND]
    bottom = [ln for ln in lines if ln.baseline >= height * (1 - EDGE_BAND)]
    edges = {id(ln) for ln in top + bottom}
    return top, [ln for ln in lines if id(ln) not in edges], bottom


def column_gutter(lines: list[PdfLine], width: float, height: float) -> float | None:
    """The x of the white between two columns of body text, when the page has two."""
    return _gutter(_body(lines, height)[1], width) if height > 0 else None


def in_reading_order(
    lines: list[PdfLine], width: float, height: float, gutter: float | None
) -> list[PdfLine]:
    """Lines as a reader reads them: the top band (running header) first and the bottom band
    last; a page set in two columns column by column, between the lines that span both
    (chapter headings); a page whose drawing order jumps about, top to bottom."""
    if height <= 0 or not lines:
        return lines
    top, body, bottom = _body(lines, height)
    if gutter is not None:
        body = _by_columns(body, gutter)
    elif _scrambled(body):
        body = sorted(body, key=lambda ln: (round(ln.baseline), ln.x))
    return top + body + bottom


MIN_GUTTER = 8.0  # points of white between two columns
MIN_COLUMN_LINES = 3


def _gutter(lines: list[PdfLine], width: float) -> float | None:
    """The x of the white band between two columns of text, when the page has two: read
    from the lines set at about the most common size or smaller (a heading may span both
    columns; a table's smaller type stands in one)."""
    sizes = Counter(round(ln.size * 2) for ln in lines)
    body = sizes.most_common(1)[0][0] if sizes else 0
    narrow = [
        ln
        for ln in lines
        if ln.right > ln.x and ln.right - ln.x < width * 0.55 and ln.size * 2 <= body * 1.15
    ]
    if width <= 0 or len(narrow) < 2 * MIN_COLUMN_LINES:
        return None
    # a line or two that PDFium joined across the gutter does not close it
    allowed = max(1, len(narrow) // 20)
    best = _widest_white([(ln.x, ln.right) for ln in narrow], width, allowed)
    if best is None:
        return None
    left = sum(1 for ln in narrow if ln.right <= best)
    right = sum(1 for ln in narrow if ln.x >= best)
    return best if left >= MIN_COLUMN_LINES and right >= MIN_COLUMN_LINES else None


def _widest_white(spans: list[tuple[float, float]], width: float, allowed: int) -> float | None:
    """The middle of the widest stretch of the page's middle (30% to 70% of its width) that
    at most `allowed` spans cover, if at least MIN_GUTTER wide (2-point steps)."""
    step = 2.0
    bins = int(width / step) + 2
    delta = [0] * (bins + 1)
    for a, b in spans:
        delta[max(0, int(a / step))] += 1
        delta[min(bins, int(b / step) + 1)] -= 1
    best, best_width, run, covered = None, MIN_GUTTER, None, 0
    for k in range(bins):
        covered += delta[k]
        inside = width * 0.3 <= k * step <= width * 0.7
        if inside and covered <= allowed:
            run = k if run is None else run
            if (k - run + 1) * step >= best_width:
                best, best_width = (run + k + 1) * step / 2, (k - run + 1) * step
        else:
            run = None
    return best


def _by_columns(lines: list[PdfLine], gutter: float) -> list[PdfLine]:
    """Between the lines that span both columns (they cross the gutter, or a large heading
    with nothing beside it across the gutter): the left column, then the right one."""
    sizes = sorted(ln.size for ln in lines)
    large = sizes[len(sizes) // 2] * 1.25
    right_side: dict[int, list[float]] = {}  # baselines of the right column, per 10 points
    for o in lines:
        if o.x >= gutter:
            right_side.setdefault(int(o.baseline // 10), []).append(o.baseline)

    def spans(ln: PdfLine) -> bool:
        if ln.x < gutter < ln.right:
            return True
        if ln.size < large or ln.x >= gutter:
            return False
        near = (b for k in range(-1, 2) for b in right_side.get(int(ln.baseline // 10) + k, ()))
        return not any(abs(b - ln.baseline) <= ln.size for b in near)  # nothing beside it

    spanning = sorted((ln for ln in lines if spans(ln)), key=lambda ln: ln.baseline)
    out: list[PdfLine] = []
    cuts = {id(ln) for ln in spanning}
    rest = [ln for ln in lines if id(ln) not in cuts]
    floor = float("-inf")
    for cut in [*spanning, None]:
        ceiling = cut.baseline if cut is not None else float("inf")
        band = [ln for ln in rest if floor < ln.baseline <= ceiling]
        out += sorted((ln for ln in band if ln.x < gutter), key=lambda ln: ln.baseline)
        out += sorted((ln for ln in band if ln.x >= gutter), key=lambda ln: ln.baseline)
        if cut is not None:
            out.append(cut)
            floor = ceiling
    return out


def _scrambled(lines: list[PdfLine]) -> bool:
    """The drawing order goes back up the page for a fair share of the lines."""
    ups = sum(1 for a, b in pairwise(lines) if b.baseline < a.baseline - a.size)
    return len(lines) >= 6 and ups >= max(2, len(lines) // 5)


def contents_entries(lines: list[PdfLine], is_heading) -> set[int]:
    """Indices of the lines that are table-of-contents entries: runs of body lines ending in
    page numbers that do not go down, at least three or right under an "Inhoud" heading."""
    out: set[int] = set()
    run: list[int] = []
    last = -1

    def close() -> None:
        announced = bool(run) and run[0] > 0 and _CONTENTS_HEADING.match(lines[run[0] - 1].text)
        if len(run) >= MIN_CONTENTS_LINES or announced:
            out.update(run)

    for i, line in enumerate(lines):
        entry = None if line.cells or is_heading(line) else _entry(line.text)
        near = bool(run) and 0 < line.baseline - lines[run[-1]].baseline <= 3 * line.size
        if entry and int(entry[1]) >= last and (near or not run):
            run.append(i)
            last = int(entry[1])
            continue
        close()
        run, last = ([i], int(entry[1])) if entry else ([], -1)
    close()
    return out


def _entry(text: str) -> tuple[str, str] | None:
    """(title, page) when a line reads as a contents entry: a title with a letter, leader
    dots or not, and a page number at the end."""
    m = _PAGE_AT_END.search(text)
    if not m:
        return None
    title = text[: m.start()].rstrip(" .…\t")
    return (title, m.group(1)) if _LETTER.search(title) else None


def contents_cells(text: str) -> tuple[str, str]:
    """(title, page) of a contents entry."""
    return _entry(text) or (text, "")
