"""Reports of `compare OLD NEW`: a table, a memo in markdown ("Wat is er veranderd?"), JSON."""

from __future__ import annotations

from ..compare import Comparison, GoalChange, PriorityChange
from ..model import Item
from . import dump_json, location, md_escape, rich_to_text, schema, text_width

_MARK = {"kept": "=", "added": "+", "dropped": "-"}


def _side(item: Item | None) -> dict | None:
    if item is None:
        return None
    return {
        "text": item.text,
        "line": item.line,
        "page": item.page,
        "themes": list(item.themes),
        "section": item.section,
    }


def _goal_json(g: GoalChange) -> dict:
    return {
        "status": g.status,
        "old": _side(g.old),
        "new": _side(g.new),
        "old_targets": g.old_targets,
        "new_targets": g.new_targets,
        "target_moved": g.target_moved,
    }


def _name(c: Comparison, which: str) -> str:
    """A side by its body and period: a regional strategy by its own name with its region
    ("Regionale Veiligheidsstrategie Midden-Nederland 2019-2022"), also when a municipality's
    proposal carries it; a local plan by its municipality and period."""
    ex = c.old if which == "old" else c.new
    meta = ex.document.metadata
    if meta.name:
        return meta.name
    period = f" {meta.period}" if meta.period else ""
    return f"{meta.organization or ex.document.path}{period}"


def to_json(c: Comparison) -> str:
    def doc(ex) -> dict:
        meta = ex.document.metadata
        period = {"start": meta.period.start, "end": meta.period.end} if meta.period else None
        return {"path": ex.document.path, "organization": meta.organization,
                "name": meta.name or None, "kind": meta.kind.value, "period": period}  # fmt: skip

    return dump_json(
        {
            "schema": schema("compare"),
            "old": doc(c.old),
            "new": doc(c.new),
            "priorities": [
                {
                    "status": p.status,
                    "old": _side(p.old),
                    "new": _side(p.new),
                    "score": p.score,
                    "reason": p.reason,
                    "reworded": p.reworded,
                    "merged_into": p.merged_into,
                    "goals": [_goal_json(g) for g in p.goals],
                }
                for p in c.priorities
            ],
            "fields": [
                {
                    "field": f.field,
                    "label": f.label,
                    "old_priorities": f.old_priorities,
                    "new_priorities": f.new_priorities,
                    "old_goals": f.old_goals,
                    "new_goals": f.new_goals,
                }
                for f in c.fields
            ],
            "warnings": c.warnings,
        }
    )


def _quote(item: Item | None) -> str:
    if item is None:
        return "–"
    return f"{md_escape(item.text)} ({location(item.line, item.page)})"


def _row_note(p: PriorityChange) -> str:
    if p.status == "kept":
        return f"kept ({p.reason}{', reworded' if p.reworded else ''})"
    if p.merged_into:
        return f"dropped, merged into “{p.merged_into}”"
    return p.status


def to_markdown(c: Comparison) -> str:
    old, new = _name(c, "old"), _name(c, "new")
    counts = {s: sum(1 for p in c.priorities if p.status == s) for s in _MARK}
    out = [
        f"# Wat is er veranderd? {md_escape(old)} → {md_escape(new)}",
        "",
        f"{counts['kept']} priorities kept, {counts['added']} added, {counts['dropped']} dropped.",
        "",
        "| | Old priority | New priority | Change |",
        "|---|---|---|---|",
    ]
    for p in c.priorities:
        out.append(f"| {_MARK[p.status]} | {_quote(p.old)} | {_quote(p.new)} | {_row_note(p)} |")
    goal_lines = [
        f"- {g.status}: {_quote(g.old if g.old else g.new)}"
        + (
            f" — target {', '.join(g.old_targets)} → {', '.join(g.new_targets)}"
            if g.target_moved
            else ""
        )
        for p in c.priorities
        for g in p.goals
    ]
    if goal_lines:
        out += ["", "## Goals of the priorities kept", "", *goal_lines]
    out += ["", "## Attention per field (priorities, goals: old → new)", ""]
    for f in c.fields:
        if f.old_priorities or f.new_priorities or f.old_goals or f.new_goals:
            out.append(
                f"- {f.label}: priorities {f.old_priorities} → {f.new_priorities}, "
                f"goals {f.old_goals} → {f.new_goals}"
            )
    return "\n".join(out) + "\n"


def to_table(c: Comparison, width: int | None = None) -> str:
    from rich.table import Table

    table = Table(title=f"{_name(c, 'old')} → {_name(c, 'new')}", title_justify="left")
    for col in ("", "Old priority", "New priority", "Change"):
        table.add_column(col, overflow="fold")
    for p in c.priorities:

        def side(item: Item | None) -> str:
            return "–" if item is None else f"{item.text} ({location(item.line, item.page)})"

        table.add_row(_MARK[p.status], side(p.old), side(p.new), _row_note(p))
    moved = [g for p in c.priorities for g in p.goals if g.target_moved]
    notes = [
        f"Goal target moved: {g.new.text if g.new else ''} "
        f"({', '.join(g.old_targets)} → {', '.join(g.new_targets)})"
        for g in moved
    ]
    return rich_to_text([table, *notes, *c.warnings], width or text_width())


def to_html(c: Comparison) -> str:
    """Old | new side by side, self-contained (the style of the heatmap page)."""
    from .heatmap import _environment

    rows = [
        {
            "status": p.status,
            "old": p.old,
            "new": p.new,
            "goals": p.goals,
            "note": _row_note(p),
            "old_where": location(p.old.line, p.old.page) if p.old else "",
            "new_where": location(p.new.line, p.new.page) if p.new else "",
        }
        for p in c.priorities
    ]
    counts = {s: sum(1 for p in c.priorities if p.status == s) for s in _MARK}
    return (
        _environment()
        .get_template("compare.html.j2")
        .render(
            rows=rows,
            counts=counts,
            warnings=c.warnings,
            old_name=_name(c, "old"),
            new_name=_name(c, "new"),
        )
    )


def render(fmt: str, c: Comparison) -> str:
    renderers = {"json": to_json, "markdown": to_markdown, "table": to_table, "html": to_html}
    return renderers[fmt](c)
