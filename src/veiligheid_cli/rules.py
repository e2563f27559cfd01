"""Domain knowledge from rules/: theme taxonomy, alignment config, extraction cues, checks.

Every file is validated on load by its typed model (`rules_models.py`); a problem raises
RulesError naming the file and the key (`rules/themes.yaml: themes[4].related: unknown theme
'cyber'`). A file is read into its model's normalised form (defaults filled in, text stripped),
kept in the user cache under a digest of its bytes and of the code, so an unchanged file is
not parsed and validated again; the runtime objects below are built from that form.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import RulesError
from .linear import LinearModel
from .rules_types import cue_pattern

RULES_ENV = "VEILIGHEID_RULES"
THEMES_FILE = "themes.yaml"
CONFIG_FILE = "config.yaml"
CHECK_FILE = "check.yaml"
EXTRACT_FILE = "extract.yaml"
PRIORITY_MODEL_FILE = "priority_model.yaml"
GOAL_MODEL_FILE = "goal_model.yaml"


def default_rules_dir() -> Path:
    """$VEILIGHEID_RULES, else the rules/ that ships with the package.

    In a checkout, src/veiligheid_cli/rules is a link to the project's rules/ directory (which
    is what an analyst edits); a built wheel carries a copy.
    """
    env = os.environ.get(RULES_ENV)
    if env:
        return Path(env)
    return (Path(__file__).parent / "rules").resolve()


def resolve_rules_dir(rules_dir: str | Path | None) -> Path:
    path = Path(rules_dir) if rules_dir else default_rules_dir()
    if not path.is_dir():
        raise RulesError(str(path), "rules directory not found (use --rules DIR)")
    return path


# --- reading a rules file ------------------------------------------------------------------


def _parse_yaml(path: Path, raw: bytes) -> dict[str, Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 5x faster
    try:
        text = raw.decode("utf-8")
        if "*" in text and any(isinstance(t, yaml.AliasToken) for t in yaml.scan(text, loader)):
            # rules need no aliases, and nested aliases expand exponentially (a "YAML bomb")
            raise RulesError(str(path), "YAML aliases (*name) are not allowed in rules files")
        data = yaml.load(text, Loader=loader)
    except UnicodeDecodeError:
        raise RulesError(str(path), "not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        problem = problem.replace("tag:yaml.org,2002:", "")  # "the tag '=' ...", not internals
        raise RulesError(str(path), f"invalid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise RulesError(str(path), "expected a mapping at the top level")
    return data


def _validated(path: Path) -> dict[str, Any]:
    """The file as its model's normalised data; RulesError for the first problem in it."""
    from .store import code_key, stored

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RulesError(str(path), "file not found") from None
    except OSError as exc:
        raise RulesError(str(path), f"cannot read: {exc.strerror or exc}") from None

    def build() -> dict[str, Any]:
        from .rules_models import FILE_MODELS
        from .rules_problems import validate

        model = validate(FILE_MODELS[path.name], _parse_yaml(path, raw), str(path))
        return model.model_dump(by_alias=True)

    return stored("rules", code_key(path.name, raw), build)


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns if path.exists() else 0


# --- themes -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    label: str
    field: str
    description: str
    terms: tuple[str, ...]
    patterns: tuple[str, ...]
    related: tuple[str, ...]
    broad: bool = False  # a means or context (digitalisering): never decides coverage alone
    names: tuple[str, ...] = ()  # single words that name the theme as a whole priority name


