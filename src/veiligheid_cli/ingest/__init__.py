"""Ingest: read a file, clean the text, and structure it into a Document."""

from __future__ import annotations

from ..model import Document, RawText
from .clean import clean_lines
from .metadata import detect_metadata
from .readers import read_source, read_text_bytes
from .structure import build_blocks

__all__ = ["ingest", "ingest_text"]


def ingest(path: str) -> Document:
    """Read, clean and structure one document (.txt, .md, .pdf, or "-" for stdin)."""
    return _structure(read_source(path))


def ingest_text(text: str, name: str = "<text>") -> Document:
    """Clean and structure a text held in memory (tests, other programs)."""
    return _structure(read_text_bytes(text.encode("utf-8"), name))


def _structure(raw: RawText) -> Document:
    blocks = build_blocks(clean_lines(raw.lines))
    metadata = detect_metadata(blocks, raw.path)
    return Document(
        path=raw.path,
        metadata=metadata,
        blocks=blocks,
        source_format=raw.source_format,
        page_count=raw.page_count,
        warnings=raw.warnings,
    )
