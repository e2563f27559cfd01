"""Many plans at once: batch reports, failures that do not stop the run, common themes, cache."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pytest

from veiligheid_cli import cache
from veiligheid_cli.pipeline import Settings

from conftest import FIXTURES, HILVERSUM, LEUSDEN_IVP, TWENTE, run_cli


@pytest.fixture
def plans_dir(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(LEUSDEN_IVP, plans)
    shutil.copy(FIXTURES / "plan-names-every-regional-priority.txt", plans)
    (plans / "broken.pdf").write_bytes(b"%PDF-1.7 garbage that is no PDF at all")
    (plans / "empty.txt").write_text("")
    (plans / "README.md").write_text("# Not a plan\n")
    return plans


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_reports_and_failures(plans_dir, tmp_path, jobs):
    out = tmp_path / "out"
    result = run_cli("batch", str(plans_dir), "-r", str(HILVERSUM), "-o", str(out), "-j", jobs)
    assert result.exit_code == 1  # two files failed
    assert "broken.pdf" in result.stderr and "empty.txt" in result.stderr
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index["schema"] == "veiligheid/batch/v1"
    status = {p["path"].split("/")[-1]: p["status"] for p in index["plans"]}
    assert status == {
        "broken.pdf": "failed",
        "empty.txt": "failed",
        "leusden-ivp-2016-2019.txt": "ok",
        "plan-names-every-regional-priority.txt": "ok",
    }
    assert (out / "leusden-ivp-2016-2019.md").read_text(encoding="utf-8").startswith("# Alignment")
    assert (
        json.loads((out / "plan-names-every-regional-priority.json").read_text())["coverage"] == 1.0
    )
    rows = list(csv.reader((out / "matrix.csv").open(encoding="utf-8")))
    assert rows[0][0] == "plan" and rows[0][-1] == "coverage" and len(rows) == 3
    assert "## Failed" in (out / "index.md").read_text(encoding="utf-8")


def test_batch_all_ok_exit_0_and_quiet(tmp_path):
    out = tmp_path / "out"
    result = run_cli(
        "batch", str(LEUSDEN_IVP), str(TWENTE), "-r", str(HILVERSUM), "-o", str(out), "--quiet"
    )
    assert result.exit_code == 0 and result.stderr == ""
    assert len(json.loads((out / "index.json").read_text())["plans"]) == 2


def test_batch_usage_errors(tmp_path):
    empty_dir = tmp_path / "none"
    empty_dir.mkdir()
    result = run_cli("batch", str(empty_dir), "-r", str(HILVERSUM), "-o", str(tmp_path / "o"))
    assert result.exit_code == 2 and "no .txt, .md or .pdf files" in result.stderr
    bad_regional = run_cli("batch", str(LEUSDEN_IVP), "-r", str(tmp_path / "x.txt"))
    assert bad_regional.exit_code == 2


def test_common_themes_across_plans():
    result = run_cli("common", str(LEUSDEN_IVP), str(TWENTE), str(HILVERSUM), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "veiligheid/common/v1"
    top = data["themes"][0]
    assert top["theme"] == "ondermijning" and top["priority_count"] == 3
    assert run_cli("common", str(LEUSDEN_IVP), str(TWENTE), "--min-plans", "2").exit_code == 0
    assert "| Theme |" in run_cli("common", str(TWENTE), "-f", "markdown").stdout


def test_cache_hit_miss_and_invalidation(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    calls = []
    from veiligheid_cli import pipeline

    real = pipeline.extract_file

    def counting(path, settings):
        calls.append(path)
        return real(path, settings)

    monkeypatch.setattr("veiligheid_cli.pipeline.extract_file", counting)
    plan = tmp_path / "plan.txt"
    shutil.copy(TWENTE, plan)
    first = cache.cached_extract(str(plan), Settings())
    second = cache.cached_extract(str(plan), Settings())
    assert len(calls) == 1 and [p.text for p in second.priorities] == [
        p.text for p in first.priorities
    ]
    plan.write_text(plan.read_text(encoding="utf-8") + "\nExtra regel.\n", encoding="utf-8")
    cache.cached_extract(str(plan), Settings())
    assert len(calls) == 2  # changed file: miss
    cache.cached_extract(str(plan), Settings(), use_cache=False)
    assert len(calls) == 3  # --no-cache bypasses
    for entry in (tmp_path / "cache").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    cache.cached_extract(str(plan), Settings())
    assert len(calls) == 4  # a corrupt entry is ignored and rewritten
    cache.cached_extract(str(plan), Settings())
    assert len(calls) == 4


def test_changed_rules_invalidate_the_cache(tmp_path, monkeypatch):
    from conftest import ROOT

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    key = cache.cache_key(b"plan", Settings(rules_dir=str(rules)))
    path = rules / "config.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache.cache_key(b"plan", Settings(rules_dir=str(rules))) != key


def test_cache_hit_does_not_import_spacy(tmp_path):
    """A warm run is fast because a cache hit needs no NLP model."""
    code = (
        "import sys, os\n"
        f"os.environ['{cache.CACHE_ENV}'] = {str(tmp_path)!r}\n"
        "from veiligheid_cli.cache import cached_extract\n"
        "from veiligheid_cli.pipeline import Settings\n"
        f"cached_extract({str(TWENTE)!r}, Settings())\n"
        "print('spacy' in sys.modules)\n"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    second = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert first.stdout.strip() == "True" and second.stdout.strip() == "False"
