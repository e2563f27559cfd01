"""The layers contract of pyproject.toml (import-linter): kept by the code, and broken by an
import from a lower layer up, lazy ones included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).parent / "lint-imports"


def _lint(package_parent: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(package_parent))
    return subprocess.run(
        [str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True, text=True, env=env, cwd=package_parent, timeout=120,
    )  # fmt: skip


def test_the_layers_contract_is_kept():
    result = _lint(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_lazy_import_from_a_lower_layer_up_breaks_it(tmp_path):
    shutil.copytree(ROOT / "src" / "veiligheid_cli", tmp_path / "veiligheid_cli", symlinks=True)
    rules = tmp_path / "veiligheid_cli" / "rules.py"
    rules.write_text(
        rules.read_text(encoding="utf-8")
        + "\n\ndef _reach_up():\n    from .cache import cache_dir\n\n    return cache_dir\n",
        encoding="utf-8",
    )
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "veiligheid_cli.rules is not allowed to import veiligheid_cli.cache" in result.stdout


def test_the_pdf_layout_rules_may_not_import_the_reader(tmp_path):
    shutil.copytree(ROOT / "src" / "veiligheid_cli", tmp_path / "veiligheid_cli", symlinks=True)
    design = tmp_path / "veiligheid_cli" / "ingest" / "pdf_design.py"
    design.write_text(
        design.read_text(encoding="utf-8")
        + "\n\ndef _reach_up():\n    from .pdf import read_pdf\n\n    return read_pdf\n",
        encoding="utf-8",
    )
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "veiligheid_cli.ingest.pdf_design is not allowed to import" in result.stdout
