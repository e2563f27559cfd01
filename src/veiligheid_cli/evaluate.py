"""Score extraction against hand-written gold annotations (corpus/gold/*.json).

An extracted item matches a gold item (or one of its aliases) when their normalised texts are
similar (rapidfuzz `token_sort_ratio` or `ratio` >= 80), or when they start on the same line
(±1) and one text contains the other's words (`token_set_ratio` >= 80). Each gold item is
matched at most once; a second extraction of it is a false positive. Optional gold items are
neither required nor counted against precision.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from .model import Extraction, Item

LISTS = ("priorities", "goals", "regional_references")
THRESHOLD = 80


@dataclass(slots=True)
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    theme_hits: int = 0  # matched items whose main gold theme was found
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def theme_accuracy(self) -> float:
        return self.theme_hits / self.true_positives if self.true_positives else 1.0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        self.theme_hits += other.theme_hits
        self.misses += other.misses
        self.extras += other.extras


def _norm(text: str) -> str:
    return re.sub(r"[^\w\s]", " ", text.lower()).strip()


def _similar(item: Item, gold: dict) -> bool:
    a = _norm(item.text)
    for text in (gold["text"], *gold.get("aliases", [])):
        b = _norm(text)
        if max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a, b)) >= THRESHOLD:
            return True
        near = abs(item.line - gold["line"]) <= 1 if item.page is None else True
        if near and fuzz.token_set_ratio(a, b) >= THRESHOLD:
            return True
    return False


def score_list(extracted: list[Item], gold: list[dict]) -> Score:
    score = Score()
    matched: set[int] = set()
    for item in extracted:
        candidates = [k for k, g in enumerate(gold) if k not in matched and _similar(item, g)]
        if not candidates:
            score.false_positives += 1
            score.extras.append(item.text)
            continue
        k = candidates[0]
        matched.add(k)
        if gold[k].get("optional"):
            continue
        score.true_positives += 1
        if not gold[k].get("themes") or gold[k]["themes"][0] in item.themes:
            score.theme_hits += 1
    for k, g in enumerate(gold):
        if k not in matched and not g.get("optional"):
            score.false_negatives += 1
            score.misses.append(g["text"])
    return score


def load_gold(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def score_extraction(extraction: Extraction, gold: dict) -> dict[str, Score]:
    """Scores per list (priorities, goals, regional_references)."""
    return {name: score_list(getattr(extraction, name), gold.get(name, [])) for name in LISTS}


@dataclass(slots=True)
class VerdictScore:
    """Verdicts compared with hand-judged expectations (one allowed status, or a list)."""

    right: int = 0
    total: int = 0
    disagreements: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def score_verdicts(pairs: list[dict], root: Path, align_pair) -> VerdictScore:
    """Align each (local, regional) pair with `align_pair(local_path, regional_path)` and
    compare every regional priority's status with the expected one(s)."""
    score = VerdictScore()
    for pair in pairs:
        alignment = align_pair(root / pair["local"], root / pair["regional"])
        found = {p.regional.text: p for p in alignment.priorities}
        for priority, allowed in pair["expected"].items():
            allowed = [allowed] if isinstance(allowed, str) else list(allowed)
            verdict = found.get(priority)
            status = verdict.status.value if verdict else "not found"
            score.total += 1
            if status in allowed:
                score.right += 1
            else:
                reason = verdict.reason if verdict else ""
                score.disagreements.append(
                    f"{Path(pair['local']).name} × {priority!r}: {status} ({reason}), "
                    f"expected {'/'.join(allowed)}"
                )
    return score
