"""Bad input, found by property-based testing (hypothesis) and named cases.

Any bytes as a .txt or .pdf, any content of a rules file: the exit code is 0, 1 or 2; on 2 a
single line on stderr says what happened, without Python or library internals; stderr holds
nothing but our own lines; an `-o` file exists only after success, and then holds valid JSON.

CI runs the `ci` profile (about 200 examples in all); `make fuzz` the `fuzz` profile (over
2,000). Select with HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veiligheid_cli.errors import RulesError
from veiligheid_cli.rules import load_checks, load_config, load_extract_rules, load_taxonomy

from conftest import CORPUS, LEUSDEN_IVP, ROOT, TWENTE, run_cli
from pdf_fixtures import encrypted_pdf, text_to_pdf

settings.register_profile(
    "ci", max_examples=50, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "fuzz", max_examples=500, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SHARED_PDF = ROOT.parent / "shared" / "pdf"
HILVERSUM_PDF = "hilversum-voorstel-rvs-midden-nederland-2019-2022.pdf"


def _seed_pdfs() -> list[Path]:
    """The seed PDFs of ../shared/pdf (Word exports); a clone without ../shared beside it gets
    PDFs printed here from the corpus texts, so the mutations still start from real plans."""
    shared = sorted((SHARED_PDF / "seeds").glob("*.pdf")) + sorted(
        (SHARED_PDF / "tables").glob("*.pdf")
    )
    if shared:
        return shared
    folder = Path(tempfile.mkdtemp(prefix="veiligheid-seed-pdfs-"))
    return [
        text_to_pdf(text.read_text(encoding="utf-8"), folder / f"{text.stem}.pdf")
        for text in sorted(CORPUS.glob("*.txt"))
    ]


SEED_PDFS = _seed_pdfs()
INTERNALS = re.compile(
    r"Traceback|\bFile \"|\b[A-Z]\w*(?:Error|Exception|Warning)\b|pdfium|pdfminer|pdfplumber|"
    r"\bspacy\b|sqlite|\byaml\.|\bErrno\b|0x[0-9a-f]{6,}|<[a-z_.]+ object at",
    re.IGNORECASE,
)


def assert_clean(result, output: Path | None = None) -> None:
    """The contract of every command on any input."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert all(line.startswith("veiligheid: ") for line in lines), result.stderr
    assert not INTERNALS.search(result.stderr), result.stderr
    if result.exit_code == 2:
        assert len(lines) == 1 and lines[0].startswith("veiligheid: error: "), result.stderr
    if output is not None:
        if result.exit_code == 0:
            json.loads(output.read_text(encoding="utf-8"))
        else:
            assert not output.exists(), "a failed run left a file"
        assert not list(output.parent.glob(f".{output.name}.*")), "a temporary file was left"


def run_on(data: bytes, suffix: str, *args: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        out = Path(tmp) / "out.json"
        result = run_cli("extract", str(path), "-f", "json", "-o", str(out), *args)
        assert_clean(result, out)
        return result


# --- any bytes --------------------------------------------------------------------------------

TEXT_SEEDS = [p.read_bytes()[:3000] for p in sorted(CORPUS.glob("*.txt"))]
text_bytes = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(TEXT_SEEDS).flatmap(
        lambda seed: st.tuples(st.integers(0, len(seed)), st.binary(max_size=64)).map(
            lambda cut: seed[: cut[0]] + cut[1] + seed[cut[0] :]
        )
    ),
)


@given(data=text_bytes)
def test_any_bytes_as_text(data):
    run_on(data, ".txt")


def _mutate(seed: bytes, seed_int: int, flips: int, cut: float) -> bytes:
    rng = random.Random(seed_int)
    data = bytearray(seed[: max(1, int(len(seed) * cut))])
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


pdf_bytes = st.one_of(
    st.binary(max_size=2000).map(lambda b: b"%PDF-1.7\n" + b),
    st.tuples(
        st.sampled_from([p.read_bytes() for p in SEED_PDFS] or [b"%PDF-1.4\n"]),
        st.integers(0, 2**32),
        st.integers(0, 40),
        st.floats(0.05, 1.0),
    ).map(lambda t: _mutate(*t)),
)


@given(data=pdf_bytes)
def test_any_bytes_as_pdf(data):
    run_on(data, ".pdf")


# --- any rules file ----------------------------------------------------------------------------

RULES = {
    "themes.yaml": load_taxonomy,
    "extract.yaml": load_extract_rules,
    "config.yaml": load_config,
    "check.yaml": load_checks,
}
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        # integer keys too: `5: x` reaches a mapping of named keys (found by reading the code)
        | st.dictionaries(st.text(max_size=12) | st.integers(), children, max_size=4)
    ),
    max_leaves=12,
)


