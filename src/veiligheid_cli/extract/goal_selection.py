"""Goal selection: every goal a generator proposed, scored by the learned goal model.

The goal passes are generators: they propose what reads as a goal in their layout (a goals
table's rows, an indicator table's target columns, the items after "Onze doelen zijn:", target
sentences, goal phrases ...). One decision replaces their hand-set confidences and the passes
that dropped look-alikes afterwards: a proposed goal is kept when the goal model's probability
(rules/goal_model.yaml, the same mechanism as the priorities') reaches its threshold. What those
passes knew is now a feature: a sentence that only looks like a goal in a section whose layout
marks its goals, an aim beside measured goals that states no target of its own.
"""

from __future__ import annotations

from ..model import Item
from .context import ExtractionContext
from .goal_features import block_index, block_of, goal_features
from .registry import extraction_pass
from .stated_goals import beside_marked_goals
from .target_goals import aims_beside_measured

EXPLAIN_FEATURES = 5


def score_goals(ctx: ExtractionContext) -> list[tuple[Item, dict[str, float], float]]:
    """Every proposed goal with its features and probability."""
    model = ctx.rules.goal_model
    beside_marked = beside_marked_goals(ctx)
    aims = aims_beside_measured(ctx)
    index = block_index(ctx)
    blocks = [block_of(ctx, index, g) for g in ctx.goals]
    out = []
    for goal, i in zip(ctx.goals, blocks, strict=True):
        features = goal_features(ctx, goal, i)
        features |= {
            k: v
            for k, v in {
                "looks_like_beside_marked": float(id(goal) in beside_marked),
                "aim_beside_measured": float(id(goal) in aims),
            }.items()
            if v
        }
        out.append((goal, features, model.probability(features)))
    return out


@extraction_pass("select_goals")
def select_goals(ctx: ExtractionContext) -> None:
    """Keep the proposed goals the goal model accepts, the most probable of those that say the
    same words (as training selects); the probability is their confidence."""
    threshold = ctx.rules.goal_model.threshold
    best: dict[str, tuple[float, Item, dict[str, float]]] = {}
    for goal, features, p in score_goals(ctx):
        key = same_words(goal)
        if p >= threshold and (key not in best or p > best[key][0]):
            best[key] = (p, goal, features)
    chosen = {id(goal) for _p, goal, _f in best.values()}
    kept = []
    for goal in ctx.goals:  # in the order the generators proposed them
        if id(goal) in chosen:
            p, _g, features = best[same_words(goal)]
            goal.confidence = round(min(p, 0.99), 2)
            goal.why = tuple(ctx.rules.goal_model.explain(features, EXPLAIN_FEATURES))
            kept.append(goal)
    ctx.goals = kept


def same_words(goal: Item) -> str:
    """Goals with this key are one goal (training/goal_features.py groups them so too)."""
    return goal.text.lower().strip(" .")
