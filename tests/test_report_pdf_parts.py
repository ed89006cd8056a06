"""The PDF typeset in parts on several processes and joined: one document, whatever --jobs says.

These need only the PDF's structure, so they use a small report (a few obligations, still cut
into several parts); the full shipped PDF is checked in test_report_pdf.py.
"""

from __future__ import annotations

import io
import re

import pytest
from conftest import EPOCH
from test_report_pdf import squeeze

pypdf = pytest.importorskip("pypdf")
pdf = pytest.importorskip("scorecard.render.pdf", exc_type=ImportError)
from scorecard.render import parallel, parts  # noqa: E402
from scorecard.render.html import context, environment  # noqa: E402


@pytest.fixture(scope="module")
def few(small):
    return small


@pytest.fixture(scope="module")
def joined(small_pdfs):
    return small_pdfs["jobs=1"], small_pdfs["jobs=2"], small_pdfs["whole"]


@pytest.fixture(scope="module")
def texts(joined) -> list[str]:
    return [squeeze(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(joined[1])).pages]


def marked(report) -> str:
    return environment().get_template("report.html").render(**context(report), split=True)


def test_cuts_fall_between_sections_never_inside(report):
    source = marked(report)
    head, css, cut = parts.split(source)
    assert len(cut) > 8 and "target-counter" not in css and "<style>" not in head
    for part in cut:
        body = part.body
        assert body.count("<section") == body.count("</section>"), part.index
        assert body.count("<div") == body.count("</div>"), part.index
        first = re.match(r"\s*<(\w+)[^>]*>", body)
        assert first and first[0].strip().startswith(("<section", '<div class="obligations">', "<nav")), body[
            :80
        ]
    ids = [m for p in cut for m in re.findall(r'<section class="ob" id="ob-([^"]+)"', p.body)]
    assert ids == [o.id for o in report.obligations]


def test_the_html_report_has_no_cut_marks(report):
    from scorecard.render.html import render_html

    assert "<!--cut:" not in render_html(report) and "<!--cut:" in marked(report)


def test_jobs_never_change_the_bytes(joined):
    one, two, _ = joined
    assert one == two


def test_pages_are_numbered_through(texts):
    n = len(texts)
    for i, text in enumerate(texts[1:], 2):
        assert squeeze(f"Page {i} of {n}") in text, i


def test_running_headers_carry_across_parts(texts, few):
    title = squeeze(few.agreement.title)
    for i, text in enumerate(texts[1:], 2):
        assert title in text, i  # the cover's title, set once, stands on every later page
    starts = [
        m[1]
        for p in parts.split(marked(few))[2]
        if (
            m := re.match(
                r'<div class="obligations"><section '
                r'class="ob" id="ob-([^"]+)"',
                p.body,
            )
        )
    ]
    assert starts
    for o in (o for o in few.obligations if o.id in starts):  # a part's first heading heads its first page
        first = next(t for t in texts if squeeze(f"{o.id} · {o.kind}") in t)
        assert title + squeeze(o.clause) in first, o.id


def outline(r) -> list[tuple[int, str, int]]:
    out = []

    def walk(items, depth):
        for x in items:
            if isinstance(x, list):
                walk(x, depth + 1)
            else:
                out.append((depth, x.title, r.get_destination_page_number(x) + 1))

    walk(r.outline, 0)
    return out


def test_contents_numbers_are_the_pages_bookmarks_point_to(joined, few):
    r = pypdf.PdfReader(io.BytesIO(joined[1]))
    whole = pypdf.PdfReader(io.BytesIO(joined[2]))
    marks = outline(r)
    assert [(d, t) for d, t, _ in marks] == [(d, t) for d, t, _ in outline(whole)]  # the same nesting
    nested = [t for d, t, _ in marks if d == 1]
    assert len([t for t in nested if t.startswith(tuple(o.clause for o in few.obligations))]) == len(
        few.obligations
    )
    contents = next(p.extract_text() for p in r.pages if re.search(r"\.{10,}", p.extract_text()))
    listed = 0
    for title, page in [(t, p) for d, t, p in marks if d == 0]:
        m = re.search(re.escape(title) + r" *\.+[\u2007 ]*(\d+)", contents)
        if m:
            listed += 1
            assert int(m[1]) == page, (title, page)
    assert listed >= 4


def links(r) -> list[str]:
    return [
        a.get_object()["/Dest"] for p in r.pages for a in p.get("/Annots", []) if "/Dest" in a.get_object()
    ]


def test_every_link_is_kept_and_lands_on_its_anchor(joined):
    r = pypdf.PdfReader(io.BytesIO(joined[1]))
    whole = pypdf.PdfReader(io.BytesIO(joined[2]))
    names = r.named_destinations
    assert sorted(links(r)) == sorted(links(whole)) and links(r)
    assert set(links(r)) <= set(names) and set(names) == set(whole.named_destinations)
    for name, dest in names.items():  # each anchor on the page that carries its heading or quote
        page = r.get_destination_page_number(dest)
        if name.startswith("ob-"):
            assert squeeze(name[3:]) in squeeze(r.pages[page].extract_text()), name


def test_metadata_is_the_documents(joined):
    r = pypdf.PdfReader(io.BytesIO(joined[1]))
    whole = pypdf.PdfReader(io.BytesIO(joined[2]))
    for key in ("/Title", "/CreationDate", "/ModDate", "/Producer", "/Keywords", "/Subject"):
        assert r.metadata.get(key) == whole.metadata.get(key), key
    assert r.trailer["/Root"]["/Lang"] == "en" and r.metadata["/CreationDate"].startswith("D:20260528202640")


@pytest.mark.slow
def test_a_number_wider_than_its_placeholder_falls_back_to_one_piece(few, joined, monkeypatch):
    """Never a wrong number: if a page number outgrows its slot, the whole is typeset in one piece."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setattr(parallel, "placeholder_for", lambda source: "0")
    real = parallel.Staged.number
    outgrown = []
    monkeypatch.setattr(parallel.Staged, "number", lambda *a: outgrown.append(real(*a)) or outgrown[-1])
    assert pdf.render_pdf(few, jobs=1) == joined[2] and False in outgrown


def test_one_structure_tree_for_screen_readers(joined):
    """Tagged as one document: one Document element, one parent tree whose keys are exactly the
    pages' and annotations' keys, each structure element's parent pointing back to it."""
    r = pypdf.PdfReader(io.BytesIO(joined[1]))
    root = r.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and r.metadata.author
    tree = root["/StructTreeRoot"].get_object()
    (document,) = tree["/K"]
    document = document.get_object()
    assert document["/S"] == "/Document" and document["/P"].get_object() == tree
    kids = [k.get_object() for k in document["/K"]]
    assert kids and all(k["/P"].get_object() == document for k in kids)
    nums = tree["/ParentTree"].get_object()["/Nums"]
    keys = [int(k) for k in nums[0::2]]
    used = [int(p["/StructParents"]) for p in r.pages if "/StructParents" in p]
    used += [
        int(a.get_object()["/StructParent"])
        for p in r.pages
        for a in p.get("/Annots", [])
        if "/StructParent" in a.get_object()
    ]
    assert sorted(keys) == sorted(used) and len(set(keys)) == len(keys)
    whole = pypdf.PdfReader(io.BytesIO(joined[2]))
    whole_keys = len(whole.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]) // 2
    assert len(keys) - len(r.pages) == whole_keys - len(whole.pages)  # every link tagged, as in the whole
