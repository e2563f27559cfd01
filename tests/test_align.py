"""Alignment on the corpus and on synthetic plans; formats; thresholds; PDF = text."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import FIXTURES, HILVERSUM, LEUSDEN_IVP, LEUSDEN_LETTER, TWENTE, run_cli


def _align_json(*args: str) -> dict:
    result = run_cli("align", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _by_theme(data: dict) -> dict[str, dict]:
    return {p["themes"][0]: p for p in data["regional_priorities"] if p["themes"]}


@pytest.mark.parametrize("regional", [HILVERSUM, LEUSDEN_LETTER])
def test_leusden_against_midden_nederland_2019_2022(regional):
    data = _align_json(str(LEUSDEN_IVP), str(regional))
    assert data["schema"] == "veiligheid/align/v1"
    by_theme = _by_theme(data)
    ondermijning = by_theme["ondermijning"]
    assert ondermijning["status"] == "covered"
    assert any(e["line"] == 751 for e in ondermijning["evidence"])  # section 3.2
    zorg = by_theme["zorg_veiligheid"]
    assert zorg["status"] in ("covered", "partial")
    assert zorg["evidence"] and all(e["text"] and e["line"] for e in zorg["evidence"])
    cyber = by_theme["cyberveiligheid"]
    assert cyber["status"] in ("missing", "partial")
    if cyber["status"] == "partial":
        assert cyber["evidence"], "a partial verdict shows its thin evidence"
        assert all(e["kind"] != "priority" or e["score"] < 0.5 for e in cyber["evidence"])
    assert 0.4 <= data["coverage"] <= 0.85
    assert data["local"]["organization"] == "Leusden"


def test_twente_informatiegestuurd_werken_found_in_leusden():
    data = _align_json(str(LEUSDEN_IVP), str(TWENTE))
    igw = _by_theme(data)["informatiegestuurd_werken"]
    assert igw["status"] in ("covered", "partial")
    texts = " ".join(e["text"].lower() for e in igw["evidence"])
    assert "informatiepositie" in texts or "informatiegestuurd" in texts


@pytest.mark.parametrize("regional", [HILVERSUM, LEUSDEN_LETTER])
def test_synthetic_plan_naming_every_regional_priority_in_other_words(regional):
    data = _align_json(str(FIXTURES / "plan-names-every-regional-priority.txt"), str(regional))
    assert [p["status"] for p in data["regional_priorities"]] == ["covered"] * 3
    assert data["coverage"] == 1.0


@pytest.mark.parametrize("regional", [HILVERSUM, LEUSDEN_LETTER])
def test_synthetic_plan_naming_no_regional_priority(regional):
    data = _align_json(str(FIXTURES / "plan-names-no-regional-priority.txt"), str(regional))
    assert [p["status"] for p in data["regional_priorities"]] == ["missing"] * 3
    assert data["coverage"] == 0.0
    assert len(data["local_only"]) == 3


def test_markdown_report_for_a_memo(tmp_path):
    out = tmp_path / "report.md"
    result = run_cli("align", str(LEUSDEN_IVP), str(HILVERSUM), "-f", "markdown", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith(  # the strategy by its own name, though a Hilversum proposal carries it
        "# Alignment: Leusden (ivp 2016-2019) × Regionale Veiligheidsstrategie Midden-Nederland "
        "2019-2022"
    )
    assert "Coverage" in text and "| # | Regional priority | Status |" in text
    assert "## Evidence per regional priority" in text
    assert "> Georganiseerde (ondermijnende) criminaliteit" in text  # sentence case


def test_table_and_csv():
    table = run_cli("align", str(LEUSDEN_IVP), str(HILVERSUM))
    assert table.exit_code == 0
    assert "covered" in table.stdout and "Coverage" in table.stdout
    result = run_cli("align", str(LEUSDEN_IVP), str(HILVERSUM), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3 and {r["status"] for r in rows} <= {"covered", "partial", "missing"}


def test_matrix_of_several_plans():
    plans = [str(LEUSDEN_IVP), str(FIXTURES / "plan-names-every-regional-priority.txt")]
    result = run_cli("align", "--regional", str(HILVERSUM), *plans, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][0] == "plan" and rows[0][-1] == "coverage" and len(rows[0]) == 6
    assert len(rows) == 3 and rows[2][2:5] == ["covered"] * 3
    data = json.loads(run_cli("align", "-r", str(HILVERSUM), *plans, "-f", "json").stdout)
    assert data["schema"] == "veiligheid/align-matrix/v1" and len(data["plans"]) == 2
    assert "| Plan |" in run_cli("align", "-r", str(HILVERSUM), *plans, "-f", "markdown").stdout
    assert run_cli("align", "-r", str(HILVERSUM), *plans).exit_code == 0


def test_thresholds_exit_1():
    low = run_cli("align", str(LEUSDEN_IVP), str(HILVERSUM), "--min-coverage", "0.95", "-f", "json")
    assert low.exit_code == 1 and "below --min-coverage" in low.stderr
    ok = run_cli("align", str(LEUSDEN_IVP), str(HILVERSUM), "--min-coverage", "0.3", "-f", "json")
    assert ok.exit_code == 0
    partial = run_cli(
        "align", str(LEUSDEN_IVP), str(HILVERSUM), "--fail-on", "partial", "-f", "json"
    )
    assert partial.exit_code == 1
    good = FIXTURES / "plan-names-every-regional-priority.txt"
    assert (
        run_cli("align", str(good), str(HILVERSUM), "--fail-on", "partial", "-f", "json").exit_code
        == 0
    )


def test_usage_errors():
    assert run_cli("align", str(LEUSDEN_IVP)).exit_code == 2
    bad = run_cli("align", str(LEUSDEN_IVP), str(HILVERSUM), "--fail-on", "sometimes")
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_pdf_gives_same_alignment_as_text(leusden_pdf):
    from_text = _align_json(str(LEUSDEN_IVP), str(HILVERSUM))
    from_pdf = _align_json(str(leusden_pdf), str(HILVERSUM))
    statuses = lambda d: [(p["text"], p["status"]) for p in d["regional_priorities"]]  # noqa: E731
    assert statuses(from_pdf) == statuses(from_text)
    assert from_pdf["coverage"] == from_text["coverage"]
    evidence = from_pdf["regional_priorities"][0]["evidence"][0]
    assert evidence["page"] is not None


@pytest.mark.parametrize("columns", [80, 100])
def test_the_table_fits_the_columns_of_a_pipe(columns, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run_cli("align", str(LEUSDEN_IVP), str(HILVERSUM))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= columns
    assert "local priority" in result.stdout  # rule names wrap at words, never inside an id
    assert "_th" not in result.stdout and "local_priority" not in result.stdout


def test_capped_evidence_says_how_many_more(tmp_path):
    """The report quotes the strongest `max_evidence` pieces and counts the rest."""
    import shutil

    from conftest import ROOT

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    config = rules / "config.yaml"
    text = config.read_text(encoding="utf-8")
    assert "  max_evidence: 3\n" in text
    config.write_text(text.replace("  max_evidence: 3\n", "  max_evidence: 1\n"), encoding="utf-8")
    full = _align_json(str(LEUSDEN_IVP), str(TWENTE))
    capped = _align_json(str(LEUSDEN_IVP), str(TWENTE), "--rules", str(rules))
    for whole, cut in zip(full["regional_priorities"], capped["regional_priorities"], strict=True):
        assert cut["evidence"] == whole["evidence"][:1]
        assert len(cut["evidence"]) + cut["more_evidence"] == (
            len(whole["evidence"]) + whole["more_evidence"]
        )
    kwetsbaar = _by_theme(full)["kwetsbare_personen"]
    assert len(kwetsbaar["evidence"]) == 3 and kwetsbaar["more_evidence"] >= 1
    count = _by_theme(capped)["kwetsbare_personen"]["more_evidence"]
    assert count == kwetsbaar["more_evidence"] + 2
    args = ("align", str(LEUSDEN_IVP), str(TWENTE), "--rules", str(rules))
    markdown = run_cli(*args, "-f", "markdown").stdout
    assert f"_{count} more pieces of evidence in the local plan, not quoted._" in markdown
    assert f"… and {count} more pieces of evidence" in run_cli(*args).stdout
