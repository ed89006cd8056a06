"""The `scorecard` command: arguments in, exit codes out. No scoring or formatting logic here.

Start-up imports only typer: pydantic, the scorer and the renderers load inside the commands,
and WeasyPrint only inside `report`.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from contextlib import contextmanager
from datetime import UTC, date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from scorecard.errors import ExitCode, escape_controls

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Judge, trace and re-run compliance with an agreement's obligations.",
)
_QUIET = {"on": False}  # --quiet: no notes on stderr (problems and errors are still printed)
_CACHE_OFF = {"on": False}  # --no-cache, before or after the command's name


def _version(value: bool) -> None:
    if value:
        from scorecard import __version__

        typer.echo(f"scorecard {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="No notes on stderr (such as `wrote FILE`); problems and errors are still printed.",
        ),
    ] = False,
    no_cache: NoCache = False,
) -> None:
    """Judge, trace and re-run compliance with an agreement's obligations."""
    _QUIET["on"] = quiet


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class ScoreFormat(str, Enum):
    """`score` also speaks OSCAL Assessment Results, the interchange format of compliance tools."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    oscal_ar = "oscal-ar"


def _default(kind: str) -> Path:
    """./rules/doha-2020 and ./evidence in the working folder: never another project's data (a
    missing folder is then reported by name, as any named folder would be)."""
    return Path("rules/doha-2020") if kind == "rules" else Path("evidence")


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(value: str | None) -> date | None:
    """Exactly YYYY-MM-DD. Why the pattern: date.fromisoformat also takes 20210501 and 2021-W01-1."""
    if value is None:
        return None
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date: write YYYY-MM-DD, e.g. 2021-05-01") from None


Rules = Annotated[
    Path | None,
    typer.Option("--rules", metavar="FOLDER", help="Agreement rules folder [default: rules/doha-2020]."),
]
Evidence = Annotated[
    Path | None, typer.Option("--evidence", metavar="FOLDER", help="Evidence folder [default: evidence].")
]
PolicyOpt = Annotated[
    Path | None, typer.Option("--policy", metavar="FILE", help="Scoring policy YAML replacing the default.")
]


def _no_cache(value: bool) -> bool:
    if value:
        _CACHE_OFF["on"] = True
    return value


NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        callback=_no_cache,
        help="Parse every file afresh, neither reading nor writing the cache (see the README).",
    ),
]
AsOf = Annotated[
    str | None, typer.Option("--as-of", metavar="YYYY-MM-DD", help="Assess as of this date [default: today].")
]
Previous = Annotated[
    str | None,
    typer.Option(
        "--previous", metavar="YYYY-MM-DD", help="Earlier assessment date: show what changed since then."
    ),
]
Party = Annotated[
    str | None,
    typer.Option(
        "--party",
        metavar="PARTY",
        help="Only this party's obligations: id, name or short name, any case (e.g. us, Taliban).",
    ),
]


def _choice(kind: type[Enum], what: str = "format"):
    """A parser for a closed choice with "did you mean": `--format jsn` suggests json."""

    def parse(value):
        from scorecard.errors import did_you_mean

        if isinstance(value, kind):
            return value
        try:
            return kind(str(value).lower())
        except ValueError:
            choices = [f.value for f in kind]
            raise typer.BadParameter(
                f"'{value}' is not a {what}{did_you_mean(str(value).lower(), choices)}; "
                f"choose {', '.join(choices)}"
            ) from None

    return parse


# Why str and a callback, not the Enum and a parser: a typed parser is not applied by every typer
# release the project allows (the value arrived as None); a callback on a plain string is.
Fmt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        callback=_choice(Format),
        metavar="table|json|markdown|csv",
        help="Output format: table, json, markdown or csv.",
    ),
]
ScoreFmt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        callback=_choice(ScoreFormat),
        metavar="table|json|markdown|csv|oscal-ar",
        help="Output format: table, json, markdown, csv or oscal-ar.",
    ),
]
Wide = Annotated[
    bool, typer.Option("--wide", help="Tables: every row on one line, whatever the terminal's width.")
]
Out = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout (`-` is stdout)."),
]


def _width(wide: bool) -> int | None:
    """The table width: None with --wide, else COLUMNS or the terminal's width, at least 80."""
    import shutil

    if wide:
        return None
    return max(80, shutil.get_terminal_size((80, 24)).columns)


