"""Plans as a municipality exports them from Word, and what `extract` reads back.

Turns each text with gold (corpus/gold, tests/fixtures/plans/gold) into a .docx the way a
writer would format it (python-docx: numbered and markdown headings in heading styles, short
title lines as headings, bullets as list paragraphs, markdown tables as ruled Word tables, body
in a serif font), converts it to PDF
with LibreOffice (`soffice --convert-to pdf`), and scores the extraction from the PDF against
the same gold as the text. Needs `python-docx` (PyPI) and LibreOffice (Debian:
libreoffice-writer-nogui); not part of `make test`.

    python bench/word_export.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIRS = {
    ROOT / "corpus" / "gold": ROOT / "corpus",
    ROOT / "tests/fixtures/plans/gold": ROOT / "tests/fixtures/plans",
}
_NUMBERED = re.compile(r"^((?:\d{1,2}\.){0,3}\d{1,2})\.?\s+([A-Z‘'(].{0,90})$")
_MARKDOWN = re.compile(r"^(#{1,4})\s+(.*)$")
_BULLET = re.compile(r"^\s*(?:[\uf0b7•\-–*]|o(?=\s)|\d{1,2}[.)]|[a-z]\))\s+(.*)$")


def chunks(text: str) -> list[list[str]]:
    """Blank-line separated chunks of non-empty lines (form feeds are page breaks)."""
    out, cur = [], []
    for line in text.replace("\f", "\n").split("\n"):
        if line.strip():
            cur.append(line.strip())
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def write_docx(text: str, path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "DejaVu Serif"
    doc.styles["Normal"].font.size = Pt(10.5)
    for chunk in chunks(text):
        _add_chunk(doc, chunk)
    doc.save(str(path))


def _add_table(doc, rows: list[list[str]]) -> None:
    """A markdown table as a Word table with the default ruled style ("Table Grid")."""
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows), style="Table Grid")
    for cells, row in zip(rows, table.rows, strict=True):
        for text, cell in zip(cells, row.cells, strict=False):
            cell.text = text


def _add_chunk(doc, lines: list[str]) -> None:
    paragraph: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            doc.add_paragraph(" ".join(paragraph))
            paragraph.clear()
        if table:
            _add_table(doc, table)
            table.clear()

    for line in lines:
        if line.startswith("|"):
            if paragraph:
                flush()
            if not re.match(r"^\|[\s:|-]+\|$", line):
                table.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        if table:
            flush()
        heading = _heading(line, len(lines) == 1)
        bullet = _BULLET.match(line)
        if heading is not None:
            flush()
            doc.add_heading(heading[1], level=heading[0])
        elif bullet:
            flush()
            nested = len(line) - len(line.lstrip()) >= 2  # an indented bullet is a sub-item
            style = "List Bullet 2" if nested else "List Bullet"
            doc.add_paragraph(bullet.group(1).replace("**", ""), style=style)
        else:
            paragraph.append(line.replace("**", ""))
    flush()


def _heading(line: str, alone: bool) -> tuple[int, str] | None:
    m = _MARKDOWN.match(line)
    if m:
        return len(m.group(1)), m.group(2).replace("**", "")
    m = _NUMBERED.match(line)
    if m and not line.endswith((".", ",", ":")):
        return m.group(1).count(".") + 1, line
    words = line.replace("**", "").split()
    if alone and 0 < len(words) <= 8 and not line.endswith((".", ",", ":", "!", "?", ";")):
        return 2, line.replace("**", "")
    return None


def to_pdf(docx: Path, outdir: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return outdir / f"{docx.stem}.pdf"


def score_documents(work: Path) -> tuple[dict, dict, int]:
    """Scores per form ("text", "pdf") and list, periods right per form, documents."""
    from veiligheid_cli.evaluate import Score, load_gold

    totals = {form: {"priorities": Score(), "goals": Score()} for form in ("text", "pdf")}
    periods = {"text": 0, "pdf": 0}
    n = 0
    for gold_dir, doc_dir in GOLD_DIRS.items():
        for gold_path in sorted(gold_dir.glob("*.json")):
            gold = load_gold(gold_path)
            source = doc_dir / gold["document"]
            docx = work / f"{source.stem}.docx"
            write_docx(source.read_text(encoding="utf-8"), docx)
            pdf = to_pdf(docx, work)
            n += 1
            scores = score_forms(source, pdf, gold, totals, periods)
            if scores["priorities"].misses:
                print(f"  {source.name} (pdf) missed: {scores['priorities'].misses}")
    return totals, periods, n


def score_forms(source: Path, pdf: Path, gold: dict, totals: dict, periods: dict) -> dict:
    """Add one document's text and PDF scores to the totals; the PDF's scores."""
    from veiligheid_cli.evaluate import score_extraction
    from veiligheid_cli.pipeline import Settings, extract_file

    for form, path in (("text", source), ("pdf", pdf)):
        ex = extract_file(path, Settings())
        scores = score_extraction(ex, gold)
        for name in totals[form]:
            totals[form][name].add(scores[name])
        period = ex.document.metadata.period
        want = [gold["period"]["start"], gold["period"]["end"]]
        right = bool(period) and [period.start, period.end] == want
        periods[form] += right
        scores["period_right"], scores["period"] = right, (period, want)
    return scores


def summary(form: str, totals: dict, periods: dict, n: int) -> str:
    """One form's line: precision, recall and F1 per list, periods right."""
    parts = []
    for name, s in totals[form].items():
        both = s.precision + s.recall
        f1 = 2 * s.precision * s.recall / both if both else 0.0
        parts.append(f"{name} P={s.precision:.2f} R={s.recall:.2f} F1={f1:.2f}")
    return f"{form:4} ({n} documents): " + "; ".join(parts) + f"; period {periods[form]}/{n}"


def main(argv: list[str] | None = None) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="keep the .docx and .pdf files in this directory")
    args = parser.parse_args(argv)
    work = Path(args.keep or tempfile.mkdtemp(prefix="vword-"))
    work.mkdir(parents=True, exist_ok=True)
    totals, periods, n = score_documents(work)
    for form in ("text", "pdf"):
        print(summary(form, totals, periods, n))
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
