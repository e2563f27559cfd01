"""Tables that a web page or PDF-to-text flattened into lines, read back into rows.

Three layouts, recognised by their shape alone (which column holds a target is for the
extraction stage to say, from the header words in `rules/`):

- **one cell per paragraph**: the header cells, then each row's cells, every cell its own
  paragraph (a cell may wrap: "Realisatie" / "2019"). A row starts at a text cell that follows
  a figure; rows with as many cells as the header are rows of the table, others stay text
  (their cells cannot be assigned to columns);
- **figures under years**: an indicator, its column groups ("Realisatie cijfers",
  "Streefcijfers"), one year per column and then one figure per column; the groups split the
  years where the years start again;
- **labels, then figures**: k labels followed by k figures (a one-row table);
- **one row per line**: a header line and row lines that each end in the same number of
  figures ("Totale criminaliteit per 1.000 inwoners E Monitor 42,3 33,5").

A recognised table becomes header and row lines with `cells` (the header's cells as `columns`
of each row), as a markdown table would.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .clean import CleanLine
from .headers import group_years

_FIGURE = re.compile(
    r"^(?:(?:minimaal|maximaal|min\.|max\.|ten minste|ten hoogste|circa|ca\.)\s*)?"
    r"[<>≤≥~±+\-–]?\s*(?:€\s*)?\d[\d.,]*\s*(?:%|procent)?\s*(?:\((?:19|20)\d{2}\))?"
    # a relative target keeps its unit: "-10% per jaar", "-24% t.o.v. 2011"
    r"(?:\s*(?:per\s+(?:jaar|maand|kwartaal)|t\.?o\.?v\.?\s+\S+(?:\s+\(\S+\))?))?"
    r"(?:\s*\([^()]{1,30}\))?$|"  # a note on the figure: "11 (2016: 17)", "1.013 (-39,5%)"
    r"^(?:nnb|n\.?b\.?|n\.?v\.?t\.?|nvt|-|–|—|#|\?|pm|p\.m\.)$|"
    # a value stated as a comparison or a direction: "Hoger dan gemiddelde G32", "stijging"
    r"^(?:hoger|lager|beter)(?:\s+dan\s.{0,60})?$|"
    r"^(?:stijging|daling|afname|toename|stabiel|gelijk)"
    r"(?:\s+(?:of|blijven|blijft|t\.?o\.?v\.?)\s.{0,40})?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
# "Bron: politie", "*Zie de toelichting ...": a note under or between the rows, no cell
_NOTE = re.compile(
    r"^(?:[*¹²³]|(?:bron|toelichting|eenheid|opmerking|noot|definitie)\b[^:]{0,20}:)", re.I
)
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-Z]")
MAX_CELL_CHARS = 100
MAX_CELL_WORDS = 14
# a cell on one line of its own may be an indicator's long description ("Percentage bewoners
# dat in de afgelopen 12 maanden ...")
MAX_LINE_CELL_CHARS = 220
MAX_LINE_CELL_WORDS = 30
MAX_CELL_LINES = 3
MIN_ROW_LINES = 2
MAX_RUN_UNITS = 1000  # a flattened table is read in windows of this many cells


@dataclass(slots=True)
class _Unit:
    """Lines between blank lines: one cell, when it is short."""

    start: int  # index of its first line
    end: int  # index after its last line
    text: str
    cell: bool
    figure: bool
    note: bool = False  # "Bron: politie": a note between rows, kept as text after the table


def rebuild_text_tables(lines: list[CleanLine]) -> list[CleanLine]:
    """The lines with every flattened table they hold read back as table rows."""
    units = _units(lines)
    replaced: dict[int, tuple[int, list[CleanLine]]] = {}  # first line -> (end, new lines)
    i = 0
    while i < len(units):
        if not units[i].cell:
            rows = _row_lines(lines, units[i])
            if rows:
                replaced[units[i].start] = (units[i].end, rows)
            i += 1
            continue
        j = i
        while j < len(units) and (units[j].cell or units[j].note):
            j += 1
        for k in range(i, j, MAX_RUN_UNITS):  # bounded work on a page of nothing but cells
            window = units[k : min(j, k + MAX_RUN_UNITS)]
            cells = [u for u in window if u.cell]
            notes = [u for u in window if u.note]
            for first, end, new in _read_run(lines, cells):
                inside = [u for u in notes if first <= u.start < end]
                replaced[first] = (end, new + _note_lines(lines, inside))
        i = j
    return _splice(lines, replaced)


def _splice(
    lines: list[CleanLine], replaced: dict[int, tuple[int, list[CleanLine]]]
) -> list[CleanLine]:
    out: list[CleanLine] = []
    i = 0
    while i < len(lines):
        if i in replaced:
            end, new = replaced[i]
            out.extend(new)
            i = end
        else:
            out.append(lines[i])
            i += 1
    return out


def _units(lines: list[CleanLine]) -> list[_Unit]:
    units: list[_Unit] = []
    i = 0
    while i < len(lines):
        if lines[i].blank:
            i += 1
            continue
        j = i
        while j < len(lines) and not lines[j].blank:
            j += 1
        group = lines[i:j]
        text = " ".join(ln.text.strip() for ln in group).strip()
        plain = all(not ln.cells and not ln.table for ln in group) and all(
            not ln.marker or (len(group) == 1 and _NUMBERED.match(ln.marker)) for ln in group
        )
        cell = plain and (
            _is_cell(text, MAX_LINE_CELL_CHARS, MAX_LINE_CELL_WORDS)
            if len(group) == 1
            else len(group) <= MAX_CELL_LINES and _is_cell(text)
        )
        if cell and group[0].marker:
            text = f"{group[0].marker.strip()} {text}"  # "1. Rapportcijfer ...": a numbered row
        note = plain and bool(_NOTE.match(text)) and len(text) <= MAX_LINE_CELL_CHARS
        cell = cell and not note
        units.append(_Unit(i, j, text, cell, cell and bool(_FIGURE.match(text)), note))
        i = j
    return _continue_labels(units)


_NUMBERED = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]?\s*$")
_LABEL_YEAR = re.compile(r"^(?P<label>.*[^\W\d_].*?)\s+(?:19|20)\d\d$")


def _continue_labels(units: list[_Unit]) -> list[_Unit]:
    """A bare year right after a column label that ends in a year ("Doel 2025" / "2026") is
    that label for the next year: a header cell, not a figure. Years that start again
    ("Streefwaarde 2017" / "2012" / "2013") are another group's."""
    label, last = "", 0
    for u in units:
        m = _LABEL_YEAR.match(u.text) if u.cell and not u.figure else None
        if m:
            label, last = m.group("label"), int(u.text[-4:])
        elif label and u.figure and _YEAR.match(u.text) and int(u.text) > last:
            u.text, u.figure, last = f"{label} {u.text}", False, int(u.text)
        else:
            label = ""
    return units


