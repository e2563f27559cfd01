"""Reports for `veiligheid batch` (index, per-plan files) and `veiligheid common`."""

from __future__ import annotations

from pathlib import Path

from ..batch import BatchResult, ThemeCount
from ..errors import UsageError
from . import align_report, dump_json, md_escape, rich_to_text, schema, text_width, write_atomic
from .casing import display_for
from .heatmap import heatmap_from, to_html


def report_names(paths: list[str]) -> dict[str, str]:
    """A distinct file stem per plan: the file's stem, with its suffix added where two plans
    share a stem, and a counter where that is not enough (same name in two directories)."""
    stems = [Path(p).stem for p in paths]
    names: dict[str, str] = {}
    taken = {"index"}  # index.md and index.json are the batch's own
    for path, stem in zip(paths, stems, strict=True):
        name = stem if stems.count(stem) == 1 else f"{stem}-{Path(path).suffix.lstrip('.')}"
        candidate, n = name, 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{name}-{n}"
        taken.add(candidate.lower())
        names[path] = candidate
    return names


def index_json(result: BatchResult, names: dict[str, str]) -> str:
    plans = []
    for plan in result.plans:
        a = plan.alignment
        plans.append(  # the same keys for every plan; null where a failed plan has no value
            {
                "path": plan.path,
                "status": "ok" if a is not None else "not a plan" if plan.not_a_plan else "failed",
                "organization": a.local.document.metadata.organization if a else None,
                "report": f"{names[plan.path]}.md" if a else None,
                "coverage": a.coverage if a else None,
                "regional_priorities": (
                    {p.regional.text: p.status.value for p in a.priorities} if a else {}
                ),
                "error": plan.error,
            }
        )
    meta = result.regional.document
    return dump_json(
        {
            "schema": schema("batch"),
            "regional": {
                "path": meta.path,
                "organization": meta.metadata.organization,
                "name": meta.metadata.name or None,
            },
            "plans": plans,
            "failed": len(result.failed),
            "not_plans": len(result.not_plans),
        }
    )


def index_markdown(result: BatchResult, names: dict[str, str]) -> str:
    regional = result.regional
    show = display_for(regional.document)
    priorities = [show(p.text) for p in regional.priorities or regional.regional_references]
    ok = [p for p in result.plans if p.ok]
    meta = regional.document.metadata
    region = meta.name or meta.organization or regional.document.path
    out = [
        f"# Batch alignment: {len(result.plans)} plans × {region}",
        "",
        f"Regional strategy: `{regional.document.path}`. "
        f"{len(ok)} aligned, {len(result.failed)} failed"
        + (f", {len(result.not_plans)} not local plans." if result.not_plans else "."),
        "",
        "| Plan | "
        + " | ".join(md_escape(_short(p)) for p in priorities)
        + " | Coverage | Report |",
        "|---|" + "---|" * len(priorities) + "---|---|",
    ]
    for plan in ok:
        a = plan.alignment
        assert a is not None
        cells = [p.status.value for p in a.priorities]
        name = a.local.document.metadata.organization or plan.path
        out.append(
            f"| {md_escape(name)} | "
            + " | ".join(cells)
            + f" | {a.coverage:.0%} | [{names[plan.path]}.md]({names[plan.path]}.md) |"
        )
    if result.not_plans:
        out += ["", "## Not local plans (not aligned; `--all` includes them)", ""]
        out += [f"- `{md_escape(p.path)}`: {p.not_a_plan}" for p in result.not_plans]
    if result.failed:
        out += ["", "## Failed", ""]
        out += [f"- {md_escape(p.error or p.path)}" for p in result.failed]
    return "\n".join(out) + "\n"


