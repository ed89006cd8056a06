"""Time the scorecard pipeline on the shipped data and on 10x and 100x synthetic copies of it.

    .venv/bin/python benchmarks/bench_report.py [--pdf-budget SECONDS] [--as-of YYYY-MM-DD]

Stages: load and check, score and build the Report, render HTML, render PDF (at 1x, 10x, 30x and
100x; 30x shows the PDF trend where 100x would take too long). The copies repeat
every obligation and evidence item under new ids (obligation `x` becomes `x-c7`, and the items
linked to it link to `x-c7`), against the same sources, so every quote stays valid. Also times
the CLI end to end: `scorecard --help`, `scorecard score --format json`, `scorecard report`.

PDF rendering is skipped at a scale whose time, extrapolated linearly from the previous scale,
would exceed --pdf-budget (default 240 s); the trend is then reported from the scales measured.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RULES, EVIDENCE = ROOT / "rules" / "doha-2020", ROOT / "evidence"
BIN = Path(sys.executable).parent
SCALES = (1, 10, 30, 100)
STAGES = ("load + check", "score + build", "render HTML", "render PDF")


class _Loader(yaml.SafeLoader):
    """Dates stay strings, as in the scorecard's own loader."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if not tag.endswith("timestamp")]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader subclass


def _write(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


def make_copies(n: int, into: Path) -> tuple[Path, Path]:
    """Rules and evidence folders holding `n` renamed copies of every obligation and item."""
    rules, evidence = into / "rules" / "doha-2020", into / "evidence"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("obligations"))
    (rules / "obligations").mkdir()
    for path in sorted((RULES / "obligations").glob("*.yaml")):
        data = _read(path)
        for k in range(n):
            copy = {
                **data,
                "id": f"{data['id']}-c{k}",
                "conditions": [
                    {**c, **({"obligation": f"{c['obligation']}-c{k}"} if c.get("obligation") else {})}
                    for c in data.get("conditions") or []
                ],
            }
            _write(rules / "obligations" / f"{path.stem}-c{k}.yaml", copy)
    shutil.copytree(EVIDENCE, evidence, ignore=shutil.ignore_patterns("items"))
    (evidence / "items").mkdir()
    for path in sorted((EVIDENCE / "items").glob("*.yaml")):
        items = _read(path) or []
        for k in range(n):
            copy = [
                {
                    **i,
                    "id": f"{i['id']}-c{k}",
                    "links": [{**ln, "obligation": f"{ln['obligation']}-c{k}"} for ln in i["links"]],
                }
                for i in items
            ]
            _write(evidence / "items" / f"{path.stem}-c{k}.yaml", copy)
    return rules, evidence


def _timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def run_pipeline(rules: Path, evidence: Path, as_of: date, pdf: bool) -> tuple[dict[str, float], int, int]:
    """Seconds per stage; the number of obligations and of PDF pages (0 when the PDF is skipped)."""
    from scorecard.pipeline import load_and_check
    from scorecard.render.html import render_html
    from scorecard.report import build_report

    (project, problems), t_load = _timed(load_and_check, rules, evidence)
    if problems:
        raise SystemExit(f"{len(problems)} problem(s) in {rules} / {evidence}, first: {problems[0]}")
    report, t_build = _timed(build_report, project, as_of)
    _, t_html = _timed(render_html, report)
    times = {"load + check": t_load, "score + build": t_build, "render HTML": t_html}
    pages = 0
    if pdf:
        from scorecard.render.pdf import render_pdf

        data, times["render PDF"] = _timed(render_pdf, report)
        pages = _pages(data)
    return times, len(report.obligations), pages


def _pages(data: bytes) -> int:
    """Page count of a PDF (pypdf, a test dependency, reads the compressed object streams)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return 0
    return len(PdfReader(io.BytesIO(data)).pages)


def cli_seconds(*args: str, repeat: int = 3) -> float:
    """Best wall time of `scorecard ARGS` over `repeat` runs (the CLI as a user starts it)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([str(BIN / "scorecard"), *args], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def _trend(ratio: float, scale: int) -> str:
    per_unit = ratio / scale
    return "linear" if 0.7 <= per_unit <= 1.3 else ("sub-linear" if per_unit < 0.7 else "super-linear")


def report_scales(results: dict[int, dict[str, float]]) -> None:
    base = results[1]
    print(
        f"\n{'stage':<16}"
        + "".join(f"{f'{s}x (s)':>12}" for s in results)
        + "".join(f"{f'{s}x/1x':>12}" for s in results if s > 1)
        + "  growth"
    )
    for stage in STAGES:
        row = f"{stage:<16}" + "".join(
            f"{r[stage]:>12.2f}" if stage in r else f"{'skipped':>12}" for r in results.values()
        )
        ratios = [
            (s, r[stage] / base[stage])
            for s, r in results.items()
            if s > 1 and stage in r and base[stage] > 0
        ]
        row += "".join(f"{q:>12.1f}" for _, q in ratios) + "".join(
            " " * 12 for _ in range(len(results) - 1 - len(ratios))
        )
        trend = ", ".join(f"{s}x: {_trend(q, s)}" for s, q in ratios) or "n/a"
        print(row + "  " + trend)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pdf-budget", type=float, default=240.0, help="skip a PDF expected to take longer (s)")
    ap.add_argument("--as-of", default="2026-11-23")
    args = ap.parse_args()
    as_of = date.fromisoformat(args.as_of)

    print("CLI on the shipped data (best of 3, wall clock):")
    print(f"  scorecard --help                 {cli_seconds('--help'):6.2f} s")
    print(
        f"  scorecard score --format json    {cli_seconds('score', '--format', 'json', '--as-of', args.as_of):6.2f} s"
    )
    with tempfile.TemporaryDirectory() as tmp:
        total = cli_seconds("report", "--as-of", args.as_of, "-o", str(Path(tmp) / "s.pdf"), repeat=2)
    print(
        f"  scorecard report (PDF)           {total:6.2f} s   target < 3 s: {'met' if total < 3 else 'NOT met'}"
    )

    start = time.perf_counter()
    import weasyprint  # noqa: F401 - timed once, outside the per-scale PDF stage

    print(
        f"  (import weasyprint               {time.perf_counter() - start:6.2f} s, paid once per report run)"
    )

    results: dict[int, dict[str, float]] = {}
    last_pdf, last_pdf_scale = None, 1
    for scale in SCALES:
        with tempfile.TemporaryDirectory() as tmp:
            rules, evidence = (RULES, EVIDENCE) if scale == 1 else make_copies(scale, Path(tmp))
            expected = last_pdf * scale / last_pdf_scale if last_pdf else 0.0
            pdf = expected <= args.pdf_budget
            times, n, pages = run_pipeline(rules, evidence, as_of, pdf)
        results[scale] = times
        if pdf:
            last_pdf, last_pdf_scale = times["render PDF"], scale
        note = f"{pages} pages" if pdf else f"PDF skipped: about {expected:.0f} s expected"
        print(
            f"{scale:>4}x: {n} obligations; "
            + ", ".join(f"{k} {v:.2f} s" for k, v in times.items())
            + f"; {note}"
        )
    report_scales(results)


if __name__ == "__main__":
    main()
