"""The learned priority model: candidates, features, weights and selection, by behaviour.

Texts here are written for this project (the classes of texts the real dev set showed, in our
own words). The model file is data: validated like every rules file, and reproducible from the
committed feature table.
"""

from __future__ import annotations

import csv
import json
import math
import re
import shutil
import subprocess
import sys

import pytest

from veiligheid_cli.errors import RulesError
from veiligheid_cli.ingest import ingest_text
from veiligheid_cli.linear import LinearModel
from veiligheid_cli.pipeline import Settings, analyse_document
from veiligheid_cli.rules import load_extract_rules, resolve_rules_dir

from conftest import LEUSDEN_IVP, ROOT, run_cli

RULES = resolve_rules_dir(None)
HEAD = "Integraal Veiligheidsplan gemeente Waterland-Oost 2025-2028\n\n"
LIST = "1. Ondermijning\n2. Woninginbraken\n3. Jeugdoverlast\n\nDe uitwerking volgt.\n"


def priorities(text: str) -> list[str]:
    doc = ingest_text(text)
    return [p.text for p in analyse_document(doc, Settings()).priorities]


# --- classes of texts, in our own words (also own training documents: training/features.py) ---

LEAD_INS = [
    "Prioriteiten:",
    "De speerpunten zijn:",
    "Als speerpunten zijn vastgesteld:",  # a passive: the participle announces the list
    "De volgende thema's zijn benoemd:",
    "Tot de prioriteiten behoren:",  # a preposition before the cue, and still a lead-in
    "Wij kiezen voor de volgende prioriteiten:",
    "Onze drie speerpunten:",
    "In dit plan staan drie prioriteiten centraal:",
]
THREE = ["Ondermijning", "Woninginbraken", "Jeugdoverlast"]

CONSTRUCTED: dict[str, tuple[str, list[str]]] = {
    **{f"lead-in {k}": (HEAD + lead + "\n\n" + LIST, THREE) for k, lead in enumerate(LEAD_INS)},
    "participle over name-explanation items": (
        HEAD + "In dit plan zijn voor de komende vier jaar de volgende thema's benoemd.\n\n"
        "- Ondermijning: wij werpen barrières op tegen criminele netwerken in de gemeente.\n"
        "- Zorg en veiligheid: inwoners met verward gedrag krijgen snel de juiste hulp.\n"
        "- Verkeersveiligheid: schoolroutes worden veiliger ingericht en gecontroleerd.\n",
        ["Ondermijning", "Zorg en veiligheid", "Verkeersveiligheid"],
    ),
    "count noun and semicolon": (
        HEAD + "Het plan kent een viertal geprioriteerde thema's; ondermijning, cybercrime, "
        "jeugdoverlast en verkeersveiligheid.\n",
        ["ondermijning", "cybercrime", "jeugdoverlast", "verkeersveiligheid"],
    ),
    "negated lead-in": (
        HEAD + "De volgende onderwerpen zijn geen prioriteit:\n\n- Evenementen\n- Brandweer\n",
        [],
    ),
    "a page that chooses none": (
        "Gemeenteraad bespreekt veiligheid\n\n"
        "De gemeenteraad sprak dinsdagavond over de veiligheid in de wijken. De burgemeester "
        "vertelde dat het aantal meldingen van overlast iets is gedaald. Volgend jaar wordt een "
        "nieuw veiligheidsplan opgesteld; inwoners kunnen daarover in het voorjaar meepraten.\n",
        [],
    ),
    "findings in a safety picture": (
        HEAD + "1 Veiligheidsbeeld\n\nDe cijfers laten een wisselend beeld zien. De thema's die "
        "de aandacht vragen zijn: fietsendiefstal, vernielingen en overlast van jongeren.\n\n"
        "2 Onze prioriteiten\n\nDe prioriteiten voor 2025-2028 zijn:\n\n"
        "- Ondermijning\n- Cybercrime\n",
        ["Ondermijning", "Cybercrime"],
    ),
    "count and participle, the list after a short lead-in": (
        HEAD + "Het college heeft drie speerpunten bepaald. Op volgorde van urgentie: cybercrime, "
        "jeugdoverlast en ondermijning.\n",
        ["cybercrime", "jeugdoverlast", "ondermijning"],
    ),
    "inline numbered list after a colon": (
        HEAD + "In de nota zijn drie prioriteiten vastgesteld: 1. Veilige buurten, 2. Minder "
        "drugsoverlast en 3. Weerbare ondernemers. Daarover rapporteren wij jaarlijks.\n",
        ["Veilige buurten", "Minder drugsoverlast", "Weerbare ondernemers"],
    ),
}


