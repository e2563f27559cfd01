"""PDF fixtures generated at test time with fpdf2 (PyPI); no binary files are committed.

- `text_to_pdf`: a text document printed line by line, with a running header and page numbers
  (the artefacts ingest must remove);
- `two_column_pdf`: one page with two text columns;
- `scanned_pdf`: pages that hold only an image (no text layer);
- `encrypted_pdf`: a PDF with a user password;
- `corrupt_pdf`: a PDF header followed by garbage.

All output is byte-for-byte deterministic (fixed creation date, RC4 without random salts).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import EncryptionMethod

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus"
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/local/share/fonts/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
)
_LATIN1 = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "•": "·", "…": "..."}
)
_CREATED = datetime(2016, 1, 1, tzinfo=UTC)  # fixed, so the bytes do not change between runs
_MARGIN_MM = 10.0
_LINE_MM = 5.5
_MAX_CHARS = 110  # hard cap per printed line (tracking URLs); body lines are shorter
_MIN_SHRINK = 0.6  # a too-wide line is printed down to 60% of the font size, then truncated


def _font_path() -> str | None:
    """A Unicode TTF font (DejaVuSans) if one is installed, else None."""
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    try:  # matplotlib ships DejaVu, if it happens to be installed
        import matplotlib
    except ImportError:
        return None
    bundled = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    return str(bundled) if bundled.is_file() else None


def _new_pdf(font_size: float) -> tuple[FPDF, bool]:
    """An A4 document with the body font set; True when the font is Unicode (TTF)."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(_CREATED)
    font = _font_path()
    if font:
        pdf.add_font("body", "", font)
        pdf.set_font("body", size=font_size)
        return pdf, True
    pdf.set_font("helvetica", size=font_size)
    return pdf, False


def _printable(text: str, unicode_font: bool) -> str:
    """Map the private-use bullet to •; for the core font, transliterate to latin-1."""
    text = text.replace("\uf0b7", "•")
    if unicode_font:
        return text
    text = text.translate(_LATIN1)
    return text.encode("latin-1", "replace").decode("latin-1")


def _fit(pdf: FPDF, text: str, width: float, font_size: float) -> str:
    """Set a font size at which `text` fits `width` mm (shrinking, then truncating)."""
    text = text[:_MAX_CHARS]
    pdf.set_font_size(font_size)
    if pdf.get_string_width(text) <= width:
        return text
    pdf.set_font_size(
        max(font_size * _MIN_SHRINK, 0.99 * font_size * width / pdf.get_string_width(text))
    )
    while text and pdf.get_string_width(text) > width:
        text = text[:-1]
    return text


def _write(pdf: FPDF, x: float, y: float, text: str, width: float, font_size: float) -> None:
    """Print one line at (x, y) on a single line, never wider than `width` mm."""
    pdf.set_xy(x, y)
    pdf.cell(width, _LINE_MM, _fit(pdf, text, width, font_size))
    pdf.set_font_size(font_size)


def text_to_pdf(
    text: str,
    path: Path,
    *,
    lines_per_page: int = 48,
    header: str | None = "Integraal Veiligheidsplan",
    page_numbers: bool = True,
    font_size: float = 9,
) -> Path:
    """Print `text` line by line (leading spaces kept), a new page every `lines_per_page`.

    Each page gets `header` at the top and, if `page_numbers`, its bare number centred at the
    bottom. A line too wide for the page is printed smaller and, if still too wide, truncated.
    """
    pdf, unicode_font = _new_pdf(font_size)
    width = pdf.w - 2 * _MARGIN_MM
    lines = text.split("\n")
    for page_index, start in enumerate(range(0, len(lines), lines_per_page), start=1):
        pdf.add_page()
        if header:
            _write(pdf, _MARGIN_MM, 8, _printable(header, unicode_font), width, font_size)
        y = 16.0
        for line in lines[start : start + lines_per_page]:
            if line.strip():
                _write(
                    pdf, _MARGIN_MM, y, _printable(line.rstrip(), unicode_font), width, font_size
                )
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
    font_size = 9
    pdf, unicode_font = _new_pdf(font_size)
    pdf.add_page()
    if header:
        _write(pdf, _MARGIN_MM, 8, _printable(header, unicode_font), 190, font_size)
    for x, column in ((10, left), (110, right)):
        y = 16.0
        for line in column:
            _write(pdf, x, y, _printable(line, unicode_font), 88, font_size)
            y += _LINE_MM
    pdf.output(str(path))
    return Path(path)


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Pages holding only a picture of text-like stripes: no text layer at all."""
    from PIL import Image, ImageDraw  # Pillow is a dependency of fpdf2

    image = Image.new("L", (400, 560), color=235)
    draw = ImageDraw.Draw(image)
    draw.ellipse((300, 20, 370, 90), outline=40, width=4)  # a "logo"
    for row in range(110, 540, 18):
        draw.rectangle((30, row, 370 - (row * 7) % 90, row + 8), fill=60)
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(_CREATED)
    for _ in range(pages):
        pdf.add_page()
        pdf.image(image, x=10, y=10, w=190)
    pdf.output(str(path))
    return Path(path)


def encrypted_pdf(
    path: Path, password: str = "geheim", text: str = "Geheim veiligheidsplan"
) -> Path:
    """A PDF that needs a user password to open (RC4 128-bit, standard security handler)."""
    pdf, unicode_font = _new_pdf(11)
    # RC4 needs no extra package and, unlike AES (random IVs), keeps the output deterministic.
    pdf.set_encryption(
        owner_password=password + "-owner",
        user_password=password,
        encryption_method=EncryptionMethod.RC4,
    )
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


def table_pdf(path: Path, paragraphs: list[str], rows: list[tuple[str, ...]]) -> Path:
    """Paragraphs, then a ruled table (first row the header), as Word draws one."""
    pdf, unicode_font = _new_pdf(11)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_left_margin(20)
    pdf.set_xy(20, 20)
    for text in paragraphs:
        pdf.multi_cell(170, 6, _printable(text, unicode_font))
        pdf.ln(4)
    from fpdf.fonts import FontFace

    plain = FontFace(emphasis="")  # the body font has no bold face here
    with pdf.table(width=170, line_height=6, headings_style=plain) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(_printable(cell, unicode_font))
    pdf.output(str(path))
    return Path(path)
