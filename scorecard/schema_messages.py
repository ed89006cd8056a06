"""Pydantic validation errors → messages for the person who wrote the YAML.

Why: pydantic's wording names regular expressions and internal types; a user needs the key, the
value they wrote, the YAML 1.1 trap they fell into, and the nearest valid choice.
"""

from __future__ import annotations

import math
import re
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from scorecard import model
from scorecard.dates import parse_fuzzy
from scorecard.errors import did_you_mean

_PATTERN_WORDS = {  # what a pattern means, instead of the regular expression
    get_args(model.Id)[1].pattern: "must be lowercase letters, digits and hyphens (no hyphen first or last)",
    get_args(model.Sha256)[1].pattern: "must be 64 lowercase hexadecimal digits",
    get_args(model.Grade)[1].pattern: "must be a grade: a letter A-F and a digit 1-6, such as B2",
}


_NO_DATA = object()


def _data_path(loc: tuple, data: Any, kind: str) -> tuple:
    """The parts of a pydantic error location that are keys and indexes of `data`.

    Pydantic adds its own labels (`function-after[...]`, `[key]`, union members); a label is told
    apart by not being in the data, never by its spelling, so a key such as `links[0]` stays.
    """
    out, here = [], data
    for n, part in enumerate(loc):
        if (
            isinstance(here, dict)
            and part in here
            or isinstance(here, list)
            and type(part) is int
            and 0 <= part < len(here)
        ):
            here = here[part]
        elif not (n == len(loc) - 1 and kind == "missing" and isinstance(here, dict)):
            continue
        out.append(part)
    return tuple(out)


def schema_message(cls: type[BaseModel], err: dict, data: Any = _NO_DATA) -> tuple[tuple, bool, str]:
    """Where the error points (a path in the YAML data), whether at the key itself, and the message.

    `data` is what was validated; without it, location parts with a `[` are taken as pydantic's.
    """
    kind, value = err["type"], err.get("input")
    if data is _NO_DATA:
        where = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
    else:
        where = _data_path(tuple(err["loc"]), data, kind)
    if kind in ("extra_forbidden", "missing") and not where:
        return where, False, err["msg"]
    if kind == "extra_forbidden":
        key, allowed = where[-1], _keys_at(cls, where)
        hint = did_you_mean(key, allowed) or (f"; allowed here: {', '.join(allowed)}" if allowed else "")
        return where, True, f"unknown key '{key}'{hint}"
    if kind == "missing":
        return where[:-1], False, f"missing required key '{where[-1]}'"
    dotted = ".".join(str(p) for p in where) or "document"
    if kind == "model_type" and where and isinstance(value, (str, int, float, bool)):
        return where, False, f"{dotted}: {_mapping_wanted(cls, where, value)}"
    if kind == "model_type":  # a scalar or list where a mapping of keys belongs (an empty file included)
        found = _model_at(cls, where)
        names = list(found.model_fields) if found else []
        keys = f" ({', '.join(names[:4])}{', …' if len(names) > 4 else ''})" if names else ""
        got = "nothing" if value is None else "a list" if isinstance(value, list) else f"{value!r:.40}"
        return where, False, f"{dotted}: expected a mapping of keys{keys}; got {got}"
    if kind == "located":  # written by a model's validator: the message is complete
        return where, bool(err["ctx"].get("on_key")), f"{dotted}: {err['msg']}"
    on_key = bool(err["loc"]) and err["loc"][-1] == "[key]"  # a mapping's key is wrong, not its value
    return where, on_key, f"{dotted}: {_plain(err, value)}"


def _model_at(cls: type[BaseModel], where: tuple) -> type[BaseModel] | None:
    """The model expected at `where` (a path in the data validated as `cls`), or None."""
    annotation: Any = cls
    for part in where:
        if get_origin(annotation) in (list, dict):
            annotation = get_args(annotation)[-1]
            continue
        found = _model_in(annotation)
        if found is None or part not in found.model_fields:
            return None
        annotation = found.model_fields[part].annotation
    return _model_in(annotation)


def _mapping_wanted(cls: type[BaseModel], where: tuple, value: Any) -> str:
    """A single value where a mapping belongs, e.g. `published: 2021-08-31`: say what to write."""
    written = str(value).lower() if isinstance(value, bool) else str(value)
    found = _model_at(cls, where)
    required = [name for name, f in found.model_fields.items() if f.is_required()] if found else []
    if len(required) != 1 or "\n" in written or len(written) > 60:
        keys = f" with the keys {', '.join(found.model_fields)}" if found else ""
        return f"expects a mapping{keys}, not a single value"
    key, inner = where[-1], required[0]
    return (
        f"expects a mapping, not a single value: write `{key}: {{{inner}: {written}}}`, "
        f"or `{inner}: {written}` indented on the line below `{key}:`"
    )


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `Deadline | None`, or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for arg in get_args(annotation) if (m := _model_in(arg)) is not None), None)


def _keys_at(cls: type[BaseModel], where: tuple) -> list[str]:
    """The keys allowed in the mapping that holds `where[-1]` (a pydantic error location in `cls`)."""
    found = _model_at(cls, where[:-1])
    return list(found.model_fields) if found else []


def _no_such_day(value: Any) -> str:
    """Why a YYYY-MM-DD string names no day (e.g. 2021-02-30), or an empty string."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            parse_fuzzy(value)
        except ValueError as exc:
            return str(exc)
    return ""


def _as_yaml_float(text: str) -> str:
    """`text` (such as `1e-3`, which YAML 1.1 reads as a string) written so that YAML reads a number."""
    try:
        number = float(text.replace("_", ""))
    except ValueError:
        return ""
    if not math.isfinite(number):
        return ""
    mantissa, _, exponent = repr(number).partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return f"{mantissa}e{'' if exponent[:1] in '+-' else '+'}{exponent}" if exponent else mantissa


def _plain(err: dict, value: Any) -> str:
    """A pydantic message with the offending value, and a hint for the YAML 1.1 traps."""
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "string_pattern_mismatch":
        msg = _PATTERN_WORDS.get(err["ctx"]["pattern"], msg)
    if err["type"].startswith("date_"):
        return f"{_no_such_day(value) or 'write the date as YYYY-MM-DD'}; got {value!r:.70}"
    if err["loc"] and err["loc"][-1] == "credibility" and value == 1:
        return "1 is never typed: grade 1 is computed where two or more independent origins agree"
    if err["type"] == "finite_number":
        return f"write a finite number; got {model.yaml_number(value)}"
    if err["type"] == "float_type" and isinstance(value, str) and (written := _as_yaml_float(value)):
        return f"YAML reads '{value[:30]}' as text, not a number: write {written}"
    if isinstance(value, bool) and "string" in msg:
        return f"{msg}; got {str(value).lower()} (a YAML boolean): quote it"
    if isinstance(value, float) and not math.isfinite(value):  # .nan or .inf where no number belongs
        return f"{msg}; got {model.yaml_number(value)}"
    if isinstance(value, bool) and "number" in msg:
        return f"{msg}; got {str(value).lower()} (a YAML boolean)"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "string" in msg:
        return f"{msg}; got the number {value!r}: quote it"
    expected = err.get("ctx", {}).get("expected")
    if isinstance(value, str) and expected:
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",")]
        return f"{msg}; got '{value[:60]}'{did_you_mean(value, choices)}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{msg}; got the number {value}"
    if isinstance(value, str):
        return f"{msg}; got {value[:60]!r}"
    if isinstance(value, dict) and err["type"] == "list_type":
        return f"{msg}; got a mapping: start each entry with '- '"
    return msg
