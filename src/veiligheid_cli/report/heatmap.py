"""The coverage heatmap: plans (rows) x regional priorities (columns), one verdict per cell.

`heatmap_from` turns alignments into a plain view model; `to_html` renders it as one
self-contained page (Jinja2; CSS and JS inline, no network), `charts.write_heatmap` as SVG and
PNG (matplotlib). Jinja2 is imported only here, and only when a page is rendered, so that the
cold start of the other commands does not pay for it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..model import Alignment, PriorityAlignment
from . import location
from .casing import display_for, displayed_alignment

VERDICTS = ("covered", "partial", "missing")
SYMBOL = {"covered": "✔", "partial": "◐", "missing": "✘"}
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(slots=True)
class Quote:
    """A piece of evidence as the page shows it."""

    text: str
    kind: str
    where: str
    target: str = ""  # a goal's target in words


@dataclass(slots=True)
class Cell:
    plan: str  # the plan's file stem (data-plan)
    priority: str  # the regional priority's text (data-priority)
    verdict: str  # covered | partial | missing (data-verdict)
    score: float
    reason: str
    explanation: str
    evidence: list[Quote]
    more: int = 0  # further pieces of evidence, not quoted (align's more_evidence)


@dataclass(slots=True)
class Row:
    plan: str  # file stem
    name: str  # organisation (or the file name)
    title: str
    report: str  # link to the plan's own report, or ""
    coverage: float
    cells: list[Cell]


@dataclass(slots=True)
class Column:
    priority: str  # as written (the data hook)
    label: str  # as shown (sentence case)
    counts: dict[str, int] = field(default_factory=dict)  # verdict -> number of plans

    def share(self, verdict: str = "covered") -> float:
        total = sum(self.counts.values())
        return self.counts.get(verdict, 0) / total if total else 0.0


@dataclass(slots=True)
class Heatmap:
    title: str
    regional: str  # the regional strategy's name
    regional_path: str
    columns: list[Column]
    rows: list[Row]


def _cell(plan: str, shown: PriorityAlignment, written: PriorityAlignment) -> Cell:
    return Cell(
        plan=plan,
        priority=written.regional.text,
        verdict=shown.status.value,
        score=round(shown.score, 2),
        reason=shown.reason,
        explanation=shown.explanation,
        evidence=[
            Quote(e.text, e.kind, location(e.line, e.page), e.target) for e in shown.evidence
        ],
        more=shown.more_evidence,
    )


def _plans(count: int) -> str:
    return "1 plan" if count == 1 else f"{count} plans"


def _capitalised(text: str) -> str:
    """A column label: "het bevorderen van cyberveiligheid" -> "Het bevorderen van ..."."""
    return text[:1].upper() + text[1:]


def _name(a: Alignment) -> str:
    meta = a.local.document.metadata
    return meta.organization or Path(a.local.document.path).name


def heatmap_from(
    alignments: list[Alignment], report_names: dict[str, str] | None = None
) -> Heatmap:
    """The heatmap of `alignments` (all with the same regional strategy). `report_names` maps a
    plan's path to the name of its own reports (`NAME.md`, as `batch` writes them), which then
    also names the plan in `data-plan`; without it the file stem does, and no report is linked."""
    regional = alignments[0].regional
    show = display_for(regional.document)
    columns = [
        Column(p.regional.text, _capitalised(show(p.regional.text)), dict.fromkeys(VERDICTS, 0))
        for p in alignments[0].priorities
    ]
    rows = []
    for a in alignments:
        path = a.local.document.path
        plan = report_names[path] if report_names else Path(path).stem
        report = f"{plan}.md" if report_names else ""
        shown = displayed_alignment(a)
        cells = [_cell(plan, s, w) for s, w in zip(shown.priorities, a.priorities, strict=True)]
        for column, cell in zip(columns, cells, strict=True):
            column.counts[cell.verdict] += 1
        title = a.local.document.metadata.title
        rows.append(Row(plan, _name(a), title, report, a.coverage, cells))
    meta = regional.document.metadata
    name = meta.organization or Path(regional.document.path).name
    period = f" {meta.period}" if meta.period else ""
    if meta.name:  # the strategy's own name, which carries its period
        name, period = meta.name, ""
    return Heatmap(
        title=f"Coverage of the regional priorities: {_plans(len(rows))} × {name}{period}",
        regional=f"{name}{period}",
        regional_path=regional.document.path,
        columns=columns,
        rows=rows,
    )


def _json_for_script(payload: object) -> str:
    """JSON safe inside <script>: no '</' that could end the element early."""
    text = json.dumps(payload, ensure_ascii=False)
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = lambda value: f"{value:.0%}"
    return env


def to_html(heatmap: Heatmap) -> str:
    """The heatmap as one self-contained HTML page."""
    rows = [
        {
            "name": r.name,
            "title": r.title,
            "report": r.report,
            "cells": [asdict(c) for c in r.cells],
        }
        for r in heatmap.rows
    ]
    return (
        _environment()
        .get_template("heatmap.html.j2")
        .render(
            heatmap=heatmap,
            symbol=SYMBOL,
            verdicts=VERDICTS,
            rows_json=_json_for_script({"rows": rows}),
        )
    )


def common_html(counts: list, plans: list[str]) -> str:
    """`common` as a page: themes as bars, by the number of plans that prioritise them."""
    return _environment().get_template("common.html.j2").render(counts=counts, plans=plans)
