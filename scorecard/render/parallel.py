"""Typeset the report's parts in parallel processes and join them into one PDF.

The protocol, per worker (a forked process, or the calling process when jobs is 1):
1. lay out each of its parts (stage one) and send the parent their Facts;
2. receive a Plan per part: its first page number, the total, the running strings carried in,
   and (for a part that shows page numbers of anchors: contents, summary, matrix) the page of
   every anchor in the whole; such a part is laid out again with the numbers written in;
3. number the margins (stage two), write each part's PDF and send it back.
The parent joins the parts in order (render/merge.py).

Why this way: layout is where the time goes and it needs no page number from elsewhere, so it
runs on every core; what depends on the whole (numbers, strings, links, bookmarks) is small and
settled between the stages. Parts and cuts depend only on the document, never on `jobs`, so the
PDF is the same bytes with one process or many.
"""

from __future__ import annotations

import os
import traceback
from multiprocessing.connection import wait

from scorecard.cache import Cache
from scorecard.render import engine
from scorecard.render.engine import Staged
from scorecard.render.kept import KeptParts
from scorecard.render.merge import Typeset, join
from scorecard.render.parts import Facts, Part, Plan, part_document, split
from scorecard.workers import WorkerDied, dead, default_jobs, detach, start, stop


class Repaginated(RuntimeError):
    """A part's page count changed once its page numbers were written in."""


