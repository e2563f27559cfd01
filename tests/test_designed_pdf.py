"""Designed PDFs (issue "Designed PDFs"): our own fixture plans laid out as a communication
department would (bench/designed_pdf.py: a cover with the title over three lines, a contents
page, two columns, goals in shaded boxes, bullets drawn as shapes, a running header), printed
by the system Chromium, and read back with the same priorities and goals as their texts. Then
the layout rules one by one, on lines made up for the purpose."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from test_heatmap import CHROMIUM_ARGS, chromium_path
from veiligheid_cli.evaluate import load_gold, score_extraction
from veiligheid_cli.ingest import ingest
from veiligheid_cli.ingest.pdf_design import (
    column_gutter,
    contents_entries,
    in_reading_order,
    mark_drawn_bullets,
)
from veiligheid_cli.ingest.pdf_lines import PdfLine
from veiligheid_cli.model import BlockKind
from veiligheid_cli.pipeline import Settings, extract_file

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "tests/fixtures/plans"
# one plan per layout: boxes in two columns, lettered headings, a nested list, a priorities
# table, "o" goals under numbered priorities, a rating table, "Hoofdstuk" chapters
DESIGNED = [
    "ivp-venlo-2023-2026",
    "ivp-zeist-2023-2026",
    "rvs-oost-nederland-2023-2026",
    "ivp-ede-2023-2026",
    "ivp-gouda-2023-2026",
    "ivp-hellendoorn-2025-2028",
    "ivp-lochem-2024-2027",
]


@pytest.fixture(scope="module")
def designed(tmp_path_factory) -> dict[str, Path]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "bench"))
    from designed_pdf import document_html, print_pdf

    out = tmp_path_factory.mktemp("designed")
    pdfs = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            for name in DESIGNED:
                source = next(PLANS.glob(f"{name}.*"))
                page_html, title = document_html(source)
                pdfs[name] = out / f"{name}.pdf"
                print_pdf(page_html, title, pdfs[name], browser)
        finally:
            browser.close()
    return pdfs


@pytest.mark.parametrize("name", DESIGNED)
def test_a_designed_plan_reads_as_its_text(designed, name):
    gold = load_gold(PLANS / "gold" / f"{name}.json")
    ex = extract_file(designed[name], Settings())
    scores = score_extraction(ex, gold)
    assert not scores["priorities"].misses and not scores["priorities"].extras, scores
    goals = scores["goals"]
    assert goals.recall >= 0.95 and goals.precision >= 0.95, (goals.misses, goals.extras)
    meta = ex.document.metadata
    assert meta.period and [meta.period.start, meta.period.end] == [
        gold["period"]["start"],
        gold["period"]["end"],
    ]


def test_the_cover_gives_the_title_and_the_contents_page_no_headings(designed):
    doc = ingest(str(designed["ivp-zeist-2023-2026"]))
    assert doc.metadata.title == "Veiligheidsplan Zeist 2023 - 2026"  # three lines joined
    page = next(b.page for b in doc.blocks if b.text == "Inhoud")
    contents = [b for b in doc.blocks if b.page == page]
    assert contents[0].text == "Inhoud"
    assert all(b.kind is BlockKind.TABLE_ROW for b in contents[1:])  # entries, not headings
    assert [b.cells for b in contents[1:3]] == [("Voorwoord", "3"), ("Burgemeester van Zeist", "3")]


def test_drawn_bullets_make_list_items_with_their_level(designed):
    doc = ingest(str(designed["rvs-oost-nederland-2023-2026"]))
    items = [(b.marker, b.text) for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items[:3] == [
        ("•", "Ondermijning"),
        ("o", "ambitie: criminele netwerken worden verstoord"),  # a sub-item: the white bullet
        ("o", "ambitie: de weerbaarheid van het buitengebied neemt toe"),
    ]


# --- the layout rules on made-up lines ---------------------------------------------------------


def line(text: str, x: float, y: float, size: float = 10.0, right: float | None = None):
    return PdfLine(text, x, y, size, False, right=right if right is not None else x + 6 * len(text))


def test_two_columns_are_read_column_by_column_between_spanning_headings():
    left = [line(f"links {n}", 50, 100 + 12 * n, right=250) for n in range(4)]
    right = [line(f"rechts {n}", 320, 100 + 12 * n, right=540) for n in range(4)]
    heading = line("2 Een hoofdstuk over beide kolommen", 50, 200, size=16, right=330)
    below = [line(f"onder {n}", 50 + 270 * (n % 2), 230 + 12 * (n // 2), right=250 + 290 * (n % 2))
             for n in range(8)]  # fmt: skip
    drawn = [*right, *left, heading, *below]  # a drawing order that is no reading order
    order = [ln.text for ln in in_reading_order(drawn, 595, 842, column_gutter(drawn, 595, 842))]
    assert order[:9] == [*(f"links {n}" for n in range(4)), *(f"rechts {n}" for n in range(4)),
                         "2 Een hoofdstuk over beide kolommen"]  # fmt: skip
    assert order[9:] == [f"onder {n}" for n in (0, 2, 4, 6, 1, 3, 5, 7)]


def test_running_lines_stand_at_the_page_edges():
    drawn = [line("Tekst", 50, 300), line("Plan 2025-2028", 400, 20), line("7", 290, 820)]
    order = in_reading_order(drawn, 595, 842, None)
    assert [ln.text for ln in order] == ["Plan 2025-2028", "Tekst", "7"]


def test_a_small_shape_apart_from_its_text_is_a_bullet_a_swatch_is_not():
    item, swatch = line("Minder overlast", 70, 200), line("Legenda", 70, 300)
    bullet = (60.0, 64.0, 193.0, 197.0)  # left, right, top, bottom: 4 points, 6 from the text
    legend = (62.0, 69.0, 292.0, 299.0)  # 7 points, touching the text
    mark_drawn_bullets([item, swatch], [bullet, legend])
    assert (item.text, swatch.text) == ("• Minder overlast", "Legenda")
    assert item.x == 60.0  # the item starts at its bullet; its wrapped lines hang right of it


def test_contents_entries_are_runs_of_lines_ending_in_page_numbers():
    lines = [
        line("Inhoud", 50, 80, size=18),
        line("Inleiding 3", 50, 100),
        line("Onze speerpunten 5", 50, 112),
        line("In 2019 waren er 12", 50, 200),  # a sentence ending in a figure, on its own
    ]
    assert contents_entries(lines, lambda ln: ln.size > 12) == {1, 2}


def test_a_cover_title_that_the_running_header_repeats_stays():
    from veiligheid_cli.ingest.pages import strip_running_headers
    from veiligheid_cli.model import SourceLine

    title = "Veiligheidsplan Dijkstad 2025-2028"
    cover = [SourceLine(title, 1, 1, heading=1), SourceLine("Gemeente Dijkstad", 2, 1, heading=2)]
    texts = {2: "Inleiding van het plan.", 3: "De speerpunten.", 4: "De uitvoering."}
    body = [[SourceLine(title, 1, n), SourceLine(texts[n], 2, n)] for n in (2, 3, 4)]
    pages, removed = strip_running_headers([cover, *body])
    assert [ln.text for ln in pages[0]] == [title, "Gemeente Dijkstad"]  # the cover keeps it
    assert removed == 3 and all(ln.text != title for page in pages[1:] for ln in page)


def test_a_line_joined_across_the_gutter_does_not_close_it():
    left = [line(f"links {n}", 50, 100 + 12 * n, right=250) for n in range(6)]
    right = [line(f"rechts {n}", 320, 100 + 12 * n, right=540) for n in range(6)]
    joined = line("einde van een zin. Begin van de rechterkolom", 50, 172, right=400)
    assert column_gutter([*left, *right, joined], 595, 842) is not None
    assert column_gutter([*left, joined], 595, 842) is None  # one column: no gutter
