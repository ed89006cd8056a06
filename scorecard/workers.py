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
# for it first (copy on write). Measured on `score --format json` at 100x the shipped evidence,
# trying 1.0 to 1.4: the two processes end together at about 1.1.
FORKED_COST = 1.1


def shares(weights: list[int], jobs: int) -> list[int]:
    """Which worker makes each item (this process is worker 0): the heaviest first, each to the
    worker that would finish it soonest, a forked one taking FORKED_COST times as long.

    Why not runs in order: a few items outweigh the rest (one obligation has a fifth of all the
    links), so runs cannot be made even; the heaviest-first rule ends the workers within one
    light item of each other."""
    if jobs <= 1:
        return [0] * len(weights)
    cost = [1.0] + [FORKED_COST] * (jobs - 1)
    finish = [0.0] * jobs
    owner = [0] * len(weights)
    for i in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        k = min(range(jobs), key=lambda k: (finish[k] + weights[i] * cost[k], k))
        owner[i] = k
        finish[k] += weights[i] * cost[k]
    number = {k: n for n, k in enumerate(sorted(set(owner)))}  # no worker without a share
    return [number[k] for k in owner]


def in_order(weights: list[int], make: Callable[[int], bytes], jobs: int) -> Iterator[bytes]:
    """make(i) for each i in order; with jobs > 1 and fork, forked workers make their share.

    The workers are forked when iteration starts, so they see the data as it is then (unchanged
    after, copy on write). Each makes its share in order, writes each result to a file of its own
    in memory and says where (a few bytes on a pipe), so it never waits for this process. This
    process makes its own share without waiting either, and gives out each result as soon as all
    before it are given: its own results wait here for the workers' before them, theirs in their
    files. An error in a worker is raised here as a RuntimeError with the worker's traceback."""
    owner = shares(weights, max(1, min(jobs, len(weights))))  # never more workers than work
    jobs = max(owner, default=0) + 1
    if jobs == 1 or not hasattr(os, "fork"):
        for i in range(len(weights)):
            yield make(i)
        return
    files = [_scratch() for _ in range(1, jobs)]
    links, procs = start(
        _worker,
        [(files[k - 1], [i for i, w in enumerate(owner) if w == k], make) for k in range(1, jobs)],
        duplex=False,
    )
    where: dict[int, tuple[int, int]] = {}
    kept: dict[int, bytes] = {}
    finished = False

    def ready(i: int, wait: bool) -> bytes | None:
        """Item i if it is made (waiting for its worker when `wait`), else None."""
        if owner[i] == 0:
            return kept.pop(i) if i in kept else None
        link = links[owner[i] - 1]
        while i not in where and (wait or link.poll()):
            try:
                where.update(_said(link))
            except WorkerDied:
                raise dead(procs) from None
        if i not in where:
            return None
        offset, length = where.pop(i)
        return _read_all(files[owner[i] - 1], offset, length)

    try:
        out = 0
        for i in (i for i, k in enumerate(owner) if k == 0):
            kept[i] = make(i)
            while out < len(owner) and (piece := ready(out, wait=False)) is not None:
                yield piece
                out += 1
        while out < len(owner):
            piece = ready(out, wait=True)
            if piece is None:  # pragma: no cover - every item of this process's share is made by now
                raise RuntimeError(f"item {out} was never made")
            yield piece
            out += 1
        finished = True
    finally:
        stop(procs, finished)
        for x in (*links, *files):
            x.close()


class WorkerDied(RuntimeError):
    """A worker process ended without its results (killed, or out of memory): which, and how."""


def dead(procs: list, what: str = "worker process") -> WorkerDied:
    """A WorkerDied naming the workers that ended early and the signal or status they ended with."""
    told = []
    for proc in procs:
        proc.join(timeout=1)
        code = proc.exitcode
        if code is None or code == 0:
            continue
        how = f"was killed by {signal.Signals(-code).name}" if code < 0 else f"exited with status {code}"
        told.append(f"{what} {proc.pid} {how}")
    return WorkerDied(("; ".join(told) or f"a {what} ended without its results") + "; nothing was written")


def start(target: Callable, each: list[tuple], duplex: bool = True) -> tuple[list, list]:
    """Fork a worker per argument tuple in `each`, running target(link, *args), which calls
    `detach` first; (this side of each one's pipe, the processes). Signals are held while forking,
    so none reaches a worker before it has detached."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    links, procs = [], []
    held = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        for args in each:
            parent, child = ctx.Pipe(duplex=duplex)
            proc = ctx.Process(target=target, args=(child, *args), daemon=True)
            proc.start()
            child.close()
            links.append(parent)
            procs.append(proc)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return links, procs


def stop(procs: list, finished: bool) -> None:
    """Wait for the workers; kill them first unless their work is done (an error, a closed pipe)."""
    for proc in procs:
        if not finished:
            proc.kill()
        proc.join()


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
        raise WorkerDied("a worker process ended without its results") from None
    if kind == "error":
        raise RuntimeError(value)
    return value


def _worker(link, file, mine: list[int], make: Callable[[int], bytes]) -> None:
    detach()
    try:
        offset = 0
        for i in mine:
            data = make(i)
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