def _say(message: str) -> None:
    """One diagnostic line on stderr, control characters made visible (file names come from outside)."""
    typer.echo(escape_controls(message), err=True)


def _note(message: str) -> None:
    """A note on stderr (what was written or applied), silenced by --quiet."""
    if not _QUIET["on"]:
        _say(message)


def _fail(message: str, code: ExitCode) -> typer.Exit:
    _say(f"scorecard: {message}")
    return typer.Exit(int(code))


_KEPT: list = []


def _project(rules: Path, evidence: Path, policy: Path | None):
    """Load and check everything; on any problem list them all on stderr and exit 1."""
    from scorecard.cache import Cache
    from scorecard.pipeline import FEWER_COLLECTIONS, InvalidData, load_and_check, validated

    # No cyclic collection while loading: what is loaded lives to the end of the command, and the
    # collector would only walk it (two walks of 100,000 objects, 0.04 s at 100x the evidence);
    # the parse makes no reference cycles to collect. Then fewer collections to the end of the
    # command: were the defaults restored (as load_and_check does for a library's caller), the
    # next allocation would start a full collection of everything just loaded.
    gc.disable()
    gc.set_threshold(*FEWER_COLLECTIONS)
    project, problems = load_and_check(rules, evidence, policy, Cache.from_environment(_CACHE_OFF["on"]))
    try:
        valid = validated(project, problems)
    except InvalidData:
        for p in problems:
            typer.echo(str(p), err=True)
        raise _fail(f"{len(problems)} problem(s) found; nothing was scored", ExitCode.INVALID_DATA) from None
    # The project lives as long as the command: frozen, the cyclic collector stops walking its
    # hundreds of thousands of objects again each time results are built (a quarter of the time
    # of scoring at 100x the shipped evidence); and the results, made by the hundred thousand and
    # kept to the end, are walked less often (as while loading: pipeline.fewer_collections).
    gc.freeze()  # before the collector runs again, or its first run would walk all of it
    gc.enable()
    _KEPT.append(valid)  # freed by nobody: the process ends without freeing it (_leave)
    return valid


def _party(project, party: str | None) -> str | None:
    """The party id that `party` names: its id, name or short name, in any case; exit 2 otherwise."""
    from scorecard.errors import did_you_mean

    if party is None:
        return None
    names: dict[str, str] = {}
    for x in project.agreement.parties:
        for name in (x.id, x.name, x.short):
            names.setdefault(" ".join(name.split()).casefold(), x.id)
    wanted = " ".join(party.split()).casefold()
    if wanted in names:
        return names[wanted]
    shown = [f"{x.id} ({x.short})" for x in project.agreement.parties]
    hint = did_you_mean(wanted, [n for n in names if len(n) < 40])
    raise _fail(f"unknown party '{party}'{hint}; parties: {', '.join(shown)}", ExitCode.USAGE)


def _report(
    project,
    as_of: str | None,
    party: str | None,
    previous: str | None = None,
    history: bool = False,
    in_parts: bool = False,
):
    """The Report; with `in_parts`, the Report without obligations and an iterator of them."""
    from scorecard.report import build_report, report_in_parts

    party = _party(project, party)
    when = _parse_date(as_of) or date.today()
    before = _parse_date(previous)
    if before is not None and before >= when:
        raise _fail(f"--previous {before} must be before --as-of {when}", ExitCode.USAGE)
    return (report_in_parts if in_parts else build_report)(project, when, party, before, history)


def _inputs(rules: Path | None, evidence: Path | None, policy: Path | None) -> tuple[Path, Path, Path | None]:
    return rules or _default("rules"), evidence or _default("evidence"), policy


