"""Text, Markdown and CSV renderings of a view's Table."""

from __future__ import annotations

import csv
import io
import re

from scorecard.views import Table

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def render_table(t: Table, width: int | None = 80) -> str:
    """A plain-text table within `width` columns (None: one line per row, however long)."""
    from scorecard.render.fit import fit_table, notes

    return fit_table(t, width) + notes(t.notes, width)


# Markdown's inline syntax, as CommonMark and GitHub read it: code, emphasis, strikethrough,
# links and images, math, cell borders, a heading's closing #s. Each gets a backslash (CommonMark
# lets any ASCII punctuation be escaped); <, > and & become entities, so no raw HTML, autolink or
# entity survives. Line breaks of every kind become spaces: a row is one line.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]|~$#<>&]|\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def _md_escape(match: re.Match) -> str:
    ch = match.group()
    if ch in _MD_ENTITIES:
        return _MD_ENTITIES[ch]
    return "\\" + ch if len(ch) == 1 and ch.isascii() and ch.isprintable() else " "


def _md_cell(value: str) -> str:
    """A cell (or the title) as inert Markdown text: what the data says is shown, never interpreted."""
    return _MD_SPECIAL.sub(_md_escape, value)


def render_markdown(t: Table, width: int | None = None) -> str:
    from tabulate import tabulate

    rows = [[_md_cell(c) for c in row] for row in t.rows]
    body = tabulate(rows, headers=[_md_cell(h) for h in t.headers], tablefmt="pipe", disable_numparse=True)
    notes = "".join(f"- {_md_cell(n)}\n" for n in t.notes)
    return f"## {_md_cell(t.title)}\n\n{body}\n" + (f"\n{notes}" if notes else "")


def render_csv(t: Table, width: int | None = None) -> str:
    """CSV for spreadsheets: snake_case headers, one value per cell, empty cells empty.

    A cell starting like a spreadsheet formula gets a leading apostrophe (CSV injection).
    """
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(t.csv_keys or [c.key for c in t.cols()])
    for row in t.csv_rows if t.csv_rows is not None else [["" if c == "-" else c for c in r] for r in t.rows]:
        w.writerow(["'" + c if c.startswith(_FORMULA) else c for c in row])
    return out.getvalue()


RENDERERS = {"table": render_table, "markdown": render_markdown, "csv": render_csv}
