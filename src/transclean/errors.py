"""Typed errors: each carries a one-line message, an optional hint and the exit code to use.

The library raises these and never prints or exits; the CLI turns them into one line on stderr
("transclean: error: FILE: problem") and the exit code below.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FLAGS = 1
EXIT_USAGE = 2


class TranscleanError(Exception):
    """Base of every error transclean reports to a user."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path

    def one_line(self) -> str:
        """Return the error as the single line the CLI prints."""
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class InputError(TranscleanError):
    """An input file cannot be read as text: missing, binary, undecodable."""


class GlossaryError(TranscleanError):
    """A glossary file is malformed; the message names the line or entry."""


class UsageError(TranscleanError):
    """Options that contradict each other or name something unknown."""


class OutputError(TranscleanError):
    """An output cannot be written."""
