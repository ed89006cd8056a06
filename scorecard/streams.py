"""stdout and stderr as the `scorecard` command uses them.

Results go to stdout as UTF-8 whatever the locale, so `scorecard score -f json > x.json` holds the
same bytes as `-o x.json` and JSON is never cut short by a character the terminal's encoding lacks.
Diagnostics go to stderr in the terminal's encoding, with control characters made visible and any
character the encoding lacks written as a backslash escape: a message is never lost to encoding.

Neither stream buffers: a failed write is reported where it happens (stdout: StdoutError, which
the command turns into an exit code), and nothing is left for Python to flush, and fail on, at exit.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import select
import sys

from scorecard.errors import escape_controls


class StdoutError(Exception):
    """stdout could not take the result: closed, full, or a pipe whose reader has gone.

    Not an OSError on purpose: the CLI framework handles some OSErrors itself; this must reach main().
    """

    def __init__(self, code: int, reason: str):
        super().__init__(code, reason)
        self.errno = code
        self.reason = reason


def _write_all(fd: int, data: bytes) -> None:
    """Every byte of `data` to `fd`, waiting when the descriptor is non-blocking and full."""
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            select.select([], [fd], [])


class _Bytes:
    """stdout's binary side (`sys.stdout.buffer`), for a PDF sent to stdout."""

    def __init__(self, owner: ResultStream):
        self._owner = owner

    def write(self, data: bytes) -> int:
        return self._owner.write_bytes(bytes(data))

    def flush(self) -> None:
        pass


class ResultStream(io.TextIOBase):
    """stdout: UTF-8, unbuffered; every failure raises StdoutError."""

    encoding = "utf-8"
    errors = "backslashreplace"

    def __init__(self, fd: int = 1, closed_at_start: bool = False):
        super().__init__()
        self._fd = fd
        self._closed_at_start = closed_at_start
        self._discarding = False
        self.buffer = _Bytes(self)

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return not self._closed_at_start and os.isatty(self._fd)

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.write_bytes(text.encode("utf-8", "backslashreplace"))
        return len(text)

    def write_bytes(self, data: bytes) -> int:
        if not data or self._discarding:
            return len(data)
        if self._closed_at_start:
            raise StdoutError(errno.EBADF, "stdout is closed")
        try:
            _write_all(self._fd, data)
        except OSError as exc:
            raise StdoutError(exc.errno or 0, exc.strerror or str(exc)) from None
        return len(data)

    def discard(self) -> None:
        """From now on drop whatever is written: the failure has been reported once."""
        self._discarding = True


class DiagnosticStream(io.TextIOBase):
    """stderr: the terminal's encoding with backslash escapes, control characters made visible.

    Newlines and tabs pass (messages are lines); every other control character, bidi override or
    undecodable byte is shown as an escape, whoever writes the message. A failed write is dropped:
    there is nowhere left to report it, and the exit code still says what happened.
    """

    errors = "backslashreplace"

    def __init__(self, fd: int = 2, encoding: str | None = None):
        super().__init__()
        self._fd = fd
        try:
            self._encoding = codecs.lookup(encoding or "utf-8").name
        except LookupError:
            self._encoding = "utf-8"

    @property
    def encoding(self) -> str:  # type: ignore[override]  # read-only, as on sys.stderr
        return self._encoding

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        data = escape_controls(text, keep_lines=True).encode(self._encoding, "backslashreplace")
        try:
            _write_all(self._fd, data)
        except OSError:
            pass
        return len(text)


def _keep_standard_descriptors_open() -> bool:
    """Put /dev/null on any of descriptors 0-2 that is closed; say whether stdout (1) was.

    Why: a file opened later would otherwise take the free number, and anything written to "stderr"
    (by a library, say) would land in the output file.
    """
    stdout_closed = False
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            stdout_closed = stdout_closed or fd == 1
    return stdout_closed


def install() -> ResultStream:
    """Replace sys.stdout and sys.stderr for the command's lifetime; return the stdout stream."""
    stdout_closed = _keep_standard_descriptors_open()
    encoding = getattr(sys.stderr, "encoding", None)
    sys.stdout = out = ResultStream(1, closed_at_start=stdout_closed)
    sys.stderr = DiagnosticStream(2, encoding)
    return out
