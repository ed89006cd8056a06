"""How good and how fast `scorecard ingest` is, measured on the shipped evidence.

    .venv/bin/python benchmarks/bench_ingest.py [--json]

Quality, leave-one-document-out: each shipped document is ingested as if it were new, with the
reviewed evidence of the other documents as training data (its own items are held out), and its
candidates are compared with the evidence analysts filed from it:
- recall: share of filed passages that a candidate of at most 600 characters overlaps and that
  candidate suggests one of the passage's clauses (one of up to four suggestions);
- precision: share of candidates that overlap a filed passage;
- stance agreement: for each passage found, whether the best-scored suggestion with a right clause
  carries the stance the analyst gave that clause.
The same measures on annotated documents outside the evidence (benchmarks/heldout: `dev-*` read
while working on the method, `ho-*` held out, never read for errors), with all the shipped evidence
as training data, and how often the suggested speaker, party, relayed origin and event date are
the analyst's.
Speed: throughput of the suggester in MB of text per second after start-up (the five documents
repeated to about 1 MB), and start-up: `scorecard ingest FILE --dry-run --format json` on a small
file from a cold process, the whole command's wall time (Python, imports, loading and checking the
data, building the model, proposing).

The benchmark reads whatever evidence is present; its numbers move when the evidence changes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorecard.ingest.cues import build_cuebook  # noqa: E402 - after the path is set
from scorecard.ingest.suggest import MAX_CHARS, build_context, propose  # noqa: E402
from scorecard.pipeline import load_and_check  # noqa: E402

RULES, EVIDENCE = ROOT / "rules" / "doha-2020", ROOT / "evidence"


def evaluate(project, book, sid: str) -> dict:
    """Recall, precision and stance agreement on one held-out source."""
    ctx = build_context(project, book, exclude_sources={sid})
    text = project.documents[sid].text
    cands = [
        c for c in propose(text, ctx, project.sources[sid].published.date) if c.end - c.start <= MAX_CHARS
    ]
    items = [it for it in project.items.values() if it.source == sid and it.id in project.spans]
    found = agree = 0
    hit = [False] * len(cands)
    for it in items:
        span = project.spans[it.id]
        clauses = {project.obligations[link.obligation].clause: set() for link in it.links}
        for link in it.links:
            clauses[project.obligations[link.obligation].clause].add(link.stance)
        best = None
        for k, c in enumerate(cands):
            if c.start < span.end and span.start < c.end:
                hit[k] = True
                for s in c.suggestions:
                    if s.clause in clauses and (best is None or s.score > best.score):
                        best = s
        if best is not None:
            found += 1
            agree += best.stance in clauses[best.clause]
    return {
        "source": sid,
        "items": len(items),
        "found": found,
        "candidates": len(cands),
        "overlapping": sum(hit),
        "stance_agree": agree,
    }


HELDOUT = ROOT / "benchmarks" / "heldout"


def evaluate_text(project, book, name: str, text: str, published, passages: list[dict]) -> dict:
    """The same measures on a document outside the evidence, against its annotated passages
    ({quote, clauses: {clause: stance}}), with all the shipped evidence as training data and the
    rules' labelled examples but those taken from this document (`document: name`)."""
    from scorecard.ingest.build import locate

    ctx = build_context(project, book, exclude_sources={name})
    cands = [c for c in propose(text, ctx, published) if c.end - c.start <= MAX_CHARS]
    found = agree = 0
    hit = [False] * len(cands)
    misses = []
    fields: dict[str, list[bool]] = {k: [] for k in SUGGESTED}
    for p in passages:
        span = locate(text, p["quote"])
        if span is None:
            raise SystemExit(f"{name}: quote not in the text: {p['quote'][:60]}")
        clauses = p["clauses"]
        best = None
        for k, c in enumerate(cands):
            if c.start < span[1] and span[0] < c.end:
                hit[k] = True
                for s in c.suggestions:
                    if s.clause in clauses and (best is None or s.score > best.score):
                        best = s
        if best is not None:
            found += 1
            agree += best.stance == clauses[best.clause]
        misses.append((p["quote"][:70], None if best is None else (best.clause, best.stance, clauses)))
        if "expect" in p:
            _check_suggestions(p["expect"], _nearest(cands, span), fields)
    return {
        "source": name,
        "items": len(passages),
        "found": found,
        "candidates": len(cands),
        "overlapping": sum(hit),
        "stance_agree": agree,
        "detail": misses,
        "cands": cands,
        "fields": fields,
    }


