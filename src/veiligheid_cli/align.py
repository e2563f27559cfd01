"""Alignment: how well do a local plan's priorities and goals address the regional ones?

Each regional priority is scored against every local item (priority, goal, or a mention in
running text). The score combines three signals, weighted in rules/config.yaml:
- themes: shared theme ids (a related theme earns partial credit);
- lemmas: the share of the regional priority's content-word lemma keys (compound parts
  included) that occur in the local item, each key weighted by its inverse document frequency
  over the local plan's items, so that words used everywhere ("veiligheid") count little;
- fuzzy: rapidfuzz token_set_ratio of the two texts.
The result is multiplied by the weight of the local item's kind (a stated priority counts more
than a passing mention).

Status: covered when a local priority or goal scores at least the `covered` threshold; partial
when anything scores at least `partial` (a mention alone is never more than partial); missing
otherwise. coverage = (covered + 0.5 * partial) / number of regional priorities.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from .model import (
    Alignment,
    AlignmentStatus,
    Evidence,
    Extraction,
    Item,
    PriorityAlignment,
)
from .rules import AlignConfig, Taxonomy


@dataclass(slots=True)
class _Candidate:
    item: Item
    kind: str
    keys: frozenset[str]


def candidates(local: Extraction) -> list[tuple[Item, str]]:
    """Local items that can serve as evidence, with their evidence kind."""
    out: list[tuple[Item, str]] = [(i, "priority") for i in local.priorities]
    out += [(i, "goal") for i in local.goals]
    out += [(i, "mention") for i in local.regional_references]
    out += [(i, "mention") for i in local.mentions]
    return out


def score_pair(
    regional: Item,
    regional_keys: frozenset[str],
    local: Item,
    local_keys: frozenset[str],
    kind: str,
    config: AlignConfig,
    taxonomy: Taxonomy,
    idf: Callable[[str], float] = lambda _key: 1.0,
) -> float:
    """Score of one local item as evidence for one regional priority, in [0, 1]."""
    wanted = set(regional.themes)
    have = set(local.themes)
    if wanted:
        shared = len(wanted & have)
        related = sum(
            1 for t in wanted - have if t in taxonomy.by_id and taxonomy.related(t) & have
        )
        theme_score = min(1.0, (shared + config.related_theme_credit * related) / len(wanted))
    else:
        theme_score = 0.0
    total = sum(idf(k) for k in regional_keys)
    lemma_score = sum(idf(k) for k in regional_keys & local_keys) / total if total else 0.0
    fuzzy_score = fuzz.token_set_ratio(regional.text.lower(), local.text.lower()) / 100
    if theme_score == 0 and lemma_score == 0:
        fuzzy_score = 0.0  # character overlap alone is no evidence
    raw = (
        config.weight_themes * theme_score
        + config.weight_lemmas * lemma_score
        + config.weight_fuzzy * fuzzy_score
    )
    return round(raw * config.kind_weights.get(kind, 1.0), 3)


def align(
    local: Extraction, regional: Extraction, config: AlignConfig, taxonomy: Taxonomy
) -> Alignment:
    """Align the local plan with the regional priorities (pure Python: no NLP model needed,
    the items carry their lemma keys from extraction)."""
    regional_items = regional.priorities or regional.regional_references
    regional_keys = [r.keys for r in regional_items]
    pool_c = [_Candidate(item, kind, item.keys) for item, kind in candidates(local)]
    idf = _idf([c.keys for c in pool_c])
    results: list[PriorityAlignment] = []
    best_for_local: dict[int, float] = {}
    for r, r_keys in zip(regional_items, regional_keys, strict=True):
        scored = []
        for n, c in enumerate(pool_c):
            s = score_pair(r, r_keys, c.item, c.keys, c.kind, config, taxonomy, idf)
            if s > 0:
                scored.append((s, n, c))
            if c.kind == "priority":
                best_for_local[n] = max(best_for_local.get(n, 0.0), s)
        scored.sort(key=lambda t: (-t[0], _KIND_ORDER[t[2].kind], t[2].item.line))
        results.append(_verdict(r, scored, config))
    local_only = [
        c.item
        for n, c in enumerate(pool_c)
        if c.kind == "priority" and best_for_local.get(n, 0.0) < config.partial_threshold
    ]
    covered = sum(1 for p in results if p.status is AlignmentStatus.COVERED)
    partial = sum(1 for p in results if p.status is AlignmentStatus.PARTIAL)
    coverage = round((covered + 0.5 * partial) / len(results), 3) if results else 0.0
    return Alignment(local, regional, results, local_only, coverage)


def _idf(key_sets: list[frozenset[str]]) -> Callable[[str], float]:
    """Inverse document frequency of lemma keys over the local items, scaled to (0, 1]."""
    df: Counter[str] = Counter(k for keys in key_sets for k in keys)
    n = len(key_sets) + 1
    top = math.log(n + 1)

    def weight(key: str) -> float:
        return max(math.log(n / (df.get(key, 0) + 1)) + 1, 0.1) / (top + 1)

    return weight


_KIND_ORDER = {"priority": 0, "goal": 1, "mention": 2}


def _verdict(
    regional: Item, scored: list[tuple[float, int, _Candidate]], config: AlignConfig
) -> PriorityAlignment:
    best_pg = next((s for s, _, c in scored if c.kind in ("priority", "goal")), 0.0)
    best_any = scored[0][0] if scored else 0.0
    if best_pg >= config.covered_threshold:
        status = AlignmentStatus.COVERED
        reason = "a local priority or goal addresses it"
        evidence_pool = [t for t in scored if t[2].kind in ("priority", "goal")] + [
            t for t in scored if t[2].kind == "mention"
        ]
    elif best_any >= config.partial_threshold:
        only_mentions = best_pg < config.partial_threshold
        if (
            only_mentions
            and config.mention_max_status == "covered"
            and best_any >= config.covered_threshold
        ):
            status = AlignmentStatus.COVERED
        else:
            status = AlignmentStatus.PARTIAL
        reason = (
            "only mentioned in the text, not a local priority or goal"
            if only_mentions
            else "local items touch it, but only weakly or through a related theme"
        )
        evidence_pool = scored
    else:
        status = AlignmentStatus.MISSING
        reason = "nothing relevant found in the local plan"
        evidence_pool = []
    evidence = []
    seen_lines: set[tuple[int, str]] = set()
    for s, _, c in evidence_pool:
        key = (c.item.line, c.item.text[:40])
        if key in seen_lines or s < config.partial_threshold:
            continue
        seen_lines.add(key)
        evidence.append(
            Evidence(c.item.text, c.kind, c.item.line, c.item.page, s, list(c.item.themes))
        )
        if len(evidence) >= config.max_evidence:
            break
    score = round(best_pg if status is AlignmentStatus.COVERED else best_any, 3)
    return PriorityAlignment(regional, status, score, evidence, reason)