def placeholder_for(source: str) -> str:
    """Digits as wide as the last page number can be: a page holds well over 2,000 characters of HTML."""
    return "0" * len(str(max(99, len(source) // 2000)))


def typeset_parts(
    source: str,
    stamp: str,
    fetcher,
    jobs: int | None = None,
    placeholder: str | None = None,
    author: str = "scorecard",
    progress=None,
    cache: Cache | None = None,
) -> bytes:
    """The report's HTML (with cut markers) as one tagged PDF, typeset by up to `jobs` processes.

    `progress(n)` is told the page count once every part is laid out. With a `cache`, parts typeset
    before with the same HTML and the same plan are taken from it (render/kept.py).
    """
    head, css, parts = split(source)
    jobs = max(1, min(jobs or default_jobs(), len(parts)))
    placeholder = placeholder or placeholder_for(source)
    work = Work(head, css, parts, stamp, fetcher, placeholder)
    work.author, work.progress = author, progress
    work.kept = KeptParts(cache, head, css, placeholder, stamp, author)
    try:
        typeset = _typeset(work, jobs)
    except StaleCache:  # kept facts that a new layout contradicts: typeset everything afresh
        work.kept = KeptParts(None, head, css, placeholder, stamp, author)
        typeset = _typeset(work, jobs)
    return join([typeset[p.index] for p in parts])


class StaleCache(RuntimeError):
    """A part laid out again does not have the facts the cache kept for it."""


def _typeset(work: Work, jobs: int) -> dict[int, Typeset]:
    known = {p.index: f for p in work.parts if (f := work.kept.facts(p)) is not None}
    if jobs == 1 or not hasattr(os, "fork"):
        return _in_process(work, [p.index for p in work.parts], known)
    return _in_workers(work, jobs, known)


def _finish(work: Work, facts: dict[int, Facts]) -> tuple[dict[int, Plan], dict[int, Typeset]]:
    """The plans of all parts, and the parts whose PDF for that plan is kept."""
    plan = plans(facts)
    work.told(facts)
    hits = {i: t for i in sorted(facts) if (t := work.kept.typeset(work.parts[i], plan[i])) is not None}
    return plan, hits


def _heaviest_first(parts: list[Part]) -> list[int]:
    """The order parts are handed out: the longest first, so the last to finish are short."""
    return [p.index for p in sorted(parts, key=lambda p: (-p.weight, p.index))]


class Work:
    """Everything a worker needs: the head, the parts, the PDF's date and the fetcher."""

    def __init__(self, head, css, parts, stamp, fetcher, placeholder):
        from scorecard.render.html import TEMPLATES

        self.head, self.parts, self.stamp, self.fetcher, self.placeholder = (
            head,
            parts,
            stamp,
            fetcher,
            placeholder,
        )
        self.base = TEMPLATES.as_uri() + "/"
        self.css = engine.stylesheet(css, self.base, fetcher)

    author = "scorecard"
    progress = None
    kept: KeptParts

    def lay_out(self, index: int, known: Facts | None = None) -> Staged:
        """Stage one; a part whose facts were kept must come out with the same facts."""
        staged = self.stage_one(index)
        if known is not None and staged.facts() != known:
            raise StaleCache(f"part {index} laid out again does not match the kept facts")
        return staged

    def kept_facts(self, index: int, facts: Facts) -> None:
        self.kept.keep_facts(self.parts[index], facts)

    def kept_typeset(self, index: int, plan: Plan, typeset: Typeset) -> None:
        self.kept.keep_typeset(self.parts[index], plan, typeset)

    def told(self, facts: dict[int, Facts]) -> None:
        """Tell progress the page count of the whole, once every part is laid out."""
        if self.progress:
            self.progress(sum(f.pages for f in facts.values()))

    def stage_one(self, index: int) -> Staged:
        doc = part_document(self.head, self.parts[index], {}, self.placeholder)
        return Staged(doc, self.base, self.fetcher, self.css)

    def stage_two(self, index: int, staged: Staged, facts: Facts, plan: Plan) -> Typeset:
        if facts.numbered and not staged.number(plan.anchor_pages, self.placeholder):
            raise Repaginated(
                f"part {index}: a page number is wider than its placeholder {self.placeholder!r}"
            )
        pdf, owned, heights, marks = engine.write(
            staged.finish(plan), set(facts.anchors), self.stamp, self.author
        )
        return Typeset(pdf, owned, heights, marks, index)


def plans(facts: dict[int, Facts]) -> dict[int, Plan]:
    """Each part's first page, the total, strings carried in, and every anchor's page number."""
    order = sorted(facts)
    total = sum(f.pages for f in facts.values())
    out: dict[int, Plan] = {}
    carried: dict[str, str] = {}
    anchors: dict[str, int] = {}
    offset = 0
    for i in order:
        for name, page in facts[i].anchors.items():
            anchors.setdefault(name, offset + page + 1)
        out[i] = Plan(offset, total, dict(carried))
        carried.update(facts[i].strings)
        offset += facts[i].pages
    for i in order:
        if facts[i].numbered:
            out[i].anchor_pages = anchors
    return out


def _in_process(work: Work, indices: list[int], known: dict[int, Facts]) -> dict[int, Typeset]:
    staged = {i: work.stage_one(i) for i in indices if i not in known}
    facts = {**known, **{i: s.facts() for i, s in staged.items()}}
    for i in staged:
        work.kept_facts(i, facts[i])
    plan, done = _finish(work, facts)
    work.kept.laid_out = len(staged)
    for i in indices:
        if i not in done:
            if i in staged:
                laid = staged.pop(i)
            else:
                laid = work.lay_out(i, known[i])
                work.kept.laid_out += 1
            done[i] = work.stage_two(i, laid, facts[i], plan[i])
            work.kept_typeset(i, plan[i], done[i])
    return done


def _in_workers(work: Work, jobs: int, known: dict[int, Facts]) -> dict[int, Typeset]:
    """Stage one a part at a time to whichever worker is free; stage two where each was laid out.

    Parts whose facts were kept are not laid out in stage one; those whose PDF for their plan is
    not kept either are laid out and finished in stage two, shared among the workers."""
    links, procs = start(_worker, [(work,)] * jobs)
    finished = False
    try:
        queue = [i for i in _heaviest_first(work.parts) if i not in known]
        busy = set(range(jobs))
        owner: dict[int, int] = {}
        facts: dict[int, Facts] = dict(known)
        while busy:
            for ready in wait([links[w] for w in busy]):
                w = next(n for n, x in enumerate(links) if x is ready)
                link = links[w]
                fresh = _receive(link)
                for i, f in fresh.items():
                    work.kept_facts(i, f)
                facts.update(fresh)
                if queue:
                    owner[queue[0]] = w
                    link.send(queue.pop(0))
                else:
                    link.send(None)
                    busy.discard(w)
        plan, done = _finish(work, facts)
        cold = [i for i in _heaviest_first(work.parts) if i in known and i not in done]
        load = [
            sum(work.parts[i].weight for i in owner if owner[i] == w and i not in done) for w in range(jobs)
        ]
        for i in cold:  # kept facts, but no PDF for this plan: to the least loaded worker
            w = load.index(min(load))
            owner[i] = w
            load[w] += work.parts[i].weight
        work.kept.laid_out = len(facts) - len(known) + len(cold)
        for w, link in enumerate(links):
            link.send(
                {i: (facts[i], plan[i], i in known) for i in sorted(owner) if owner[i] == w and i not in done}
            )
        waiting = set(range(jobs))
        while waiting:  # read each part as it comes, while the others are still being written
            for ready in wait([links[w] for w in waiting]):
                w = next(n for n, x in enumerate(links) if x is ready)
                got = _receive(ready)
                if isinstance(got, Typeset):
                    got.read()
                    done[got.index] = got
                    work.kept_typeset(got.index, plan[got.index], got)
                else:
                    requests, refused = got
                    work.fetcher.requests += requests
                    work.fetcher.refused += refused
                    waiting.discard(w)
        finished = True
        return done
    except WorkerDied:
        raise dead(procs, "typesetting process") from None
    finally:
        stop(procs, finished)


def _receive(link):
    try:
        kind, value = link.recv()
    except EOFError:
        raise WorkerDied("a typesetting process ended without its result") from None
    if kind == "error":
        for known in (Repaginated, StaleCache):
            if value.startswith(known.__name__):
                raise known(value)
        raise RuntimeError(value)
    return value


def _worker(link, work: Work) -> None:
    """One process: stage one for each part it is handed, then the plans and stage two for those."""
    detach()
    work.fetcher.requests, work.fetcher.refused = [], []
    try:
        staged: dict[int, Staged] = {}
        facts: dict[int, Facts] = {}
        while True:
            link.send(("facts", facts))
            index = link.recv()
            if index is None:
                break
            staged[index] = work.stage_one(index)
            facts = {index: staged[index].facts()}
        plan = link.recv()
        for i in sorted(plan):
            facts_i, plan_i, was_kept = plan[i]
            laid = work.lay_out(i, facts_i) if was_kept else staged.pop(i)
            link.send(("part", work.stage_two(i, laid, facts_i, plan_i)))
        link.send(("done", (work.fetcher.requests, work.fetcher.refused)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        name = type(exc).__name__
        try:
            link.send(("error", f"{name}: {exc}\n{traceback.format_exc()}"))
        except OSError:  # the parent is gone
            pass
    finally:
        link.close()
