"""Pages, for the readers of PDFs and of text with form feeds: running headers and page
numbers removed, pages joined into one line sequence. Below both readers."""

from __future__ import annotations

import re
from collections import Counter

from ..model import SourceLine

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
    A line set in a heading style is never a running line: a cover's title may repeat the
    running header word for word.
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
            running = i in edges and not ln.heading
            if running and _is_running(ln.text, page_no, offset, repeated, norm):
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
