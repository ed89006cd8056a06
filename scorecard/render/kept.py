"""Typeset parts kept between runs, so that after one obligation changes only its part is laid out.

Two kinds of entry in the cache (scorecard/cache.py), both plain data:
- a part's stage-one Facts (pages, anchors, running strings), found by everything its layout
  depends on: the part's HTML, the document's head and stylesheet, the page-number placeholder,
  the PDF's date and author, and the typesetting fingerprint below;
- the part's finished PDF (stage two), found by the same and its Plan (first page, total pages,
  strings carried in, anchors' page numbers), which is all stage two takes from the other parts.
A part whose Facts are kept but whose Plan changed (a page earlier in the report came or went)
is laid out again. An entry that is damaged, stale or not plain data is a miss.

The typesetting fingerprint: the package's code fingerprint, the versions of WeasyPrint, pydyf,
fontTools and pypdf, the versions of the C libraries that shape and set the text (Pango, HarfBuzz,
fontconfig) and whether HarfBuzz's subsetter is present and which (it writes other font bytes),
the templates' files, and the size and time of every font file in the usual font folders. A
system font changed in place with its size and time kept would go unseen: delete the cache folder
(or use --no-cache) after replacing fonts by hand.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from scorecard.cache import Cache, code_fingerprint
from scorecard.render.merge import Typeset
from scorecard.render.parts import Facts, Part, Plan

FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")
FONT_CONFIG = ("/etc/fonts", "~/.config/fontconfig")  # which fonts fontconfig offers, and how


def _c_version(library: str, symbol: str) -> str:
    """A C library's version as it reports it ("-" where it is not found), through ctypes: the
    library the dynamic loader finds by that name, which is the one WeasyPrint loads."""
    import ctypes
    import ctypes.util

    found = ctypes.util.find_library(library)
    if found is None:
        return "-"
    try:
        call = getattr(ctypes.CDLL(found), symbol)
    except (OSError, AttributeError):
        return f"{found} ?"
    call.restype = ctypes.c_char_p if symbol.endswith("string") else ctypes.c_int
    value = call()
    return f"{found} {value.decode('ascii', 'replace') if isinstance(value, bytes) else value}"


def _fonts() -> str:
    """The size and time of every font file in the usual font folders and of fontconfig's
    configuration, and the variables that point fontconfig elsewhere."""
    h = hashlib.sha256()
    for name in ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT"):
        h.update(f"{name}={os.environ.get(name, '')}\n".encode())
    for folder in (*FONT_FOLDERS, *FONT_CONFIG):
        for root, dirs, files in sorted(os.walk(os.path.expanduser(folder))):
            dirs.sort()
            for name in sorted(files):
                try:
                    info = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                h.update(f"{root}/{name} {info.st_size} {info.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _templates() -> str:
    h = hashlib.sha256()
    templates = Path(__file__).resolve().parent / "templates"
    for path in sorted(templates.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(templates).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@functools.cache
def typesetting_parts() -> dict[str, str]:
    """Everything but the document that can change a typeset part's bytes, by name."""
    from importlib.metadata import PackageNotFoundError, version

    parts = {"code": code_fingerprint()}
    for name in ("weasyprint", "pydyf", "fonttools", "pypdf"):
        try:
            parts[name] = version(name)
        except PackageNotFoundError:
            parts[name] = "-"
    parts["pango"] = _c_version("pango-1.0", "pango_version_string")
    parts["harfbuzz"] = _c_version("harfbuzz", "hb_version_string")
    parts["harfbuzz-subset"] = _c_version("harfbuzz-subset", "hb_version_string")
    parts["fontconfig"] = _c_version("fontconfig", "FcGetVersion")
    parts["fonts"] = _fonts()
    parts["templates"] = _templates()
    return parts


def typesetting_fingerprint(parts: dict[str, str] | None = None) -> str:
    """The sha256 of `parts` (typesetting_parts() unless given)."""
    described = typesetting_parts() if parts is None else parts
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


class KeptParts:
    """The cache's typeset parts for one document (its head, stylesheet, placeholder, date, author)."""

    def __init__(
        self,
        cache: Cache | None,
        head: str,
        css: str,
        placeholder: str,
        stamp: str,
        author: str,
        setting: dict[str, str] | None = None,
    ):
        """`setting`: what typesets the parts (typesetting_parts() unless given)."""
        self.cache = cache or Cache(None)
        self.on = self.cache.folder is not None
        self.base = (
            hashlib.sha256(
                json.dumps([typesetting_fingerprint(setting), head, css, placeholder, stamp, author]).encode()
            ).hexdigest()
            if self.on
            else ""
        )
        self.laid_out = 0  # parts laid out in this run (stage one), for the tests and the benchmark

    def _key(self, part: Part, plan: Plan | None = None) -> str:
        h = hashlib.sha256(f"{self.base}\0{part.body}".encode())
        if plan is not None:
            h.update(json.dumps(_plan_data(plan), sort_keys=True).encode())
        return h.hexdigest()

    def facts(self, part: Part) -> Facts | None:
        if not self.on:
            return None
        hit = self.cache.get(f"part-facts {self._key(part)}")
        value: Any = hit[0] if hit is not None else None
        try:
            return (
                Facts(
                    pages=value["pages"],
                    anchors=value["anchors"],
                    strings=value["strings"],
                    numbered=value["numbered"],
                )
                if _facts_shaped(value)
                else None
            )
        except (KeyError, TypeError):  # pragma: no cover - _facts_shaped has checked
            return None

    def keep_facts(self, part: Part, facts: Facts) -> None:
        if self.on:
            self.cache.put(f"part-facts {self._key(part)}", _facts_data(facts))

    def typeset(self, part: Part, plan: Plan) -> Typeset | None:
        if not self.on:
            return None
        hit = self.cache.get(f"part-pdf {self._key(part, plan)}")
        value: Any = hit[0] if hit is not None else None
        if not _typeset_shaped(value):
            return None
        return Typeset(value["pdf"], value["owned"], value["heights"], value["bookmarks"], part.index)

    def keep_typeset(self, part: Part, plan: Plan, typeset: Typeset) -> None:
        if self.on:
            data = {
                "pdf": typeset.pdf,
                "owned": list(typeset.owned),
                "heights": list(typeset.heights),
                "bookmarks": typeset.bookmarks,
            }
            self.cache.put(f"part-pdf {self._key(part, plan)}", data)


def _plan_data(plan: Plan) -> dict[str, Any]:
    return {
        "offset": plan.offset,
        "total": plan.total,
        "carried": plan.carried,
        "anchor_pages": plan.anchor_pages,
    }


def _facts_data(facts: Facts) -> dict[str, Any]:
    return {
        "pages": facts.pages,
        "anchors": facts.anchors,
        "strings": facts.strings,
        "numbered": facts.numbered,
    }


def _str_dict(value: Any, of: type) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and type(v) is of for k, v in value.items())


def _facts_shaped(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and type(value.get("pages")) is int
        and _str_dict(value.get("anchors"), int)
        and _str_dict(value.get("strings"), str)
        and type(value.get("numbered")) is bool
    )


def _typeset_shaped(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("pdf"), bytes)
        and value["pdf"].startswith(b"%PDF-")
        and isinstance(value.get("owned"), list)
        and all(isinstance(x, str) for x in value["owned"])
        and isinstance(value.get("heights"), list)
        and all(type(x) in (int, float) for x in value["heights"])
        and isinstance(value.get("bookmarks"), list)
        and len(value["bookmarks"]) == len(value["heights"])
    )
