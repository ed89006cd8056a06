"""The `scorecard` Typer application and the options given before a command's name."""

from __future__ import annotations

from typing import Annotated

import typer

from scorecard.cli.options import NoCache
from scorecard.cli.session import session

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Judge, trace and re-run compliance with an agreement's obligations.",
)


def _version(value: bool) -> None:
    if value:
        from scorecard import __version__

        typer.echo(f"scorecard {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    ctx: typer.Context,
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
    session(ctx).quiet = quiet
