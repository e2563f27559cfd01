"""Plans as a communication department lays them out, and what `extract` reads back.

Lays each fixture plan with gold (tests/fixtures/plans/gold) out as a designed document
(HTML and CSS printed by Chromium through Playwright): a cover page on a coloured background
with the title set large over three lines, the organisation and the period; a contents page
with leader dots and page numbers; body text in two columns with chapter headings across both;
goals in shaded boxes; list bullets drawn as shapes (no glyph in the text layer); the title
repeated as a running header on every page. Scores the extraction from the PDF against the same
gold as the text. Needs Playwright (PyPI) and a Chromium (Debian: chromium); not part of
`make test`.

    python bench/designed_pdf.py [--keep DIR] [--only NAME]
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Our own fixture plans: the corpus texts are real documents already extracted from PDFs,
# with the artefacts of that extraction, not texts a designer would lay out.
GOLD_DIRS = {ROOT / "tests/fixtures/plans/gold": ROOT / "tests/fixtures/plans"}
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
_GOAL_LABEL = re.compile(r"^(?:ambitie|doel|doelstelling|streefdoel)\b[^:]{0,12}:", re.IGNORECASE)
_GOAL_HEADING = re.compile(r"doel|ambitie|wat willen we bereiken|resultat", re.IGNORECASE)

CSS = """
@page { size: A4; margin: 24mm 16mm 20mm 16mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; line-height: 1.35; color: #222; }
.cover { break-after: page; background: #0b4f6c; color: #fff; height: 248mm; box-sizing: border-box;
  padding: 28mm 14mm; }
.cover .title { font-size: 34pt; line-height: 1.12; font-weight: bold; margin: 0 0 18mm 0; }
.cover .org { font-size: 15pt; margin: 0 0 4mm 0; }
.cover .date { font-size: 11pt; }
.toc { break-after: page; }
.toc h2 { font-size: 18pt; color: #0b4f6c; }
.toc p { display: flex; margin: 1.5mm 0; }
.toc p .t { white-space: nowrap; }
.toc p .dots { flex: 1; border-bottom: 1px dotted #777; margin: 0 2mm 1mm 2mm; }
.toc p.sub { padding-left: 6mm; }
.body { column-count: 2; column-gap: 8mm; }
.body h2 { column-span: all; font-size: 17pt; color: #0b4f6c; margin: 6mm 0 3mm 0; }
.body h3 { font-size: 11.5pt; color: #0b4f6c; margin: 4mm 0 1.5mm 0; break-after: avoid; }
.body p { margin: 0 0 2.5mm 0; }
ul { list-style: none; padding-left: 0; margin: 0 0 2.5mm 0; }
ul li { position: relative; padding-left: 4.5mm; margin-bottom: 1mm; }
ul li::before { content: ''; position: absolute; left: 0.6mm; top: 1.7mm; width: 1.5mm;
  height: 1.5mm; border-radius: 50%; background: #0b4f6c; }
ol { padding-left: 6mm; margin: 0 0 2.5mm 0; }
li ul { padding-left: 5mm; margin: 1mm 0 0 0; }
.box { background: #e3eef4; padding: 2mm 3.5mm; margin: 0 0 3mm 0; break-inside: avoid; }
.box p { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm 0; font-size: 8.5pt;
  break-inside: avoid; }
td, th { border: 0.6pt solid #555; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
"""


def document_html(source: Path) -> tuple[str, str]:
    """The designed HTML of a plan (from its own lines, as a designer gets them), and its
    title (for the running header)."""
    from veiligheid_cli.ingest import ingest

    meta = ingest(str(source)).metadata
    parts = _chunks(source.read_text(encoding="utf-8"))
    title = meta.title or " ".join(parts[0])
    if parts and " ".join(parts[0]).strip() in title:
        parts = parts[1:]  # the title line is the cover's
    body, contents = _body(parts)
    org = meta.organization
    if org and meta.kind.value != "regional":
        org = f"Gemeente {org}"
    page = [
        f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>",
        "<section class='cover'>",
        f"<p class='title'>{_three_lines(title)}</p>",
        f"<p class='org'>{html.escape(org or '')}</p>",
        f"<p class='date'>{html.escape(str(meta.period or ''))}</p>",
        "</section>",
        _contents(contents),
        f"<section class='body'>{''.join(body)}</section>",
        "</body></html>",
    ]
    return "\n".join(page), title


def _chunks(text: str) -> list[list[str]]:
    """Blank-line separated chunks of lines, their indentation kept (a sub-item's)."""
    out: list[list[str]] = [[]]
    for line in text.replace("\f", "\n").split("\n"):
        if line.strip():
            out[-1].append(line.rstrip())
        elif out[-1]:
            out.append([])
    return [c for c in out if c]


def _three_lines(title: str) -> str:
    """The title set over three lines, broken at words."""
    words = title.split()
    cut = [len(words) * k // 3 for k in (1, 2)]
    parts = [words[: cut[0]], words[cut[0] : cut[1]], words[cut[1] :]]
    return "<br>".join(html.escape(" ".join(p)) for p in parts if p)


def _contents(entries: list[tuple[int, str]]) -> str:
    rows = []
    for n, (level, text) in enumerate(entries):
        cls = " class='sub'" if level > 1 else ""
        rows.append(
            f"<p{cls}><span class='t'>{html.escape(text)}</span><span class='dots'></span>"
            f"<span>{3 + n // 2}</span></p>"
        )
    return f"<section class='toc'><h2>Inhoud</h2>{''.join(rows)}</section>" if rows else ""


def _body(parts: list[list[str]]) -> tuple[list[str], list[tuple[int, str]]]:
    """HTML per chunk of lines: headings, lists (bullets, or a column of short lines), tables
    and paragraphs; a list under a goals heading or lead-in stands in a shaded box."""
    from word_export import _BULLET, _heading

    out: list[str] = []
    contents: list[tuple[int, str]] = []
    goals = False
    for raw in parts:
        lines = [ln.strip() for ln in raw]
        heading = _heading(lines[0], len(lines) == 1)
        items = _items(raw)
        if items is not None and len(items) >= 2:
            out.append(_nested_list(items, goals))
            continue
        if heading is not None:
            level, text = heading
            tag = "h2" if level <= 1 else "h3"
            out.append(f"<{tag}>{html.escape(text)}</{tag}>")
            contents.append((level, text))
            goals = bool(_GOAL_HEADING.search(text))
            lines = lines[1:]  # a heading with its text or list right under it
            if not lines:
                continue
        if all(ln.startswith("|") for ln in lines):
            out.append(_table(lines))
            continue
        items = [m.group(1) for ln in lines if (m := _BULLET.match(ln))]
        short = len(lines) >= 2 and all(
            len(ln.split()) <= 6 and not ln.endswith(".") for ln in lines
        )  # a column of short lines: a designer sets it as a list
        if len(items) == len(lines) or short:
            out.append(_list(items if len(items) == len(lines) else lines, goals))
            continue
        lead = [ln for ln in lines if not _BULLET.match(ln)]
        if items and lines[: len(lead)] == lead:  # a lead-in, then its list
            out.append(f"<p>{html.escape(' '.join(lead))}</p>")
            out.append(_list(items, goals or bool(_GOAL_HEADING.search(lead[-1]))))
            continue
        text = " ".join(ln.replace("**", "") for ln in lines)
        paragraph = f"<p>{html.escape(text)}</p>"
        boxed = _GOAL_LABEL.match(text)  # "Ambitie: ...": a goal set apart in a shaded box
        out.append(f"<div class='box'>{paragraph}</div>" if boxed else paragraph)
    return out, contents


def _items(lines: list[str]) -> list[tuple[int, str, str]] | None:
    """(level, marker, text) per item when the chunk is a list (its first line a bullet; a
    line without one continues the item before it), else None."""
    from word_export import _BULLET

    out: list[tuple[int, str, str]] = []
    for raw in lines:
        m = _BULLET.match(raw)
        if m:
            level = 1 if raw[:1] == " " else 0
            marker = raw.strip().split()[0]
            out.append((level, marker, m.group(1)))
        elif out:
            level, marker, text = out[-1]
            out[-1] = (level, marker, f"{text} {raw.strip()}")
        else:
            return None
    return out


def _nested_list(items: list[tuple[int, str, str]], boxed: bool) -> str:
    """Numbered items keep their number as text; bullets are drawn shapes; sub-items nest."""
    html_items: list[str] = []
    for level, marker, text in items:
        label = f"{marker} " if marker[:1].isdigit() else ""
        if level and html_items:
            html_items[-1] += f"<ul><li>{html.escape(text)}</li></ul>"
        else:
            html_items.append(html.escape(label + text.replace("**", "")))
    body = "".join(f"<li>{it}</li>" for it in html_items)
    numbered = items[0][1][:1].isdigit()
    style = " style='list-style:none;padding-left:0'" if numbered else ""
    out = f"<ol{style}>{body}</ol>" if numbered else f"<ul>{body}</ul>"
    return f"<div class='box'>{out}</div>" if boxed else out


def _list(items: list[str], boxed: bool) -> str:
    body = "".join(f"<li>{html.escape(it.replace('**', ''))}</li>" for it in items)
    out = f"<ul>{body}</ul>"
    return f"<div class='box'>{out}</div>" if boxed else out


def _table(lines: list[str]) -> str:
    rows = [
        [c.strip() for c in ln.strip().strip("|").split("|")]
        for ln in lines
        if not re.match(r"^\|[\s:|-]+\|$", ln)
    ]
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows
    )
    return f"<table>{body}</table>"


def print_pdf(page_html: str, title: str, out: Path, browser) -> None:
    page = browser.new_page()
    page.set_content(page_html, wait_until="load")
    header = (
        "<div style='font-size:7pt;color:#555;width:100%;text-align:right;padding:0 16mm'>"
        f"{html.escape(title)}</div>"
    )
    footer = (
        "<div style='font-size:7pt;color:#555;width:100%;text-align:center'>"
        "<span class='pageNumber'></span></div>"
    )
    page.pdf(
        path=str(out), format="A4", print_background=True, display_header_footer=True,
        header_template=header, footer_template=footer,
        margin={"top": "24mm", "bottom": "20mm", "left": "16mm", "right": "16mm"},
    )  # fmt: skip
    page.close()


def designed_pdfs(work: Path, only: str | None = None) -> list[tuple[Path, Path, dict]]:
    """(source, designed PDF, gold) for every document with gold."""
    from playwright.sync_api import sync_playwright

    from veiligheid_cli.evaluate import load_gold

    chromium = next((c for c in CHROMIUM if Path(c).exists()), None)
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        try:
            for gold_dir, doc_dir in GOLD_DIRS.items():
                for gold_path in sorted(gold_dir.glob("*.json")):
                    gold = load_gold(gold_path)
                    source = doc_dir / gold["document"]
                    if only and only not in source.name:
                        continue
                    page_html, title = document_html(source)
                    pdf = work / f"{source.stem}.pdf"
                    print_pdf(page_html, title, pdf, browser)
                    out.append((source, pdf, gold))
        finally:
            browser.close()
    return out


def score(documents: list[tuple[Path, Path, dict]], verbose: bool) -> None:
    from veiligheid_cli.evaluate import Score
    from word_export import score_forms, summary

    totals = {form: {"priorities": Score(), "goals": Score()} for form in ("text", "pdf")}
    periods = {"text": 0, "pdf": 0}
    for source, pdf, gold in documents:
        scores = score_forms(source, pdf, gold, totals, periods)
        if verbose:
            for name in ("priorities", "goals"):
                for m in scores[name].misses:
                    print(f"  {source.name} (pdf) {name} missed: {m[:90]}")
                for e in scores[name].extras:
                    print(f"  {source.name} (pdf) {name} extra: {e[:90]}")
            if not scores["period_right"]:
                print(f"  {source.name} (pdf) period {scores['period']}")
    verdicts = _verdicts({source: pdf for source, pdf, _ in documents}, verbose)
    for form in ("text", "pdf"):
        print(f"{summary(form, totals, periods, len(documents))}; verdicts {verdicts[form]}")


def _verdicts(pdf_of: dict[Path, Path], verbose: bool) -> dict[str, str]:
    """Verdicts right on the fixture pairs (tests/fixtures/plans/verdicts.json), both plans of
    a pair read from their text and from their designed PDFs."""
    import json

    from veiligheid_cli.evaluate import score_verdicts
    from veiligheid_cli.pipeline import Settings, align_extractions, extract_file

    pairs_file = ROOT / "tests/fixtures/plans/verdicts.json"
    pairs = json.loads(pairs_file.read_text(encoding="utf-8"))["pairs"]
    settings = Settings()
    out = {}
    for form in ("text", "pdf"):

        def align_pair(local: Path, regional: Path, form: str = form):
            if form == "pdf":
                local, regional = pdf_of.get(local, local), pdf_of.get(regional, regional)
            return align_extractions(
                extract_file(local, settings), extract_file(regional, settings), settings
            )

        score = score_verdicts(pairs, ROOT, align_pair)
        out[form] = f"{score.right}/{score.total}"
        if verbose and form == "pdf":
            for line in score.disagreements:
                print(f"  verdict (pdf): {line}")
    return out


def main(argv: list[str] | None = None) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="keep the designed PDFs in this directory")
    parser.add_argument("--only", help="only the documents whose file name holds this")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    work = Path(args.keep or tempfile.mkdtemp(prefix="vdesign-"))
    work.mkdir(parents=True, exist_ok=True)
    score(designed_pdfs(work, args.only), args.verbose)
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
