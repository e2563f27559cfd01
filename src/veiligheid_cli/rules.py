"""Domain knowledge from rules/: theme taxonomy, alignment config, draft checks.

Every file is validated on load; a problem raises RulesError naming the file and the key
(`rules/themes.yaml: themes[4].related: unknown theme 'cyber'`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import RulesError

RULES_ENV = "VEILIGHEID_RULES"
THEMES_FILE = "themes.yaml"
CONFIG_FILE = "config.yaml"
CHECK_FILE = "check.yaml"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


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


# --- generic validation helpers -----------------------------------------------------------


def _load_yaml(path: Path) -> dict[str, Any]:
    import yaml

    if not path.is_file():
        raise RulesError(str(path), "file not found")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 5x faster
    try:
        text = path.read_text(encoding="utf-8")
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


class _Checker:
    """Small typed accessors that raise RulesError with a key path."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def fail(self, key: str, problem: str) -> RulesError:
        return RulesError(self.path, f"{key}: {problem}")

    def mapping(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, "expected a mapping")
        return value

    def string(self, value: Any, key: str, *, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(key, "expected a non-empty string")
        return value.strip()

    def identifier(self, value: Any, key: str) -> str:
        text = self.string(value, key)
        if not _ID.match(text):
            raise self.fail(key, f"'{text}' is not a valid id (lowercase letters, digits, _)")
        return text

    def strings(self, value: Any, key: str, *, required: bool = True) -> list[str]:
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            raise self.fail(key, "expected a non-empty list of strings")
        return [self.string(v, f"{key}[{i}]") for i, v in enumerate(value)]

    def regexes(self, value: Any, key: str) -> list[re.Pattern[str]]:
        """A non-empty list of valid regular expressions, compiled case-insensitively."""
        compiled = []
        for i, pattern in enumerate(self.strings(value, key)):
            try:
                compiled.append(re.compile(pattern, re.IGNORECASE))
            except re.error as exc:
                raise self.fail(f"{key}[{i}]", f"invalid regular expression: {exc}") from None
        return compiled

    def cues(self, value: Any, key: str) -> re.Pattern[str]:
        """A non-empty list of regular expressions as one cue pattern (`cue_pattern`); a bad
        expression is named by its index."""
        parts = self.strings(value, key)
        try:
            return cue_pattern(parts)
        except re.error:
            self.regexes(parts, key)  # raises, naming the first bad expression
            raise

    def boolean(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, "expected true or false")
        return value

    def number(self, value: Any, key: str, lo: float = 0.0, hi: float = 1e9) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, "expected a number")
        if not lo <= value <= hi:
            raise self.fail(key, f"{value} is out of range [{lo}, {hi}]")
        return float(value)

    def only_keys(self, data: dict[str, Any], allowed: set[str], key: str) -> None:
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise self.fail(f"{key}.{unknown[0]}" if key else unknown[0], "unknown key")

    def require(self, data: dict[str, Any], required: set[str], key: str) -> None:
        missing = sorted(required - set(data))
        if missing:
            where = f"{key}." if key else ""
            raise self.fail(f"{where}{missing[0]}", "missing required key")


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
    return _load_taxonomy_cached(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=8)
def _load_taxonomy_cached(path_str: str, _mtime: int) -> Taxonomy:
    path = Path(path_str)
    data = _load_yaml(path)
    c = _Checker(path)
    c.only_keys(data, {"schema", "fields", "themes"}, "")
    c.require(data, {"fields", "themes"}, "")
    if data.get("schema", "veiligheid/themes/v1") != "veiligheid/themes/v1":
        raise c.fail(
            "schema", f"unsupported schema {data['schema']!r}, expected veiligheid/themes/v1"
        )
    if not isinstance(data["fields"], list) or not data["fields"]:
        raise c.fail("fields", "expected a non-empty list")
    fields = []
    for i, raw in enumerate(data["fields"]):
        key = f"fields[{i}]"
        item = c.mapping(raw, key)
        c.only_keys(item, {"id", "label"}, key)
        c.require(item, {"id", "label"}, key)
        fields.append(
            Field(c.identifier(item["id"], f"{key}.id"), c.string(item["label"], f"{key}.label"))
        )
    field_ids = {f.id for f in fields}
    if not isinstance(data["themes"], list) or not data["themes"]:
        raise c.fail("themes", "expected a non-empty list")
    themes: list[Theme] = []
    for i, raw in enumerate(data["themes"]):
        theme = _theme(c, raw, i, field_ids)
        if any(t.id == theme.id for t in themes):
            raise c.fail(f"themes[{i}] ({theme.id}).id", "duplicate theme id")
        themes.append(theme)
    seen = {t.id for t in themes}
    for i, theme in enumerate(themes):
        for rel in theme.related:
            if rel not in seen:
                raise c.fail(f"themes[{i}] ({theme.id}).related", f"unknown theme '{rel}'")
    return Taxonomy(str(path), tuple(fields), tuple(themes))


