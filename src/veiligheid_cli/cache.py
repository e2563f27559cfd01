"""A cache of extracted documents, so a second run over unchanged files is fast.

An entry is keyed by the SHA-256 of the file's bytes, the tool version and source, the versions
of the NLP libraries, the contents of every rules file and the spaCy model, so changing any of
them misses the cache. Entries live in the user cache directory (`$VEILIGHEID_CACHE_DIR`
overrides it) and are written atomically; an entry that cannot be read is ignored and
rewritten. The newest `MAX_ENTRIES` entries are kept (a hit counts as use). A cache hit does
not import spaCy.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .model import Document, Extraction
from .pipeline import Settings
from .store import CACHE_ENV, cache_dir, code_digest, package_version

__all__ = ["CACHE_ENV", "cache_dir", "cached_extract", "code_digest", "prune"]

Reader = Callable[[str, Settings], Document]
MAX_ENTRIES = 1000  # about 170 kB per full-size plan
_SUFFIX = ".pickle"


def model_name(settings: Settings) -> str:
    """The model a run would use, found without importing spaCy."""
    if settings.model:
        return settings.model
    from .nlp_names import TRAINED_MODELS

    return next((m for m in TRAINED_MODELS if importlib.util.find_spec(m) is not None), "builtin")


@lru_cache(maxsize=8)
def _model_digest(name: str) -> str:
    """A model's name with its package version, or with its meta.json for a model directory."""
    meta = Path(name) / "meta.json"
    if meta.is_file():
        return f"{name}={hashlib.sha256(meta.read_bytes()).hexdigest()}"
    return name if name == "builtin" else f"{name}={package_version(name)}"


def rules_digest(rules_dir: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(rules_dir).glob("*.yaml")):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def cache_key(data: bytes, settings: Settings) -> str:
    digest = hashlib.sha256()
    for part in (
        code_digest(),
        _model_digest(model_name(settings)),
        rules_digest(settings.resolved_rules()),
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def cached_extract(
    path: str, settings: Settings, use_cache: bool = True, read: Reader | None = None
) -> Extraction:
    """`pipeline.extract_file`, served from the cache when the same inputs were seen before;
    `read` ingests the file on a miss (as `pipeline.ingest_file` would; `read_ahead.py`)."""
    from .pipeline import analyse_document, extract_file

    entry = _entry(path, settings) if use_cache else None
    extraction = _load(entry) if entry is not None else None
    if extraction is None:
        extraction = (
            extract_file(path, settings)
            if read is None
            else analyse_document(read(path, settings), settings)
        )
        if entry is not None:
            _store(entry, extraction)
    if entry is not None:
        extraction.document.path = path  # the path as given this time, not as first seen
    return extraction


def is_cached(path: str, settings: Settings) -> bool:
    """Whether the cache holds the extraction of `path` (as the file is now)."""
    entry = _entry(path, settings)
    return entry is not None and entry.is_file()


def _entry(path: str, settings: Settings) -> Path | None:
    """The cache file of `path`; None for stdin, a bad path or an unreadable file (no
    caching: the reader gives the error message)."""
    if path == "-" or not Path(path).is_file():
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return cache_dir() / f"{cache_key(data, settings)}{_SUFFIX}"


def _load(entry: Path) -> Extraction | None:
    try:
        with entry.open("rb") as fh:
            value = pickle.load(fh)
    except Exception:  # missing, truncated or foreign: ignore it, it will be rewritten
        return None
    if not isinstance(value, Extraction):
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: kept when the cache is pruned
    return value


def _store(entry: Path, extraction: Extraction) -> None:
    """Write an entry atomically; a read-only or full cache directory must not fail the run."""
    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=entry.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(extraction, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        tmp = None
        prune(entry.parent)
    except Exception:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def prune(directory: Path, keep: int = MAX_ENTRIES) -> int:
    """Remove all but the `keep` most recently used entries; returns how many were removed."""
    try:
        entries = [e for e in os.scandir(directory) if e.name.endswith(_SUFFIX)]
    except OSError:
        return 0
    if len(entries) <= keep:
        return 0

    def mtime(e: os.DirEntry) -> float:
        try:
            return e.stat().st_mtime
        except OSError:
            return 0.0

    removed = 0
    for e in sorted(entries, key=mtime, reverse=True)[keep:]:
        try:
            os.unlink(e.path)
            removed += 1
        except OSError:
            pass
    return removed
