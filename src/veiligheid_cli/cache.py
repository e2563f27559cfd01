"""A cache of extracted documents, so a second run over unchanged files is fast.

An entry is keyed by the SHA-256 of the file's bytes, the tool version, the contents of every
rules file and the spaCy model, so changing any of them misses the cache. Entries live in the
user cache directory (`$VEILIGHEID_CACHE_DIR` overrides it) and are written atomically; an entry
that cannot be read is ignored and rewritten. A cache hit does not import spaCy.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import tempfile
from pathlib import Path

from . import __version__
from .model import Extraction
from .pipeline import Settings

CACHE_ENV = "VEILIGHEID_CACHE_DIR"
_FORMAT = 1  # bump when the pickled dataclasses change shape


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("veiligheid-cli"))


def model_name(settings: Settings) -> str:
    """The model a run would use, found without importing spaCy."""
    if settings.model:
        return settings.model
    from .nlp_names import TRAINED_MODELS

    return next((m for m in TRAINED_MODELS if importlib.util.find_spec(m) is not None), "builtin")


def rules_digest(rules_dir: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(rules_dir).glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(data: bytes, settings: Settings) -> str:
    digest = hashlib.sha256()
    for part in (
        f"v{_FORMAT}",
        __version__,
        model_name(settings),
        rules_digest(settings.resolved_rules()),
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def cached_extract(path: str, settings: Settings, use_cache: bool = True) -> Extraction:
    """`pipeline.extract_file`, served from the cache when the same inputs were seen before."""
    from .pipeline import extract_file

    if not use_cache or path == "-" or not Path(path).is_file():
        return extract_file(path, settings)  # stdin and bad paths: no caching, normal errors
    entry = cache_dir() / f"{cache_key(Path(path).read_bytes(), settings)}.pickle"
    extraction = _load(entry)
    if extraction is None:
        extraction = extract_file(path, settings)
        _store(entry, extraction)
    extraction.document.path = path
    return extraction


def _load(entry: Path) -> Extraction | None:
    try:
        with entry.open("rb") as fh:
            value = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or foreign file: ignore it, it will be rewritten
        return None
    return value if isinstance(value, Extraction) else None


def _store(entry: Path, extraction: Extraction) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=entry.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(extraction, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:
        pass  # a read-only or full cache directory must not fail the run
