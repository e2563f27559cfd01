"""Reports for `veiligheid extract`: table (rich), markdown, JSON (veiligheid/extract/v1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

from ..model import Extraction, Item
from . import dump_json, location, md_escape, rich_to_text, schema, text_width
from .casing import display_for, displayed_extraction
from .ingest_report import document_json


def item_json(item: Item, show: Callable[[str], str] = str) -> dict:
    """An item; `display` is its text as table and markdown reports show it."""
    return {
        "text": item.text,
        "display": show(item.text),
        "themes": item.themes,
        "section": item.section,
        "line": item.line,
        "page": item.page,
        "confidence": item.confidence,
    }


_TABLE_CUES = ("indicator table", "goals table")


def goal_json(item: Item, show: Callable[[str], str] = str) -> dict:
    """A goal: an item plus the indicator and target cells of a table (null elsewhere), the
    target read into parts (`measure`) with its `baseline`, where the goal states them, where
    it came from (`from`: table or text) and `why`."""
    return item_json(item, show) | {
        "indicator": item.indicator or None,
        "target": item.target or None,
        "measure": asdict(item.measure) if item.measure else None,
        "baseline": asdict(item.baseline) if item.baseline else None,
        "from": "table" if _from_table(item) else "text",
        "why": _why_json(item),
    }


def _from_table(item: Item) -> bool:
    """A table's row or a cell of it ("target statement (table cell)")."""
    return item.cue.startswith(_TABLE_CUES) or "(table cell)" in item.cue


def _why_json(item: Item) -> list[dict]:
    return [{"feature": name, "contribution": value} for name, value in item.why]


def priority_json(item: Item, show: Callable[[str], str] = str) -> dict:
    """A priority: an item plus `why`, the model features that moved its probability most."""
    return item_json(item, show) | {"why": _why_json(item)}


def why_text(item: Item) -> str:
    """ "cue_noun +1.20, follows_colon_list +0.90, ..." for the explanation columns."""
    return ", ".join(f"{name} {value:+.2f}" for name, value in item.why) or "–"


def to_json(ex: Extraction) -> str:
    show = display_for(ex.document)
    return dump_json(
        {
            "schema": schema("extract"),
            "document": document_json(ex.document),
            "priorities": [priority_json(i, show) for i in ex.priorities],
            "goals": [goal_json(i, show) for i in ex.goals],
            "regional_references": [
                {
                    "text": i.text,
                    "display": show(i.text),
                    "line": i.line,
                    "page": i.page,
                    "themes": i.themes,
                }
                for i in ex.regional_references
            ],
            "notes": ex.notes,
        }
    )


def _header(ex: Extraction) -> str:
    meta = ex.document.metadata
    period = f" {meta.period}" if meta.period else ""
    return (
        f"{meta.title or ex.document.path} — {meta.organization or '?'} ({meta.kind.value}{period})"
    )


def to_markdown(ex: Extraction, explain: bool = False) -> str:
    ex = displayed_extraction(ex)
    out = [f"# Extraction: {_header(ex)}", "", f"Source: `{ex.document.path}`", ""]
    sections = (
        ("Priorities", ex.priorities),
        ("Goals", ex.goals),
        ("Regional priorities referenced", ex.regional_references),
    )
    for title, items in sections:
        out += [f"## {title} ({len(items)})", ""]
        if not items:
            out += ["_None found._", ""]
            continue
        out += ["| # | Text | Themes | Section | Where | Conf. |", "|---|---|---|---|---|---|"]
        for n, item in enumerate(items, 1):
            out.append(
                f"| {n} | {md_escape(_with_measure(item))} | {', '.join(item.themes) or '–'} | "
                f"{md_escape(item.section)} | {location(item.line, item.page)} | "
                f"{item.confidence:.2f} |"
            )
        out.append("")
    for title, items in (("priorities", ex.priorities), ("goals", ex.goals)):
        if explain and items:
            out += [f"## Why these {title} (the model's strongest features)", ""]
            out += ["| # | Conf. | Features (weight x value) |", "|---|---|---|"]
            out += [f"| {n} | {p.confidence:.2f} | {md_escape(why_text(p))} |"
                    for n, p in enumerate(items, 1)]  # fmt: skip
            out.append("")
    return "\n".join(out)


def _with_measure(item: Item) -> str:
    """A goal's text with its indicator and target cells (a goals table), or the target its
    words state ("target: down by 15% in 2027, baseline 2023")."""
    parts = [
        f"{label}: {value}"
        for label, value in (("indicator", item.indicator), ("target", item.target))
        if value and value not in item.text  # an indicator row reads "indicator: target"
    ]
    base = item.baseline
    if item.measure and not item.target:
        parts.append(f"target: {item.measure.describe(base.year if base else None)}")
    if (
        base
        and (base.value or base.year)
        and not (item.measure and item.measure.comparison == "than")
    ):
        parts.append(f"baseline: {' '.join(filter(None, [base.value, str(base.year or '')]))}")
    return f"{item.text} ({'; '.join(parts)})" if parts else item.text


def to_table(ex: Extraction, width: int | None = None, explain: bool = False) -> str:
    from rich.table import Table
    from rich.text import Text

    ex = displayed_extraction(ex)
    parts: list = []
    parts.append(Text(_header(ex), style="bold"))
    sections = (
        ("Priorities", ex.priorities),
        ("Goals", ex.goals),
        ("Regional priorities referenced", ex.regional_references),
    )
    for title, items in sections:
        table = Table(title=f"{title} ({len(items)})", title_justify="left", expand=True)
        table.add_column("#", justify="right", width=3)
        table.add_column("Text", ratio=5)
        table.add_column("Themes", ratio=2)
        table.add_column("Where", no_wrap=True)
        for n, item in enumerate(items, 1):
            table.add_row(
                str(n),
                _with_measure(item),
                ", ".join(item.themes) or "–",
                location(item.line, item.page),
            )
        parts.append(table)
    for title, items in (("priorities", ex.priorities), ("goals", ex.goals)):
        if explain and items:
            table = Table(title=f"Why these {title}", title_justify="left", expand=True)
            table.add_column("#", justify="right", width=3)
            table.add_column("Conf.", no_wrap=True)
            table.add_column("Strongest features (weight x value)", ratio=5)
            for n, p in enumerate(items, 1):
                table.add_row(str(n), f"{p.confidence:.2f}", why_text(p))
            parts.append(table)
    return rich_to_text(parts, width or text_width())
