"""The obligations' JSON for `score --format json`, made by this process or, on large data, by several.

Why here, not in the renderer: making a result is scoring; render/jsonstream.py only puts the
pieces around the Report's head, whoever made them.
"""

from __future__ import annotations

from collections.abc import Iterator

from scorecard.render.jsonstream import nested
from scorecard.report import Results
from scorecard.workers import in_order

# Below this many evidence links in all, one process writes the JSON: forking costs more than the
# share of the work it takes (at about 15 microseconds a link, 5,000 links are 0.08 s).
PARALLEL_FROM = 5_000
PER_OBLIGATION = 20  # an obligation's cost beyond its links, in links


def pieces(results: Results, jobs: int = 1) -> Iterator[bytes]:
    """Each result's JSON (jsonstream.nested), in order. With `jobs` > 1 and results weighing at
    least PARALLEL_FROM links, up to `jobs` processes make and serialise them, each a share
    (workers.in_order); the bytes are the same as with one."""
    if jobs > 1 and sum(results.uses) >= PARALLEL_FROM:
        return in_order([n + PER_OBLIGATION for n in results.uses], lambda i: nested(results.one(i)), jobs)
    return (nested(o) for o in results)