@dataclass(frozen=True, slots=True)
class Taxonomy:
    path: str
    fields: tuple[Field, ...]
    themes: tuple[Theme, ...]

    def theme(self, theme_id: str) -> Theme:
        return self.by_id[theme_id]

    @property
    def by_id(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}

    def related(self, theme_id: str) -> set[str]:
        """Related themes in both directions (the file may list a relation on one side only)."""
        out = set(self.by_id[theme_id].related)
        out |= {t.id for t in self.themes if theme_id in t.related}
        out.discard(theme_id)
        return out

    def closeness(self, a: str, b: str) -> int:
        """How closely two themes belong together: the same (3), related (2), of one
        Kernbeleid field (1), not at all (0)."""
        themes = self.by_id
        if a == b:
            return 3
        if a not in themes or b not in themes:
            return 0
        if b in self.related(a):
            return 2
        return 1 if themes[a].field == themes[b].field else 0

    def is_broad(self, theme_id: str) -> bool:
        """A context or an instrument (digitalisering, handhaving), not a safety problem."""
        theme = self.by_id.get(theme_id)
        return bool(theme and theme.broad)

    def words(self) -> tuple[str, ...]:
        """Every word of every term: the vocabulary for splitting compounds."""
        words = {w.lower() for t in self.themes for term in t.terms for w in term.split()}
        return tuple(sorted(w for w in words if w.isalpha() and len(w) >= 3))

    def theme_named(self, name: str) -> str | None:
        """The theme a priority's whole name stands for when the name is a common word that
        tags no theme in running text ("Jeugd", "Geweld", "De aanpak van drugs")."""
        key = re.sub(r"[()]", "", name.lower()).strip(" .:;")
        for _ in range(3):  # "De aanpak van drugs" -> "drugs"
            key = re.sub(r"^(?:de|het|een|aanpak|preventie|bestrijding|van)\s+", "", key)
        for theme in self.themes:
            if key in theme.names:
                return theme.id
        return None

    def field_label(self, field_id: str) -> str:
        return next((f.label for f in self.fields if f.id == field_id), field_id)


def load_taxonomy(rules_dir: str | Path | None = None) -> Taxonomy:
    path = resolve_rules_dir(rules_dir) / THEMES_FILE
    return _taxonomy(str(path), _mtime(path))


@lru_cache(maxsize=8)
def _taxonomy(path: str, _mtime: int) -> Taxonomy:
    data = _validated(Path(path))
    themes = tuple(
        Theme(
            id=t["id"],
            label=t["label"],
            field=t["field"],
            description=t["description"] or "",
            terms=tuple(t["terms"]),
            patterns=tuple(p.lower() for p in t["patterns"]),
            related=tuple(t["related"]),
            broad=t["broad"],
            names=tuple(n.lower() for n in t["names"]),
        )
        for t in data["themes"]
    )
    return Taxonomy(path, tuple(Field(f["id"], f["label"]) for f in data["fields"]), themes)


