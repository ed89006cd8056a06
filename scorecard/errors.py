"""Problems found in the data, the exceptions that carry them, and the CLI's exit codes."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import IntEnum
from typing import Iterable


class ExitCode(IntEnum):
    """What `scorecard` returns; documented in the README."""

    OK = 0
    INVALID_DATA = 1  # the rules, evidence or policy have problems (listed on stderr)
    USAGE = 2  # bad arguments: unknown option, bad date, unknown obligation id
    OUTPUT = 3  # the output file could not be written (nothing was overwritten)
    RENDERER = 4  # the PDF renderer is unavailable (WeasyPrint or Pango missing)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place: printed as `path:line:col: message`."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class DataError(Exception):
    """Raised when data cannot be used; carries every problem found, sorted."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s)")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
