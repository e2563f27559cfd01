"""The grammar of a target: what a goal says it will reach, by when, against what.

A target statement names a value or a baseline to compare with, and a bound ("minimaal 7,8",
"komt niet boven de 200"), an end state ("naar 70%"), a change ("daalt met 15%", "5% minder") or
a state to keep ("handhaven"); often a year ("in 2027") and a baseline ("ten opzichte van
2023"). Its verb is not in the past and it does not merely report a figure ("bedraagt 15"). The
cue words are data (`target_grammar:` in rules/extract.yaml); this module knows only the order
in which Dutch puts them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Baseline, Target

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_ANY_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)")
_VALUE = re.compile(
    r"(?<![\w.,/])(?P<sign>[-−+](?=\d))?(?P<num>\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:[.,]\d{1,2})?)"
    r"(?P<unit>\s*(?:%|procent))?(?!\w|[.,]\d)"
)
# A value in words: a benchmark ("hoger dan het landelijk gemiddelde") or a number word.
_BENCHMARK = re.compile(
    r"\bhet\s+(?:(?:landelijk|regionaal|provinciaal)e?\s+)?gemiddelde(?:\s+van\s+"
    r"(?:nederland|de\s+regio|de\s+provincie|vergelijkbare\s+gemeenten))?|"
    r"\bhet\s+niveau\s+van\s+(?:19|20)\d\d",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    r"\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|vijftien|twintig|"
    r"dertig|veertig|vijftig|honderd)\b"
)
_NUMBER_WORD = re.compile(_NUMBER_WORDS, re.IGNORECASE)
_PER = re.compile(r"\bper\s*$", re.IGNORECASE)
_ARTICLE_END = re.compile(r"\s*(?:\b(?:de|het|een)\s*)?$", re.IGNORECASE)
_TARGET_YEAR = re.compile(
    r"\b(?:in|vóór|voor|uiterlijk|eind|per|tot(?:\s+en\s+met)?|t/m|medio|begin)\s+"
    r"((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_VAN_NAAR = re.compile(
    r"\bvan\s+(?P<old>\d[\d.,]*\s*%?)\s*(?:\((?P<year>(?:19|20)\d\d)\)\s*)?naar\b", re.IGNORECASE
)
_MEASURED = re.compile(
    r"\b(?:het\s+aantal|percentage|aandeel|rapportcijfer|cijfer|score)\b|%", re.IGNORECASE
)
_COMPARATIVE_DAN = re.compile(r"\b\w+er\s+dan\b", re.IGNORECASE)
# What every target statement holds: a figure (also a year), a benchmark or a number word.
_MAYBE = re.compile(r"\d|gemiddelde|\bniveau\b|" + _NUMBER_WORDS, re.IGNORECASE)
MAX_WORDS = 45
BASELINE_REACH = 45  # characters after a baseline cue that belong to the baseline


@dataclass(frozen=True, slots=True)
class _Value:
    text: str
    start: int
    end: int


Cues = dict[str, re.Pattern[str]]


def read_target(text: str, cues: Cues) -> tuple[Target | None, Baseline | None]:
    """The target and baseline a text states, or (None, None) when it states no target."""
    baseline, skip = _baseline(text, cues)
    values = [v for v in _values(text) if not any(a <= v.start < b for a, b in skip)]
    direction = _direction(text, cues)
    year = _year(text, skip)
    keep = bool(cues["keep"].search(text))
    if not values:
        measured = (
            (baseline and baseline.year)
            or year
            or (cues["label"].search(text) and _MEASURED.search(text))
        )  # "Doelstelling is om het aantal branden niet verder te laten stijgen"; an end state
        # for a year: "De overlastcijfers stabiliseren in 2026"
        if measured and (direction or keep):
            kind = "keep" if keep and not direction else "than"
            return Target("", None, "", kind, direction, year), baseline
        return None, baseline
    value = _pick(text, values, cues)
    comparison = _comparison(text, value, cues, direction, keep)
    if value.text[:1] in "-−+":  # "-20% t.o.v. 2019": a change of that size
        comparison, direction = "by", "up" if value.text[0] == "+" else "down"
    elif comparison == "equal" and year and cues["intent"].search(text):
        comparison = "to"  # "Wij willen in 2026 ... tien ...": the state to reach by then
    unit = "%" if value.text.endswith(("%", "procent")) else ""
    number = _number(value.text)
    return Target(value.text, number, unit, comparison, direction, year), baseline


def target_signals(
    text: str, cues: dict[str, re.Pattern[str]], finite: frozenset[str], period_start: int | None
) -> dict[str, bool] | None:
    """What a sentence with a target reading says of it (None: no reading of a value with a
    bound, an end state, a change or a state to keep): money, intent, a year ahead of the plan
    or behind it, past tense or a report of a figure, a description of change without figure."""
    if not (_MAYBE.search(text) or cues["label"].search(text)):
        return None  # no figure, benchmark or number word, no goal label: cheap "no"
    words = text.split()
    if not 3 <= len(words) <= MAX_WORDS or text.rstrip().endswith(("?", ":")):
        return None
    target, _ = read_target(text, cues)
    if target is None or target.comparison in ("", "equal"):
        return None
    verbs = {w.lower().strip(".,;") for w in words} & finite
    return {
        "finance": bool(cues["finance"].search(text)),
        "intent": bool(cues["intent"].search(text)),
        "ahead": bool(period_start and target.year and target.year >= period_start),
        "history": bool(period_start and target.year and target.year < period_start),
        "no_value": not target.value,
        "past_or_report": bool(cues["past"].search(text) or cues["report"].search(text)),
        # no figure: "veiliger dan in 2009"; "Dit is een verdubbeling t.o.v. 2012" describes
        "described_change": target.comparison in ("than", "keep")
        and not target.value
        and bool(verbs)
        and not _COMPARATIVE_DAN.search(text),
    }


def is_target_statement(
    text: str, cues: dict[str, re.Pattern[str]], finite: frozenset[str], period_start: int | None
) -> bool:
    """A sentence that states a target: a value or baseline with a bound, an end state, a
    change or a state to keep; not about the past, not a bare report of a figure."""
    s = target_signals(text, cues, finite, period_start)
    if s is None or s["finance"]:
        return False
    if not (s["intent"] or s["ahead"]) and s["past_or_report"]:
        return False
    if s["described_change"] and not s["intent"]:
        return False
    if s["history"] and s["no_value"]:
        return False  # an end state for a year before the plan: what was, not what is wanted
    return s["intent"] or not s["history"]


def _values(text: str) -> list[_Value]:
    """Figures that can be a target: no years (unless a percentage), no "per 1.000"; a
    benchmark or a number in words where no figure is written."""
    out = []
    for m in _VALUE.finditer(text):
        if _YEAR.match(m.group("num")) and not m.group("unit"):
            continue
        if _PER.search(text[max(0, m.start() - 6) : m.start()]):
            continue  # "per 1.000 inwoners": the unit of the indicator
        out.append(_Value(m.group(0).strip(), m.start(), m.end()))
    if not out:
        words = sorted([*_BENCHMARK.finditer(text), *_NUMBER_WORD.finditer(text)], key=_start)
        out = [_Value(m.group(0), m.start(), m.end()) for m in words]
    return out


def _baseline(text: str, cues: Cues) -> tuple[Baseline | None, list[tuple[int, int]]]:
    """The baseline ("ten opzichte van 2023 (1.250)", "van 62% (2023) naar 70%") and the
    character ranges it takes (its figures are no target)."""
    m = _VAN_NAAR.search(text)
    if m:
        year = int(m.group("year")) if m.group("year") else None
        return Baseline(m.group("old").strip(), year), [(m.start(), m.end() - len("naar"))]
    for cue in cues["baseline"].finditer(text):
        reach = (cue.end(), min(len(text), cue.end() + BASELINE_REACH))
        window = text[reach[0] : reach[1]]
        window = re.split(r"[;:]|,\s+(?!\d)|\s(?:en|maar|door|om)\s", window)[0]
        years = _ANY_YEAR.findall(window)
        figure = re.search(r"\((\d[\d.,]*\s*%?)\)", window)
        span = (cue.start(), cue.end() + len(window))
        return Baseline(figure.group(1) if figure else "", int(years[0]) if years else None), [span]
    return None, []


def _start(m: re.Match[str]) -> int:
    return m.start()


def _pick(text: str, values: list[_Value], cues: dict[str, re.Pattern[str]]) -> _Value:
    """The target figure: the first one after a bound, an end-state or a change cue."""
    for v in values:
        before = _ARTICLE_END.sub("", text[max(0, v.start - 40) : v.start])
        if any(_ends_with(cues[g], before) for g in ("at_least", "at_most", "to", "by")):
            return v
    return values[0]


def _comparison(
    text: str, value: _Value, cues: dict[str, re.Pattern[str]], direction: str, keep: bool
) -> str:
    before = _ARTICLE_END.sub("", text[max(0, value.start - 40) : value.start])
    for group in ("at_least", "at_most", "to"):
        if _ends_with(cues[group], before):
            return group
    if direction and _ends_with(cues["by"], before):
        return "by"  # "daalt met 15%"; "Met 39 gemeenten ..." is no change
    after = text[value.end : value.end + 30]
    if cues["down"].match(after.strip()) or cues["up"].match(after.strip()):
        return "by"  # "5% minder incidentmeldingen"
    if keep:
        return "keep"
    return "equal"


def _ends_with(pattern: re.Pattern[str], window: str) -> bool:
    end = len(window.rstrip())
    return any(m.end() >= end - 1 and m.end() > m.start() for m in pattern.finditer(window))


def _direction(text: str, cues: dict[str, re.Pattern[str]]) -> str:
    down, up = cues["down"].search(text), cues["up"].search(text)
    if down and up:
        return "down" if down.start() < up.start() else "up"
    return "down" if down else "up" if up else ""


def _year(text: str, skip: list[tuple[int, int]]) -> int | None:
    for m in _TARGET_YEAR.finditer(text):
        if not any(a <= m.start(1) < b for a, b in skip):
            return int(m.group(1))
    return None


def _number(value: str) -> float | None:
    digits = re.sub(r"\s*(?:%|procent)$", "", value)
    if not re.search(r"\.\d{3}\b", digits):  # "7.5" is a decimal, "1.250" a thousand
        digits = digits.replace(".", ",")
    digits = digits.replace(".", "").replace(",", ".")
    digits = digits.replace("−", "-")
    try:
        return float(digits)
    except ValueError:
        return None
