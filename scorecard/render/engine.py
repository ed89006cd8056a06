"""The PDF engine's private ground: every use of WeasyPrint's and pypdf's internals, in one place.

Parallel typesetting (render/parallel.py), kept parts (render/kept.py) and the join
(render/merge.py) need what neither library publishes: WeasyPrint's layout split where the main
flow is paginated and the margin boxes are not yet made (following weasyprint.layout.layout_document,
70.x), its bookmark nesting, a Document made from laid-out pages; pypdf's catalog and indirect
objects of a writer. Those calls are all here, behind a gate:

- the versions tested (TESTED): another WeasyPrint or pypdf major version is not trusted;
- a self-check: the internals have the names and parameters this module calls, and a small
  document goes through both stages with the facts it must have.

`unsafe()` says why the engine may not be used (None: it may). render/pdf.py then typesets the
report with plain WeasyPrint in one process instead: slower, the same document.
"""

from __future__ import annotations

import functools
import inspect
import re
from typing import Any

from scorecard.render.parts import Facts, Plan

# Each library's tested versions: from the first (inclusive) to the second (exclusive).
TESTED = {"weasyprint": ((70,), (71,)), "pypdf": ((7,), (8,))}
SCALE = 0.75  # CSS px → PDF points, as WeasyPrint writes at zoom 1
FIGURE_SPACE = "\u2007"  # as wide as a digit

try:
    from pypdf import PdfWriter
    from pypdf import __version__ as _pypdf_version
    from weasyprint import CSS, DEFAULT_OPTIONS, HTML
    from weasyprint import __version__ as _weasyprint_version
    from weasyprint.anchors import make_page_bookmark_tree
    from weasyprint.css.counters import CounterStyle
    from weasyprint.document import Document, DocumentMetadata, Page
    from weasyprint.formatting_structure.boxes import TextBox
    from weasyprint.formatting_structure.build import build_formatting_structure
    from weasyprint.html import get_html_metadata
    from weasyprint.layout import (
        LayoutContext,  # noqa: F401 - its method is held against SIGNATURES
        initialize_page_maker,
        layout_backgrounds,
        layout_fixed_boxes,
        make_all_pages,
        make_margin_boxes,
    )
    from weasyprint.matrix import Matrix
    from weasyprint.text.fonts import FontConfiguration

    _IMPORTED: str | None = None
except ImportError as exc:  # pragma: no cover - a WeasyPrint or pypdf that moved its internals
    _IMPORTED = f"cannot import {exc.name or exc}"


def _version(text: str) -> tuple[int, ...]:
    """The leading numbers of a version: "70.0" → (70, 0), "71.0b1" → (71, 0)."""
    out = []
    for piece in text.split("."):
        digits = re.match(r"\d+", piece)
        if digits is None:
            break
        out.append(int(digits.group()))
    return tuple(out)


def outside(versions: dict[str, str]) -> str | None:
    """Which library is outside its tested versions (`versions`: name → version), or None."""
    for name, (low, high) in TESTED.items():
        got = _version(versions.get(name, ""))
        if not got or not low <= got < high:
            first, below = ".".join(map(str, low)), ".".join(map(str, high))
            return f"{name} {versions.get(name) or '?'} is outside the tested versions ({first} to before {below})"
    return None


# The internals called here, with the parameters they are called with (in order).
SIGNATURES = {
    "Document._build_layout_context": ("html", "font_config", "counter_style", "color_profiles", "options"),
    "Document.__init__": (
        "self",
        "pages",
        "metadata",
        "url_fetcher",
        "font_config",
        "color_profiles",
        "output_intent",
    ),
    "build_formatting_structure": (
        "element_tree",
        "style_for",
        "get_image_from_uri",
        "base_url",
        "target_collector",
        "counter_style",
        "footnotes",
    ),
    "initialize_page_maker": ("context", "root_box"),
    "make_all_pages": ("context", "root_box", "html", "pages"),
    "layout_fixed_boxes": ("context", "pages", "containing_page"),
    "make_margin_boxes": ("context", "page", "state"),
    "layout_backgrounds": ("page", "get_image_from_uri"),
    "make_page_bookmark_tree": (
        "page",
        "skipped_levels",
        "last_by_depth",
        "previous_level",
        "page_number",
        "matrix",
    ),
    "LayoutContext.get_string_set_for": ("self", "page", "name", "keyword"),
    "PdfWriter._add_object": ("self", "obj"),
}


def _signature_changed() -> str | None:
    """The first internal whose parameters are not those SIGNATURES names, or None."""
    for path, expected in SIGNATURES.items():
        owner, _, attribute = path.rpartition(".")
        target: Any = globals()[owner] if owner else None
        function = getattr(target, attribute, None) if owner else globals().get(attribute)
        try:
            found = tuple(inspect.signature(function).parameters) if function is not None else None
        except (TypeError, ValueError):
            found = None
        if found is None or found[: len(expected)] != expected:
            return f"{path} is not as tested: {found}"
    if not isinstance(getattr(PdfWriter(), "_root_object", None), dict):
        return "PdfWriter._root_object is not as tested"
    return None


