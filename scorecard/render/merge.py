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

from scorecard.render import engine


@dataclass
class Typeset:
    """One part's PDF, the anchors it owns, and per page its height (px) and bookmarks."""

    pdf: bytes
    owned: list[str]
    heights: list[float]
    bookmarks: list[list]
    index: int = 0
    reader: PdfReader | None = None

    def read(self) -> PdfReader:
        """The part's PDF parsed, every object resolved (done as parts arrive, before the join)."""
        if self.reader is None:
            self.reader = PdfReader(io.BytesIO(self.pdf))
            size: Any = self.reader.trailer["/Size"]
            for number in range(1, int(size)):
                try:
                    self.reader.get_object(number)
                except Exception:  # noqa: BLE001 - only reading ahead; the join meets any real fault
                    pass
        return self.reader

    def __getstate__(self) -> dict:
        return {**self.__dict__, "reader": None}  # sent between processes as bytes only


def join(parts: list[Typeset]) -> bytes:
    """One PDF from the parts, in order."""
    writer = PdfWriter()
    dests: dict[str, ArrayObject] = {}
    readers = [part.read() for part in parts]
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
    _structure(writer, readers)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _destinations(writer: PdfWriter, dests: dict[str, ArrayObject]) -> None:
    """The named destinations as one sorted name tree leaf, as WeasyPrint writes it."""
    names = ArrayObject()
    for name in sorted(dests):
        names += [TextStringObject(name), dests[name]]
    tree = DictionaryObject({NameObject("/Names"): names})
    engine.catalog(writer)[NameObject("/Names")] = DictionaryObject({NameObject("/Dests"): tree})


def _outline(writer: PdfWriter, parts: list[Typeset]) -> None:
    """Bookmarks over the whole document, nested by WeasyPrint's rule."""
    pages = [page for part in parts for page in zip(part.heights, part.bookmarks, strict=True)]
    _add(writer, engine.bookmark_tree(pages), None)


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
        engine.catalog(writer)[NameObject("/Lang")] = TextStringObject(lang)


def _structure(writer: PdfWriter, readers: list[PdfReader]) -> None:
    """One structure tree (tagged PDF) from the parts': one Document element, one parent tree.

    Each part's tree is copied with its pages already mapped; the parts' Document elements give
    their children to the first; keys of the parent tree (a page's /StructParents, an annotation's
    /StructParent) are shifted by the keys the earlier parts used.
    """
    catalogs: list[Any] = [r.trailer["/Root"] for r in readers]
    trees = [c.get("/StructTreeRoot") for c in catalogs]
    if any(t is None for t in trees):
        return
    nums, shift, page = ArrayObject(), 0, 0
    document: Any = None
    for reader, tree in zip(readers, trees, strict=True):
        copy: Any = tree.get_object().clone(writer)
        own = copy["/ParentTree"].get_object()["/Nums"]
        for key, value in zip(own[0::2], own[1::2], strict=True):
            nums += [NumberObject(int(key) + shift), value]
        for source in reader.pages:
            _shift_keys(source, writer.pages[page], shift)
            page += 1
        for elem in _kids(copy):
            if document is None:
                document = elem
                doc = document.get_object()
                doc[NameObject("/K")] = ArrayObject(_kids(doc))
            else:
                for child in _kids(elem.get_object()):
                    child.get_object()[NameObject("/P")] = document
                    document.get_object()["/K"].append(child)
        shift += max((int(k) for k in own[0::2]), default=-1) + 1
    parent_tree = engine.add_object(writer, DictionaryObject({NameObject("/Nums"): nums}))
    first: Any = trees[0].get_object()
    root = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructTreeRoot"),
            NameObject("/ParentTree"): parent_tree,
            NameObject("/K"): ArrayObject([document]),
        }
    )
    if "/Namespaces" in first:
        root[NameObject("/Namespaces")] = first["/Namespaces"].clone(writer)
    if "/ParentTreeNextKey" in first:
        root[NameObject("/ParentTreeNextKey")] = NumberObject(shift)
    ref = engine.add_object(writer, root)
    document.get_object()[NameObject("/P")] = ref
    catalog: Any = readers[0].trailer["/Root"]
    engine.catalog(writer)[NameObject("/StructTreeRoot")] = ref
    for key in ("/MarkInfo", "/ViewerPreferences"):
        if key in catalog:
            engine.catalog(writer)[NameObject(key)] = catalog[key].clone(writer)


def _kids(elem: Any) -> list:
    kids = elem.get("/K", [])
    return list(kids) if isinstance(kids, ArrayObject) else [kids]


def _shift_keys(source: Any, page: Any, shift: int) -> None:
    """The page's and its annotations' keys in the joined parent tree (pypdf leaves out the page's)."""
    if "/StructParents" in source:
        page[NameObject("/StructParents")] = NumberObject(int(source["/StructParents"]) + shift)
    if "/Tabs" in source:
        page[NameObject("/Tabs")] = NameObject(source["/Tabs"])
    for annot in page.get("/Annots", []):
        a = annot.get_object()
        if "/StructParent" in a:
            a[NameObject("/StructParent")] = NumberObject(int(a["/StructParent"]) + shift)