def _line_edit(text: str, seed: int) -> str:
    rng = random.Random(seed)
    lines = text.splitlines()
    k = rng.randrange(len(lines))
    action = rng.choice(("drop", "dup", "value", "indent"))
    if action == "drop":
        del lines[k]
    elif action == "dup":
        lines.insert(k, lines[k])
    elif action == "value":
        lines[k] = re.sub(
            r":\s.*$", ": " + rng.choice(["", "[", "-1", "x", "{a: 1}", "true"]), lines[k]
        )
    else:
        lines[k] = "  " + lines[k]
    return "\n".join(lines) + "\n"


rules_content = st.one_of(
    st.text(max_size=300),
    yaml_values.map(lambda v: yaml.safe_dump(v, allow_unicode=True, sort_keys=False)),
    st.tuples(st.sampled_from(sorted(RULES)), st.integers(0, 2**32)).map(
        lambda t: _line_edit((ROOT / "rules" / t[0]).read_text(encoding="utf-8"), t[1])
    ),
)


@given(name=st.sampled_from(sorted(RULES)), content=rules_content)
def test_any_rules_file_loads_or_fails_in_one_line(name, content):
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "rules"
        shutil.copytree(ROOT / "rules", rules)
        (rules / name).write_text(content, encoding="utf-8")
        try:
            RULES[name](rules)
        except RulesError as exc:
            message = str(exc)
            assert "\n" not in message and name in message, message
            assert not INTERNALS.search(message), message


@settings(max_examples=int(os.environ.get("VEILIGHEID_FUZZ_CLI", "10")))
@given(content=rules_content)
def test_any_extract_rules_through_the_cli(content):
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "rules"
        shutil.copytree(ROOT / "rules", rules)
        (rules / "extract.yaml").write_text(content, encoding="utf-8")
        out = Path(tmp) / "out.json"
        result = run_cli(
            "extract", str(TWENTE), "-f", "json", "-o", str(out), "--rules", str(rules)
        )
        assert_clean(result, out)


# --- named cases -------------------------------------------------------------------------------

PLAN = (CORPUS / "twente-voorstel-veiligheidsstrategie-oost-nederland-2019-2022.txt").read_text(
    "utf-8"
)


@pytest.mark.parametrize(
    ("name", "data", "exit_code", "message"),
    [
        ("empty", b"", 2, "file is empty"),
        ("only NUL bytes", b"\x00" * 5000, 2, "binary"),
        ("UTF-16 with BOM", PLAN.encode("utf-16"), 0, ""),
        ("UTF-16 without BOM", PLAN.encode("utf-16-le"), 0, ""),
        ("cp1252", PLAN.replace("’", "'").encode("cp1252") + "é".encode("cp1252"), 0, ""),
        ("UTF-8 BOM", b"\xef\xbb\xbf" + PLAN.encode(), 0, ""),
        ("CRLF", PLAN.replace("\n", "\r\n").encode(), 0, ""),
    ],
)
def test_named_text_cases(name, data, exit_code, message):
    result = run_on(data, ".txt")
    assert result.exit_code == exit_code, result.stderr
    assert message in result.stderr
    if exit_code == 0:
        assert len(json.loads(result.stdout or "{}") or {}) == 0  # written to -o, not stdout


def test_named_cases_read_like_the_plan(tmp_path):
    base = json.loads(run_cli("extract", str(TWENTE), "-f", "json").stdout)
    for name, data in (
        ("utf16", PLAN.encode("utf-16")),
        ("bom", b"\xef\xbb\xbf" + PLAN.encode()),
        ("crlf", PLAN.replace("\n", "\r\n").encode()),
    ):
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        got = json.loads(run_cli("extract", str(path), "-f", "json").stdout)
        assert [p["text"] for p in got["priorities"]] == [p["text"] for p in base["priorities"]], (
            name
        )


def test_five_megabyte_single_paragraph(tmp_path):
    """Over spaCy's max_length: read, analysed in chunks, extracted."""
    words = PLAN.split()
    path = tmp_path / "big.txt"
    path.write_text(" ".join(words[i % len(words)] for i in range(900_000))[:5_000_000], "utf-8")
    out = tmp_path / "out.json"
    result = run_cli("extract", str(path), "-f", "json", "-o", str(out))
    assert_clean(result, out)
    assert result.exit_code == 0


def test_five_hundred_page_pdf(tmp_path):
    pdf = text_to_pdf("\n".join([PLAN] * 400), tmp_path / "long.pdf", lines_per_page=40)
    out = tmp_path / "out.json"
    result = run_cli("ingest", str(pdf), "-f", "json", "-o", str(out))
    assert_clean(result, out)
    assert json.loads(out.read_text())["document"]["pages"] >= 500