# --- alignment config -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerdictRule:
    """One named rule of the verdict: the first rule whose evidence exists decides."""

    id: str
    status: str  # covered | partial | missing
    evidence: tuple[str, ...]  # kinds of local evidence; () = the catch-all rule
    match: tuple[str, ...]  # how the evidence must match the regional priority
    explain: str  # one line for reports


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Verdict rules, weights and limits for `align`, read from rules/config.yaml."""

    verdicts: tuple[VerdictRule, ...]
    kind_weights: dict[str, float]
    match_weights: dict[str, float]
    generic_words: frozenset[str]  # lemma keys of words that alone are no evidence
    words_share: float = 0.6
    max_evidence: int = 3


def load_config(rules_dir: str | Path | None = None) -> AlignConfig:
    path = resolve_rules_dir(rules_dir) / CONFIG_FILE
    return _config(str(path), _mtime(path))


@lru_cache(maxsize=8)
def _config(path: str, _mtime: int) -> AlignConfig:
    from .lemmas import word_key

    align = _validated(Path(path))["align"]
    verdicts = tuple(
        VerdictRule(v["id"], v["status"], tuple(v["evidence"]), tuple(v["match"]), v["explain"])
        for v in align["verdicts"]
    )
    return AlignConfig(
        verdicts=verdicts,
        kind_weights=dict(align["kind_weights"]),
        match_weights=dict(align["match_weights"]),
        generic_words=frozenset(word_key(w.lower()) for w in align["generic_words"]),
        words_share=align["words_share"],
        max_evidence=int(align["max_evidence"]),
    )


# --- extraction cues ----------------------------------------------------------------------

# The plain cue lists of extract.yaml and the ExtractRules field each becomes.
_CUE_KEYS = {
    "goal_cue": "goal_cues",
    "themes_chapter_cue": "themes_chapter_cues",
    "goal_section_cue": "goal_section_cues",
    "skip_section_cue": "skip_section_cues",
    "priority_label_cue": "priority_label_cues",
    "action_section_cue": "action_section_cues",
    "regional_cue": "regional_cues",
    "negation": "negations",
    "exclusion_cue": "exclusion_cues",
    "announcement_cue": "announcement_cues",
    "goal_statement": "goal_statements",
    "measurable": "measurable_targets",
    "commitment_cue": "commitment_cues",
    "analysis_section_cue": "analysis_section_cues",
    "plan_title_cue": "plan_title_cues",
}


@dataclass(frozen=True, slots=True)
class GoalTableCues:
    """Header cues of a goals table: which column holds the goal, the indicator, the target."""

    goal: re.Pattern[str]
    indicator: re.Pattern[str]
    target: re.Pattern[str]
    priority: re.Pattern[str] = re.compile("(?!)")  # optional: a column of priorities
    rating_high: re.Pattern[str] = re.compile("(?!)")  # "hoog", "ja": a row that is a priority
    rating_low: re.Pattern[str] = re.compile("(?!)")  # "laag", "nee": a row that is not

    def is_header(self, text: str) -> bool:
        """A header row (as one text, or cells joined) that announces a goals table: a goal
        column beside an indicator or target column, or beside a first column of priorities
        ("Prioriteit Waarom Wat willen we bereiken")."""
        if not self.goal.search(text):
            return False
        if self.indicator.search(text) or self.target.search(text):
            return True
        words = text.split()
        return any(self.priority.search(" ".join(words[:n])) for n in (1, 2))

    def roles(self, columns: tuple[str, ...]) -> dict[str, int]:
        """Column index per role ("priority", "goal", "indicator", "target") in a header row;
        the goal column is the first one whose header names a goal. A table has roles when it
        has a priority column, or a goal column and another role."""
        out: dict[str, int] = {}
        for index, header in enumerate(columns):
            for role in ("priority", "goal", "indicator", "target"):
                if role not in out and getattr(self, role).search(header):
                    out[role] = index
                    break
        return out if "priority" in out or ("goal" in out and len(out) >= 2) else {}


@dataclass(frozen=True, slots=True)
class PriorityGrammar:
    """The cue lexicon of the priority grammar (`priority_grammar:` in extract.yaml)."""

    strong_noun: NounPattern  # a word that is (or ends in) a strong cue noun
    weak_noun: NounPattern
    adjective: re.Pattern[str]
    verb_frame: re.Pattern[str]
    weak_verb_frame: re.Pattern[str]
    copula: re.Pattern[str]
    booster: re.Pattern[str]
    ordinal: re.Pattern[str]
    example: re.Pattern[str]
    counts: dict[str, int]

    def count_of(self, word: str) -> int | None:
        """The number a count word or digit stands for ("vier", "4"), else None."""
        word = word.lower()
        if word.isdigit() and 1 < int(word) <= 20:
            return int(word)
        if word.endswith("tal") and word[:-3] in self.counts:
            return self.counts[word[:-3]]  # "een viertal thema's": a count noun
        return self.counts.get(word)


_AS_I = str.maketrans({"\u0130": "i", "\u0131": "i"})


def _fold(text: str) -> str:
    return text.translate(_AS_I).casefold()


class NounPattern:
    """A word that is one of `nouns` or a compound ending in one, singular or plural:
    "thema", "thema's", "veiligheidsthema's", "prioriteiten". Matches as its `regex` does;
    a text that holds none of the nouns (most sentences) is answered without running it,
    since its compound prefix (a lazy run of letters) tries every position of every word."""

    __slots__ = ("nouns", "pattern", "regex")

    def __init__(self, nouns: list[str]) -> None:
        alternatives = "|".join(re.escape(n) for n in nouns)
        self.regex = re.compile(
            rf"(?<!\w)\w*?(?:{alternatives})(?:en|s|['’]s|n)?(?!\w)", re.IGNORECASE
        )
        self.pattern = self.regex.pattern
        # casefolded: every case-insensitive match of a noun is a casefolded substring, once
        # the two letters `re` also takes for "i" (İ, ı) are written as "i"
        self.nouns = tuple(_fold(n) for n in nouns)

    def _may_match(self, text: str) -> bool:
        folded = _fold(text)
        return any(n in folded for n in self.nouns)

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(text) if self._may_match(text) else None

    def match(self, text: str) -> re.Match[str] | None:
        return self.regex.match(text) if self._may_match(text) else None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.regex.fullmatch(text) if self._may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text) if self._may_match(text) else iter(())


def _words_pattern(parts: list[str]) -> re.Pattern[str]:
    """Whole words or phrases: "is" matches "is", not "isolatie"."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(f'(?:{p})' for p in parts)})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ExtractRules:
    """Cue expressions for extraction, compiled; goal verbs as lemma keys."""

    goal_cue: re.Pattern[str]
    themes_chapter_cue: re.Pattern[str]
    goal_section_cue: re.Pattern[str]
    skip_section_cue: re.Pattern[str]
    priority_label_cue: re.Pattern[str]
    action_section_cue: re.Pattern[str]
    regional_cue: re.Pattern[str]
    negation: re.Pattern[str]
    goal_verb_keys: frozenset[str]
    exclusion_cue: re.Pattern[str]
    announcement_cue: re.Pattern[str]
    goal_statement: re.Pattern[str]
    measurable: re.Pattern[str]
    commitment_cue: re.Pattern[str]
    analysis_section_cue: re.Pattern[str]
    plan_title_cue: re.Pattern[str]
    goal_table: GoalTableCues
    clause_words: frozenset[str]  # words of a full clause (not a goal phrase)
    grammar: PriorityGrammar
    target_cues: dict[str, re.Pattern[str]]  # `target_grammar:` groups (extract/targets.py)
    indicator_columns: dict[str, re.Pattern[str]]  # `indicator_table_columns:` groups
    priority_model: LinearModel  # scores the priority candidates (rules/priority_model.yaml)
    goal_model: LinearModel  # scores the goal candidates (rules/goal_model.yaml)
    passes: tuple[str, ...] = ()  # extraction passes to run, in order; () = the default list
    source: str = ""  # the extract.yaml these rules were read from (for error messages)

    def is_goal_table_header(self, text: str) -> bool:
        return self.goal_table.is_header(text)


