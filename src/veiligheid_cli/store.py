"""What the caches share, below every stage: the user cache directory, content digests and
plain values kept there. The extraction cache (`cache.py`), the lemma table and the analysed
theme terms build on it; nothing here imports a stage."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from . import __version__

CACHE_ENV = "VEILIGHEID_CACHE_DIR"
_FORMAT = 2  # bump when the cached dataclasses change shape
# Libraries whose version changes tokens, lemmas or stems, and so what is extracted.
_NLP_DISTRIBUTIONS = ("spacy", "spacy-lookups-data", "snowballstemmer", "PyStemmer")


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("veiligheid-cli"))


def package_version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "-"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The package version and source, and the versions of the NLP libraries.

    The source is part of the key so that an edited extractor (an editable install during
    development) does not serve results of the old code.
    """
    digest = hashlib.sha256(f"v{_FORMAT}\0{__version__}\0".encode())
    for name in _NLP_DISTRIBUTIONS:
        digest.update(f"{name}={package_version(name)}\0".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.glob("**/*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def code_key(*contents: str | bytes) -> str:
    """A key for `stored`: a digest of the code (`code_digest`) and of the given contents."""
    digest = hashlib.sha256(code_digest().encode())
    for part in contents:
        digest.update(b"\0" + (part.encode() if isinstance(part, str) else part))
    return digest.hexdigest()[:32]


def stored(name: str, key: str, build):
    """A value built once and kept in the user cache as `<name>-<key>.marshal` (plain data:
    strings, numbers, lists, tuples, dicts). An unreadable entry is rebuilt; a read-only or
    full cache directory only costs the time to build it again."""
    import marshal

    path = cache_dir() / f"{name}-{key}.marshal"
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        return marshal.loads(path.read_bytes())
    value = build()
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(value))
        os.replace(tmp, path)
        tmp = None
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return value
