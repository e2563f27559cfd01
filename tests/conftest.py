"""Shared test helpers: corpus paths and an in-process CLI runner."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

LEUSDEN_IVP = CORPUS / "leusden-ivp-2016-2019.txt"
HILVERSUM = CORPUS / "hilversum-voorstel-rvs-midden-nederland-2019-2022.txt"
LEUSDEN_LETTER = CORPUS / "leusden-raadsbrief-consultatie-rvs-2019-2022.txt"
TWENTE = CORPUS / "twente-voorstel-veiligheidsstrategie-oost-nederland-2019-2022.txt"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: str | bytes | None = None) -> Result:
    """Run `veiligheid ARGS` in-process and capture exit code, stdout and stderr."""
    from veiligheid_cli.cli import main

    out, err = io.StringIO(), io.StringIO()
    data = stdin.encode() if isinstance(stdin, str) else (stdin or b"")
    fake_in = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    old = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = out, err, fake_in
    try:
        code = main(list(args))
    finally:
        sys.stdout, sys.stderr, sys.stdin = old
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def leusden_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Leusden IVP rendered to a multi-page PDF (fpdf2), with a running header and numbers."""
    from pdf_fixtures import text_to_pdf

    path = tmp_path_factory.mktemp("pdf") / "leusden-ivp-2016-2019.pdf"
    return text_to_pdf(LEUSDEN_IVP.read_text(encoding="utf-8"), path)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests never read or write the user's cache of extracted documents."""
    import os

    os.environ["VEILIGHEID_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
