"""Every change to a project's evidence folder: one lock, one staged change checked whole, all or none.

`ingest`, `review --apply`, the terminal review's save and `override` write only through here:

1. `open_transaction(evidence)` takes the project's lock, an advisory lock (flock) on
   `EVIDENCE/.scorecard.lock`. A second writer waits up to `SCORECARD_LOCK_WAIT` seconds (default
   30), then gives up with `Busy`, which the CLI reports as "busy" (exit 75).
2. Under the lock, whatever an earlier writer left unfinished is settled first (`_recover`), then
   the command reads the current files (`read`) and stages its changes (`write`, `append`).
3. `check(rules, policy)` runs the same load and checks as `scorecard validate` on the evidence
   folder as it would be, the staged bytes standing in for the files they replace (nothing is
   copied; no link is followed).
4. `commit()` writes every staged file, the audit log included, each to a temporary file beside
   its target; records the list of renames in `EVIDENCE/.scorecard.journal`; then renames each
   into place and removes the journal. A crash before the journal is complete leaves only
   temporary files, removed by the next writer; a crash after it leaves the journal, which the
   next writer completes. Either way every file ends as it was before or as it is after.

Nothing is written through a symbolic link, into a folder reached through one, or onto anything
but a regular file: a target that is a link, a FIFO, a device or a folder is refused (`Unsafe`)
before anything is written. Folders are walked with descriptors opened O_NOFOLLOW, so a link
swapped in while the command runs is not followed either. New files get the permissions the
umask allows (0666 less the umask), as other tools' files do; a replaced file keeps its own.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from scorecard.errors import Problem
from scorecard.files import kind_name
from scorecard.output import COMMITTED, TEMPORARIES, _signals_held

LOCK_NAME = ".scorecard.lock"
JOURNAL_NAME = ".scorecard.journal"
TEMP_MARK = ".scorecard-tmp"
DEFAULT_WAIT = 30.0
READ_LIMIT = 64 * 1024 * 1024  # the most a transaction reads of one file (documents may be large)
# The order files are renamed in: what others name comes first, so that a reader between two
# renames (a `validate` that does not take the lock) sees fewer dangling references.
_ORDER = ("documents/", "sources.yaml", "origins.yaml", "items/", "overrides.yaml", "review/", "audit.log")


class Busy(Exception):
    """Another command holds the project's lock."""


class Unsafe(Exception):
    """A path the transaction may not read or write (a link, not a regular file, outside, too large)."""


