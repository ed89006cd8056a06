"""The assessment: score (every obligation) and show (one in full)."""

from __future__ import annotations

import gc
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
    Previous,
    Rules,
    ScoreFmt,
    ScoreFormat,
    Wide,
)
from scorecard.cli.session import session
from scorecard.errors import ExitCode


def score(
    ctx: typer.Context,
    rules: Rules = None,
    evidence: Evidence = None,
    policy: PolicyOpt = None,
    no_cache: NoCache = False,
    as_of: AsOf = None,
    previous: Previous = None,
    party: Party = None,
    fmt: ScoreFmt = "table",
    output: Out = None,
    wide: Wide = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="JSON: processes that make the results, for large data [default: one per core].",
        ),
    ] = None,
) -> None:
    """Score every obligation: status, likelihood, confidence, ambiguity, verifiability, schedule."""
    s = session(ctx)
    inputs = inputs_of(rules, evidence, policy)
    with output_to(s, output, *inputs) as out:
        project = load(s, *inputs)
        if fmt is ScoreFormat.json:  # each obligation written as it is scored: memory stays low
            from scorecard.jsonjobs import pieces
            from scorecard.render.jsonstream import around
            from scorecard.workers import default_jobs

            # The assessment, the results and their JSON hold no reference cycles, and what
            # outlives an obligation lives to the end: the collector would only walk them (0.03 s
            # at 100x the evidence).
            gc.disable()
            head, results = report_for(project, as_of, party, previous, in_parts=True)
            for piece in around(head, pieces(results, jobs or default_jobs())):
                out.write(piece)
            return
        r = report_for(project, as_of, party, previous)
        if fmt is ScoreFormat.oscal_ar:
            from scorecard.render.oscal import render_oscal

            out.write(render_oscal(r))
            return
        from scorecard.views import score_table

        out.write(tabular(score_table(r, merged=fmt is ScoreFormat.table), Format(fmt), None, width(wide)))


def find_obligation(p, wanted: str) -> str:
    """The obligation id that `wanted` names: its id or its clause, in any case; exit 2 otherwise.

    A clause holding several obligations (Part One C has four) is refused with their ids.
    """
    key = " ".join(wanted.split()).casefold()
    ids = {i.casefold(): i for i in p.obligations}
    if key in ids:
        return ids[key]
    by_clause: dict[str, list[str]] = {}
    for o in p.obligations.values():
        by_clause.setdefault(o.clause.casefold(), []).append(o.id)
    hits = by_clause.get(key, [])
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise fail(
            f"clause '{wanted}' holds {len(hits)} obligations; name one: {', '.join(sorted(hits))}",
            ExitCode.USAGE,
        )
    import difflib

    shown = {c.casefold(): c for c in [*p.obligations, *(o.clause for o in p.obligations.values())]}
    close = difflib.get_close_matches(key, sorted(shown), n=1, cutoff=0.6)
    hint = f" (did you mean '{shown[close[0]]}'?)" if close else ""
    raise fail(f"unknown obligation '{wanted}'{hint}; `scorecard rules` lists them", ExitCode.USAGE)


def show(
    ctx: typer.Context,
    obligation: Annotated[str, typer.Argument(help="Obligation id or clause (see `scorecard rules`).")],
    rules: Rules = None,
    evidence: Evidence = None,
    policy: PolicyOpt = None,
    no_cache: NoCache = False,
    as_of: AsOf = None,
    previous: Previous = None,
    fmt: Fmt = "table",
    output: Out = None,
    wide: Wide = False,
) -> None:
    """One obligation in full: clause text, deadline, reasoning, and every evidence item."""
    s = session(ctx)
    inputs = inputs_of(rules, evidence, policy)
    with output_to(s, output, *inputs) as out:
        p = load(s, *inputs)
        oid = find_obligation(p, obligation)
        r = report_for(p, as_of, p.obligations[oid].party, previous)
        o = next(x for x in r.obligations if x.id == oid)
        if fmt is Format.json:
            out.write(o.model_dump_json(indent=2) + "\n")
            return
        from scorecard.render.detail import render_detail, render_detail_csv, render_detail_markdown

        if fmt is Format.markdown:
            out.write(render_detail_markdown(r, o))
        elif fmt is Format.csv:
            out.write(render_detail_csv(r, o))
        else:
            out.write(render_detail(r, o, width(wide) or 10_000))
