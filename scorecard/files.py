"""Reading files from the data folders: regular files only, never past a size limit, never out of
their folder through a symbolic link; a byte that is not UTF-8 located at its line and column.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Protocol

from scorecard.positions import line_starts, position
from scorecard.quotes import DOCUMENT_BREAK

MiB = 1024 * 1024
# The largest file of each kind that is read (documented in the README): hundreds of times the
# shipped data (its largest YAML file is 27 KiB, its largest document 15 KiB), yet small enough
# that a mistaken file cannot exhaust memory or time.
LIMITS = {
    "YAML file": 8 * MiB,
    "document": 32 * MiB,
    "original document": 32 * MiB,
    "agreement text": 8 * MiB,
}
_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def bad_byte(
    raw: bytes, exc: UnicodeDecodeError, breaks: re.Pattern[str] = DOCUMENT_BREAK
) -> tuple[int, int, str]:
    """Line, column (1-based) and a message for the first byte that is not UTF-8."""
    before = raw[: exc.start].decode("utf-8")  # valid: the first bad byte is at exc.start
    message = f"byte 0x{raw[exc.start]:02X} is not UTF-8 (save the file as UTF-8)"
    return (*position(line_starts(before, breaks), len(before)), message)


class Refused(Exception):
    """A file that is not read: the message completes "this file …" or, if `os_error`, "cannot read …: "."""

    def __init__(self, message: str, os_error: bool = False):
        super().__init__(message)
        self.os_error = os_error


def read_regular(path: Path, limit: int, what: str) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes; else raise Refused.

    Nothing but a regular file is opened (a named pipe would block, a device never ends); the file
    is checked again once open, and never more than `limit` bytes are read even if it grows.
    """
    try:
        info = os.stat(path)
        _regular(info, limit, what)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(fd)
            _regular(info, limit, what)
            # As much as the file holds and one byte more (asking for `limit` would allocate that
            # much for every file); a file that grew since is read on, never past the limit.
            raw = f.read(info.st_size + 1)
            if len(raw) > info.st_size:
                raw += f.read(limit + 1 - len(raw))
    except OSError as exc:
        raise Refused(exc.strerror or str(exc), os_error=True) from None
    _regular(None, limit, what, len(raw))
    return raw


def _regular(info: os.stat_result | None, limit: int, what: str, size: int = 0) -> None:
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _NOT_REGULAR if test(info.st_mode)), "something else")
        raise Refused(f"is {kind}, not a regular file: not read")
    size = info.st_size if info is not None else size
    if size > limit:
        raise Refused(
            f"is {size / MiB:.1f} MiB; {what} may be at most {limit // MiB} MiB (see the README): not read"
        )


def inside_folder(path: Path, base: Path, real_base: str) -> str:
    """`path` with every link resolved; raise Refused if, found in the data folder `base`
    (`real_base` resolved), it leads out of it."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of symbolic links
        raise Refused(getattr(exc, "strerror", None) or str(exc), os_error=True) from None
    if not real.is_relative_to(real_base):
        raise Refused(f"leads through a symbolic link out of the data folder {base.as_posix()}/: not read")
    return str(real)


def inside(base: Path, relative: str, real_base: str | None = None) -> Path | str:
    """`base/relative` if it stays inside `base` (`real_base`: base resolved, where the caller has
    it), else a message saying why it may not be used."""
    if Path(relative).is_absolute():
        return f"path '{relative}' must be relative to {base.as_posix()}/"
    full = (base / relative).resolve()
    if not full.is_relative_to(real_base or base.resolve()):
        linked = Path(os.path.normpath(base / relative)).is_relative_to(os.path.normpath(base))
        how = "leads through a symbolic link out of" if linked else "escapes"
        return f"path '{relative}' {how} the data folder {base.as_posix()}/"
    return full


class Reporter(Protocol):
    """Where problems go while a project is read (load._Reader): the data folders as named and
    resolved, each path as the user should see it."""

    bases: dict[str, Path]

    def real_base(self, category: str) -> str: ...

    def shown(self, path: Path) -> str: ...

    def problem(self, path: str, line: int, col: int, message: str) -> None: ...


def strays(r: Reporter, folder: Path, named: set[str], depth: int = 0) -> None:
    """Report what no command may read or write in a data folder: a named pipe, a device or a
    socket, and a symbolic link that leads out of it (never followed here). `named`: paths the
    data names, whose problems are reported where they are named."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # reported where the folder is read
    real_base = r.real_base("evidence")
    for entry in entries:
        path = folder / entry.name
        if os.path.normpath(path) in named or (entry.name.endswith(".yaml") and folder.name == "items"):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode):
            try:
                inside_folder(path, r.bases["evidence"], real_base)
                target = os.stat(path)
            except (Refused, OSError) as exc:
                message = str(exc) if isinstance(exc, Refused) else f"is a broken link: {exc.strerror}"
                r.problem(r.shown(path), 1, 1, f"this file {message}")
                continue
            if not (stat.S_ISREG(target.st_mode) or stat.S_ISDIR(target.st_mode)):
                r.problem(r.shown(path), 1, 1, f"this file {kind_of(target.st_mode)}")
        elif stat.S_ISDIR(info.st_mode):
            if depth < 3:
                strays(r, path, named, depth + 1)
        elif not stat.S_ISREG(info.st_mode):
            r.problem(r.shown(path), 1, 1, f"this file {kind_of(info.st_mode)}")


def kind_name(mode: int) -> str:
    """What a file of this mode is, when it is not a regular file: `a named pipe (FIFO)`, …"""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return next((name for test, name in _NOT_REGULAR if test(mode)), "something else")


def kind_of(mode: int) -> str:
    return f"is {kind_name(mode)}, not a regular file: not read"
