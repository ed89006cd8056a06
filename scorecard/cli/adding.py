"""New evidence and analysts' decisions: ingest, review, override."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from scorecard.cli.context import (
    fail,
    inputs_of,
    load,
    note,
    output_to,
    say,
    width,
)
from scorecard.cli.options import (
    Evidence,
    Fmt,
    Format,
    NoCache,
    Out,
    PolicyOpt,
    Rules,
    Wide,
)
from scorecard.cli.session import Session, session
from scorecard.errors import ExitCode

MaxSize = Annotated[
    float, typer.Option("--max-size", help="Largest file to read, in MB (at most 1024).", min=0.001, max=1024)
]
Reviewer = Annotated[
    str | None, typer.Option("--reviewer", help="Who decides [default: git config user.name].")
]


def ingest(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(help="Documents to read: plain text (UTF-8), HTML or PDF; files or http(s) URLs."),
    ],
    rules: Rules = None,
    evidence: Evidence = None,
    policy: PolicyOpt = None,
    no_cache: NoCache = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the candidates; write nothing.")] = False,
    fmt: Fmt = "table",
    output: Out = None,
    max_size: MaxSize = 50.0,
    wide: Wide = False,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds to wait for a URL's server.", min=0.1, max=3600)
    ] = 30.0,
) -> None:
    """Read documents and propose candidate evidence: passages with suggested obligations and stances."""
    s = session(ctx)
    from scorecard.ingest.extract import IngestError
    from scorecard.ingest.fetch import NotHttp

    inputs = inputs_of(rules, evidence, policy)
    with output_to(s, output, *inputs) as out:
        project = load(s, *inputs)
        try:
            prepared, reviews = _ingest(files, project, inputs, dry_run, _bytes(max_size), timeout)
        except NotHttp as exc:
            raise fail(_nothing_written(exc), ExitCode.USAGE) from None
        except IngestError as exc:
            raise fail(_nothing_written(exc), ExitCode.INVALID_DATA) from None
        from scorecard.ingest.views import candidates_json, candidates_listing, candidates_table

        if fmt is Format.json:
            out.write(candidates_json(prepared))
        elif fmt is Format.table:
            out.write(candidates_listing(prepared, width(wide)))
        else:
            out.write(candidates_table(prepared, Format(fmt).value))
    for path in reviews:
        note(s, f"wrote {path}; review it with `scorecard review {path}` (or edit it and add --apply)")


def _nothing_written(exc: Exception) -> str:
    """The error's message, saying once that nothing was written."""
    message = str(exc)
    return message if message.endswith("nothing was written") else f"{message}; nothing was written"


def _bytes(megabytes: float) -> int:
    """--max-size in bytes; a value that is not a number from 0.001 to 1024 is a usage error."""
    if not 0.001 <= megabytes <= 1024:  # also refuses nan, which every comparison refuses
        raise fail(f"--max-size {megabytes} must be a number of MB from 0.001 to 1024", ExitCode.USAGE)
    return int(megabytes * 1_000_000)


def _ingest(files, project, inputs, dry_run: bool, max_bytes: int, timeout: float):
    from scorecard.ingest.progress import Progress
    from scorecard.ingest.run import ingest_files

    bar = Progress()
    try:
        with _writing():
            return ingest_files(files, project, inputs[1], max_bytes, dry_run, bar, timeout)
    except ImportError as exc:  # an install without the `ingest` extra (e.g. make report's environment)
        raise fail(
            f"ingest needs its optional libraries ({exc.name or exc}): install scorecard with the "
            "`ingest` extra (pip install 'scorecard[ingest]'; `make test` installs it)",
            ExitCode.RENDERER,
        ) from None


@contextmanager
def _writing():
    """The transaction's refusals as exit codes: busy (75), unsafe target (1), write failed (3)."""
    from scorecard.transaction import Busy, Unsafe, WriteFailed

    try:
        yield
    except Busy as exc:
        raise fail(str(exc), ExitCode.BUSY) from None
    except Unsafe as exc:
        raise fail(_nothing_written(exc), ExitCode.INVALID_DATA) from None
    except WriteFailed as exc:
        raise fail(str(exc), ExitCode.OUTPUT) from None
    except OSError as exc:
        raise fail(
            f"cannot write the evidence folder: {exc.strerror or exc}; nothing was changed", ExitCode.OUTPUT
        ) from None


def review(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(help="Review file [default: the one waiting in EVIDENCE/review/].")
    ] = None,
    rules: Rules = None,
    evidence: Evidence = None,
    policy: PolicyOpt = None,
    no_cache: NoCache = False,
    apply: Annotated[bool, typer.Option("--apply", help="Apply the file's decisions; no prompt.")] = False,
    reviewer: Reviewer = None,
) -> None:
    """Review candidate evidence one at a time in the terminal, or --apply a review file's decisions."""
    s = session(ctx)
    from scorecard.ingest import audit

    rules_, evidence_, policy_ = inputs_of(rules, evidence, policy)
    path = file or _waiting_review(evidence_)
    who = audit.reviewer(reviewer)
    if who is None:
        raise fail("say who reviews: --reviewer NAME (or set git config user.name)", ExitCode.USAGE)
    if not apply and not _review_in_terminal(s, path, rules_, evidence_, policy_):
        note(s, "quit without saving; nothing was written")
        return
    _apply(s, path, rules_, evidence_, policy_, who)


