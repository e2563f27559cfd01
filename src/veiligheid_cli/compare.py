"""Compare two periods of one body's plan: which priorities stay, which are new, which went.

Each old priority is paired with at most one new one, by an optimal assignment (not greedily)
on a pair score: theme overlap first (the same theme counts 1, a related one 0.5), then the
name (rapidfuzz on the lemma keys). A pair scoring at least KEEP is `kept` (`reworded` where the
names differ); an old priority left over is `dropped` and, where its themes now sit inside a
new priority's, says which (`merged_into`); a new one left over is `added`. Goals are compared
per kept pair (carried over, new, dropped, and a target that moved); the themes per Kernbeleid
field show where attention grew or shrank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .model import Extraction, Item
from .rules import Taxonomy

KEEP = 0.45  # a pair at least this close is one priority kept
GOAL_KEEP = 0.5  # two goals at least this close are one goal carried over
_TARGET = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|procent)|\b(?:19|20)\d\d\b")


@dataclass(slots=True)
class GoalChange:
    status: str  # carried | new | dropped
    old: Item | None
    new: Item | None
    old_targets: list[str] = field(default_factory=list)
    new_targets: list[str] = field(default_factory=list)

    @property
    def target_moved(self) -> bool:
        return bool(self.old_targets and self.new_targets and self.old_targets != self.new_targets)


@dataclass(slots=True)
class PriorityChange:
    status: str  # kept | added | dropped
    old: Item | None
    new: Item | None
    score: float = 0.0
    reason: str = ""
    reworded: bool = False
    merged_into: str | None = None
    goals: list[GoalChange] = field(default_factory=list)


@dataclass(slots=True)
class FieldChange:
    field: str
    label: str
    old_priorities: int
    new_priorities: int
    old_goals: int
    new_goals: int


@dataclass(slots=True)
class Comparison:
    old: Extraction
    new: Extraction
    priorities: list[PriorityChange]
    fields: list[FieldChange]
    warnings: list[str] = field(default_factory=list)


def compare(old: Extraction, new: Extraction, taxonomy: Taxonomy) -> Comparison:
    """The changes from `old` to `new` (module doc)."""
    olds, news = old.priorities, new.priorities
    scores = [[_pair_score(a, b, taxonomy) for b in news] for a in olds]
    pairs = {i: j for i, j in assign(scores) if scores[i][j][0] >= KEEP}
    rows: list[PriorityChange] = []
    for i, a in enumerate(olds):
        if i in pairs:
            b = news[pairs[i]]
            score, reason = scores[i][pairs[i]]
            reworded = fuzz.ratio(_norm(a.text), _norm(b.text)) < 90
            row = PriorityChange("kept", a, b, round(score, 2), reason, reworded)
            row.goals = compare_goals(_goals_of(old, a), _goals_of(new, b), taxonomy)
            rows.append(row)
        else:
            merged = _merged_into(a, news, taxonomy)
            rows.append(PriorityChange("dropped", a, None, merged_into=merged))
    taken = set(pairs.values())
    rows += [PriorityChange("added", None, b) for j, b in enumerate(news) if j not in taken]
    return Comparison(old, new, rows, field_changes(old, new, taxonomy))


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _pair_score(a: Item, b: Item, taxonomy: Taxonomy) -> tuple[float, str]:
    """How likely two priorities are one: (score, why)."""
    name = fuzz.token_set_ratio(" ".join(sorted(a.keys)), " ".join(sorted(b.keys))) / 100
    name = max(name, fuzz.token_set_ratio(_norm(a.text), _norm(b.text)) / 100)
    ta, tb = set(a.themes), set(b.themes)
    if not ta or not tb:
        return name, "name"
    same = len(ta & tb)
    near = sum(1 for x in ta - tb for y in tb - ta if taxonomy.closeness(x, y) >= 2)
    theme = (same + 0.5 * near) / len(ta | tb)
    reason = "same theme" if same else "related theme" if near else "name"
    return 0.7 * theme + 0.3 * name, reason


def _merged_into(a: Item, news: list[Item], taxonomy: Taxonomy) -> str | None:
    """A new priority that holds all of the dropped one's themes (the same, or related in the
    taxonomy), and more: "Woninginbraak" dropped into "High impact crimes"."""
    ta = set(a.themes)
    for b in news:
        tb = set(b.themes) | set(b.scope)
        if ta and all(any(taxonomy.closeness(x, y) >= 2 for y in tb) for x in ta):
            return b.text
    return None


def _goals_of(ex: Extraction, priority: Item) -> list[Item]:
    """The goals that belong to a priority: about its themes (a priority without themes: the
    goals of its section)."""
    themes = set(priority.themes) | set(priority.scope)
    if not themes:
        return [g for g in ex.goals if priority.section and g.section == priority.section]
    return [g for g in ex.goals if themes & set(g.themes)]


def compare_goals(olds: list[Item], news: list[Item], taxonomy: Taxonomy) -> list[GoalChange]:
    scores = [[(_goal_score(a, b), "") for b in news] for a in olds]
    pairs = {i: j for i, j in assign(scores) if scores[i][j][0] >= GOAL_KEEP}
    out = []
    for i, a in enumerate(olds):
        b = news[pairs[i]] if i in pairs else None
        change = GoalChange("carried" if b else "dropped", a, b, targets(a), targets(b))
        out.append(change)
    taken = set(pairs.values())
    out += [
        GoalChange("new", None, b, [], targets(b)) for j, b in enumerate(news) if j not in taken
    ]
    return out


def _goal_score(a: Item, b: Item) -> float:
    words = fuzz.token_set_ratio(_norm(_TARGET.sub("", a.text)), _norm(_TARGET.sub("", b.text)))
    themes = bool(set(a.themes) & set(b.themes))
    return 0.7 * words / 100 + (0.3 if themes else 0.0)


def targets(goal: Item | None) -> list[str]:
    """The figures and years a goal names ("15%", "2026"), in order."""
    if goal is None:
        return []
    text = " ".join(filter(None, [goal.text, goal.target]))
    return [re.sub(r"\s+", "", m.group()) for m in _TARGET.finditer(text)]


def field_changes(old: Extraction, new: Extraction, taxonomy: Taxonomy) -> list[FieldChange]:
    """Priorities and goals per Kernbeleid field, old and new."""
    fields = {t.id: t.field for t in taxonomy.themes}

    def count(items: list[Item], field_id: str) -> int:
        return sum(1 for it in items if any(fields.get(t) == field_id for t in it.themes))

    return [
        FieldChange(
            f.id,
            f.label,
            count(old.priorities, f.id),
            count(new.priorities, f.id),
            count(old.goals, f.id),
            count(new.goals, f.id),
        )
        for f in taxonomy.fields
    ]


def assign(scores: list[list[tuple[float, str]]]) -> list[tuple[int, int]]:
    """An optimal one-to-one assignment of rows to columns (maximum total score): the
    Hungarian method on the square matrix padded with zeros."""
    n_rows, n_cols = len(scores), len(scores[0]) if scores else 0
    n = max(n_rows, n_cols)
    if n == 0:
        return []
    cost = [
        [-(scores[i][j][0]) if i < n_rows and j < n_cols else 0.0 for j in range(n)]
        for i in range(n)
    ]
    return [(i, j) for i, j in _hungarian(cost) if i < n_rows and j < n_cols]


def _hungarian(cost: list[list[float]]) -> list[tuple[int, int]]:
    """Minimum-cost assignment of a square matrix (the classic O(n^3) potentials method)."""
    n = len(cost)
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return [(p[j] - 1, j - 1) for j in range(1, n + 1) if p[j]]
