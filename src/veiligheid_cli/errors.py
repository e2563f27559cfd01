"""Errors that end a command with a one-line message and a documented exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1  # check findings at or above the fail level, or align thresholds not met
EXIT_USAGE = 2  # usage or input error


class VeiligheidError(Exception):
    """Base class: the CLI prints `veiligheid: error: <message>` and exits with `exit_code`.
    The message is always one line (control characters in names or keys shown escaped)."""

    exit_code = EXIT_USAGE

    def __str__(self) -> str:
        return one_line(super().__str__())


class InputError(VeiligheidError):
    """The input file cannot be read as a policy document."""


class RulesError(VeiligheidError):
    """A rules file is missing, malformed or inconsistent."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UsageError(VeiligheidError):
    """An option value or combination is not valid."""


def one_line(message: str) -> str:
    """`message` safe for a one-line error: control characters and line or paragraph
    separators (which a file name or a YAML key may hold) shown as escapes."""
    import unicodedata

    return "".join(
        ascii(ch)[1:-1] if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in message
    )
