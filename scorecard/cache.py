"""A content-addressed cache of parsed data files and of where quotes stand in documents, so that
re-running after one edit parses and searches again only what changed.

An entry holds the data of one YAML file as the parser built it (mappings, lists, text, numbers):
parsing is most of the cost of loading. It is found by the sha256 of the file's bytes, the
parser (PyYAML's version, and libyaml's when it parses: yamlnodes.PARSER) and the code's
fingerprint (the sha256 of every module of the package, and the Python and pydantic versions), so
an edited file, another parser or another release of the code never meets an entry made from
something else. Only files with nothing to report are stored: a file with a problem is parsed
afresh each time, and every problem keeps its line and column. What is read from the cache is
checked exactly as freshly parsed data is: validated against the models, then every cross-file
check (references, duplicate ids, quotes against their documents, time). For each document (by
the sha256 of its bytes) the cache also keeps the places of the quotes found in it, so a quote
already found in the same bytes is not searched for again; a quote not found is never stored.

The cache is never trusted over the inputs:
- each entry records its own key and a keyed hash (HMAC-SHA256) of its payload, both checked on
  reading; the hash's key is a random secret made with the folder (`secret`, readable by its
  owner only), so an entry written by anything but this code with that folder's secret is a miss;
- a remembered place of a quote is checked against the document's text at that place before it
  is used (integrity.py): it saves the search, never the check;
- it is read with an unpickler that builds plain data only (no class, no function);
- an entry that is missing, truncated, corrupt, from another key or unreadable is a miss: the
  file is parsed as if there were no cache, and the entry is written again.

Where: `$SCORECARD_CACHE_DIR`, else `$XDG_CACHE_HOME/scorecard`, else `~/.cache/scorecard`. The
folder may be deleted at any time. `--no-cache` (or `SCORECARD_NO_CACHE=1`) turns the cache off;
so does a folder that cannot be created or written, that belongs to another user or that others
may write to (entries could have been planted there).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import io
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

_MAGIC = b"scorecard-cache 1\n"
_HEX = 64  # characters of a sha256


def default_folder() -> Path:
    """The cache folder as the environment names it (see the module's docstring)."""
    if os.environ.get("SCORECARD_CACHE_DIR"):
        return Path(os.environ["SCORECARD_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "scorecard"


def disabled_by_environment() -> bool:
    return os.environ.get("SCORECARD_NO_CACHE", "") not in ("", "0")


@functools.cache
def code_fingerprint() -> str:
    """sha256 of every module of the package (names and bytes), Python's and pydantic's versions."""
    import pydantic

    h = hashlib.sha256(f"{sys.version}\0{pydantic.VERSION}\0".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def _read_regular(path: Path, limit: int | None = None) -> bytes | None:
    """A regular file's bytes, never through a link and never waiting on a pipe; None otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read() if limit is None else f.read(limit)
    except OSError:
        return None
    finally:
        os.close(fd)


class _PlainOnly(pickle.Unpickler):
    """Builds plain data (dict, list, str, int, float, bool, None) and refuses any class or function."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name}: the cache holds plain data only")


class Cache:
    """Entries under `folder`; `folder=None` is a cache that is off (every lookup misses)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0
        self._checked = False
        self._secret: bytes | None = None

    def _trusted(self) -> bool:
        """Is the folder ours alone? Entries in a folder others may write could have been planted."""
        if not self._checked and self.folder is not None:
            self._checked = True
            try:
                info = self.folder.stat()
            except FileNotFoundError:
                return True  # made, ours, on the first write
            except OSError:
                self.folder = None
                return False
            others_write = info.st_mode & 0o022
            if (
                not os.path.isdir(self.folder)
                or others_write
                or (hasattr(os, "getuid") and info.st_uid != os.getuid())
            ):
                self.folder = None
        return self.folder is not None

    @classmethod
    def from_environment(cls, off: bool = False) -> Cache:
        return cls(None if off or disabled_by_environment() else default_folder())

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / "files" / key[:2] / f"{key}.pickle"

    @staticmethod
    def key(name: str) -> str:
        return hashlib.sha256(f"{code_fingerprint()}\0{name}".encode()).hexdigest()

    def get(self, name: str) -> tuple[Any] | None:
        """(data,) stored under `name`, or None (a miss) if there is no sound entry.

        Names: a file's sha256 for its parsed data; `spans SHA256` for the quotes found in a document."""
        if not self._trusted():
            return None
        key = self.key(name)
        value = self._read(self._path(key), key)
        if isinstance(value, tuple) and len(value) == 1:
            self.hits += 1
            return value
        self.misses += 1
        return None

    def _read(self, path: Path, key: str) -> Any | None:
        raw = _read_regular(path)
        if raw is None:
            return None
        head = len(_MAGIC) + 2 * (_HEX + 1)
        if len(raw) < head or not raw.startswith(_MAGIC):
            return None
        stored_key = raw[len(_MAGIC) : len(_MAGIC) + _HEX].decode("ascii", "replace")
        digest = raw[len(_MAGIC) + _HEX + 1 : head - 1].decode("ascii", "replace")
        payload = raw[head:]
        secret = self._read_secret(create=False)
        if (
            secret is None
            or stored_key != key
            or not hmac.compare_digest(self._sign(secret, key, payload), digest)
        ):
            return None
        try:
            return _PlainOnly(io.BytesIO(payload)).load()
        except Exception:  # noqa: BLE001 - whatever a damaged entry raises, it is a miss
            return None

    def put(self, name: str, data: Any) -> None:
        """Store plain data atomically; a cache that cannot be written is not used further."""
        if not self._trusted():
            return
        key = self.key(name)
        path = self._path(key)
        try:
            payload = pickle.dumps((data,), protocol=5)
            self._prepare(path.parent)
            secret = self._read_secret(create=True)
            if secret is None:
                raise OSError("no secret")
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(_MAGIC + f"{key}\n{self._sign(secret, key, payload)}\n".encode() + payload)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except (OSError, pickle.PicklingError, RecursionError):
            self.folder = None  # unwritable: go on without it

    @staticmethod
    def _sign(secret: bytes, key: str, payload: bytes) -> str:
        return hmac.new(secret, key.encode() + b"\0" + payload, hashlib.sha256).hexdigest()

    def _read_secret(self, create: bool) -> bytes | None:
        """The folder's secret (32 random bytes, owner-only), made on the first write."""
        if self._secret is not None or self.folder is None:
            return self._secret
        path = self.folder / "secret"
        if not os.path.lexists(path):
            return self._make_secret(path) if create else None
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if info.st_mode & 0o077 or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            return None  # readable or writable by others (or a link): it proves nothing
        secret = _read_regular(path, 64)
        self._secret = secret if secret is not None and len(secret) == 32 else None
        return self._secret

    def _make_secret(self, path: Path) -> bytes | None:
        assert self.folder is not None
        if not self.folder.is_dir():
            self.folder.mkdir(mode=0o700, parents=True)
        secret = os.urandom(32)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".secret.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(secret)
            os.link(tmp, path)  # never replaces a secret another process made first
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
        return self._read_secret(create=False)

    def _prepare(self, folder: Path) -> None:
        assert self.folder is not None
        if not self.folder.is_dir():
            self.folder.mkdir(mode=0o700, parents=True)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
