"""Build the priority feature table from texts with gold: `make features DIR=/tmp/real-dev`. Every
candidate member the generators propose in a document is one row: the document's name, the
candidate and member ids, the overlap group (members that are one place in the text, or the
same words), whether the reading is about another body's priorities (a local plan quoting the
region's: references, neither trained on nor scored as priorities), the gold priority it
matches (-1 none, -2 an optional theme, -3 on the row that stands for the document), the number
of gold priorities of the document, and its features as `name=value` pairs. Numbers and names
only: the table holds no sentence of any text, so it can be committed and `make train` runs on
a fresh clone. Documents: the real dev set (texts fetched into DIR, gold in
../shared/real-dev/gold.json), the corpus (corpus/gold) and our own fixture plans
(tests/fixtures/plans/gold) and constructed statements (tests/test_priority_grammar.py,
tests/test_priority_model.py), each marked by its set (dev or own).
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

from real_dev import SHARED, matches  # noqa: E402

COLUMNS = ("set", "document", "candidate", "member", "group", "reference", "gold", "n_gold",
           "features")  # fmt: skip


def dev_documents(folder: Path):
    gold = json.loads((SHARED / "gold.json").read_text(encoding="utf-8"))["docs"]
    for name, g in sorted(gold.items()):
        path = folder / f"{name}.txt"
        if path.exists():
            yield "dev", name, path, [[p] for p in g["priorities"]], g.get("optional", [])
        else:
            print(f"absent: {name}", file=sys.stderr)


def own_documents():
    plans = ROOT / "tests/fixtures/plans"
    for gold_dir, text_dir in ((ROOT / "corpus/gold", ROOT / "corpus"), (plans / "gold", plans)):
        for gold_file in sorted(gold_dir.glob("*.json")):
            g = json.loads(gold_file.read_text(encoding="utf-8"))
            path = text_dir / g["document"]
            names = [
                [p["text"], *p.get("aliases", [])] for p in g["priorities"] if not p["optional"]
            ]
            optional = [a for p in g["priorities"] if p["optional"]
                        for a in (p["text"], *p.get("aliases", []))]  # fmt: skip
            yield "own", path.stem, path, names, optional


def constructed_documents(folder: Path):
    """The constructed texts of tests/test_priority_grammar.py and test_priority_model.py (one
    per way of stating priorities, and lists and pages that are none), in our own words, as
    own training documents."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_priority_grammar as grammar_cases

    folder.mkdir(parents=True, exist_ok=True)
    texts = {f"case-{k}": v for k, v in grammar_cases.CASES.items()}
    tail = "\n\nDe aanpak van ondermijning is een speerpunt.\n"
    for name, text in grammar_cases.NOT_PRIORITIES.items():
        texts[f"not-{name}"] = (grammar_cases.LOCAL + text + tail, ["de aanpak van ondermijning"])
    import test_priority_model as model_cases

    texts |= {f"class-{k}": v for k, v in model_cases.CONSTRUCTED.items()}
    for name, (text, expected) in sorted(texts.items()):
        slug = "-".join(re.findall(r"[a-z0-9]+", name.lower()))
        path = folder / f"{slug}.txt"
        path.write_text(text, encoding="utf-8")
        yield "own", slug, path, [[e] for e in expected], []


def context_before(path: Path, selection: str):
    """The extraction context of the document at `path` with every pass run up to the pass
    `selection` (the candidates as that selection sees them)."""
    from veiligheid_cli.extract import PASSES, ExtractionContext, check_passes
    from veiligheid_cli.nlp import analyse_blocks
    from veiligheid_cli.pipeline import Settings, ingest_file
    from veiligheid_cli.rules import load_extract_rules, load_taxonomy
    from veiligheid_cli.themes import themed_pipeline

    settings = Settings()
    rules_dir = settings.resolved_rules()
    doc = ingest_file(path, settings)
    analysed = analyse_blocks(themed_pipeline(None, rules_dir), doc.blocks)
    ctx = ExtractionContext(doc, analysed, load_extract_rules(rules_dir), load_taxonomy(rules_dir))
    for name in check_passes(ctx.rules):
        if name == selection:
            break
        PASSES[name](ctx)
    return ctx


def candidate_rows(path: Path):
    """(candidate id, member, text) of every candidate member of the document at `path`."""
    from veiligheid_cli.extract.selection import score_candidates

    ctx = context_before(path, "select_priorities")
    ids = {id(c): k for k, c in enumerate(ctx.candidates)}
    return [(ids[id(c)], c.regional, m) for c, m in score_candidates(ctx)]


def overlap_groups(members) -> list[int]:
    """Members that stand at one place, or say the same words, share a group."""
    from rapidfuzz import fuzz

    parent = list(range(len(members)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, ma in enumerate(members):
        for b in range(a):
            mb = members[b]
            same_place = ma.block == mb.block and (
                ma.span is None or mb.span is None
                or (ma.span[0] < mb.span[1] and mb.span[0] < ma.span[1])
            )  # fmt: skip
            if same_place or fuzz.ratio(ma.item.text.lower(), mb.item.text.lower()) >= 90:
                parent[root(a)] = root(b)
    return [root(k) for k in range(len(members))]


def gold_of(text: str, names: list[list[str]], optional: list[str]) -> int:
    for k, forms in enumerate(names):
        if any(matches(text, f) for f in forms):
            return k
    return -2 if any(matches(text, o) for o in optional) else -1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder with NAME.txt per dev-set row")
    parser.add_argument(
        "-o", "--output", type=Path, default=ROOT / "training/priority_features.tsv"
    )
    args = parser.parse_args()
    rows = ["\t".join(COLUMNS)]
    constructed = constructed_documents(Path(tempfile.mkdtemp(prefix="veiligheid-cases-")))
    documents = [*dev_documents(args.folder), *own_documents(), *constructed]
    for subset, name, path, names, optional in documents:
        # the document itself (candidate -1): a text without candidates still counts
        rows.append(f"{subset}\t{name}\t-1\t-1\t-1\t0\t-3\t{len(names)}\t")
        found = candidate_rows(path)
        groups = overlap_groups([m for _, _, m in found])
        for k, ((cand, regional, m), group) in enumerate(zip(found, groups, strict=True)):
            feats = " ".join(f"{f}={v:.4g}" for f, v in sorted(m.features.items()))
            label = gold_of(m.item.text, names, optional)
            rows.append(
                f"{subset}\t{name}\t{cand}\t{k}\t{group}\t{int(regional)}\t{label}\t"
                f"{len(names)}\t{feats}"
            )
        print(f"{name}: {len(found)} members", file=sys.stderr)
    tmp = args.output.with_suffix(".tmp")
    tmp.write_text("\n".join(rows) + "\n", encoding="utf-8")
    tmp.replace(args.output)
    print(f"{args.output}: {len(rows) - 1} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
