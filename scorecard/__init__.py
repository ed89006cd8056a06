"""Traceable compliance scorecards for international agreements, as a library.

    from scorecard import load_valid, build_report, render_html
    project = load_valid("rules/doha-2020", "evidence")      # InvalidData lists every problem
    report = build_report(project, date(2026, 11, 23))       # pure: no I/O, no clock
    html = render_html(report)

Names are imported on first use, so `import scorecard` (and the CLI's start-up) stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "load_and_check": "scorecard.pipeline",
    "Cache": "scorecard.cache",
    "load_valid": "scorecard.pipeline",
    "ValidProject": "scorecard.model",
    "InvalidData": "scorecard.errors",
    "build_report": "scorecard.report",
    "Report": "scorecard.results",
    "ObligationResult": "scorecard.results",
    "Status": "scorecard.results",
    "Schedule": "scorecard.results",
    "Problem": "scorecard.errors",
    "ExitCode": "scorecard.errors",
    "render_html": "scorecard.render.html",
    "render_pdf": "scorecard.render.pdf",
    "render_oscal": "scorecard.render.oscal",
    "schema": "scorecard.schemas",
}
__all__ = ["__version__", *sorted(_WHERE)]


def _version() -> str:
    """The installed version (read from the package's metadata on first use: that costs 20 ms)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("scorecard")
    except PackageNotFoundError:  # pragma: no cover - running from a folder that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _version()
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'scorecard' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