def _refuse_inputs(output: Path, rules: Path, evidence: Path, policy: Path | None) -> None:
    """Exit 2 when `output` (symlinks and .. resolved) is an input: in the rules or evidence folder
    in use, or the policy file in use (the package's own unless --policy names another)."""
    from scorecard.load import DEFAULT_POLICY

    real = Path(os.path.realpath(output))
    for what, folder in (("rules folder", rules), ("evidence folder", evidence)):
        inside = Path(os.path.realpath(folder))
        if real == inside or real.is_relative_to(inside):
            raise _fail(
                f"refusing to write {output}: it is inside the {what} in use ({folder}), and inputs are "
                "never overwritten; choose a path outside it",
                ExitCode.USAGE,
            )
    if real == Path(os.path.realpath(policy or DEFAULT_POLICY)):
        raise _fail(
            f"refusing to write {output}: it is the policy file in use, and inputs are never "
            "overwritten; choose another path",
            ExitCode.USAGE,
        )


@contextmanager
def _output(output: Path | None, rules: Path, evidence: Path, policy: Path | None = None):
    """Where the command's result goes: stdout, or `output` opened now and committed on success.

    Opened before the work so a path that cannot be written fails at once; on any failure an
    existing file is left as it was and no temporary file remains (see scorecard/output.py).
    """
    from scorecard.output import OutputError, Stdout, open_output

    if output is None or str(output) == "-":
        yield Stdout()
        return
    _refuse_inputs(output, rules, evidence, policy)
    try:
        target = open_output(output)
    except OutputError as exc:
        raise _fail(exc.message, exc.code) from None
    try:
        yield target
        target.commit()
    except OutputError as exc:
        target.discard()
        raise _fail(exc.message, exc.code) from None
    except BaseException:
        target.discard()
        raise
    if not isinstance(target, Stdout) and not _QUIET["on"]:
        _say(f"wrote {output}")


def _tabular(table, fmt: str, data, width: int | None = 80) -> str:
    fmt = Format(fmt)
    if fmt is Format.json:
        import json

        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    from scorecard.render.tabular import RENDERERS

    return RENDERERS[Format(fmt).value](table, width)


@app.command()
def validate(
    rules: Rules = None, evidence: Evidence = None, policy: PolicyOpt = None, no_cache: NoCache = False
) -> None:
    """Check every rule, source and evidence item; list each problem as path:line:col: message."""
    inputs = _inputs(rules, evidence, policy)
    p = _project(*inputs)
    with _output(None, *inputs) as out:
        out.write(
            f"ok: {len(p.obligations)} obligations, {len(p.sources)} sources, {len(p.origins)} origins, "
            f"{len(p.items)} evidence items; every text, quote and hash verified\n"
        )
        from scorecard.conditions import declared

        out.write("".join(f"condition: {line}\n" for line in declared(p.obligations)))


