"""Import spaCy without its command line: `from .spacy_import import spacy` before any other
import of spaCy (the modules that use spaCy import it so, as their first import).

`import spacy` runs `from .cli.info import info`, and `spacy.cli` imports every spaCy command
with what they need (requests, weasel, the project and download tooling): about a third of
the import, none of it used by a pipeline. While spaCy is imported, `spacy.cli` and
`spacy.cli.info` are placeholders; they are taken away afterwards, so that an `import
spacy.cli` later (ours never does) loads the real package. `spacy.info()` still works: it
loads the real one when called. Any other name asked of a placeholder also loads the real
module, so a spaCy version that imports more from its command line is slower, not broken.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_PLACEHOLDERS = ("spacy.cli", "spacy.cli.info")


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, from the real command line when it is called."""
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


class _Placeholder(types.ModuleType):
    """Stands for a module of spaCy's command line while spaCy is imported."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        _remove_placeholders()
        return getattr(importlib.import_module(self.__name__), name)


def _remove_placeholders() -> None:
    for name in _PLACEHOLDERS:
        if isinstance(sys.modules.get(name), _Placeholder):
            del sys.modules[name]
    spacy = sys.modules.get("spacy")
    if spacy is not None and isinstance(vars(spacy).get("cli"), _Placeholder):
        delattr(spacy, "cli")


def import_spacy() -> types.ModuleType:
    """The `spacy` module, imported without `spacy.cli` when it is not imported yet."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    package = _Placeholder("spacy.cli")
    package.__path__ = []  # a package, so that "spacy.cli.info" can be imported from it
    info = _Placeholder("spacy.cli.info")
    info.info = _info
    sys.modules.update({"spacy.cli": package, "spacy.cli.info": info})
    try:
        return importlib.import_module("spacy")
    finally:
        _remove_placeholders()


spacy = import_spacy()
