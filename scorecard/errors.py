"""Problems found in the data, the exceptions that carry them, and the CLI's exit codes."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """What `scorecard` returns; documented in the README."""

    OK = 0
    INVALID_DATA = 1  # the rules, evidence or policy have problems (listed on stderr)
    USAGE = 2  # bad arguments: unknown option, bad date, unknown obligation id
    OUTPUT = 3  # the output file could not be written (nothing was overwritten)
    RENDERER = 4  # a library the command needs is missing: the PDF renderer, or ingest's readers
    BUSY = 75  # another command is changing the evidence folder (its lock was not free in time)
    INTERNAL = 70  # a bug: no input or environment a user can produce should lead here
    PIPE_CLOSED = 141  # stdout's reader went away (`| head`): quiet, as a process killed by SIGPIPE
    # A signal (SIGINT, SIGTERM, SIGHUP) exits 128 + its number: 130, 143, 129.


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place: printed as `path:line:col: message`."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return escape_controls(f"{self.path}:{self.line}:{self.col}: {self.message}")


# C0 controls, DEL, C1 controls, the bidi embeddings, overrides, isolates and marks, the line and
# paragraph separators, and lone surrogates (undecodable bytes of a file name).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROLS_BUT_LINES = re.compile(_CONTROLS.pattern.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f"))
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str, keep_lines: bool = False) -> str:
    """`text` with every character that could move the cursor, retitle or recolour a terminal, fake a
    new line or reorder what is shown replaced by a visible escape (`\\x1b`, `\\n`, `\\u202e`).

    Why: file names and quotes reach stderr; a name holding ESC or a newline must not drive the
    terminal or forge a `path:line:col:` line of its own. `keep_lines` lets newlines and tabs pass,
    for a stream of whole messages (each already escaped).
    """
    return (_CONTROLS_BUT_LINES if keep_lines else _CONTROLS).sub(_escaped, text)


class InvalidData(Exception):
    """The rules, evidence or policy have problems; `problems` lists every one, sorted."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) found")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
