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

The stages themselves reach into WeasyPrint's layout: they live in render/engine.py, with every
other use of WeasyPrint's and pypdf's private ground.
"""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass, field

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