_PROBE = (
    "<html><head><style>@page { size: 300px 200px; @top-center { content: string(t) counter(page) } }"
    ' h1 { string-set: t content() }</style></head><body><h1 id="a">T</h1>'
    '<p style="break-before: page"><a href="#a">a</a></p></body></html>'
)


def _probe() -> str | None:
    """A small document through both stages: two pages, the anchor on the first, the string set."""
    staged = Staged(_PROBE, None, None, stylesheet("", None, None))
    facts = staged.facts()
    if (facts.pages, facts.anchors.get("a"), facts.strings.get("t")) != (2, 0, "T"):
        return f"a test document laid out with the wrong facts: {facts}"
    pdf, _, heights, marks = write(staged.finish(Plan(0, 2)), {"a"}, "2020-01-01T00:00:00Z", "scorecard")
    if not pdf.startswith(b"%PDF-") or len(heights) != 2 or len(marks) != 2:
        return "a test document was not written as expected"
    return None


@functools.cache
def unsafe() -> str | None:
    """Why the engine may not be used here (a version not tested, internals not as tested, a
    failed probe), or None."""
    if _IMPORTED is not None:  # pragma: no cover - see the imports
        return _IMPORTED
    gate = outside({"weasyprint": _weasyprint_version, "pypdf": _pypdf_version})
    if gate is not None:
        return gate
    try:
        return _signature_changed() or _probe()
    except Exception as exc:  # noqa: BLE001 - whatever a changed internal raises, the engine is not used
        return f"the self-check failed: {type(exc).__name__}: {exc}"


def stylesheet(css: str, base_url: str | None, fetcher: Any) -> Any:
    """The report's stylesheet, parsed once for every part."""
    return (
        CSS(string=css, base_url=base_url, url_fetcher=fetcher)
        if fetcher
        else CSS(string=css, base_url=base_url)
    )


def write(
    doc: Any, owned_here: set[str], stamp: str, author: str
) -> tuple[bytes, list[str], list[float], list[list]]:
    """The part's PDF without bookmarks (the join rebuilds them), its links to other parts kept;
    (the PDF, the anchors it owns, each page's height and bookmarks)."""
    heights = [p.height for p in doc.pages]
    marks = [list(p.bookmarks) for p in doc.pages]
    for page in doc.pages:
        page.bookmarks = []
    elsewhere = {
        target for p in doc.pages for kind, target, _, _ in p.links if kind == "internal"
    } - owned_here
    if doc.pages:
        for name in sorted(elsewhere):  # a stand-in, so WeasyPrint keeps the link; the join retargets it
            doc.pages[0].anchors[name] = (0, 0, 0, 0)
    doc.metadata.created = doc.metadata.modified = stamp
    doc.metadata.authors = [author]
    return doc.write_pdf(pdf_tags=True), sorted(owned_here), heights, marks


def catalog(writer: Any) -> Any:
    """The writer's document catalog (pypdf keeps it private)."""
    return writer._root_object


def add_object(writer: Any, obj: Any) -> Any:
    """`obj` added to the writer as an indirect object; its reference."""
    return writer._add_object(obj)


def bookmark_tree(pages: list[tuple[float, list]]) -> list:
    """Bookmarks over the whole document from each page's (height, bookmarks), nested by WeasyPrint's rule."""
    from types import SimpleNamespace

    root: list = []
    skipped: list = []
    last_by_depth: list = [root]
    previous = 0
    for number, (height, marks) in enumerate(pages):
        page = SimpleNamespace(bookmarks=marks, height=height)
        matrix = Matrix(a=SCALE, d=-SCALE, f=height * SCALE)
        previous = make_page_bookmark_tree(page, skipped, last_by_depth, previous, number, matrix)
    return root


