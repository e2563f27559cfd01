"""PDF input: the Leusden plan as PDF ingests like the text; broken PDFs fail cleanly."""

from __future__ import annotations

import pytest

from veiligheid_cli.ingest import ingest
from veiligheid_cli.model import BlockKind

from conftest import LEUSDEN_IVP, run_cli
from pdf_fixtures import corrupt_pdf, encrypted_pdf, scanned_pdf, two_column_pdf


@pytest.fixture(scope="module")
def text_doc():
    return ingest(str(LEUSDEN_IVP))


@pytest.fixture(scope="module")
def pdf_doc(leusden_pdf):
    return ingest(str(leusden_pdf))


def test_pdf_headings_equal_text_headings(text_doc, pdf_doc):
    numbered = lambda d: [(h.number, h.text, h.level) for h in d.headings() if h.number]  # noqa: E731
    assert numbered(pdf_doc) == numbered(text_doc)


def test_pdf_list_items_equal_text_list_items(text_doc, pdf_doc):
    items = lambda d: [b.text for b in d.list_items()]  # noqa: E731
    assert items(pdf_doc) == items(text_doc)


def test_pdf_blocks_have_page_numbers(pdf_doc):
    assert pdf_doc.source_format == "pdf" and pdf_doc.page_count and pdf_doc.page_count >= 20
    pages = [b.page for b in pdf_doc.blocks]
    assert all(p is not None for p in pages)
    assert pages == sorted(pages)
    goal = next(b for b in pdf_doc.list_items() if b.text.startswith("Het aantal autokraken"))
    assert goal.page > 1


def test_running_header_and_page_numbers_removed(pdf_doc):
    assert not any(b.text.strip().isdigit() for b in pdf_doc.blocks)
    assert not any(
        b.text.startswith("Integraal Veiligheidsplan") and b.kind is BlockKind.HEADING
        for b in pdf_doc.blocks[1:]
    )


def test_pdf_metadata(pdf_doc):
    assert pdf_doc.metadata.organization == "Leusden"
    assert str(pdf_doc.metadata.period) == "2016-2019"


def test_two_column_page_read_in_column_order(tmp_path):
    left = [f"Links regel {i} over woninginbraak." for i in range(1, 25)]
    right = [f"Rechts regel {i} over verkeer." for i in range(1, 25)]
    path = two_column_pdf(tmp_path / "columns.pdf", left, right)
    text = [b.text for b in ingest(str(path)).blocks]
    joined = " ".join(text)
    assert joined.index("Links regel 24") < joined.index("Rechts regel 1 ")


def _one_line_error(result, expected):
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr


def test_scanned_pdf(tmp_path):
    out = tmp_path / "out.json"
    result = run_cli("extract", str(scanned_pdf(tmp_path / "scan.pdf")), "-o", str(out))
    _one_line_error(result, "no text layer")
    assert not out.exists()


def test_password_protected_pdf(tmp_path):
    result = run_cli("ingest", str(encrypted_pdf(tmp_path / "secret.pdf")))
    _one_line_error(result, "password-protected")


def test_corrupt_pdf(tmp_path):
    result = run_cli("ingest", str(corrupt_pdf(tmp_path / "broken.pdf")))
    _one_line_error(result, "cannot read PDF")


def test_pdf_from_stdin(leusden_pdf):
    result = run_cli("ingest", "-", "--format", "json", stdin=leusden_pdf.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert '"source_format": "pdf"' in result.stdout
