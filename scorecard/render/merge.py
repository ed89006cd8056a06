"""Parts typeset apart, joined into one PDF: pages, named destinations, bookmarks and metadata.

Each part's PDF already carries the right page numbers, running headers and contents numbers
(render/parts.py numbers its margins and references for the whole). What joining must restore:
- internal links: a part's links name their destination (`/Dest (ob-…)`); the joined file holds
  one table of destinations, each name defined by the part that owns the anchor (the first, as
  WeasyPrint does);
- bookmarks: rebuilt over all pages with WeasyPrint's own nesting rule, from each page's
  (level, label, position), so an obligation typeset in a later part still nests under
  "Obligations in detail";
- metadata: the document information and language of the first part (all parts share the head).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from weasyprint.anchors import make_page_bookmark_tree
from weasyprint.matrix import Matrix

SCALE = 0.75  # CSS px → PDF points, as WeasyPrint writes at zoom 1


@dataclass
class Typeset:
    """One part's PDF, the anchors it owns, and per page its height (px) and bookmarks."""

    pdf: bytes
    owned: list[str]
    heights: list[float]
    bookmarks: list[list]


def join(parts: list[Typeset]) -> bytes:
    """One PDF from the parts, in order."""
    writer = PdfWriter()
    dests: dict[str, ArrayObject] = {}
    readers = [PdfReader(io.BytesIO(part.pdf)) for part in parts]
    for part, reader in zip(parts, readers, strict=True):
        refs = {}
        for page in reader.pages:
            refs[_ref(page).idnum] = _ref(writer.add_page(page))
        root: Any = reader.trailer["/Root"]
        table = root.get("/Names", {}).get("/Dests", {}).get("/Names", [])
        owned = set(part.owned)
        for name, dest in zip(table[0::2], table[1::2], strict=True):
            if name in owned and name not in dests:
                target = ArrayObject([refs[dest[0].idnum]] + list(dest[1:]))
                dests[name] = target
    _destinations(writer, dests)
    _outline(writer, parts)
    _metadata(writer, readers[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _destinations(writer: PdfWriter, dests: dict[str, ArrayObject]) -> None:
    """The named destinations as one sorted name tree leaf, as WeasyPrint writes it."""
    names = ArrayObject()
    for name in sorted(dests):
        names += [TextStringObject(name), dests[name]]
    tree = DictionaryObject({NameObject("/Names"): names})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/Dests"): tree})


def _outline(writer: PdfWriter, parts: list[Typeset]) -> None:
    """Bookmarks over the whole document, nested by WeasyPrint's rule."""
    root: list = []
    skipped: list = []
    last_by_depth: list = [root]
    previous = 0
    number = 0
    for part in parts:
        for height, marks in zip(part.heights, part.bookmarks, strict=True):
            page = SimpleNamespace(bookmarks=marks, height=height)
            matrix = Matrix(a=SCALE, d=-SCALE, f=height * SCALE)
            previous = make_page_bookmark_tree(page, skipped, last_by_depth, previous, number, matrix)
            number += 1
    _add(writer, root, None)


def _add(writer: PdfWriter, nodes: list, parent) -> None:
    for label, (page, x, y), children, state in nodes:
        dest = ArrayObject(
            [
                writer.pages[page].indirect_reference,
                NameObject("/XYZ"),
                FloatObject(x),
                FloatObject(y),
                NumberObject(0),
            ]
        )
        entry: Any = _item(label, dest)
        item = writer.add_outline_item_dict(entry, parent=parent, is_open=state != "closed")
        _add(writer, children, item)


def _ref(page: Any) -> IndirectObject:
    """The page's reference (pages read from a file or added to a writer always have one)."""
    return page.indirect_reference


def _item(label: str, dest: ArrayObject) -> DictionaryObject:
    return DictionaryObject({NameObject("/Title"): TextStringObject(label), NameObject("/Dest"): dest})


def _metadata(writer: PdfWriter, first: PdfReader) -> None:
    """Title, dates and producer from the first part; its language on the catalog."""
    info: Any = first.trailer.get("/Info")
    if info is not None:
        writer.add_metadata(dict(info.get_object().items()))
    root: Any = first.trailer["/Root"]
    lang = root.get("/Lang")
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