@app.command()
def score(
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
    inputs = _inputs(rules, evidence, policy)
    with _output(output, *inputs) as out:
        project = _project(*inputs)
        if fmt is ScoreFormat.json:  # each obligation written as it is scored: memory stays low
            from scorecard.render.jsonstream import chunks_of
            from scorecard.workers import default_jobs

            # The assessment, the results and their JSON hold no reference cycles, and what
            # outlives an obligation lives to the end: the collector would only walk them (0.03 s
            # at 100x the evidence).
            gc.disable()
            head, results = _report(project, as_of, party, previous, in_parts=True)
            for piece in chunks_of(head, results, jobs=jobs or default_jobs()):
                out.write(piece)
            return
        r = _report(project, as_of, party, previous)
        if fmt is ScoreFormat.oscal_ar:
            from scorecard.render.oscal import render_oscal

            out.write(render_oscal(r))
            return
        from scorecard.views import score_table

        out.write(_tabular(score_table(r, merged=fmt is ScoreFormat.table), Format(fmt), None, _width(wide)))


def _find(p, wanted: str) -> str:
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
        raise _fail(
            f"clause '{wanted}' holds {len(hits)} obligations; name one: {', '.join(sorted(hits))}",
            ExitCode.USAGE,
        )
    import difflib

    shown = {c.casefold(): c for c in [*p.obligations, *(o.clause for o in p.obligations.values())]}
    close = difflib.get_close_matches(key, sorted(shown), n=1, cutoff=0.6)
    hint = f" (did you mean '{shown[close[0]]}'?)" if close else ""
    raise _fail(f"unknown obligation '{wanted}'{hint}; `scorecard rules` lists them", ExitCode.USAGE)


@app.command()
def show(
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
    inputs = _inputs(rules, evidence, policy)
    with _output(output, *inputs) as out:
        p = _project(*inputs)
        oid = _find(p, obligation)
        r = _report(p, as_of, p.obligations[oid].party, previous)
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
            out.write(render_detail(r, o, _width(wide) or 10_000))


@app.command()
def rules(
    rules: Rules = None,
    evidence: Evidence = None,
    no_cache: NoCache = False,
    party: Party = None,
    fmt: Fmt = "table",
    output: Out = None,
    wide: Wide = False,
) -> None:
    """List the obligations: clause, party, kind, deadline, ambiguity and verifiability levels."""
    from scorecard.views import rules_table

    inputs = _inputs(rules, evidence, None)
    with _output(output, *inputs) as out:
        p = _project(*inputs)
        t = rules_table(_report(p, None, _party(p, party)))
        out.write(_tabular(t, fmt, [dict(zip(t.headers, row, strict=True)) for row in t.rows], _width(wide)))


@app.command()
def sources(
    rules: Rules = None,
    evidence: Evidence = None,
    no_cache: NoCache = False,
    as_of: AsOf = None,
    fmt: Fmt = "table",
    output: Out = None,
    wide: Wide = False,
) -> None:
    """List the source documents published by --as-of, with their dates, publishers and grades."""
    from scorecard.views import sources_table

    inputs = _inputs(rules, evidence, None)
    with _output(output, *inputs) as out:
        r = _report(_project(*inputs), as_of, None)
        shown = [s.model_dump(mode="json") for s in r.sources if s.published <= r.as_of]
        out.write(_tabular(sources_table(r), fmt, shown, _width(wide)))


@app.command()
def evidence(
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
    from scorecard.views import evidence_rows, evidence_table

    inputs = _inputs(rules, evidence, policy)
    with _output(output, *inputs) as out:
        p = _project(*inputs)
        rows = evidence_rows(_report(p, as_of, party), p)
        out.write(_tabular(evidence_table(rows), fmt, rows, _width(wide)))


def _at_revision(rev: str, rules: Path, evidence: Path, into: Path) -> tuple[Path, Path]:
    """The rules and evidence folders as git revision `rev` had them, extracted under `into`.

    `rev` is resolved to a commit first (`git rev-parse --verify --end-of-options REV^{commit}`),
    and only the resolved hash reaches `git archive`, after `--end-of-options`: a value such as
    `--output=FILE` is a revision that does not exist, never an option. A revision whose tree holds
    a link that is absolute or leads out of the extracted folders is refused."""
    import io
    import subprocess
    import tarfile

    def git(*args: str, where: Path = evidence) -> bytes:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, stdin=subprocess.DEVNULL)
        if done.returncode:
            said = done.stderr.decode(errors="replace").strip().splitlines()
            raise _fail(
                f"--before-rev {rev}: git {args[0]} failed: {said[-1] if said else 'no answer'}",
                ExitCode.USAGE,
            )
        return done.stdout

    top = Path(git("rev-parse", "--show-toplevel").decode().strip())
    commit = git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", where=top)
    commit_hash = commit.decode().strip()
    if not re.fullmatch(r"[0-9a-f]{40,64}", commit_hash):
        raise _fail(f"--before-rev {rev}: not a commit of this repository", ExitCode.USAGE)
    parts = [os.path.relpath(os.path.realpath(x), top) for x in (rules, evidence)]
    if any(x.startswith("..") for x in parts):
        raise _fail(
            f"--before-rev {rev}: the rules and evidence must be inside one git repository", ExitCode.USAGE
        )
    archive = git("archive", "--format=tar", "--end-of-options", commit_hash, *parts, where=top)
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            for member in tar.getmembers():
                _refuse_link(rev, member)
            tar.extractall(into, filter="data")
    except tarfile.TarError as exc:
        raise _fail(
            f"--before-rev {rev}: cannot extract the revision's files: {exc}", ExitCode.INVALID_DATA
        ) from None
    return into / parts[0], into / parts[1]


def _refuse_link(rev: str, member) -> None:
    """A link in a revision's tree may only point inside the tree, by a relative path."""
    if not (member.issym() or member.islnk()):
        return
    target = member.linkname
    where = os.path.normpath(os.path.join(os.path.dirname(member.name), target)) if member.issym() else target
    if os.path.isabs(target) or where == ".." or where.startswith("../"):
        raise _fail(
            f"--before-rev {rev}: {escape_controls(member.name)} is a link to {escape_controls(target)}, "
            "outside the revision's files; such a revision is not read",
            ExitCode.INVALID_DATA,
        )


def _before(p, inputs, after, previous, before_evidence, before_rev, party, tmp: Path):
    """The earlier assessment for `diff`, and how to name both sides: (Report, before, after)."""
    old_rules, old_evidence, label = inputs[0], inputs[1], None
    if before_rev is not None:
        old_rules, old_evidence = _at_revision(before_rev, inputs[0], inputs[1], tmp)
        label = f"revision {before_rev}"
    elif before_evidence is not None:
        old_evidence, label = before_evidence, str(before_evidence)
    old = p if (old_rules, old_evidence) == inputs[:2] else _project(old_rules, old_evidence, inputs[2])
    before = _report(old, previous or after.as_of.isoformat(), party)
    if label is None:
        return before, before.as_of.isoformat(), after.as_of.isoformat()
    if previous:
        label += f" as of {before.as_of.isoformat()}"
    return before, label, f"the current data as of {after.as_of.isoformat()}"


@app.command()
def diff(
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
    import json
    import tempfile

    from scorecard.changes import diff as changes
    from scorecard.views import diff_table

    if previous is None and before_evidence is None and before_rev is None:
        raise _fail(
            "diff compares two assessments: give --previous DATE, --before-evidence DIR or --before-rev REV",
            ExitCode.USAGE,
        )
    inputs = _inputs(rules, evidence, policy)
    with _output(output, *inputs) as out, tempfile.TemporaryDirectory(prefix="scorecard-diff-") as tmp:
        p = _project(*inputs)
        after = _report(p, as_of, party)
        before, label, now = _before(
            p, inputs, after, previous, before_evidence, before_rev, party, Path(tmp)
        )
        found = changes(before, after)
        title = f"Changes from {label} to {now}: {len(found)}"
        if fmt is Format.json:
            out.write(
                json.dumps({"before": label, "after": now, "changes": found}, indent=2, ensure_ascii=False)
                + "\n"
            )
            return
        out.write(_tabular(diff_table(found, title), fmt, None, _width(wide)))


@app.command()
def history(
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
    import json

    from scorecard.changes import history as record
    from scorecard.views import history_table

    inputs = _inputs(rules, evidence, policy)
    with _output(output, *inputs) as out:
        p = _project(*inputs)
        oid = _find(p, obligation)
        when = _parse_date(as_of) or date.today()
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
        out.write(_tabular(history_table(rows, title), fmt, None, _width(wide)))


_HTML_SUFFIXES = (".html", ".htm")


def _report_output(output: Path | None, html: bool) -> Path:
    """-o for `report`: scorecard.html with --html, else scorecard.pdf; exit 2 when its extension
    names the other format (writing HTML into x.pdf, or a PDF into x.html, helps nobody)."""
    if output is None:
        return Path("scorecard.html" if html else "scorecard.pdf")
    suffix = output.suffix.lower()
    if html and suffix == ".pdf":
        raise _fail(
            f"-o {output} names a PDF but --html writes HTML: use -o {output.with_suffix('.html')}, "
            "or drop --html for a PDF",
            ExitCode.USAGE,
        )
    if not html and suffix in _HTML_SUFFIXES:
        raise _fail(
            f"-o {output} names an HTML page but report writes a PDF: add --html, "
            f"or use -o {output.with_suffix('.pdf')}",
            ExitCode.USAGE,
        )
    return output


@app.command()
def report(
    rules: Rules = None,
    evidence: Evidence = None,
    policy: PolicyOpt = None,
    no_cache: NoCache = False,
    as_of: AsOf = None,
    previous: Previous = None,
    party: Party = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write [default: scorecard.pdf, or scorecard.html with --html]."
        ),
    ] = None,
    html: Annotated[bool, typer.Option("--html", help="Write self-contained HTML instead of PDF.")] = False,
    author: Annotated[
        str, typer.Option("--author", help="The PDF's and page's Author metadata.")
    ] = "scorecard",
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, metavar="N", help="Processes that typeset the PDF [default: one per core]."
        ),
    ] = None,
) -> None:
    """Write the scorecard as a PDF (or --html) for readers who never open a terminal."""
    from scorecard.progress import Progress
    from scorecard.render.epoch import EpochError, source_date_epoch

    target = _report_output(output, html)
    try:
        source_date_epoch()
    except EpochError as exc:
        raise _fail(str(exc), ExitCode.USAGE) from None
    author = escape_controls(author)  # metadata and page text: no escape sequence gets through
    inputs = _inputs(rules, evidence, policy)
    progress = Progress.for_stderr() if not _QUIET["on"] else Progress(None)
    with _output(target, *inputs) as out:
        progress.stage("loading and checking the rules and evidence")
        project = _project(*inputs)
        progress.stage("scoring every obligation and its history")
        r = _report(project, as_of, party, previous, history=True)
        if html:
            progress.stage("writing HTML")
            out.write(render_html_for(r, author))
            progress.done()
            return
        try:
            from scorecard.render.pdf import render_pdf
        except (ImportError, OSError) as exc:
            progress.done()
            raise _fail(
                f"the PDF renderer is unavailable ({exc}); install WeasyPrint and Pango, or use --html",
                ExitCode.RENDERER,
            ) from None
        progress.stage("laying out pages")
        from scorecard.cache import Cache

        cache = Cache.from_environment(_CACHE_OFF["on"])
        out.write(render_pdf(r, author=author, progress=progress.pages, jobs=jobs, cache=cache))
        progress.done()


