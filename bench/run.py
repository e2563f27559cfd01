"""Benchmarks for veiligheid-cli (`make bench`): speed, memory and quality on this machine.

Prints a table and writes bench/results.json. Nothing here asserts: the figures are reported,
and the README quotes the latest run. Targets (from the project's issue) are printed beside
each figure.
"""

from __future__ import annotations

import json
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
BIN = Path(sys.executable).parent / "veiligheid"
LEUSDEN = CORPUS / "leusden-ivp-2016-2019.txt"
HILVERSUM = CORPUS / "hilversum-voorstel-rvs-midden-nederland-2019-2022.txt"
sys.path.insert(0, str(ROOT / "tests"))  # pdf_fixtures


def run(args: list[str], env: dict | None = None) -> float:
    """Wall time of one command (output discarded)."""
    start = time.perf_counter()
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def median_time(args: list[str], repeat: int, env: dict | None = None) -> float:
    return statistics.median(run(args, env) for _ in range(repeat))


# --- start-up ------------------------------------------------------------------------------


def bench_startup() -> dict:
    env = dict(os.environ, VEILIGHEID_CACHE_DIR=tempfile.mkdtemp(prefix="vbench-cache-"))
    align = [str(BIN), "align", str(LEUSDEN), str(HILVERSUM), "-f", "json", "--no-cache"]
    return {
        "help_cold_s": round(median_time([str(BIN), "--help"], 5), 3),
        "align_cold_s": round(median_time(align, 3, env), 3),
    }


# --- extraction throughput -------------------------------------------------------------------


def bench_throughput() -> dict:
    from veiligheid_cli.ingest import ingest
    from veiligheid_cli.pipeline import Settings, analyse_document
    from veiligheid_cli.rules import resolve_rules_dir
    from veiligheid_cli.themes import themed_pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    big = "\n\n".join(texts * 8)  # ~100k words of real plan text
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(big)
    doc = ingest(fh.name)
    words = sum(len(b.text.split()) for b in doc.blocks)
    themed_pipeline(None, str(resolve_rules_dir(None)))  # load once, not timed
    analyse_document(ingest(str(LEUSDEN)), Settings())  # warm the word caches on other text
    start = time.perf_counter()
    analyse_document(doc, Settings())
    elapsed = time.perf_counter() - start
    os.unlink(fh.name)
    return {"words": words, "seconds": round(elapsed, 3), "words_per_s": round(words / elapsed)}


# --- PDF ingest ------------------------------------------------------------------------------


def bench_pdf() -> dict:
    from veiligheid_cli.ingest import ingest

    from pdf_fixtures import text_to_pdf

    tmp = Path(tempfile.mkdtemp(prefix="vbench-pdf-"))
    text = LEUSDEN.read_text(encoding="utf-8")
    pdf = text_to_pdf(text + "\n" + text, tmp / "leusden-x2.pdf")
    start = time.perf_counter()
    doc = ingest(str(pdf))
    ours = time.perf_counter() - start
    pages = doc.page_count or 0
    result = {"pages": pages, "seconds": round(ours, 3), "pages_per_s": round(pages / ours, 1)}
    if shutil.which("pdftotext"):
        reference = median_time(["pdftotext", "-layout", str(pdf), str(tmp / "out.txt")], 3)
        result |= {
            "pdftotext_s": round(reference, 3),
            "pdftotext_pages_per_s": round(pages / reference, 1),
            "slower_than_pdftotext_x": round(ours / reference, 1),
        }
    else:
        result["pdftotext"] = "not available (apt-get install poppler-utils)"
    shutil.rmtree(tmp)
    return result


# --- batch of 100 plans ------------------------------------------------------------------------

TOWNS = [
    "Zandwijk", "Heidedorp", "Beekstad", "Rietveen", "Waterland", "Eikenburg", "Lindehout",
    "Molenaarsgraaf", "Kerkdijk", "Bosrijk",
]  # fmt: skip


def make_plans(target: Path, count: int) -> None:
    """Full-size plans made by varying the Leusden IVP: another municipality name, one in ten
    paragraphs dropped, and every third plan with a stretch of paragraphs reordered."""
    rng = random.Random(42)
    source = LEUSDEN.read_text(encoding="utf-8")
    for n in range(count):
        paragraphs = source.replace("Leusden", TOWNS[n % len(TOWNS)]).split("\n\n")
        keep = [p for p in paragraphs if rng.random() > 0.1]
        if n % 3 == 0 and len(keep) > 10:
            middle = keep[5:-5]
            rng.shuffle(middle)
            keep = keep[:5] + middle + keep[-5:]
        (target / f"plan-{n:03d}.txt").write_text("\n\n".join(keep), encoding="utf-8")


def peak_rss_of_tree(pid: int, stop: threading.Event, out: list[int]) -> None:
    """Sample the summed resident memory of a process and its descendants."""

    def tree(root: int) -> list[int]:
        pids, todo = [], [root]
        while todo:
            p = todo.pop()
            pids.append(p)
            try:
                for task in os.listdir(f"/proc/{p}/task"):
                    children = Path(f"/proc/{p}/task/{task}/children").read_text().split()
                    todo += [int(c) for c in children]
            except OSError:
                pass
        return pids

    peak = 0
    while not stop.is_set():
        total = 0
        for p in tree(pid):
            try:
                status = Path(f"/proc/{p}/status").read_text()
                m = re.search(r"VmRSS:\s+(\d+) kB", status)
                total += int(m.group(1)) * 1024 if m else 0
            except OSError:
                pass
        peak = max(peak, total)
        time.sleep(0.05)
    out.append(peak)