def _waiting_review(evidence: Path) -> Path:
    """The one review file not yet applied; exit 2 when there is none or more than one."""
    from scorecard.ingest.review import waiting_reviews

    waiting, skipped = waiting_reviews(evidence)
    for path, why in skipped:
        say(f"{path.as_posix()}: skipped: {why}")
    if len(waiting) != 1:
        names = ", ".join(p.as_posix() for p in waiting) or "none"
        raise fail(
            f"name the review file ({len(waiting)} waiting: {names}); `scorecard ingest FILE` makes one",
            ExitCode.USAGE,
        )
    return waiting[0]


def _review_in_terminal(s: Session, path: Path, rules: Path, evidence: Path, policy: Path | None) -> bool:
    """The prompt loop; True when the reviewer saved (the file then holds the decisions)."""
    from scorecard.ingest.apply import document_text, review_path
    from scorecard.ingest.prompt import Session, run
    from scorecard.ingest.review import ReviewError, dump_review, read_review
    from scorecard.transaction import open_transaction

    project = load(s, rules, evidence, policy)
    try:
        rel = review_path(path, evidence)
        rv = read_review(path)
        text = document_text(evidence, rv, path)
    except ReviewError as exc:
        for p in exc.problems:
            typer.echo(str(p), err=True)
        raise fail("the review file has problems", ExitCode.INVALID_DATA) from None
    if sys.stdin is None or sys.stdin.closed:
        raise fail(
            "the terminal review reads its commands from stdin, which is closed; "
            "edit the review file and apply it with --apply instead",
            ExitCode.USAGE,
        )
    session = Session(rv, text, project, sys.stdout)
    if run(session, sys.stdin, sys.stdout) != "save":
        return False
    with _writing(), open_transaction(evidence) as txn:
        txn.write(rel, dump_review(rv, path.as_posix()))
        txn.commit()
    return True


def _apply(s: Session, path: Path, rules: Path, evidence: Path, policy: Path | None, who: str) -> None:
    from scorecard.ingest import audit
    from scorecard.ingest.apply import apply_review
    from scorecard.ingest.review import ReviewError

    try:
        with _writing():
            done = apply_review(path, rules, evidence, policy, who, audit.now())
    except ReviewError as exc:
        for p in exc.problems:
            typer.echo(str(p), err=True)
        raise fail(
            f"{len(exc.problems)} problem(s) found; nothing was applied", ExitCode.INVALID_DATA
        ) from None
    note(
        s,
        f"applied {path}: {len(done.items)} evidence item(s) for source '{done.source}'"
        f"{' (' + ', '.join(done.items) + ')' if done.items else ''}, {len(done.origins)} new origin(s), "
        f"{done.rejected} rejected, {done.pending} pending; decisions logged in {evidence / 'audit.log'}",
    )


def override(
    ctx: typer.Context,
    obligation: Annotated[str, typer.Argument(help="Obligation id (see `scorecard rules`).")],
    status: Annotated[
        str | None, typer.Argument(help="The status to show instead of the computed one.")
    ] = None,
    justification: Annotated[str, typer.Option("--justification", "-j", help="Why (required).")] = "",
    remove: Annotated[bool, typer.Option("--remove", help="Remove the obligation's override.")] = False,
    rules: Rules = None,
    evidence: Evidence = None,
    policy: PolicyOpt = None,
    no_cache: NoCache = False,
    reviewer: Reviewer = None,
) -> None:
    """Override an obligation's computed status, with a written justification (shown in every output)."""
    s = session(ctx)
    from scorecard.ingest import audit
    from scorecard.ingest.overrides import computed_status, refusal, set_override
    from scorecard.ingest.review import ReviewError

    inputs = inputs_of(rules, evidence, policy)
    p = load(s, *inputs)
    refused = refusal(p, obligation, status, remove, justification)
    if refused:
        raise fail(refused, ExitCode.USAGE)
    who = audit.reviewer(reviewer)
    if who is None:
        raise fail("say who decides: --reviewer NAME (or set git config user.name)", ExitCode.USAGE)
    computed = computed_status(p, obligation, date.today())
    try:
        with _writing():
            set_override(
                inputs[1],
                inputs[0],
                inputs[2],
                obligation,
                None if remove else status,
                justification.strip(),
                who,
                audit.now(),
                date.today(),
                computed,
            )
    except ReviewError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise fail("the override was not recorded", ExitCode.INVALID_DATA) from None
    note(
        s,
        f"{obligation}: "
        + (
            f"override removed; status {computed}"
            if remove
            else f"{status} (override; computed: {computed}); recorded in "
            f"{inputs[1] / 'overrides.yaml'} and {inputs[1] / 'audit.log'}"
        ),
    )
