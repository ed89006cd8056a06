"""The Report as JSON written as it is produced: the bytes of Report.model_dump_json(indent=2).

Why: at a thousand times the shipped data the JSON is hundreds of megabytes; built as one string
it doubles the peak memory of `score --format json`. Here the Report's fields are serialised
around an empty list of obligations, and the obligations one at a time in between, in chunks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from scorecard.results import ObligationResult, Report

SLOT = '\n  "obligations": []'  # the top-level key, at the top level's indentation only


def chunks(r: Report, size: int = 1 << 20) -> Iterator[str]:
    """The JSON of `r` followed by a newline, in pieces of about `size` characters."""
    yield from chunks_of(r.model_copy(update={"obligations": []}), r.obligations, size)


def chunks_of(head: Report, obligations: Iterable[ObligationResult], size: int = 1 << 20) -> Iterator[str]:
    """The JSON of `head` with `obligations` in its place for them, each serialised as it comes."""
    text = head.model_dump_json(indent=2)
    if head.obligations or text.count(SLOT) != 1:  # pragma: no cover - the Report's layout changed
        whole = head.model_copy(update={"obligations": [*head.obligations, *obligations]})
        yield whole.model_dump_json(indent=2) + "\n"
        return
    before, after = text.split(SLOT)
    part, length, first = [before, '\n  "obligations": ['], 0, True
    for o in obligations:
        piece = ("\n" if first else ",\n") + "    " + o.model_dump_json(indent=2).replace("\n", "\n    ")
        first = False
        part.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(part)
            part, length = [], 0
    part.append(("]" if first else "\n  ]") + after + "\n")
    yield "".join(part)