def _theme(c: _Checker, raw: Any, i: int, field_ids: set[str]) -> Theme:
    """One entry of `themes:`, validated (its relations are checked once all are read)."""
    key = f"themes[{i}]"
    item = c.mapping(raw, key)
    c.only_keys(
        item,
        {"id", "label", "field", "description", "terms", "patterns", "related", "broad", "names"},
        key,
    )
    c.require(item, {"id", "label", "field", "terms"}, key)
    theme_id = c.identifier(item["id"], f"{key}.id")
    key = f"themes[{i}] ({theme_id})"
    field_id = c.string(item["field"], f"{key}.field")
    if field_id not in field_ids:
        raise c.fail(f"{key}.field", f"unknown field '{field_id}'")
    patterns = c.strings(item.get("patterns"), f"{key}.patterns", required=False)
    for j, pattern in enumerate(patterns):
        if len(re.sub(r"[*?\[\]]", "", pattern)) < 3:
            raise c.fail(f"{key}.patterns[{j}]", f"pattern '{pattern}' is too broad")
    return Theme(
        id=theme_id,
        label=c.string(item["label"], f"{key}.label"),
        field=field_id,
        description=c.string(item.get("description"), f"{key}.description", required=False),
        terms=tuple(c.strings(item["terms"], f"{key}.terms")),
        patterns=tuple(p.lower() for p in patterns),
        related=tuple(c.strings(item.get("related"), f"{key}.related", required=False)),
        broad=c.boolean(item.get("broad", False), f"{key}.broad"),
        names=tuple(
            n.lower() for n in c.strings(item.get("names"), f"{key}.names", required=False)
        ),
    )


# --- alignment config -----------------------------------------------------------------------

CONFIG_SCHEMA = "veiligheid/config/v2"
STATUSES = ("covered", "partial", "missing")
EVIDENCE_KINDS = ("priority", "goal", "section", "heading", "commitment", "mention")
MATCH_KINDS = ("same", "scope", "words", "related", "generic")


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
    return _load_config_cached(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=8)
def _load_config_cached(path_str: str, _mtime: int) -> AlignConfig:
    from .lemmas import word_key

    path = Path(path_str)
    data = _load_yaml(path)
    c = _Checker(path)
    c.only_keys(data, {"schema", "align"}, "")
    c.require(data, {"schema", "align"}, "")
    if data["schema"] != CONFIG_SCHEMA:
        raise c.fail("schema", f"expected {CONFIG_SCHEMA} (the verdict rules of this version)")
    align = c.mapping(data["align"], "align")
    keys = {
        "verdicts",
        "kind_weights",
        "match_weights",
        "generic_words",
        "words_share",
        "max_evidence",
    }
    c.only_keys(align, keys, "align")
    c.require(align, keys - {"max_evidence"}, "align")
    return AlignConfig(
        verdicts=_verdict_rules(c, align["verdicts"]),
        kind_weights=_weights(c, align["kind_weights"], "align.kind_weights", EVIDENCE_KINDS),
        match_weights=_weights(c, align["match_weights"], "align.match_weights", MATCH_KINDS),
        generic_words=frozenset(
            word_key(w.lower()) for w in c.strings(align["generic_words"], "align.generic_words")
        ),
        words_share=c.number(align["words_share"], "align.words_share", 0.1, 1),
        max_evidence=int(c.number(align.get("max_evidence", 3), "align.max_evidence", 1, 20)),
    )


def _weights(c: _Checker, raw: Any, key: str, names: tuple[str, ...]) -> dict[str, float]:
    table = c.mapping(raw, key)
    c.only_keys(table, set(names), key)
    c.require(table, set(names), key)
    return {name: c.number(table[name], f"{key}.{name}", 0, 1) for name in names}