def _priority_grammar(data: dict[str, Any]) -> PriorityGrammar:
    words = {
        n: _words_pattern(data[n])
        for n in ("copulas", "boosters", "ordinals", "verb_frames", "weak_verb_frames")
    }
    return PriorityGrammar(
        strong_noun=NounPattern(data["strong_nouns"]),
        weak_noun=NounPattern(data["weak_nouns"]),
        adjective=cue_pattern(data["cue_adjectives"]),
        verb_frame=words["verb_frames"],
        weak_verb_frame=words["weak_verb_frames"],
        copula=words["copulas"],
        booster=words["boosters"],
        ordinal=words["ordinals"],
        example=cue_pattern(data["example_cues"]),
        counts={word.lower(): int(n) for word, n in data["counts"].items()},
    )


def load_extract_rules(rules_dir: str | Path | None = None) -> ExtractRules:
    path = resolve_rules_dir(rules_dir) / EXTRACT_FILE
    return _extract_rules(str(path), _mtime(path))


@lru_cache(maxsize=8)
def _extract_rules(path: str, _mtime: int) -> ExtractRules:
    from .lemmas import word_key

    data = _validated(Path(path))
    cues = {name: cue_pattern(data[key]) for name, key in _CUE_KEYS.items()}
    return ExtractRules(
        **cues,
        goal_verb_keys=frozenset(word_key(v.lower()) for v in data["goal_verbs"]),
        passes=tuple(data["passes"]),
        goal_table=_goal_table_cues(data["goal_table_columns"], data["priority_table_ratings"]),
        clause_words=frozenset(w.lower() for w in data["clause_words"]),
        grammar=_priority_grammar(data["priority_grammar"]),
        target_cues=_cue_groups(data["target_grammar"]),
        indicator_columns=_cue_groups(data["indicator_table_columns"]),
        priority_model=load_model(Path(path).with_name(PRIORITY_MODEL_FILE), "priorities"),
        goal_model=load_model(Path(path).with_name(GOAL_MODEL_FILE), "goals"),
        source=path,
    )


