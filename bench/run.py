"""Benchmarks for veiligheid-cli (`make bench`): speed, memory and quality on this machine.

Prints a table and writes bench/results.json. Nothing here asserts: the figures are reported,
and the README quotes the latest run. Targets (from the project's issue) are printed beside
each figure. `python bench/run.py --only batch quality` runs some of the measurements (the
results file is then not written).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
BIN = Path(sys.executable).parent / "veiligheid"
LEUSDEN = CORPUS / "leusden-ivp-2016-2019.txt"
LEUSDEN_LETTER = CORPUS / "leusden-raadsbrief-consultatie-rvs-2019-2022.txt"
HILVERSUM = CORPUS / "hilversum-voorstel-rvs-midden-nederland-2019-2022.txt"
TWENTE = CORPUS / "twente-voorstel-veiligheidsstrategie-oost-nederland-2019-2022.txt"
EXPECTED = ROOT / "tests" / "fixtures" / "expected_alignment.json"
sys.path.insert(0, str(ROOT / "tests"))  # pdf_fixtures


def run(args: list[str], env: dict | None = None) -> float:
    """Wall time of one command (output discarded)."""
    start = time.perf_counter()
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def median_time(args: list[str], repeat: int, env: dict | None = None) -> float:
    return statistics.median(run(args, env) for _ in range(repeat))


def private_cache_env(tmp: Path) -> dict:
    """The environment for a run that must not see (or fill) the user's cache."""
    return dict(os.environ, VEILIGHEID_CACHE_DIR=str(tmp / "cache"))


# --- start-up ------------------------------------------------------------------------------


def bench_startup(repeat: int = 9) -> dict:
    """Start-up side by side in one run, interleaved so that drift hits all alike (medians of
    `repeat`): `python -c "import spacy"`, `veiligheid --help`, and `align`, `extract`, `check`
    on the Leusden IVP (against the Hilversum proposal) in a new process each:
    - cold: no extraction cache (`--no-cache`; `extract` and `check` read the plan afresh
      anyway); the lemma table is in the user cache, as after any first run on the machine;
    - warm: the regional strategy (and for align the plan) come from the extraction cache;
    - `align_cold_no_read_ahead`: cold, with the files read in the one process (no child
      reading them while spaCy loads; `read_ahead.py`).
    The very first run on a machine also builds the lemma table: `first_align_s`."""
    # Byte-compiled, as a wheel install is (an editable install under PYTHONDONTWRITEBYTECODE,
    # as on CI machines, would otherwise compile every module of ours at every start).
    compileall.compile_dir(ROOT / "src", quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="vbench-startup-"))
    env = private_cache_env(tmp)
    plan, regional = str(LEUSDEN), str(HILVERSUM)
    commands = {
        "import_spacy": [sys.executable, "-c", "import spacy"],
        "help": [str(BIN), "--help"],
        # the command of the issue: the default table, written to a pipe
        "align_cold": [str(BIN), "align", plan, regional, "--no-cache"],
        "align_cold_json": [str(BIN), "align", plan, regional, "-f", "json", "--no-cache"],
        # the same, every file read in the one process (VEILIGHEID_READ_AHEAD=0)
        "align_cold_no_read_ahead": [str(BIN), "align", plan, regional, "--no-cache"],
        "align_warm": [str(BIN), "align", plan, regional],
        "extract_cold": [str(BIN), "extract", plan, "-f", "json"],
        "check_cold": [str(BIN), "check", plan, "-r", regional, "-f", "json", "--no-cache"],
        "check_warm": [str(BIN), "check", plan, "-r", regional, "-f", "json"],
    }
    own_env = {"align_cold_no_read_ahead": dict(env, VEILIGHEID_READ_AHEAD="0")}
    first = run(commands["align_cold"], env)  # builds the lemma table in the empty cache
    run(commands["align_warm"], env)  # fills the extraction cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, args in commands.items():
            times[name].append(run(args, own_env.get(name, env)))
    shutil.rmtree(tmp)
    medians = {f"{name}_s": round(statistics.median(t), 3) for name, t in times.items()}
    spacy_s = medians["import_spacy_s"]
    ratios = {
        f"{name}_x_import_spacy": round(medians[f"{name}_s"] / spacy_s, 2)
        for name in commands
        if name not in ("import_spacy", "help")
    }
    return {"repeat": repeat, "first_align_s": round(first, 3)} | medians | ratios


