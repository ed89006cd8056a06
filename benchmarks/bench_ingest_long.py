"""How `scorecard ingest --dry-run` scales with one long document: time and peak memory at 3, 10
and 30 MB of text on one line (no paragraph or sentence breaks: the worst shape for a splitter).

Targets: at least 1 MB/s at 30 MB, and peak memory at most 10 times the text. Prints MB/s, peak
resident memory as a multiple of the text, and the ratios between sizes (1.0 = linear), which are
what to read on a noisy machine.

    .venv/bin/python benchmarks/bench_ingest_long.py [--sizes 3 10 30]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
    "Taliban",
    "Doha",
    "agreement",
    "report",
    "said",
    "withdrawal",
    "prisoners",
]
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def one_line(path: Path, megabytes: int) -> int:
    rng = random.Random(megabytes)
    size = megabytes * 1_000_000
    with path.open("w", encoding="utf-8") as f:
        written = 0
        while written < size:
            chunk = " ".join(rng.choice(WORDS) for _ in range(20_000)) + " "
            f.write(chunk[: size - written])
            written += min(len(chunk), size - written)
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3, 10, 30])
    args = parser.parse_args()
    scorecard = str(Path(sys.executable).with_name("scorecard"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        proj = Path(tmp)
        shutil.copytree(ROOT / "rules", proj / "rules")
        shutil.copytree(ROOT / "evidence", proj / "evidence")
        (proj / "inbox").mkdir()
        for mb in args.sizes:
            doc = proj / "inbox" / f"one-{mb}.txt"
            size = one_line(doc, mb)
            command = [scorecard, "ingest", str(doc), "--dry-run", "--format", "json", "-o", os.devnull]
            got = subprocess.run(
                [sys.executable, "-c", MEASURE, *command],
                cwd=proj,
                capture_output=True,
                text=True,
                check=True,
            )
            seconds, kib = got.stdout.split()
            rows.append((mb, size, float(seconds), int(kib) * 1024))
            doc.unlink()
    print(f"{'text MB':>8} {'seconds':>8} {'MB/s':>6} {'peak MiB':>9} {'x text':>7}")
    for mb, size, seconds, peak in rows:
        print(
            f"{mb:>8} {seconds:>8.1f} {size / 1e6 / seconds:>6.2f} {peak / 2**20:>9.0f} {peak / size:>7.1f}"
        )
    for (a, sa, ta, _), (b, sb, tb, _) in zip(rows, rows[1:], strict=False):
        linear = tb / ta / (sb / sa)
        print(
            f"time ratio {b}/{a} MB: {tb / ta:.2f} for {sb / sa:.2f} times the text ({linear:.2f} of linear)"
        )


if __name__ == "__main__":
    main()
