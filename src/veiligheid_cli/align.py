"""Alignment: does a local plan make each regional priority its own?

Every local item (priority, goal, section, commitment, mention) is classified by how it relates
to a regional priority:
- `same`: it names a theme of the regional priority itself ("ondermijning");
- `scope`: it names a theme the regional priority's own section is about (a regional chapter
  "Zorg en veiligheid" about verward gedrag);
- `words`: the regional priority has no theme; its specific words stand together in the item;
- `related`: it names a neighbouring theme, or only a broad theme both have;
- `generic`: it shares nothing but generic words ("veiligheid", "zorg").
The verdict rules of rules/config.yaml are then tried in order; the first rule for which such
evidence exists decides the status, and its id is the verdict's reason. A priority of two
concepts ("veiligheid verbinden met zorg") is one theme in the taxonomy (zorg_veiligheid), so a
sentence about only one of them ("het zorgbudget") is no evidence.

coverage = (covered + 0.5 * partial) / number of regional priorities.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import (
    Alignment,
    AlignmentStatus,
    Evidence,
    Extraction,
    Item,
    ItemKind,
    PriorityAlignment,
)
from .rules import AlignConfig, Taxonomy, VerdictRule

_ORDER = ("priority", "goal", "section", "heading", "commitment", "mention")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A local item that may be evidence, with its evidence kind."""

    item: Item
    kind: str  # priority | goal | section | heading | commitment | mention


@dataclass(frozen=True, slots=True)
class Match:
    candidate: Candidate
    how: str  # same | scope | words | related | generic
    score: float


@dataclass(frozen=True, slots=True)
class Target:
    """A regional priority as the matcher sees it."""

    item: Item
    core: frozenset[str]  # its own themes (broad ones only when it has nothing else)
    scope: frozenset[str]  # themes its section is about
    related: frozenset[str]  # neighbouring themes, and broad themes it shares
    words: frozenset[str]  # its specific lemma keys (generic words left out)


def candidates(local: Extraction) -> list[Candidate]:
    """Local items that can serve as evidence, with their evidence kind."""
    out = [Candidate(i, "priority") for i in local.priorities]
    out += [Candidate(i, "goal") for i in local.goals]
    out += [
        Candidate(i, "section" if i.cue == "section with commitments" else "heading")
        for i in local.sections
    ]
    out += [Candidate(i, "mention") for i in local.regional_references]
    out += [
        Candidate(i, "commitment" if i.cue == "commitment" else "mention") for i in local.mentions
    ]
    return out


def target(regional: Item, config: AlignConfig, taxonomy: Taxonomy) -> Target:
    """The themes and words by which a regional priority is recognised."""
    known = [t for t in regional.themes if t in taxonomy.by_id]
    specific = {t for t in known if not taxonomy.theme(t).broad}
    core = specific or set(known)
    broad = set(known) - core
    scope = {t for t in regional.scope if t in taxonomy.by_id} - core
    related = {r for t in core for r in taxonomy.related(t)} | broad
    return Target(
        item=regional,
        core=frozenset(core),
        scope=frozenset(scope),
        related=frozenset(related - core - scope),
        words=frozenset(k for k in regional.keys if k not in config.generic_words),
    )


def classify(t: Target, c: Candidate, config: AlignConfig) -> Match | None:
    """How a local item relates to a regional priority, with its score; None if not at all."""
    themes = set(c.item.themes)
    how = None
    share = 1.0
    if themes & t.core:
        how = "same"
    elif themes & t.scope:
        how = "scope"
    elif not t.core and t.words:
        found = t.words & c.item.keys
        share = len(found) / len(t.words)
        if share >= config.words_share and len(found) >= min(2, len(t.words)):
            how = "words"
    if how is None and themes & t.related:
        how = "related"
    if how is None and (t.item.keys & c.item.keys):
        how = "generic"
    if how is None:
        return None
    score = config.kind_weights[c.kind] * config.match_weights[how] * share
    return Match(c, how, round(score, 3))


def align(
    local: Extraction, regional: Extraction, config: AlignConfig, taxonomy: Taxonomy
) -> Alignment:
    """Align the local plan with the regional priorities (pure Python: no NLP model needed,
    the items carry their themes and lemma keys from extraction)."""
    pool = candidates(local)
    results: list[PriorityAlignment] = []
    matched_local: set[int] = set()
    for regional_item in regional.priorities or regional.regional_references:
        t = target(regional_item, config, taxonomy)
        matches = [m for c in pool if (m := classify(t, c, config)) is not None]
        matched_local |= {id(m.candidate.item) for m in matches if m.how != "generic"}
        results.append(verdict(regional_item, matches, config))
    local_only = [p for p in local.priorities if id(p) not in matched_local]
    covered = sum(1 for p in results if p.status is AlignmentStatus.COVERED)
    partial = sum(1 for p in results if p.status is AlignmentStatus.PARTIAL)
    coverage = round((covered + 0.5 * partial) / len(results), 3) if results else 0.0
    return Alignment(local, regional, results, local_only, coverage)


def verdict(regional: Item, matches: list[Match], config: AlignConfig) -> PriorityAlignment:
    """The first verdict rule with evidence decides; the evidence is what it found."""
    for rule in config.verdicts:
        found = _evidence_for(rule, matches)
        if rule.evidence and not found:
            continue
        found.sort(key=lambda m: (-m.score, _ORDER.index(m.candidate.kind), m.candidate.item.line))
        status = AlignmentStatus(rule.status)
        shown = found if status is not AlignmentStatus.MISSING else []
        evidence, more = _quotes(shown, config.max_evidence)
        score = found[0].score if found and status is not AlignmentStatus.MISSING else 0.0
        return PriorityAlignment(regional, status, score, evidence, rule.id, rule.explain, more)
    raise AssertionError("the verdict rules end with a catch-all")  # validated on load


def _evidence_for(rule: VerdictRule, matches: list[Match]) -> list[Match]:
    return [m for m in matches if m.candidate.kind in rule.evidence and m.how in rule.match]


def _quotes(matches: list[Match], limit: int) -> tuple[list[Evidence], int]:
    """The strongest `limit` distinct pieces of evidence (matches come strongest first), and
    how many more distinct pieces there are."""
    out: list[Evidence] = []
    seen: set[tuple[int | None, int, str]] = set()
    for m in matches:
        item = m.candidate.item
        key = (item.page, item.line, item.text[:40])
        if key in seen:
            continue
        seen.add(key)
        if len(out) >= limit:
            continue  # counted in `seen`, not quoted
        kind = "priority" if item.kind is ItemKind.PRIORITY else m.candidate.kind
        ev = Evidence(item.text, kind, item.line, item.page, m.score, list(item.themes), m.how)
        if item.kind is ItemKind.GOAL and item.measure is not None:
            ev.target = item.measure.describe(item.baseline.year if item.baseline else None)
        out.append(ev)
    return out, len(seen) - len(out)
