"""The cache of extracted documents: hits, invalidation, corrupt entries, --no-cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from veiligheid_cli import cache, pipeline
from veiligheid_cli.pipeline import Settings

from conftest import HILVERSUM, LEUSDEN_LETTER, ROOT, TWENTE, run_cli


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(path))
    return path


@pytest.fixture
def calls(monkeypatch):
    """The paths pipeline.extract_file was called with (it still does the work)."""
    seen: list[str] = []
    real = pipeline.extract_file

    def counting(path, settings):
        seen.append(str(path))
        return real(path, settings)

    monkeypatch.setattr(pipeline, "extract_file", counting)
    return seen


def entries(directory) -> list:
    return sorted(directory.glob("*.pickle"))


def test_second_extraction_is_a_hit(cache_dir, calls, tmp_path):
    plan = tmp_path / "plan.txt"
    shutil.copy(TWENTE, plan)
    first = cache.cached_extract(str(plan), Settings())
    second = cache.cached_extract(str(plan), Settings())
    assert len(calls) == 1 and len(entries(cache_dir)) == 1
    assert [p.text for p in second.priorities] == [p.text for p in first.priorities]
    assert [g.text for g in second.goals] == [g.text for g in first.goals]
    assert second.document.metadata == first.document.metadata


def test_hit_reports_the_path_as_given_this_time(cache_dir, calls, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "copy-of-a.txt"
    shutil.copy(TWENTE, a)
    shutil.copy(TWENTE, b)
    assert cache.cached_extract(str(a), Settings()).document.path == str(a)
    assert cache.cached_extract(str(b), Settings()).document.path == str(b)
    assert len(calls) == 1  # same bytes: one extraction


def test_changed_file_misses(cache_dir, calls, tmp_path):
    plan = tmp_path / "plan.txt"
    shutil.copy(TWENTE, plan)
    cache.cached_extract(str(plan), Settings())
    plan.write_text(plan.read_text(encoding="utf-8") + "\nExtra regel.\n", encoding="utf-8")
    cache.cached_extract(str(plan), Settings())
    assert len(calls) == 2 and len(entries(cache_dir)) == 2


def test_changed_rules_miss(cache_dir, calls, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    settings = Settings(rules_dir=str(rules))
    cache.cached_extract(str(LEUSDEN_LETTER), settings)
    cache.cached_extract(str(LEUSDEN_LETTER), settings)
    assert len(calls) == 1
    config = rules / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    cache.cached_extract(str(LEUSDEN_LETTER), settings)
    assert len(calls) == 2


def test_key_depends_on_every_input(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    base = Settings(rules_dir=str(rules))
    key = cache.cache_key(b"plan", base)
    assert cache.cache_key(b"plan", Settings(rules_dir=str(rules))) == key
    assert cache.cache_key(b"plan.", base) != key
    assert cache.cache_key(b"plan", Settings(model="nl_core_news_md", rules_dir=str(rules))) != key
    (rules / "extra.yaml").write_text("x: 1\n", encoding="utf-8")  # any *.yaml counts
    assert cache.cache_key(b"plan", base) != key


def test_corrupt_entry_is_ignored_and_rewritten(cache_dir, calls):
    cache.cached_extract(str(LEUSDEN_LETTER), Settings())
    (entry,) = entries(cache_dir)
    entry.write_bytes(b"not a pickle")
    again = cache.cached_extract(str(LEUSDEN_LETTER), Settings())
    assert len(calls) == 2 and again.priorities
    cache.cached_extract(str(LEUSDEN_LETTER), Settings())
    assert len(calls) == 2  # rewritten: a hit again
    assert not list(cache_dir.glob(".tmp-*"))  # no temp files left behind


def test_no_cache_bypasses(cache_dir, calls):
    cache.cached_extract(str(LEUSDEN_LETTER), Settings(), use_cache=False)
    assert not cache_dir.exists()
    cache.cached_extract(str(LEUSDEN_LETTER), Settings())
    cache.cached_extract(str(LEUSDEN_LETTER), Settings(), use_cache=False)
    assert len(calls) == 3


def test_no_cache_option_of_the_cli(cache_dir, tmp_path):
    out = tmp_path / "out"
    args = ["batch", str(TWENTE), "-r", str(HILVERSUM), "-o", str(out), "-q"]
    assert run_cli(*args, "--no-cache").exit_code == 0
    assert not entries(cache_dir)
    assert run_cli(*args).exit_code == 0
    assert len(entries(cache_dir)) == 2  # the plan and the regional strategy


def test_stdin_is_never_cached(cache_dir, monkeypatch):
    seen = []
    monkeypatch.setattr(pipeline, "extract_file", lambda path, settings: seen.append(path))
    cache.cached_extract("-", Settings())
    cache.cached_extract("-", Settings())
    assert seen == ["-", "-"] and not cache_dir.exists()


def test_unwritable_cache_does_not_fail_the_run(tmp_path, monkeypatch, calls):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))  # cannot be created
    extraction = cache.cached_extract(str(LEUSDEN_LETTER), Settings())
    assert extraction.priorities and len(calls) == 1


def test_prune_keeps_the_most_recently_used(tmp_path):
    for n in range(5):
        entry = tmp_path / f"{n}.pickle"
        entry.write_bytes(b"x")
        os.utime(entry, (1000 + n, 1000 + n))
    (tmp_path / "other.txt").write_text("not an entry")
    assert cache.prune(tmp_path, keep=2) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["3.pickle", "4.pickle", "other.txt"]


def test_cache_location_default_and_override(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    assert cache.cache_dir() == tmp_path
    monkeypatch.delenv(cache.CACHE_ENV)
    assert cache.cache_dir().name == "veiligheid-cli"


def test_cache_hit_does_not_import_spacy(tmp_path):
    """A warm run is fast because a cache hit needs no NLP model."""
    code = (
        "import sys\n"
        "from veiligheid_cli.cache import cached_extract\n"
        "from veiligheid_cli.pipeline import Settings\n"
        f"cached_extract({str(TWENTE)!r}, Settings())\n"
        "print('spacy' in sys.modules)\n"
    )
    env = dict(os.environ, **{cache.CACHE_ENV: str(tmp_path)})

    def spacy_imported() -> str:
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        return proc.stdout.strip()

    assert spacy_imported() == "True"  # miss: extracted
    assert spacy_imported() == "False"  # hit
