"""Errors that end a command with a one-line message and a documented exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1  # check findings at or above the fail level, or align thresholds not met
EXIT_USAGE = 2  # usage or input error


class VeiligheidError(Exception):
    """Base class: the CLI prints `veiligheid: error: <message>` and exits with `exit_code`."""

    exit_code = EXIT_USAGE


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
