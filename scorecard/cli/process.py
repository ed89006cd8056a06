"""The process around a command: streams, signals, exit codes, and no traceback for people."""

from __future__ import annotations

import os

from scorecard.cli.app import app
from scorecard.cli.context import say
from scorecard.errors import ExitCode


def _stop(signum: int, frame) -> None:
    """SIGINT, SIGTERM, SIGHUP: remove any temporary output file, say so, exit 128 + the signal."""
    import signal

    from scorecard.output import COMMITTED, remove_temporaries

    for name in _SIGNALS:
        signal.signal(
            getattr(signal, name), signal.SIG_IGN
        )  # a second signal must not cut the clean-up short
    remove_temporaries()
    try:
        done = (
            f"after the change to {', '.join(COMMITTED)} was complete" if COMMITTED else "no file was changed"
        )
        os.write(2, f"scorecard: stopped by {signal.Signals(signum).name}; {done}\n".encode())
    except OSError:
        pass
    os._exit(128 + signum)


_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


def _catch_signals() -> None:
    """Install _stop for the whole command; a signal the caller ignores (nohup, `cmd &`) stays ignored."""
    import signal

    for name in _SIGNALS:
        sig = getattr(signal, name)
        if signal.getsignal(sig) is not signal.SIG_IGN:
            signal.signal(sig, _stop)


def _run() -> int | str | None:
    try:
        app()
    except SystemExit as exc:
        return exc.code
    except Exception as exc:  # noqa: BLE001 - last line of defence for people, not for bugs
        from scorecard.streams import StdoutError
        from scorecard.workers import WorkerDied

        if isinstance(exc, StdoutError):
            raise
        if isinstance(exc, WorkerDied):
            say(f"scorecard: {exc}")
            return ExitCode.INVALID_DATA
        if os.environ.get("SCORECARD_DEBUG"):
            raise
        say(f"scorecard: internal error: {exc!r} (set SCORECARD_DEBUG=1 for the traceback)")
        return ExitCode.INTERNAL
    return 0


def main() -> None:
    """Entry point: bad input never shows a traceback; an internal error says how to see one.

    stdout and stderr are replaced first (scorecard/streams.py): results as UTF-8, diagnostics
    escaped; a closed or full stdout exits 3 with a message, a closed pipe (`| head`) exits 141
    quietly, as if killed by SIGPIPE. Signals remove temporary files and exit 128 + the signal.
    """
    import errno

    from scorecard import output  # noqa: F401 - loaded now, so the signal handler imports nothing
    from scorecard.streams import StdoutError, install

    stdout = install()
    _catch_signals()
    try:
        code = _run()
    except StdoutError as exc:
        stdout.discard()
        if exc.errno == errno.EPIPE:
            code = ExitCode.PIPE_CLOSED
        else:
            say(f"scorecard: cannot write to stdout: {exc.reason}; the output is incomplete")
            code = ExitCode.OUTPUT
    _leave(code)


def _leave(code: int | str | None) -> None:
    """End the process with `code` as sys.exit would, without freeing the loaded data first.

    Why: at a hundred times the shipped evidence the project is a few hundred thousand objects,
    and freeing them one by one at exit took a twentieth of a second of every run. Nothing is
    left to do at exit: both streams are unbuffered (streams.py), every output file was committed
    or removed by its command, and worker processes were waited for."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = int(code) & 0xFF
    else:
        say(str(code))
        status = 1
    os._exit(status)
