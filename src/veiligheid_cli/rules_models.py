"""Typed models of the four rules files: the one statement of what each file may hold.

`rules.py` validates a file with its model and builds the runtime objects from it; the JSON
Schemas in rules/schema/ are generated from these models (`make schemas`, tested to be
current), so an editor with the YAML language server checks a rules file while it is typed.
Field order is the order in which problems are reported. Cross-references (a theme's field,
its related themes, the catch-all verdict) are checked by the file models' validators.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .rules_types import (
    Cues,
    Id,
    Number,
    OptionalList,
    OptionalRegexes,
    OptionalText,
    OptionalTexts,
    Problem,
    RulesModel,
    Text,
    Texts,
    WordTable,
)

THEMES_SCHEMA = "veiligheid/themes/v1"
CONFIG_SCHEMA = "veiligheid/config/v2"
EXTRACT_SCHEMA = "veiligheid/extract/v1"
CHECK_SCHEMA = "veiligheid/check/v1"
SCHEMA_MESSAGE = "unsupported schema {input!r}, expected {expected}"

# --- themes.yaml ----------------------------------------------------------------------------


def _specific_glob(pattern: str) -> str:
    if len(re.sub(r"[*?\[\]]", "", pattern)) < 3:
        raise ValueError(f"pattern '{pattern}' is too broad")
    return pattern


class FieldEntry(RulesModel):
    """A field (veiligheidsveld) of the Kernbeleid Veiligheid, or a group of themes."""

    id: Id
    label: Text


class ThemeEntry(RulesModel):
    """A safety theme: how documents name it, and what it belongs with."""

    label_field: ClassVar[str] = "id"

    id: Id
    field: Text = Field(description="The id of the field this theme belongs to.")
    patterns: OptionalTexts = Field(default_factory=list, description="Shell globs on one word.")
    label: Text
    description: OptionalText = None
    terms: Texts = Field(description="Words and phrases, lemmatised like the documents.")
    related: OptionalTexts = Field(default_factory=list, description="Ids of related themes.")
    broad: bool = Field(
        default=False, description="A means or context (handhaving): never decides alone."
    )
    names: OptionalTexts = Field(
        default_factory=list,
        description="Common words that name the theme as a whole priority name.",
    )

    @field_validator("patterns")
    @classmethod
    def _globs(cls, patterns: list[str]) -> list[str]:
        for j, pattern in enumerate(patterns):
            try:
                _specific_glob(pattern)
            except ValueError as exc:
                raise Problem(str(exc), j) from None
        return patterns


class ThemesFile(RulesModel):
    """rules/themes.yaml: the theme taxonomy."""

    messages: ClassVar[dict[str, str]] = {
        "schema": SCHEMA_MESSAGE,
        "fields": "expected a non-empty list",
        "themes": "expected a non-empty list",
    }

    schema_: Literal["veiligheid/themes/v1"] = Field(THEMES_SCHEMA, alias="schema")
    fields: Annotated[list[FieldEntry], Field(min_length=1)]
    themes: Annotated[list[ThemeEntry], Field(min_length=1)]

    @model_validator(mode="after")
    def _references(self) -> ThemesFile:
        field_ids = {f.id for f in self.fields}
        seen: set[str] = set()
        for i, theme in enumerate(self.themes):
            if theme.field not in field_ids:
                raise Problem(f"unknown field '{theme.field}'", "themes", i, "field")
            if theme.id in seen:
                raise Problem("duplicate theme id", "themes", i, "id")
            seen.add(theme.id)
        for i, theme in enumerate(self.themes):
            for rel in theme.related:
                if rel not in seen:
                    raise Problem(f"unknown theme '{rel}'", "themes", i, "related")
        return self


# --- config.yaml ----------------------------------------------------------------------------

Status = Literal["covered", "partial", "missing"]
EvidenceKind = Literal["priority", "goal", "section", "heading", "commitment", "mention"]
MatchKind = Literal["same", "scope", "words", "related", "generic"]
Weight = Number(0, 1)


class VerdictEntry(RulesModel):
    """A verdict rule: the first rule whose evidence the local plan has decides."""

    id: Id
    status: Status
    evidence: OptionalList(EvidenceKind) = Field(  # type: ignore[valid-type]
        default_factory=list, description="Kinds of local evidence; none for the catch-all."
    )
    match: OptionalList(MatchKind) = Field(  # type: ignore[valid-type]
        default_factory=list, description="How the evidence must match the regional priority."
    )
    explain: Text = Field(description="One line for reports.")

    @model_validator(mode="after")
    def _both_or_neither(self) -> VerdictEntry:
        if bool(self.evidence) != bool(self.match):
            raise Problem("give both 'evidence' and 'match', or neither (the catch-all)")
        return self


class KindWeights(RulesModel):
    """How strong each kind of local evidence is."""

    priority: Weight
    goal: Weight
    section: Weight
    heading: Weight
    commitment: Weight
    mention: Weight


class MatchWeights(RulesModel):
    """How strong each kind of match with the regional priority is."""

    same: Weight
    scope: Weight
    words: Weight
    related: Weight
    generic: Weight


class AlignSection(RulesModel):
    """The verdict rules, weights and limits of `align`."""

    messages: ClassVar[dict[str, str]] = {"verdicts": "expected a non-empty list of rules"}

    verdicts: Annotated[list[VerdictEntry], Field(min_length=1)]
    kind_weights: KindWeights
    match_weights: MatchWeights
    generic_words: Texts = Field(description="Words that alone are no evidence.")
    words_share: Number(0.1, 1)  # type: ignore[valid-type]
    max_evidence: Number(1, 20) = 3  # type: ignore[valid-type]

    @field_validator("verdicts")
    @classmethod
    def _rule_ids(cls, rules: list[VerdictEntry]) -> list[VerdictEntry]:
        seen: set[str] = set()
        for n, rule in enumerate(rules):
            if rule.id in seen:
                raise Problem(f"duplicate rule id '{rule.id}'", n, "id")
            seen.add(rule.id)
        if rules[-1].evidence or rules[-1].status != "missing":
            raise Problem(
                "the last rule must be the catch-all: status missing, no evidence", len(rules) - 1
            )
        return rules


class ConfigFile(RulesModel):
    """rules/config.yaml: how `align` decides."""

    messages: ClassVar[dict[str, str]] = {
        "schema": "expected {expected} (the verdict rules of this version)"
    }

    schema_: Literal["veiligheid/config/v2"] = Field(alias="schema")
    align: AlignSection


# --- check.yaml -----------------------------------------------------------------------------

Severity = Literal["error", "warning", "info"]


class Check(RulesModel):
    """A check of `veiligheid check`."""

    enabled: bool = True
    severity: Severity
    description: OptionalText = None


class MaxCheck(Check):
    max: Number(1, 1000)  # type: ignore[valid-type]


class MeasurableCheck(Check):
    measurable_patterns: OptionalRegexes


class TimeCheck(Check):
    time_patterns: OptionalRegexes


class OwnerCheck(Check):
    owner_patterns: OptionalRegexes


class PatternsCheck(Check):
    patterns: OptionalRegexes


class FieldsCheck(Check):
    skip_fields: OptionalTexts = Field(description="Ids of fields that need no mention.")


class Checks(RulesModel):
    """Every check, each once (`enabled: false` turns one off)."""

    missing_key: ClassVar[str] = "missing check (set enabled: false to turn it off)"
    unknown_key: ClassVar[str] = "unknown check (known checks: {known})"
    order: ClassVar[tuple[str, ...]] = ("extra_forbidden", "values", "missing")

    regional_priority_missing: Check = Field(alias="regional-priority-missing")
    regional_priority_partial: Check = Field(alias="regional-priority-partial")
    too_many_priorities: MaxCheck = Field(alias="too-many-priorities")
    no_priorities: Check = Field(alias="no-priorities")
    priority_without_goal: Check = Field(alias="priority-without-goal")
    goal_not_measurable: MeasurableCheck = Field(alias="goal-not-measurable")
    goal_not_time_bound: TimeCheck = Field(alias="goal-not-time-bound")
    goal_without_owner: OwnerCheck = Field(alias="goal-without-owner")
    period_missing: Check = Field(alias="period-missing")
    regional_relation_missing: PatternsCheck = Field(alias="regional-relation-missing")
    field_not_mentioned: FieldsCheck = Field(alias="field-not-mentioned")


class CheckFile(RulesModel):
    """rules/check.yaml: the checks of `veiligheid check`."""

    messages: ClassVar[dict[str, str]] = {"schema": SCHEMA_MESSAGE}

    schema_: Literal["veiligheid/check/v1"] = Field(CHECK_SCHEMA, alias="schema")
    checks: Checks


# --- extract.yaml ---------------------------------------------------------------------------


class PriorityGrammarSection(RulesModel):
    """The cue lexicon of the priority grammar."""

    strong_nouns: Texts = Field(description="Nouns that announce priorities anywhere.")
    weak_nouns: Texts = Field(description="Nouns that announce priorities with support.")
    cue_adjectives: Cues
    verb_frames: Cues
    weak_verb_frames: Cues
    copulas: Cues
    boosters: Cues
    ordinals: Cues
    example_cues: Cues
    counts: WordTable(1, 100)  # type: ignore[valid-type]


class GoalTableColumns(RulesModel):
    """Header cues of a goals table, per column role."""

    goal: Cues
    indicator: Cues
    target: Cues
    priority: Cues = Field(default=None, description="A column of priorities (optional).")


class PriorityTableRatings(RulesModel):
    """Cells that rate a row of a priority table."""

    high: Cues
    low: Cues


class TargetGrammar(RulesModel):
    """The cue groups of the target grammar (extract/targets.py)."""

    at_least: Cues
    at_most: Cues
    down: Cues
    up: Cues
    keep: Cues
    baseline: Cues
    to: Cues
    by: Cues
    past: Cues
    report: Cues
    finance: Cues
    label: Cues
    intent: Cues


class IndicatorTableColumns(RulesModel):
    """Column headers of an indicator table, per kind of column."""

    realised: Cues
    target: Cues
    forecast: Cues
    baseline: Cues
    planned: Cues
    comparison_rows: Cues


class ExtractFile(RulesModel):
    """rules/extract.yaml: the cue words of extraction."""

    messages: ClassVar[dict[str, str]] = {"schema": SCHEMA_MESSAGE}

    schema_: Literal["veiligheid/extract/v1"] = Field(EXTRACT_SCHEMA, alias="schema")
    goal_cues: Cues
    themes_chapter_cues: Cues
    goal_section_cues: Cues
    skip_section_cues: Cues
    priority_label_cues: Cues
    action_section_cues: Cues
    regional_cues: Cues
    negations: Cues
    exclusion_cues: Cues
    announcement_cues: Cues
    goal_statements: Cues
    measurable_targets: Cues
    commitment_cues: Cues
    analysis_section_cues: Cues = Field(
        description="Headings of sections that describe the situation (a feature of priorities)."
    )
    plan_title_cues: Cues = Field(
        description="Titles of plans, not budgets or reports (a feature of goals)."
    )
    goal_verbs: Texts = Field(description="Plain verbs; every inflection matches.")
    passes: OptionalTexts = Field(
        default_factory=list, description="Extraction passes to run, in order (default: all)."
    )
    goal_table_columns: GoalTableColumns
    priority_table_ratings: PriorityTableRatings = Field(default=None)
    clause_words: Texts = Field(description="Words of a full clause (not a goal phrase).")
    priority_grammar: PriorityGrammarSection
    target_grammar: TargetGrammar
    indicator_table_columns: IndicatorTableColumns

    @field_validator("passes")
    @classmethod
    def _each_once(cls, names: list[str]) -> list[str]:
        for i, name in enumerate(names):
            if name in names[:i]:
                raise Problem(f"pass '{name}' is listed twice", i)
        return names


# --- priority_model.yaml (a learned model: `make train` writes it) --------------------------

MODEL_SCHEMA = "veiligheid/model/v1"


class TrainingRecord(RulesModel):
    """What the model was trained on: the committed feature table and its size."""

    table: Text = Field(description="The feature table, relative to the project root.")
    documents: int = Field(ge=1)
    rows: int = Field(ge=1)
    positives: int = Field(ge=0)
    regularisation: Number(0.0001, 10000)


class CrossValidationRecord(RulesModel):
    """Document-grouped k-fold cross-validation (no document in two folds): the estimate."""

    folds: int = Field(ge=2)
    precision: Number(0, 1)
    recall: Number(0, 1)
    f1: Number(0, 1)
    fully_right: Number(0, 1) = Field(description="Share of texts with every item right.")
    clean: Number(0, 1) = Field(description="Share of texts without items that give none.")


class ModelFile(RulesModel):
    """rules/priority_model.yaml, rules/goal_model.yaml: a logistic model over named candidate
    features."""

    messages: ClassVar[dict[str, str]] = {"schema": SCHEMA_MESSAGE}

    schema_: Literal["veiligheid/model/v1"] = Field(MODEL_SCHEMA, alias="schema")
    target: Literal["priorities", "goals"]
    intercept: Number(-1000, 1000)
    threshold: Number(0, 1) = Field(description="A candidate with p >= threshold is taken.")
    weights: Annotated[
        dict[Id, Number(-1000, 1000)], Field(min_length=1, description="feature -> weight")
    ]
    training: TrainingRecord
    cross_validation: CrossValidationRecord


FILE_MODELS: dict[str, type[RulesModel]] = {
    "themes.yaml": ThemesFile,
    "config.yaml": ConfigFile,
    "extract.yaml": ExtractFile,
    "check.yaml": CheckFile,
    "priority_model.yaml": ModelFile,
    "goal_model.yaml": ModelFile,
}

SCHEMA_DIR = "schema"  # beside the rules files: rules/schema/themes.schema.json, ...


def json_schemas() -> dict[str, str]:
    """The JSON Schema of each rules file, as the text shipped in rules/schema/."""
    import json

    out = {}
    for name, model in FILE_MODELS.items():
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **model.model_json_schema(by_alias=True),
        }
        schema["title"] = f"veiligheid-cli rules/{name}"
        out[name.replace(".yaml", ".schema.json")] = json.dumps(schema, indent=2) + "\n"
    return out


def write_schemas(directory: str) -> None:
    """Write `json_schemas()` into `directory` (`make schemas`)."""
    from pathlib import Path

    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    for name, text in json_schemas().items():
        (target / name).write_text(text, encoding="utf-8")
