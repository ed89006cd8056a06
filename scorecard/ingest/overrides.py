"""Record an analyst's status override in evidence/overrides.yaml: checked like the rest, audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from scorecard.ingest import audit
from scorecard.ingest.apply import _check
from scorecard.transaction import open_transaction

HEADER = (
    "# Analysts' status overrides: each replaces the computed status of one obligation, with a written\n"
    "# justification. Every output shows the override and the computed status beside it.\n"
    "# Written by `scorecard override`; every change is also in audit.log.\n\n"
)


def set_override(
    evidence: Path,
    rules: Path,
    policy: Path | None,
    obligation: str,
    status: str | None,
    justification: str,
    who: str,
    when: str,
    today: date,
    computed: str,
) -> None:
    """Add, replace (or with `status` None remove) the override of `obligation`, and its audit
    record, in one transaction; ReviewError if the result would not pass `validate`."""
    with open_transaction(evidence) as txn:
        raw = txn.read("overrides.yaml")
        try:
            entries = (yaml.safe_load(raw.decode("utf-8")) if raw else None) or []
        except (yaml.YAMLError, UnicodeDecodeError):
            _check(txn, rules, policy)  # says where the file is broken
            raise
        if not isinstance(entries, list):
            _check(txn, rules, policy)
            entries = []
        entries = [e for e in entries if not (isinstance(e, dict) and e.get("obligation") == obligation)]
        if status is not None:
            entries.append(
                {
                    "obligation": obligation,
                    "status": status,
                    "justification": justification,
                    "reviewer": who,
                    "date": today.isoformat(),
                }
            )
        body = yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=100) if entries else "[]\n"
        txn.write("overrides.yaml", (HEADER + body).encode("utf-8"))
        record = audit.record(
            who,
            when,
            "override" if status else "override removed",
            obligation=obligation,
            status=status,
            computed_status=computed,
            justification=justification,
        )
        txn.append(audit.LOG_NAME, audit.lines([record]))
        _check(txn, rules, policy)
        txn.commit()