# --- extraction throughput -------------------------------------------------------------------


def _ingested(text: str):
    from veiligheid_cli.ingest import ingest

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
    try:
        return ingest(fh.name)
    finally:
        os.unlink(fh.name)


def _timed_analysis(doc) -> tuple[int, float]:
    from veiligheid_cli.pipeline import Settings, analyse_document

    words = sum(len(b.text.split()) for b in doc.blocks)
    start = time.perf_counter()
    analyse_document(doc, Settings())
    return words, time.perf_counter() - start


def bench_throughput(target_words: int = 100_000) -> dict:
    """Words/s of NLP + extraction once the pipeline is loaded.

    Two figures: the four corpus texts once (every word new to the per-process word caches),
    and the corpus repeated to about `target_words` words (the figure the target refers to;
    repeated text profits from those caches, as a batch of similar plans does).
    """
    from veiligheid_cli.rules import resolve_rules_dir
    from veiligheid_cli.themes import themed_pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    once = _ingested("\n\n".join(texts))
    themed_pipeline(None, str(resolve_rules_dir(None)))  # load once, not timed
    first_words, first_s = _timed_analysis(once)
    repeat = math.ceil(target_words / max(first_words, 1))
    words, seconds = _timed_analysis(_ingested("\n\n".join(texts * repeat)))
    return {
        "words": words,
        "seconds": round(seconds, 3),
        "words_per_s": round(words / seconds),
        "first_pass_words": first_words,
        "first_pass_words_per_s": round(first_words / first_s),
    }


# --- PDF ingest ------------------------------------------------------------------------------


SHARED_PDF = ROOT.parent / "shared" / "pdf"


def _pdf_corpus() -> list[Path]:
    """The real-world PDFs of pdfplumber's tests, the seed PDFs and the goals-table plan."""
    return [p for d in ("peer", "seeds", "tables") for p in sorted((SHARED_PDF / d).glob("*.pdf"))]


def _ours(path: Path, repeat: int) -> tuple[float, int]:
    """Best-of-`repeat` seconds of our ingest (read + clean + structure) and its page count."""
    from veiligheid_cli.errors import InputError
    from veiligheid_cli.pipeline import Settings, ingest_file

    best, pages = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(InputError):  # empty or scanned: the time to say so counts
            pages = ingest_file(path, Settings()).page_count or 0
        best = min(best, time.perf_counter() - start)
    return best, pages


def _pdftotext(path: Path, out: Path, repeat: int, startup: float) -> float:
    """Best-of-`repeat` seconds of `pdftotext` on the file, net of its own start-up."""
    best = min(run(["pdftotext", "-q", str(path), str(out)]) for _ in range(repeat))
    return max(best - startup, 0.0)


def bench_pdf(repeat: int = 3) -> dict:
    """Our PDF ingest against `pdftotext` on the same files in the same run, net of start-up:
    the interpreter and imports for us (loaded once before timing), the process for pdftotext
    (the median time of `pdftotext -v`)."""
    files = _pdf_corpus()
    if not files:
        return {"note": f"no PDFs in {SHARED_PDF}"}
    _ours(files[0], 1)  # imports (pypdfium2, pdfplumber) and rules loaded before timing
    if not shutil.which("pdftotext"):
        return {"note": "pdftotext not available (apt-get install poppler-utils)"}
    tmp = Path(tempfile.mkdtemp(prefix="vbench-pdf-"))
    startup = statistics.median(run(["pdftotext", "-v"]) for _ in range(9))
    rows, pages_total, ours_total, ref_total = [], 0, 0.0, 0.0
    for path in files:
        ours, pages = _ours(path, repeat)
        reference = _pdftotext(path, tmp / "out.txt", repeat, startup)
        rows.append({"file": f"{path.parent.name}/{path.name}", "pages": pages,
                     "ours_s": round(ours, 4), "pdftotext_s": round(reference, 4)})  # fmt: skip
        pages_total += pages
        ours_total += ours
        ref_total += reference
    shutil.rmtree(tmp)
    return {
        "files": len(files),
        "pages": pages_total,
        "seconds": round(ours_total, 3),
        "pages_per_s": round(pages_total / ours_total, 1),
        "pdftotext_s": round(ref_total, 3),
        "pdftotext_pages_per_s": round(pages_total / ref_total, 1),
        "pdftotext_startup_s": round(startup, 4),
        "slower_than_pdftotext_x": round(ours_total / ref_total, 2),
        "per_file": rows,
    }


