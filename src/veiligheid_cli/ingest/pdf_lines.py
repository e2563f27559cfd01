"""The object model of a PDF page as the reader sees it: its text lines with their place, size
and weight. Under both the PDF reader (ingest/pdf.py) and its layout rules (ingest/pdf_design.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class PdfLine:
    """One line of text as PDFium reads it, in points from the page's top-left corner."""

    text: str
    x: float  # pen position of the first character (the left edge of the text)
    baseline: float
    size: float
    bold: bool
    cells: tuple[str, ...] = ()  # a table row: its cells
    columns: tuple[str, ...] = ()  # a table row: the header of its table
    right: float = 0.0  # the right edge of the last character


@dataclass(slots=True)
class PdfPage:
    number: int
    width: float
    height: float
    lines: list[PdfLine] = field(default_factory=list)
    gutter: float | None = None  # a page in two columns: the x of the white between them
