"""Reports for `veiligheid check`: text, JSON, GitHub annotations, JUnit XML, markdown."""

from __future__ import annotations

from dataclasses import replace
from xml.etree import ElementTree as ET

from ..check import count_by_severity
from ..model import Finding, Severity
from . import dump_json, location, md_escape, schema
from .casing import display_for, displayed_quotes


def _summary(findings: list[Finding], failed: bool) -> str:
    c = count_by_severity(findings)
    verdict = "FAILED" if failed else "passed"
    return f"{verdict}: {c['error']} errors, {c['warning']} warnings, {c['info']} info"


def to_text(path: str, findings: list[Finding], failed: bool) -> str:
    """ruff-like lines: `file:line: severity [check-id] message`."""
    lines = []
    for f in findings:
        where = f"{path}:{f.line}" if f.line else path
        page = f" (p. {f.page})" if f.page else ""
        lines.append(f"{where}{page}: {f.severity.value} [{f.check_id}] {f.message}")
    lines.append(_summary(findings, failed))
    return "\n".join(lines) + "\n"


def to_json(path: str, findings: list[Finding], failed: bool, fail_level: str) -> str:
    return dump_json(
        {
            "schema": schema("check"),
            "path": path,
            "fail_level": fail_level,
            "failed": failed,
            "summary": count_by_severity(findings),
            "findings": [
                {
                    "check": f.check_id,
                    "severity": f.severity.value,
                    "message": f.message,
                    "line": f.line,
                    "page": f.page,
                    "quote": f.quote or None,
                }
                for f in findings
            ],
        }
    )


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def to_github(path: str, findings: list[Finding], failed: bool) -> str:
    """GitHub Actions workflow commands: `::warning file=F,line=N,title=ID::message`."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for f in findings:
        props = [f"file={_gh_escape(path, True)}"]
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={_gh_escape(f.check_id, True)}")
        out.append(f"::{level[f.severity.value]} {','.join(props)}::{_gh_escape(f.message)}")
    out.append(_summary(findings, failed))
    return "\n".join(out) + "\n"


def to_junit(path: str, findings: list[Finding], check_ids: list[str], fail_rank: int) -> str:
    """JUnit XML: one test case per check; a finding at or above the fail level is a failure."""
    suite = ET.Element("testsuite", name="veiligheid check", tests=str(len(check_ids)))
    failures = 0
    for check_id in check_ids:
        case = ET.SubElement(suite, "testcase", classname=path, name=check_id)
        own = [f for f in findings if f.check_id == check_id]
        failing = [f for f in own if f.severity.rank >= fail_rank]
        if failing:
            failures += 1
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{len(failing)} finding(s)",
                type=failing[0].severity.value,
            )
            failure.text = "\n".join(f"{location(f.line, f.page)}: {f.message}" for f in failing)
        others = [f for f in own if f.severity.rank < fail_rank]
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(
                f"{f.severity.value} {location(f.line, f.page)}: {f.message}" for f in others
            )
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def to_markdown(path: str, findings: list[Finding], failed: bool) -> str:
    out = [f"# Check of `{path}`", "", f"**{_summary(findings, failed)}**", ""]
    if findings:
        out += ["| Severity | Check | Where | Message |", "|---|---|---|---|"]
        for f in findings:
            out.append(
                f"| {f.severity.value} | `{f.check_id}` | {location(f.line, f.page) or '–'} | "
                f"{md_escape(f.message)} |"
            )
    return "\n".join(out) + "\n"


def render(fmt: str, result, failed: bool, level: Severity) -> str:
    """The findings of a `check` run (a `runs.CheckResult`) in `fmt`."""
    path, findings = result.document.path, result.findings
    if fmt in ("text", "markdown"):
        show = display_for(result.document)
        findings = [replace(f, message=displayed_quotes(f.message, show)) for f in findings]
    if fmt == "json":
        return to_json(path, findings, failed, level.value)
    if fmt == "github":
        return to_github(path, findings, failed)
    if fmt == "junit":
        return to_junit(path, findings, result.enabled_checks, level.rank)
    if fmt == "markdown":
        return to_markdown(path, findings, failed)
    return to_text(path, findings, failed)
