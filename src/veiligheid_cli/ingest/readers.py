"""Readers: bytes on disk (or stdin) -> RawText lines with provenance.

Text and markdown are decoded as UTF-8 with a reported cp1252/latin-1 fallback; form feeds (as
`pdftotext` writes them) are page breaks. PDFs go to `pdf.py` (PDFium, imported lazily). Both
lose their running headers, footers and page numbers here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..model import RawText, SourceLine
from .pages import join_pages, strip_running_headers

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
