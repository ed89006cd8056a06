"""What the data holds: validate, rules, sources, evidence, schema."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from scorecard.cli.context import (
    inputs_of,
    load,
    output_to,
    party_id,
    report_for,
    tabular,
    width,
)
from scorecard.cli.options import (
    AsOf,
    Evidence,
    Fmt,
    NoCache,
    Out,
    Party,
    PolicyOpt,
    Rules,
    Wide,
    choice,
)
from scorecard.cli.session import session


def validate(
    ctx: typer.Context,
    rules: Rules = None,
    evidence: Evidence = None,
    policy: PolicyOpt = None,
    no_cache: NoCache = False,
) -> None:
    """Check every rule, source and evidence item; list each problem as path:line:col: message."""
    s = session(ctx)
    inputs = inputs_of(rules, evidence, policy)
    p = load(s, *inputs)
    with output_to(s, None, *inputs) as out:
        out.write(
            f"ok: {len(p.obligations)} obligations, {len(p.sources)} sources, {len(p.origins)} origins, "
            f"{len(p.items)} evidence items; every text, quote and hash verified\n"
        )
        from scorecard.conditions import declared  # what each rule's conditions are: excuse or sequencing

        out.write("".join(f"condition: {line}\n" for line in declared(p.obligations)))


def rules(
    ctx: typer.Context,
    rules: Rules = None,
    evidence: Evidence = None,
    no_cache: NoCache = False,
    party: Party = None,
    fmt: Fmt = "table",
    output: Out = None,
    wide: Wide = False,
) -> None:
    """List the obligations: clause, party, kind, deadline, ambiguity and verifiability levels."""
    s = session(ctx)
    from scorecard.views import rules_table

    inputs = inputs_of(rules, evidence, None)
    with output_to(s, output, *inputs) as out:
        p = load(s, *inputs)
        t = rules_table(report_for(p, None, party_id(p, party)))
        out.write(tabular(t, fmt, [dict(zip(t.headers, row, strict=True)) for row in t.rows], width(wide)))


def sources(
    ctx: typer.Context,
    rules: Rules = None,
    evidence: Evidence = None,
    no_cache: NoCache = False,
    as_of: AsOf = None,
    fmt: Fmt = "table",
    output: Out = None,
    wide: Wide = False,
) -> None:
    """List the source documents published by --as-of, with their dates, publishers and grades."""
    s = session(ctx)
    from scorecard.views import sources_table

    inputs = inputs_of(rules, evidence, None)
    with output_to(s, output, *inputs) as out:
        r = report_for(load(s, *inputs), as_of, None)
        shown = [s.model_dump(mode="json") for s in r.sources if s.published <= r.as_of]
        out.write(tabular(sources_table(r), fmt, shown, width(wide)))


def evidence(
    ctx: typer.Context,
    rules: Rules = None,
    evidence: Evidence = None,
    policy: PolicyOpt = None,
    no_cache: NoCache = False,
    as_of: AsOf = None,
    party: Party = None,
    fmt: Fmt = "table",
    output: Out = None,
    wide: Wide = False,
) -> None:
    """List the evidence items published by --as-of: quote location, origin, grades, links."""
    s = session(ctx)
    from scorecard.views import evidence_rows, evidence_table

    inputs = inputs_of(rules, evidence, policy)
    with output_to(s, output, *inputs) as out:
        p = load(s, *inputs)
        rows = evidence_rows(report_for(p, as_of, party))
        out.write(tabular(evidence_table(rows), fmt, rows, width(wide)))


class SchemaKind(str, Enum):
    agreement = "agreement"
    obligation = "obligation"
    examples = "examples"
    sources = "sources"
    origins = "origins"
    items = "items"
    policy = "policy"
    report = "report"


def schema(
    kind: Annotated[
        str,
        typer.Argument(
            callback=choice(SchemaKind, "schema kind"),
            metavar="KIND",
            help="Which file's schema: agreement, obligation, examples, sources, origins, items, policy or report.",
        ),
    ] = "report",
) -> None:
    """Print the JSON Schema of an input file kind, or of `score --format json` (report)."""
    import json

    from scorecard.schemas import schema as build

    sys.stdout.write(json.dumps(build(SchemaKind(kind).value), indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()
