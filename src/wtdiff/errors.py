"""Errors wtdiff raises, and the exit code each one maps to.

Every failure a user can cause (a missing file, a format wtdiff cannot read, a
document with no text) is one of these, with a message that says what went
wrong, where, and what to do next. The CLI prints the message on one line and
exits with the class's ``exit_code``; only ``--debug`` shows a traceback.

    WtdiffError                      exit 1 (never raised directly)
    ├── UsageError                   exit 2  bad arguments or options
    │   └── UnknownEditionError              not an edition id or alias in the registry
    ├── InputError                   exit 3  a document cannot be read
    │   ├── FileMissingError                 the path does not exist
    │   ├── UnsupportedFormatError           not a format wtdiff reads
    │   ├── UnreadableDocumentError          the right format, but broken or empty
    │   └── RegistryError                    an edition file in versions/ is invalid
    ├── NetworkError                 exit 4  an edition could not be fetched
    └── OutputError                  exit 5  a report or cache file cannot be written
        └── CacheError                       the download cache cannot be written or used
            └── ChecksumError                a file's SHA-256 is not the expected one

Exit codes (also in the README): 0 success; 1 differences found with
``compare --check``; 2 usage; 3 unreadable input; 4 network; 5 output or cache.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_NETWORK = 4
EXIT_OUTPUT = 5


class WtdiffError(Exception):
    """Base class of every error wtdiff raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message if hint is None else f"{message} {hint}")


class UsageError(WtdiffError):
    """The command or its options were used wrongly."""

    exit_code = EXIT_USAGE


class InputError(WtdiffError):
    """A document could not be read."""

    exit_code = EXIT_INPUT


class FileMissingError(InputError):
    """The path given does not exist or is not a file."""


class UnsupportedFormatError(InputError):
    """The file is not in a format wtdiff can read."""


class UnreadableDocumentError(InputError):
    """The file has a supported format but is damaged, empty or has no text."""


class UnknownEditionError(UsageError):
    """An edition reference that is neither a file nor an id or alias in the registry.

    ``known`` holds the references the registry does know, ``suggestions`` the
    closest of them (for "did you mean").
    """

    def __init__(self, message: str, *, hint: str | None = None,
                 known: tuple[str, ...] = (), suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message, hint=hint)
        self.known = known
        self.suggestions = suggestions


class RegistryError(InputError):
    """A registry file (``versions/<family>/<edition>.toml``) is missing a key or has a bad value."""


class NetworkError(WtdiffError):
    """An official edition could not be downloaded."""

    exit_code = EXIT_NETWORK


class OutputError(WtdiffError):
    """A report, export or cache file could not be written."""

    exit_code = EXIT_OUTPUT


class CacheError(OutputError):
    """The download cache cannot be created, written or read."""


class ChecksumError(CacheError):
    """A downloaded or cached file does not have the SHA-256 it should have."""
