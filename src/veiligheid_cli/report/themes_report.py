"""Reports for `veiligheid themes`: the taxonomy as table, markdown or JSON."""

from __future__ import annotations

from ..rules import Taxonomy
from . import dump_json, md_escape, rich_to_text, schema, text_width


def to_json(tax: Taxonomy) -> str:
    return dump_json(
        {
            "schema": schema("themes"),
            "source": tax.path,
            "fields": [{"id": f.id, "label": f.label} for f in tax.fields],
            "themes": [
                {
                    "id": t.id,
                    "label": t.label,
                    "field": t.field,
                    "description": t.description,
                    "terms": list(t.terms),
                    "patterns": list(t.patterns),
                    "related": sorted(tax.related(t.id)),
                }
                for t in tax.themes
            ],
        }
    )


def to_markdown(tax: Taxonomy) -> str:
    out = [f"# Themes ({len(tax.themes)})", "", f"Source: `{tax.path}`", ""]
    for f in tax.fields:
        themes = [t for t in tax.themes if t.field == f.id]
        out += [
            f"## {f.label} ({len(themes)})",
            "",
            "| id | label | terms | related |",
            "|---|---|---|---|",
        ]
        for t in themes:
            terms = ", ".join(t.terms[:6]) + (", …" if len(t.terms) > 6 else "")
            out.append(
                f"| `{t.id}` | {md_escape(t.label)} | {md_escape(terms)} | "
                f"{', '.join(sorted(tax.related(t.id)))} |"
            )
        out.append("")
    return "\n".join(out)


def to_table(tax: Taxonomy, width: int | None = None) -> str:
    from rich.table import Table

    parts: list = []
    table = Table(
        title=f"Themes ({len(tax.themes)}) from {tax.path}", title_justify="left", expand=True
    )
    for col in ("field", "id", "label", "terms", "related"):
        table.add_column(col, ratio=3 if col == "terms" else 2)
    for f in tax.fields:
        for t in (t for t in tax.themes if t.field == f.id):
            terms = ", ".join(t.terms[:5]) + (", …" if len(t.terms) > 5 else "")
            table.add_row(f.label, t.id, t.label, terms, ", ".join(sorted(tax.related(t.id))))
    parts.append(table)
    return rich_to_text(parts, width or text_width())
