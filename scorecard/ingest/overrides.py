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


def refusal(project, obligation: str, status: str | None, remove: bool, justification: str) -> str | None:
    """Why an override cannot be recorded (or with `remove`, removed) as asked: a usage error, or None."""
    from scorecard.errors import did_you_mean
    from scorecard.results import Status

    if obligation not in project.obligations:
        return f"unknown obligation '{obligation}'{did_you_mean(obligation, project.obligations)}"
    names = [x.value for x in Status]
    if not remove and status not in names:
        return f"status must be one of: {', '.join(names)}{did_you_mean(status or '', names)}"
    if not justification.strip():
        return "an override needs a written justification: --justification TEXT"
    return None


def computed_status(project, obligation: str, today: date) -> str:
    """The status the scorer gives `obligation` today, whatever override it has now."""
    from scorecard.report import build_report

    result = next(o for o in build_report(project, today).obligations if o.id == obligation)
    return (result.override.computed_status if result.override else result.status).value


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
