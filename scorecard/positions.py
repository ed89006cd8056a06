"""Lines and columns: where each line of a text starts, the line and column of an offset, and a
problem found at one.
"""

from __future__ import annotations

import bisect
import re

YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as libyaml counts lines


class YamlProblem(Exception):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def line_starts(text: str, breaks: re.Pattern[str] = YAML_BREAK) -> list[int]:
    """Offset of the first character of each line (line breaks as `breaks` defines them)."""
    return [0, *(m.end() for m in breaks.finditer(text))]


def position(starts: list[int], index: int) -> tuple[int, int]:
    """Line and column (1-based) of character `index`, given the lines' `starts`."""
    line = bisect.bisect_right(starts, index)
    return line, index - starts[line - 1] + 1
