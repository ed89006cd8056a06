"""The PDF scorecard: text, metadata, bookmarks, safety of hostile input, reproducibility, lazy import."""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import sys
from datetime import date

import pytest
from conftest import EVIDENCE, RULES
from test_report_html import HOSTILE, hostile

pypdf = pytest.importorskip("pypdf")
pdf = pytest.importorskip("scorecard.render.pdf", exc_type=ImportError)

AS_OF = date(2026, 11, 23)


def squeeze(text: str) -> str:
    """Text with every run of white space removed: line breaks fall anywhere in a wrapped string."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def shipped(shipped_pdf):
    return shipped_pdf


@pytest.fixture(scope="module")
def reader(shipped):
    return pypdf.PdfReader(io.BytesIO(shipped[0]))


@pytest.fixture(scope="module")
def pages(reader) -> list[str]:
    return [squeeze(p.extract_text()) for p in reader.pages]


@pytest.mark.slow
def test_every_obligation_source_and_status_is_in_the_text(report, pages):
    text = "".join(pages)
    for o in report.obligations:
        assert squeeze(o.id) in text and squeeze(o.clause) in text, o.id
        head = next(i for i, p in enumerate(pages) if squeeze(f"{o.id} · {o.kind}") in p)
        assert squeeze(o.status.value) in pages[head] + pages[min(head + 1, len(pages) - 1)], o.id
    for s in report.sources:
        assert squeeze(s.title) in text, s.id


@pytest.mark.slow
def test_metadata(reader):
    info = reader.metadata
    assert (
        info.title.startswith("Agreement for Bringing Peace to Afghanistan")
        and "23 November 2026" in info.title
    )
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert info["/CreationDate"].startswith("D:20261123") and info["/ModDate"].startswith("D:20261123")


@pytest.mark.slow
def test_bookmarks_follow_the_headings(reader, report):
    top = [x.title for x in reader.outline if not isinstance(x, list)]
    for title in (
        "Key judgments",
        "At a glance",
        "Status of every obligation",
        "Evidence over time",
        "Obligations in detail",
        "Appendix A. Sources",
        "Appendix B. Methodology",
    ):
        assert title in top
    nested = [y.title for x in reader.outline if isinstance(x, list) for y in x if not isinstance(y, list)]
    assert sum(1 for t in nested if t.startswith(tuple(o.clause for o in report.obligations))) == len(
        report.obligations
    )


@pytest.mark.slow
def test_page_numbers_and_contents(pages, reader):
    n = len(reader.pages)
    assert squeeze(f"Page 2 of {n}") in pages[1] and squeeze(f"Page {n} of {n}") in pages[-1]
    contents = next(p for p in pages if re.search(r"Keyjudgments\.{3,}", p))
    assert re.search(r"Keyjudgments\.+2Ataglance\.+3", contents)  # contents lines with their page numbers


@pytest.mark.slow
def test_shipped_render_fetched_nothing(shipped):
    assert shipped[1].requests == []


def test_hostile_text_reaches_the_pdf_as_inert_text(small):
    fetcher = pdf.TemplateFetcher()
    data = pdf.render_pdf(hostile(small), url_fetcher=fetcher)
    r = pypdf.PdfReader(io.BytesIO(data))
    text = squeeze("".join(p.extract_text() for p in r.pages))
    for attack in HOSTILE:
        assert squeeze(attack) in text
    assert fetcher.requests == [] and fetcher.refused == []
    assert not r.attachments and "/EmbeddedFiles" not in str(r.trailer["/Root"].get("/Names", {}))
    assert no_images(r)
    assert (
        b"/JavaScript" not in data
        and b"/Launch" not in data
        and b"/EmbeddedFile" not in data
        and b"/URI" not in data
    )


def test_fetcher_refuses_everything_but_data_and_templates(tmp_path):
    f = pdf.TemplateFetcher()
    for url in (
        "file:///etc/passwd",
        "http://example.org/x.css",
        "https://example.org/x.png",
        "ftp://example.org/x",
        (pdf.TEMPLATES / ".." / ".." / "policy.yaml").as_uri(),
        "file://otherhost/etc/passwd",
    ):
        with pytest.raises(ValueError):
            f.fetch(url)
    link = pdf.TEMPLATES / "report.css"
    assert f.fetch(link.as_uri()).read() == link.read_bytes()
    assert f.fetch("data:text/plain,hi").read() == b"hi"
    assert f.refused and all(not u.startswith(("data:", link.as_uri())) for u in f.refused)


def no_images(r) -> bool:
    return all(
        x.get_object().get("/Subtype") != "/Image"
        for p in r.pages
        for x in p.get("/Resources", {}).get("/XObject", {}).values()
    )


def test_fetcher_is_the_second_wall(caplog):
    """Even markup that reached WeasyPrint unescaped could not read a file or attach one."""
    from weasyprint import HTML

    f = pdf.TemplateFetcher()
    page = (
        '<html><head><link rel="attachment" href="file:///etc/passwd"></head><body>'
        '<img src="file:///etc/passwd"><p style="background: url(file:///etc/passwd)">x</p>'
        '<img src="http://127.0.0.1:9/x.png"></body></html>'
    )
    caplog.set_level(logging.CRITICAL, logger="weasyprint")
    data = HTML(string=page, base_url=pdf.TEMPLATES.as_uri() + "/", url_fetcher=f).write_pdf()
    assert {"file:///etc/passwd", "http://127.0.0.1:9/x.png"} <= set(f.refused)
    r = pypdf.PdfReader(io.BytesIO(data))
    assert not r.attachments and no_images(r)


@pytest.mark.slow
def test_identical_bytes_with_source_date_epoch(small_pdfs):
    """Typeset again, by one process or by several: the same bytes."""
    first = small_pdfs["jobs=2"]
    assert first == small_pdfs["jobs=1"]
    info = pypdf.PdfReader(io.BytesIO(first)).metadata
    assert info["/CreationDate"].startswith("D:20260528202640")


def test_identical_bytes_without_source_date_epoch(tiny, monkeypatch):
    """No wall clock: the date in the file is the assessment date, and the environment is left as found."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = pdf.render_pdf(tiny)
    import os

    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert pdf.render_pdf(tiny) == first
    assert pypdf.PdfReader(io.BytesIO(first)).metadata["/CreationDate"].startswith("D:20261123")


