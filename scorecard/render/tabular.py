"""Text, Markdown and CSV renderings of a view's Table."""

from __future__ import annotations

import csv
import io

from scorecard.views import Table

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def render_table(t: Table) -> str:
    """A plain-text table for the terminal. Why disable_numparse: tabulate turns '4.10' into 4.1."""
    from tabulate import tabulate

    return f"{t.title}\n\n" + tabulate(t.rows, headers=t.headers, tablefmt="simple", disable_numparse=True) + "\n"


def _md_cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(t: Table) -> str:
    from tabulate import tabulate

    rows = [[_md_cell(c) for c in row] for row in t.rows]
    body = tabulate(rows, headers=[_md_cell(h) for h in t.headers], tablefmt="pipe", disable_numparse=True)
    return f"## {_md_cell(t.title)}\n\n{body}\n"


def render_csv(t: Table) -> str:
    """CSV; a cell starting like a spreadsheet formula gets a leading apostrophe (CSV injection)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(t.headers)
    for row in t.rows:
        w.writerow(["'" + c if c.startswith(_FORMULA) and c != "-" else c for c in row])
    return out.getvalue()


RENDERERS = {"table": render_table, "markdown": render_markdown, "csv": render_csv}
