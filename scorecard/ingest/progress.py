"""A progress bar on stderr when it is a terminal; nothing at all on a pipe or a file."""

from __future__ import annotations

import sys
import time


class Progress:
    """Files done and, within a long PDF, pages read; redrawn at most ten times a second."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.shown = False
        self.last = 0.0
        try:
            self.active = self.stream.isatty()
        except (AttributeError, ValueError):
            self.active = False

    def _draw(self, done: int, total: int, label: str, force: bool = False) -> None:
        if not self.active or total <= 0:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        filled = int(self.width * done / total)
        bar = "#" * filled + "-" * (self.width - filled)
        try:
            self.stream.write(f"\r[{bar}] {done}/{total} {label[:40]:40}")
            self.stream.flush()
            self.shown = True
        except (OSError, ValueError):
            self.active = False

    def page(self, done: int, total: int) -> None:
        if total >= 10:
            self._draw(done, total, "pages", force=done == total)

    def file(self, done: int, total: int, name: str) -> None:
        self._draw(done, total, name, force=True)

    def close(self) -> None:
        if self.shown:
            try:
                self.stream.write("\r" + " " * (self.width + 50) + "\r")
                self.stream.flush()
            except (OSError, ValueError):
                pass
