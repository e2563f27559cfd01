"""Reporters turn stage results into text. Writing is atomic: nothing is written half."""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from pathlib import Path

from ..errors import InputError

SCHEMA_PREFIX = "veiligheid"


def schema(name: str) -> str:
    return f"{SCHEMA_PREFIX}/{name}/v1"


def dump_json(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def emit(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file (a temp file renamed into place)."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(Path(output), text)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write text (UTF-8) or bytes to `path` through a temporary file renamed into place."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{path}: output directory {parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def md_escape(text: str) -> str:
    """Escape text for a markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def location(line: int | None, page: int | None) -> str:
    if line is None:
        return ""
    return f"p.{page} l.{line}" if page else f"l.{line}"


def rich_to_text(renderables: list, width: int = 120) -> str:
    """Rich renderables as plain text (no colour), for files, pipes and tests."""
    from rich.console import Console

    console = Console(record=True, file=io.StringIO(), width=width, color_system=None)
    for r in renderables:
        console.print(r)
    return console.export_text()


def text_width(default: int = 120) -> int:
    """The width of plain-text tables: $COLUMNS where set (also in a pipe), else `default`."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return default
    return columns if 40 <= columns <= 1000 else default


def render_rich(renderables: list, output: str | None, width: int | None = None) -> None:
    """Print rich renderables: in colour on a terminal, as plain text to a file or a pipe
    ($COLUMNS wide where set, else 120)."""
    from rich.console import Console

    if (output is None or output == "-") and sys.stdout.isatty():
        console = Console()
        for r in renderables:
            console.print(r)
        return
    emit(rich_to_text(renderables, width or text_width()), output)
