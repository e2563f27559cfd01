"""Goals found by what they state, wherever they stand: target statements in sentences, list
items and headings, and the rows of indicator tables whose header names a target column.
Last, every goal gets its target read into parts (value, comparison, direction, year, baseline).
"""

from __future__ import annotations

import re

from ..model import Baseline, Block, BlockKind, Item, ItemKind, Target
from .context import ExtractionContext
from .goal_features import block_index, block_of
from .registry import extraction_pass
from .targets import is_target_statement, read_target, target_signals
from .text import strip_number

_FIGURE_CELL = re.compile(r"\d")
_MONEY = re.compile(r"€|\d{1,3}(?:\.\d{3}){2,}")  # "6.281.860": an amount, not an indicator
_NO_VALUE = re.compile(r"^\s*(?:nnb|n\.?b\.?|n\.?v\.?t\.?|-|–|—|#|\?)?\s*$", re.IGNORECASE)
_YEAR_IN = re.compile(r"\b((?:19|20)\d\d)\b")
_STATEMENT_KINDS = (
    BlockKind.PARAGRAPH,
    BlockKind.LIST_ITEM,
    BlockKind.HEADING,
    BlockKind.TABLE_ROW,
)


@extraction_pass("target_statements")
def target_statements(ctx: ExtractionContext) -> None:
    """Sentences, list items, headings and table cells that state a target ("1.1 In 2026 is
    het rapportcijfer minimaal 7" in a row of realised figures), in any section but those that
    describe the document itself ("Inleiding", "Leeswijzer"). A sentence whose words read as a
    target that the target grammar does not accept (a figure in past tense, a year behind the
    plan) is proposed too, as a "target reading": the goal model weighs what it says."""
    period = ctx.doc.metadata.period
    start_year = period.start if period else None
    taken = {g.text for g in ctx.goals}
    verdicts: dict[str, str] = {}  # sentence -> its cue, "" when it reads as no target
    for kind in _STATEMENT_KINDS:
        for i, a in ctx.blocks_of(kind):
            pieces = ctx.sentences_of(i)  # an item of several sentences: each on its own
            if ctx.in_skip_section(i) or (i in ctx.used and len(pieces) == 1):
                continue
            if kind is BlockKind.HEADING:
                pieces = [_unnumbered(a.block.text)]  # "3. Wat we blijven doen": no figure
            elif kind is BlockKind.TABLE_ROW:
                pieces = _text_cells(a.block)
            elif len(pieces) == 1:
                pieces = [(0, a.block.text)]
            found = []
            for start, sentence in pieces:
                if sentence not in verdicts:  # a text that repeats a sentence: judged once
                    verdicts[sentence] = _verdict(ctx, sentence, start_year)
                cue = verdicts[sentence]
                if not cue or (cue == "target reading" and i in ctx.used):
                    continue
                span = (start, start + len(sentence))
                themes = ctx.hits_in(i, *span) or ctx.priority_themes(i)
                where = " (table cell)" if kind is BlockKind.TABLE_ROW else ""
                goal = ctx.item(ItemKind.GOAL, i, sentence, themes, 0.7, cue + where, span)
                if goal.text not in taken:
                    taken.add(goal.text)
                    found.append(goal)
            if any(g.cue.startswith("target statement") for g in found) and i in ctx.used:
                # an item taken whole: its target sentences are the goals
                line, whole = a.block.line, a.block.text
                ctx.goals = [g for g in ctx.goals if not (g.line == line and g.text in whole)]
            ctx.goals.extend(found)


def _verdict(ctx: ExtractionContext, sentence: str, start_year: int | None) -> str:
    cues, finite = ctx.rules.target_cues, ctx.rules.clause_words
    if is_target_statement(sentence, cues, finite, start_year):
        return "target statement"
    return "target reading" if target_signals(sentence, cues, finite, start_year) else ""


def _text_cells(b: Block) -> list[tuple[int, str]]:
    """(offset, cell) of the cells of a table row that hold words, not only a figure."""
    out = []
    for cell in b.cells:
        at = b.text.find(cell.strip())
        if at >= 0 and len(re.findall(r"[^\W\d_]{3,}", cell)) >= 3:
            out.append((at, cell.strip()))
    return out


