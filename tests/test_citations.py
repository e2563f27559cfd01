"""Every priority, goal and regional reference cites the line where its own text starts, not
the first line of its paragraph: the cited line of the source holds the item's first words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from veiligheid_cli.pipeline import Settings, extract_file

from conftest import CORPUS, FIXTURES

DOCUMENTS = sorted(
    [*CORPUS.glob("*.txt"), *(FIXTURES / "plans").glob("*.txt"), *(FIXTURES / "plans").glob("*.md"),
     *FIXTURES.glob("*.txt"), *FIXTURES.glob("*.md")]
)  # fmt: skip


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", text.lower()).split()


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_the_cited_line_holds_the_first_words(path: Path):
    lines = path.read_text(encoding="utf-8").split("\n")  # not splitlines: form feeds stay
    ex = extract_file(path, Settings())
    wrong = []
    for item in [*ex.priorities, *ex.goals, *ex.regional_references]:
        first = _words(item.text)[:2]
        cited = _words(lines[item.line - 1]) if 0 < item.line <= len(lines) else []
        if not first or first[0] not in cited:
            wrong.append(f"l.{item.line} {item.text[:50]!r}")
    assert not wrong, wrong
