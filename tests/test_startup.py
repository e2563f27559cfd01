"""`veiligheid --help` stays light: no spaCy, no pdfplumber at start-up."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("spacy", "pdfplumber", "pdfminer", "pypdfium2", "sklearn", "rapidfuzz", "rich.table")


def _modules_after(args: list[str]) -> set[str]:
    code = (
        "import sys, json\n"
        "from veiligheid_cli.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


def test_help_does_not_import_heavy_modules():
    loaded = _modules_after(["--help"])
    assert not [m for m in loaded if m.split(".")[0] in {h.split(".")[0] for h in HEAVY[:6]}]
    assert "rich.table" not in loaded


def test_subcommand_help_does_not_import_heavy_modules():
    loaded = _modules_after(["align", "--help"])
    assert not [
        m for m in loaded if m.split(".")[0] in ("spacy", "pdfplumber", "pdfminer", "pypdfium2")
    ]


def test_text_input_loads_nothing_pdf_related(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "Integraal Veiligheidsplan 2024-2027\n\nOnze prioriteiten zijn:\n\n"
        "- Ondermijning\n- Cybercrime\n",
        encoding="utf-8",
    )
    loaded = _modules_after(["extract", str(path), "-f", "json"])
    assert not [m for m in loaded if m.split(".")[0] in ("pdfplumber", "pdfminer", "pypdfium2")]


def test_only_pictures_load_matplotlib(tmp_path):
    """matplotlib only for heatmap.svg/png; Jinja2 (which spaCy imports anyway) not for --help."""
    from conftest import HILVERSUM, LEUSDEN_IVP

    assert not [m for m in _modules_after(["batch", "--help"]) if m.startswith("jinja2")]
    args = ["align", str(LEUSDEN_IVP), str(HILVERSUM)]
    for fmt in ("table", "json", "html"):
        loaded = _modules_after([*args, "-f", fmt, "-o", str(tmp_path / f"out.{fmt}")])
        assert not [m for m in loaded if m.split(".")[0] in ("matplotlib", "PIL")], fmt


def test_a_run_leaves_spacys_command_line_unloaded(tmp_path):
    """spaCy is imported without `spacy.cli` (requests, weasel): a third of its import."""
    path = tmp_path / "plan.txt"
    path.write_text("Onze prioriteiten zijn:\n\n- Ondermijning\n- Cybercrime\n", encoding="utf-8")
    loaded = _modules_after(["extract", str(path), "-f", "json"])
    assert "spacy.language" in loaded
    assert not [m for m in loaded if m.startswith("spacy.cli") or m.split(".")[0] == "weasel"]


def test_spacy_stays_whole_after_our_import():
    code = (
        "import veiligheid_cli.nlp, sys\n"
        "import spacy\n"
        "assert 'spacy.cli' not in sys.modules and not hasattr(spacy, 'cli')\n"
        "info = spacy.info()\n"  # spaCy's own command, loaded when it is called
        "import spacy.cli\n"
        "assert hasattr(spacy.cli, 'download') and isinstance(info, dict)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
