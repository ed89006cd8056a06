"""How fast could the PDF of the shipped data be? Three measurements against the report itself.

    .venv/bin/python benchmarks/bench_pdf_floor.py [--repeat N] [--as-of YYYY-MM-DD]

1. report: the scorecard as `scorecard report` typesets it (WeasyPrint: layout, then PDF).
2. plain text: the same words, as the PDF's own text layer gives them back, typeset as plain
   paragraphs in one font with no tables, figures, footnotes or page furniture. No layout of this
   content can cost less in WeasyPrint: it is the floor for this volume of text.
3. unstyled: the report's own HTML (its tables, lists, figures and notes) with the stylesheet
   replaced by the one of (2): what the document's structure costs before any styling.
4. blocks only: (3) without its figures, table markup and inline markup: the paragraphs, lists,
   quotes and headings that the report's contents need at the least.
5. two halves at once: the report cut in two at an obligation heading, each half typeset in its own
   process, both at the same time. On a 2-core machine this bounds what rendering in parallel could
   gain, before the cost of merging the halves and renumbering their pages.

Each is the best of --repeat runs (wall clock); the ratios to (1) are what to read on a noisy machine.
A fixed cost comes on top of each, measured too: a fresh Python importing the CLI and WeasyPrint,
then loading, checking and scoring the data and writing the HTML, as `scorecard report` does.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PLAIN_CSS = (
    "@page { size: letter; margin: 21mm 19mm 20mm 19mm } "
    "html { font: 8.6pt/1.42 'DejaVu Sans Condensed', sans-serif } p { margin: 0 0 5pt }"
)


def _best(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def _typeset(source: str) -> tuple[bytes, int]:
    from scorecard.render.pdf import _fewer_collections, typeset  # the collector settings render_pdf uses

    with _fewer_collections():
        doc = typeset(source)
        return doc.write_pdf(), len(doc.pages)


def plain_text(pdf: bytes) -> str:
    """The PDF's words as plain paragraphs (one per text block of each page)."""
    from pypdf import PdfReader

    paragraphs = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for block in re.split(r"\n\s*\n", page.extract_text()):
            words = " ".join(block.split())
            if words:
                paragraphs.append(f"<p>{html.escape(words)}</p>")
    return f"<html><head><style>{PLAIN_CSS}</style></head><body>{''.join(paragraphs)}</body></html>"


def halves(document: str) -> tuple[str, str]:
    """The report cut before the middle obligation section: two complete HTML documents."""
    head, rest = document.split("<body>", 1)
    body = rest.rsplit("</body>", 1)[0]
    starts = [m.start() for m in re.finditer(r'<section class="ob"', body)]
    cut = starts[len(starts) // 2]
    return (
        f"{head}<body>{body[:cut]}</div></body></html>",
        f'{head}<body><div class="obligations">{body[cut:]}</body></html>',
    )


def at_once(first: str, second: str) -> None:
    """Typeset both documents at the same time, the second in a forked process."""
    pid = os.fork()
    if pid == 0:
        try:
            _typeset(second)
        finally:
            os._exit(0)
    _typeset(first)
    os.waitpid(pid, 0)


START_UP = """
import scorecard.cli, weasyprint
from datetime import date
from pathlib import Path
from scorecard.pipeline import load_and_check
from scorecard.render.html import render_html
from scorecard.report import build_report
project, _ = load_and_check(Path("rules/doha-2020"), Path("evidence"))
render_html(build_report(project, date.fromisoformat(AS_OF)))
"""


def start_up(as_of: str) -> float:
    """Wall time of a fresh interpreter doing everything `scorecard report` does before typesetting."""
    code = START_UP.replace("AS_OF", repr(as_of))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--as-of", default="2026-11-23")
    args = ap.parse_args()

    from scorecard.pipeline import load_and_check
    from scorecard.render.html import render_html
    from scorecard.render.pdf import render_pdf
    from scorecard.report import build_report

    project, problems = load_and_check(ROOT / "rules" / "doha-2020", ROOT / "evidence")
    if problems:
        raise SystemExit(f"{len(problems)} problem(s) in the shipped data, first: {problems[0]}")
    report = build_report(project, date.fromisoformat(args.as_of))
    document = render_html(report)

    t_report, pdf = _best(lambda: render_pdf(report), args.repeat)
    plain = plain_text(pdf)
    t_plain, (_, plain_pages) = _best(lambda: _typeset(plain), args.repeat)
    unstyled = re.sub(
        r"<style>.*?</style>", f"<style>{PLAIN_CSS}</style>", document, count=1, flags=re.DOTALL
    )
    t_unstyled, (_, unstyled_pages) = _best(lambda: _typeset(unstyled), args.repeat)
    blocks = re.sub(r"<svg.*?</svg>", "", unstyled, flags=re.DOTALL)
    blocks = re.sub(
        r"</?(table|tbody|thead|tfoot|tr|colgroup|col|caption|span|a|em|strong)\b[^>]*>", "", blocks
    )
    t_blocks, (_, blocks_pages) = _best(lambda: _typeset(blocks), args.repeat)
    first, second = halves(document)
    t_halves, _ = _best(lambda: at_once(first, second), args.repeat)

    t_start = min(start_up(args.as_of) for _ in range(args.repeat))
    words = len(re.sub(r"<[^>]+>", " ", plain).split())
    print(
        f"start-up         {t_start:6.2f} s          (Python, imports, load, check, score, HTML: before any PDF)"
    )
    print(f"report           {t_report:6.2f} s   1.00   (the scorecard, {words} words)")
    print(
        f"plain text       {t_plain:6.2f} s   {t_plain / t_report:.2f}   "
        f"(same words, no structure; {plain_pages} pages)"
    )
    print(
        f"unstyled         {t_unstyled:6.2f} s   {t_unstyled / t_report:.2f}   "
        f"(the report's HTML without its CSS; {unstyled_pages} pages)"
    )
    print(
        f"blocks only      {t_blocks:6.2f} s   {t_blocks / t_report:.2f}   "
        f"(no figures, tables or inline markup; {blocks_pages} pages)"
    )
    print(
        f"two halves       {t_halves:6.2f} s   {t_halves / t_report:.2f}   (2 processes at once, before merging)"
    )


if __name__ == "__main__":
    main()
