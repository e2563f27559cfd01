"""Reports for `veiligheid align`: one plan (table, markdown, JSON, CSV) or a matrix of plans."""

from __future__ import annotations

import csv
import io

from ..model import Alignment, AlignmentStatus, Extraction
from . import dump_json, location, md_escape, schema
from .casing import display_for, displayed_alignment

STATUS_STYLE = {"covered": "bold green", "partial": "yellow", "missing": "bold red"}
STATUS_MARK = {"covered": "✔ covered", "partial": "◐ partial", "missing": "✘ missing"}
MATCH_LABEL = {
    "same": "same theme",
    "scope": "what it is about",
    "words": "its words",
    "related": "neighbouring theme",
    "generic": "generic words",
}


def _doc(ex: Extraction) -> dict:
    meta = ex.document.metadata
    return {
        "path": ex.document.path,
        "organization": meta.organization,
        "title": meta.title,
        "kind": meta.kind.value,
        "form": meta.form,
        "name": meta.name or None,
        "period": {"start": meta.period.start, "end": meta.period.end} if meta.period else None,
    }


def alignment_json(a: Alignment) -> dict:
    local, regional = display_for(a.local.document), display_for(a.regional.document)
    return {
        "local": _doc(a.local),
        "regional": _doc(a.regional),
        "regional_priorities": [
            {
                "text": p.regional.text,
                "display": regional(p.regional.text),
                "themes": p.regional.themes,
                "line": p.regional.line,
                "status": p.status.value,
                "score": p.score,
                "reason": p.reason,
                "explanation": p.explanation,
                "evidence": [
                    {
                        "text": e.text,
                        "display": local(e.text),
                        "kind": e.kind,
                        "match": e.match,
                        "line": e.line,
                        "page": e.page,
                        "score": e.score,
                        "themes": e.themes,
                        "target": e.target or None,
                    }
                    for e in p.evidence
                ],
                "more_evidence": p.more_evidence,
            }
            for p in a.priorities
        ],
        "local_only": [
            {
                "text": i.text,
                "display": local(i.text),
                "themes": i.themes,
                "line": i.line,
                "page": i.page,
            }
            for i in a.local_only
        ],
        "coverage": a.coverage,
    }


def to_json(a: Alignment) -> str:
    return dump_json({"schema": schema("align"), **alignment_json(a)})


def _name(ex: Extraction) -> str:
    """A plan by its organization, kind and period; a regional plan by its own name
    ("Regionale Veiligheidsstrategie Midden-Nederland 2019-2022")."""
    meta = ex.document.metadata
    if meta.name:
        return meta.name
    period = f" {meta.period}" if meta.period else ""
    return f"{meta.organization or ex.document.path} ({meta.kind.value}{period})"


def _counts(a: Alignment) -> dict[str, int]:
    counts = {s.value: 0 for s in AlignmentStatus}
    for p in a.priorities:
        counts[p.status.value] += 1
    return counts


def summary_line(a: Alignment) -> str:
    c = _counts(a)
    return (
        f"Coverage {a.coverage:.0%}: {c['covered']} covered, {c['partial']} partial, "
        f"{c['missing']} missing of {len(a.priorities)} regional priorities."
    )


def _abbreviate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def to_markdown(a: Alignment) -> str:
    a = displayed_alignment(a)
    out = [
        f"# Alignment: {_name(a.local)} × {_name(a.regional)}",
        "",
        f"- Local plan: `{a.local.document.path}` — {a.local.document.metadata.title}",
        f"- Regional strategy: `{a.regional.document.path}` — {a.regional.document.metadata.title}",
        "",
        f"**{summary_line(a)}**",
        "",
        "| # | Regional priority | Status | Reason | Best local evidence |",
        "|---|---|---|---|---|",
    ]
    for n, p in enumerate(a.priorities, 1):
        best = p.evidence[0] if p.evidence else None
        ev = (
            f"{md_escape(_abbreviate(best.text, 90))} "
            f"({best.kind}, {location(best.line, best.page)})"
            if best
            else "–"
        )
        out.append(
            f"| {n} | {md_escape(p.regional.text)} | {p.status.value} | `{p.reason}` | {ev} |"
        )
    out += ["", "## Evidence per regional priority", ""]
    for n, p in enumerate(a.priorities, 1):
        themes = ", ".join(p.regional.themes) or "no theme recognised"
        out += [
            f"### {n}. {p.regional.text} — {p.status.value}",
            "",
            f"Themes: {themes}. Decided by `{p.reason}`: {p.explanation}.",
            "",
        ]
        for e in p.evidence:
            out.append(f"> {md_escape(e.text)}")
            out.append(
                f"> — {e.kind} ({MATCH_LABEL.get(e.match, e.match)}), "
                f"{location(e.line, e.page)}, score {e.score:.2f}"
            )
            out.append("")
        if p.more_evidence:
            out += [f"_{_more(p.more_evidence)} in the local plan, not quoted._", ""]
        if not p.evidence:
            out += ["_No evidence in the local plan._", ""]
    out += [f"## Local priorities without a regional counterpart ({len(a.local_only)})", ""]
    out += [
        f"- {md_escape(i.text)} ({location(i.line, i.page)}; {', '.join(i.themes) or '–'})"
        for i in a.local_only
    ]
    if not a.local_only:
        out.append("_None._")
    return "\n".join(out) + "\n"


