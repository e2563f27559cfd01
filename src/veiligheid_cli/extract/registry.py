"""The registry of extraction passes, in the manner of spaCy's component factories.

A pass is a function that reads the shared `ExtractionContext` and adds or refines items. It is
registered under a name with `@extraction_pass("name")`; `rules/extract.yaml` may list the
passes to run, in order (`passes:`), otherwise `DEFAULT_PASSES` runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import ExtractionContext

Pass = Callable[["ExtractionContext"], None]
PASSES: dict[str, Pass] = {}


def extraction_pass(name: str) -> Callable[[Pass], Pass]:
    """Register a pass under `name` (names are unique)."""

    def register(function: Pass) -> Pass:
        if name in PASSES:
            raise ValueError(f"extraction pass {name!r} is registered twice")
        PASSES[name] = function
        return function

    return register
