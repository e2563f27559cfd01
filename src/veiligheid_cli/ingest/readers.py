"""Readers: bytes on disk (or stdin) -> RawText lines with provenance.

Text and markdown are decoded as UTF-8 with a reported cp1252/latin-1 fallback; form feeds (as
`pdftotext` writes them) are page breaks. PDFs go to `pdf.py` (PDFium, imported lazily). Both
lose their running headers, footers and page numbers here.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..model import RawText, SourceLine

STDIN = "-"
_PDF_MAGIC = b"%PDF-"
_PDF_HEADER_WINDOW = 1024  # readers accept junk before the header, as PDFium and poppler do


def read_source(
    path: str, password: str | None = None, table_cue: Callable[[str], bool] | None = None
) -> RawText:
    """Read a .txt/.md/.pdf file, or stdin for "-", into lines with provenance.

    `password` opens an encrypted PDF; `table_cue` tells the PDF reader which table headers
    announce a goals table (see `pdf.read_pdf`).
    """
    data = _read_bytes(path)
    label = "<stdin>" if path == STDIN else path
    if is_pdf(data):
        from .pdf import read_pdf

        return read_pdf(data, label, password, table_cue)
    if path.lower().endswith(".pdf"):
        raise InputError(f"{label}: not a PDF file (no %PDF header)")
    return read_text_bytes(data, path)


def is_pdf(data: bytes) -> bool:
    """A PDF header at the start, or after some junk bytes (as e-mail gateways leave)."""
    return _PDF_MAGIC in data[:_PDF_HEADER_WINDOW]


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


def _utf16(data: bytes) -> str | None:
    """The encoding of UTF-16 text ("Unicode" from Notepad or Word): by its byte order mark,
    or by the zero byte beside every ASCII letter. None for other data."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 8 and len(sample) % 2 == 0:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
    return None


def decode_text(data: bytes, label: str) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16, falling back to cp1252 then
    latin-1 (with a warning)."""
    utf16 = _utf16(data)
    if utf16:
        try:
            return data.decode(utf16).lstrip("\ufeff"), "utf-16", []
        except UnicodeDecodeError:
            pass  # not UTF-16 after all
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


# --- pages (PDF, and text with form feeds) ---------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:pagina|page|blz\.?|p\.)?\s*\d{1,4}\s*(?:(?:van|of|/)\s*\d{1,4})?"
    r"\s*(?:[-–])?\s*$",
    re.IGNORECASE,
)


_MAX_HEADER_WORDS = 12  # a running header is a short line; a repeated paragraph is text


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
        s
        for s, n in counts.items()
        if s
        and len(s.split()) <= _MAX_HEADER_WORDS
        and len(pages) >= 2
        and n >= max(2, len(pages) * 0.5)
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