def render_html_for(r, author: str) -> str:
    from scorecard.render.html import render_html

    return render_html(r, author)


MaxSize = Annotated[
    float, typer.Option("--max-size", help="Largest file to read, in MB (at most 1024).", min=0.001, max=1024)
]
Reviewer = Annotated[
    str | None, typer.Option("--reviewer", help="Who decides [default: git config user.name].")
]


@app.command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="Documents to read: plain text (UTF-8), HTML or PDF.")],
    rules: Rules = None,
    evidence: Evidence = None,
    policy: PolicyOpt = None,
    no_cache: NoCache = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the candidates; write nothing.")] = False,
    fmt: Fmt = "table",
    output: Out = None,
    max_size: MaxSize = 50.0,
) -> None:
    """Read documents and propose candidate evidence: passages with suggested obligations and stances."""
    from scorecard.ingest.extract import IngestError
    from scorecard.ingest.run import OutsideProject

    inputs = _inputs(rules, evidence, policy)
    with _output(output, *inputs) as out:
        project = _project(*inputs)
        try:
            prepared, reviews = _ingest(files, project, inputs, dry_run, int(max_size * 1_000_000))
        except OutsideProject as exc:
            raise _fail(_nothing_written(exc), ExitCode.USAGE) from None
        except IngestError as exc:
            raise _fail(_nothing_written(exc), ExitCode.INVALID_DATA) from None
        from scorecard.ingest.views import candidates_json, candidates_table

        out.write(
            candidates_json(prepared) if fmt is Format.json else candidates_table(prepared, Format(fmt).value)
        )
    for path in reviews:
        _note(f"wrote {path}; review it with `scorecard review {path}` (or edit it and add --apply)")