@pytest.mark.parametrize(
    ("name", "mangle", "message"),
    [
        ("bytes before the header", lambda d: b"garbage\r\n" * 20 + d, ""),
        ("truncated", lambda d: d[: len(d) // 2], ""),
        ("header only", lambda d: b"%PDF-1.7\n", "cannot read PDF"),
    ],
)
def test_named_pdf_cases(name, mangle, message):
    seed = next(p for p in SEED_PDFS if p.name == HILVERSUM_PDF).read_bytes()
    result = run_on(mangle(seed), ".pdf")
    assert message in result.stderr


def test_encrypted_pdf_without_password(tmp_path):
    data = encrypted_pdf(tmp_path / "secret.pdf").read_bytes()
    result = run_on(data, ".pdf")
    assert result.exit_code == 2 and "--password" in result.stderr


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("themes.yaml", "themes: [\n", "invalid YAML"),
        ("extract.yaml", "schema: 1\npriority_cues: 5\n", "extract.yaml"),
        ("config.yaml", "schema: veiligheid/config/v2\nalign: [1, 2]\n", "expected a mapping"),
        ("extract.yaml", "=", "invalid YAML"),  # found by make fuzz: no 'tag:yaml.org' internals
        (
            "check.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
                for prev, name in zip("abcde", "bcdef", strict=True)
            ),
            "aliases",
        ),
    ],
)
def test_named_rules_cases(tmp_path, file, content, message):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / file).write_text(content, encoding="utf-8")
    command = {
        "check.yaml": ["check", str(TWENTE)],
        "config.yaml": ["align", str(LEUSDEN_IVP), str(TWENTE)],
    }.get(file, ["extract", str(TWENTE)])
    result = run_cli(*command, "--rules", str(rules))
    assert_clean(result)
    assert result.exit_code == 2 and message in result.stderr and file in result.stderr


def test_output_directory_that_does_not_exist(tmp_path):
    out = tmp_path / "missing" / "out.json"
    result = run_cli("extract", str(TWENTE), "-f", "json", "-o", str(out))
    assert_clean(result)
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_two_batch_runs_share_one_cache(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    for p in sorted((ROOT / "tests" / "fixtures" / "plans").glob("ivp-*.txt"))[:4]:
        shutil.copy(p, plans)
    env = dict(os.environ, VEILIGHEID_CACHE_DIR=str(tmp_path / "cache"))
    regional = str(ROOT / "tests" / "fixtures" / "plans" / "rvs-noord-nederland-2023-2026.txt")
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "veiligheid_cli", "batch", str(plans), "-r", regional,
             "-o", str(tmp_path / f"out{n}"), "-q"],
            env=env, stderr=subprocess.PIPE, text=True,
        )
        for n in (1, 2)
    ]  # fmt: skip
    for proc in runs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    first = json.loads((tmp_path / "out1" / "index.json").read_text())
    second = json.loads((tmp_path / "out2" / "index.json").read_text())
    assert [p["coverage"] for p in first["plans"]] == [p["coverage"] for p in second["plans"]]


def test_damaged_inputs_in_a_real_process_print_only_our_lines(tmp_path):
    """Library messages written straight to the process's stderr (not through Python) would
    escape the in-process runner: forty damaged inputs through `batch` in a real process."""
    plans = tmp_path / "plans"
    plans.mkdir()
    seeds = [p.read_bytes() for p in SEED_PDFS]
    for n in range(30):
        data = _mutate(seeds[n % len(seeds)], n, flips=n % 7 * 5, cut=0.3 + (n % 8) / 10)
        (plans / f"damaged-{n:02}.pdf").write_bytes(data)
    for n, seed in enumerate(TEXT_SEEDS * 3):
        (plans / f"damaged-{n:02}.txt").write_bytes(_mutate(seed, n, flips=n * 4, cut=1.0))
    result = subprocess.run(
        [sys.executable, "-m", "veiligheid_cli", "batch", str(plans), "-r", str(TWENTE),
         "-o", str(tmp_path / "out"), "-q"],
        capture_output=True, text=True, timeout=300,
        env=dict(os.environ, VEILIGHEID_CACHE_DIR=str(tmp_path / "cache")),
    )  # fmt: skip
    assert result.returncode in (0, 1, 2), result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith("veiligheid: "), result.stderr
        assert not INTERNALS.search(line), line
    index = json.loads((tmp_path / "out" / "index.json").read_text(encoding="utf-8"))
    assert len(index["plans"]) == 30 + 3 * len(TEXT_SEEDS)
    for plan in index["plans"]:
        assert plan["error"] is None or not INTERNALS.search(plan["error"]), plan["error"]