def test_score_json_never_imports_weasyprint():
    code = (
        "import sys; from scorecard.cli import main; "
        f"sys.argv = ['scorecard', 'score', '--format', 'json', '--as-of', '{AS_OF}', "
        f"'--rules', {str(RULES)!r}, '--evidence', {str(EVIDENCE)!r}]; main()"
    )
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout)["as_of"] == str(AS_OF)
    imported = {
        line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")
    }
    assert "scorecard.report" in imported and not any(
        m.split(".")[0] in ("weasyprint", "pydyf", "tinycss2") for m in imported
    )


def test_pdf_module_is_loaded_only_by_the_report_command():
    code = (
        "import sys, scorecard.cli, scorecard.render.html; "
        "print(sorted(m for m in sys.modules if 'weasyprint' in m))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0 and run.stdout.strip() == "[]", run.stderr


@pytest.mark.slow
def test_first_pages_state_each_partys_record_and_how_far_to_trust_it(full_report, pages):
    """Page 2 (after the cover): a bottom line per party, each determination with likelihood and
    confidence, and the box saying what the assessment rests on."""
    page = pages[1]
    assert page.count(squeeze("Key judgments")) >= 1
    for party, name in full_report.agreement.parties.items():
        mine = [o for o in full_report.obligations if o.party == party]
        assert squeeze(f"Of its {len(mine)} obligations, the {name}") in page
        for o in mine:
            if o.likelihood:
                assert squeeze(o.clause) in page, o.id
    assert squeeze("What this rests on") in page and squeeze("5 documents") in page
    bare = [o for o in full_report.obligations if not o.evidence]
    assert bare and squeeze("No evidence at all") in page
    assert all(squeeze(o.clause) in page for o in bare)
    assert "0notverifiable" not in "".join(pages[:3])


@pytest.mark.slow
def test_tagged_with_author(reader):
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.author == "Test Author"


@pytest.mark.slow
def test_status_boxes_never_split(full_report, pages):
    """Every status box, from 'Likelihood of breach' to 'Independent origins', is on one page."""
    boxes = 0
    for i, p in enumerate(pages):
        for segment in p.split("Independentorigins")[:-1]:
            boxes += 1
            assert "Likelihoodofbreach" in segment and "Verifiability" in segment, (
                f"page {i + 1}: a box split"
            )
    assert boxes == len(full_report.obligations)


@pytest.mark.slow
def test_no_evidence_id_in_reader_prose(full_report, pages):
    """Sensitivity and reasons name evidence by short reference (E1 …), not by id."""
    text = "".join(pages)
    for o in full_report.obligations:
        for s in o.sensitivity:
            assert squeeze(f"without {s.evidence}") not in text


@pytest.mark.slow
def test_no_near_empty_pages(reader):
    for i, page in enumerate(reader.pages[1:], 2):
        assert len(page.extract_text()) > 600, f"page {i} is nearly empty"


@pytest.mark.slow
def test_headings_are_not_made_from_ids(full_report, reader):
    nested = [y.title for x in reader.outline if isinstance(x, list) for y in x if not isinstance(y, list)]
    for o in full_report.obligations:
        words = o.id.split("-")
        from_id = " ".join(words[-2:]).capitalize()
        assert not any(t.endswith(from_id + " " + full_report.agreement.parties[o.party]) for t in nested), (
            o.id
        )