def _is_cell(text: str, chars: int = MAX_CELL_CHARS, words: int = MAX_CELL_WORDS) -> bool:
    """Short, one statement at most, and not a lead-in or note ("Bron:", "Toelichting:")."""
    return (
        0 < len(text) <= chars
        and len(text.split()) <= words
        and not _SENTENCE_INSIDE.search(text)
        and not re.match(r"^[^:(]{1,40}:", text)  # a lead-in, not "11 (2016: 17)"
    )


def _read_run(lines: list[CleanLine], run: list[_Unit]) -> list[tuple[int, int, list[CleanLine]]]:
    """The tables in a run of cells: (first line, end line, table lines) each."""
    if sum(u.figure for u in run) < 2:
        return []
    found = _figures_under_years(lines, run)
    if found:
        return found
    grouped = _grouped_header(lines, run)
    if grouped:
        return grouped
    table = _header_and_rows(lines, run) or _labels_then_figures(lines, run)
    return [table] if table else []


MAX_LABEL_COLUMNS = 3  # "Nr." / "Omschrijving" / "Bron" before the years


def _grouped_header(lines: list[CleanLine], run: list[_Unit]) -> list[tuple] | None:
    """Labels, column groups and a run of years, then rows of the labels' cells and one figure
    per year ("Doel / Omschrijving / Bron / Realisatie / Raming / 2016 ... 2020", then "1 /
    % Inwoners ... / Monitor / 4% ... 3%"): each year under its group (headers.group_years).
    The label column may go unnamed ("Streefwaarde 2017 / 2012 ... 2015" over "Aantal
    overvallen / -55% / ..."); a row with cells missing stays text between the rows."""
    at = next((k for k in range(len(run) - 1) if _YEAR.match(run[k].text)
               and _YEAR.match(run[k + 1].text)), None)  # fmt: skip
    if at is None:
        return None
    k = 0
    while at + k < len(run) and _YEAR.match(run[at + k].text):
        k += 1
    years = [u.text for u in run[at : at + k]]
    labels = []
    for u in reversed(run[:at]):
        if u.figure or u.text.rstrip().endswith(("?", ":")):
            break  # a figure of an earlier row, or the question or lead-in above the table
        labels.insert(0, u)
    tilings = [(_tile(run[at + k :], p, k), p) for p in range(1, MAX_LABEL_COLUMNS + 1)]
    # the reading with most rows, then the one that leaves fewest cells out of them
    rows, p = max(tilings, key=lambda rp: _covered(rp[0], rp[1] + k))
    if sum(1 for r in rows if len(r) == p + k) < 2:
        return None
    for unnamed in (0, 1):  # every label column named, else the first one unnamed
        for g in range(min(len(labels), len(years)), -1, -1):
            groups = [u.text for u in labels[len(labels) - g :]] if g else []
            spread = group_years(groups, years)
            named = labels[max(0, len(labels) - g - p) : len(labels) - g]
            if spread is None or len(named) != p - unnamed or not named + groups:
                continue
            plain = ["Indicator"] * unnamed + [u.text for u in named]
            first = (named or labels[len(labels) - g :])[0].start
            table = _table(lines, first, rows[-1][-1].end, (*plain, *spread), rows, p + k, k)
            before = [u for u in run if u.end <= first]  # a table of its own may stand before
            return [*_read_run(lines, before), table]
    return None