# --- batch of 100 plans ------------------------------------------------------------------------

TOWNS = [
    "Zandwijk", "Heidedorp", "Beekstad", "Rietveen", "Waterland", "Eikenburg", "Lindehout",
    "Molenaarsgraaf", "Kerkdijk", "Bosrijk",
]  # fmt: skip
PLACE_NAMES = re.compile(r"\b(Leusden|Twente|Enschede|Hengelo|Almelo)\b")


def make_plans(target: Path, count: int) -> int:
    """Plans made by varying the corpus: seven in ten from the Leusden IVP (full size), the
    others from the short Leusden letter and Twente proposal. Each has other place names, one
    in ten paragraphs dropped, and every third a stretch of paragraphs reordered. Returns the
    number of words written."""
    rng = random.Random(42)
    sources = [p.read_text(encoding="utf-8") for p in (LEUSDEN, LEUSDEN_LETTER, TWENTE)]
    words = 0
    for n in range(count):
        source = sources[0] if n % 10 < 7 else sources[1 + n % 2]
        town = TOWNS[n % len(TOWNS)]
        paragraphs = PLACE_NAMES.sub(town, source).split("\n\n")
        keep = [p for p in paragraphs if rng.random() > 0.1]
        if n % 3 == 0 and len(keep) > 10:
            middle = keep[5:-5]
            rng.shuffle(middle)
            keep = keep[:5] + middle + keep[-5:]
        text = "\n\n".join(keep)
        words += len(text.split())
        (target / f"plan-{n:03d}-{town.lower()}.txt").write_text(text, encoding="utf-8")
    return words


