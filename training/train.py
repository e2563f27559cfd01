"""Train the priority and goal models from the committed feature tables: `make train`.

Logistic regression (scikit-learn, the `train` extra) over the named features of
training/priority_features.tsv (`--task priorities`) or training/goal_features.tsv (`--task
goals`: every proposed goal on its own, a second goal on one gold goal counted false, as the
bench counts; look-alikes the gold names are reported). The estimate is document-grouped
k-fold cross-validation (no document in two folds): each fold's model scores the held-out
documents' members, which are then selected as the tool selects them (the most probable
member of an overlap group, when it reaches the threshold) and scored as the dev-set bench
scores texts: precision, recall and F1, texts fully right, texts without items left clean.
The threshold is, of those whose cross-validated F1 over all texts (dev and own) is within
NOISE of the best, the one nearest 0.5: the F1 curve is flat, and a peak one item higher is
noise, not a better model. The model fitted on all rows is written to rules/<task>_model.yaml
with the figures. The CLI never imports this module.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# per task: the feature table, the model file, and the module whose features it weighs
TASKS = {
    "priorities": ("training/priority_features.tsv", "rules/priority_model.yaml",
                   "extract/features.py"),
    "goals": ("training/goal_features.tsv", "rules/goal_model.yaml", "extract/goal_features.py"),
}  # fmt: skip
TASK = {"name": "priorities"}  # the task of this run (main sets it)
FOLDS = 5
THRESHOLDS = [round(0.2 + 0.025 * k, 3) for k in range(25)]  # 0.2 .. 0.8
NOISE = 0.005  # about one priority in the ~300 of the dev and own texts


def choose_threshold(rows: list[dict], oof: list[float]) -> float:
    f1 = {t: figures(rows, oof, t, None)["f1"] for t in THRESHOLDS}
    best = max(f1.values())
    return min((t for t in THRESHOLDS if f1[t] >= best - NOISE), key=lambda t: abs(t - 0.5))


def read_table(path: Path) -> tuple[list[dict], dict[tuple[str, str], int]]:
    """The candidate rows, and every document with its set and number of gold priorities
    (the row with candidate -1 stands for the document, also one without candidates)."""
    rows, documents = [], {}
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            feats = dict(p.split("=") for p in r["features"].split()) if r["features"] else {}
            r["x"] = {k: float(v) for k, v in feats.items()}
            r["gold"], r["n_gold"] = int(r["gold"]), int(r["n_gold"])
            if r["candidate"] == "-1":
                documents[(r["set"], r["document"])] = r["n_gold"]
            elif r["reference"] == "0":  # a local plan quoting the region's: references
                rows.append(r)
    return rows, documents


def select(rows: list[dict], probs: list[float], threshold: float) -> dict[str, list[dict]]:
    """Per document, the rows the tool would take: one per overlap group, in the order of
    selection.py (rank)."""
    from veiligheid_cli.extract.selection import rank

    if TASK["name"] == "goals":  # goals are not ranked against each other: each on its own

        def rank(features: dict, probability: float) -> tuple[bool, float]:
            return (False, -probability)

    by_doc: dict[str, list[tuple[float, dict]]] = defaultdict(list)
    for r, p in zip(rows, probs, strict=True):
        by_doc[r["document"]].append((p, r))
    taken: dict[str, list[dict]] = {}
    for doc, scored in by_doc.items():
        groups, out = set(), []
        for p, r in sorted(scored, key=lambda pr: rank(pr[1]["x"], pr[0])):
            if p >= threshold and r["group"] not in groups:
                groups.add(r["group"])
                out.append(r)
        taken[doc] = out
    return taken


DOCUMENTS: dict[tuple[str, str], int] = {}  # (set, document) -> gold priorities, read_table


def figures(rows: list[dict], probs: list[float], threshold: float, subset: str | None) -> dict:
    """Precision, recall, F1, texts fully right and no-priority texts clean, as the bench, on
    the texts of `subset` ("dev", "own"; None: all)."""
    docs = {d: n for (s, d), n in DOCUMENTS.items() if subset in (None, s)}
    taken = select(rows, probs, threshold)
    tp = fp = fn = full = clean = empty = lookalikes = 0
    for doc, n_gold in docs.items():
        picked = taken.get(doc, [])
        hits = {r["gold"] for r in picked if r["gold"] >= 0}
        false = sum(1 for r in picked if r["gold"] in (-1, -4))
        if TASK["name"] == "goals":  # as the bench: a second goal on one gold goal is false
            false += sum(1 for r in picked if r["gold"] >= 0) - len(hits)
            lookalikes += sum(1 for r in picked if r["gold"] == -4)
        tp, fp, fn = tp + len(hits), fp + false, fn + n_gold - len(hits)
        full += false == 0 and len(hits) == n_gold
        if n_gold == 0:
            empty += 1
            clean += not picked
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "texts": len(docs),
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f1, 3),
        "fully_right": round(full / max(1, len(docs)), 3),
        "clean": round(clean / empty, 3) if empty else 1.0,
        "no_priority_texts": empty,
    } | ({"lookalikes_taken": lookalikes} if TASK["name"] == "goals" else {})


def fit(rows: list[dict], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    train = [r for r in rows if r["gold"] != -2]  # an optional theme is neither hit nor miss
    vec = DictVectorizer()
    x = vec.fit_transform([r["x"] for r in train])
    y = [int(r["gold"] >= 0) for r in train]
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x, y)
    return vec, model


def probabilities(vec, model, rows: list[dict]) -> list[float]:
    return list(model.predict_proba(vec.transform([r["x"] for r in rows]))[:, 1])


def cross_validated(rows: list[dict], c: float, folds: int = FOLDS) -> list[float]:
    """Out-of-fold probabilities, documents grouped (no document in two folds)."""
    from sklearn.model_selection import GroupKFold

    probs = [0.0] * len(rows)
    groups = [r["document"] for r in rows]
    for train_ix, test_ix in GroupKFold(n_splits=folds).split(rows, groups=groups):
        vec, model = fit([rows[k] for k in train_ix], c)
        for k, p in zip(test_ix, probabilities(vec, model, [rows[k] for k in test_ix]),
                        strict=True):  # fmt: skip
            probs[k] = p
    return probs


def write_model(vec, model, threshold, c, rows, cv) -> None:
    names = vec.get_feature_names_out()
    weights = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)}
    table, model_file, module = TASKS[TASK["name"]]
    lines = [
        f"# yaml-language-server: $schema=schema/{Path(model_file).stem}.schema.json",
        f"# Written by `make train` (training/train.py) from {table}:",
        f"# logistic regression over the candidate features of {module}. Edit by",
        "# retraining; a weight edited by hand is read as it stands.",
        "schema: veiligheid/model/v1",
        f"target: {TASK['name']}",
        f"intercept: {round(float(model.intercept_[0]), 4)}",
        f"threshold: {threshold}",
        "weights:",
        *(f"  {n}: {w}" for n, w in sorted(weights.items(), key=lambda nw: -abs(nw[1])) if w),
        "training:",
        f"  table: {table}",
        f"  documents: {len(DOCUMENTS)}",
        f"  rows: {len(rows)}",
        f"  positives: {sum(1 for r in rows if r['gold'] >= 0)}",
        f"  regularisation: {c}",
        "# document-grouped cross-validation on the real dev texts: the estimate",
        "cross_validation:",
        f"  folds: {FOLDS}",
        *(f"  {k}: {cv[k]}" for k in ("precision", "recall", "f1", "fully_right", "clean")),
    ]
    path = ROOT / model_file
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", choices=list(TASKS), default="priorities")
    parser.add_argument("--table", type=Path, help="the feature table (default: the task's)")
    parser.add_argument("-C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--dry-run", action="store_true", help="print figures, write nothing")
    args = parser.parse_args()
    TASK["name"] = args.task
    table, model_file, _module = TASKS[args.task]
    rows, documents = read_table(args.table or ROOT / table)
    DOCUMENTS.update(documents)
    oof = cross_validated(rows, args.C)
    best = choose_threshold(rows, oof)
    cv = figures(rows, oof, best, "dev")
    vec, model = fit(rows, args.C)
    full = probabilities(vec, model, rows)
    print(f"{args.task}: rows {len(rows)}, documents {len(DOCUMENTS)}, C {args.C}")
    print(f"threshold {best} (nearest 0.5 within {NOISE} of the best cross-validated F1)")
    print(f"cross-validated ({FOLDS} folds, by document), dev texts: {cv}")
    print(f"cross-validated, own texts: {figures(rows, oof, best, 'own')}")
    print(f"fitted on all (the dev-set figure), dev texts: {figures(rows, full, best, 'dev')}")
    print(f"fitted on all, own texts: {figures(rows, full, best, 'own')}")
    if not args.dry_run:
        write_model(vec, model, best, args.C, rows, cv)
        print(f"written: {model_file}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
