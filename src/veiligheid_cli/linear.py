"""A learned linear model, scored in pure Python: the weights of `rules/*_model.yaml`.

The extraction proposes candidates and describes each by named features (what a reader sees:
the cue, the colon, the count, the list, the themes); this model turns the features into the
probability that a candidate is one of the document's own priorities (or goals). The weights
are trained offline (`make train`, scikit-learn, never imported here) and validated on load
like every rules file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Logistic regression: p = 1 / (1 + exp(-(intercept + sum(weight * value))))."""

    weights: dict[str, float]
    intercept: float
    threshold: float  # the one decision: a candidate with p >= threshold is taken
    cross_validation: dict[str, float] = field(default_factory=dict)
    source: str = ""

    def margin(self, features: dict[str, float]) -> float:
        w = self.weights
        return self.intercept + sum(w.get(name, 0.0) * v for name, v in features.items())

    def probability(self, features: dict[str, float]) -> float:
        z = max(-60.0, min(60.0, self.margin(features)))
        return 1.0 / (1.0 + math.exp(-z))

    def accepts(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold

    def explain(self, features: dict[str, float], most: int = 5) -> list[tuple[str, float]]:
        """The features that moved the score most: (name, weight x value), strongest first."""
        parts = [(n, self.weights.get(n, 0.0) * v) for n, v in features.items()]
        parts = [(n, round(c, 3)) for n, c in parts if c]
        return sorted(parts, key=lambda p: -abs(p[1]))[:most]
