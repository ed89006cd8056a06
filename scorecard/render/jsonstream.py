"""The Report as JSON written as it is produced: the bytes of Report.model_dump_json(indent=2).

Why: at a thousand times the shipped data the JSON is hundreds of megabytes; built as one string
it doubles the peak memory of `score --format json`. Here the Report's fields are serialised
around an empty list of obligations, and the obligations one at a time in between, in chunks.
"""

from __future__ import annotations

from collections.abc import Iterator

from scorecard.results import Report

SLOT = '\n  "obligations": []'  # the top-level key, at the top level's indentation only


def chunks(r: Report, size: int = 1 << 20) -> Iterator[str]:
    """The JSON of `r` followed by a newline, in pieces of about `size` characters."""
    head = r.model_copy(update={"obligations": []}).model_dump_json(indent=2)
    if not r.obligations or head.count(SLOT) != 1:
        yield r.model_dump_json(indent=2) + "\n"
        return
    before, after = head.split(SLOT)
    part, length = [before, '\n  "obligations": [\n'], 0
    for i, o in enumerate(r.obligations):
        text = ("" if i == 0 else ",\n") + "    " + o.model_dump_json(indent=2).replace("\n", "\n    ")
        part.append(text)
        length += len(text)
        if length >= size:
            yield "".join(part)
            part, length = [], 0
    part.append("\n  ]" + after + "\n")
    yield "".join(part)
