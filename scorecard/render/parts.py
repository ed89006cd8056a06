"""The report's HTML cut into parts, and each part typeset in two stages so parts can run in parallel.

A part is a whole HTML document (the report's head and a run of its body) that starts on a new
page. Cuts fall only where the template marks them: where a page break already falls
(`<!--cut:page-->`) or between two obligation sections (`<!--cut:section-->`), never inside one.

Stage one lays out a part's pages and reports what the other parts need to know: how many pages
it has, on which of them each anchor falls, and the last value of each running string. Stage two,
given the part's first page number, the total and the strings carried in from earlier parts,
fills in the page margins (page numbers, running headers) and returns a WeasyPrint Document.

Why two stages: a page number in a margin, or in the contents, depends on every earlier part;
stage one is where the time goes, and it needs none of those numbers.

The layout functions follow weasyprint.layout.layout_document (70.x), split at the point where
the main flow is paginated and the margin boxes are not yet made.
"""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass, field

from weasyprint import DEFAULT_OPTIONS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.document import Document, DocumentMetadata, Page
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.formatting_structure.build import build_formatting_structure
from weasyprint.html import get_html_metadata
from weasyprint.layout import (
    initialize_page_maker,
    layout_backgrounds,
    layout_fixed_boxes,
    make_all_pages,
    make_margin_boxes,
)
from weasyprint.text.fonts import FontConfiguration

CUT = re.compile(r"<!--cut:(page|section)-->")
WRAPPER = '<div class="obligations">'
# Page references become attributes the parent fills in: a part cannot look up a page in another.
TARGET_PAGE = re.compile(r"target-counter\(\s*attr\(href\)\s*,\s*page\s*\)")
LINK = re.compile(r'<a\b([^>]*?)\shref="#([^"]+)"')
FIGURE_SPACE = "\u2007"  # as wide as a digit
PARTS = 8  # obligation runs are cut to about 1/PARTS of the body; fixed, so --jobs never changes the PDF


@dataclass
class Part:
    """One part: its body, and whether it opens or closes inside the obligations' wrapper."""

    index: int
    body: str
    weight: int = 0


@dataclass
class Facts:
    """What stage one learns about a part."""

    pages: int
    anchors: dict[str, int]  # anchor → page index within the part (first occurrence)
    strings: dict[str, str]  # running string → its last value in the part
    numbered: bool  # does its layout show page numbers of anchors (the contents, the matrix)?


@dataclass
class Plan:
    """What stage two needs from the other parts."""

    offset: int  # pages before this part
    total: int
    carried: dict[str, str] = field(default_factory=dict)
    anchor_pages: dict[str, int] = field(default_factory=dict)  # anchor → page number in the whole


STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def split(document: str) -> tuple[str, str, list[Part]]:
    """The document's head (up to and including <body>, its stylesheet taken out), the stylesheet
    with page references turned into attributes, and the parts, in order.

    Why take the stylesheet out: parsed once and shared, it costs each part nothing; parsed in
    every part's head it cost about 0.1 s a part.
    """
    start = document.index("<body>") + len("<body>")
    end = document.rindex("</body>")
    head, body = document[:start], document[start:end]
    css = "".join(STYLE.findall(head))
    head = STYLE.sub("", head)
    pieces = CUT.split(body)  # text, kind, text, kind, ...
    texts, kinds = pieces[0::2], [None] + pieces[1::2]
    total = sum(map(len, texts)) or 1
    target = total // PARTS
    parts: list[str] = []
    run: list[str] = []
    size, inside = 0, False
    for text, kind in zip(texts, kinds, strict=True):
        if run and (kind == "page" or (kind == "section" and size >= target)):
            parts.append(_close(run, inside, kind == "section"))
            inside = kind == "section"
            run, size = [], 0
        run.append(text)
        size += len(text)
    parts.append(_close(run, inside, False))
    return head, TARGET_PAGE.sub("attr(data-page)", css), [Part(i, b, len(b)) for i, b in enumerate(parts)]


def _close(run: list[str], opens_inside: bool, ends_inside: bool) -> str:
    """A run of pieces as a body that opens and closes the obligations' wrapper where it was cut."""
    text = "".join(run)
    return (WRAPPER if opens_inside else "") + text + ("</div>" if ends_inside else "")


def part_document(head: str, part: Part, pages: dict[str, int], placeholder: str) -> str:
    """A whole HTML document for one part, page references filled in (or a placeholder of their width)."""

    def link(m: re.Match) -> str:
        number = pages.get(htmlmod.unescape(m[2]), placeholder)
        return f'<a{m[1]} href="#{m[2]}" data-page="{number}"'

    return head + LINK.sub(link, part.body) + "</body></html>"


class Staged:
    """A part laid out up to its margins (stage one)."""

    def __init__(self, source: str, base_url: str, fetcher, stylesheet):
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