def _nothing_written(exc: Exception) -> str:
    """The error's message, saying once that nothing was written."""
    message = str(exc)
    return message if message.endswith("nothing was written") else f"{message}; nothing was written"


def _ingest(files, project, inputs, dry_run: bool, max_bytes: int):
    from datetime import datetime

    from scorecard.ingest.cues import build_cuebook
    from scorecard.ingest.extract import IngestError
    from scorecard.ingest.progress import Progress
    from scorecard.ingest.run import prepare, write_ingested
    from scorecard.ingest.suggest import build_context

    try:
        ctx = build_context(project, build_cuebook(project, inputs[0]))
    except ValueError as exc:
        raise IngestError(str(exc)) from None
    bar = Progress()
    try:
        prepared = prepare(files, project, inputs[1], max_bytes, ctx, bar)
    finally:
        bar.close()
    if dry_run:
        return prepared, []
    with _writing():
        return prepared, write_ingested(prepared, inputs[1], datetime.now(UTC).date())


@contextmanager
def _writing():
    """The transaction's refusals as exit codes: busy (75), unsafe target (1), write failed (3)."""
    from scorecard.transaction import Busy, Unsafe, WriteFailed

    try:
        yield
    except Busy as exc:
        raise _fail(str(exc), ExitCode.BUSY) from None
    except Unsafe as exc:
        raise _fail(_nothing_written(exc), ExitCode.INVALID_DATA) from None
    except WriteFailed as exc:
        raise _fail(str(exc), ExitCode.OUTPUT) from None
    except OSError as exc:
        raise _fail(
            f"cannot write the evidence folder: {exc.strerror or exc}; nothing was changed", ExitCode.OUTPUT
        ) from None


