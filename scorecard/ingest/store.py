"""Write several files as one change: all of them, or none.

Each new content goes first to a temporary file beside its target (listed for the signal handler
in scorecard.output.TEMPORARIES); only when every temporary is complete are they renamed into
place, one after the other. If a rename fails, the files already replaced are put back from
hard-linked copies of what they held, so the folder is as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from scorecard.output import TEMPORARIES, _signals_held


class StoreError(Exception):
    pass


def _temporary(target: Path, data: bytes) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    with _signals_held():
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        TEMPORARIES.add(name)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    if target.exists():
        os.chmod(name, target.stat().st_mode & 0o7777)
    return name


def replace_all(contents: dict[Path, bytes]) -> None:
    """Write every file in `contents`, or leave every one as it was; StoreError says why."""
    temps: dict[Path, str] = {}
    backups: dict[Path, str | None] = {}
    try:
        for target, data in contents.items():
            temps[target] = _temporary(target, data)
    except OSError as exc:
        _discard(temps.values())
        raise StoreError(f"cannot write {target}: {exc.strerror or exc}; nothing was changed") from None
    done: list[Path] = []
    try:
        for target, name in temps.items():
            backups[target] = _backup(target)
            with _signals_held():
                os.replace(name, target)
                TEMPORARIES.discard(name)
            done.append(target)
    except OSError as exc:
        for target in done:
            _restore(target, backups[target])
        _discard(n for t, n in temps.items() if t not in done)
        raise StoreError(f"cannot replace {target}: {exc.strerror or exc}; nothing was changed") from None
    finally:
        _discard(b for b in backups.values() if b)


def _backup(target: Path) -> str | None:
    if not target.exists():
        return None
    name = f"{target.parent}/.{target.name}.{os.getpid()}.bak"
    if os.path.exists(name):
        os.unlink(name)
    os.link(target, name)
    return name


def _restore(target: Path, backup: str | None) -> None:
    try:
        if backup is None:
            target.unlink(missing_ok=True)
        else:
            os.replace(backup, target)
    except OSError:
        pass


def _discard(names) -> None:
    for name in list(names):
        try:
            os.unlink(name)
        except OSError:
            pass
        TEMPORARIES.discard(name)
