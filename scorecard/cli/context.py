"""What every command does around its work: its inputs, the checked project, the report, where
the result goes, and messages on stderr."""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import typer

from scorecard.cli.options import Format, default_folder, parse_date
from scorecard.cli.session import Session
from scorecard.errors import ExitCode, escape_controls


def width(wide: bool) -> int | None:
    """The table width: None with --wide, else COLUMNS or the terminal's width, at least 80."""
    import shutil

    if wide:
        return None
    return max(80, shutil.get_terminal_size((80, 24)).columns)


def say(message: str) -> None:
    """One diagnostic line on stderr, control characters made visible (file names come from outside)."""
    typer.echo(escape_controls(message), err=True)


def note(s: Session, message: str) -> None:
    """A note on stderr (what was written or applied), silenced by --quiet."""
    if not s.quiet:
        say(message)


def fail(message: str, code: ExitCode) -> typer.Exit:
    say(f"scorecard: {message}")
    return typer.Exit(int(code))


def load(s: Session, rules: Path, evidence: Path, policy: Path | None):
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
    project, problems = load_and_check(rules, evidence, policy, Cache.from_environment(s.cache_off))
    try:
        valid = validated(project, problems)
    except InvalidData:
        for p in problems:
            typer.echo(str(p), err=True)
        raise fail(f"{len(problems)} problem(s) found; nothing was scored", ExitCode.INVALID_DATA) from None
    # The project lives as long as the command: frozen, the cyclic collector stops walking its
    # hundreds of thousands of objects again each time results are built (a quarter of the time
    # of scoring at 100x the shipped evidence); and the results, made by the hundred thousand and
    # kept to the end, are walked less often (as while loading: pipeline.fewer_collections).
    gc.freeze()  # before the collector runs again, or its first run would walk all of it
    gc.enable()
    s.kept.append(valid)  # freed by nobody: the process ends without freeing it (_leave)
    return valid


def party_id(project, party: str | None) -> str | None:
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
    raise fail(f"unknown party '{party}'{hint}; parties: {', '.join(shown)}", ExitCode.USAGE)


def report_for(
    project,
    as_of: str | None,
    party: str | None,
    previous: str | None = None,
    history: bool = False,
    in_parts: bool = False,
):
    """The Report; with `in_parts`, the Report without obligations and an iterator of them."""
    from scorecard.report import build_report, report_in_parts

    party = party_id(project, party)
    when = parse_date(as_of) or date.today()
    before = parse_date(previous)
    if before is not None and before >= when:
        raise fail(f"--previous {before} must be before --as-of {when}", ExitCode.USAGE)
    return (report_in_parts if in_parts else build_report)(project, when, party, before, history)


def inputs_of(
    rules: Path | None, evidence: Path | None, policy: Path | None
) -> tuple[Path, Path, Path | None]:
    return rules or default_folder("rules"), evidence or default_folder("evidence"), policy


def refuse_inputs(output: Path, rules: Path, evidence: Path, policy: Path | None) -> None:
    """Exit 2 when `output` (symlinks and .. resolved) is an input: in the rules or evidence folder
    in use, or the policy file in use (the package's own unless --policy names another)."""
    from scorecard.load import DEFAULT_POLICY

    real = Path(os.path.realpath(output))
    for what, folder in (("rules folder", rules), ("evidence folder", evidence)):
        inside = Path(os.path.realpath(folder))
        if real == inside or real.is_relative_to(inside):
            raise fail(
                f"refusing to write {output}: it is inside the {what} in use ({folder}), and inputs are "
                "never overwritten; choose a path outside it",
                ExitCode.USAGE,
            )
    if real == Path(os.path.realpath(policy or DEFAULT_POLICY)):
        raise fail(
            f"refusing to write {output}: it is the policy file in use, and inputs are never "
            "overwritten; choose another path",
            ExitCode.USAGE,
        )


@contextmanager
def output_to(s: Session, output: Path | None, rules: Path, evidence: Path, policy: Path | None = None):
    """Where the command's result goes: stdout, or `output` opened now and committed on success.

    Opened before the work so a path that cannot be written fails at once; on any failure an
    existing file is left as it was and no temporary file remains (see scorecard/output.py).
    """
    from scorecard.output import OutputError, Stdout, open_output

    if output is None or str(output) == "-":
        yield Stdout()
        return
    refuse_inputs(output, rules, evidence, policy)
    try:
        target = open_output(output)
    except OutputError as exc:
        raise fail(exc.message, exc.code) from None
    try:
        yield target
        target.commit()
    except OutputError as exc:
        target.discard()
        raise fail(exc.message, exc.code) from None
    except BaseException:
        target.discard()
        raise
    if not isinstance(target, Stdout) and not s.quiet:
        say(f"wrote {output}")


def tabular(table, fmt: str, data, width: int | None = 80) -> str:
    fmt = Format(fmt)
    if fmt is Format.json:
        import json

        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    from scorecard.render.tabular import RENDERERS

    return RENDERERS[Format(fmt).value](table, width)
