"""Readers: bytes on disk (or stdin) -> RawText lines with provenance.

Text and markdown are decoded as UTF-8 with a reported cp1252/latin-1 fallback. PDFs are read
with pdfplumber (imported lazily): page numbers are kept, two-column pages are read column by
column, and running headers/footers and bare page numbers are removed.
"""

from __future__ import annotations

import io
import re
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

from ..errors import InputError
from ..model import RawText, SourceLine

STDIN = "-"
_PDF_MAGIC = b"%PDF"


def read_source(path: str) -> RawText:
    """Read a .txt/.md/.pdf file, or stdin for "-", into lines with provenance."""
    data = _read_bytes(path)
    if data.startswith(_PDF_MAGIC) or path.lower().endswith(".pdf"):
        return read_pdf_bytes(data, path)
    return read_text_bytes(data, path)


def _read_bytes(path: str) -> bytes:
    if path == STDIN:
        data = sys.stdin.buffer.read()
        if not data.strip():
            raise InputError("<stdin>: input is empty")
        return data
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, expected a .txt, .md or .pdf file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    return data  # any extension: the binary check decides whether it is text


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


def decode_text(data: bytes, label: str) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8, falling back to cp1252 then latin-1 (with a warning)."""
    if _looks_binary(data):
        raise InputError(f"{label}: looks like a binary file, expected text, markdown or PDF")
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warning = (
            f"{label}: not valid UTF-8 (first bad byte at offset {first_bad}); "
            f"decoded as {encoding}"
        )
        return text, encoding, [warning]
    raise InputError(f"{label}: cannot decode text")  # pragma: no cover - latin-1 never fails


def _form_feed_pages(text: str) -> list[list[SourceLine]]:
    """Lines (numbered as in the file) grouped into the pages that form feeds separate."""
    pages: list[list[SourceLine]] = [[]]
    for number, line in enumerate(text.split("\n"), start=1):
        parts = line.split("\f")
        for k, part in enumerate(parts):
            if k:
                pages.append([])
            if part or k == len(parts) - 1:
                pages[-1].append(SourceLine(part, number, len(pages)))
    return [p for p in pages if any(ln.text.strip() for ln in p)]


def read_text_bytes(data: bytes, path: str) -> RawText:
    label = "<stdin>" if path == STDIN else path
    text, encoding, warnings = decode_text(data, label)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{label}: file has no text")
    if "\f" in text:
        # pdftotext separates pages with form feeds: keep the pages, drop running headers.
        pages, removed = strip_running_headers(_form_feed_pages(text))
        lines = join_pages(pages)
        if removed:
            warnings.append(f"{label}: removed {removed} running header/footer lines")
    else:
        lines = [SourceLine(t, i) for i, t in enumerate(text.split("\n"), start=1)]
    fmt = "markdown" if path.lower().endswith((".md", ".markdown")) else "text"
    page_count = max((ln.page or 0 for ln in lines), default=0) or None
    return RawText(
        path=label,
        lines=lines,
        source_format=fmt,
        encoding=encoding,
        page_count=page_count,
        warnings=warnings,
    )


# --- PDF -------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:pagina|page|blz\.?|p\.)?\s*\d{1,4}\s*(?:(?:van|of|/)\s*\d{1,4})?"
    r"\s*(?:[-–])?\s*$",
    re.IGNORECASE,
)
_MIN_TEXT_CHARS = 20


def read_pdf_bytes(data: bytes, path: str, password: str | None = None) -> RawText:
    """Extract the text layer of a PDF, page by page, in column order."""
    label = "<stdin>" if path == STDIN else path
    if not data.startswith(_PDF_MAGIC):
        raise InputError(f"{label}: not a PDF file (missing %PDF header)")
    import pdfplumber  # lazy: heavy import, not needed for --help or text input
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    pages_lines: list[list[str]] = []
    try:
        with pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
            for page in pdf.pages:
                pages_lines.append(_page_lines(page))
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        cause = exc.__cause__ or exc.__context__
        chain = [exc, cause, *getattr(exc, "args", ())]
        if (
            any(isinstance(e, PDFPasswordIncorrect) for e in chain)
            or "password" in str(exc).lower()
        ):
            raise InputError(f"{label}: PDF is password-protected; decrypt it first") from exc
        raise InputError(
            f"{label}: cannot read PDF (corrupt or unsupported: {_short(exc)})"
        ) from exc

    if sum(len("".join(lines).strip()) for lines in pages_lines) < _MIN_TEXT_CHARS:
        raise InputError(
            f"{label}: PDF has no text layer (scanned image?); run OCR first, e.g. ocrmypdf"
        )
    pages = [
        [SourceLine(t, i, page_no) for i, t in enumerate(page_lines, start=1)]
        for page_no, page_lines in enumerate(pages_lines, start=1)
    ]
    pages, removed = strip_running_headers(pages)
    lines = join_pages(pages)
    warnings = [f"{label}: removed {removed} running header/footer lines"] if removed else []
    return RawText(
        path=label, lines=lines, source_format="pdf", page_count=len(pages_lines), warnings=warnings
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _page_lines(page: object) -> list[str]:
    """Text lines of one page; a two-column page is read left column first."""
    split_x = _column_gap(page)
    if split_x is None:
        return _layout_lines(page)
    width, height = page.width, page.height  # type: ignore[attr-defined]
    left = page.crop((0, 0, split_x, height))  # type: ignore[attr-defined]
    right = page.crop((split_x, 0, width, height))  # type: ignore[attr-defined]
    return [*_layout_lines(left), "", *_layout_lines(right)]


def _layout_lines(page: object) -> list[str]:
    """Lines with the layout that matters downstream recovered from positions.

    A wider gap between two lines than the usual line pitch becomes blank lines (paragraph
    breaks), and a line that starts right of the body's left margin keeps its indent as leading
    spaces (a bullet whose glyph is not text, a continuation, a page-start artefact).
    """
    lines = page.extract_text_lines(strip=True, return_chars=True)  # type: ignore[attr-defined]
    if not lines:
        return []
    lefts = Counter(round(line["x0"]) for line in lines)
    margin = (
        min(x for x, n in lefts.items() if n >= max(2, lefts.most_common(1)[0][1] // 4))
        if len(lines) > 3
        else min(lefts)
    )
    pitches = sorted(b["top"] - a["top"] for a, b in pairwise(lines) if b["top"] > a["top"])
    pitch = pitches[len(pitches) // 4] if pitches else 0.0
    out: list[str] = []
    previous_top: float | None = None
    for line in lines:
        if previous_top is not None and pitch > 0:
            skipped = round((line["top"] - previous_top) / pitch) - 1
            out.extend([""] * max(0, min(skipped, 4)))
        previous_top = line["top"]
        chars = line.get("chars") or []
        size = chars[0].get("size", 10) if chars else 10
        space = max(size * 0.28, 1.0)
        indent = round((line["x0"] - margin) / space)
        out.append(" " * max(0, min(indent, 20)) + line["text"])
    return out


def _column_gap(page: object) -> float | None:
    """x position of an empty vertical gutter near the middle of the page, if the body has one.

    A page counts as two-column when no character crosses a band around the centre and both
    halves carry a fair share of the text.
    """
    chars = [c for c in page.chars if c.get("text", "").strip()]  # type: ignore[attr-defined]
    if len(chars) < 80:
        return None
    width = page.width  # type: ignore[attr-defined]
    lo, hi = width * 0.35, width * 0.65
    step = width / 100
    occupied = [False] * 101
    for c in chars:
        a, b = int(c["x0"] / step), int(c["x1"] / step)
        for k in range(max(a, 0), min(b, 100) + 1):
            occupied[k] = True
    best: tuple[int, int] | None = None
    k = int(lo / step)
    while k <= int(hi / step):
        if not occupied[k]:
            start = k
            while k <= 100 and not occupied[k]:
                k += 1
            if best is None or (k - start) > (best[1] - best[0]):
                best = (start, k)
        k += 1
    if best is None or (best[1] - best[0]) * step < width * 0.02:
        return None
    split_x = (best[0] + best[1]) / 2 * step
    left = sum(1 for c in chars if c["x1"] <= split_x)
    right = len(chars) - left
    if min(left, right) < len(chars) * 0.2:
        return None
    return split_x


def strip_running_headers(
    pages: list[list[SourceLine]],
) -> tuple[list[list[SourceLine]], int]:
    """Remove page numbers and lines repeated at the top or bottom of most pages.

    A bare number at a page edge is a page number only when it follows the page count (the
    same offset from the page index as on most pages); otherwise it may be a footnote marker.
    """

    def norm(s: str) -> str:
        return re.sub(r"\d+", "#", s.strip().lower())

    edge = 2
    counts: Counter[str] = Counter()
    offsets: Counter[int] = Counter()
    for page_no, lines in enumerate(pages, start=1):
        nonblank = [ln.text for ln in lines if ln.text.strip()]
        edges = nonblank[:edge] + nonblank[-edge:]
        for s in {norm(x) for x in edges}:
            counts[s] += 1
        for x in edges:
            m = _PAGE_NUMBER.match(x)
            if m and (digits := re.search(r"\d+", x)):
                offsets[int(digits.group()) - page_no] += 1
    repeated = {
        s for s, n in counts.items() if s and len(pages) >= 3 and n >= max(2, len(pages) * 0.5)
    }
    offset = offsets.most_common(1)[0][0] if offsets else None
    removed = 0
    result = []
    for page_no, lines in enumerate(pages, start=1):
        nonblank_idx = [i for i, ln in enumerate(lines) if ln.text.strip()]
        edges = set(nonblank_idx[:edge] + nonblank_idx[-edge:])
        kept = []
        for i, ln in enumerate(lines):
            if i in edges and _is_running(ln.text, page_no, offset, repeated, norm):
                removed += 1
                continue
            kept.append(ln)
        while kept and not kept[0].text.strip():  # the gap under a removed header: no break
            kept.pop(0)
        while kept and not kept[-1].text.strip():
            kept.pop()
        result.append(kept)
    return result, removed


def join_pages(pages: list[list[SourceLine]]) -> list[SourceLine]:
    """One line sequence; a page break is a paragraph break only after a finished sentence,
    because a paragraph may run on to the next page."""
    lines: list[SourceLine] = []
    for page in pages:
        if lines and page and lines[-1].text.rstrip().endswith((".", "!", "?", ":", ";")):
            lines.append(SourceLine("", lines[-1].line, lines[-1].page))
        lines.extend(page)
    return lines


def _is_running(s: str, page_no: int, offset: int | None, repeated: set[str], norm) -> bool:
    if _PAGE_NUMBER.match(s):
        digits = re.search(r"\d+", s)
        return digits is not None and offset is not None and int(digits.group()) - page_no == offset
    return norm(s) in repeated and norm(s).strip("#").strip() != ""
