"""`veiligheid check` as a CI gate: findings, severities, formats, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from xml.etree import ElementTree as ET

from conftest import FIXTURES, HILVERSUM, LEUSDEN_IVP, ROOT, run_cli


def _check_json(*args: str) -> tuple[int, dict]:
    result = run_cli("check", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def test_leusden_against_2019_2022_reports_cyber_and_vague_goals():
    code, data = _check_json(str(LEUSDEN_IVP), "--regional", str(HILVERSUM))
    assert data["schema"] == "veiligheid/check/v1"
    regional = [f for f in data["findings"] if f["check"].startswith("regional-priority")]
    cyber = [f for f in regional if "cyberveiligheid" in f["message"]]
    assert len(cyber) == 1
    expected = {"regional-priority-missing": "error", "regional-priority-partial": "warning"}
    assert cyber[0]["severity"] == expected[cyber[0]["check"]]
    vague = [f for f in data["findings"] if f["check"] == "goal-not-measurable"]
    quotes = {f["quote"] for f in vague}
    assert "Alert reageren bij (dreigende) maatschappelijke onrust." in quotes
    assert not any("autokraken terug brengen" in q for q in quotes)
    assert all(f["line"] for f in vague)
    assert code == (1 if cyber[0]["severity"] == "error" else 0)
    ownerless = {f["line"] for f in data["findings"] if f["check"] == "goal-without-owner"}
    assert 371 not in ownerless  # "Samen met inwoners, bedrijven en instellingen ..."
    assert 633 in ownerless  # "Alert reageren bij (dreigende) maatschappelijke onrust."


def test_good_draft_passes():
    code, data = _check_json(str(FIXTURES / "draft-good.txt"), "--regional", str(HILVERSUM))
    assert code == 0, data["findings"]
    assert data["failed"] is False
    ids = {f["check"] for f in data["findings"]}
    assert not ids & {
        "regional-priority-missing",
        "regional-priority-partial",
        "goal-not-measurable",
    }


def test_bad_draft_fails_with_expected_findings():
    code, data = _check_json(str(FIXTURES / "draft-bad.txt"), "--regional", str(HILVERSUM))
    assert code == 1
    ids = {f["check"] for f in data["findings"]}
    assert {
        "period-missing",
        "regional-relation-missing",
        "regional-priority-missing",
        "goal-not-measurable",
    } <= ids


def test_fail_level_warning_makes_warnings_fail():
    result = run_cli("check", str(FIXTURES / "draft-good.txt"), "--fail-level", "info")
    result_warning = run_cli("check", str(FIXTURES / "draft-bad.txt"), "--fail-level", "warning")
    assert result_warning.exit_code == 1
    assert result.exit_code in (0, 1)


def test_text_format_is_ruff_like():
    result = run_cli("check", str(FIXTURES / "draft-bad.txt"))
    assert re.search(
        r"^\S+draft-bad\.txt:\d+: warning \[goal-not-measurable\] ", result.stdout, re.M
    )
    assert result.stdout.rstrip().splitlines()[-1].startswith("FAILED:")


def test_github_annotations():
    result = run_cli("check", str(FIXTURES / "draft-bad.txt"), "-f", "github")
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("::")]
    assert lines
    pattern = re.compile(r"^::(error|warning|notice) file=[^,:]+(,line=\d+)?,title=[\w-]+::.+$")
    assert all(pattern.match(ln) for ln in lines), lines
    assert any(ln.startswith("::warning ") and "line=" in ln for ln in lines)


def test_junit_is_valid_xml(tmp_path):
    out = tmp_path / "junit.xml"
    result = run_cli("check", str(FIXTURES / "draft-bad.txt"), "-f", "junit", "-o", str(out))
    assert result.exit_code == 1
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None and int(suite.get("tests")) >= 10
    failures = suite.findall("testcase/failure")
    assert int(suite.get("failures")) == len(failures) >= 1


def test_markdown_format():
    result = run_cli("check", str(FIXTURES / "draft-bad.txt"), "-f", "markdown")
    assert "| Severity | Check | Where | Message |" in result.stdout


def test_broken_check_rules_exit_2(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "check.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  no-priorities:", "  no-prioritys:"))
    result = run_cli("check", str(FIXTURES / "draft-good.txt"), "--rules", str(rules))
    assert result.exit_code == 2
    assert "check.yaml" in result.stderr and "no-prioritys" in result.stderr


def test_disabled_check_is_silent(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "check.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  period-missing:\n", "  period-missing:\n    enabled: false\n")
    path.write_text(text, encoding="utf-8")
    _, data = _check_json(str(FIXTURES / "draft-bad.txt"), "--rules", str(rules))
    assert "period-missing" not in {f["check"] for f in data["findings"]}
