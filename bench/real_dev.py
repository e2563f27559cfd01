"""Score extraction on the real development set (`make bench-real DIR=/tmp/real-dev`).

The texts are third-party pages fetched by hand (see ../shared/real-dev/README.md); they are
never stored in this repository, so this script reads them from a folder you name. It scores
priorities, document kind and period the way the held-out set is scored:

- a predicted priority matches a gold one when, over lower-cased content words (stop words
  dropped, '&' read as 'en'), difflib's ratio of the joined words is >= 0.75, or >= 80% of the
  shorter side's words are shared and neither side is over 3x the other's length;
- a prediction that matches neither a priority nor an optional theme is a false positive;
- a text is fully right when every gold priority is found and nothing false is predicted.

With `--goals` it scores goals on the goals dev set (`goals-gold.json`): an extracted goal (its
text, indicator and target joined, lower case) matches a gold key when it holds >= 75% of the
key's tokens; each goal matches at most one key; look-alikes (`not_goals`) taken are counted.

Nothing is asserted: the figures are printed (and, with `--json`, written) for the README.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "real-dev"
STOP = set(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "in",
        "op",
        "met",
        "voor",
        "aan",
        "te",
        "bij",
        "of",
        "als",
        "door",
        "over",
        "om",
        "naar",
    ]
)
KINDS = {"local": {"ivp"}, "regional": {"regional"}, "other": {"other", "proposal"}}


def words(text: str) -> list[str]:
    text = text.lower().replace("&", " en ")
    return [w for w in re.findall(r"\w+", text) if w not in STOP]


def matches(pred: str, gold: str) -> bool:
    a, b = words(pred), words(gold)
    if not a or not b:
        return False
    if SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= 0.75:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(long_) > 3 * len(short):
        return False
    shared = sum(1 for w in set(short) if w in set(long_))
    return shared >= 0.8 * len(set(short))


def score_priorities(predicted: list[str], gold: list[str], optional: list[str]) -> dict:
    found, false, used = 0, [], set()
    for p in predicted:
        hit = next((k for k, g in enumerate(gold) if k not in used and matches(p, g)), None)
        if hit is not None:
            used.add(hit)
            found += 1
        elif not any(matches(p, o) for o in optional) and not any(matches(p, g) for g in gold):
            false.append(p)
    missed = [g for k, g in enumerate(gold) if k not in used]
    return {"tp": found, "fp": len(false), "fn": len(missed), "false": false, "missed": missed}


def documents(folder: Path, gold_file: str, absent: list[str]):
    """(name, gold entry, extraction) for every gold text found in `folder`; the names of the
    texts not there are added to `absent`."""
    from veiligheid_cli.pipeline import Settings, extract_file

    settings = Settings()
    gold = json.loads((SHARED / gold_file).read_text(encoding="utf-8"))["docs"]
    for name, g in gold.items():
        path = folder / f"{name}.txt"
        if path.exists():
            yield name, g, extract_file(path, settings)
        else:
            absent.append(name)


def run_priorities(folder: Path, verbose: bool) -> dict:
    tp = fp = fn = full = kind_right = period_right = org_right = n = 0
    absent, themed, named = [], 0, 0
    for name, g, ex in documents(folder, "gold.json", absent):
        n += 1
        preds = [p.text for p in ex.priorities]
        s = score_priorities(preds, g["priorities"], g.get("optional", []))
        tp, fp, fn = tp + s["tp"], fp + s["fp"], fn + s["fn"]
        ok = s["fp"] == 0 and s["fn"] == 0
        full += ok
        meta = ex.document.metadata
        kind_ok = meta.kind.value in KINDS[g["kind"]]
        kind_right += kind_ok
        period = [meta.period.start, meta.period.end] if meta.period else None
        period_right += period == g["period"]
        org = meta.organization.lower()
        org_ok = bool(org) and (
            org in g["organization"].lower() or g["organization"].lower() in org
        )
        org_right += org_ok
        themed += sum(1 for p in ex.priorities if p.themes)
        named += len(ex.priorities)
        if verbose and not (ok and kind_ok and org_ok):
            print(f"\n## {name}  kind {meta.kind.value} (gold {g['kind']})  period {period}")
            if not org_ok:
                print(f"   organization: {meta.organization!r} (gold {g['organization']!r})")
            for m in s["missed"]:
                print(f"   missed: {m}")
            for f in s["false"]:
                print(f"   false:  {f}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "texts": n,
        "absent": absent,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "fully_right": full,
        "kind_right": kind_right,
        "period_right": period_right,
        "organization_right": org_right,
        "priorities_with_a_theme": f"{themed}/{named}",
    }


def goal_tokens(key: list[str]) -> list[str]:
    return [t.lower() for t in key]


def run_goals(folder: Path, verbose: bool) -> dict:
    tp = fp = fn = lookalikes = n = 0
    absent: list[str] = []
    for name, g, ex in documents(folder, "goals-gold.json", absent):
        n += 1
        keys = [goal_tokens(k) for k in g["goals"]]
        not_keys = [goal_tokens(k) for k in g.get("not_goals", [])]
        used: set[int] = set()
        for goal in ex.goals:
            text = " ".join(filter(None, [goal.text, goal.indicator, goal.target])).lower()
            hit = next(
                (k for k, key in enumerate(keys) if k not in used and _holds(text, key)), None
            )
            if hit is not None:
                used.add(hit)
                tp += 1
                continue
            fp += 1
            lookalikes += any(_holds(text, key) for key in not_keys)
            if verbose:
                print(f"   {name} false: {goal.text[:100]}")
        fn += len(keys) - len(used)
        if verbose:
            for k, key in enumerate(keys):
                if k not in used:
                    print(f"   {name} missed: {key}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "texts": n,
        "absent": absent,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "found": f"{tp}/{tp + fn}",
        "lookalikes_taken": lookalikes,
    }


def run_pairs(folder: Path, verbose: bool) -> dict:
    """The `align` verdicts and `compare` rows of gold.json: a key is a word of a priority's
    name; a row is right when the priority holding the key has one of the expected statuses
    (a key no priority holds is wrong)."""
    from veiligheid_cli.compare import compare
    from veiligheid_cli.pipeline import Settings, align_extractions, extract_file
    from veiligheid_cli.rules import load_taxonomy

    settings = Settings()
    gold = json.loads((SHARED / "gold.json").read_text(encoding="utf-8"))
    cache: dict[str, object] = {}

    def ex(name: str):
        if name not in cache:
            path = folder / f"{name}.txt"
            cache[name] = extract_file(path, settings) if path.exists() else None
        return cache[name]

    result: dict = {}
    for task, a, b in (("align", "local", "regional"), ("compare", "old", "new")):
        right = total = 0
        skipped = []
        for pair in gold[task]:
            left, other = ex(pair[a]), ex(pair[b])
            if left is None or other is None:
                skipped.append(f"{pair[a]} x {pair[b]}")
                continue
            if task == "align":
                rows = [
                    (p.regional.text.lower(), p.status.value)
                    for p in align_extractions(left, other, settings).priorities
                ]
            else:
                rows = [
                    (" ".join(i.text.lower() for i in (c.old, c.new) if i), c.status)
                    for c in compare(left, other, load_taxonomy(None)).priorities
                ]
            for key, allowed in pair["expect"].items():
                got = next((status for text, status in rows if key.lower() in text), "not found")
                total += 1
                right += got in allowed
                if verbose and got not in allowed:
                    print(f"{task} {pair[a]} x {pair[b]}: {key!r} {got}, expected {allowed}")
        result[task] = {
            "right": f"{right}/{total}",
            "share": round(right / total, 3) if total else None,
        }
        if skipped:
            result[task]["absent"] = skipped
    return result


def _holds(text: str, key: list[str]) -> bool:
    have = sum(1 for t in key if t in text)
    return bool(key) and have >= 0.75 * len(key)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder with NAME.txt per dev-set row")
    parser.add_argument("--goals", action="store_true", help="score goals (goals-gold.json)")
    parser.add_argument(
        "--pairs", action="store_true", help="score align verdicts and compare rows"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print misses per text")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"{args.folder}: not a folder", file=sys.stderr)
        return 2
    if args.goals:
        result = run_goals(args.folder, args.verbose)
    elif args.pairs:
        result = run_pairs(args.folder, args.verbose)
    else:
        result = run_priorities(args.folder, args.verbose)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
