"""Two assessments side by side: diff (what changed) and history (one obligation over time)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from scorecard.cli.context import (
    fail,
    inputs_of,
    load,
    output_to,
    report_for,
    tabular,
    width,
)
from scorecard.cli.options import (
    AsOf,
    Evidence,
    Fmt,
    Format,
    NoCache,
    Out,
    Party,
    PolicyOpt,
    Rules,
    Wide,
    parse_date,
)
from scorecard.cli.scoring import find_obligation
from scorecard.cli.session import session
from scorecard.errors import ExitCode


def _before(s, p, inputs, after, previous, before_evidence, before_rev, party, tmp: Path):
    """The earlier assessment for `diff`, and how to name both sides: (Report, before, after)."""
    old_rules, old_evidence, label = inputs[0], inputs[1], None
    if before_rev is not None:
        old_rules, old_evidence = _revision(before_rev, inputs[0], inputs[1], tmp)
        label = f"revision {before_rev}"
    elif before_evidence is not None:
        old_evidence, label = before_evidence, str(before_evidence)
    old = p if (old_rules, old_evidence) == inputs[:2] else load(s, old_rules, old_evidence, inputs[2])
    before = report_for(old, previous or after.as_of.isoformat(), party)
    if label is None:
        return before, before.as_of.isoformat(), after.as_of.isoformat()
    if previous:
        label += f" as of {before.as_of.isoformat()}"
    return before, label, f"the current data as of {after.as_of.isoformat()}"


def diff(
    ctx: typer.Context,
    rules: Rules = None,
    evidence: Evidence = None,
    policy: PolicyOpt = None,
    no_cache: NoCache = False,
    as_of: AsOf = None,
    previous: Annotated[
        str | None,
        typer.Option("--previous", help="Compare with the assessment as of this earlier date (YYYY-MM-DD)."),
    ] = None,
    before_evidence: Annotated[
        Path | None, typer.Option("--before-evidence", help="Compare with this other evidence folder.")
    ] = None,
    before_rev: Annotated[
        str | None,
        typer.Option("--before-rev", help="Compare with the rules and evidence at this git revision."),
    ] = None,
    party: Party = None,
    fmt: Fmt = "table",
    output: Out = None,
    wide: Wide = False,
) -> None:
    """List each change of status, likelihood, confidence or schedule between two assessments, with the
    evidence that caused it: two dates (--previous), two evidence folders, or two revisions."""
    s = session(ctx)
    import json
    import tempfile

    from scorecard.changes import diff as changes
    from scorecard.views import diff_table

    if previous is None and before_evidence is None and before_rev is None:
        raise fail(
            "diff compares two assessments: give --previous DATE, --before-evidence DIR or --before-rev REV",
            ExitCode.USAGE,
        )
    inputs = inputs_of(rules, evidence, policy)
    with output_to(s, output, *inputs) as out, tempfile.TemporaryDirectory(prefix="scorecard-diff-") as tmp:
        p = load(s, *inputs)
        after = report_for(p, as_of, party)
        before, label, now = _before(
            s, p, inputs, after, previous, before_evidence, before_rev, party, Path(tmp)
        )
        found = changes(before, after)
        title = f"Changes from {label} to {now}: {len(found)}"
        if fmt is Format.json:
            out.write(
                json.dumps({"before": label, "after": now, "changes": found}, indent=2, ensure_ascii=False)
                + "\n"
            )
            return
        out.write(tabular(diff_table(found, title), fmt, None, width(wide)))


def history(
    ctx: typer.Context,
    obligation: Annotated[str, typer.Argument(help="Obligation id or clause (see `scorecard rules`).")],
    rules: Rules = None,
    evidence: Evidence = None,
    policy: PolicyOpt = None,
    no_cache: NoCache = False,
    as_of: AsOf = None,
    fmt: Fmt = "table",
    output: Out = None,
    wide: Wide = False,
) -> None:
    """One obligation's status, likelihood, confidence and schedule at each date where evidence
    appeared or a deadline fell, with the evidence first published that day."""
    s = session(ctx)
    import json

    from scorecard.changes import history as record
    from scorecard.views import history_table

    inputs = inputs_of(rules, evidence, policy)
    with output_to(s, output, *inputs) as out:
        p = load(s, *inputs)
        oid = find_obligation(p, obligation)
        when = parse_date(as_of) or date.today()
        rows = record(p, oid, when)
        if fmt is Format.json:
            out.write(
                json.dumps(
                    {"obligation": oid, "as_of": when.isoformat(), "history": rows},
                    indent=2,
                    ensure_ascii=False,
                )
                + "\n"
            )
            return
        title = f"{oid} ({p.obligations[oid].clause}): status by date to {when.isoformat()}"
        out.write(tabular(history_table(rows, title), fmt, None, width(wide)))


def _revision(rev: str, rules: Path, evidence: Path, into: Path) -> tuple[Path, Path]:
    from scorecard.revisions import RevisionError, at_revision

    try:
        return at_revision(rev, rules, evidence, into)
    except RevisionError as exc:
        raise fail(exc.message, ExitCode(exc.code)) from None
