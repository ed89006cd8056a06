"""Forked worker processes: how many, how they behave, and work shared out in order.

`in_order(weights, make, jobs)` gives make(0), make(1), … in order, made by this process and up
to jobs - 1 forked ones. Used by `score --format json` (each obligation's JSON) when the data is
large enough for the fork to pay; the PDF's parallel typesetting (render/parallel.py) uses the
same detachment and signal handling.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator

SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def detach() -> None:
    """A worker says nothing itself, leaves signals to the parent, and ends when the parent does.

    Why: the parent removes the output file and reports a signal (cli._stop), then leaves with
    os._exit; a worker holding the parent's stderr would keep a reader waiting, and one left
    running would only burn a core. A signal the caller ignores (nohup) stays ignored here too.
    """
    for sig in SIGNALS:
        signal.signal(sig, signal.SIG_IGN if signal.getsignal(sig) is signal.SIG_IGN else signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


# A forked worker makes its share more slowly than this process: each object it touches is copied
# for it first (copy on write). Measured on `score --format json` at 100x the shipped evidence:
# its run takes about 1.25 times as long per link, so it is given that much less.
FORKED_COST = 1.25


def shares(weights: list[int], jobs: int) -> list[int]:
    """Which worker makes each item: the items in `jobs` runs in order, this process's (worker 0)
    first, each run as long in time as the others (FORKED_COST).

    Why runs: the results are wanted in order; this process makes the first run and writes it as
    it goes, while the others make theirs, which wait only until then."""
    capacity = [1.0] + [1 / FORKED_COST] * (jobs - 1)
    total = sum(weights) or 1
    ends, reached = [], 0.0
    for c in capacity:
        reached += c / sum(capacity) * total
        ends.append(reached)
    owner, behind = [], 0
    for w in weights:
        middle = behind + w / 2
        owner.append(next((k for k, end in enumerate(ends) if middle < end), jobs - 1))
        behind += w
    number = {k: n for n, k in enumerate(sorted(set(owner)))}  # no worker without a run
    return [number[k] for k in owner]


def in_order(weights: list[int], make: Callable[[int], str], jobs: int) -> Iterator[str]:
    """make(i) for each i in order; with jobs > 1 and fork, forked workers make their share.

    The workers are forked when iteration starts, so they see the data as it is then (unchanged
    after, copy on write). A worker writes what it makes to a file of its own in memory and says
    where (a few bytes on a pipe), so it never waits for this process to read; this process reads
    each piece when its turn comes. An error in a worker is raised here as a RuntimeError with
    the worker's traceback."""
    owner = shares(weights, max(1, jobs))
    jobs = max(owner, default=0) + 1
    if jobs == 1 or not hasattr(os, "fork"):
        for i in range(len(weights)):
            yield make(i)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    links, procs, files = [], [], []
    held = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)  # none may reach a child before detach
    try:
        for k in range(1, jobs):
            files.append(_scratch())
            parent, child = ctx.Pipe(duplex=False)
            mine = [i for i, w in enumerate(owner) if w == k]
            proc = ctx.Process(target=_worker, args=(child, files[-1], mine, make), daemon=True)
            proc.start()
            child.close()
            links.append(parent)
            procs.append(proc)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    where: dict[int, tuple[int, int]] = {}
    finished = False
    try:
        for i, k in enumerate(owner):
            if k == 0:
                yield make(i)
                continue
            while i not in where:
                where.update(_said(links[k - 1]))
            offset, length = where.pop(i)
            yield _read_all(files[k - 1], offset, length).decode("utf-8")
        finished = True
    finally:
        for proc in procs:
            if not finished:
                proc.kill()
            proc.join()
        for x in (*links, *files):
            x.close()


def _scratch():
    """A file in memory (memfd on Linux), or a temporary file elsewhere; gone once closed."""
    if hasattr(os, "memfd_create"):
        return open(os.memfd_create("scorecard-worker", os.MFD_CLOEXEC), "r+b", buffering=0)  # noqa: SIM115
    import tempfile

    return tempfile.TemporaryFile(buffering=0)  # noqa: SIM115


def _read_all(file, offset: int, length: int) -> bytes:
    chunks, fd = [], file.fileno()
    while length:
        chunk = os.pread(fd, length, offset)
        if not chunk:
            raise RuntimeError("a worker's results were cut short")
        chunks.append(chunk)
        offset, length = offset + len(chunk), length - len(chunk)
    return b"".join(chunks)


def _said(link) -> dict[int, tuple[int, int]]:
    try:
        kind, value = link.recv()
    except (EOFError, OSError):
        raise RuntimeError("a worker process ended without its results") from None
    if kind == "error":
        raise RuntimeError(value)
    return value


def _worker(link, file, mine: list[int], make: Callable[[int], str]) -> None:
    detach()
    try:
        offset = 0
        for i in mine:
            data = make(i).encode("utf-8")
            left = memoryview(data)
            while left:  # unbuffered: a write may take less than all
                left = left[file.write(left) :]
            link.send(("made", {i: (offset, len(data))}))
            offset += len(data)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        try:
            link.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
        except OSError:  # the parent is gone
            pass
    finally:
        link.close()
