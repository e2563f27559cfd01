"""PDF fixtures generated at test time with fpdf2 (PyPI); no binary files are committed.

- `text_to_pdf`: a text document printed line by line, with a running header and page numbers
  (the artefacts ingest must remove);
- `two_column_pdf`: one page with two text columns;
- `scanned_pdf`: pages that hold only an image (no text layer);
- `encrypted_pdf`: a PDF with a user password;
- `corrupt_pdf`: a PDF header followed by garbage.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fpdf import FPDF

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus"
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/local/share/fonts/DejaVuSans.ttf",
)
_LATIN1 = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "•": "·", "…": "..."}
)
_LINE_MM = 5.5
_MAX_CHARS = 110


def _font_path() -> str | None:
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    try:  # matplotlib ships DejaVu, if it happens to be installed
        import matplotlib

        bundled = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
        return str(bundled) if bundled.is_file() else None
    except ImportError:
        return None


def _new_pdf(font_size: float) -> tuple[FPDF, bool]:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    font = _font_path()
    if font:
        pdf.add_font("body", "", font)
        pdf.set_font("body", size=font_size)
        return pdf, True
    pdf.set_font("helvetica", size=font_size)
    return pdf, False


def _printable(text: str, unicode_font: bool) -> str:
    text = text.replace("\uf0b7", "•")
    if unicode_font:
        return text
    text = text.translate(_LATIN1)
    return text.encode("latin-1", "replace").decode("latin-1")


def text_to_pdf(
    text: str,
    path: Path,
    *,
    lines_per_page: int = 48,
    header: str | None = "Integraal Veiligheidsplan",
    page_numbers: bool = True,
    font_size: float = 9,
) -> Path:
    """Print `text` line by line (leading spaces kept), a new page every `lines_per_page`."""
    pdf, unicode_font = _new_pdf(font_size)
    lines = text.split("\n")
    for page_index, start in enumerate(range(0, len(lines), lines_per_page), start=1):
        pdf.add_page()
        if header:
            pdf.set_xy(10, 8)
            pdf.cell(0, 4, _printable(header, unicode_font))
        y = 16.0
        for line in lines[start : start + lines_per_page]:
            if line.strip():
                pdf.set_xy(10, y)
                pdf.cell(0, _LINE_MM, _printable(line.rstrip()[:_MAX_CHARS], unicode_font))
            y += _LINE_MM
        if page_numbers:
            pdf.set_xy(100, 287)
            pdf.cell(10, 4, str(page_index), align="C")
    pdf.output(str(path))
    return Path(path)


def two_column_pdf(
    path: Path, left: list[str], right: list[str], *, header: str | None = None
) -> Path:
    """One page with two columns of text lines (x = 10-100 mm and 110-200 mm)."""
    pdf, unicode_font = _new_pdf(9)
    pdf.add_page()
    if header:
        pdf.set_xy(10, 8)
        pdf.cell(0, 4, _printable(header, unicode_font))
    for x, column in ((10, left), (110, right)):
        y = 16.0
        for line in column:
            pdf.set_xy(x, y)
            pdf.cell(88, _LINE_MM, _printable(line[:55], unicode_font))
            y += _LINE_MM
    pdf.output(str(path))
    return Path(path)


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Pages holding only a picture of text-like stripes: no text layer at all."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 560), color=235)
    draw = ImageDraw.Draw(image)
    for row in range(30, 540, 18):
        draw.rectangle((30, row, 370 - (row * 7) % 90, row + 8), fill=60)
    picture = Path(path).with_suffix(".png")
    image.save(picture)
    pdf = FPDF(format="A4", unit="mm")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(str(picture), x=10, y=10, w=190)
    pdf.output(str(path))
    picture.unlink()
    return Path(path)


def encrypted_pdf(
    path: Path, password: str = "geheim", text: str = "Geheim veiligheidsplan"
) -> Path:
    """A PDF that needs a user password to open."""
    pdf, unicode_font = _new_pdf(11)
    pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    pdf.add_page()
    pdf.set_xy(20, 20)
    pdf.cell(0, 6, _printable(text, unicode_font))
    pdf.output(str(path))
    return Path(path)


def corrupt_pdf(path: Path) -> Path:
    """A PDF header, the start of a real file, then deterministic garbage."""
    body = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    garbage = b"".join(hashlib.sha256(str(i).encode()).digest() for i in range(64))
    Path(path).write_bytes(body + garbage)
    return Path(path)
