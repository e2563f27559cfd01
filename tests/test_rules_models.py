"""The rules files are validated by typed models: one-line problems naming file and key, JSON
Schemas generated from the same models, and a validated file not validated again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from veiligheid_cli import rules as rules_module
from veiligheid_cli.errors import RulesError
from veiligheid_cli.rules import (
    CHECK_PARAMETERS,
    load_checks,
    load_config,
    load_extract_rules,
    load_taxonomy,
)
from veiligheid_cli.rules_models import FILE_MODELS, Check, Checks, json_schemas

from conftest import ROOT

LOADERS = {
    "themes.yaml": load_taxonomy,
    "config.yaml": load_config,
    "extract.yaml": load_extract_rules,
    "check.yaml": load_checks,
}


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def _edit(rules: Path, file: str, old: str, new: str) -> None:
    path = rules / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Every kind of problem, in the words (and with the key) the hand-written checker used.
CASES = [
    ("themes.yaml", "related: [jeugdoverlast, onveiligheidsgevoel]",
     "related: [jeugdoverlast, cyber]", "themes[0] (overlast).related: unknown theme 'cyber'"),
    ("themes.yaml", "field: woon_leefomgeving\n    description: Inbraak",
     "field: wonen\n    description: Inbraak",
     "themes[1] (woninginbraak).field: unknown field 'wonen'"),
    ("themes.yaml", "    label: Woninginbraak\n", "    labels: Woninginbraak\n",
     "themes[1].labels: unknown key"),
    ("themes.yaml", "    label: Woninginbraak\n", "", "themes[1].label: missing required key"),
    ("themes.yaml", "  - id: woninginbraak\n", "  - id: Woning-inbraak\n",
     "themes[1].id: 'Woning-inbraak' is not a valid id (lowercase letters, digits, _)"),
    ("themes.yaml", "  - id: woninginbraak\n", "  - id: overlast\n",
     "themes[1] (overlast).id: duplicate theme id"),
    ("themes.yaml", '"woninginbra*", ', '"w*", ',
     "themes[1] (woninginbraak).patterns[0]: pattern 'w*' is too broad"),
    ("themes.yaml", "label: Woninginbraak", "label: 2024",
     "themes[1] (woninginbraak).label: expected a non-empty string"),
    ("themes.yaml", "      - inbraakbeveiliging\n", "      - inbraakbeveiliging\n    broad: ja\n",
     "themes[1] (woninginbraak).broad: expected true or false"),
    ("themes.yaml", "    terms:\n      - woninginbraak\n", "    terms: []\n    termsx:\n",
     "themes[1].termsx: unknown key"),
    ("themes.yaml", "schema: veiligheid/themes/v1", "schema: veiligheid/themes/v9",
     "schema: unsupported schema 'veiligheid/themes/v9', expected veiligheid/themes/v1"),
    ("config.yaml", "words_share: 0.6", "words_share: 1.5",
     "align.words_share: 1.5 is out of range [0.1, 1]"),
    ("config.yaml", "words_share: 0.6", "words_share: true",
     "align.words_share: expected a number"),
    ("config.yaml", "    - id: local_priority_in_scope", "    - id: local_priority_same_theme",
     "align.verdicts[1].id: duplicate rule id 'local_priority_same_theme'"),
    ("config.yaml", "      evidence: [priority]\n      match: [same, words]\n",
     "      evidence: [priority]\n",
     "align.verdicts[0]: give both 'evidence' and 'match', or neither (the catch-all)"),
    ("config.yaml", "kind_weights: {priority: 1.0,", "kind_weights: {priority: 1.0, rumour: 0.1,",
     "align.kind_weights.rumour: unknown key"),
    ("config.yaml", "kind_weights: {priority: 1.0,", "kind_weights: {",
     "align.kind_weights.priority: missing required key"),
    ("config.yaml", "kind_weights: {priority: 1.0,", "kind_weights: {priority: 2,",
     "align.kind_weights.priority: 2 is out of range [0, 1]"),
    ("config.yaml", "    - id: no_evidence\n      status: missing\n",
     "    - id: no_evidence\n      status: partial\n",
     "align.verdicts[8]: the last rule must be the catch-all: status missing, no evidence"),
    ("config.yaml", "status: covered", "status: sure",
     "align.verdicts[0].status: 'sure' is not one of covered, partial, missing"),
    ("config.yaml", "schema: veiligheid/config/v2", "schema: veiligheid/config/v1",
     "schema: expected veiligheid/config/v2 (the verdict rules of this version)"),
    ("config.yaml", "align:\n", "align: 5\nalignx:\n", "alignx: unknown key"),
    ("config.yaml", "{priority: 1.0, goal: 0.9, section: 0.85, heading: 0.6, commitment: 0.7, "
     "mention: 0.5}", "[1.0, 0.9]",
     "align.kind_weights: expected a mapping"),
    ("check.yaml", "  no-priorities:\n", "  no-prioritie:\n",
     "checks.no-prioritie: unknown check (known checks: field-not-mentioned, "
     "goal-not-measurable, goal-not-time-bound, goal-without-owner, no-priorities, "
     "period-missing, priority-without-goal, regional-priority-missing, "
     "regional-priority-partial, regional-relation-missing, too-many-priorities)"),
    ("check.yaml", "  no-priorities:\n    severity: error\n", "",
     "checks.no-priorities: missing check (set enabled: false to turn it off)"),
    ("check.yaml", "    max: 10\n", "", "checks.too-many-priorities.max: missing required key"),
    ("check.yaml", "    max: 10\n", "    max: 0\n",
     "checks.too-many-priorities.max: 0 is out of range [1, 1000]"),
    ("check.yaml", "severity: error", "severity: 3",
     "checks.regional-priority-missing.severity: expected a non-empty string"),
    ("extract.yaml", "goal_verbs:", "passes: [target_statements, target_statements]\ngoal_verbs:",
     "passes[1]: pass 'target_statements' is listed twice"),
    ("extract.yaml", '  - "nog\\\\s+niet"\n', '  - "nog(\\\\s+niet"\n',
     "negations[2]: invalid regular expression: missing ), unterminated subpattern at "
     "position 3"),
    ("extract.yaml", '  - "niet"\n  - "geen"\n', '  - "(?P<no>niet)"\n  - "(?P<no>geen)"\n',
     "negations: invalid regular expressions together: redefinition of group name 'no' as "
     "group 2; was group 1 at position 34"),  # was "unexpected problem" (a bug)
    ("extract.yaml", '  - "niet"\n  - "geen"\n  - "nog\\\\s+niet"\n', "  []\n",
     "negations: expected a non-empty list of strings"),
    ("extract.yaml", "goal_verbs:\n  - verhogen\n", "goal_verbs:\n  - 12\n",
     "goal_verbs[0]: expected a non-empty string"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "message"), CASES)
def test_a_problem_names_file_key_and_problem(rules_copy, file, old, new, message):
    _edit(rules_copy, file, old, new)
    with pytest.raises(RulesError) as caught:
        LOADERS[file](rules_copy)
    assert caught.value.path == str(rules_copy / file)
    assert caught.value.problem == message


def test_a_key_that_is_a_number_is_an_unknown_key(rules_copy):
    """YAML reads `5:` as an integer key; it was once compared with the named keys."""
    path = rules_copy / "themes.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "5: x\nfoo: 1\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"themes\.yaml: 5: unknown key$"):
        load_taxonomy(rules_copy)
    _edit(rules_copy, "check.yaml", "checks:\n", "checks:\n  7: {}\n  zzz: 1\n")
    with pytest.raises(RulesError, match=r"checks\.7: unknown check \(known checks: "):
        load_checks(rules_copy)


def test_the_first_problem_in_reading_order(rules_copy):
    """Unknown keys of a mapping before its missing keys before its values; list items in
    file order; of the checks, the missing ones last."""
    _edit(rules_copy, "themes.yaml", "    label: Woninginbraak\n", "    labelx: Woninginbraak\n")
    _edit(
        rules_copy,
        "themes.yaml",
        "field: woon_leefomgeving\n    description: Inbraak",
        "field: 5\n    description: Inbraak",
    )
    with pytest.raises(RulesError, match=r"themes\[1\]\.labelx: unknown key"):
        load_taxonomy(rules_copy)
    _edit(rules_copy, "themes.yaml", "    labelx: Woninginbraak\n", "")
    with pytest.raises(RulesError, match=r"themes\[1\]\.label: missing required key"):
        load_taxonomy(rules_copy)
    _edit(rules_copy, "themes.yaml", "  - id: overlast\n", "  - id: overlast\n    extra: 1\n")
    with pytest.raises(RulesError, match=r"themes\[0\]\.extra: unknown key"):
        load_taxonomy(rules_copy)
    _edit(rules_copy, "check.yaml", "  no-priorities:\n    severity: error\n", "")
    _edit(rules_copy, "check.yaml", "severity: info", "severity: loud")
    with pytest.raises(RulesError, match=r"goal-without-owner\.severity: 'loud' is not one of"):
        load_checks(rules_copy)


def test_the_shipped_json_schemas_are_generated_from_the_models():
    shipped = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "rules/schema").iterdir()}
    assert shipped == json_schemas(), "run `make schemas` after changing rules_models.py"


@pytest.mark.parametrize("file", sorted(FILE_MODELS))
def test_every_rules_file_names_its_schema_and_meets_it(file):
    text = (ROOT / "rules" / file).read_text(encoding="utf-8")
    schema_name = file.replace(".yaml", ".schema.json")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=schema/{schema_name}"
    schema = json.loads((ROOT / "rules/schema" / schema_name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(text), schema)


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("themes.yaml", "    label: Woninginbraak\n", "    labels: Woninginbraak\n"),
        ("themes.yaml", "  - id: woninginbraak\n", "  - id: Woning-inbraak\n"),
        ("config.yaml", "status: covered", "status: sure"),
        ("config.yaml", "words_share: 0.6", "words_share: 1.5"),
        ("check.yaml", "    max: 10\n", ""),
        ("extract.yaml", "goal_verbs:", "goal_verb:"),
    ],
)
def test_an_editor_with_the_schema_flags_what_the_loader_flags(rules_copy, file, old, new):
    _edit(rules_copy, file, old, new)
    schema = json.loads((rules_copy / "schema" / file.replace(".yaml", ".schema.json")).read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load((rules_copy / file).read_text()), schema)
    with pytest.raises(RulesError):
        LOADERS[file](rules_copy)


def test_the_check_parameters_are_those_of_the_models():
    base = set(Check.model_fields)
    for name, info in Checks.model_fields.items():
        model = info.annotation
        assert set(model.model_fields) - base == set(CHECK_PARAMETERS[info.alias]), name
    assert {info.alias for info in Checks.model_fields.values()} == set(CHECK_PARAMETERS)


def _forget_loaded_rules() -> None:
    for loader in (rules_module._taxonomy, rules_module._config, rules_module._extract_rules):
        loader.cache_clear()


def test_an_unchanged_file_is_not_validated_again(rules_copy, monkeypatch):
    load_taxonomy(rules_copy)
    _forget_loaded_rules()

    def no_validation(*args):
        raise AssertionError("validated again")

    monkeypatch.setattr("veiligheid_cli.rules_problems.validate", no_validation)
    assert len(load_taxonomy(rules_copy).themes) == len(load_taxonomy().themes)
    _edit(rules_copy, "themes.yaml", "label: Woninginbraak", "label: Inbraak")
    _forget_loaded_rules()
    with pytest.raises(AssertionError, match="validated again"):
        load_taxonomy(rules_copy)


def test_a_broken_file_is_reported_every_time(rules_copy):
    _edit(rules_copy, "config.yaml", "words_share: 0.6", "words_share: 1.5")
    for _ in range(2):
        _forget_loaded_rules()
        with pytest.raises(RulesError, match="out of range"):
            load_config(rules_copy)


def test_rules_load_without_a_writable_cache(rules_copy, tmp_path, monkeypatch):
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("VEILIGHEID_CACHE_DIR", str(blocked))
    _forget_loaded_rules()
    assert load_extract_rules(rules_copy).passes == ()
    assert load_checks(rules_copy)["too-many-priorities"].params == {"max": 10}
