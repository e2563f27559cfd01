"""`veiligheid compare OLD NEW` on pairs of constructed plans (tests/fixtures/compare/, written
for these tests): every expected row, the order check, the formats and bad input."""

from __future__ import annotations

import json

import pytest

from veiligheid_cli.compare import assign

from conftest import FIXTURES, ROOT, run_cli

PAIRS = FIXTURES / "compare"

EXPECTED = {  # (old, new): [(status, old text, new text, reworded, merged_into)]
    ("waterdam-2019-2022", "waterdam-2023-2026"): [  # IVP -> IVP
        ("dropped", "woninginbraak", None, False, None),
        ("kept", "jeugdoverlast", "jeugdoverlast", False, None),
        ("kept", "ondermijning", "ondermijning", False, None),
        ("added", None, "cybercrime", False, None),
    ],
    ("rvs-kustregio-2019-2022", "rvs-kustregio-2023-2026"): [  # strategy -> strategy
        ("kept", "ondermijning", "ondermijning", False, None),
        ("kept", "zorg en veiligheid", "zorg en veiligheid", False, None),
        ("dropped", "cybercrime", None, False, None),
        ("added", None, "jeugdcriminaliteit", False, None),
    ],
    ("heiland-2020-2023", "heiland-2024-2027"): [  # a reworded priority, and a merge
        ("kept", "cyberveiligheid", "digitale veiligheid en cybercrime", True, None),
        ("dropped", "woninginbraak", None, False, "high impact crimes"),
        ("kept", "overvallen", "high impact crimes", True, None),
    ],
    ("lindeburg-2018-2021", "lindeburg-2022-2025"): [  # goals whose targets moved
        ("kept", "woninginbraak", "woninginbraak", False, None),
        ("kept", "huiselijk geweld", "huiselijk geweld", False, None),
        ("added", None, "verkeersveiligheid rond scholen", False, None),
    ],
    ("zandhoven-2024-2027-concept", "zandhoven-2024-2027"): [  # a draft and its plan
        ("kept", "de aanpak van ondermijning", "ondermijning", True, None),
        ("kept", "jeugdcriminaliteit", "jeugdcriminaliteit", False, None),
        ("kept", "overlast in woonwijken", "woonoverlast", True, None),
        ("kept", "brandveiligheid", "brandveiligheid", False, None),
    ],
}


def _compare(old: str, new: str, *args: str) -> dict:
    result = run_cli(
        "compare", str(PAIRS / f"{old}.txt"), str(PAIRS / f"{new}.txt"), "-f", "json", *args
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("pair", list(EXPECTED), ids="→".join)
def test_every_expected_row(pair):
    data = _compare(*pair)
    assert data["schema"] == "veiligheid/compare/v1"
    rows = [
        (
            r["status"],
            r["old"]["text"].lower() if r["old"] else None,
            r["new"]["text"].lower() if r["new"] else None,
            r["reworded"],
            r["merged_into"].lower() if r["merged_into"] else None,
        )
        for r in data["priorities"]
    ]
    assert rows == EXPECTED[pair]
    for r in data["priorities"]:  # evidence on each side: the quote, its line and page
        for side in ("old", "new"):
            if r[side]:
                assert r[side]["line"] >= 1 and "page" in r[side] and "themes" in r[side]


def test_a_goal_whose_target_moved():
    data = _compare("lindeburg-2018-2021", "lindeburg-2022-2025")
    goals = next(r for r in data["priorities"] if r["old"] and r["old"]["text"] == "woninginbraak")
    (goal,) = goals["goals"]
    assert goal["status"] == "carried" and goal["target_moved"]
    assert "10%" in goal["old_targets"] and "15%" in goal["new_targets"]


def test_fields_gain_and_lose_attention():
    data = _compare("rvs-kustregio-2019-2022", "rvs-kustregio-2023-2026")
    by_field = {f["field"]: f for f in data["fields"]}
    assert by_field["jeugd"]["new_priorities"] == by_field["jeugd"]["old_priorities"] + 1


def test_an_older_new_is_refused_unless_allowed():
    old, new = PAIRS / "waterdam-2023-2026.txt", PAIRS / "waterdam-2019-2022.txt"
    refused = run_cli("compare", str(old), str(new))
    assert refused.exit_code == 2 and "older than OLD" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    allowed = run_cli("compare", str(old), str(new), "--allow-older", "-f", "markdown")
    assert allowed.exit_code == 0 and "warning" in allowed.stderr
    assert allowed.stdout.startswith("# Wat is er veranderd?")


def test_table_and_bad_input(tmp_path):
    table = run_cli(
        "compare", str(PAIRS / "heiland-2020-2023.txt"), str(PAIRS / "heiland-2024-2027.txt")
    )
    assert table.exit_code == 0 and "merged into" in table.stdout
    missing = run_cli("compare", str(tmp_path / "nope.txt"), str(PAIRS / "heiland-2024-2027.txt"))
    assert missing.exit_code == 2 and len(missing.stderr.splitlines()) == 1


def test_the_assignment_is_optimal_not_greedy():
    # greedy takes (0, 0) = 0.9 and leaves (1, 1) = 0.1: total 1.0; the optimum is 0.8 + 0.8
    scores = [[(0.9, ""), (0.8, "")], [(0.8, ""), (0.1, "")]]
    assert sorted(assign(scores)) == [(0, 1), (1, 0)]


def test_each_side_is_named_by_its_body_and_period():
    """A regional strategy carried by a municipality's proposal is the region's, in every
    format: not "Hilversum 2019-2022"."""
    old = str(ROOT / "corpus/hilversum-voorstel-rvs-midden-nederland-2019-2022.txt")
    new = str(ROOT / "tests/fixtures/plans/rvs-midden-nederland-2023-2026.txt")
    markdown = run_cli("compare", old, new, "-f", "markdown").stdout
    assert markdown.splitlines()[0] == (
        "# Wat is er veranderd? Regionale Veiligheidsstrategie Midden-Nederland 2019-2022 → "
        "Regionale Veiligheidsstrategie Midden-Nederland 2023-2026"
    )
    data = json.loads(run_cli("compare", old, new, "-f", "json").stdout)
    assert data["old"]["name"] == "Regionale Veiligheidsstrategie Midden-Nederland 2019-2022"
    assert data["old"]["organization"] == "Hilversum"  # who proposed it, kept apart
    assert "Hilversum" not in run_cli("compare", old, new).stdout.splitlines()[0]
