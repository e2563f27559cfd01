"""The coverage heatmap as a picture for a memo: SVG and PNG, drawn with matplotlib.

matplotlib is imported here only, when a picture is drawn (it costs about half a second).
Cells carry a symbol and the score besides the colour, so the picture also reads in grey.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from . import write_atomic
from .heatmap import SYMBOL, VERDICTS, Heatmap

COLOURS = {"covered": "#1a7f3c", "partial": "#f2b33d", "missing": "#c0392b"}
TEXT_COLOURS = {"covered": "white", "partial": "#1d2430", "missing": "white"}
PNG_DPI = 150
MIN_WIDTH_INCHES = 12.0  # 1,800 px at PNG_DPI; never under 1,200
LARGE_FIGURE_INCHES = 16.0  # taller than this (about 25 plans): PNG at 100 dpi
LABEL_WIDTH = 22  # characters per line of a wrapped priority name


def _wrap(text: str, width: int, lines: int = 4) -> str:
    return textwrap.fill(text, width, max_lines=lines, placeholder=" …")


def _figure(heatmap: Heatmap):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    cols, rows = len(heatmap.columns), len(heatmap.rows)
    labels = [_wrap(c.label, LABEL_WIDTH) for c in heatmap.columns]
    label_lines = max((label.count("\n") + 1 for label in labels), default=1)
    width = max(MIN_WIDTH_INCHES, 4.2 + 2.0 * cols + 1.2)
    height = 1.4 + 0.5 * (rows + 1) + 0.22 * label_lines
    fig = Figure(figsize=(width, height))
    left, right = 3.9 / width, 1 - 1.3 / width
    bottom, top = 0.9 / height, 1 - (0.55 + 0.22 * label_lines) / height
    ax = fig.add_axes((left, bottom, right - left, top - bottom))
    ax.set_xlim(0, cols)
    ax.set_ylim(rows + 1, 0)
    ax.axis("off")
    return fig, ax, labels


def _draw_cells(ax, heatmap: Heatmap) -> None:
    from matplotlib.patches import FancyBboxPatch

    for r, row in enumerate(heatmap.rows):
        for c, cell in enumerate(row.cells):
            box = FancyBboxPatch((c + 0.04, r + 0.06), 0.92, 0.88,
                                 boxstyle="round,pad=0,rounding_size=0.06",
                                 facecolor=COLOURS[cell.verdict], edgecolor="none")  # fmt: skip
            ax.add_patch(box)
            ax.text(c + 0.5, r + 0.5, f"{SYMBOL[cell.verdict]} {cell.score:.2f}\n{cell.verdict}",
                    ha="center", va="center", fontsize=9.5, linespacing=1.3,
                    color=TEXT_COLOURS[cell.verdict])  # fmt: skip
        name = _wrap(row.name, 34, 2)
        ax.text(-0.08, r + 0.5, name, ha="right", va="center", fontsize=10, fontweight="bold")
        ax.text(len(heatmap.columns) + 0.1, r + 0.5, f"{row.coverage:.0%}", ha="left",
                va="center", fontsize=10.5, fontweight="bold")  # fmt: skip


def _draw_margins(ax, heatmap: Heatmap, labels: list[str]) -> None:
    rows = len(heatmap.rows)
    for c, (column, label) in enumerate(zip(heatmap.columns, labels, strict=True)):
        ax.text(c + 0.5, -0.12, label, ha="center", va="bottom", fontsize=9.5, fontweight="bold")
        counts = " · ".join(f"{column.counts[v]} {SYMBOL[v]}" for v in VERDICTS)
        ax.text(c + 0.5, rows + 0.5, f"{column.share():.0%} covered\n{counts}", ha="center",
                va="center", fontsize=8.5, color="#5b6472")  # fmt: skip
    ax.text(-0.08, rows + 0.5, "Plans that cover it", ha="right", va="center", fontsize=9,
            color="#5b6472")  # fmt: skip
    ax.text(len(heatmap.columns) + 0.1, -0.12, "Coverage", ha="left", va="bottom",
            fontsize=9.5, fontweight="bold")  # fmt: skip


def _draw_titles(fig, heatmap: Heatmap) -> None:
    fig.text(0.01, 0.985, heatmap.title, ha="left", va="top", fontsize=13, fontweight="bold")
    legend = "     ".join(f"{SYMBOL[v]} {v}" for v in VERDICTS)
    fig.text(0.01, 0.015, f"{legend}     (score: strength of the best evidence, 0–1)",
             ha="left", va="bottom", fontsize=9, color="#5b6472")  # fmt: skip


def _draw(heatmap: Heatmap):
    fig, ax, labels = _figure(heatmap)
    _draw_cells(ax, heatmap)
    _draw_margins(ax, heatmap, labels)
    _draw_titles(fig, heatmap)
    return fig


def _save(fig, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "svg":
        fig.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
    else:  # a long table of plans: fewer dots per inch, never under MIN_WIDTH_INCHES * 100 px
        dpi = PNG_DPI if fig.get_figheight() <= LARGE_FIGURE_INCHES else 100
        fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def render_heatmap(heatmap: Heatmap, fmt: str) -> bytes:
    """The heatmap drawn as `fmt` ("svg" or "png")."""
    return _save(_draw(heatmap), fmt)


def write_heatmap(heatmap: Heatmap, outdir: Path) -> list[Path]:
    """`heatmap.svg` and `heatmap.png` in `outdir` (each written atomically)."""
    fig = _draw(heatmap)
    written = []
    for fmt in ("svg", "png"):
        target = outdir / f"heatmap.{fmt}"
        write_atomic(target, _save(fig, fmt))
        written.append(target)
    return written
