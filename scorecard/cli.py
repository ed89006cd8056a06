"""The `scorecard` command: arguments in, exit codes out. No scoring or formatting logic here.

Start-up imports only typer: pydantic, the scorer and the renderers load inside the commands,
and WeasyPrint only inside `report`.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scorecard.errors import ExitCode, escape_controls

_ROOT = Path(__file__).resolve().parent.parent
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode=None, help="Judge, trace and re-run compliance with an agreement's obligations.")


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


def _default(kind: str) -> Path:
    """The shipped data beside the package (a checkout), else ./rules/… or ./evidence in the cwd."""
    for base in (_ROOT, Path.cwd()):
        folder = base / "rules" / "doha-2020" if kind == "rules" else base / "evidence"
        if folder.is_dir():
            rel = os.path.relpath(folder)
            return folder if rel.startswith("..") else Path(rel)
    return Path(kind)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(value: Optional[str]) -> Optional[date]:
    """Exactly YYYY-MM-DD. Why the pattern: date.fromisoformat also takes 20210501 and 2021-W01-1."""
    if value is None:
        return None
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date: write YYYY-MM-DD, e.g. 2021-05-01") from None


Rules = Annotated[Optional[Path], typer.Option("--rules", help="Agreement rules folder [default: rules/doha-2020].")]
Evidence = Annotated[Optional[Path], typer.Option("--evidence", help="Evidence folder [default: evidence].")]
PolicyOpt = Annotated[Optional[Path], typer.Option("--policy", help="Scoring policy YAML replacing the default.")]
AsOf = Annotated[Optional[str], typer.Option("--as-of", help="Assess as of this date (YYYY-MM-DD) [default: today].")]
Previous = Annotated[Optional[str], typer.Option("--previous", help="Earlier assessment date: say which findings remain.")]
Party = Annotated[Optional[str], typer.Option("--party", help="Only this party's obligations (e.g. us, taliban).")]
Fmt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
Out = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE instead of stdout.")]


def _say(message: str) -> None:
    """One diagnostic line on stderr, control characters made visible (file names come from outside)."""
    typer.echo(escape_controls(message), err=True)


def _fail(message: str, code: ExitCode) -> typer.Exit:
    _say(f"scorecard: {message}")
    return typer.Exit(int(code))


def _project(rules: Optional[Path], evidence: Optional[Path], policy: Optional[Path]):
    """Load and check everything; on any problem list them all on stderr and exit 1."""
    from scorecard.pipeline import load_and_check

    project, problems = load_and_check(rules or _default("rules"), evidence or _default("evidence"), policy)
    if problems:
        for p in problems:
            typer.echo(str(p), err=True)
        raise _fail(f"{len(problems)} problem(s) found; nothing was scored", ExitCode.INVALID_DATA)
    return project


def _report(project, as_of: Optional[str], party: Optional[str], previous: Optional[str] = None):
    from scorecard.errors import did_you_mean
    from scorecard.report import build_report

    parties = [x.id for x in project.agreement.parties]
    if party is not None and party not in parties:
        raise _fail(f"unknown party '{party}'{did_you_mean(party, parties)}; parties: {', '.join(parties)}",
                    ExitCode.USAGE)
    when = _parse_date(as_of) or date.today()
    before = _parse_date(previous)
    if before is not None and before >= when:
        raise _fail(f"--previous {before} must be before --as-of {when}", ExitCode.USAGE)
    return build_report(project, when, party, before)


def _emit(content: str | bytes, output: Optional[Path]) -> None:
    """Write to stdout, or atomically to `output` (an existing file is replaced only on success)."""
    if output is None:
        sys.stdout.write(content if isinstance(content, str) else content.decode())
        return
    from scorecard.output import write_atomic

    try:
        write_atomic(output, content)
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}; nothing was written", ExitCode.OUTPUT) from None
    _say(f"wrote {output}")


def _tabular(table, fmt: Format, data, output: Optional[Path]) -> None:
    if fmt is Format.json:
        import json

        _emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output)
        return
    from scorecard.render.tabular import RENDERERS

    _emit(RENDERERS[fmt.value](table), output)


@app.command()
def validate(rules: Rules = None, evidence: Evidence = None, policy: PolicyOpt = None) -> None:
    """Check every rule, source and evidence item; list each problem as path:line:col: message."""
    p = _project(rules, evidence, policy)
    typer.echo(f"ok: {len(p.obligations)} obligations, {len(p.sources)} sources, {len(p.origins)} origins, "
               f"{len(p.items)} evidence items; every text, quote and hash verified")


@app.command()
def score(rules: Rules = None, evidence: Evidence = None, policy: PolicyOpt = None, as_of: AsOf = None,
          previous: Previous = None, party: Party = None, fmt: Fmt = Format.table, output: Out = None) -> None:
    """Score every obligation: status, likelihood, confidence, ambiguity, verifiability, schedule."""
    r = _report(_project(rules, evidence, policy), as_of, party, previous)
    if fmt is Format.json:
        _emit(r.model_dump_json(indent=2) + "\n", output)
        return
    from scorecard.views import score_table

    _tabular(score_table(r), fmt, None, output)


@app.command()
def show(obligation: Annotated[str, typer.Argument(help="Obligation id (see `scorecard rules`).")],
         rules: Rules = None, evidence: Evidence = None, policy: PolicyOpt = None, as_of: AsOf = None,
         previous: Previous = None, fmt: Fmt = Format.table, output: Out = None) -> None:
    """One obligation in full: clause text, deadline, reasoning, and every evidence item."""
    from scorecard.errors import did_you_mean

    p = _project(rules, evidence, policy)
    if obligation not in p.obligations:
        raise _fail(f"unknown obligation '{obligation}'{did_you_mean(obligation, p.obligations)}; "
                    "`scorecard rules` lists them", ExitCode.USAGE)
    r = _report(p, as_of, p.obligations[obligation].party, previous)
    o = next(x for x in r.obligations if x.id == obligation)
    if fmt is Format.json:
        _emit(o.model_dump_json(indent=2) + "\n", output)
        return
    from scorecard.render.detail import render_detail

    _emit(render_detail(r, o), output)


@app.command()
def rules(rules: Rules = None, evidence: Evidence = None, fmt: Fmt = Format.table, output: Out = None) -> None:
    """List the obligations: clause, party, kind, deadline, ambiguity and verifiability levels."""
    from scorecard.views import rules_table

    t = rules_table(_project(rules, evidence, None))
    _tabular(t, fmt, [dict(zip(t.headers, row, strict=True)) for row in t.rows], output)


@app.command()
def sources(rules: Rules = None, evidence: Evidence = None, as_of: AsOf = None, fmt: Fmt = Format.table,
            output: Out = None) -> None:
    """List the source documents with their dates, publishers and reliability grades."""
    from scorecard.views import sources_table

    r = _report(_project(rules, evidence, None), as_of, None)
    _tabular(sources_table(r), fmt, [s.model_dump(mode="json") for s in r.sources], output)


@app.command()
def evidence(rules: Rules = None, evidence: Evidence = None, policy: PolicyOpt = None, as_of: AsOf = None,
             fmt: Fmt = Format.table, output: Out = None) -> None:
    """List the evidence items published by --as-of: quote location, origin, grades, links."""
    from scorecard.views import evidence_rows, evidence_table

    p = _project(rules, evidence, policy)
    rows = evidence_rows(_report(p, as_of, None), p)
    _tabular(evidence_table(rows), fmt, rows, output)


@app.command()
def report(rules: Rules = None, evidence: Evidence = None, policy: PolicyOpt = None, as_of: AsOf = None,
           previous: Previous = None, party: Party = None,
           output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")] = Path("scorecard.pdf"),
           html: Annotated[bool, typer.Option("--html", help="Write self-contained HTML instead of PDF.")] = False,
           ) -> None:
    """Write the scorecard as a PDF (or --html) for readers who never open a terminal."""
    from scorecard.render.epoch import EpochError, source_date_epoch

    try:
        source_date_epoch()
    except EpochError as exc:
        raise _fail(str(exc), ExitCode.USAGE) from None
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise _fail(f"cannot write {output}: folder {folder} does not exist; nothing was written", ExitCode.OUTPUT)
    r = _report(_project(rules, evidence, policy), as_of, party, previous)
    if html:
        from scorecard.render.html import render_html

        _emit(render_html(r), output)
        return
    try:
        from scorecard.render.pdf import render_pdf
    except (ImportError, OSError) as exc:
        raise _fail(f"the PDF renderer is unavailable ({exc}); install WeasyPrint and Pango, "
                    "or use --html", ExitCode.RENDERER) from None
    _emit(render_pdf(r), output)


@app.command()
def schema() -> None:
    """Print the JSON Schema of `scorecard score --format json` (the Report)."""
    import json

    from scorecard.results import Report

    _emit(json.dumps(Report.model_json_schema(), indent=2) + "\n", None)


def main() -> None:
    """Entry point: bad input never shows a traceback; an internal error says how to see one."""
    try:
        app()
    except Exception as exc:  # noqa: BLE001 - last line of defence for people, not for bugs
        if os.environ.get("SCORECARD_DEBUG"):
            raise
        typer.echo(f"scorecard: internal error: {exc!r} (set SCORECARD_DEBUG=1 for the traceback)", err=True)
        sys.exit(70)