def _covered(rows: list[list[_Unit]], n: int) -> tuple[int, int]:
    """(rows of width n, cells in them)."""
    full = [r for r in rows if len(r) == n]
    return len(full), sum(len(r) for r in full)


def _tile(cells: list[_Unit], p: int, k: int) -> list[list[_Unit]]:
    """Rows of p label cells (one with words at least) and k figures; the cells between two
    such rows (a row with cells missing) as one piece of another width. After such a piece
    the rows go on where most rows follow (a note may look like a label)."""
    out: list[list[_Unit]] = []
    n, s = p + k, 0
    while s + n <= len(cells):
        if _row_shape(cells[s : s + n], k):
            out.append(cells[s : s + n])
            s += n
            continue
        starts = range(s + 1, min(len(cells) - n + 1, s + 2 * n))
        shapes = Counter(tuple(u.figure for u in r[:p]) for r in out if len(r) == n)
        shape = shapes.most_common(1)[0][0] if shapes else ()

        def fit(t: int, shape: tuple = shape) -> tuple[int, bool, int]:
            """Most rows from t, then the rows' usual shape, then the nearest."""
            own = tuple(u.figure for u in cells[t : t + p]) == shape
            return (_rows_from(cells, t, n, k), own, -t)

        best = max(starts, key=fit, default=None)
        if best is None or not out or _rows_from(cells, best, n, k) == 0:
            break
        out.append(cells[s:best])
        s = best
    return out


