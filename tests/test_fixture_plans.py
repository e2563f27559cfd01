"""Plans and strategies written for this project (tests/fixtures/plans/), scored like the corpus
gold: other municipalities and regions, other wordings and layouts. The figures are printed
(`pytest tests/test_fixture_plans.py -s`); the floors are what the tool must keep reaching.
"""

from __future__ import annotations

import json

import pytest

from veiligheid_cli.evaluate import LISTS, Score, load_gold, score_extraction, score_verdicts
from veiligheid_cli.pipeline import Settings, align_extractions, extract_file

from conftest import FIXTURES, ROOT

PLANS = FIXTURES / "plans"
GOLD = sorted((PLANS / "gold").glob("*.json"))
FLOORS = {"priorities": (0.95, 0.95), "goals": (0.85, 0.85), "regional_references": (1.0, 1.0)}
VERDICT_FLOOR = 0.92


@pytest.fixture(scope="module")
def extractions():
    return {p.stem: extract_file(PLANS / load_gold(p)["document"], Settings()) for p in GOLD}


def test_at_least_twelve_fixture_documents_with_gold():
    documents = {p.stem for p in PLANS.iterdir() if p.suffix in (".txt", ".md")}
    assert len(GOLD) >= 12
    assert documents == {p.stem for p in GOLD}


@pytest.mark.parametrize("name", LISTS)
def test_extraction_on_fixture_plans(extractions, name):
    total = Score()
    for path in GOLD:
        total.add(score_extraction(extractions[path.stem], load_gold(path))[name])
    precision, recall = FLOORS[name]
    print(
        f"\nfixture plans, {name}: P={total.precision:.2f} R={total.recall:.2f} "
        f"themes={total.theme_accuracy:.2f} (tp={total.true_positives} "
        f"fp={total.false_positives} fn={total.false_negatives})"
        f"\n  missed: {total.misses}\n  extra: {total.extras}"
    )
    assert total.precision >= precision, total.extras
    assert total.recall >= recall, total.misses


def test_metadata_of_fixture_plans(extractions):
    wrong = []
    for path in GOLD:
        gold, meta = load_gold(path), extractions[path.stem].document.metadata
        period = {"start": meta.period.start, "end": meta.period.end} if meta.period else None
        got = {"kind": meta.kind.value, "organization": meta.organization, "period": period}
        want = {k: gold[k] for k in got}
        if got != want:
            wrong.append(f"{path.stem}: {got} != {want}")
    print(f"\nfixture plans, metadata right in {len(GOLD) - len(wrong)} of {len(GOLD)}")
    assert not wrong, wrong


def test_verdicts_on_fixture_plans():
    pairs = json.loads((PLANS / "verdicts.json").read_text(encoding="utf-8"))["pairs"]
    settings = Settings()

    def align_pair(local, regional):
        return align_extractions(
            extract_file(local, settings), extract_file(regional, settings), settings
        )

    score = score_verdicts(pairs, ROOT, align_pair)
    print(
        f"\nfixture plans, verdicts: {score.right} of {score.total} right "
        f"({score.accuracy:.2f})\n  " + "\n  ".join(score.disagreements)
    )
    assert score.accuracy >= VERDICT_FLOOR, score.disagreements
