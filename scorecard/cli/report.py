"""The scorecard for readers who never open a terminal: report (PDF or HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scorecard.cli.context import (
    fail,
    inputs_of,
    load,
    output_to,
    report_for,
)
from scorecard.cli.options import (
    AsOf,
    Evidence,
    NoCache,
    Party,
    PolicyOpt,
    Previous,
    Rules,
)
from scorecard.cli.session import session
from scorecard.errors import ExitCode, escape_controls

_HTML_SUFFIXES = (".html", ".htm")


def _report_output(output: Path | None, html: bool) -> Path:
    """-o for `report`: scorecard.html with --html, else scorecard.pdf; exit 2 when its extension
    names the other format (writing HTML into x.pdf, or a PDF into x.html, helps nobody)."""
    if output is None:
        return Path("scorecard.html" if html else "scorecard.pdf")
    suffix = output.suffix.lower()
    if html and suffix == ".pdf":
        raise fail(
            f"-o {output} names a PDF but --html writes HTML: use -o {output.with_suffix('.html')}, "
            "or drop --html for a PDF",
            ExitCode.USAGE,
        )
    if not html and suffix in _HTML_SUFFIXES:
        raise fail(
            f"-o {output} names an HTML page but report writes a PDF: add --html, "
            f"or use -o {output.with_suffix('.pdf')}",
            ExitCode.USAGE,
        )
    return output


def report(
    ctx: typer.Context,
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
    s = session(ctx)
    from scorecard.progress import Progress
    from scorecard.render.epoch import EpochError, source_date_epoch

    target = _report_output(output, html)
    try:
        source_date_epoch()
    except EpochError as exc:
        raise fail(str(exc), ExitCode.USAGE) from None
    author = escape_controls(author)  # metadata and page text: no escape sequence gets through
    inputs = inputs_of(rules, evidence, policy)
    progress = Progress.for_stderr() if not s.quiet else Progress(None)
    with output_to(s, target, *inputs) as out:
        progress.stage("loading and checking the rules and evidence")
        project = load(s, *inputs)
        progress.stage("scoring every obligation and its history")
        r = report_for(project, as_of, party, previous, history=True)
        if html:
            progress.stage("writing HTML")
            out.write(render_html_for(r, author))
            progress.done()
            return
        progress.stage("laying out pages")
        out.write(_pdf(s, r, author, progress, jobs))
        progress.done()


def _pdf(s, r, author: str, progress, jobs: int | None) -> bytes:
    """The PDF's bytes; exit 4 when WeasyPrint or Pango is missing."""
    try:
        from scorecard.render.pdf import render_pdf
    except (ImportError, OSError) as exc:
        progress.done()
        raise fail(
            f"the PDF renderer is unavailable ({exc}); install WeasyPrint and Pango, or use --html",
            ExitCode.RENDERER,
        ) from None
    from scorecard.cache import Cache

    return render_pdf(
        r, author=author, progress=progress.pages, jobs=jobs, cache=Cache.from_environment(s.cache_off)
    )


def render_html_for(r, author: str) -> str:
    from scorecard.render.html import render_html

    return render_html(r, author)