def to_csv(a: Alignment) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "local",
            "regional",
            "regional_priority",
            "themes",
            "status",
            "score",
            "reason",
            "evidence_text",
            "evidence_kind",
            "evidence_line",
            "evidence_page",
        ]
    )
    for p in a.priorities:
        best = p.evidence[0] if p.evidence else None
        w.writerow(
            [
                a.local.document.path,
                a.regional.document.path,
                p.regional.text,
                " ".join(p.regional.themes),
                p.status.value,
                f"{p.score:.3f}",
                p.reason,
                best.text if best else "",
                best.kind if best else "",
                best.line if best else "",
                best.page if best and best.page else "",
            ]
        )
    return buf.getvalue()


def table_renderables(a: Alignment) -> list:
    from rich.table import Table
    from rich.text import Text

    a = displayed_alignment(a)
    table = Table(
        title=f"{_name(a.local)} × {_name(a.regional)}",
        title_justify="left",
        expand=True,
        show_lines=True,
    )
    table.add_column("Regional priority", ratio=3)
    table.add_column("Verdict", ratio=3, overflow="fold")
    table.add_column("Evidence (local plan)", ratio=6)
    for p in a.priorities:
        evidence = Text()
        for k, e in enumerate(p.evidence):
            if k:
                evidence.append("\n")
            evidence.append(f"{location(e.line, e.page)} {e.kind}: ", style="dim")
            evidence.append(_abbreviate(e.text, 110))
        if p.more_evidence:
            evidence.append(f"\n… and {_more(p.more_evidence)}", style="dim")
        if not p.evidence:
            evidence.append("–", style="dim")
        verdict = Text(STATUS_MARK[p.status.value], style=STATUS_STYLE[p.status.value])
        verdict.append(f"\n{p.reason.replace('_', ' ')}", style="dim")  # wraps at words
        table.add_row(p.regional.text, verdict, evidence)
    local_only = ", ".join(_abbreviate(i.text, 40) for i in a.local_only) or "none"
    return [
        table,
        Text(summary_line(a), style="bold"),
        Text(f"Local-only priorities: {local_only}", style="dim"),
    ]


# --- several plans against one regional strategy -------------------------------------------


def matrix_json(alignments: list[Alignment]) -> str:
    regional = alignments[0].regional
    return dump_json(
        {
            "schema": schema("align-matrix"),
            "regional": _doc(regional),
            "regional_priorities": [p.regional.text for p in alignments[0].priorities],
            "plans": [alignment_json(a) for a in alignments],
        }
    )


def matrix_csv(alignments: list[Alignment]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    priorities = [p.regional.text for p in alignments[0].priorities]
    w.writerow(["plan", "organization", *priorities, "coverage"])
    for a in alignments:
        w.writerow(
            [
                a.local.document.path,
                a.local.document.metadata.organization,
                *[p.status.value for p in a.priorities],
                f"{a.coverage:.3f}",
            ]
        )
    return buf.getvalue()


def matrix_markdown(alignments: list[Alignment]) -> str:
    alignments = [displayed_alignment(a) for a in alignments]
    regional = alignments[0].regional
    priorities = [p.regional.text for p in alignments[0].priorities]
    out = [
        f"# Alignment matrix: {len(alignments)} plans × {_name(regional)}",
        "",
        f"Regional strategy: `{regional.document.path}`",
        "",
        "| Plan | "
        + " | ".join(md_escape(_abbreviate(p, 40)) for p in priorities)
        + " | Coverage |",
        "|---|" + "---|" * len(priorities) + "---|",
    ]
    for a in alignments:
        cells = [p.status.value for p in a.priorities]
        out.append(
            f"| {md_escape(_name(a.local))} | " + " | ".join(cells) + f" | {a.coverage:.0%} |"
        )
    return "\n".join(out) + "\n"


def matrix_renderables(alignments: list[Alignment]) -> list:
    from rich.table import Table
    from rich.text import Text

    alignments = [displayed_alignment(a) for a in alignments]
    regional = alignments[0].regional
    table = Table(title=f"{len(alignments)} plans × {_name(regional)}", title_justify="left")
    table.add_column("Plan")
    for p in alignments[0].priorities:
        table.add_column(_abbreviate(p.regional.text, 30))
    table.add_column("Coverage", justify="right")
    for a in alignments:
        cells = [Text(p.status.value, style=STATUS_STYLE[p.status.value]) for p in a.priorities]
        table.add_row(_name(a.local), *cells, f"{a.coverage:.0%}")
    return [table]


def render(alignments: list[Alignment], fmt: str, output: str | None) -> None:
    """Write one alignment, or a matrix of several, in `fmt` (table, markdown, json, csv, or
    html: the heatmap page)."""
    from . import emit, render_rich

    if fmt == "html":
        from .heatmap import heatmap_from, to_html

        emit(to_html(heatmap_from(alignments)), output)
        return
    if len(alignments) == 1:
        a = alignments[0]
        if fmt == "table":
            render_rich(table_renderables(a), output)
            return
        emit({"markdown": to_markdown, "json": to_json, "csv": to_csv}[fmt](a), output)
        return
    if fmt == "table":
        render_rich(matrix_renderables(alignments), output)
        return
    emit(
        {"markdown": matrix_markdown, "json": matrix_json, "csv": matrix_csv}[fmt](alignments),
        output,
    )


def _more(count: int) -> str:
    return f"{count} more piece{'s' if count != 1 else ''} of evidence"
