"""The Report as JSON written as it is produced: the UTF-8 bytes of Report.model_dump_json(indent=2).

Why: at a thousand times the shipped data the JSON is hundreds of megabytes; built as one string
it doubles the peak memory of `score --format json`. Here the Report's fields are serialised
around an empty list of obligations, and the obligations one at a time in between, in chunks of
bytes (the serialiser makes bytes: decoding them to text only to encode them again for the
output cost a tenth of the time of writing the JSON).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from scorecard.results import ObligationResult, Report

SLOT = b'\n  "obligations": []'  # the top-level key, at the top level's indentation only


def _json(model: Report | ObligationResult) -> bytes:
    """model.model_dump_json(indent=2), encoded, without the round trip through text."""
    return type(model).__pydantic_serializer__.to_json(model, indent=2)


def chunks(r: Report, size: int = 1 << 20) -> Iterator[bytes]:
    """The JSON of `r` followed by a newline, in pieces of about `size` bytes."""
    yield from chunks_of(r.model_copy(update={"obligations": []}), r.obligations, size)


def nested(o: ObligationResult) -> bytes:
    """The obligation's JSON as it stands in the Report's list (indented two levels)."""
    return b"    " + _json(o).replace(b"\n", b"\n    ")


def chunks_of(head: Report, obligations: Iterable[ObligationResult], size: int = 1 << 20) -> Iterator[bytes]:
    """The JSON of `head` with `obligations` in its place for them, each serialised as it comes."""
    yield from around(head, (nested(o) for o in obligations), size)


def around(head: Report, pieces: Iterable[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    """The JSON of `head` with the obligations' `pieces` (each `nested(o)`, in order) in its place
    for them: whoever made them (one process or several, jsonjobs.py), the bytes are the same."""
    text = _json(head)
    if head.obligations or text.count(SLOT) != 1:  # pragma: no cover - the Report's layout changed
        made = [ObligationResult.model_validate_json(p) for p in pieces]
        whole = head.model_copy(update={"obligations": [*head.obligations, *made]})
        yield _json(whole) + b"\n"
        return
    before, after = text.split(SLOT)
    part, length, first = [before, b'\n  "obligations": ['], 0, True
    for piece in pieces:
        piece = (b"\n" if first else b",\n") + piece
        first = False
        part.append(piece)
        length += len(piece)
        if length >= size:
            yield b"".join(part)
            part, length = [], 0
    part.append((b"]" if first else b"\n  ]") + after + b"\n")
    yield b"".join(part)