def _verdict_rules(c: _Checker, raw: Any) -> tuple[VerdictRule, ...]:
    """The ordered verdict rules; the last must be the catch-all (no evidence, missing)."""
    if not isinstance(raw, list) or not raw:
        raise c.fail("align.verdicts", "expected a non-empty list of rules")
    rules, seen = [], set()
    for n, item in enumerate(raw):
        key = f"align.verdicts[{n}]"
        rule = c.mapping(item, key)
        c.only_keys(rule, {"id", "status", "evidence", "match", "explain"}, key)
        c.require(rule, {"id", "status", "explain"}, key)
        rule_id = c.identifier(rule["id"], f"{key}.id")
        if rule_id in seen:
            raise c.fail(f"{key}.id", f"duplicate rule id '{rule_id}'")
        seen.add(rule_id)
        status = c.string(rule["status"], f"{key}.status")
        if status not in STATUSES:
            raise c.fail(f"{key}.status", f"'{status}' is not one of {', '.join(STATUSES)}")
        evidence = c.strings(rule.get("evidence"), f"{key}.evidence", required=False)
        match = c.strings(rule.get("match"), f"{key}.match", required=False)
        for name, allowed, field_key in (
            (evidence, EVIDENCE_KINDS, "evidence"),
            (match, MATCH_KINDS, "match"),
        ):
            for value in name:
                if value not in allowed:
                    raise c.fail(
                        f"{key}.{field_key}", f"'{value}' is not one of {', '.join(allowed)}"
                    )
        if bool(evidence) != bool(match):
            raise c.fail(key, "give both 'evidence' and 'match', or neither (the catch-all)")
        rules.append(
            VerdictRule(
                rule_id,
                status,
                tuple(evidence),
                tuple(match),
                c.string(rule["explain"], f"{key}.explain"),
            )
        )
    last = rules[-1]
    if last.evidence or last.status != "missing":
        raise c.fail(
            f"align.verdicts[{len(rules) - 1}]",
            "the last rule must be the catch-all: status missing, no evidence",
        )
    return tuple(rules)


# --- extraction cues ----------------------------------------------------------------------

EXTRACT_FILE = "extract.yaml"
_CUE_KEYS = (
    "goal_cues",
    "themes_chapter_cues",
    "goal_section_cues",
    "skip_section_cues",
    "priority_label_cues",
    "action_section_cues",
    "regional_cues",
    "negations",
    "exclusion_cues",
    "announcement_cues",
    "goal_statements",
    "measurable_targets",
    "commitment_cues",
)


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

    strong_noun: re.Pattern[str]  # a word that is (or ends in) a strong cue noun
    weak_noun: re.Pattern[str]
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
        return self.counts.get(word)


_GRAMMAR_LISTS = (
    "strong_nouns",
    "weak_nouns",
    "cue_adjectives",
    "verb_frames",
    "weak_verb_frames",
    "copulas",
    "boosters",
    "ordinals",
    "example_cues",
)


def _noun_pattern(nouns: list[str]) -> re.Pattern[str]:
    """A word that is one of `nouns` or a compound ending in one, singular or plural:
    "thema", "thema's", "veiligheidsthema's", "prioriteiten"."""
    alternatives = "|".join(re.escape(n) for n in nouns)
    return re.compile(rf"(?<!\w)\w*?(?:{alternatives})(?:en|s|['’]s|n)?(?!\w)", re.IGNORECASE)


