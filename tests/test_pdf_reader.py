"""The PDFium reader on Word-exported plans and on real-world PDFs nobody here wrote.

- seed PDFs (`../shared/pdf/seeds/`) extract like their texts in corpus/;
- a plan whose goals stand in Word tables (`../shared/pdf/tables/`) gives one goal per row;
- pdfplumber's own test PDFs (`../shared/pdf/peer/`): no traceback, the text `pdftotext` reads;
- damaged input: junk before the header, a truncated file, a broken cross-reference table, a
  password; long documents.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from veiligheid_cli.errors import InputError
from veiligheid_cli.ingest import ingest, ingest_text
from veiligheid_cli.ingest.readers import read_source
from veiligheid_cli.model import BlockKind
from veiligheid_cli.pipeline import Settings, extract_file

from conftest import CORPUS, run_cli
from pdf_fixtures import encrypted_pdf, text_to_pdf

SHARED_PDF = Path(__file__).resolve().parents[2] / "shared" / "pdf"
SEEDS = sorted((SHARED_PDF / "seeds").glob("*.pdf"))
PEER = SHARED_PDF / "peer"
TABLES = SHARED_PDF / "tables"
pytestmark = pytest.mark.skipif(not SEEDS, reason="../shared/pdf is not beside the checkout")


def _found(text: str, pool: list[str]) -> bool:
    return any(fuzz.token_set_ratio(text.lower(), other.lower()) >= 85 for other in pool)


# --- seed PDFs = seed texts -----------------------------------------------------------------


@pytest.fixture(scope="module", params=SEEDS, ids=lambda p: p.stem)
def seed_pair(request):
    pdf = request.param
    return extract_file(CORPUS / f"{pdf.stem}.txt", Settings()), extract_file(pdf, Settings())


def test_seed_pdf_gives_the_priorities_of_its_text(seed_pair):
    text, pdf = seed_pair
    assert [p.text for p in pdf.priorities] == [p.text for p in text.priorities]
    assert [p.themes for p in pdf.priorities] == [p.themes for p in text.priorities]


def test_seed_pdf_gives_nine_in_ten_goals_of_its_text(seed_pair):
    text, pdf = seed_pair
    found = [g.text for g in text.goals if _found(g.text, [p.text for p in pdf.goals])]
    assert len(found) >= 0.9 * len(text.goals), [g.text for g in text.goals if g.text not in found]
    extra = [g.text for g in pdf.goals if not _found(g.text, [t.text for t in text.goals])]
    assert len(extra) <= 0.1 * max(len(pdf.goals), 1), extra


def test_seed_pdf_keeps_pages_and_metadata(seed_pair):
    text, pdf = seed_pair
    assert all(item.page for item in [*pdf.priorities, *pdf.goals])
    assert pdf.document.metadata.period == text.document.metadata.period
    assert pdf.document.metadata.organization == text.document.metadata.organization
    assert "- " not in pdf.document.metadata.title  # a wrapped "2019-\n2022" is joined


def test_leusden_pdf_headings_come_from_the_heading_styles():
    doc = ingest(str(SHARED_PDF / "seeds" / "leusden-ivp-2016-2019.pdf"))
    numbered = {(h.number, h.level) for h in doc.headings() if h.number}
    assert {("3", 1), ("3.2", 2), ("3.1.7", 3), ("4.1", 2)} <= numbered
    texts = [h.text for h in doc.headings()]
    # sentences the export set in a heading style are not headings
    assert not any(
        t.startswith(("het illegaal", "Hoofdstuk 4 gaat", "Integraal betekent")) for t in texts
    )


# --- goals in tables --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def beekveld():
    pdf = TABLES / "beekveld-ivp-2024-2027.pdf"
    expected = json.loads((TABLES / "beekveld-ivp-2024-2027.expected.json").read_text("utf-8"))
    return extract_file(pdf, Settings()), expected


def test_table_plan_priorities_goals_and_period(beekveld):
    ex, expected = beekveld
    # the sentence that states the priorities is quoted, not the heading that restates them
    assert [p.text.lower() for p in ex.priorities] == [t.lower() for t in expected["priorities"]]
    assert [g.text for g in ex.goals] == expected["goals"]
    period = ex.document.metadata.period
    assert [period.start, period.end] == expected["period"]


def test_table_goal_has_indicator_and_target_as_fields(beekveld):
    ex, _ = beekveld
    goal = next(g for g in ex.goals if g.text == "Inwoners herkennen online oplichting")
    assert goal.indicator == "Percentage inwoners dat phishing herkent (veiligheidsmonitor)"
    assert goal.target == "75% in 2027"
    assert goal.page == 1 and goal.section.startswith("2.3")
    assert "cyberveiligheid" in goal.themes


def test_table_goals_in_json_and_markdown_reports():
    pdf = str(TABLES / "beekveld-ivp-2024-2027.pdf")
    data = json.loads(run_cli("extract", pdf, "-f", "json").stdout)
    first = data["goals"][0]
    assert first["text"] == "Weerbare ondernemers"
    assert first["indicator"] == "Aantal ondernemers dat de weerbaarheidstraining volgt"
    assert first["target"] == "60 in 2027"
    assert "ondermijning" in first["themes"]  # the section's theme, where the row names none
    markdown = run_cli("extract", pdf, "-f", "markdown").stdout
    assert "target: 60 in 2027" in markdown


def test_markdown_goal_table_in_a_text_plan():
    doc_text = (
        "Integraal Veiligheidsplan gemeente Dijkhoven 2025-2028\n\n"
        "## Ondermijning\n\n"
        "| Doel | Indicator | Streefwaarde |\n|---|---|---|\n"
        "| Minder drugsafval in het buitengebied | Aantal dumpingen | -30% in 2028 |\n"
        "| Weerbare ondernemers | Aantal trainingen | 40 per jaar |\n"
    )
    doc = ingest_text(doc_text)
    rows = [b for b in doc.blocks if b.kind is BlockKind.TABLE_ROW]
    assert rows[1].cells == (
        "Minder drugsafval in het buitengebied",
        "Aantal dumpingen",
        "-30% in 2028",
    )
    assert rows[1].columns == ("Doel", "Indicator", "Streefwaarde")


def test_a_ruled_table_that_is_no_goals_table_stays_text():
    doc = ingest(str(PEER / "senate-expenditures.pdf"))
    assert not any(b.cells for b in doc.blocks)


# --- real-world PDFs --------------------------------------------------------------------------

_README = (PEER / "README.md").read_text("utf-8") if PEER.is_dir() else ""
PEER_WORDS = {
    m.group(1): int(m.group(2)) for m in re.finditer(r"\| `([^`]+)` \| (\d+) \|", _README)
}


@pytest.mark.parametrize("name", sorted(PEER_WORDS))
def test_real_world_pdf_reads_what_pdftotext_reads(name):
    path = PEER / name
    words = PEER_WORDS[name]
    result = run_cli("ingest", str(path), "-f", "json")
    assert "Traceback" not in result.stderr
    if words >= 20:
        assert result.exit_code == 0, result.stderr
        assert result.stderr == "" or result.stderr.startswith("veiligheid: warning:")
        ours = sum(len(line.text.split()) for line in read_source(str(path)).lines)
        assert abs(ours - words) <= 0.1 * words, (ours, words)
    else:
        assert result.exit_code in (0, 2)
        if result.exit_code == 2:
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr


# --- damaged and protected PDFs ---------------------------------------------------------------

SEED_PDF = SHARED_PDF / "seeds" / "hilversum-voorstel-rvs-midden-nederland-2019-2022.pdf"


def _priorities(path: Path) -> list[str]:
    return [p.text for p in extract_file(path, Settings()).priorities]


def test_bytes_before_the_header_are_skipped(tmp_path):
    path = tmp_path / "junk-first.pdf"
    path.write_bytes(b"X-Mailer: gateway\r\n\r\n" + SEED_PDF.read_bytes())
    assert _priorities(path) == _priorities(SEED_PDF)


def test_broken_cross_reference_table_is_rebuilt(tmp_path):
    data = SEED_PDF.read_bytes()
    start = data.rindex(b"startxref")
    broken = data[:start] + b"startxref\n999999\n%%EOF\n"  # points nowhere
    path = tmp_path / "broken-xref.pdf"
    path.write_bytes(broken)
    assert _priorities(path) == _priorities(SEED_PDF)


def test_truncated_pdf_reads_what_is_left_or_fails_in_one_line(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(SEED_PDF.read_bytes()[: SEED_PDF.stat().st_size * 2 // 3])
    result = run_cli("extract", str(path), "-f", "json")
    assert result.exit_code in (0, 2) and "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1


def test_password_opens_an_encrypted_pdf(tmp_path):
    path = encrypted_pdf(tmp_path / "secret.pdf", password="geheim")
    ok = run_cli("ingest", str(path), "--password", "geheim")
    assert ok.exit_code == 0 and "Geheim veiligheidsplan" in ok.stdout
    wrong = run_cli("ingest", str(path), "--password", "fout")
    assert wrong.exit_code == 2 and "wrong password" in wrong.stderr
    missing = run_cli("ingest", str(path))
    assert missing.exit_code == 2 and "--password" in missing.stderr


def test_a_text_file_named_pdf_is_refused_in_one_line(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_text("Integraal Veiligheidsplan 2020-2023\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a PDF file"):
        read_source(str(path))


def test_no_library_messages_on_stderr_for_damaged_pdfs(tmp_path):
    for name in ("issue-67-example.pdf", "WARN-Report-for-7-1-2015-to-03-25-2016.pdf"):
        result = run_cli("extract", str(PEER / name), "-f", "json", "-q")
        assert result.exit_code == 0 and result.stderr == "", result.stderr


# --- long documents ---------------------------------------------------------------------------


def test_chunked_analysis_equals_whole_analysis(monkeypatch):
    from veiligheid_cli import nlp
    from veiligheid_cli.rules import resolve_rules_dir
    from veiligheid_cli.themes import themed_pipeline

    doc = ingest(str(CORPUS / "leusden-ivp-2016-2019.txt"))
    blocks = [b for b in doc.blocks if len(b.text) > 600][:5]
    pipeline = themed_pipeline(None, str(resolve_rules_dir(None)))
    whole = nlp.analyse_blocks(pipeline, blocks)
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 200)
    assert all(len(list(nlp.chunks(b.text, 200))) > 1 for b in blocks)
    pieces = nlp.analyse_blocks(pipeline, blocks)
    for a, b in zip(whole, pieces, strict=True):
        assert [(h.theme, h.start, h.end) for h in a.hits] == [
            (h.theme, h.start, h.end) for h in b.hits
        ]
        assert a.keys == b.keys


def test_a_document_longer_than_spacy_allows(tmp_path):
    text = (CORPUS / "leusden-ivp-2016-2019.txt").read_text("utf-8")
    paragraph = " ".join(text.split())  # one paragraph of the whole plan
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([paragraph] * 16), encoding="utf-8")  # > 1,000,000 characters
    assert path.stat().st_size > 1_000_000
    result = run_cli("extract", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["document"]["period"] == {"start": 2016, "end": 2019}


def test_fpdf_text_print_still_reads_like_the_text(tmp_path):
    """A PDF printed line by line from the text (no styles): structure comes from the text."""
    text = (
        CORPUS / "twente-voorstel-veiligheidsstrategie-oost-nederland-2019-2022.txt"
    ).read_text()
    pdf = text_to_pdf(text, tmp_path / "twente.pdf")
    assert _priorities(pdf) == _priorities(
        CORPUS / "twente-voorstel-veiligheidsstrategie-oost-nederland-2019-2022.txt"
    )


def test_a_priorities_table_of_outlined_cells_is_read_row_by_row(tmp_path):
    """Cells drawn as outlined rectangles (not single rules) are a grid too; a header with a
    priority column and a goal column makes each row a priority and its goal."""
    from pdf_fixtures import table_pdf

    pdf = table_pdf(
        tmp_path / "ede.pdf",
        ["Integraal Veiligheidsplan Ede 2023-2026", "2 Prioriteiten", "Onze prioriteiten:"],
        [
            ("Prioriteit", "Waarom", "Wat willen we bereiken"),
            (
                "Woninginbraak en fietsendiefstal",
                "Meer inbraken dan elders",
                "In 2026 is het aantal woninginbraken 15% lager dan in 2022",
            ),
            (
                "Drugs en ondermijning",
                "Handel in wijken",
                "Elk jaar voeren wij ten minste tien integrale controles uit",
            ),
        ],
    )
    data = json.loads(run_cli("extract", str(pdf), "-f", "json").stdout)
    assert [p["text"] for p in data["priorities"]] == [
        "Woninginbraak en fietsendiefstal",
        "Drugs en ondermijning",
    ]
    assert [g["text"] for g in data["goals"]] == [
        "In 2026 is het aantal woninginbraken 15% lager dan in 2022",
        "Elk jaar voeren wij ten minste tien integrale controles uit",
    ]
    assert all(p["page"] == 1 for p in data["priorities"])