class Staged:
    """A part laid out up to its margins (stage one)."""

    def __init__(self, source: str, base_url: str | None, fetcher, stylesheet):
        self.html = HTML(string=source, base_url=base_url, url_fetcher=fetcher)
        self.options = dict(DEFAULT_OPTIONS, stylesheets=[stylesheet])
        self.font_config, counter_style = FontConfiguration(), CounterStyle()
        context = Document._build_layout_context(self.html, self.font_config, counter_style, {}, self.options)
        root = build_formatting_structure(
            self.html.etree_element,
            context.style_for,
            context.get_image_from_uri,
            self.html.base_url,
            context.target_collector,
            counter_style,
            context.footnotes,
        )
        self.context = context
        self.pages = _paginate(self.html, root, context)

    def facts(self) -> Facts:
        anchors, numbered = {}, False
        for i, page in enumerate(self.pages):
            for box in page.descendants():
                name = box.style["anchor"]
                if name and name not in anchors:
                    anchors[name] = i
                if not numbered and (box.element_tag or "").endswith(("::after", "::before")):
                    numbered = "data-page" in str(box.style["content"])
        strings = {}
        for name, by_page in self.context.string_set.items():
            last = [v for p in sorted(by_page) for v in by_page[p]]
            if last:
                strings[name] = last[-1]
        return Facts(len(self.pages), anchors, strings, numbered)

    def number(self, anchor_pages: dict[str, int], placeholder: str) -> bool:
        """Write the page numbers of anchors where stage one laid out placeholders; False if one is wider.

        Why in place: DejaVu's digits all have one width, so a number right-aligned in its
        placeholder's width (padded with figure spaces, which have that width too) changes no line
        and no page; laying the part out again would cost as much as stage one.
        """
        for page in self.pages:
            for box in page.descendants():
                if not (box.element_tag or "").endswith(("::after", "::before")) or "data-page" not in str(
                    box.style["content"]
                ):
                    continue
                href = (box.element.get("href") or "").removeprefix("#")
                number = str(anchor_pages.get(href, ""))
                if len(number) > len(placeholder):
                    return False
                for text in box.descendants():
                    if isinstance(text, TextBox) and placeholder in text.text:
                        head, _, tail = text.text.rpartition(placeholder)
                        text.text = head + number.rjust(len(placeholder), FIGURE_SPACE) + tail
                        text.pango_layout.text = text.text  # laid out again from it when drawn
        return True

    def finish(self, plan: Plan) -> Document:
        """Stage two: margins numbered as pages plan.offset + 1 … of plan.total; a Document."""
        pages = list(_margins(self.context, self.pages, plan))
        doc = Document(
            [Page(p) for p in pages],
            DocumentMetadata(**get_html_metadata(self.html)),
            self.html.url_fetcher,
            self.font_config,
            {},
            self.options["output_intent"],
        )
        doc._html = self.html
        return doc


def _paginate(html, root_box, context, max_loops: int = 8) -> list:
    """Main-flow pages, repaginated while page-based content changes; string-sets collected."""
    initialize_page_maker(context, root_box)
    pages: list = []
    original_footnotes: list = []
    total = 0
    for loop in range(max_loops):
        if loop > 0:
            context.footnotes = original_footnotes.copy()
        initial = total
        if loop == 0:
            original_footnotes = context.footnotes.copy()
        pages = list(make_all_pages(context, root_box, html, pages))
        total = len(pages)
        again = False
        for _, _, _, page_state, remake_state in context.page_maker:
            page_state[1]["pages"] = [total]
            again |= remake_state["content_changed"] or (remake_state["pages_wanted"] and initial != total)
        if not again:
            break
    _collect(context, pages)
    return pages


def _collect(context, pages) -> None:
    """Bookmarks once per element, page-based counters in labels, and the string-sets per page."""
    seen: dict[str, list] = {"": [], "::before": [], "::after": []}
    for i, page in enumerate(pages):
        counters = context.page_maker[i + 1][3][1]
        for child in page.descendants():
            if child.bookmark_label:
                kind = next((k for k in ("::before", "::after") if child.element_tag.endswith(k)), "")
                if child.element in seen[kind]:
                    child.bookmark_label = ""
                else:
                    seen[kind].append(child.element)
            if child.missing_link:
                for (box, token), item in context.target_collector.counter_lookup_items.items():
                    if child.missing_link == box and token != "content":
                        if token == "bookmark-label" and not child.bookmark_label:
                            continue
                        item.parse_again(counters)
                        if token == "bookmark-label":
                            child.bookmark_label = box.bookmark_label
            if child.string_set and child.string_set != "none":
                for name, text in child.string_set:
                    context.string_set[name][i + 1].append(text)


def _margins(context, pages, plan: Plan):
    """Margin boxes with the page numbers of the whole document and strings carried from earlier parts."""
    own = context.get_string_set_for

    def string_for(page, name, keyword="first"):
        got = own(page, name, keyword)
        assigned_here = context.current_page in context.string_set.get(name, {})
        if got or (keyword == "first-except" and assigned_here) or name not in plan.carried:
            return got
        return (plan.carried[name],)

    context.get_string_set_for = string_for
    for i, page in enumerate(pages):
        root, footnote_area, note_area = page.children
        root.children = (
            list(layout_fixed_boxes(context, pages[:i], page))
            + list(root.children)
            + list(layout_fixed_boxes(context, pages[i + 1 :], page))
        )
        context.current_page = i + 1
        quotes, counters, scopes, groups = context.page_maker[i + 1][3]
        counters = {
            **counters,
            "page": [n + plan.offset for n in counters.get("page", [i + 1])],
            "pages": [plan.total],
        }
        children = [root] + [a for a in (footnote_area, note_area) if a.children]
        children.extend(make_margin_boxes(context, page, (quotes, counters, scopes, groups)))
        page.children = tuple(children)
        layout_backgrounds(page, context.get_image_from_uri)
        yield page