def _rows_from(cells: list[_Unit], t: int, n: int, k: int) -> int:
    """How many rows of the shape follow one another from cell t."""
    count = 0
    while t + n <= len(cells) and _row_shape(cells[t : t + n], k):
        count, t = count + 1, t + n
    return count


_ROW_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")


def _row_shape(row: list[_Unit], k: int) -> bool:
    """k figures at the end, a label with words before them, and no measured value first
    (a row starts with its number or its label)."""
    first = row[0] if row else None
    return (
        first is not None
        and len(row) > k
        and (not first.figure or bool(_ROW_NUMBER.match(first.text)))
        and all(u.figure for u in row[-k:])
        and any(not u.figure for u in row[:-k])
    )


def _figures_under_years(
    lines: list[CleanLine], run: list[_Unit]
) -> list[tuple[int, int, list[CleanLine]]]:
    """Indicator, group labels, k years, k figures (repeated per indicator)."""
    out = []
    i = 0
    while i < len(run):
        k = 0
        while i + k < len(run) and _YEAR.match(run[i + k].text):
            k += 1
        figures = run[i + k : i + 2 * k]
        if k < 2 or len(figures) < k or not all(u.figure for u in figures):
            i += max(k, 1)
            continue
        years = [u.text for u in run[i : i + k]]
        for m in (2, 1, 0):  # group labels before the years, the indicator before them
            if i - m - 1 < 0 or any(u.figure for u in run[i - m - 1 : i]):
                continue
            columns = group_years([u.text for u in run[i - m : i]], years)
            indicator = run[i - m - 1]
            if columns and re.search(r"[^\W\d_]{3}", indicator.text):
                header = ("Indicator", *columns)
                row = [indicator, *figures]
                out.append(_table(lines, indicator.start, figures[-1].end, header, [row]))
                break
        i += 2 * k
    return out


def _rows(run: list[_Unit]) -> list[list[_Unit]]:
    """Cells cut into rows: a row starts at a text cell that follows a figure."""
    rows: list[list[_Unit]] = [[]]
    for u in run:
        if rows[-1] and not u.figure and rows[-1][-1].figure:
            rows.append([])
        rows[-1].append(u)
    return rows


def _header_and_rows(lines: list[CleanLine], run: list[_Unit]) -> tuple | None:
    """A header of n cells, then rows of n cells (text first, figures last)."""
    rows = _rows(run)
    first, rest = rows[0], rows[1:]
    n = _row_width(first, rest) if rest else _first_row_width(first)
    if n is None or n < 2 or len(first) < 2 * n:
        return None
    header, row0 = first[-2 * n : -n], first[-n:]
    if any(u.figure for u in header) or not _is_row(row0) or _years_only(row0):
        return None
    body = [row0, *rest]
    columns = tuple(u.text for u in header)
    return _table(lines, header[0].start, run[-1].end, columns, body, width=n)


def _row_width(first: list[_Unit], rest: list[list[_Unit]]) -> int | None:
    """The width of the rows: the one most rows have, among those that leave the first
    segment a header and a first row, and whose first row does not start with a value the
    other rows hold in their second column ("Wettelijk" is a column, not an indicator)."""
    seconds = {r[1].text for r in rest if len(r) > 1}
    counts: dict[int, int] = {}
    for r in rest:
        if _is_row(r):
            counts[len(r)] = counts.get(len(r), 0) + 1
    for n in sorted(counts, key=lambda w: (-counts[w], -w)):
        if len(first) >= 2 * n and _is_row(first[-n:]) and first[-n].text not in seconds:
            return n
    return None