def _unnumbered(text: str) -> tuple[int, str]:
    """A heading without its number ("3. Wat we blijven doen"), and where that text starts."""
    rest = strip_number(text)
    return max(0, text.find(rest)), rest


@extraction_pass("indicator_tables")
def indicator_tables(ctx: ExtractionContext) -> None:
    """Rows of an indicator table (Indicator | Realisatie 2019 | Streefwaarde 2020): a row with
    a figure in a target column is a goal, its text "indicator: target (column)". Planned
    columns (Begroting, Raming, B2021) are targets where no column is; realised, forecast and
    baseline columns are not. A row of figures under labels ("Rapportcijfer sociale cohesie |
    Minimaal 6,8") gives one goal per label where a figure carries a bound."""
    group = ""  # a row that names only its indicator ("Verwijzingen Halt | | |") heads the next
    columns: tuple[str, ...] = ()
    seen: set[tuple] = set()  # a row repeated word for word is one goal (and read once)
    known: dict[tuple, list[str]] = {}  # column roles per header
    for i, a in ctx.blocks_of(BlockKind.TABLE_ROW):
        b = a.block
        if i in ctx.used or not b.columns or len(b.cells) != len(b.columns):
            continue
        if (b.columns, b.cells, group) in seen:
            continue
        seen.add((b.columns, b.cells, group))
        if b.columns != columns:
            group, columns = "", b.columns
        if b.cells[0] and not any(c.strip() for c in b.cells[1:]):
            group = b.cells[0]
            continue
        if ctx.rules.indicator_columns["comparison_rows"].search(b.cells[0]):
            continue  # "Nederland | 131 | 131": another area's figures, for comparison
        if any(_MONEY.search(c) for c in b.cells):
            continue  # a table of amounts
        if all(_is_figure(ctx, c) for c in b.cells):
            goals = _label_goals(ctx, i)
        else:
            goals = _row_goal(ctx, i, group, known)
        if goals:
            ctx.goals.extend(goals)
            ctx.used.add(i)


def _is_figure(ctx: ExtractionContext, cell: str) -> bool:
    """A figure, possibly with its bound ("Minimaal 6,8", "< 25 %"), and no other words."""
    cues = ctx.rules.target_cues
    bare = cues["at_most"].sub("", cues["at_least"].sub("", cell))
    return bool(_FIGURE_CELL.search(cell)) and not re.search(r"[^\W\d_]{3}", bare)


def _column_roles(
    ctx: ExtractionContext, columns: tuple[str, ...], known: dict[tuple, list[str]]
) -> list[str]:
    """The role of each column (`known`: per header, so that a long table asks once)."""
    if columns not in known:
        groups = ctx.rules.indicator_columns
        order = ("realised", "target", "forecast", "baseline", "planned")
        known[columns] = [next((g for g in order if groups[g].search(c)), "") for c in columns]
    return known[columns]


def _is_target_value(ctx: ExtractionContext, cell: str) -> bool:
    """A figure, or a relative target in words ("daling", "hoger dan het gemiddelde")."""
    cues = ctx.rules.target_cues
    return bool(_FIGURE_CELL.search(cell)) or any(
        cues[k].search(cell) for k in ("down", "up", "keep", "at_least", "at_most")
    )


def _constant_columns(ctx: ExtractionContext, columns: tuple[str, ...], known: dict) -> set[int]:
    """Text columns that hold one value in every row of the table ("Taakveld": "Openbare orde
    en veiligheid"): a category over the rows, not their indicator."""
    key = ("constant", columns)
    if key not in known:
        if "rows" not in known:  # the rows of every table, gathered once per document
            known["rows"] = {}
            for _i, a in ctx.blocks_of(BlockKind.TABLE_ROW):
                b = a.block
                if len(b.cells) == len(b.columns):
                    known["rows"].setdefault(b.columns, []).append(b.cells)
        rows = known["rows"].get(columns, [])
        one_value = [
            k for k in range(len(columns)) if len(rows) >= 2 and len({r[k] for r in rows}) == 1
        ]
        known[key] = {k for k in one_value if re.search(r"[^\W\d_]{3}", rows[0][k])}
    return known[key]