def _words_pattern(parts: list[str]) -> re.Pattern[str]:
    """Whole words or phrases: "is" matches "is", not "isolatie"."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(f'(?:{p})' for p in parts)})(?!\w)", re.IGNORECASE)


def _priority_grammar(c: _Checker, value: Any) -> PriorityGrammar:
    key = "priority_grammar"
    data = c.mapping(value, key)
    c.only_keys(data, {*_GRAMMAR_LISTS, "counts"}, key)
    c.require(data, {*_GRAMMAR_LISTS, "counts"}, key)
    lists = {name: c.strings(data[name], f"{key}.{name}") for name in _GRAMMAR_LISTS}
    counts_raw = c.mapping(data["counts"], f"{key}.counts")
    counts = {}
    for word, number in counts_raw.items():
        counts[str(word).lower()] = int(c.number(number, f"{key}.counts.{word}", 1, 100))
    whole = {n: c.cues(lists[n], f"{key}.{n}") for n in _GRAMMAR_LISTS[2:]}  # validates
    words = {
        n: _words_pattern(lists[n])
        for n in ("copulas", "boosters", "ordinals", "verb_frames", "weak_verb_frames")
    }
    return PriorityGrammar(
        strong_noun=_noun_pattern(lists["strong_nouns"]),
        weak_noun=_noun_pattern(lists["weak_nouns"]),
        adjective=whole["cue_adjectives"],
        verb_frame=words["verb_frames"],
        weak_verb_frame=words["weak_verb_frames"],
        copula=words["copulas"],
        booster=words["boosters"],
        ordinal=words["ordinals"],
        example=whole["example_cues"],
        counts=counts,
    )


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
    goal_table: GoalTableCues
    clause_words: frozenset[str]  # words of a full clause (not a goal phrase)
    grammar: PriorityGrammar
    target_cues: dict[str, re.Pattern[str]]  # `target_grammar:` groups (extract/targets.py)
    indicator_columns: dict[str, re.Pattern[str]]  # `indicator_table_columns:` groups
    passes: tuple[str, ...] = ()  # extraction passes to run, in order; () = the default list
    source: str = ""  # the extract.yaml these rules were read from (for error messages)

    def is_goal_table_header(self, text: str) -> bool:
        return self.goal_table.is_header(text)


def load_extract_rules(rules_dir: str | Path | None = None) -> ExtractRules:
    path = resolve_rules_dir(rules_dir) / EXTRACT_FILE
    return _load_extract_cached(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=8)
def _load_extract_cached(path_str: str, _mtime: int) -> ExtractRules:
    from .lemmas import word_key

    path = Path(path_str)
    data = _load_yaml(path)
    c = _Checker(path)
    required = {
        "goal_verbs", "goal_table_columns", "clause_words", "priority_grammar", "target_grammar",
        "indicator_table_columns", *_CUE_KEYS,
    }  # fmt: skip
    c.only_keys(data, {"schema", "passes", "priority_table_ratings", *required}, "")
    c.require(data, required, "")
    compiled: dict[str, re.Pattern[str]] = {}
    for key in _CUE_KEYS:
        compiled[key] = c.cues(data[key], key)
    verbs = c.strings(data["goal_verbs"], "goal_verbs")
    passes = _extraction_passes(c, data.get("passes"))
    goal_table = _goal_table_cues(c, data["goal_table_columns"], data.get("priority_table_ratings"))
    return ExtractRules(
        goal_cue=compiled["goal_cues"],
        themes_chapter_cue=compiled["themes_chapter_cues"],
        goal_section_cue=compiled["goal_section_cues"],
        skip_section_cue=compiled["skip_section_cues"],
        priority_label_cue=compiled["priority_label_cues"],
        action_section_cue=compiled["action_section_cues"],
        regional_cue=compiled["regional_cues"],
        negation=compiled["negations"],
        exclusion_cue=compiled["exclusion_cues"],
        announcement_cue=compiled["announcement_cues"],
        goal_statement=compiled["goal_statements"],
        measurable=compiled["measurable_targets"],
        commitment_cue=compiled["commitment_cues"],
        goal_verb_keys=frozenset(word_key(v.lower()) for v in verbs),
        passes=passes,
        goal_table=goal_table,
        clause_words=frozenset(w.lower() for w in c.strings(data["clause_words"], "clause_words")),
        grammar=_priority_grammar(c, data["priority_grammar"]),
        target_cues=_cue_groups(c, data["target_grammar"], "target_grammar", TARGET_GROUPS),
        indicator_columns=_cue_groups(
            c, data["indicator_table_columns"], "indicator_table_columns", INDICATOR_COLUMNS
        ),
        source=str(path),
    )


TARGET_GROUPS = ("at_least", "at_most", "down", "up", "keep", "baseline", "to", "by", "past",
                 "report", "finance", "label", "intent")  # fmt: skip
INDICATOR_COLUMNS = ("realised", "target", "forecast", "baseline", "planned", "comparison_rows")


def _cue_groups(
    c: _Checker, value: Any, key: str, groups: tuple[str, ...]
) -> dict[str, re.Pattern[str]]:
    """A mapping of named cue lists, every group present, each compiled to one pattern."""
    table = c.mapping(value, key)
    c.only_keys(table, set(groups), key)
    c.require(table, set(groups), key)
    return {group: c.cues(table[group], f"{key}.{group}") for group in groups}


def _goal_table_cues(c: _Checker, value: Any, ratings: Any = None) -> GoalTableCues:
    """The `goal_table_columns:` mapping (goal, indicator, target and optionally priority:
    lists of regexes), and the optional `priority_table_ratings:` (high, low)."""
    key = "goal_table_columns"
    table = c.mapping(value, key)
    roles = ("goal", "indicator", "target")
    c.only_keys(table, {*roles, "priority"}, key)
    c.require(table, set(roles), key)
    present = [role for role in (*roles, "priority") if role in table]
    compiled = {role: c.cues(table[role], f"{key}.{role}") for role in present}
    if ratings is not None:
        levels = c.mapping(ratings, "priority_table_ratings")
        c.only_keys(levels, {"high", "low"}, "priority_table_ratings")
        c.require(levels, {"high", "low"}, "priority_table_ratings")
        for level in ("high", "low"):
            compiled[f"rating_{level}"] = c.cues(levels[level], f"priority_table_ratings.{level}")
    return GoalTableCues(**compiled)


def cue_pattern(parts: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for a cue list: cues with their own anchor (^) stand alone;
    the others must start at a word start, under one shared look-behind (eight times faster
    than a look-behind per alternative)."""
    anchored = [f"(?:{p})" for p in parts if p.startswith("^")]
    free = [f"(?:{p})" for p in parts if not p.startswith("^")]
    alternatives = anchored + ([rf"(?<!\w)(?:{'|'.join(free)})"] if free else [])
    return re.compile("|".join(alternatives) or "(?!)", re.IGNORECASE)