def _first_row_width(first: list[_Unit]) -> int | None:
    """With a single row: the widest split into a header and a row of equal width."""
    for n in range(len(first) // 2, 1, -1):
        header, row = first[-2 * n : -n], first[-n:]
        if not any(u.figure for u in header) and _is_row(row):
            return n
    return None


def _years_only(row: list[_Unit]) -> bool:
    """Labels over years ("Begroting" / "2020" / "2021"): the lower half of a header."""
    figures = [u for u in row if u.figure]
    return len(figures) >= 2 and all(_YEAR.match(u.text) for u in figures)


def _is_row(row: list[_Unit]) -> bool:
    """Text first, then figures to its end once figures start."""
    if not row or row[0].figure or not row[-1].figure:
        return False
    first_figure = next(k for k, u in enumerate(row) if u.figure)
    return all(u.figure for u in row[first_figure:])


def _labels_then_figures(lines: list[CleanLine], run: list[_Unit]) -> tuple | None:
    """k labels followed by k figures at the end of the run (a one-row table)."""
    k = 0
    while k < len(run) and run[len(run) - 1 - k].figure:
        k += 1
    labels = run[len(run) - 2 * k : len(run) - k] if 2 * k <= len(run) else []
    if k < 2 or len(labels) != k or any(u.figure for u in labels):
        return None
    columns = tuple(u.text for u in labels)
    return _table(lines, labels[0].start, run[-1].end, columns, [run[len(run) - k :]])


def _table(
    lines: list[CleanLine],
    first: int,
    end: int,
    columns: tuple[str, ...],
    rows: list[list[_Unit]],
    width: int | None = None,
    figures: int | None = None,
) -> tuple[int, int, list[CleanLine]]:
    """The lines that replace lines[first:end]: the header row, then each row on the line
    where its first cell stood; a row of another width than the header's stays text (with
    `figures`, a row is one that ends in that many figures; else one in _is_row's shape)."""
    top = lines[first]
    out = [CleanLine(" | ".join(columns), top.line, top.page, cells=columns)]
    for row in rows:
        src = lines[row[0].start]
        shaped = _row_shape(row, figures) if figures else _is_row(row)
        if width is not None and (len(row) != width or not shaped):
            for u in row:  # cells that cannot be assigned to columns: text, as they were
                out.append(CleanLine("", src.line, src.page))
                out.extend(lines[u.start : u.end])
            out.append(CleanLine("", src.line, src.page))
            continue
        cells = tuple(u.text for u in row)
        out.append(CleanLine(" | ".join(cells), src.line, src.page, cells=cells, columns=columns))
    return first, end, out


def _note_lines(lines: list[CleanLine], notes: list[_Unit]) -> list[CleanLine]:
    out: list[CleanLine] = []
    for u in notes:
        out.append(CleanLine("", lines[u.start].line, lines[u.start].page))
        out.extend(lines[u.start : u.end])
    return out


def _row_lines(lines: list[CleanLine], unit: _Unit) -> list[CleanLine]:
    """One row per line: a header line, then lines that each end in k figures, the header
    ending in k column labels."""
    group = lines[unit.start : unit.end]
    if len(group) < 1 + MIN_ROW_LINES or any(ln.marker or ln.cells for ln in group):
        return []
    widths = [_trailing_figures(ln.text.split()) for ln in group[1:]]
    k = widths[0]
    head = group[0].text.split()
    if k < 1 or any(w != k for w in widths) or len(head) <= k:
        return []
    if _trailing_figures(head) or any(len(ln.text.split()) <= k for ln in group[1:]):
        return []
    columns = (" ".join(head[:-k]), *head[-k:])
    out = [CleanLine(" | ".join(columns), group[0].line, group[0].page, cells=columns)]
    for ln in group[1:]:
        words = ln.text.split()
        cells = (" ".join(words[:-k]), *words[-k:])
        out.append(CleanLine(" | ".join(cells), ln.line, ln.page, cells=cells, columns=columns))
    return out


def _trailing_figures(words: list[str]) -> int:
    k = 0
    while k < len(words) and _FIGURE.match(words[len(words) - 1 - k]):
        k += 1
    return k