def _row_goal(ctx: ExtractionContext, i: int, group: str, known: dict) -> list[Item]:
    b = ctx.blocks[i].block
    constant = _constant_columns(ctx, b.columns, known)
    at = next(
        (k for k, c in enumerate(b.cells) if k not in constant and re.search(r"[^\W\d_]{3}", c)),
        None,
    )
    if at is None:
        return []
    indicator = b.cells[at]
    # the values stand right of the indicator: a "Doel" or "Nr." column before it numbers rows
    roles = ["" if k < at else r for k, r in enumerate(_column_roles(ctx, b.columns, known))]
    wanted = "target" if "target" in roles else "planned"
    targets = [
        (col, cell)
        for col, cell, role in zip(b.columns, b.cells, roles, strict=True)
        if role == wanted and not _NO_VALUE.match(cell) and _is_target_value(ctx, cell)
    ]
    if not targets:
        return []
    if group and re.match(r"^\s*(?:gemeente|wij|eigen)\b", indicator, re.IGNORECASE):
        indicator = f"{group} ({indicator})"  # "Gemeente" under "Verwijzingen Halt"
    target = "; ".join(f"{cell} ({col})" for col, cell in targets)
    start = b.text.find(indicator)
    span = (start, start + len(indicator)) if start >= 0 else None
    a = ctx.blocks[i]
    themes = (ctx.hits_in(i, *span) if span else []) or a.themes or ctx.priority_themes(i)
    goal = ctx.item(ItemKind.GOAL, i, f"{indicator}: {target}", themes, 0.85, "indicator table")
    goal.indicator, goal.target = indicator, target
    baseline_col = next((k for k, r in enumerate(roles) if r == "baseline"), None)
    if baseline_col is not None and not _NO_VALUE.match(b.cells[baseline_col]):
        goal.cue = "indicator table (with baseline)"
    goal.baseline = _row_baseline(b.columns, b.cells, roles)
    return [goal]


def _row_baseline(
    columns: tuple[str, ...], cells: tuple[str, ...], roles: list[str]
) -> Baseline | None:
    """What the row's target is measured against: its baseline column ("Nulmeting 2022"),
    else its last realised value, with the column's year: a field of the goal, not a goal."""
    for wanted in ("baseline", "realised"):
        found = [
            (col, cell)
            for col, cell, role in zip(columns, cells, roles, strict=True)
            if role == wanted and _FIGURE_CELL.search(cell) and not _NO_VALUE.match(cell)
        ]
        if found:
            col, cell = found[-1]
            year = _YEAR_IN.search(col)
            return Baseline(cell.strip(), int(year.group(1)) if year else None)
    return None


def _label_goals(ctx: ExtractionContext, i: int) -> list[Item]:
    """A row of figures under labels: goals when a figure carries a bound ("Minimaal 6,8")."""
    b = ctx.blocks[i].block
    cues = ctx.rules.target_cues
    if not any(cues["at_least"].search(c) or cues["at_most"].search(c) for c in b.cells):
        return []
    out = []
    for label, cell in zip(b.columns, b.cells, strict=True):
        if _NO_VALUE.match(cell) or not re.search(r"[^\W\d_]{3}", label):
            continue
        themes = ctx.blocks[i].themes or ctx.priority_themes(i)
        goal = ctx.item(ItemKind.GOAL, i, f"{label}: {cell}", themes, 0.8, "indicator table")
        goal.indicator, goal.target = label, cell
        out.append(goal)
    return out


@extraction_pass("goal_targets")
def goal_targets(ctx: ExtractionContext) -> None:
    """Every goal's target read into parts; a goal stated twice in the same words (a page
    that repeats its title) is kept once."""
    cues = ctx.rules.target_cues
    seen: set[str] = set()
    kept: list[Item] = []
    by_target: dict[tuple, list[Item]] = {}  # kept goals per (value, year): what to compare
    for goal in ctx.goals:
        key = goal.text.lower()
        if key in seen:
            continue
        seen.add(key)
        source = goal.target or goal.text
        target, baseline = read_target(source, cues)
        if goal.target and target is not None:
            target = _with_column_year(target, goal.target)
        goal.measure, goal.baseline = target, baseline or goal.baseline
        key = (target.value, target.year) if target is not None and target.value else None
        same = by_target.get(key, []) if key else []
        if not any(_restated(goal, earlier) for earlier in same[-RESTATED_WINDOW:]):
            kept.append(goal)
            if key:
                by_target.setdefault(key, []).append(goal)
    ctx.goals = kept


