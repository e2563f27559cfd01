"""The generated PDF fixtures look like what they claim to be, as seen through pdfplumber."""

from __future__ import annotations

import math
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

import pdf_fixtures
from pdf_fixtures import (
    CORPUS_DIR,
    corrupt_pdf,
    encrypted_pdf,
    scanned_pdf,
    text_to_pdf,
    two_column_pdf,
)

HEADER = "Integraal Veiligheidsplan"
LEUSDEN = CORPUS_DIR / "leusden-ivp-2016-2019.txt"
MM = 72 / 25.4  # points per millimetre
UNICODE_FONT = pdf_fixtures._font_path() is not None  # else Helvetica with transliteration


def _norm(line: str) -> str:
    """Compare lines modulo the character mapping and runs of spaces (pdfplumber collapses them)."""
    return " ".join(pdf_fixtures._printable(line, UNICODE_FONT).split())


@pytest.fixture(scope="module")
def leusden_source() -> list[str]:
    return LEUSDEN.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def generated_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fixtures") / "leusden.pdf"
    return text_to_pdf(LEUSDEN.read_text(encoding="utf-8"), path)


@pytest.fixture(scope="module")
def leusden_pages(generated_pdf: Path) -> list[list[str]]:
    with pdfplumber.open(generated_pdf) as pdf:
        return [(page.extract_text() or "").split("\n") for page in pdf.pages]


def test_leusden_page_count(leusden_source, leusden_pages):
    # `wc -l` says 1343: the file's last line (a lone space) has no newline.
    assert len(leusden_source) == 1344
    assert len(leusden_pages) == math.ceil(1343 / 48) == math.ceil(1344 / 48) == 28


def test_every_page_has_running_header_and_number(leusden_pages):
    for number, lines in enumerate(leusden_pages, start=1):
        assert lines[0] == HEADER
        assert lines[-1] == str(number)


def test_body_lines_match_source_lines(leusden_source, leusden_pages):
    body = [line for lines in leusden_pages for line in lines[1:-1]]
    expected = [_norm(line[:110]) for line in leusden_source if line.strip()]
    assert [_norm(line) for line in body] == expected
    assert all(line == line.rstrip() for line in body)  # pdfplumber leaves no trailing spaces
    assert "2.3 AMBITIES EN DOELSTELLINGEN" in body
    assert "Het aantal autokraken terug brengen naar het gemiddelde van Midden Nederland." in body


def test_blank_lines_stay_vertical_space(generated_pdf, leusden_source):
    """Each printed line sits at the slot of its source line: blank lines leave gaps."""
    with pdfplumber.open(generated_pdf) as pdf:
        for index, page in enumerate(pdf.pages[:3]):
            source = leusden_source[index * 48 : (index + 1) * 48]
            slots = [
                round((line["top"] / MM - 16) / 5.5)
                for line in page.extract_text_lines()
                if 10 < line["top"] / MM < 280  # not the header or the page number
            ]
            assert slots == [i for i, line in enumerate(source) if line.strip()]


def test_text_stays_on_the_page(generated_pdf):
    with pdfplumber.open(generated_pdf) as pdf:
        for page in pdf.pages:
            assert all(c["x0"] > 9 * MM and c["x1"] < page.width - 9 * MM for c in page.chars)


def test_long_line_is_shrunk_to_fit_on_one_line(tmp_path):
    line = "Lange regel " + "abcdefghij" * 9  # 102 characters: too wide at 12 pt
    path = text_to_pdf(line, tmp_path / "long.pdf", header=None, page_numbers=False, font_size=12)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert page.extract_text() == line
        assert max(c["x1"] for c in page.chars) < page.width - 9 * MM
        assert min(c["size"] for c in page.chars) < 12


def test_options_and_determinism(tmp_path):
    text = "een\ntwee\n\nvier\n\uf0b7 vijf\nzes\nzeven"
    first = text_to_pdf(text, tmp_path / "a.pdf", lines_per_page=3, header=None, page_numbers=False)
    second = text_to_pdf(
        text, tmp_path / "b.pdf", lines_per_page=3, header=None, page_numbers=False
    )
    assert first.read_bytes() == second.read_bytes()
    with pdfplumber.open(first) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    bullet = "•" if UNICODE_FONT else "·"
    assert pages == ["een\ntwee", f"vier\n{bullet} vijf\nzes", "zeven"]


def test_core_font_fallback_transliterates(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_fixtures, "_font_path", lambda: None)
    text = "Het ‘plan’ – “veilig” … geëvalueerd\n\uf0b7 item € 5"
    path = text_to_pdf(text, tmp_path / "latin1.pdf", header="Plan — 2016")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert page.chars[0]["fontname"] == "Helvetica"
        assert page.extract_text().split("\n") == [
            "Plan - 2016",
            "Het 'plan' - \"veilig\" ... geëvalueerd",
            "· item ? 5",
            "1",
        ]


def test_two_columns_sit_in_their_columns(tmp_path):
    left = [f"Links regel {i} over woninginbraak en overlast." for i in range(1, 21)]
    right = [f"Rechts regel {i} over verkeersveiligheid." for i in range(1, 21)]
    path = two_column_pdf(tmp_path / "columns.pdf", left, right, header="Kop")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert page.crop((0, 0, 100 * MM, 15 * MM)).extract_text() == "Kop"
        body = (0, 15 * MM, page.width, page.height)
        left_text = page.crop((0, body[1], 100 * MM, page.height)).extract_text()
        right_text = page.crop((105 * MM, body[1], page.width, page.height)).extract_text()
        assert left_text.split("\n") == left
        assert right_text.split("\n") == right
        xs = [(c["x0"] / MM, c["x1"] / MM) for c in page.crop(body).chars if c["text"].strip()]
        assert all((x0 >= 10 and x1 <= 100) or (x0 >= 110 and x1 <= 200) for x0, x1 in xs)
        assert any(x0 < 100 for x0, _ in xs) and any(x0 > 110 for x0, _ in xs)


def test_scanned_pdf_has_no_text_layer(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf", pages=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scan.pdf"]  # no leftover image
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 3
        for page in pdf.pages:
            assert not page.chars
            assert not (page.extract_text() or "").strip()
            assert len(page.images) == 1


def test_encrypted_pdf_needs_the_user_password(tmp_path):
    path = encrypted_pdf(tmp_path / "secret.pdf")
    # pdfplumber.open itself fails: PdfminerException wrapping PDFPasswordIncorrect (in .args[0],
    # not __cause__), both without a password and with a wrong one.
    for password in (None, "fout"):
        with pytest.raises(PdfminerException) as info, pdfplumber.open(path, password=password):
            pass
        assert isinstance(info.value.args[0], PDFPasswordIncorrect)
    with pdfplumber.open(path, password="geheim") as pdf:
        assert pdf.pages[0].extract_text() == "Geheim veiligheidsplan"
    assert path.read_bytes() == encrypted_pdf(tmp_path / "again.pdf").read_bytes()


def test_corrupt_pdf_fails_to_open(tmp_path):
    path = corrupt_pdf(tmp_path / "broken.pdf")
    assert path.read_bytes().startswith(b"%PDF-1.7")
    # pdfplumber.open itself fails: PdfminerException wrapping
    # PDFSyntaxError('No /Root object! - Is this really a PDF?').
    with pytest.raises(PdfminerException) as info, pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
    assert isinstance(info.value.args[0], PDFSyntaxError)
