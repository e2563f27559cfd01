"""Check: lint a draft plan like code, with the checks and parameters of rules/check.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Alignment, AlignmentStatus, Extraction, Finding, Item, Severity
from .rules import CheckRule, Taxonomy

_MAX_QUOTE = 160


def _quote(text: str) -> str:
    return text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1].rstrip() + "…"


def _any(patterns: Iterable[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def run_checks(
    draft: Extraction,
    alignments: list[Alignment],
    checks: dict[str, CheckRule],
    taxonomy: Taxonomy,
) -> list[Finding]:
    """All findings for a draft, ordered by line; disabled checks are skipped."""
    findings: list[Finding] = []

    def add(check_id: str, message: str, item: Item | None = None, line: int | None = None) -> None:
        rule = checks[check_id]
        if not rule.enabled:
            return
        findings.append(
            Finding(
                check_id=check_id,
                severity=Severity(rule.severity),
                message=message,
                line=item.line if item else line,
                page=item.page if item else None,
                quote=_quote(item.text) if item else "",
            )
        )

    _regional(alignments, add)
    _priorities(draft, checks, add)
    _goals(draft, checks, add)
    _document(draft, checks, taxonomy, add)
    return sorted(findings, key=lambda f: (f.line or 0, -f.severity.rank, f.check_id))


def _regional(alignments: list[Alignment], add) -> None:
    for a in alignments:
        source = a.regional.document.path
        for p in a.priorities:
            where = f"{source}:{p.regional.line}"
            if p.status is AlignmentStatus.MISSING:
                add(
                    "regional-priority-missing",
                    f"regional priority '{p.regional.text}' ({where}) is not addressed by any "
                    "local priority or goal",
                )
            elif p.status is AlignmentStatus.PARTIAL:
                best = p.evidence[0] if p.evidence else None
                add(
                    "regional-priority-partial",
                    f"regional priority '{p.regional.text}' ({where}) is only partly addressed: "
                    f"{p.reason}",
                    line=best.line if best else None,
                )


def _priorities(draft: Extraction, checks: dict[str, CheckRule], add) -> None:
    priorities = draft.priorities
    if not priorities:
        add(
            "no-priorities",
            "no local priorities found (no themes chapter, list or cue such as "
            "'prioriteiten', 'speerpunten')",
        )
        return
    limit = checks["too-many-priorities"].params["max"]
    if len(priorities) > limit:
        add(
            "too-many-priorities",
            f"{len(priorities)} local priorities (more than {limit}); "
            "a plan steers better on a few",
            line=priorities[0].line,
        )
    for priority in priorities:
        if not _has_goal(priority, draft.goals):
            add("priority-without-goal", f"priority '{priority.text}' has no goal", item=priority)


def _has_goal(priority: Item, goals: list[Item]) -> bool:
    """A goal in the priority's section, or a goal that shares one of its themes."""
    for goal in goals:
        if goal.section and goal.section == priority.section:
            return True
        if priority.themes and set(priority.themes) & set(goal.themes):
            return True
    return False


def _goals(draft: Extraction, checks: dict[str, CheckRule], add) -> None:
    measurable = checks["goal-not-measurable"].params["measurable_patterns"]
    timed = checks["goal-not-time-bound"].params["time_patterns"]
    owners = checks["goal-without-owner"].params["owner_patterns"]
    plan_period = draft.document.metadata.period
    for goal in draft.goals:
        target = goal.measure  # the target the goal's words state (extract/targets.py)
        if target is None and not _any(measurable, goal.text):
            add(
                "goal-not-measurable",
                f"goal has no measurable target (number, percentage, baseline or comparison): "
                f'"{_quote(goal.text)}"',
                item=goal,
            )
        dated = (target is not None and target.year is not None) or _any(timed, goal.text)
        if plan_period is None and not dated:
            stated = f"a target ({target.describe()}) but " if target else ""
            add("goal-not-time-bound", f'goal has {stated}no time frame: "{_quote(goal.text)}"',
                item=goal)  # fmt: skip
        if not _any(owners, goal.text):
            add(
                "goal-without-owner",
                f'goal names no owner or partner: "{_quote(goal.text)}"',
                item=goal,
            )


def _document(draft: Extraction, checks: dict[str, CheckRule], taxonomy: Taxonomy, add) -> None:
    doc = draft.document
    if doc.metadata.period is None:
        add(
            "period-missing",
            "the plan does not state its period (e.g. 'Integraal Veiligheidsplan 2023-2026')",
            line=1,
        )
    patterns = checks["regional-relation-missing"].params["patterns"]
    if not any(_any(patterns, b.text) for b in doc.blocks):
        add(
            "regional-relation-missing",
            "the plan does not say how it relates to the regional strategy "
            "(regionale veiligheidsstrategie)",
            line=1,
        )
    mentioned = {t for item in draft.mentions + draft.priorities + draft.goals for t in item.themes}
    skip = set(checks["field-not-mentioned"].params["skip_fields"])
    for f in taxonomy.fields:
        themes = {t.id for t in taxonomy.themes if t.field == f.id}
        if f.id in skip or not themes:
            continue
        if not themes & mentioned:
            add(
                "field-not-mentioned",
                f"Kernbeleid Veiligheid field '{f.label}' is not mentioned "
                f"(themes: {', '.join(sorted(themes)[:5])}…)",
            )


def fails(findings: list[Finding], level: Severity) -> bool:
    """True when any finding is at or above the fail level."""
    return any(f.severity.rank >= level.rank for f in findings)


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts
