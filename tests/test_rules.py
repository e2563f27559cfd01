"""Rules files are validated on load; a broken file gives exit 2 naming file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veiligheid_cli.errors import RulesError
from veiligheid_cli.rules import load_checks, load_config, load_extract_rules, load_taxonomy

from conftest import ROOT, TWENTE, run_cli


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def test_bundled_rules_load():
    taxonomy = load_taxonomy()
    assert 25 <= len(taxonomy.themes) <= 40
    assert len(taxonomy.fields) == 6
    assert "digitalisering" in taxonomy.related("cyberveiligheid")
    load_config()
    load_checks()
    load_extract_rules()


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("themes.yaml", "field: integriteit", "field: integrity", "unknown field 'integrity'"),
        ("themes.yaml", "- id: ondermijning", "- id: Ondermijning!", "not a valid id"),
        ("themes.yaml", "themes:", "themes: [", "invalid YAML"),
        ("config.yaml", "status: covered", "status: sure", "'sure' is not one of"),
        ("config.yaml", "words_share: 0.6", "words_share: high", "expected a number"),
        ("config.yaml", "match: [same, words]", "match: [same, close]", "'close' is not one of"),
        ("config.yaml", "schema: veiligheid/config/v2", "schema: veiligheid/config/v1", "v2"),
        ("check.yaml", "max: 10", "max: ten", "expected a number"),
        ("check.yaml", "severity: error", "severity: fatal", "'fatal' is not one of"),
        ("check.yaml", '- "\\\\d"', '- "(unclosed"', "invalid regular expression"),
        ("extract.yaml", "goal_verbs:", "goal_verb:", "goal_verb"),
    ],
)
def test_broken_rules_file_exit_2_naming_file_and_problem(rules_copy, file, old, new, message):
    _break(rules_copy / file, old, new)
    args = {
        "check.yaml": ["check", str(TWENTE)],
        "config.yaml": ["align", str(TWENTE), str(TWENTE)],
    }.get(file, ["extract", str(TWENTE)])
    result = run_cli(*args, "--rules", str(rules_copy))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert file in lines[0] and message in lines[0]


def test_unknown_related_theme(rules_copy):
    path = rules_copy / "themes.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("related: [", "related: [nonexistent_theme, ", 1), encoding="utf-8"
    )
    with pytest.raises(RulesError, match="unknown theme 'nonexistent_theme'"):
        load_taxonomy(rules_copy)


def test_missing_rules_directory():
    result = run_cli("extract", str(TWENTE), "--rules", "/nonexistent/rules")
    assert result.exit_code == 2
    assert "rules directory not found" in result.stderr


def test_verdict_rules_end_with_the_catch_all(rules_copy):
    path = rules_copy / "config.yaml"
    text = path.read_text(encoding="utf-8")
    cut = text.index("    - id: no_evidence")
    end = text.index("  # How strong a piece of evidence is")
    path.write_text(text[:cut] + text[end:], encoding="utf-8")
    with pytest.raises(RulesError, match="catch-all"):
        load_config(rules_copy)


_NOUNS = ["prioriteit", "thema", "speerpunt"]
_WORDS = st.sampled_from(
    [
        "Prioriteit",
        "PRIORITEITEN",
        "thema's",
        "thema’s",
        "Veiligheidsthema",
        "speerpunten",
        "ſpeerpunt",
        "prioriteitstelling",
        "de",
        "2024",
        "_thema",
        "themaś",
        "'s",
        " ",
        ", ",
        "\n",
    ]
)


@given(st.lists(_WORDS | st.text(max_size=4), max_size=12).map("".join))
def test_a_cue_noun_pattern_matches_as_its_regex(text):
    """The substring test before the regex never hides a match of the regex."""
    from veiligheid_cli.rules import NounPattern

    nouns = NounPattern(_NOUNS)
    spans = [m.span() for m in nouns.regex.finditer(text)]
    assert [m.span() for m in nouns.finditer(text)] == spans
    for method in ("search", "match", "fullmatch"):
        found, expected = getattr(nouns, method)(text), getattr(nouns.regex, method)(text)
        assert (found and found.span()) == (expected and expected.span()), method
