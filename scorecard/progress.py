"""What `scorecard report` is doing, on a terminal: its stages, the time each took, and the pages.

Nothing at all when stderr is not a terminal (a pipe, a file, CI), so logs and tests stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Writes one line per stage to `stream`, or nothing when `stream` is None."""

    def __init__(self, stream: TextIO | None, clock=time.monotonic):
        self.stream, self.clock = stream, clock
        self.start = self.last = clock()

    @classmethod
    def for_stderr(cls) -> Progress:
        """Progress on stderr when it is a terminal, silence otherwise."""
        err = sys.stderr
        try:
            tty = err.isatty()
        except (AttributeError, ValueError, OSError):
            tty = False
        return cls(err if tty else None)

    def _say(self, text: str) -> None:
        if self.stream is None:
            return
        try:
            self.stream.write(text + "\n")
            self.stream.flush()
        except (OSError, ValueError):
            self.stream = None

    def stage(self, name: str) -> None:
        self.last = self.clock()
        self._say(f"scorecard: {name}\u2026")

    def pages(self, n: int) -> None:
        self._say(f"scorecard: {n} pages laid out in {self.clock() - self.last:.1f} s; writing the PDF\u2026")
        self.last = self.clock()

    def done(self) -> None:
        self._say(f"scorecard: done in {self.clock() - self.start:.1f} s")
