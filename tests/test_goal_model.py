"""The goal model (issue "Goals from any indicator table and any goal sentence"): goals proposed
by every generator, scored by learned weights (rules/goal_model.yaml), the same mechanism as the
priorities'. Classes of texts in our own words; they are also own training documents
(training/goal_features.py), so each class the model must learn is one it is trained on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from veiligheid_cli.pipeline import Settings, extract_file
from veiligheid_cli.rules import load_extract_rules

ROOT = Path(__file__).resolve().parents[1]

# name -> (text, the goals expected: a piece of each goal's text, indicator or target, in order)
CONSTRUCTED_GOALS: dict[str, tuple[str, list[str]]] = {
    "a flattened table with relative targets": (
        "Jaarstukken 2024\n\nKengetallen\n\nTaakveld\n\nOmschrijving\n\nNulmeting\n\n"
        "Streefwaarde\n\nStand 2024\n\nVeiligheid\n\nMinder fietsdiefstallen\n\n410\n\n"
        "-8% per jaar\n\n365\n\nVeiligheid\n\nMinder meldingen van burenruzies\n\n233\n\n"
        "daling\n\n240\n",
        ["-8% per jaar", "daling"],
    ),
    "numbered indicator rows with a comparison as the target": (
        "Wat meten we?\n\nKengetal\n\nNulwaarde 2020\n\nStand 2023\n\nDoel 2026\n\n"
        "1. Rapportcijfer leefbaarheid van de wijk\n\n6,8\n\n7,0\n\nHoger dan het landelijk "
        "gemiddelde\n\n2. Percentage inwoners dat 's nachts overlast van verkeer ervaart\n\n"
        "22\n\n19\n\nLager dan in 2020\n",
        ["Hoger dan het landelijk gemiddelde", "Lager dan in 2020"],
    ),
    "a goal sentence in a row of realised figures": (
        "Jaarverslag 2025\n\nIndicator | 2023 | 2024 | 2025 |\n"
        "In 2026 daalt het aantal woninginbraken naar 150 per jaar | 181 | 172 | 160 |\n"
        "Het aantal gebiedsscans per wijk | 2 | 3 | 3 |\n",
        ["daalt het aantal woninginbraken naar 150"],
    ),
    "the verb carries the target": (
        "Programma Veilig wonen 2025-2028\n\nWat willen we bereiken?\n\n"
        "Het rapportcijfer voor veiligheid in de straat stijgt tot minimaal een 7,4 in 2028.\n\n"
        "Het aantal branden in woningen daalt naar hoogstens 20 per jaar.\n\n"
        "In 2024 waren er 31 woningbranden.\n",
        ["minimaal een 7,4", "hoogstens 20"],
    ),
    "actions and realised figures beside a measured goal": (
        "Begroting 2026\n\nWat willen we bereiken?\n\n- Elk jaar 5% minder meldingen van "
        "drugsoverlast.\n\nWat gaan we daarvoor doen?\n\n- We houden drie keer per jaar een "
        "controle in het uitgaansgebied.\n- We geven voorlichting op scholen.\n\n"
        "Stand van zaken\n\nIn 2024 daalde het aantal meldingen met 7%.\n",
        ["5% minder meldingen"],
    ),
    "groups over one run of years, one cell per line, numbered rows": (
        "Begroting 2027\n\nBeleidsindicatoren\n\nNr.\n\nIndicator\n\nGerealiseerd\n\n"
        "Begroot\n\n2023\n\n2024\n\n2025\n\n2026\n\n2027\n\n1\n\nAantal jongeren met een "
        "Halt-verwijzing per 10.000\n\n88\n\n92\n\n85\n\n84\n\n80\n\n2\n\nAantal "
        "fietsendiefstallen per 1.000 inwoners\n\n6,1\n\n5,8\n\n6,0\n\n5,7\n\n5,5\n",
        ["80 (Begroot 2027)", "5,5 (Begroot 2027)"],
    ),
    "a target column first, years realised after it, a row with cells missing": (
        "Begroting 2026\n\nDoel: Veiliger wonen\n\nIndicatoren:\n\nStreefwaarde 2026\n\n"
        "2021\n\n2022\n\n2023\n\n2024\n\nAantal autokraken\n\n-20% t.o.v. 2020 (940)\n\n"
        "910\n\n880\n\n790\n\n760 (-19% t.o.v. 2020)\n\nAantal cyberdelicten\n\n"
        "-10% t.o.v. 2022\n\nPas sinds 2023 gemeten.\n\nAantal brandstichtingen\n\n"
        "Daling t.o.v. 2020 (31)\n\n29\n\n30\n\n26\n\n24 (-23%)\n",
        # the row with cells missing still states its target
        ["-20% t.o.v. 2020 (940) (Streefwaarde 2026)", "-10% t.o.v. 2022", "Daling t.o.v. 2020"],
    ),
    "a planned column beside a realised one": (
        "Indicatoren\n\nIndicator Bron B2026 R2026\nAantal meldingen van overlast door "
        "scooters Politie 75 88\nAantal buurtwhatsappgroepen Gemeente 40 37\n",
        ["75 (B2026)", "40 (B2026)"],
    ),
    "aims that an indicator table measures": (
        "Programma Veiligheid\n\nWat willen we bereiken?\n\n- Kinderen fietsen veilig naar "
        "school.\n- Criminelen krijgen geen voet aan de grond.\n\nIndicatoren\n\n"
        "Indicator Bron B2026 R2026\nAantal verkeersongevallen bij scholen Politie 6 9\n"
        "Aantal scholen met een verkeersouder Gemeente 14 12\n",
        ["6 (B2026)", "14 (B2026)"],
    ),
    "a topic beside targets in one list of a plan": (
        "Veiligheidsplan Dorpen 2026-2029\n\nVeiligheid in de dorpen\n\n"
        "Dit willen we bereiken:\n\n- een wijkagent per dorp\n"
        "- elk jaar 6% minder meldingen van inbraak in schuren\n- minder overlast van "
        "crossmotoren\n",
        ["6% minder meldingen", "minder overlast van crossmotoren"],
    ),
    "a finding beside the goals of a section": (
        "Integraal Veiligheidsplan 2026-2029\n\n1. Speerpunten\n\nWij kiezen twee "
        "speerpunten:\n1. Drugsoverlast\n2. Verkeersveiligheid\n\n2. Drugsoverlast\n\n"
        "Het aantal meldingen van drugsoverlast stijgt nog steeds.\n\nWat willen we bereiken?\n"
        "In 2029 is het aantal meldingen van drugsoverlast 15% lager dan in 2025.\n"
        "Dealers in de wijk worden sneller gevonden.\n\nWat gaan we doen?\n"
        "De wijkagenten en de boa's lopen samen rondes.\n",
        ["15% lager", "sneller gevonden"],
    ),
}


def _goals(tmp_path: Path, text: str):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path, Settings()).goals


@pytest.mark.parametrize("name", list(CONSTRUCTED_GOALS))
def test_constructed_goal_classes(tmp_path, name):
    text, expected = CONSTRUCTED_GOALS[name]
    goals = _goals(tmp_path, text)
    found = [" ".join(filter(None, (g.text, g.indicator, g.target))) for g in goals]
    assert len(found) == len(expected), found
    for piece, goal in zip(expected, found, strict=True):
        assert piece.lower() in goal.lower(), (piece, found)


def test_every_goal_carries_its_probability_and_why(tmp_path):
    text, _ = CONSTRUCTED_GOALS["the verb carries the target"]
    goals = _goals(tmp_path, text)
    model = load_extract_rules().goal_model
    assert goals and all(g.confidence >= model.threshold for g in goals)
    assert all(g.why and all(isinstance(c, float) for _, c in g.why) for g in goals)


def test_the_goal_json_carries_the_why(tmp_path):
    text, _ = CONSTRUCTED_GOALS["the verb carries the target"]
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "veiligheid_cli", "extract", str(path), "-f", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    goals = json.loads(out.stdout)["goals"]
    assert goals and all({"feature", "contribution"} <= set(g["why"][0]) for g in goals)
    assert {g["from"] for g in goals} == {"text"}


def test_the_goal_feature_table_holds_no_sentence():
    table = (ROOT / "training/goal_features.tsv").read_text(encoding="utf-8")
    for line in table.splitlines()[1:]:
        features = line.split("\t")[8]
        assert all(" " not in pair and "=" in pair for pair in features.split()), line


def test_retraining_the_goal_model_reproduces_its_figures():
    pytest.importorskip("sklearn")
    out = subprocess.run(
        [sys.executable, str(ROOT / "training/train.py"), "--task", "goals", "--dry-run"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    model = load_extract_rules().goal_model
    line = next(ln for ln in out.splitlines() if ln.startswith("cross-validated (5 folds"))
    assert f"'f1': {model.cross_validation['f1']}" in line


def test_a_goal_quoted_as_evidence_carries_its_target(tmp_path):
    from veiligheid_cli.pipeline import align_extractions

    local = tmp_path / "ivp.txt"
    local.write_text(
        "Integraal Veiligheidsplan Waterdorp 2026-2029\n\n1. Speerpunten\n\n"
        "Onze speerpunten zijn:\n1. Verkeersveiligheid\n2. Jeugdoverlast\n\n"
        "2. Wonen\n\nWat willen we bereiken?\n"
        "In 2029 daalt het aantal woninginbraken met 20% ten opzichte van 2025.\n",
        encoding="utf-8",
    )
    regional = tmp_path / "rvs.txt"
    regional.write_text(
        "Regionale Veiligheidsstrategie Kustregio 2026-2029\n\n"
        "De regionale prioriteiten zijn:\n1. Woninginbraak\n2. Ondermijning\n",
        encoding="utf-8",
    )
    settings = Settings()
    a = align_extractions(extract_file(local, settings), extract_file(regional, settings), settings)
    goals = [e for p in a.priorities for e in p.evidence if e.kind == "goal"]
    assert goals and "20%" in goals[0].target and "2029" in goals[0].target


def test_a_goal_model_copied_over_the_priority_model_is_refused(tmp_path):
    import shutil

    from veiligheid_cli.errors import RulesError
    from veiligheid_cli.rules import resolve_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(resolve_rules_dir(None), rules)
    shutil.copy(rules / "goal_model.yaml", rules / "priority_model.yaml")
    with pytest.raises(RulesError) as err:
        load_extract_rules(rules)
    assert "priority_model.yaml" in str(err.value) and "'priorities'" in str(err.value)


def test_a_label_before_the_years_is_a_label_column_not_a_group():
    from veiligheid_cli.ingest import ingest_text
    from veiligheid_cli.model import BlockKind

    doc = ingest_text(
        "Wat willen we bereiken?\n\nIndicator\n\n2023\n\n2024\n\n2025\n\nAantal "
        "woninginbraken\n\n120\n\n110\n\n95\n\nAantal autokraken\n\n80\n\n76\n\n70\n"
    )
    rows = [b for b in doc.blocks if b.kind is BlockKind.TABLE_ROW and b.columns]
    assert rows and rows[0].columns == ("Indicator", "2023", "2024", "2025")
    assert any(b.text == "Wat willen we bereiken?" for b in doc.blocks)  # not swallowed