RESTATED_WINDOW = 50  # earlier goals of the same target a restatement is compared with


_CONTENT_WORD = re.compile(r"[^\W\d_]{6,}")


def _restated(goal: Item, earlier: Item) -> bool:
    """The same target (value and year) about the same thing (two content words shared): a
    table row restated in prose after the table."""
    a, b = goal.measure, earlier.measure
    if goal.cue.startswith("indicator table") and earlier.cue.startswith("indicator table"):
        return False  # two rows of a table: two indicators, however alike their words
    if a is None or b is None or not a.value or (a.value, a.year) != (b.value, b.year):
        return False
    words = set(_CONTENT_WORD.findall(goal.text.lower()))
    return len(words & set(_CONTENT_WORD.findall(earlier.text.lower()))) >= 2


def _with_column_year(target: Target, cells: str) -> Target:
    """A table target takes its year from its column ("4 (Streefwaarde 2020)")."""
    if target.year is not None:
        return target
    m = _YEAR_IN.search(cells.split(";")[0])
    year = int(m.group(1)) if m else None
    comparison = target.comparison if target.comparison != "equal" else "to"
    return Target(target.value, target.number, target.unit, comparison, target.direction, year)


TOPIC_WORDS = 6  # "afspraken per kern"; a longer item without a verb is a goal phrase
_MEASURED_CUES = ("indicator table", "indicator table (with baseline)")
_STATED_CUES = ("goal label", "goals table")  # the layout says "goal", figure or not


def aims_beside_measured(ctx: ExtractionContext) -> set[int]:
    """The goals (ids) beside measured ones that state no target (a goal feature): where a text
    measures its goals, the goals beside them without a target are the aims the targets make
    measurable (or the means to them), not goals of their own: in a list where some
    items state a target, an item that names only a topic (no verb, no direction, no figure:
    "afspraken per kern" beside "per jaar 5% minder incidentmeldingen") or an activity ("We
    geven voorlichting ..."),
    and under a goals heading whose goals an indicator table measures before the next goals
    heading (a budget's "Wat willen we bereiken?" aims, then "Indicatoren")."""
    index = block_index(ctx)
    episode = _goal_episodes(ctx)
    runs = {i: n for n, run in enumerate(ctx.list_runs()) for i in run}
    measured_runs: set[int] = set()
    measured_episodes: set[int] = set()
    for g in ctx.goals:
        i = block_of(ctx, index, g)
        if g.measure is None or i is None:
            continue
        if i in runs:
            measured_runs.add(runs[i])
        if g.cue in _MEASURED_CUES:
            measured_episodes.add(episode[i])

    def aim(g: Item) -> bool:
        i = block_of(ctx, index, g)
        if g.measure is not None or g.cue in _STATED_CUES or i is None:
            return False
        beside = runs.get(i, -1) in measured_runs
        return (beside and (_topic_only(ctx, g.text) or _activity(ctx, g.text))) or (
            episode[i] in measured_episodes
        )

    return {id(g) for g in ctx.goals if aim(g)}


def _topic_only(ctx: ExtractionContext, text: str) -> bool:
    """A short bare noun phrase: no finite verb, no direction of change, no figure."""
    cues = ctx.rules.target_cues
    words = {w.lower().strip(".,;:") for w in text.split()}
    if len(text.split()) > TOPIC_WORDS or words & ctx.rules.clause_words or re.search(r"\d", text):
        return False
    return not (cues["down"].search(text) or cues["up"].search(text) or cues["keep"].search(text))


_WE_DO = re.compile(r"^(?:we|wij)\s+(?P<verb>\w+)", re.IGNORECASE)


def _activity(ctx: ExtractionContext, text: str) -> bool:
    """What the writer does ("We geven voorlichting ..."), not what it wants to reach."""
    m = _WE_DO.match(text)
    return bool(m) and not ctx.rules.target_cues["intent"].match(text, m.start("verb"))


def _goal_episodes(ctx: ExtractionContext) -> list[int]:
    """Per block: the number of goals headings at or before it (0 before the first)."""
    out, n = [], 0
    for a in ctx.blocks:
        b = a.block
        if b.kind is BlockKind.HEADING and ctx.rules.goal_section_cue.search(b.text):
            n += 1
        out.append(n)
    return out