def load_model(path: Path, target: str) -> LinearModel:
    """A learned model file (`make train` writes it), validated like every rules file; it must
    be the model of `target` (a goal model copied over the priority model is refused)."""
    data = _validated(path)
    if data["target"] != target:
        raise RulesError(str(path), f"target: {data['target']!r}, expected {target!r}")
    return LinearModel(
        weights=dict(data["weights"]),
        intercept=data["intercept"],
        threshold=data["threshold"],
        cross_validation={k: v for k, v in data["cross_validation"].items() if k != "folds"},
        source=str(path),
    )


def _cue_groups(groups: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    """Named cue lists (`target_grammar:`, `indicator_table_columns:`), each one pattern."""
    return {group: cue_pattern(parts) for group, parts in groups.items()}


def _goal_table_cues(columns: dict[str, Any], ratings: dict[str, Any] | None) -> GoalTableCues:
    """The `goal_table_columns:` roles, and the optional `priority_table_ratings:`."""
    compiled = {role: cue_pattern(parts) for role, parts in columns.items() if parts}
    for level, parts in (ratings or {}).items():
        compiled[f"rating_{level}"] = cue_pattern(parts)
    return GoalTableCues(**compiled)


# --- checks for drafts ----------------------------------------------------------------------

# The parameters of each check and their kinds (int, strings, regexes); the models of
# `rules_models.py` state the same per check (tested).
CHECK_PARAMETERS: dict[str, dict[str, str]] = {
    "regional-priority-missing": {},
    "regional-priority-partial": {},
    "too-many-priorities": {"max": "int"},
    "no-priorities": {},
    "priority-without-goal": {},
    "goal-not-measurable": {"measurable_patterns": "regexes"},
    "goal-not-time-bound": {"time_patterns": "regexes"},
    "goal-without-owner": {"owner_patterns": "regexes"},
    "period-missing": {},
    "regional-relation-missing": {"patterns": "regexes"},
    "field-not-mentioned": {"skip_fields": "strings"},
}


@dataclass(frozen=True, slots=True)
class CheckRule:
    id: str
    enabled: bool
    severity: str
    description: str
    params: dict[str, Any] = field(default_factory=dict)


def load_checks(rules_dir: str | Path | None = None) -> dict[str, CheckRule]:
    """The checks of rules/check.yaml, validated; regex parameters compiled."""
    path = resolve_rules_dir(rules_dir) / CHECK_FILE
    checks = _validated(path)["checks"]
    return {
        check_id: CheckRule(
            check_id,
            item["enabled"],
            item["severity"],
            item["description"] or "",
            {
                name: _parameter(kind, item[name])
                for name, kind in CHECK_PARAMETERS[check_id].items()
            },
        )
        for check_id, item in checks.items()
    }


def _parameter(kind: str, value: Any) -> Any:
    if kind == "int":
        return int(value)
    if kind == "regexes":
        return [re.compile(p, re.IGNORECASE) for p in value]
    return list(value)