SUGGESTED = ("speaker", "party", "relays", "event_date")


def _nearest(cands, span):
    """The candidate that overlaps the passage most, or None."""
    best, most = None, 0
    for c in cands:
        shared = min(c.end, span[1]) - max(c.start, span[0])
        if shared > most:
            best, most = c, shared
    return best


def _same_speaker(want: str | None, got: str | None) -> bool:
    """The same speaker, give or take an article and the words around the name."""

    def norm(x):
        return " ".join(w for w in x.lower().replace("'s", "").split() if w not in ("the", "a", "an"))

    if not want or not got:
        return not want and not got
    a, b = norm(want), norm(got)
    return a == b or ((a in b or b in a) and min(len(a), len(b)) >= 0.5 * max(len(a), len(b)))


def _check_suggestions(expect: dict, cand, fields: dict[str, list[bool]]) -> None:
    """Whether the candidate's speaker, party, relayed origin and event date are the analyst's."""
    if cand is None:
        return
    relays = (cand.relays or {}).get("origin") or ("new" if cand.relays else None)
    got = {
        "speaker": cand.attributed_to,
        "party": cand.party,
        "relays": relays,
        "event_date": cand.event_date,
    }
    for key in SUGGESTED:
        if key in expect:
            want = expect[key]
            fields[key].append(_same_speaker(want, got[key]) if key == "speaker" else want == got[key])


def heldout(project, book, prefix: str) -> list[dict]:
    """Every annotated document of benchmarks/heldout whose name starts with `prefix`."""
    import datetime

    import yaml

    rows = []
    for ann in sorted(HELDOUT.glob(f"{prefix}*.yaml")):
        data = yaml.safe_load(ann.read_text("utf-8"))
        text = ann.with_suffix(".txt").read_text("utf-8")
        published = data.get("published")
        if isinstance(published, str):
            published = datetime.date.fromisoformat(published)
        rows.append(evaluate_text(project, book, ann.stem, text, published, data["passages"]))
    return rows


def passages(project, book) -> dict:
    """Single labelled passages (benchmarks/passages/written.yaml), each proposed alone: how often a
    suggestion names the passage's clause, and how often the best one for it has the analyst's stance."""
    import yaml

    ctx = build_context(project, book)
    entries = yaml.safe_load((ROOT / "benchmarks" / "passages" / "written.yaml").read_text("utf-8"))
    found = agree = 0
    for e in entries:
        want = {project.obligations[link["obligation"]].clause: link["stance"] for link in e["links"]}
        right = [s for c in propose(e["quote"] + "\n", ctx) for s in c.suggestions if s.clause in want]
        if right:
            found += 1
            best = max(right, key=lambda s: s.score)
            agree += want[best.clause] == best.stance
    return {"passages": len(entries), "found": found, "stance_agree": agree}


def totals(rows: list[dict]) -> dict:
    keys = ("items", "found", "candidates", "overlapping", "stance_agree")
    tot = {k: sum(r[k] for r in rows) for k in keys}
    out = {
        "recall": tot["found"] / max(1, tot["items"]),
        "precision": tot["overlapping"] / max(1, tot["candidates"]),
        "stance_agreement": tot["stance_agree"] / max(1, tot["found"]),
        **tot,
    }
    for key in SUGGESTED:
        marks = [m for r in rows for m in r.get("fields", {}).get(key, [])]
        if marks:
            out[key] = (sum(marks), len(marks))
    return out


