"""Where `-o FILE` writes, without ever leaving a half-written, clobbered or stray file behind.

A target is opened before the command does its work (so a path that cannot be written fails at
once, not after a minute of typesetting) and committed after it:

- a regular file, or a name that does not exist yet: written to a temporary file beside it
  (`.NAME.XXXXXXXX.tmp`), then renamed over it in one step; an existing file is replaced only when
  the new one is complete, and keeps its permissions;
- a symbolic link: followed; the file it points to is replaced as above and the link is kept (a
  dangling link gets its file created);
- stdout given by name (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`): the same as no `-o`;
  another open descriptor by name (`/dev/stderr`, `/dev/fd/3`): written to directly, so that a
  shell's `3>>log` appends instead of being replaced;
- a character device or a FIFO (a terminal, /dev/null, a named pipe someone reads): written to
  directly, not atomically (a FIFO waits for its reader); never replaced by a file;
- a folder, a socket, a block device or any other special file: refused (exit 3).

Every temporary file this process has created and not yet renamed or removed is listed in
TEMPORARIES, so that a signal handler can remove them (remove_temporaries) before exiting.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from scorecard.errors import ExitCode

TEMPORARIES: set[str] = set()
# Data changes this process has completed (scorecard/transaction.py), so that a signal handler
# never says "no file was changed" after one was. Signals are process-wide; so is this record.
COMMITTED: list[str] = []
_HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


class OutputError(Exception):
    """The output target cannot be (or could not be) written; carries the message and exit code."""

    def __init__(self, message: str, code: ExitCode = ExitCode.OUTPUT):
        super().__init__(message)
        self.message = message
        self.code = code


def remove_temporaries() -> None:
    """Remove every temporary file not yet renamed into place (for signal handlers and clean-up)."""
    for name in list(TEMPORARIES):
        try:
            os.unlink(name)
        except OSError:
            pass
        TEMPORARIES.discard(name)


@contextmanager
def _signals_held():
    """Hold SIGINT, SIGTERM and SIGHUP while a temporary file is created or renamed.

    Why: between creating the file and listing it in TEMPORARIES (or renaming it and delisting
    it) a handler would see the list out of step with the disk; held signals arrive just after.
    """
    try:
        before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    except (AttributeError, OSError, ValueError):
        before = None
    try:
        yield
    finally:
        if before is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _fd_alias(path: Path) -> int | None:
    """The descriptor `path` names (/dev/stdout, /dev/fd/N, /proc/self/fd/N, or a link to one)."""
    names = re.compile(
        rf"/dev/(stdin|stdout|stderr)|/dev/fd/([0-9]+)|/proc/(?:self|thread-self|{os.getpid()})"
        r"/fd/([0-9]+)"
    )
    here = os.path.abspath(path)
    for _ in range(40):
        m = names.fullmatch(here)
        if m:
            return ("stdin", "stdout", "stderr").index(m[1]) if m[1] else int(m[2] or m[3])
        if not os.path.islink(here):
            return None
        here = os.path.normpath(os.path.join(os.path.dirname(here), os.readlink(here)))
    return None


class Stdout:
    """No -o (or -o /dev/stdout): the result goes to sys.stdout."""

    direct = True

    def write(self, content: str | bytes) -> None:
        if isinstance(content, str):
            sys.stdout.write(content)
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()

    def commit(self) -> None:
        pass

    def discard(self) -> None:
        pass


class Descriptor:
    """An already open descriptor named by path (/dev/stderr, /dev/fd/3): written to, never closed."""

    direct = True

    def __init__(self, path: Path, fd: int):
        self.path, self.fd = path, fd
        try:
            os.fstat(fd)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {_reason(exc)}; nothing was written") from None

    def write(self, content: str | bytes) -> None:
        data = content.encode("utf-8", "backslashreplace") if isinstance(content, str) else content
        try:
            _write_all(self.fd, data)
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {_reason(exc)}") from None

    def commit(self) -> None:
        pass

    def discard(self) -> None:
        pass


class Device(Descriptor):
    """A character device or FIFO: opened for writing as it is (no create, no truncate), closed after."""

    def __init__(self, path: Path, real: Path):
        try:
            fd = os.open(real, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {_reason(exc)}; nothing was written") from None
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):  # swapped for something else meanwhile
            os.close(fd)
            raise OutputError(f"cannot write {path}: it changed while being opened; nothing was written")
        super().__init__(path, fd)

    def commit(self) -> None:
        self.discard()

    def discard(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class AtomicFile:
    """A regular file (or a new one): a temporary file beside it, renamed over it on commit."""

    direct = False

    def __init__(self, path: Path, real: Path):
        self.path, self.real = path, real
        folder = real.parent
        if not folder.is_dir():
            raise OutputError(f"cannot write {path}: folder {folder} does not exist; nothing was written")
        try:
            with _signals_held():
                self.fd, self.tmp = tempfile.mkstemp(prefix=f".{real.name[:200]}.", suffix=".tmp", dir=folder)
                TEMPORARIES.add(self.tmp)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {_reason(exc)}; nothing was written") from None

    def write(self, content: str | bytes) -> None:
        data = content.encode("utf-8", "backslashreplace") if isinstance(content, str) else content
        try:
            _write_all(self.fd, data)
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write {self.path}: {_reason(exc)}; nothing was written") from None

    def commit(self) -> None:
        try:
            os.fchmod(self.fd, _mode_for(self.real))  # mkstemp makes it private; the result should not be
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = -1
            with _signals_held():
                os.replace(self.tmp, self.real)
                TEMPORARIES.discard(self.tmp)
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write {self.path}: {_reason(exc)}; nothing was written") from None

    def discard(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        with _signals_held():
            Path(self.tmp).unlink(missing_ok=True)
            TEMPORARIES.discard(self.tmp)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def open_output(path: Path) -> Stdout | Descriptor | AtomicFile:
    """The target `path` names, opened for writing (see the module's docstring); OutputError if it cannot be."""
    fd = _fd_alias(path)
    if fd == 1:
        return Stdout()
    if fd is not None:
        return Descriptor(path, fd)
    real = Path(os.path.realpath(path))
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return AtomicFile(path, real)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}; nothing was written") from None
    if stat.S_ISREG(mode):
        return AtomicFile(path, real)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return Device(path, real)
    if stat.S_ISDIR(mode):
        raise OutputError(
            f"cannot write {path}: it is a folder; name a file (in it or elsewhere); nothing was written"
        )
    kind = "a socket" if stat.S_ISSOCK(mode) else "a block device" if stat.S_ISBLK(mode) else "a special file"
    raise OutputError(
        f"cannot write {path}: it is {kind}, which scorecard never writes into; nothing was written"
    )


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or those a new file gets under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