def timed_batch(args: list[str], env: dict) -> tuple[float, int]:
    stop, peak = threading.Event(), []
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sampler = threading.Thread(target=peak_rss_of_tree, args=(proc.pid, stop, peak))
    sampler.start()
    proc.wait()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    return elapsed, peak[0]


def bench_batch(count: int = 100, jobs: int = 2) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="vbench-batch-"))
    plans = tmp / "plans"
    plans.mkdir()
    make_plans(plans, count)
    env = dict(os.environ, VEILIGHEID_CACHE_DIR=str(tmp / "cache"))
    args = [str(BIN), "batch", str(plans), "-r", str(HILVERSUM), "-j", str(jobs), "-q"]
    cold, cold_peak = timed_batch([*args, "-o", str(tmp / "out1")], env)
    warm, warm_peak = timed_batch([*args, "-o", str(tmp / "out2")], env)
    index = json.loads((tmp / "out1" / "index.json").read_text(encoding="utf-8"))
    shutil.rmtree(tmp)
    return {
        "plans": count,
        "jobs": jobs,
        "aligned": sum(p["status"] == "ok" for p in index["plans"]),
        "cold_s": round(cold, 1),
        "warm_s": round(warm, 2),
        "peak_rss_mib": round(max(cold_peak, warm_peak) / 2**20),
    }


# --- quality against naive baselines ---------------------------------------------------------

STOPWORDS = {
    "aanpak",
    "bevorderen",
    "effectief",
    "verbinden",
    "criminaliteit",
    "veiligheid",
    "werken",
}  # generic words a grep would match everywhere; content words of >= 5 letters otherwise


def keyword_grep(priority: str, local_text: str) -> str:
    words = [w for w in re.findall(r"\w+", priority.lower()) if len(w) >= 5 and w not in STOPWORDS]
    text = local_text.lower()
    return "covered" if any(w in text for w in words) else "missing"


def fuzzy_partial(priority: str, local_text: str) -> str:
    from rapidfuzz import fuzz

    score = fuzz.partial_ratio(priority.lower(), local_text.lower())
    return "covered" if score >= 80 else "partial" if score >= 60 else "missing"


def bench_quality() -> dict:
    from veiligheid_cli.pipeline import Settings, align_extractions, extract_file

    expected_path = ROOT / "tests" / "fixtures" / "expected_alignment.json"
    if not expected_path.exists():
        return {"note": "no tests/fixtures/expected_alignment.json"}
    pairs = json.loads(expected_path.read_text(encoding="utf-8"))["pairs"]
    right = {"ours": 0, "keyword_grep": 0, "fuzzy_partial_ratio": 0}
    total = 0
    for pair in pairs:
        local_text = (ROOT / pair["local"]).read_text(encoding="utf-8")
        alignment = align_extractions(
            extract_file(ROOT / pair["local"], Settings()),
            extract_file(ROOT / pair["regional"], Settings()),
            Settings(),
        )
        ours = {p.regional.text: p.status.value for p in alignment.priorities}
        for priority, allowed in pair["expected"].items():
            total += 1
            right["ours"] += ours.get(priority) in allowed
            right["keyword_grep"] += keyword_grep(priority, local_text) in allowed
            right["fuzzy_partial_ratio"] += fuzzy_partial(priority, local_text) in allowed
    return {"regional_priorities": total} | {
        f"{name}_accuracy": round(n / total, 3) for name, n in right.items()
    }


# --- main --------------------------------------------------------------------------------------


def main() -> None:
    from rich.console import Console
    from rich.table import Table

    results = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "date": time.strftime("%Y-%m-%d"),
        "startup": bench_startup(),
        "throughput": bench_throughput(),
        "pdf": bench_pdf(),
        "batch": bench_batch(),
        "quality": bench_quality(),
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    s, t, p, b, q = (results[k] for k in ("startup", "throughput", "pdf", "batch", "quality"))
    table = Table(title=f"veiligheid-cli benchmarks ({results['machine']['cpus']} cores)")
    for col in ("measure", "result", "target"):
        table.add_column(col)
    rows = [
        ("cold start: veiligheid --help", f"{s['help_cold_s']} s", "< 0.3 s"),
        ("cold align Leusden × Hilversum", f"{s['align_cold_s']} s", "< 2 s"),
        (
            "extraction throughput after load",
            f"{t['words_per_s']:,} words/s ({t['words']:,} words)",
            ">= 50,000 words/s",
        ),
        ("PDF ingest", f"{p['pages_per_s']} pages/s ({p['pages']} pages)", "–"),
        (
            "pdftotext on the same PDF",
            f"{p.get('pdftotext_pages_per_s', '–')} pages/s "
            f"(ours {p.get('slower_than_pdftotext_x', '–')}× slower)",
            "reference",
        ),
        (
            f"batch {b['plans']} plans, --jobs {b['jobs']}, cold cache",
            f"{b['cold_s']} s ({b['aligned']} aligned)",
            "< 60 s",
        ),
        ("same batch, warm cache", f"{b['warm_s']} s", "< 5 s"),
        ("batch peak memory (all processes)", f"{b['peak_rss_mib']} MiB", "< 1024 MiB"),
        ("alignment accuracy: ours", f"{q.get('ours_accuracy', '–')}", "beat both baselines"),
        ("baseline: keyword grep", f"{q.get('keyword_grep_accuracy', '–')}", ""),
        ("baseline: rapidfuzz partial_ratio", f"{q.get('fuzzy_partial_ratio_accuracy', '–')}", ""),
    ]
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    print(f"written to {ROOT / 'bench' / 'results.json'}")


if __name__ == "__main__":
    main()
