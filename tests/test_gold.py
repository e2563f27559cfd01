"""Extraction scored against the hand-written gold annotations in corpus/gold/.

The floors below are what the extractor must keep reaching; the measured figures are printed
(run `pytest tests/test_gold.py -s`) and stated in the README.
"""

from __future__ import annotations

import pytest

from veiligheid_cli.evaluate import LISTS, Score, load_gold, score_extraction
from veiligheid_cli.ingest import ingest
from veiligheid_cli.pipeline import Settings, extract_file

from conftest import CORPUS

GOLD = sorted((CORPUS / "gold").glob("*.json"))
FLOORS = {  # list: (precision, recall, theme accuracy)
    "priorities": (0.9, 0.9, 0.9),
    "goals": (0.85, 0.85, 0.7),
    "regional_references": (0.9, 0.9, 0.75),
}


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, Score]]:
    out = {}
    for path in GOLD:
        gold = load_gold(path)
        out[path.stem] = score_extraction(extract_file(CORPUS / gold["document"], Settings()), gold)
    return out


def test_there_is_a_gold_file_per_corpus_document():
    documents = {p.stem for p in CORPUS.glob("*.txt")}
    assert documents == {p.stem for p in GOLD}


@pytest.mark.parametrize("name", LISTS)
def test_extraction_against_gold(scores, name):
    total = Score()
    for per_doc in scores.values():
        total.add(per_doc[name])
    precision, recall, themes = FLOORS[name]
    print(
        f"\n{name}: P={total.precision:.2f} R={total.recall:.2f} themes={total.theme_accuracy:.2f} "
        f"(tp={total.true_positives} fp={total.false_positives} fn={total.false_negatives})"
        f"\n  missed: {total.misses}\n  extra: {total.extras}"
    )
    assert total.precision >= precision, total.extras
    assert total.recall >= recall, total.misses
    assert total.theme_accuracy >= themes


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_metadata_against_gold(path):
    gold = load_gold(path)
    meta = ingest(str(CORPUS / gold["document"])).metadata
    assert meta.kind.value == gold["kind"]
    assert meta.organization == gold["organization"]
    assert meta.period is not None
    assert {"start": meta.period.start, "end": meta.period.end} == gold["period"]


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_headings_against_gold(path):
    gold = load_gold(path)
    if not gold["headings"]:
        pytest.skip("no headings annotated")
    found = {(h.number, h.level, h.line) for h in ingest(str(CORPUS / gold["document"])).headings()}
    for h in gold["headings"]:
        assert (h["number"], h["level"], h["line"]) in found, h
