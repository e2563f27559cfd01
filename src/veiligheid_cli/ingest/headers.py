"""Table headers of two rows: group labels over a row of years, read into one label per column.

Budget and annual-report tables put their column groups ("Realisaties", "Prognose",
"Streefwaarden") in a row above the years, and lose the groups' spans when flattened to text:
the group row holds one label per group, the row under it one year per column. The groups
split the years where the years start again ("2022 2023 | 2023 2026"); one group more than
there are runs takes the last column of the first run (a "Prognose" or "Raming" column for the
year in hand, between the years realised and the targets). Which group is a target is for the
extraction stage to say, from the header words in `rules/`.
"""

from __future__ import annotations

import re

_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def group_years(groups: list[str], years: list[str]) -> list[str] | None:
    """Each year under its group ("Realisaties 2019"); None when they do not match up."""
    runs: list[list[str]] = [[]]
    for year in years:
        if runs[-1] and int(year) <= int(runs[-1][-1]):
            runs.append([])
        runs[-1].append(year)
    if not groups:
        return years if len(runs) == 1 else None
    if len(groups) == len(runs) + 1 and len(runs[0]) >= 2:
        runs[:1] = [runs[0][:-1], runs[0][-1:]]
    if len(groups) != len(runs):
        return None
    return [f"{g} {y}" for g, run in zip(groups, runs, strict=True) for y in run]


def stack_header(groups: tuple[str, ...], cells: tuple[str, ...]) -> tuple[str, ...] | None:
    """The labels of a two-row header (the group row, then the row with the years), or None
    when `cells` is no row of years under `groups`."""
    at = [k for k, c in enumerate(cells) if _YEAR.match(c.strip())]
    if len(at) < 2 or at != list(range(at[0], at[-1] + 1)):
        return None
    if any(re.search(r"\d", c) for k, c in enumerate(cells) if k not in at):
        return None  # a row of figures, not of labels
    labels = [g.strip() for g in groups if g.strip()]
    if any(re.search(r"\d", g) for g in labels):
        return None  # a row of years or figures, not of group labels
    if not labels or len(labels) > len(at) or len(labels) == len(cells):
        return None  # a full row of labels is a header of its own, not groups
    spread = group_years(labels, [cells[k].strip() for k in at])
    if spread is None:
        return None
    return (*cells[: at[0]], *spread, *cells[at[-1] + 1 :])