def _extraction_passes(c: _Checker, value: Any) -> tuple[str, ...]:
    """The optional `passes:` list: names, each once. Whether each names a pass is for the
    extraction stage to say (`extract.check_passes`): the rules know no stage above them."""
    if value is None:
        return ()
    names = c.strings(value, "passes")
    for i, name in enumerate(names):
        if name in names[:i]:
            raise c.fail(f"passes[{i}]", f"pass '{name}' is listed twice")
    return tuple(names)


# --- checks for drafts ----------------------------------------------------------------------

SEVERITIES = ("error", "warning", "info")
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
    data = _load_yaml(path)
    c = _Checker(path)
    c.only_keys(data, {"schema", "checks"}, "")
    c.require(data, {"checks"}, "")
    checks = c.mapping(data["checks"], "checks")
    out: dict[str, CheckRule] = {}
    for check_id, raw in checks.items():
        key = f"checks.{check_id}"
        if check_id not in CHECK_PARAMETERS:
            known = ", ".join(sorted(CHECK_PARAMETERS))
            raise c.fail(key, f"unknown check (known checks: {known})")
        item = c.mapping(raw, key)
        params_spec = CHECK_PARAMETERS[check_id]
        c.only_keys(item, {"enabled", "severity", "description", *params_spec}, key)
        enabled = item.get("enabled", True)
        if not isinstance(enabled, bool):
            raise c.fail(f"{key}.enabled", "expected true or false")
        severity = c.string(item.get("severity"), f"{key}.severity")
        if severity not in SEVERITIES:
            raise c.fail(f"{key}.severity", f"'{severity}' is not one of {', '.join(SEVERITIES)}")
        params: dict[str, Any] = {}
        for name, kind in params_spec.items():
            pkey = f"{key}.{name}"
            if name not in item:
                raise c.fail(pkey, "missing required key")
            if kind == "int":
                params[name] = int(c.number(item[name], pkey, 1, 1000))
            elif kind == "strings":
                params[name] = c.strings(item[name], pkey, required=False)
            else:
                params[name] = c.regexes(item[name], pkey)
        out[check_id] = CheckRule(
            check_id,
            enabled,
            severity,
            c.string(item.get("description"), f"{key}.description", required=False),
            params,
        )
    missing = sorted(set(CHECK_PARAMETERS) - set(out))
    if missing:
        raise c.fail(f"checks.{missing[0]}", "missing check (set enabled: false to turn it off)")
    return out
