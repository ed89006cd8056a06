"""The options every command shares, held for one invocation (never in module state)."""

from __future__ import annotations

from dataclasses import dataclass, field

import typer


@dataclass
class Session:
    """--quiet and --no-cache (before or after the command's name), and what lives to the end."""

    quiet: bool = False
    cache_off: bool = False
    kept: list = field(default_factory=list)  # the loaded project: never freed (process.leave)


def session(ctx: typer.Context) -> Session:
    """This invocation's Session, made on first use and kept on the root context."""
    root = ctx.find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session()
    return root.obj
