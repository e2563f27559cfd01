"""A rules file validated by its model, a problem told in one line: `file: key: problem`.

Pydantic reports every problem it finds; the user reads the first one in the order a person
checks a file: at each level its unknown keys, then its missing keys, then the values in the
model's field order (list items and table entries in file order). The key is written as in
the file (`align.verdicts[2].status`); a list item with a label field is named by it
(`themes[4] (cyber).related`).
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import RulesError
from .rules_types import Problem, RulesModel

_NOT_A_STRING = "expected a non-empty string"
_SIMPLE = {
    "string_type": _NOT_A_STRING,
    "string_too_short": _NOT_A_STRING,
    "list_type": "expected a non-empty list of strings",
    "too_short": "expected a non-empty list of strings",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "dict_type": "expected a mapping",
    "bool_type": "expected true or false",
}
_UNKNOWN = "extra_forbidden"
_KEY_ERRORS = (_UNKNOWN, "missing")


def validate(model: type[RulesModel], data: dict[str, Any], path: str) -> RulesModel:
    """`data` as an instance of `model`, or RulesError naming `path`, the key and the first
    problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [_Located(model, data, error) for error in exc.errors()]
        first = min(errors, key=lambda e: e.rank)
        message = f"{first.key}: {first.message()}" if first.key else first.message()
        raise RulesError(path, message) from None


def _unwrap(tp: Any) -> Any:
    """The type under Annotated and Optional."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            tp = next(a for a in get_args(tp) if a is not type(None))
        else:
            return tp


def _as_model(tp: Any) -> type[RulesModel] | None:
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None  # type: ignore[return-value]


def _item_type(tp: Any) -> Any:
    """The type of an item of a list or of a value in a mapping."""
    args = get_args(_unwrap(tp))
    return args[-1] if args else None


def _field_name(model: type[BaseModel], key: str) -> str | None:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return name
    return None


class _Located:
    """One pydantic error with the key as the file writes it and its place in reading order."""

    def __init__(self, root: type[RulesModel], data: Any, error: dict[str, Any]) -> None:
        self.error = error
        exc = (error.get("ctx") or {}).get("error")
        self.problem = exc if isinstance(exc, Problem) else None
        loc = list(error["loc"]) + list(self.problem.loc if self.problem else ())
        self.owner: type[RulesModel] | None = None  # the model whose key the error is at
        self.field: str | None = None
        self.written = ""  # the key as the file writes it (an alias: "schema", a check id)
        rank: list[tuple[int, int, str]] = []  # (order group, position, key): one shape
        key = ""
        kind = _UNKNOWN if error["type"] == "invalid_key" else error["type"]  # `5:` in a mapping
        self.kind = kind
        tp, value = root, data
        for n, part in enumerate(loc):
            last = n == len(loc) - 1
            model = _as_model(tp)
            if model is not None:
                self.owner, self.written = model, str(part)
                self.field = _field_name(model, part) if isinstance(part, str) else None
                key += f".{part}" if key else str(part)
                if self.field is None or (last and kind in _KEY_ERRORS):
                    group = kind if last and kind in _KEY_ERRORS else _UNKNOWN
                    rank.append((model.order.index(group), 0, str(part)))
                    break
                position = list(model.model_fields).index(self.field)
                rank.append((model.order.index("values"), position, ""))
                tp = model.model_fields[self.field].annotation
            else:
                self.owner = self.field = None
                key += f"[{part}]" if isinstance(part, int) else f".{part}"
                rank.append((0, _position(value, part), ""))
                tp = _item_type(tp)
                key += _label(tp, _child(value, part), loc[n + 1 :], kind)
            value = _child(value, part)
        self.key, self.rank, self.value = key, tuple(rank), error.get("input")

    def message(self) -> str:
        kind, owner = self.kind, self.owner
        if self.problem is not None:
            return self.problem.message
        if kind == _UNKNOWN and owner is not None:
            known = ", ".join(sorted(i.alias or n for n, i in owner.model_fields.items()))
            return owner.unknown_key.format(known=known)
        if kind == "missing" and owner is not None:
            return owner.missing_key
        expected = re.findall(r"'([^']*)'", str((self.error.get("ctx") or {}).get("expected", "")))
        if owner is not None and self.written in owner.messages:
            template = owner.messages[self.written]
            return template.format(input=self.value, expected=", ".join(expected))
        if kind == "literal_error":
            if not isinstance(self.value, str) or not self.value.strip():
                return _NOT_A_STRING
            return f"'{self.value}' is not one of {', '.join(expected)}"
        if kind == "string_pattern_mismatch":
            return f"'{str(self.value).strip()}' is not a valid id (lowercase letters, digits, _)"
        if kind == "value_error":
            return str((self.error.get("ctx") or {}).get("error", self.error["msg"]))
        return _SIMPLE.get(kind, self.error["msg"])


def _child(value: Any, part: Any) -> Any:
    if isinstance(value, dict):
        return value.get(part)
    if isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
        return value[part]
    return None


def _position(value: Any, part: Any) -> int:
    """Where a list item or a table entry stands in the file."""
    if isinstance(part, int):
        return part
    keys = [str(k) for k in value] if isinstance(value, dict) else []
    return keys.index(str(part)) if str(part) in keys else len(keys)


def _label(item_type: Any, item: Any, rest: list[Any], kind: str) -> str:
    """ " (cyber)" after a list item whose model names it by a valid label, where the problem
    is in a value below the item (not an unknown or missing key of the item itself)."""
    model = _as_model(item_type)
    if model is None or not model.label_field or not rest or not isinstance(item, dict):
        return ""
    if len(rest) == 1 and kind in _KEY_ERRORS:
        return ""
    label = item.get(model.label_field)
    if not isinstance(label, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", label.strip()):
        return ""
    return f" ({label.strip()})"