class Rejected(Exception):
    """The staged change would not pass `validate`; `problems` says where."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class WriteFailed(Exception):
    """Writing failed (a full disk, a read-only folder); nothing was changed."""


def lock_wait() -> float:
    """Seconds a writer waits for the lock: `SCORECARD_LOCK_WAIT`, else 30."""
    try:
        wait = float(os.environ.get("SCORECARD_LOCK_WAIT", DEFAULT_WAIT))
    except ValueError:
        return DEFAULT_WAIT
    return wait if 0 <= wait < 86_400 else DEFAULT_WAIT


def _relative(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or ".." in path.parts or "\0" in rel:
        raise Unsafe(f"'{rel}' is not a path inside the evidence folder")
    return path


def _open_dir(base_fd: int, parts: tuple[str, ...], create: bool, shown: str) -> int:
    """A descriptor of the folder `parts` below `base_fd`, never through a symbolic link."""
    fd = os.dup(base_fd)
    try:
        for part in parts:
            try:
                nxt = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                os.mkdir(part, 0o777, dir_fd=fd)
                nxt = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise Unsafe(
                        f"{shown}: '{part}' is a symbolic link or not a folder; nothing is written through it"
                    ) from None
                raise
            os.close(fd)
            fd = nxt
        return fd
    except BaseException:
        os.close(fd)
        raise


class Transaction:
    """Staged changes to one evidence folder, made under its lock; see the module's docstring."""

    def __init__(self, evidence: Path, fd: int, lock_fd: int):
        self.evidence = evidence
        self._fd = fd  # the evidence folder, opened without following a link
        self._lock_fd = lock_fd
        self._staged: dict[str, bytes] = {}
        self._temps: list[tuple[int, str, str]] = []  # (folder fd, temporary name, target name)

    # Reading -------------------------------------------------------------------------------
    def shown(self, rel: str) -> str:
        return (self.evidence / rel).as_posix()

    def _lstat(self, rel: str) -> os.stat_result | None:
        path = _relative(rel)
        try:
            dfd = _open_dir(self._fd, path.parts[:-1], False, self.shown(rel))
        except FileNotFoundError:
            return None
        try:
            return os.stat(path.name, dir_fd=dfd, follow_symlinks=False)
        except FileNotFoundError:
            return None
        finally:
            os.close(dfd)

    def exists(self, rel: str) -> bool:
        return rel in self._staged or self._lstat(rel) is not None

    def read(self, rel: str, limit: int = READ_LIMIT) -> bytes | None:
        """The file's bytes as staged, else as on disk; None if it does not exist; Unsafe if it is
        a link or not a regular file, or larger than `limit`."""
        if rel in self._staged:
            return self._staged[rel]
        path = _relative(rel)
        try:
            dfd = _open_dir(self._fd, path.parts[:-1], False, self.shown(rel))
        except FileNotFoundError:
            return None
        try:
            try:
                fd = os.open(
                    path.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dfd
                )
            except FileNotFoundError:
                return None
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    raise Unsafe(
                        f"{self.shown(rel)} is a symbolic link: it is neither read nor written"
                    ) from None
                raise
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                os.close(fd)
                if info.st_size > limit and stat.S_ISREG(info.st_mode):
                    raise Unsafe(f"{self.shown(rel)} is larger than {limit // (1024 * 1024)} MiB: not read")
                raise Unsafe(
                    f"{self.shown(rel)} is {kind_name(info.st_mode)}, not a regular file: "
                    "it is neither read nor written"
                )
            with os.fdopen(fd, "rb") as f:
                return f.read(limit + 1)[:limit]
        finally:
            os.close(dfd)

    # Staging -------------------------------------------------------------------------------
    def write(self, rel: str, data: bytes) -> None:
        """Stage `data` as the new content of `rel` (a path inside the evidence folder)."""
        _relative(rel)
        info = self._lstat(rel) if rel not in self._staged else None
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise Unsafe(
                f"{self.shown(rel)} is {kind_name(info.st_mode)}, not a regular file: nothing is written to it"
            )
        self._staged[rel] = data

    def append(self, rel: str, data: bytes) -> None:
        """Stage `data` appended to the file's current content (a missing final newline added)."""
        old = self.read(rel) or b""
        if old and not old.endswith(b"\n"):
            old += b"\n"
        self.write(rel, old + data)

    @property
    def staged(self) -> dict[str, bytes]:
        return dict(self._staged)

    def overlay(self) -> dict[str, bytes]:
        """The staged files by absolute path, for the loader to read in place of the disk."""
        base = os.path.realpath(self.evidence)
        return {os.path.join(base, *PurePosixPath(rel).parts): data for rel, data in self._staged.items()}

    def check(self, rules: Path, policy: Path | None) -> None:
        """Load and check the project as it would be after commit, exactly as `validate` does."""
        from scorecard.pipeline import load_and_check

        _, problems = load_and_check(rules, self.evidence, policy, overlay=self.overlay())
        if problems:
            raise Rejected(problems)

    # Writing -------------------------------------------------------------------------------
    def commit(self) -> None:
        """Write every staged file or none (WriteFailed says why; nothing was changed)."""
        if not self._staged:
            return
        order = sorted(
            self._staged, key=lambda r: next((n for n, p in enumerate(_ORDER) if r.startswith(p)), 99)
        )
        renames: list[tuple[str, str]] = []
        try:
            for rel in order:
                renames.append((self._temporary(rel, self._staged[rel]), rel))
            journal = json.dumps({"renames": renames}).encode()
            jtemp = self._temporary(JOURNAL_NAME, journal)
        except OSError as exc:
            self._discard()
            raise WriteFailed(
                f"cannot write {self.shown(rel)}: {exc.strerror or exc}; nothing was changed"
            ) from None
        with _signals_held():  # from here the change is decided: a signal waits until it is made
            os.rename(jtemp, JOURNAL_NAME, src_dir_fd=self._fd, dst_dir_fd=self._fd)
            TEMPORARIES.discard(self.shown(jtemp))
            os.fsync(self._fd)
            _finish(self._fd, renames)
            self._temps.clear()
            COMMITTED.append(self.shown("").rstrip("/") or ".")

    def _temporary(self, rel: str, data: bytes) -> str:
        """Write `data` to a new temporary file beside `rel`; its name relative to the evidence folder."""
        path = _relative(rel)
        dfd = _open_dir(self._fd, path.parts[:-1], True, self.shown(rel))
        try:
            mode = 0o666
            try:
                info = os.stat(path.name, dir_fd=dfd, follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode):
                    raise Unsafe(
                        f"{self.shown(rel)} is {kind_name(info.st_mode)}, not a regular file: nothing is written to it"
                    )
                mode = stat.S_IMODE(info.st_mode)
            except FileNotFoundError:
                info = None
            name = f".{path.name}.{os.getpid()}.{len(self._temps)}{TEMP_MARK}"
            temp_rel = str(path.parent / name) if path.parent.parts else name
            with _signals_held():
                fd = os.open(
                    name,
                    os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                    mode,
                    dir_fd=dfd,
                )
                self._temps.append((os.dup(dfd), name, path.name))
                TEMPORARIES.add(self.shown(temp_rel))
            with os.fdopen(fd, "wb") as f:
                if info is not None:
                    os.fchmod(fd, mode)
                f.write(data)
                f.flush()
                os.fsync(fd)
            return temp_rel
        finally:
            os.close(dfd)

    def _discard(self) -> None:
        for dfd, name, _ in self._temps:
            try:
                os.unlink(name, dir_fd=dfd)
            except OSError:
                pass
            os.close(dfd)
        for shown in [t for t in TEMPORARIES if TEMP_MARK in t]:
            TEMPORARIES.discard(shown)
        self._temps.clear()

    def close(self) -> None:
        self._discard()
        os.close(self._fd)
        os.close(self._lock_fd)  # releases the lock


