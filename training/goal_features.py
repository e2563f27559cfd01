"""Build the goal feature table from texts with gold: `make features DIR=/tmp/real-dev` (with the
priority table). Every goal a generator proposes in a document is one row: the document's name,
the candidate id, the overlap group (goals at one place in the text, or of the same words), the
gold goal it matches (-1 none, -2 an optional goal, -4 a look-alike the gold names, -3 on the row
that stands for the document), the number of gold goals, and its features as `name=value` pairs.
Numbers and names only: no sentence of any text. Documents: the real goals dev set (texts
fetched into DIR, gold in ../shared/real-dev/goals-gold.json, matched as bench/real_dev.py
matches), the corpus and our own fixture plans (their gold goals, matched as evaluate.py
matches), and constructed target sentences and look-alikes (tests/test_goal_grammar.py).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from features import COLUMNS, context_before  # noqa: E402  (the priority table's columns)

from real_dev import SHARED, _holds, goal_tokens  # noqa: E402


def dev_documents(folder: Path):
    gold = json.loads((SHARED / "goals-gold.json").read_text(encoding="utf-8"))["docs"]
    for name, g in sorted(gold.items()):
        path = folder / f"{name}.txt"
        if not path.exists():
            print(f"absent: {name}", file=sys.stderr)
            continue
        keys = [goal_tokens(k) for k in g["goals"]]
        not_keys = [goal_tokens(k) for k in g.get("not_goals", [])]
        used: set[int] = set()

        def label(goal, keys=keys, not_keys=not_keys, used=used) -> int:
            """The gold goal whose key the goal holds best (the bench's rule: >= 75% of its
            tokens), an unused one before a used one: a token such as "1" is in many rows."""
            text = " ".join(filter(None, [goal.text, goal.indicator, goal.target])).lower()
            held = [(_share(text, key), k not in used, -k) for k, key in enumerate(keys)]
            best = max(held, default=(0.0, False, 0))
            if best[0] >= 0.75:
                used.add(-best[2])
                return -best[2]
            return -4 if any(_holds(text, key) for key in not_keys) else -1

        yield "dev", name, path, len(keys), label


def _share(text: str, key: list[str]) -> float:
    return sum(1 for t in key if t in text) / len(key) if key else 0.0


def own_documents():
    from veiligheid_cli.evaluate import _similar

    plans = ROOT / "tests/fixtures/plans"
    for gold_dir, text_dir in ((ROOT / "corpus/gold", ROOT / "corpus"), (plans / "gold", plans)):
        for gold_file in sorted(gold_dir.glob("*.json")):
            g = json.loads(gold_file.read_text(encoding="utf-8"))
            goals = g.get("goals", [])

            def label(goal, goals=goals) -> int:
                k = next((k for k, x in enumerate(goals) if _similar(goal, x)), None)
                if k is None:
                    return -1
                return -2 if goals[k].get("optional") else k

            required = sum(1 for x in goals if not x.get("optional"))
            yield "own", Path(g["document"]).stem, text_dir / g["document"], required, label


def constructed_documents(folder: Path):
    """Each target sentence and each look-alike of tests/test_goal_grammar.py under a goals
    heading of a short programme page, in our own words."""
    import test_goal_grammar as cases

    folder.mkdir(parents=True, exist_ok=True)
    yield from _class_documents(folder)
    head = "Programma veiligheid 2026-2029\n\nWat willen we bereiken?\n\n"
    texts = {f"target-{k}": (v[0], True) for k, v in cases.TARGETS.items()}
    texts |= {f"lookalike-{k}": (v, False) for k, v in cases.LOOK_ALIKES.items()}
    for name, (sentence, is_goal) in sorted(texts.items()):
        slug = "-".join(re.findall(r"[a-z0-9]+", name.lower()))
        path = folder / f"{slug}.txt"
        path.write_text(head + sentence + "\n", encoding="utf-8")
        key = sentence.lower().rstrip(".")[:40]

        def label(goal, key=key, is_goal=is_goal) -> int:
            return 0 if is_goal and key in goal.text.lower() else -1

        yield "own", slug, path, int(is_goal), label


def _class_documents(folder: Path):
    """The classes of tests/test_goal_model.py: a text and a piece of each expected goal."""
    import test_goal_model as classes

    for name, (text, expected) in sorted(classes.CONSTRUCTED_GOALS.items()):
        slug = "class-" + "-".join(re.findall(r"[a-z0-9]+", name.lower()))
        path = folder / f"{slug}.txt"
        path.write_text(text, encoding="utf-8")

        def label(goal, expected=expected) -> int:
            text = " ".join(filter(None, (goal.text, goal.indicator, goal.target))).lower()
            return next((k for k, piece in enumerate(expected) if piece.lower() in text), -1)

        yield "own", slug, path, len(expected), label


def candidate_rows(path: Path):
    """(goal, block, features) of every goal proposed in the document at `path`."""
    from veiligheid_cli.extract.goal_features import block_index, block_of
    from veiligheid_cli.extract.goal_selection import score_goals

    ctx = context_before(path, "select_goals")
    index = block_index(ctx)
    return [(g, block_of(ctx, index, g), f) for g, f, _p in score_goals(ctx)]


def overlap_groups(found) -> list[int]:
    """Goals that say the same words share a group (one of them is taken, as at run time)."""
    from veiligheid_cli.extract.goal_selection import same_words

    seen: dict[str, int] = {}
    return [seen.setdefault(same_words(goal), k) for k, (goal, _b, _f) in enumerate(found)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder with NAME.txt per dev-set row")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "training/goal_features.tsv")
    args = parser.parse_args()
    rows = ["\t".join(COLUMNS)]
    constructed = constructed_documents(Path(tempfile.mkdtemp(prefix="veiligheid-goals-")))
    for subset, name, path, n_gold, label in [
        *dev_documents(args.folder),
        *own_documents(),
        *constructed,
    ]:
        rows.append(f"{subset}\t{name}\t-1\t-1\t-1\t0\t-3\t{n_gold}\t")
        found = candidate_rows(path)
        for k, ((goal, _b, feats), group) in enumerate(zip(found, overlap_groups(found),
                                                           strict=True)):  # fmt: skip
            pairs = " ".join(f"{f}={v:.4g}" for f, v in sorted(feats.items()))
            rows.append(f"{subset}\t{name}\t{k}\t{k}\t{group}\t0\t{label(goal)}\t{n_gold}\t{pairs}")
        print(f"{name}: {len(found)} goals", file=sys.stderr)
    tmp = args.output.with_suffix(".tmp")
    tmp.write_text("\n".join(rows) + "\n", encoding="utf-8")
    tmp.replace(args.output)
    print(f"{args.output}: {len(rows) - 1} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
