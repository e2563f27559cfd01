"""Many plans at once: batch reports, failures that do not stop the run, common themes.

The cache has its own tests in test_cache.py."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from veiligheid_cli.batch import collect_files
from veiligheid_cli.report.batch_report import report_names

from conftest import CORPUS, FIXTURES, HILVERSUM, LEUSDEN_IVP, TWENTE, run_cli


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
        "batch", str(LEUSDEN_IVP), str(TWENTE), "-r", str(HILVERSUM), "-o", str(out), "--quiet",
        "--all",
    )  # fmt: skip
    assert result.exit_code == 0 and result.stderr == ""
    assert len(json.loads((out / "index.json").read_text())["plans"]) == 2


def test_batch_of_the_corpus_aligns_the_plan_and_names_the_others(tmp_path):
    out = tmp_path / "out"
    result = run_cli("batch", str(LEUSDEN_IVP.parent), "-r", str(HILVERSUM), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    warning = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warning) == 1 and "2 documents are not local plans" in warning[0]
    assert "use --all" in warning[0] and "regional letter" in warning[0]
    index = json.loads((out / "index.json").read_text())
    statuses = {Path(p["path"]).name: p["status"] for p in index["plans"]}
    assert statuses["leusden-ivp-2016-2019.txt"] == "ok"
    assert sorted(statuses.values()) == ["not a plan", "not a plan", "ok"]
    assert "## Not local plans" in (out / "index.md").read_text(encoding="utf-8")


def test_common_counts_local_plans_only_unless_all():
    result = run_cli("common", str(LEUSDEN_IVP), str(TWENTE), "-f", "json")
    assert json.loads(result.stdout)["plans"] == ["Leusden"]
    assert "1 document is not a local plan" in result.stderr


def test_batch_usage_errors(tmp_path):
    empty_dir = tmp_path / "none"
    empty_dir.mkdir()
    result = run_cli("batch", str(empty_dir), "-r", str(HILVERSUM), "-o", str(tmp_path / "o"))
    assert result.exit_code == 2 and "no .txt, .md or .pdf files" in result.stderr
    bad_regional = run_cli("batch", str(LEUSDEN_IVP), "-r", str(tmp_path / "x.txt"))
    assert bad_regional.exit_code == 2


def test_common_themes_across_plans():
    result = run_cli("common", str(LEUSDEN_IVP), str(TWENTE), str(HILVERSUM), "-f", "json", "--all")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "veiligheid/common/v1"
    top = data["themes"][0]
    assert top["theme"] == "ondermijning" and top["priority_count"] == 3
    assert run_cli("common", str(LEUSDEN_IVP), str(TWENTE), "--min-plans", "2").exit_code == 0
    assert "| Theme |" in run_cli("common", str(TWENTE), "-f", "markdown", "--all").stdout


def test_quiet_batch_prints_only_the_errors(plans_dir, tmp_path):
    result = run_cli(
        "batch", str(plans_dir), "-r", str(HILVERSUM), "-o", str(tmp_path / "out"), "-q"
    )
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("veiligheid: error: ") for line in lines)


def test_index_json_has_the_same_keys_for_every_plan(plans_dir, tmp_path):
    out = tmp_path / "out"
    run_cli("batch", str(plans_dir), "-r", str(HILVERSUM), "-o", str(out), "-q")
    plans = json.loads((out / "index.json").read_text(encoding="utf-8"))["plans"]
    assert len({tuple(p) for p in plans}) == 1
    failed = next(p for p in plans if p["status"] == "failed")
    assert failed["error"] and failed["coverage"] is None and failed["report"] is None
    ok = next(p for p in plans if p["status"] == "ok")
    assert ok["error"] is None and ok["organization"] == "Leusden"
    assert set(ok["regional_priorities"].values()) <= {"covered", "partial", "missing"}


def test_collect_files_skips_the_regional_strategy_readmes_and_repeats():
    files = collect_files([str(CORPUS), str(LEUSDEN_IVP)], exclude=str(HILVERSUM))
    names = [f.rsplit("/", 1)[-1] for f in files]
    assert names == sorted(names) and len(names) == 3
    assert HILVERSUM.name not in names and "README.md" not in names
    assert collect_files([str(TWENTE), str(HILVERSUM)], exclude=str(HILVERSUM)) == [str(TWENTE)]


def test_report_names_are_distinct():
    names = report_names(["a/plan.txt", "b/plan.txt", "c/plan.pdf", "d/index.txt", "e/x.md"])
    assert len(set(names.values())) == 5
    assert names["e/x.md"] == "x" and names["d/index.txt"] != "index"


def test_output_that_is_not_a_directory_is_a_usage_error(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("")
    result = run_cli("batch", str(TWENTE), "-r", str(HILVERSUM), "-o", str(target), "-q")
    assert result.exit_code == 2
    assert result.stderr.startswith("veiligheid: error:") and len(result.stderr.splitlines()) == 1


def test_common_counts_ondermijning_for_the_leusden_ivp_and_the_twente_proposal():
    result = run_cli("common", str(LEUSDEN_IVP), str(TWENTE), "-f", "json", "--all")
    data = json.loads(result.stdout)
    assert data["plans"] == ["Leusden", "Twente"]
    ondermijning = next(t for t in data["themes"] if t["theme"] == "ondermijning")
    assert ondermijning["priority_plans"] == ["Leusden", "Twente"]
    assert ondermijning["label"] and ondermijning["field"] == "Integriteit en veiligheid"
    counts = [t["priority_count"] for t in data["themes"]]
    assert counts == sorted(counts, reverse=True)


def test_batch_output_follows_the_rule_of_every_o(tmp_path):
    """-o names what is created; the directory it stands in must exist (as for -o FILE)."""
    deep = tmp_path / "a" / "b" / "out"
    result = run_cli("batch", str(LEUSDEN_IVP), "-r", str(HILVERSUM), "-o", str(deep))
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert len(result.stderr.splitlines()) == 1 and not (tmp_path / "a").exists()
