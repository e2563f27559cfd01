"""Ingest: read a file, clean the text, and structure it into a Document."""

from __future__ import annotations

from ..model import Document
from .clean import clean_lines
from .metadata import detect_metadata
from .readers import read_source
from .structure import build_blocks

__all__ = ["ingest"]


def ingest(path: str) -> Document:
    """Read, clean and structure one document (.txt, .md, .pdf, or "-" for stdin)."""
    raw = read_source(path)
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