@pytest.mark.parametrize("name", list(CONSTRUCTED))
def test_a_class_of_texts_gives_its_priorities(name):
    text, expected = CONSTRUCTED[name]
    assert priorities(text) == expected


# --- explanations ---------------------------------------------------------------------------


def test_json_gives_each_priority_its_strongest_features():
    data = json.loads(run_cli("extract", str(LEUSDEN_IVP), "-f", "json").stdout)
    first = data["priorities"][0]
    assert first["why"] and all(set(w) == {"feature", "contribution"} for w in first["why"])
    weights = load_extract_rules(RULES).priority_model.weights
    assert all(w["feature"] in weights for w in first["why"])
    assert 0 < first["confidence"] <= 1


def test_explain_shows_the_features_in_the_table_and_markdown():
    table = run_cli("extract", str(LEUSDEN_IVP), "--explain").stdout
    assert "Why these priorities" in table and re.search(r"[a-z_]+ [+-]\d\.\d\d", table)
    markdown = run_cli("extract", str(LEUSDEN_IVP), "--explain", "-f", "markdown").stdout
    assert "## Why these priorities" in markdown
    assert "Why these priorities" not in run_cli("extract", str(LEUSDEN_IVP)).stdout


# --- the model is data --------------------------------------------------------------------


def test_the_linear_model_is_a_logistic_regression():
    m = LinearModel({"a": 2.0, "b": -1.0}, intercept=-0.5, threshold=0.5)
    assert m.probability({"a": 1.0}) == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert m.accepts({"a": 1.0}) and not m.accepts({"b": 1.0})
    assert m.probability({"unknown": 5.0}) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert m.explain({"a": 1.0, "b": 3.0}) == [("b", -3.0), ("a", 2.0)]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("threshold: ", "threshold: 1.5  # "), "threshold: 1.5 is out of range [0, 1]"),
        (("weights:\n", "weights:\n  Bad-Name: 1.0\n"), "weights"),
        (("target: priorities", "target: everything"), "target"),
        (("schema: veiligheid/model/v1", "schema: veiligheid/model/v9"), "unsupported schema"),
    ],
)
def test_a_broken_model_file_is_one_line_naming_file_and_key(tmp_path, edit, message):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = rules / "priority_model.yaml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_extract_rules(rules)
    line = str(err.value)
    assert "priority_model.yaml" in line and message in line and "\n" not in line


def test_the_feature_table_holds_numbers_and_names_only():
    with (ROOT / "training/priority_features.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len({r["document"] for r in rows}) >= 40
    for r in rows:
        assert re.fullmatch(r"[a-z0-9-]+", r["document"]), r["document"]
        assert all(re.fullmatch(r"-?\d+", r[k]) for k in ("candidate", "group", "gold", "n_gold"))
        for pair in r["features"].split():
            assert re.fullmatch(r"[a-z][a-z0-9_]*=-?[0-9.e+-]+", pair), pair


def test_training_on_the_committed_table_reproduces_the_model_file(tmp_path):
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) is not installed")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "training/train.py"), "--dry-run"],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    model = load_extract_rules(RULES).priority_model
    assert f"threshold {model.threshold}" in proc.stdout
    cv = next(line for line in proc.stdout.splitlines() if line.startswith("cross-validated ("))
    for name, value in model.cross_validation.items():
        assert f"'{name}': {value}" in cv, (name, cv)
