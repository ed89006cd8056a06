"""Wall time and peak memory of the CLI at growing data sizes, cold and warm, and the PDF against
plain WeasyPrint.

    .venv/bin/python benchmarks/bench_speed.py [--scales 1,10,100,1000] [--shapes documents,copies]
                                               [--rounds 3] [--pdf-scales 1,10]

Shapes of synthetic data, generated here from the shipped data (every quote stays valid):
- `documents`: n renamed copies of every source, its document and its evidence items, for the same
  obligations (years of reports on one agreement: n times the documents and the items);
- `items`: the same sources and obligations, with n renamed copies of every evidence item;
- `copies`: n renamed copies of every obligation and evidence item (bench_report.make_copies).
Each command runs as its own process (as a user runs it); peak memory is that process's maximum
resident set (wait4).
- cold: an empty cache folder (SCORECARD_CACHE_DIR), so every file is parsed and every quote searched;
- warm: the cache filled by the cold run, then one evidence items file edited (a claim changed),
  as after adding or correcting evidence.
Times are the best of --rounds (one round at 1,000x); the machine is shared, so read the ratios.

The PDF: `scorecard report` with one process and with one per core, and WeasyPrint's own command
(`weasyprint --pdf-tags`, tagged as the report is) on the report's HTML (`scorecard report
--html`), run alternately in each round.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench_report import BIN, EVIDENCE, RULES, _read, _write, make_copies

AS_OF = "2026-11-23"


def more_items(n: int, into: Path) -> tuple[Path, Path]:
    """The shipped rules, and n renamed copies of every evidence item linked to the same obligations."""
    rules, evidence = into / "rules" / "doha-2020", into / "evidence"
    shutil.copytree(RULES, rules)
    shutil.copytree(EVIDENCE, evidence, ignore=shutil.ignore_patterns("items"))
    (evidence / "items").mkdir()
    for path in sorted((EVIDENCE / "items").glob("*.yaml")):
        items = _read(path) or []
        for k in range(n):
            _write(
                evidence / "items" / f"{path.stem}-c{k}.yaml", [{**i, "id": f"{i['id']}-c{k}"} for i in items]
            )
    return rules, evidence


def more_documents(n: int, into: Path) -> tuple[Path, Path]:
    """The shipped rules, and n renamed copies of every source (its document copied beside it) with
    its evidence items: years of reports on one agreement, n times as many documents and items."""
    rules, evidence = into / "rules" / "doha-2020", into / "evidence"
    shutil.copytree(RULES, rules)
    shutil.copytree(EVIDENCE, evidence, ignore=shutil.ignore_patterns("items", "documents", "sources.yaml"))
    (evidence / "items").mkdir()
    (evidence / "documents").mkdir()
    sources = _read(EVIDENCE / "sources.yaml")
    copies = []
    for k in range(n):
        for src in sources:
            name = Path(src["file"])
            file = f"documents/{name.stem}-c{k}{name.suffix}"
            shutil.copyfile(EVIDENCE / src["file"], evidence / file)
            copies.append({**copy.deepcopy(src), "id": f"{src['id']}-c{k}", "file": file})
    _write(evidence / "sources.yaml", copies)
    for path in sorted((EVIDENCE / "items").glob("*.yaml")):
        items = _read(path) or []
        for k in range(n):
            renamed = []
            for i in items:
                item = {**copy.deepcopy(i), "id": f"{i['id']}-c{k}", "source": f"{i['source']}-c{k}"}
                if i.get("event_date_from"):
                    item["event_date_from"] = f"{i['event_date_from']}-c{k}"
                renamed.append(item)
            _write(evidence / "items" / f"{path.stem}-c{k}.yaml", renamed)
    return rules, evidence


def run(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, args))} failed ({proc.returncode}): {err[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def best(rounds: int, args: list[str]) -> tuple[float, float]:
    runs = [run(args) for _ in range(rounds)]
    return min(w for w, _ in runs), max(m for _, m in runs)


def _edit_one(evidence: Path, k: int) -> None:
    """Change one claim in the first items file, differently each time (a new file to parse)."""
    path = sorted((evidence / "items").glob("*.yaml"))[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(n for n, line in enumerate(lines) if line.startswith("  claim: "))
    lines[i] = lines[i].split(" [edit ")[0] + f" [edit {k}]"
    path.write_text("\n".join(lines), encoding="utf-8")


def cold_and_warm(
    args: list[str], evidence: Path, rounds: int, tmp: Path
) -> tuple[float, float, float, float]:
    """(cold s, cold peak MiB, warm s, warm peak MiB), each the best of `rounds`."""
    cold, warm = [], []
    for r in range(rounds):
        cache = tmp / f"cache-{r}"
        shutil.rmtree(cache, ignore_errors=True)
        env = {**os.environ, "SCORECARD_CACHE_DIR": str(cache)}
        env.pop("SCORECARD_NO_CACHE", None)
        cold.append(run(args, env=env))
        _edit_one(evidence, r)
        warm.append(run(args, env=env))
        shutil.rmtree(cache, ignore_errors=True)
    return min(w for w, _ in cold), max(m for _, m in cold), min(w for w, _ in warm), max(m for _, m in warm)


SHAPES = {"documents": more_documents, "items": more_items, "copies": make_copies}


def cli_table(scales: list[int], shapes: list[str], rounds: int, tmp: Path) -> None:
    sc = str(BIN / "scorecard")
    print("| data | items | documents | command | cold | peak | warm, one file edited | peak |")
    print("|---|---|---|---|---|---|---|---|")
    for shape in shapes:
        base: dict[str, float] = {}
        for n in scales:
            rules, evidence = SHAPES[shape](n, tmp / f"{shape}{n}")
            count = sum(1 for p in (evidence / "items").glob("*.yaml") for _ in (_read(p) or []))
            documents = len(list((evidence / "documents").iterdir()))
            data = ["--rules", str(rules), "--evidence", str(evidence)]
            commands = {
                "validate": [sc, "validate", *data],
                "score --format json": [sc, "score", "--format", "json", "--as-of", AS_OF, *data],
            }
            for name, args in commands.items():
                c, cm, w, wm = cold_and_warm(args, evidence, 1 if n >= 1000 else rounds, tmp)
                base.setdefault(name, c)
                print(
                    f"| {shape} {n}x | {count:,} | {documents:,} | {name} | {c:.2f} s ({c / base[name]:.1f}x) "
                    f"| {cm:.0f} MiB | {w:.2f} s | {wm:.0f} MiB |",
                    flush=True,
                )
            shutil.rmtree(tmp / f"{shape}{n}")


def pdf_table(scales: list[int], rounds: int, tmp: Path) -> None:
    """`report` typesetting everything (--no-cache), one process and one per core, against WeasyPrint
    on the same HTML, alternately; then `report` again with its parts kept from a first run, as is,
    and after one evidence file was edited (only the parts it reaches are laid out again)."""
    sc, cores = str(BIN / "scorecard"), len(os.sched_getaffinity(0))
    many = f"report --jobs {cores}"
    print(
        f"\n| PDF | pages | report --jobs 1 | {many} | weasyprint on its HTML | ratio ({many} / weasyprint) "
        "| parts kept, nothing changed | parts kept, one file edited |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for n in scales:
        rules, evidence = more_documents(n, tmp / f"pdf{n}")
        data = ["--rules", str(rules), "--evidence", str(evidence), "--as-of", AS_OF]
        html, out = tmp / f"r{n}.html", tmp / f"r{n}.pdf"
        run([sc, "--no-cache", "report", *data, "--html", "-o", str(html)])
        times: dict[str, list[float]] = {"1": [], "n": [], "w": []}
        for _ in range(rounds if n == 1 else 1):  # alternately, so load on the machine hits all alike
            times["1"].append(run([sc, "--no-cache", "report", *data, "--jobs", "1", "-o", str(out)])[0])
            times["n"].append(
                run([sc, "--no-cache", "report", *data, "--jobs", str(cores), "-o", str(out)])[0]
            )
            weasyprint = [str(BIN / "weasyprint"), "--pdf-tags", str(html), str(tmp / "w.pdf")]
            times["w"].append(run(weasyprint)[0])
        cache = tmp / "pdf-cache"
        env = {**os.environ, "SCORECARD_CACHE_DIR": str(cache)}
        env.pop("SCORECARD_NO_CACHE", None)
        run([sc, "report", *data, "-o", str(out)], env=env)  # fills the cache
        kept = min(
            run([sc, "report", *data, "-o", str(out)], env=env)[0] for _ in range(rounds if n == 1 else 1)
        )
        edited = []
        for k in range(rounds if n == 1 else 1):
            _edit_one(evidence, k)
            edited.append(run([sc, "report", *data, "-o", str(out)], env=env)[0])
        shutil.rmtree(cache, ignore_errors=True)
        from pypdf import PdfReader

        pages = len(PdfReader(out).pages)
        one, many_t, plain = (min(times[k]) for k in ("1", "n", "w"))
        print(
            f"| {n}x | {pages} | {one:.2f} s | {many_t:.2f} s | {plain:.2f} s | {many_t / plain:.2f} "
            f"| {kept:.2f} s | {min(edited):.2f} s |",
            flush=True,
        )
        shutil.rmtree(tmp / f"pdf{n}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="1,10,100")
    ap.add_argument("--shapes", default="documents,copies")
    ap.add_argument("--pdf-scales", default="1,10")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        if a.scales:
            cli_table([int(x) for x in a.scales.split(",")], a.shapes.split(","), a.rounds, tmp)
        if a.pdf_scales:
            pdf_table([int(x) for x in a.pdf_scales.split(",")], a.rounds, tmp)


if __name__ == "__main__":
    main()
