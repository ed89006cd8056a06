"""The audit log: every review decision, one JSON object a line; records are only ever added.

The records of a change are written in the same transaction as the change itself
(scorecard/transaction.py): both are written, or neither.

`evidence/audit.log` records who decided (from `--reviewer`, else `git config user.name`), when
(UTC), on which candidate (source, candidate id, offsets and the quote's sha256), what (accept,
reject, skip, override, applied) and why, where a justification is required.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import UTC, datetime

LOG_NAME = "audit.log"


def reviewer(given: str | None) -> str | None:
    """`--reviewer`, else git's user.name, else None (the caller refuses to go on without one)."""
    if given and given.strip():
        return given.strip()
    try:
        got = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return got.stdout.strip() or None


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def record(who: str, when: str, decision: str, **fields) -> dict:
    """One audit record; `quote` is replaced by its sha256 so the log stays short and exact."""
    quote = fields.pop("quote", None)
    if quote is not None:
        fields["quote_sha256"] = hashlib.sha256(quote.encode("utf-8")).hexdigest()
    return {
        "time": when,
        "reviewer": who,
        "decision": decision,
        **{k: v for k, v in fields.items() if v is not None},
    }


def lines(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records).encode("utf-8")
