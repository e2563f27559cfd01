"""The building blocks of the rules models (`rules_models.py`): a strict base model and the
value types a rules file is made of, each with the one-line problem it reports.

A problem found below the value a validator checks is raised as `Problem`, which carries the
rest of the key (`themes[4].related`); `rules_problems.py` turns any validation error into
`file: key: problem`.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class Problem(ValueError):
    """A problem with a message as the user reads it; `loc` continues the key below the value
    being validated ("themes", 4, "related")."""

    def __init__(self, message: str, *loc: str | int) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc


class RulesModel(BaseModel):
    """A mapping in a rules file: no unknown keys, no coercion ("yes" is no boolean)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    # The problem a field reports for a value of the wrong kind, where the generic one
    # ("expected a non-empty list of strings") would mislead: {field: message}; "{input}"
    # stands for the value.
    messages: ClassVar[dict[str, str]] = {}
    # A list item of this model is named by this field in keys ("themes[4] (cyber).related").
    label_field: ClassVar[str] = ""
    # How this model's own keys are reported when unknown or missing.
    unknown_key: ClassVar[str] = "unknown key"
    missing_key: ClassVar[str] = "missing required key"
    # Which problems of this mapping are told first: its unknown keys, its missing keys or
    # the problems in its values.
    order: ClassVar[tuple[str, ...]] = ("extra_forbidden", "missing", "values")


def _none_to_empty(value: Any) -> Any:
    return [] if value is None else value


def _valid_regex(pattern: str) -> str:
    """A Python regular expression, also as one alternative of a cue list."""
    for form in (pattern, f"(?:{pattern})"):
        try:
            re.compile(form, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from None
    return pattern


def cue_pattern(parts: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for a cue list: cues with their own anchor (^) stand alone;
    the others must start at a word start, under one shared look-behind (eight times faster
    than a look-behind per alternative)."""
    anchored = [f"(?:{p})" for p in parts if p.startswith("^")]
    free = [f"(?:{p})" for p in parts if not p.startswith("^")]
    alternatives = anchored + ([rf"(?<!\w)(?:{'|'.join(free)})"] if free else [])
    return re.compile("|".join(alternatives) or "(?!)", re.IGNORECASE)


def _one_pattern(parts: list[str]) -> list[str]:
    """A cue list compiles as one pattern (two cues may not name the same group)."""
    try:
        cue_pattern(parts)
    except re.error as exc:
        raise ValueError(f"invalid regular expressions together: {exc}") from None
    return parts


def _number(lo: float, hi: float, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected a number")
    if not lo <= value <= hi:
        raise ValueError(f"{value} is out of range [{lo}, {hi}]")
    return float(value)


def _stringify_keys(value: Any) -> Any:
    """YAML reads `4: vier` with an integer key; a word table keys on text."""
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)] | None
Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, pattern=ID_PATTERN),
    Field(description="An id: lowercase letters, digits and _, starting with a letter."),
]
Regex = Annotated[Text, AfterValidator(_valid_regex)]
Texts = Annotated[list[Text], Field(min_length=1)]
OptionalTexts = Annotated[list[Text], BeforeValidator(_none_to_empty)]  # left empty: none
Cues = Annotated[
    list[Regex],
    AfterValidator(_one_pattern),
    Field(
        min_length=1,
        description="Python regular expressions, matched case-insensitively at a word start "
        "(one starting with ^ stands alone).",
    ),
]
OptionalRegexes = Annotated[list[Regex], BeforeValidator(_none_to_empty)]


def Number(lo: float, hi: float) -> Any:
    """A number from lo to hi (an integer is a number; true and false are not)."""
    return Annotated[
        float,
        PlainValidator(partial(_number, lo, hi)),
        WithJsonSchema({"type": "number", "minimum": lo, "maximum": hi}),
    ]


def WordTable(lo: float, hi: float) -> Any:
    """A mapping of words to numbers from lo to hi."""
    return Annotated[dict[str, Number(lo, hi)], BeforeValidator(_stringify_keys)]


def OptionalList(item: Any) -> Any:
    """A list that may be left empty (`evidence:` with nothing after it is no evidence)."""
    return Annotated[list[item], BeforeValidator(_none_to_empty)]