def _finish(base_fd: int, renames: list[tuple[str, str]]) -> None:
    """Rename each temporary over its target, then remove the journal (also used to recover)."""
    folders: set[tuple[str, ...]] = set()
    for temp, rel in renames:
        path, tpath = PurePosixPath(rel), PurePosixPath(temp)
        dfd = _open_dir(base_fd, path.parts[:-1], True, rel)
        try:
            try:
                os.rename(tpath.name, path.name, src_dir_fd=dfd, dst_dir_fd=dfd)
            except FileNotFoundError:
                pass  # renamed already, before a crash
            TEMPORARIES.discard(temp)
            if path.parts[:-1] not in folders:
                folders.add(path.parts[:-1])
                os.fsync(dfd)
        finally:
            os.close(dfd)
    os.unlink(JOURNAL_NAME, dir_fd=base_fd)
    os.fsync(base_fd)


def _recover(base_fd: int) -> None:
    """Settle what an interrupted writer left: complete a journalled change, remove stray temporaries."""
    try:
        fd = os.open(JOURNAL_NAME, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=base_fd)
    except FileNotFoundError:
        fd = None
    if fd is not None:
        with os.fdopen(fd, "rb") as f:
            renames = [tuple(x) for x in json.loads(f.read() or b"{}").get("renames", [])]
        _finish(base_fd, [(str(t), str(r)) for t, r in renames])
    for parts in ((), ("items",), ("documents",), ("review",)):
        try:
            dfd = _open_dir(base_fd, parts, False, "/".join(parts))
        except (FileNotFoundError, Unsafe, OSError):
            continue
        try:
            for name in os.listdir(dfd):
                if name.endswith(TEMP_MARK):
                    try:
                        os.unlink(name, dir_fd=dfd)
                    except OSError:
                        pass
        finally:
            os.close(dfd)


def _take_lock(evidence_fd: int, shown: str, wait: float) -> int:
    try:
        fd = os.open(
            LOCK_NAME,
            os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK,
            0o666,
            dir_fd=evidence_fd,
        )
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Unsafe(f"{shown}/{LOCK_NAME} is a symbolic link: remove it") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise Unsafe(f"{shown}/{LOCK_NAME} is not a regular file: remove it")
    deadline = time.monotonic() + wait
    delay = 0.01
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise Busy(
                    f"another scorecard command is changing {shown}/ (it holds {shown}/{LOCK_NAME}); "
                    f"waited {wait:g} s; try again when it has finished"
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


@contextmanager
def open_transaction(evidence: Path, wait: float | None = None) -> Iterator[Transaction]:
    """The evidence folder's lock, held until the block ends; uncommitted changes are discarded."""
    shown = evidence.as_posix().rstrip("/") or "."
    try:
        base_fd = os.open(evidence, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise Unsafe(f"cannot open the evidence folder {shown}/: {exc.strerror or exc}") from None
    try:
        lock_fd = _take_lock(base_fd, shown, lock_wait() if wait is None else wait)
    except BaseException:
        os.close(base_fd)
        raise
    txn = Transaction(evidence, base_fd, lock_fd)
    try:
        _recover(base_fd)
        yield txn
    finally:
        txn.close()