def throughput(project, book) -> tuple[float, float, float]:
    """MB of text per second through the suggester, wall clock and CPU time of this process (which a
    busy machine distorts less): the five documents proposed one by one, 18 rounds (about 1 MB), each
    call with its own per-document caches, so no round reuses another's work; best of 3."""
    ctx = build_context(project, book)
    texts = [d.text for d in project.documents.values() if d.text]
    rounds = max(1, int(1_000_000 / sum(len(t.encode()) for t in texts)))
    wall = cpu = float("inf")
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        for _ in range(rounds):
            for text in texts:
                propose(text, ctx)
        wall, cpu = min(wall, time.perf_counter() - t), min(cpu, time.process_time() - c)
    mb = rounds * sum(len(t.encode()) for t in texts) / 1e6
    return mb, mb / wall, mb / cpu


def startup() -> float:
    """Wall time of one cold `scorecard ingest --dry-run --format json` on a one-paragraph file."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", dir=ROOT, delete=True) as f:
        f.write(
            "In October 2020 Afghan forces killed a senior al-Qaeda leader "
            "in a Taliban-controlled district.\n"
        )
        f.flush()
        best = None
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run(
                [
                    str(Path(sys.executable).parent / "scorecard"),
                    "ingest",
                    f.name,
                    "--dry-run",
                    "--format",
                    "json",
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            took = time.perf_counter() - t
            best = took if best is None else min(best, took)
    return best


def _line(name: str, t: dict) -> str:
    found = f"{t['found']}/{t['items']}"
    over = f"{t['overlapping']}/{t['candidates']}"
    agree = f"{t['stance_agree']}/{t['found']}"
    out = f"{name:28} recall {t['recall']:.2f} ({found:>7})  precision {t['precision']:.2f} ({over:>7})"
    out += f"  stance {t['stance_agreement']:.2f} ({agree:>7})"
    for key in SUGGESTED:
        if key in t:
            ok, n = t[key]
            out += f"  {key} {ok / n:.2f} ({ok}/{n})"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--no-startup", action="store_true", help="skip the cold-start measurement")
    ap.add_argument("--no-speed", action="store_true", help="skip throughput and start-up")
    args = ap.parse_args()
    project, problems = load_and_check(RULES, EVIDENCE)
    if problems:
        sys.exit(f"the shipped data has {len(problems)} problem(s); run scorecard validate")
    book = build_cuebook(project)
    rows = [evaluate(project, book, sid) for sid in sorted(project.sources)]
    sets = {
        "leave-one-out (shipped)": totals(rows),
        "dev (read while working)": totals(heldout(project, book, "dev")),
        "held out (never read)": totals(heldout(project, book, "ho")),
    }
    single = passages(project, book)
    result: dict = {"documents": rows, **sets["leave-one-out (shipped)"], "sets": sets, "passages": single}
    if not args.no_speed:
        mb, rate, cpu_rate = throughput(project, book)
        result |= {"throughput_mb_s": rate, "throughput_cpu_mb_s": cpu_rate, "throughput_text_mb": mb}
        result["startup_s"] = None if args.no_startup else startup()
    if args.json:
        print(json.dumps(result, indent=2, default=str))
        return
    print(f"{'source':40} {'items':>5} {'found':>5} {'cands':>5} {'overlap':>7} {'stance':>6}")
    for r in rows:
        print(
            f"{r['source']:40} {r['items']:5} {r['found']:5} {r['candidates']:5} {r['overlapping']:7} "
            f"{r['stance_agree']:6}"
        )
    for name, t in sets.items():
        print(_line(name, t))
    n, f, a = single["passages"], single["found"], single["stance_agree"]
    print(
        f"{'single passages (read)':28} clause found {f / n:.2f} ({f:3}/{n})  "
        f"stance {a / max(1, f):.2f} ({a:3}/{f})"
    )
    if not args.no_speed:
        print(
            f"throughput {result['throughput_mb_s']:.2f} MB/s wall clock, "
            f"{result['throughput_cpu_mb_s']:.2f} MB/s of CPU time, on {result['throughput_text_mb']:.2f} MB of text"
        )
    if result.get("startup_s") is not None:
        print(
            "start-up (cold `scorecard ingest --dry-run --format json`, best of 3) "
            f"{result['startup_s']:.2f} s"
        )


if __name__ == "__main__":
    main()
