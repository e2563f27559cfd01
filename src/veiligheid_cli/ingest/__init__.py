"""Ingest: read a file, clean the text, and structure it into a Document."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Document, RawText
from .clean import clean_lines, drop_footnotes
from .metadata import detect_metadata
from .readers import read_source, read_text_bytes
from .structure import build_blocks
from .text_tables import rebuild_text_tables

__all__ = ["ingest", "ingest_text"]


def ingest(
    path: str, password: str | None = None, table_cue: Callable[[str], bool] | None = None
) -> Document:
    """Read, clean and structure one document (.txt, .md, .pdf, or "-" for stdin).

    `password` opens an encrypted PDF; `table_cue` recognises the header of a goals table
    (`ExtractRules.is_goal_table_header`), whose rows the PDF reader then reads cell by cell.
    """
    return _structure(read_source(path, password, table_cue))


def ingest_text(text: str, name: str = "<text>") -> Document:
    """Clean and structure a text held in memory (tests, other programs)."""
    return _structure(read_text_bytes(text.encode("utf-8"), name))


def _structure(raw: RawText) -> Document:
    if raw.source_format == "pdf":  # a PDF's tables are read from its layout (ingest/pdf.py)
        lines = clean_lines(raw.lines)
    else:  # a lone figure may be a table cell rather than a footnote marker
        lines = drop_footnotes(rebuild_text_tables(clean_lines(raw.lines, footnotes=False)))
    blocks = build_blocks(lines, layout_gaps=raw.source_format == "pdf")
    metadata = detect_metadata(blocks, raw.path)
    return Document(
        path=raw.path,
        metadata=metadata,
        blocks=blocks,
        source_format=raw.source_format,
        page_count=raw.page_count,
        warnings=raw.warnings,
    )