def _tree_rss(root: int) -> int:
    """Summed resident memory of a process and its descendants (Linux /proc)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                children = Path(f"/proc/{pid}/task/{task}/children").read_text()
                todo += [int(c) for c in children.split()]
            m = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
            total += int(m.group(1)) * 1024 if m else 0
        except OSError:
            pass
    return total


# Runs a command and prints the largest resident set among it and its (waited-for)
# descendants, in KiB: ru_maxrss of RUSAGE_CHILDREN in a process that ran nothing else.
_MAXRSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(rc)\n"
)


def timed_batch(args: list[str], env: dict) -> dict:
    """Wall time, exit code, largest process (getrusage) and sampled sum over the tree."""
    stop, peak = threading.Event(), [0]
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _MAXRSS_WRAPPER, *args], env=env, stdout=subprocess.PIPE, text=True
    )

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = proc.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    return {
        "seconds": elapsed,
        "exit_code": proc.returncode,
        "max_process_rss": int(out.strip() or 0) * 1024,
        "tree_rss": peak[0],
    }


def bench_batch(count: int = 100, jobs: int = 2) -> dict:
    """`veiligheid batch` over `count` generated plans: cold (empty cache) and warm."""
    tmp = Path(tempfile.mkdtemp(prefix="vbench-batch-"))
    plans = tmp / "plans"
    plans.mkdir()
    words = make_plans(plans, count)
    env = private_cache_env(tmp)
    args = [str(BIN), "batch", str(plans), "-r", str(HILVERSUM), "-j", str(jobs), "-q"]
    cold = timed_batch([*args, "-o", str(tmp / "out1")], env)
    warm = timed_batch([*args, "-o", str(tmp / "out2")], env)
    index = json.loads((tmp / "out1" / "index.json").read_text(encoding="utf-8"))
    shutil.rmtree(tmp)
    mib = 2**20
    return {
        "plans": count,
        "words": words,
        "jobs": jobs,
        "aligned": sum(p["status"] == "ok" for p in index["plans"]),
        "exit_codes": [cold["exit_code"], warm["exit_code"]],
        "cold_s": round(cold["seconds"], 1),
        "warm_s": round(warm["seconds"], 2),
        "cold_words_per_s": round(words / cold["seconds"]),
        "peak_process_rss_mib": round(max(cold["max_process_rss"], warm["max_process_rss"]) / mib),
        "peak_tree_rss_mib": round(max(cold["tree_rss"], warm["tree_rss"]) / mib),
    }


# --- extraction against the gold annotations ---------------------------------------------------


def bench_gold() -> dict:
    """Precision, recall and theme accuracy of extraction over corpus/gold/*.json."""
    from veiligheid_cli.evaluate import LISTS, Score, load_gold, score_extraction
    from veiligheid_cli.pipeline import Settings, extract_file

    gold_files = sorted((CORPUS / "gold").glob("*.json"))
    if not gold_files:
        return {"note": "no gold yet"}
    totals = {name: Score() for name in LISTS}
    for path in gold_files:
        gold = load_gold(path)
        scores = score_extraction(extract_file(CORPUS / gold["document"], Settings()), gold)
        for name in LISTS:
            totals[name].add(scores[name])
    return {"documents": len(gold_files)} | {
        name: {
            "precision": round(s.precision, 3),
            "recall": round(s.recall, 3),
            "theme_accuracy": round(s.theme_accuracy, 3),
        }
        for name, s in totals.items()
    }


# --- alignment quality against naive baselines -------------------------------------------------


def _stopwords() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS  # a plain word list; no model is loaded

    return frozenset(STOP_WORDS)


def keyword_grep(priority: str, local_text: str, stopwords: frozenset[str]) -> str:
    """Baseline 1: covered when any content word (>= 5 letters, not a stop word) occurs."""
    words = [w for w in re.findall(r"\w+", priority.lower()) if len(w) >= 5 and w not in stopwords]
    text = local_text.lower()
    return "covered" if any(w in text for w in words) else "missing"


def fuzzy_partial(priority: str, local_text: str) -> str:
    """Baseline 2: rapidfuzz partial_ratio of the priority over the whole local text."""
    from rapidfuzz import fuzz

    score = fuzz.partial_ratio(priority.lower(), local_text.lower())
    return "covered" if score >= 80 else "partial" if score >= 60 else "missing"


def bench_quality() -> dict:
    """Share of regional priorities whose status is one the hand judgement allows.

    tests/fixtures/expected_alignment.json lists, per (local, regional) pair, the allowed
    statuses per regional priority (a list, or one status as a string). Pairs whose local plan
    is a corpus document are scored separately from the synthetic test fixtures.
    """
    from veiligheid_cli.pipeline import Settings, align_extractions, extract_file

    if not EXPECTED.exists():
        return {"note": "no tests/fixtures/expected_alignment.json; alignment quality skipped"}
    stopwords = _stopwords()
    methods: dict[str, Callable[[str, str], str]] = {
        "keyword_grep": lambda p, text: keyword_grep(p, text, stopwords),
        "fuzzy_partial_ratio": fuzzy_partial,
    }
    groups = {"corpus": {"n": 0}, "all": {"n": 0}}
    disagreements: list[str] = []
    for pair in json.loads(EXPECTED.read_text(encoding="utf-8"))["pairs"]:
        local, regional = ROOT / pair["local"], ROOT / pair["regional"]
        local_text = local.read_text(encoding="utf-8")
        alignment = align_extractions(
            extract_file(local, Settings()), extract_file(regional, Settings()), Settings()
        )
        ours = {p.regional.text: p.status.value for p in alignment.priorities}
        in_corpus = local.parent == CORPUS
        for priority, allowed in pair["expected"].items():
            allowed = [allowed] if isinstance(allowed, str) else list(allowed)
            verdicts = {"ours": ours.get(priority, "not found")} | {
                name: method(priority, local_text) for name, method in methods.items()
            }
            if verdicts["ours"] not in allowed:
                disagreements.append(
                    f"{local.name} × {regional.name}: {priority!r} is {verdicts['ours']}, "
                    f"expected {'/'.join(allowed)}"
                )
            for group in ("corpus", "all") if in_corpus else ("all",):
                groups[group]["n"] += 1
                for name, verdict in verdicts.items():
                    groups[group][name] = groups[group].get(name, 0) + (verdict in allowed)
    result: dict = {}
    for group, counts in groups.items():
        n = counts.pop("n")
        result[group] = {"regional_priorities": n} | {
            f"{name}_accuracy": round(right / n, 3) for name, right in counts.items()
        }
    result["ours_disagreements"] = disagreements
    return result


# --- main --------------------------------------------------------------------------------------


def bench_dense() -> dict:
    """`extract` on damaged or hostile input of about 5.2 MB beside the Leusden IVP: one theme
    word repeated, one sentence repeated, and one short list item repeated (1 MB of it: the
    per-block NLP makes the full size take minutes). Wall seconds and the exit code."""
    tmp = Path(tempfile.mkdtemp(prefix="vbench-dense-"))
    env = private_cache_env(tmp)
    inputs = {
        "one word x400,000 (5.2 MB)": "ondermijning " * 400_000,
        "one sentence x106,000 (5.2 MB)": "De prioriteiten zijn ondermijning en cybercrime. "
        * 106_000,
        "one list item x70,000 (1 MB)": "- Ondermijning\n" * 70_000,
    }
    out = {}
    for name, text in inputs.items():
        path = tmp / "dense.txt"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        code = subprocess.run(
            [str(BIN), "extract", str(path), "-f", "json", "-q"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False,
        ).returncode  # fmt: skip
        out[name] = {"seconds": round(time.perf_counter() - start, 2), "exit": code}
    out["leusden_seconds"] = round(run([str(BIN), "extract", str(LEUSDEN), "-f", "json"], env), 2)
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def _dense_rows(d: dict) -> list[tuple[str, str, str]]:
    rows_ = [
        (f"extract, {name}", f"{v['seconds']:.1f} s (exit {v['exit']})", "<= 20 s, exit 0")
        for name, v in d.items()
        if isinstance(v, dict)
    ]
    return [*rows_, ("extract, Leusden IVP (70 KB)", f"{d['leusden_seconds']:.2f} s", "")]


BENCHMARKS: dict[str, Callable[[], dict]] = {
    "startup": bench_startup,
    "throughput": bench_throughput,
    "pdf": bench_pdf,
    "batch": bench_batch,
    "gold": bench_gold,
    "quality": bench_quality,
    "dense": bench_dense,
}


def _startup_rows(s: dict) -> list[tuple[str, str, str]]:
    return [
        ("python -c 'import spacy' (median)", f"{s['import_spacy_s']} s", "reference"),
        ("veiligheid --help", f"{s['help_s']} s", "< 0.3 s"),
        (
            "align Leusden × Hilversum (table to a pipe), cold (--no-cache)",
            f"{s['align_cold_s']} s ({s['align_cold_x_import_spacy']}× import spacy)",
            "<= 1.7×",
        ),
        (
            "  same, -f json",
            f"{s['align_cold_json_s']} s ({s['align_cold_json_x_import_spacy']}×)",
            "",
        ),
        ("  same, warm (extraction cache)", f"{s['align_warm_s']} s", ""),
        ("  same, first run on the machine", f"{s['first_align_s']} s", ""),
        (
            "extract Leusden, cold",
            f"{s['extract_cold_s']} s ({s['extract_cold_x_import_spacy']}×)",
            "",
        ),
        ("check Leusden -r Hilversum, cold", f"{s['check_cold_s']} s", ""),
        ("  same, warm", f"{s['check_warm_s']} s", ""),
    ]


def _throughput_rows(t: dict) -> list[tuple[str, str, str]]:
    return [
        (
            "extraction throughput after load",
            f"{t['words_per_s']:,} words/s ({t['words']:,} words)",
            ">= 50,000 words/s",
        ),
        (
            "  same, corpus once (new words)",
            f"{t['first_pass_words_per_s']:,} words/s ({t['first_pass_words']:,} words)",
            "",
        ),
    ]


def _pdf_rows(p: dict) -> list[tuple[str, str, str]]:
    if "pages" not in p:
        return [("PDF ingest", p["note"], "")]
    return [
        (
            f"PDF ingest, {p['files']} real-world + seed PDFs",
            f"{p['pages_per_s']} pages/s ({p['pages']} pages, {p['seconds']} s)",
            "",
        ),
        (
            "  pdftotext, same files, net of start-up",
            f"{p['pdftotext_pages_per_s']} pages/s ({p['pdftotext_s']} s); "
            f"ours {p['slower_than_pdftotext_x']}×",
            "<= 3×",
        ),
    ]


def _batch_rows(b: dict) -> list[tuple[str, str, str]]:
    return [
        (
            f"batch {b['plans']} plans ({b['words']:,} words), --jobs {b['jobs']}, cold",
            f"{b['cold_s']} s ({b['aligned']} aligned)",
            "< 60 s",
        ),
        ("  same batch, warm cache", f"{b['warm_s']} s", "< 5 s"),
        ("  peak memory, largest process", f"{b['peak_process_rss_mib']} MiB", "< 1024 MiB"),
        ("  peak memory, sum over processes", f"{b['peak_tree_rss_mib']} MiB", ""),
    ]


def _gold_rows(g: dict) -> list[tuple[str, str, str]]:
    out = [("extraction vs gold", g["note"], "")] if "note" in g else []
    for name in ("priorities", "goals", "regional_references"):
        if name in g:
            v = g[name]
            result = f"P {v['precision']:.2f}  R {v['recall']:.2f}  "
            result += f"themes {v['theme_accuracy']:.2f}"
            out.append((f"extraction vs gold: {name}", result, ""))
    return out


def _quality_rows(q: dict) -> list[tuple[str, str, str]]:
    out = [("alignment accuracy", q["note"], "")] if "note" in q else []
    for group in ("corpus", "all"):
        if group not in q:
            continue
        v = q[group]
        label = "corpus pairs" if group == "corpus" else "all pairs incl. fixtures"
        out += [
            (
                f"alignment accuracy, {label} (n={v['regional_priorities']}): ours",
                f"{v['ours_accuracy']:.2f}",
                "beat both baselines",
            ),
            ("  baseline: keyword grep", f"{v['keyword_grep_accuracy']:.2f}", ""),
            ("  baseline: rapidfuzz partial_ratio", f"{v['fuzzy_partial_ratio_accuracy']:.2f}", ""),
        ]
    return out


ROW_BUILDERS = {
    "startup": _startup_rows,
    "throughput": _throughput_rows,
    "pdf": _pdf_rows,
    "batch": _batch_rows,
    "gold": _gold_rows,
    "quality": _quality_rows,
    "dense": _dense_rows,
}


def rows(results: dict) -> list[tuple[str, str, str]]:
    """The table: (measure, result, target) for each benchmark that ran."""
    out: list[tuple[str, str, str]] = []
    for name, build in ROW_BUILDERS.items():
        if results.get(name):
            out += build(results[name])
    return out


def main(argv: list[str] | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), help="run only these")
    args = parser.parse_args(argv)
    selected = args.only or list(BENCHMARKS)

    results: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "date": time.strftime("%Y-%m-%d"),
    }
    console = Console(stderr=True)
    for name in selected:
        with console.status(f"bench: {name}"):
            results[name] = BENCHMARKS[name]()
    table = Table(title=f"veiligheid-cli benchmarks ({results['machine']['cpus']} cores)")
    for col in ("measure", "result", "target"):
        table.add_column(col)
    for row in rows(results):
        table.add_row(*row)
    Console(width=max(Console().width, 110)).print(table)
    for line in results.get("quality", {}).get("ours_disagreements", []):
        print(f"ours disagrees: {line}")
    if args.only:
        print(json.dumps({k: results[k] for k in selected}, indent=2, ensure_ascii=False))
        return
    target = ROOT / "bench" / "results.json"
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {target}")


if __name__ == "__main__":
    main()
