"""SOURCE_DATE_EPOCH, read strictly (https://reproducible-builds.org/specs/source-date-epoch/).

The specification asks a build to stop when the variable is malformed rather than guess; the CLI
checks it before any work (exit 2), and the PDF renderer reads it through this one function.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime

# The last second a PDF date (and Python's datetime) can carry: 9999-12-31T23:59:59Z.
LATEST = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())
_DIGITS = re.compile(r"[0-9]+")


class EpochError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds the PDF can carry."""


def source_date_epoch(environ=os.environ) -> int | None:
    """The seconds since 1970-01-01 UTC in SOURCE_DATE_EPOCH; None when unset or empty."""
    value = environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    if not _DIGITS.fullmatch(value):
        raise EpochError(
            f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since 1970-01-01 UTC "
            "(digits only, e.g. 1700000000); unset it or fix it"
        )
    seconds = int(value)
    if seconds > LATEST:
        raise EpochError(
            f"SOURCE_DATE_EPOCH={value!r} is after 9999-12-31, the last date a PDF can carry; "
            "unset it or fix it"
        )
    return seconds
