"""The options and arguments the commands share, and the closed choices they parse."""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from scorecard.cli.session import session


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


def default_folder(kind: str) -> Path:
    """./rules/doha-2020 and ./evidence in the working folder: never another project's data (a
    missing folder is then reported by name, as any named folder would be)."""
    return Path("rules/doha-2020") if kind == "rules" else Path("evidence")


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: str | None) -> date | None:
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


def _no_cache(ctx: typer.Context, value: bool) -> bool:
    if value:
        session(ctx).cache_off = True
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


def choice(kind: type[Enum], what: str = "format"):
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
        callback=choice(Format),
        metavar="table|json|markdown|csv",
        help="Output format: table, json, markdown or csv.",
    ),
]
ScoreFmt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        callback=choice(ScoreFormat),
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
