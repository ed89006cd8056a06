"""PDFs read like articles: running headers and footers, captions and photo credits, bylines,
mastheads, "Related"/"Read more" boxes and copyright lines never become or start candidates.

The fixtures are real PDFs from two producers (tests/fixtures/pdf/make.py made them): a news page
printed by headless Chromium (with its own running header and footer) and a report converted by
LibreOffice Writer (with a running header and footer, a photo caption and a copyright line).
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from test_ingest import DATA, run

from scorecard.ingest.extract import read_document
from scorecard.ingest.furniture import is_furniture, running_lines, strip_text

PDFS = ROOT / "tests" / "fixtures" / "pdf"
FURNITURE = {
    "news-chromium.pdf": [
        "THE KABUL LEDGER",
        "World | Asia",
        "By Sarah Whitfield",
        "Published 14 June 2023",
        "File Photo by",
        "Stringer/EPA-EFE",
        "Related: Taliban ban women",
        "Read more:",
        "All rights reserved",
        "file:///",
        "1/2",
        "2/2",
    ],
    "report-libreoffice.pdf": [
        "S/2023/370",
        "Page 1",
        "Page 2",
        "23-09876",
        "UNAMA/Fardin Waezi",
        "© United Nations",
    ],
}
ARTICLE = {
    "news-chromium.pdf": [
        "according to a report by UN sanctions monitors",
        "Zabihullah Mujahid, the Taliban's chief",
    ],
    "report-libreoffice.pdf": [
        "issued Afghan passports and national identity cards",
        "training camps in Kunar",
    ],
}


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_furniture_is_not_in_the_text_and_the_article_is(name):
    doc = read_document(PDFS / name)
    flat = " ".join(doc.text.split())
    for line in FURNITURE[name]:
        assert line not in flat, line
    for words in ARTICLE[name]:
        assert words in flat, words
    assert "ﬁ" not in doc.text  # ligatures read as letters, so quotes can be typed


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_no_candidate_is_or_starts_with_furniture(name):
    r = run("ingest", str(PDFS / name), *DATA, "--dry-run", "--format", "json")
    assert r.exit_code == 0, r.stderr
    cands = json.loads(r.stdout)
    assert cands
    for c in cands:
        for line in FURNITURE[name]:
            assert line not in c["quote"], (line, c["quote"])


def test_running_lines_need_the_same_place_on_half_the_pages():
    pages = [
        ["Header 1", "Text a", "Same words", "Footer 1"],
        ["Header 2", "Same words", "Text b", "Footer 2"],
    ]
    found = running_lines(pages)
    assert ("header #", 0, "top") in found and ("footer #", 0, "bottom") in found
    assert not any(key[0] == "same words" for key in found)  # repeated, but not in the same place


@pytest.mark.parametrize(
    "line",
    [
        "File Photo by Stringer/EPA-EFE",
        "Taliban fighters in Kabul, 15 August 2021. REUTERS/Stringer",
        "Photo: UNAMA/Fardin Waezi",
        "By Sarah Whitfield and Omar Rahimi",
        "Related: Taliban ban women from universities",
        "Read more: How the Doha deal was negotiated",
        "© 2023 The Kabul Ledger. All rights reserved.",
        "Copyright 2021 Example News",
        "Page 3 of 12",
        "THE KABUL LEDGER",
        "World | Asia | Security | Opinion",
    ],
)
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The Taliban have issued passports to al-Qaeda members, according to UN monitors.",
        "By August 2021 the Taliban controlled every province.",
        "Related talks in Doha stalled after the Taliban refused a ceasefire, diplomats said.",
        "Reuters reported that the Taliban had detained two journalists in Kabul.",
    ],
)
def test_article_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_a_caption_glued_to_the_next_paragraph_goes_alone():
    text = "File Photo by Stringer/EPA-EFE\nThe Taliban hosted al-Qaeda leaders in Kabul in 2022, monitors said.\n"
    assert strip_text(text) == "The Taliban hosted al-Qaeda leaders in Kabul in 2022, monitors said.\n"
