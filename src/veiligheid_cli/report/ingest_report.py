"""Reports for `veiligheid ingest`: the structured document as text, markdown or JSON."""

from __future__ import annotations

from ..model import BlockKind, Document
from . import dump_json, location, schema
from .casing import display_for, displayed_document


def document_json(doc: Document) -> dict:
    meta = doc.metadata
    return {
        "path": doc.path,
        "title": meta.title,
        "organization": meta.organization,
        "kind": meta.kind.value,
        "form": meta.form,
        "name": meta.name or None,
        "period": {"start": meta.period.start, "end": meta.period.end} if meta.period else None,
        "source_format": doc.source_format,
        "pages": doc.page_count,
    }


def to_json(doc: Document) -> str:
    show = display_for(doc)
    return dump_json(
        {
            "schema": schema("ingest"),
            "document": document_json(doc),
            "warnings": doc.warnings,
            "blocks": [
                {
                    "kind": b.kind.value,
                    "text": b.text,
                    "display": show(b.text),
                    "line": b.line,
                    "end_line": b.end_line,
                    "page": b.page,
                    "level": b.level or None,
                    "number": b.number or None,
                    "marker": b.marker or None,
                    "section": b.section,
                }
                for b in doc.blocks
            ],
        }
    )


def to_text(doc: Document) -> str:
    meta = doc.metadata
    period = str(meta.period) if meta.period else "?"
    lines = [
        f"# {doc.path}: {meta.title} ({meta.organization or '?'}, {meta.kind.value}, {period})",
    ]
    for b in doc.blocks:
        where = location(b.line, b.page)
        if b.kind is BlockKind.HEADING:
            tag = f"H{b.level}"
        elif b.kind is BlockKind.LIST_ITEM:
            tag = f"LI {b.marker or '·'}"
        elif b.kind is BlockKind.TABLE_ROW:
            tag = "TR"
        else:
            tag = "P"
        lines.append(f"{where:>12}  {tag:<5} {b.text}")
    return "\n".join(lines) + "\n"


def to_markdown(doc: Document) -> str:
    """The document as markdown, headings in capitals in sentence case."""
    doc = displayed_document(doc)
    meta = doc.metadata
    out = [f"<!-- {doc.path}: {meta.organization}, {meta.kind.value}, {meta.period or ''} -->", ""]
    previous = None
    for b in doc.blocks:
        if b.kind is BlockKind.HEADING:
            out += ["", f"{'#' * min(b.level, 6)} {b.text}", ""]
        elif b.kind is BlockKind.LIST_ITEM:
            if previous is not BlockKind.LIST_ITEM:
                out.append("")
            marker = f"{b.number}." if b.number.isdigit() else "-"
            out.append(f"{marker} {b.text}")
        elif b.kind is BlockKind.TABLE_ROW:
            out.append(f"| {b.text} |")
        else:
            out += ["", b.text]
        previous = b.kind
    text = "\n".join(out).strip() + "\n"
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