def _short(text: str, limit: int = 40) -> str:
    """A column header of at most `limit` characters, cut at a word boundary."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def prepare_outdir(outdir: Path) -> Path:
    """Create the output directory if needed; a one-line error if it cannot be. The one rule
    for -o in every command: what -o names is created, the directory it stands in must exist
    (as for `-o FILE`).

    Call it before the work, so that a bad -o does not cost a whole batch."""
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"{outdir}: exists and is not a directory (give -o a directory)")
    parent = outdir.parent if str(outdir.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{outdir}: output directory {parent} does not exist")
    try:
        outdir.mkdir(exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{outdir}: cannot create the output directory ({exc.strerror})") from exc
    return outdir


def write_outputs(result: BatchResult, outdir: Path) -> list[Path]:
    """Per-plan markdown and JSON reports, index.md, index.json, matrix.csv, and the heatmap:
    index.html (to explore the evidence), heatmap.svg and heatmap.png (for a memo)."""
    prepare_outdir(outdir)
    names = report_names([p.path for p in result.plans])
    written = []
    for plan in result.plans:
        if plan.alignment is None:
            continue
        for suffix, render in ((".md", align_report.to_markdown), (".json", align_report.to_json)):
            target = outdir / f"{names[plan.path]}{suffix}"
            write_atomic(target, render(plan.alignment))
            written.append(target)
    alignments = [p.alignment for p in result.plans if p.alignment is not None]
    outputs = [
        ("index.md", index_markdown(result, names)),
        ("index.json", index_json(result, names)),
    ]
    if alignments:
        outputs.append(("matrix.csv", align_report.matrix_csv(alignments)))
        heatmap = heatmap_from(alignments, names)
        outputs.append(("index.html", to_html(heatmap)))
    for name, text in outputs:
        write_atomic(outdir / name, text)
        written.append(outdir / name)
    if alignments:
        from .charts import write_heatmap

        written += write_heatmap(heatmap, outdir)
    return written


# --- common -------------------------------------------------------------------------------


def common_json(counts: list[ThemeCount], plans: list[str]) -> str:
    return dump_json(
        {
            "schema": schema("common"),
            "plans": plans,
            "themes": [
                {
                    "theme": c.theme,
                    "label": c.label,
                    "field": c.field,
                    "priority_count": len(c.priority_plans),
                    "goal_count": len(c.goal_plans),
                    "priority_plans": c.priority_plans,
                    "goal_plans": c.goal_plans,
                }
                for c in counts
            ],
        }
    )


def common_markdown(counts: list[ThemeCount], plans: list[str]) -> str:
    out = [
        f"# Common themes across {len(plans)} plans",
        "",
        "How many plans name each theme among their priorities (and among their goals): the "
        "greatest common denominator for a regional strategy.",
        "",
        "| Theme | Field | Priority in | Goal in | Plans (priority) |",
        "|---|---|---|---|---|",
    ]
    for c in counts:
        out.append(
            f"| {md_escape(c.label)} (`{c.theme}`) | {md_escape(c.field)} | "
            f"{len(c.priority_plans)}/{len(plans)} | {len(c.goal_plans)}/{len(plans)} | "
            f"{md_escape(', '.join(c.priority_plans)) or '–'} |"
        )
    return "\n".join(out) + "\n"


def common_table(counts: list[ThemeCount], plans: list[str], width: int = 120) -> str:
    from rich.table import Table

    parts: list = []
    table = Table(
        title=f"Common themes across {len(plans)} plans", title_justify="left", expand=True
    )
    table.add_column("Theme", ratio=3)
    table.add_column("Field", ratio=2)
    table.add_column("Priority in", justify="right")
    table.add_column("Goal in", justify="right")
    table.add_column("Plans (priority)", ratio=4, overflow="fold")  # file names: no "…"
    for c in counts:
        table.add_row(
            c.label,
            c.field,
            f"{len(c.priority_plans)}/{len(plans)}",
            f"{len(c.goal_plans)}/{len(plans)}",
            ", ".join(c.priority_plans) or "–",
        )
    parts.append(table)
    return rich_to_text(parts, width or text_width())


def render_common(fmt: str, counts: list[ThemeCount], plans: list[str]) -> str:
    """`common` in `fmt`: table, markdown, json or html (a bar chart page)."""
    if fmt == "html":
        from .heatmap import common_html

        return common_html(counts, plans)
    render = {"table": common_table, "markdown": common_markdown, "json": common_json}[fmt]
    return render(counts, plans)
