"""The Dutch lookup lemma table of spacy-lookups-data, in a form that opens fast.

spaCy's lookup lemmatizer builds a hashed table of the 213,000 entries on every start (about
0.4 s). We read the same JSON once into an SQLite file in the user cache (keyed by the
spacy-lookups-data version and the file's size) and look words up as a document needs them
(each word once per process). The `veiligheid_lookup_lemmas` component gives every token the
lemma spaCy's Dutch lookup lemmatizer would: the table's entry for the lower-cased text, else
the lower-cased text.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.metadata
import importlib.util
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .errors import UsageError

_TABLE = "nl_lemma_lookup.json.gz"


def _source() -> Path:
    spec = importlib.util.find_spec("spacy_lookups_data")
    path = None
    if spec is not None and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "data" / _TABLE
    if path is None or not path.is_file():
        raise UsageError("cannot build the built-in Dutch pipeline: install spacy-lookups-data")
    return path


@lru_cache(maxsize=1)
def lemma_lookup() -> Callable[[list[str]], dict[str, str]]:
    """A function: words -> {word: lemma} for those the table has (one query per batch)."""
    source = _source()
    version = importlib.metadata.version("spacy-lookups-data")
    db = _cache_path(f"{version}-{source.stat().st_size}")
    connection = _open(db)
    if connection is None:
        table = json.loads(gzip.decompress(source.read_bytes()))
        _build(db, table)
        return lambda words: {w: table[w] for w in words if w in table}

    def lookup(words: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for k in range(0, len(words), _BATCH):
            batch = words[k : k + _BATCH]
            marks = ",".join("?" * len(batch))
            query = f"SELECT word, lemma FROM lemmas WHERE word IN ({marks})"
            found.update(connection.execute(query, batch).fetchall())
        return found

    return lookup


_BATCH = 900  # below SQLite's limit on parameters in older versions


def _cache_path(key: str) -> Path:
    from .store import cache_dir

    return cache_dir() / f"nl-lemmas-{key}.sqlite"


def _open(db: Path) -> sqlite3.Connection | None:
    """The cached table, read-only; None when it is missing or unreadable."""
    if not db.is_file():
        return None
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
        connection.execute("SELECT lemma FROM lemmas LIMIT 1").fetchone()
        return connection
    except sqlite3.Error:
        return None


def _build(db: Path, table: dict[str, str]) -> None:
    """Write the table atomically; a read-only or full cache directory only costs speed."""
    tmp = None
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".sqlite", dir=db.parent)
        os.close(fd)
        with contextlib.closing(sqlite3.connect(tmp)) as connection:
            connection.execute(
                "CREATE TABLE lemmas (word TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID"
            )
            connection.executemany("INSERT INTO lemmas VALUES (?, ?)", table.items())
            connection.commit()
        os.replace(tmp, db)
        tmp = None
    except (OSError, sqlite3.Error):
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