@app.command()
def review(
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
    from scorecard.ingest import audit

    rules_, evidence_, policy_ = _inputs(rules, evidence, policy)
    path = file or _waiting_review(evidence_)
    who = audit.reviewer(reviewer)
    if who is None:
        raise _fail("say who reviews: --reviewer NAME (or set git config user.name)", ExitCode.USAGE)
    if not apply and not _review_in_terminal(path, rules_, evidence_, policy_):
        _note("quit without saving; nothing was written")
        return
    _apply(path, rules_, evidence_, policy_, who)


def _waiting_review(evidence: Path) -> Path:
    """The one review file not yet applied (only regular files are read; others are not waiting)."""
    from scorecard.load import LIMITS, Refused, read_regular

    waiting = []
    for p in sorted((evidence / "review").glob("*.yaml")):
        try:
            raw = read_regular(p, LIMITS["YAML file"], "a review file")
        except Refused as exc:
            _say(f"{p.as_posix()}: skipped: {exc}")
            continue
        if b"\napplied: true" not in raw:
            waiting.append(p)
    if len(waiting) != 1:
        names = ", ".join(p.as_posix() for p in waiting) or "none"
        raise _fail(
            f"name the review file ({len(waiting)} waiting: {names}); `scorecard ingest FILE` makes one",
            ExitCode.USAGE,
        )
    return waiting[0]


def _review_in_terminal(path: Path, rules: Path, evidence: Path, policy: Path | None) -> bool:
    """The prompt loop; True when the reviewer saved (the file then holds the decisions)."""
    from scorecard.ingest.apply import document_text, review_path
    from scorecard.ingest.prompt import Session, run
    from scorecard.ingest.review import ReviewError, dump_review, read_review
    from scorecard.transaction import open_transaction

    project = _project(rules, evidence, policy)
    try:
        rel = review_path(path, evidence)
        rv = read_review(path)
        text = document_text(evidence, rv, path)
    except ReviewError as exc:
        for p in exc.problems:
            typer.echo(str(p), err=True)
        raise _fail("the review file has problems", ExitCode.INVALID_DATA) from None
    if sys.stdin is None or sys.stdin.closed:
        raise _fail(
            "the terminal review reads its commands from stdin, which is closed; "
            "edit the review file and apply it with --apply instead",
            ExitCode.USAGE,
        )
    session = Session(rv, text, project.obligations, sys.stdout)
    if run(session, sys.stdin, sys.stdout) != "save":
        return False
    with _writing(), open_transaction(evidence) as txn:
        txn.write(rel, dump_review(rv, path.as_posix()))
        txn.commit()
    return True


def _apply(path: Path, rules: Path, evidence: Path, policy: Path | None, who: str) -> None:
    from scorecard.ingest import audit
    from scorecard.ingest.apply import apply_review
    from scorecard.ingest.review import ReviewError

    try:
        with _writing():
            done = apply_review(path, rules, evidence, policy, who, audit.now())
    except ReviewError as exc:
        for p in exc.problems:
            typer.echo(str(p), err=True)
        raise _fail(
            f"{len(exc.problems)} problem(s) found; nothing was applied", ExitCode.INVALID_DATA
        ) from None
    _note(
        f"applied {path}: {len(done.items)} evidence item(s) for source '{done.source}'"
        f"{' (' + ', '.join(done.items) + ')' if done.items else ''}, {len(done.origins)} new origin(s), "
        f"{done.rejected} rejected, {done.pending} pending; decisions logged in {evidence / 'audit.log'}"
    )


@app.command()
def override(
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
    from scorecard.errors import did_you_mean
    from scorecard.ingest import audit
    from scorecard.ingest.overrides import set_override
    from scorecard.ingest.review import ReviewError
    from scorecard.results import Status

    inputs = _inputs(rules, evidence, policy)
    p = _project(*inputs)
    if obligation not in p.obligations:
        raise _fail(
            f"unknown obligation '{obligation}'{did_you_mean(obligation, p.obligations)}", ExitCode.USAGE
        )
    names = [s.value for s in Status]
    if not remove and status not in names:
        raise _fail(
            f"status must be one of: {', '.join(names)}{did_you_mean(status or '', names)}", ExitCode.USAGE
        )
    if not justification.strip():
        raise _fail("an override needs a written justification: --justification TEXT", ExitCode.USAGE)
    who = audit.reviewer(reviewer)
    if who is None:
        raise _fail("say who decides: --reviewer NAME (or set git config user.name)", ExitCode.USAGE)
    computed = next(o for o in _report(p, None, None).obligations if o.id == obligation)
    computed = computed.override.computed_status.value if computed.override else computed.status.value
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
        raise _fail("the override was not recorded", ExitCode.INVALID_DATA) from None
    _note(
        f"{obligation}: "
        + (
            f"override removed; status {computed}"
            if remove
            else f"{status} (override; computed: {computed}); recorded in "
            f"{inputs[1] / 'overrides.yaml'} and {inputs[1] / 'audit.log'}"
        )
    )


class SchemaKind(str, Enum):
    agreement = "agreement"
    obligation = "obligation"
    sources = "sources"
    origins = "origins"
    items = "items"
    policy = "policy"
    report = "report"


@app.command()
def schema(
    kind: Annotated[
        str,
        typer.Argument(
            callback=_choice(SchemaKind, "schema kind"),
            metavar="KIND",
            help="Which file's schema: agreement, obligation, sources, origins, items, policy or report.",
        ),
    ] = "report",
) -> None:
    """Print the JSON Schema of an input file kind, or of `score --format json` (report)."""
    import json

    from scorecard.schemas import schema as build

    sys.stdout.write(json.dumps(build(SchemaKind(kind).value), indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _stop(signum: int, frame) -> None:
    """SIGINT, SIGTERM, SIGHUP: remove any temporary output file, say so, exit 128 + the signal."""
    import signal

    from scorecard.output import remove_temporaries

    for name in _SIGNALS:
        signal.signal(
            getattr(signal, name), signal.SIG_IGN
        )  # a second signal must not cut the clean-up short
    remove_temporaries()
    try:
        os.write(2, f"scorecard: stopped by {signal.Signals(signum).name}; no file was changed\n".encode())
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
            _say(f"scorecard: {exc}")
            return ExitCode.INVALID_DATA
        if os.environ.get("SCORECARD_DEBUG"):
            raise
        _say(f"scorecard: internal error: {exc!r} (set SCORECARD_DEBUG=1 for the traceback)")
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
            _say(f"scorecard: cannot write to stdout: {exc.reason}; the output is incomplete")
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
        _say(str(code))
        status = 1
    os._exit(status)
