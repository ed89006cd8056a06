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

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject
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
    first = None
    for part in parts:
        reader = PdfReader(io.BytesIO(part.pdf))
        first = first or reader
        base = len(writer.pages)
        refs = {}
        for i, page in enumerate(reader.pages):
            refs[page.indirect_reference.idnum] = writer.add_page(page).indirect_reference
        table = reader.trailer["/Root"].get("/Names", {}).get("/Dests", {}).get("/Names", [])
        owned = set(part.owned)
        for name, dest in zip(table[0::2], table[1::2]):
            if name in owned and name not in dests:
                target = ArrayObject([refs[dest[0].idnum]] + list(dest[1:]))
                dests[name] = target
        del base
    _destinations(writer, dests)
    _outline(writer, parts)
    _metadata(writer, first)
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
    root, skipped, last_by_depth, previous = [], [], [], 0
    last_by_depth.append(root)
    number = 0
    for part in parts:
        for height, marks in zip(part.heights, part.bookmarks):
            page = SimpleNamespace(bookmarks=marks, height=height)
            matrix = Matrix(a=SCALE, d=-SCALE, f=height * SCALE)
            previous = make_page_bookmark_tree(page, skipped, last_by_depth, previous, number, matrix)
            number += 1
    _add(writer, root, None)


def _add(writer: PdfWriter, nodes: list, parent) -> None:
    for label, (page, x, y), children, state in nodes:
        dest = ArrayObject([writer.pages[page].indirect_reference, NameObject("/XYZ"),
                            FloatObject(x), FloatObject(y), NumberObject(0)])
        item = writer.add_outline_item_dict(_item(label, dest), parent=parent, is_open=state != "closed")
        _add(writer, children, item)


def _item(label: str, dest: ArrayObject) -> DictionaryObject:
    return DictionaryObject({NameObject("/Title"): TextStringObject(label), NameObject("/Dest"): dest})


def _metadata(writer: PdfWriter, first: PdfReader) -> None:
    """Title, dates and producer from the first part; its language on the catalog."""
    info = first.trailer.get("/Info")
    if info is not None:
        writer.add_metadata({k: v for k, v in info.get_object().items()})
    lang = first.trailer["/Root"].get("/Lang")
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
