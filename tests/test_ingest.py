"""`scorecard ingest` and `scorecard review` end to end, on real HTML, real PDFs and real text files.

Nothing is mocked: HTML goes through trafilatura, PDFs are typeset here with WeasyPrint (one with a
text layer, one made of an image only, as a scan is) and read back with pypdf.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.ingest.suggest import SUGGESTIONS

runner = CliRunner()

ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Taliban issued passports to al-Qaeda members, UN monitors say | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2022-07-15">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/subscribe">Subscribe
now for unlimited access</a></li></ul></nav>
<div class="ad">Advertisement: Buy the best running shoes of the season at half price today only.</div>
<article>
<h1>Taliban issued passports to al-Qaeda members, UN monitors say</h1>
<p>The Taliban have issued Afghan passports and national identity cards to senior members of al-Qaeda
since they took Kabul in August 2021, according to a report by UN sanctions monitors published on
Friday.</p>
<p>The monitors said that at least a dozen al-Qaeda figures received passports from the Taliban's
interior ministry in early 2022, allowing them to travel to the Gulf and to Pakistan.</p>
<p>Under the Doha agreement of February 2020, the Taliban committed not to give visas, passports,
travel permits or other legal documents to those who pose a threat to the security of the United
States and its allies.</p>
<p>A Taliban spokesman denied the report and said no foreign fighters had been given documents.</p>
<p>Diplomats said the findings would weigh on talks about lifting travel bans on Taliban leaders at
the Security Council.</p>
</article>
<aside class="related"><h2>Related articles</h2><ul>
<li><a href="/a">Ten celebrity recipes you must try this weekend</a></li>
<li><a href="/b">Stock markets rally as oil prices fall</a></li></ul></aside>
<footer>Copyright Example News. All rights reserved. Privacy policy. Cookie settings.</footer>
</body></html>
"""

NAV_ONLY = """<!doctype html><html><head><title>Index</title></head><body>
<nav><a href="/">Home</a> <a href="/a">World</a> <a href="/b">Sport</a></nav>
<ul><li><a href="/c">Login</a></li><li><a href="/d">Subscribe</a></li></ul>
<footer>Copyright</footer></body></html>
"""

REPORT_HTML = (
    """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Monitoring report</title>
<style>@page { size: A5; margin: 2cm } body { font-size: 11pt; hyphens: auto; text-align: justify }</style>
</head><body><h1>Monitoring report on Afghanistan</h1>
"""
    + "\n".join(
        f"<p>Paragraph {n}. Member States reported that al-Qaeda maintained a presence in at least "
        "fifteen provinces in Taliban-controlled territory, and that the Taliban continued to host senior "
        "al-Qaeda leaders despite their counterterrorism commitments under the Doha agreement. "
        "Internationalisation of the organisation's fundraising infrastructure reportedly continued "
        "throughout the reporting period.</p>"
        for n in range(1, 13)
    )
    + "</body></html>"
)


def _png(width: int = 40, height: int = 40) -> bytes:
    """A small grey PNG, made here (a scanned page is an image and nothing else)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + bytes([128]) * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


DATA = ["--rules", "rules/doha-2020", "--evidence", "evidence"]


def run(*args: str, input: str | None = None):
    return runner.invoke(app, [*args], input=input)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


TWINS = {"Part One B(1)": "Part One", "Part Two 1": "Part Two"}  # the shipped rules' `same_duty`


def dry_run(path: Path):
    r = run("ingest", str(path), *DATA, "--dry-run", "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


# --- the contract: ingest FILE --dry-run --format json ---------------------------------------


def test_html_dry_run_contract_main_text_only_and_writes_nothing(proj):
    page = proj / "inbox" / "article.html"
    page.write_text(ARTICLE, encoding="utf-8")
    before = snapshot(proj)
    cands = dry_run(page)
    assert snapshot(proj) == before
    assert cands, "no candidate from a news article on passports"
    for c in cands:
        assert {"quote", "start", "end", "suggestions"} <= set(c)
        assert c["end"] - c["start"] == len(c["quote"])
        scores = [s["score"] for s in c["suggestions"]]
        assert scores == sorted(scores, reverse=True) and len(scores) >= 1
        clauses = [s["clause"] for s in c["suggestions"]]
        assert len(set(clauses)) == len(clauses)
        assert len({TWINS.get(x, x) for x in clauses}) <= SUGGESTIONS  # a twin takes no clause's place
        assert all({"obligation", "clause", "stance", "score"} <= set(s) for s in c["suggestions"])
        for junk in ("Subscribe", "running shoes", "celebrity", "Copyright", "Stock markets"):
            assert junk not in c["quote"]
    passports = next(c for c in cands if "passports from the Taliban" in c["quote"])
    best = passports["suggestions"][0]
    assert (best["obligation"], best["clause"], best["stance"]) == (
        "part-two-5-no-travel-documents",
        "Part Two 5",
        "breach",
    )
    assert passports["event_date"] == "2022"
    deal = next(c for c in cands if "Under the Doha agreement" in c["quote"])
    assert deal["suggestions"][0]["stance"] == "context"
    assert any(c["attributed_to"] and "UN sanctions monitors" in c["attributed_to"] for c in cands)


def test_pdf_text_layer_hyphens_repaired_pages_marked(proj):
    pdf = proj / "inbox" / "report.pdf"
    pdf.write_bytes(_pdf(REPORT_HTML))
    from scorecard.ingest.extract import read_document

    doc = read_document(pdf)
    assert doc.media_type == "application/pdf" and doc.pages >= 2
    assert doc.text.count("\f") == doc.pages - 1
    assert "Internationalisation" in doc.text and "organisation" in doc.text
    assert not any(
        line.rstrip().endswith("-") and line.rstrip()[-2:-1].isalpha()
        for line in doc.text.splitlines()
        if line.rstrip()[-2:-1].islower()
    )
    cands = dry_run(pdf)
    assert cands
    for c in cands:
        assert " ".join(doc.text[c["start"] : c["end"]].split()) == " ".join(c["quote"].split())
    assert any(s["obligation"] == "part-two-3-not-host" for c in cands for s in c["suggestions"])
    assert {c["page"] for c in cands} >= {1, 2}


def test_text_file_and_repeat_of_an_existing_quote_is_flagged(proj, project):
    item = project.items["rferl-masri-killed-ghazni"]
    doc = proj / "inbox" / "repost.txt"
    doc.write_text("Repost\n\nReports said: " + " ".join(item.quote.split()) + "\n", encoding="utf-8")
    cands = dry_run(doc)
    flagged = [c for c in cands if c["repeats"]]
    assert flagged and flagged[0]["repeats"]["item"] == item.id
    assert flagged[0]["repeats"]["origin"] == item.origin


def test_events_before_signature_are_demoted_to_context(proj):
    doc = proj / "inbox" / "old.txt"
    doc.write_text(
        "In March 2019, the Taliban hosted senior al-Qaeda leaders in Helmand, officials said.\n\n"
        "In March 2021, the Taliban hosted senior al-Qaeda leaders in Helmand, officials said.\n",
        encoding="utf-8",
    )
    old, new = dry_run(doc)
    assert old["before_signature"] and not new["before_signature"]
    assert all(s["stance"] == "context" for s in old["suggestions"])
    assert old["suggestions"][0]["score"] < new["suggestions"][0]["score"]


@pytest.mark.parametrize(
    "text,category",
    [
        ("the Taliban severed ties", "misstated"),
        ("full compliance with the deal", "compliance"),
        ("the group hosted fighters", "breach"),
        ("the Taliban banned the group", "compliance"),
        ("the ministry called on the United States to honour its commitments", "accusation"),
        ("the envoy urged the Taliban to uphold the agreement", "accusation"),
        ("diplomats were uneasy about the deal's two secret appendices", "ambiguity"),
        ("the US has withdrawn fully from five bases", "compliance"),
        ("NATO troops have come down in proportional numbers", "compliance"),
        ("the Pentagon shrunk its forces in the country", "compliance"),
        ("We have met this obligation", "compliance_explicit"),
        ("The agreement said that within 135 days the forces would be cut", "deal"),
        ("the agreement envisions a complete withdrawal", "deal"),
        ("al-Qaeda fighters were operating under the Taliban umbrella", "breach"),
        ("200 to 500 militants were active in 11 provinces", "breach"),
        ("he negated the presence of al-Qaeda", "denial"),
        ("officials didn't specify which bases were closed", "uncertain"),
        ("the insurgents demanded that 5,000 captives are released", "conditional"),
        ("the Taliban failed to stop attacks", "negation"),
        ("It was meant to happen in days. And it didn't happen.", "breach"),
        ("a discussion on the 'feasibility' of releasing prisoners", "ambiguity"),
        ("attacks on Afghan forces, which was not prohibited in the agreement", "ambiguity"),
        ("Ghani said he could not release this number of prisoners", "breach"),
        ("the president ordered the release of 1,500 prisoners", "compliance"),
        ("the freed prisoners are taking up arms to fight Afghan forces", "breach"),
        ("returning to the battlefield in direct contravention of pledges", "breach_explicit"),
        ("those freed swore not to take up arms again", "deal"),
        ("the de facto Afghan authorities rejected the U.N. findings", "denial"),
    ],
)
def test_lexicon_phrases_match_their_words(project, text, category):
    from scorecard.ingest.cues import compile_cue, load_lexicon

    lexicon = load_lexicon(project.lexicon)
    assert any(compile_cue(p).search(text) for p in lexicon[category])


@pytest.mark.parametrize("word", ["several", "severely", "complex", "complicating", "hostile", "bank"])
def test_lexicon_wildcards_miss_words_of_another_meaning(project, word):
    """`sever*` once heard ambiguity in "several", `compl*` compliance in "complex"."""
    from scorecard.ingest.cues import compile_cue, load_lexicon

    lexicon = load_lexicon(project.lexicon)
    stance_lists = ("breach", "compliance", "deal", "ambiguity")
    hits = [p for k in stance_lists for p in lexicon[k] if compile_cue(p).search(f"a {word} case")]
    assert hits == []


def test_words_quoted_from_the_agreement_describe_the_deal(project):
    """The same sentence is breach in its own words, context when it quotes the agreement's."""
    from scorecard.ingest.cues import build_cuebook
    from scorecard.ingest.suggest import build_context, propose

    ctx = build_context(project, build_cuebook(project), exclude_sources=set(project.sources))
    clause = "provide visas, passports, travel permits, or other legal documents"

    def best(text: str):
        (cand,) = propose(text + "\n", ctx)
        return cand.suggestions[0]

    own = best(f"It also says the Taliban cannot {clause} to al-Qaeda members.")
    quoted = best(f"It also says the Taliban cannot \u201c{clause}\u201d to al-Qaeda members.")
    other = best(
        "In 2022 the Taliban \u201cgave visas and passports\u201d to al-Qaeda members, officials said."
    )
    assert own.obligation == quoted.obligation == other.obligation == "part-two-5-no-travel-documents"
    assert (own.stance, quoted.stance, other.stance) == ("breach", "context", "breach")
    assert quoted.indicator is None and own.indicator and other.indicator


def test_postings_give_every_cosine_and_the_vote_the_nearest_passages(project):
    """The term index the suggester walks gives the same similarities as comparing vectors one by one."""
    from scorecard.ingest.learn import Postings, Vectorizer, cosine, train

    items = sorted(project.items.values(), key=lambda it: it.id)
    vec = Vectorizer.fit([it.quote for it in items])
    neighbours = train(items, vec)
    postings = Postings([e.vector for e in neighbours.examples])
    for it in items[::7]:
        v = vec.vector(it.quote + " The Taliban said so on Tuesday.")
        dots = postings.dots(v)
        assert dots == pytest.approx([cosine(v, e.vector) for e in neighbours.examples], abs=1e-12)
        vote = neighbours.vote(v, k=3, floor=0.12)
        near = sorted(neighbours.examples, key=lambda e: -cosine(v, e.vector))[:3]
        expected = {o for e in near if cosine(v, e.vector) >= 0.12 for o, _, _ in e.links}
        assert set(vote) == expected and vote
        assert vote[it.links[0].obligation]["like"] == it.id  # the passage itself is the nearest


@pytest.mark.parametrize(
    "cue",
    [
        "*n't",
        "*ing",
        "*n't here",
        "al-Qaeda",
        "withdr* (all|the last)",
        "UN",
        "no (evidence|sign) of",  # words after the first: a text without them is not tried
        "(handed|hand*) over (the|Bagram) base",
        "UN sanctions list",
    ],
)
def test_matcher_finds_what_the_cue_pattern_finds(cue):
    """The word index and the `*` shortcut find each cue exactly where a scan of the text does."""
    from scorecard.ingest.cues import Matcher, compile_cue

    docs = sorted((Path(__file__).resolve().parent.parent / "evidence" / "documents").glob("*.txt"))
    texts = [d.read_text("utf-8") for d in docs]
    texts.append("didn't won\u2019t n't x-n't don''t  n't, haven\u2019t's ISN'T shouldn't've it's UN's un")
    texts.append("Withdrew all; withdrawing the last -- al Qaeda, Al-Qaeda's, alQaeda, doing ping-ing")
    texts.append(
        "No evidence of it; no sign-of; handed over the base, hands over Bagram  base; UN-sanctions list"
    )
    texts.append("No evidence, no sign; handed over the airfield; UN sanctions")
    for text in texts:
        expected = [(0, m.start()) for m in compile_cue(cue).finditer(text)]
        assert Matcher([cue]).find(text) == expected


def test_event_dates_wherever_the_passage_states_them(project):
    from scorecard.ingest.cues import build_cuebook
    from scorecard.ingest.passages import find_dates
    from scorecard.ingest.suggest import build_context, propose

    ctx = build_context(project, build_cuebook(project))
    lead = "Officials in Kabul, Doha and Islamabad confirmed in a joint statement on Tuesday that "
    cases = {
        f"{lead}on 3 March 2021 the Taliban hosted senior al-Qaeda leaders.": "2021-03-03",
        f"{lead}the Taliban hosted senior al-Qaeda leaders in early September, 2021.": "2021-09",
        f"{lead}the Taliban hosted senior al-Qaeda leaders during 2022 and 2023.": "2022",
        "On 2021-06-01 the Taliban hosted senior al-Qaeda leaders in Helmand, officials said.": "2021-06-01",
        f"{lead}the Taliban hosted senior al-Qaeda leaders, 15000 of them.": None,
        # a date that names an event is no date of the passage's: the next one is
        "The group behind the Sept. 11, 2001 terror attacks on the U.S. has established up to eight "
        "new training camps, the UN said in January 2024.": "2024-01",
    }
    for text, expected in cases.items():
        (cand,) = propose(text + "\n", ctx)
        assert cand.event_date == expected, text
    assert find_dates("Kin 2020 and in 2021", 1) == ["2021"]  # a start mid-word is not a word's start
    assert find_dates("meetings over the course of 2019, and throughout 2021") == ["2019", "2021"]


# --- bad input: a clear message and nothing written -------------------------------------------


def _bad(proj, name: str, data: bytes, *extra: str):
    path = proj / "inbox" / name
    path.write_bytes(data)
    before = snapshot(proj / "evidence")
    r = run("ingest", str(path), *DATA, *extra)
    assert snapshot(proj / "evidence") == before
    assert "nothing was written" in r.stderr and "Traceback" not in r.stderr
    return r


@pytest.mark.parametrize(
    "name,data,words",
    [
        ("latin1.txt", "Caf\xe9 in Kabul, the Taliban said.\n".encode("latin-1"), "not UTF-8"),
        ("empty.txt", b"  \n\n", "is empty"),
        ("nav.html", NAV_ONLY.encode(), "no main text"),
    ],
)
def test_bad_documents_exit_1(proj, name, data, words):
    r = _bad(proj, name, data)
    assert r.exit_code == 1 and words in r.stderr


def test_scanned_pdf_without_text_layer(proj):
    img = base64.b64encode(_png()).decode()
    scan = _pdf(f'<html><body><img src="data:image/png;base64,{img}" style="width:15cm"></body></html>')
    r = _bad(proj, "scan.pdf", scan)
    assert r.exit_code == 1 and "no text layer" in r.stderr and "OCR" in r.stderr


def test_file_over_the_size_limit(proj):
    r = _bad(proj, "big.txt", b"The Taliban hosted al-Qaeda. " * 100, "--max-size", "0.001")
    assert r.exit_code == 1 and "over the" in r.stderr and "--max-size" in r.stderr


def test_a_file_outside_the_project_is_read_and_a_real_ingest_keeps_a_copy(proj, tmp_path):
    """A path on the command line is the user's own: read wherever it is; the data keeps a copy."""
    outside = tmp_path / "elsewhere" / "outside.html"
    outside.parent.mkdir()
    outside.write_text(ARTICLE, encoding="utf-8")
    before = snapshot(proj)
    r = run("ingest", str(outside), *DATA, "--dry-run", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert any("passports" in c["quote"] for c in json.loads(r.stdout))
    assert snapshot(proj) == before  # a dry run writes nothing
    r = run("ingest", str(outside), *DATA)
    assert r.exit_code == 0, r.stderr
    kept = [p for p in (proj / "evidence" / "documents").glob("*.html")]
    assert [p.read_bytes() for p in kept] == [outside.read_bytes()]


def test_a_named_pipe_is_not_a_regular_file(proj, tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    r = run("ingest", str(fifo), *DATA, "--dry-run")
    assert r.exit_code == 1 and "not a regular file" in r.stderr


def test_document_already_ingested_names_the_source(proj):
    shipped = (proj / "evidence" / "documents" / "001_5f2c9b499854f40d.txt").read_bytes()
    r = _bad(proj, "again.txt", shipped)
    assert r.exit_code == 1 and "already ingested" in r.stderr and "rferl-2021-untangling" in r.stderr


def test_the_same_file_twice_waiting_for_review_is_recognised(proj):
    page = proj / "inbox" / "article.html"
    page.write_text(ARTICLE, encoding="utf-8")
    assert run("ingest", str(page), *DATA).exit_code == 0
    r = run("ingest", str(page), *DATA)
    assert r.exit_code == 1 and "awaiting review" in r.stderr


def test_ingest_extra_declares_what_html_extraction_imports():
    """`pip install '.[ingest]'` without the lock must give a working HTML ingest: trafilatura's
    justext imports lxml.html.clean, a separate package (lxml_html_clean) since lxml 5.2."""
    import tomllib

    from conftest import ROOT

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["ingest"]
    names = {re.split(r"[<>=\[ ;]", dep)[0].lower().replace("-", "_") for dep in extra}
    assert {"trafilatura", "lxml_html_clean"} <= names
    import lxml.html.clean  # noqa: F401 - the import that failed without it


@pytest.mark.parametrize("columns", ["60", "100"])
def test_candidates_listing_shows_every_passage_whole_within_the_width(proj, columns, monkeypatch):
    page = proj / "inbox" / "article.html"
    page.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", columns)
    r = run("ingest", str(page), *DATA, "--dry-run")
    assert r.exit_code == 0, r.stderr
    cands = json.loads(run("ingest", str(page), *DATA, "--dry-run", "--format", "json").stdout)
    flat = " ".join(r.stdout.split())
    for c in cands:
        assert " ".join(c["quote"].split()) in flat  # whole, not cut
        assert f"{c['suggestions'][0]['score']:.2f} {c['suggestions'][0]['stance']}" in r.stdout
    longest = max(len(ln) for ln in r.stdout.splitlines())
    assert longest <= max(80, int(columns)) or " " not in r.stdout.splitlines()[0]
    assert "said by A Taliban spokesman (party: taliban)" in flat


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # sentences glued together, as text pulled from web pages often is
        (
            "It will be uncomfortable for the country.Biden has pledged to leave by September 11.But "
            "monitors say it is aligned against the U.S..The two groups show no sign of a break.",
            [
                "It will be uncomfortable for the country.",
                "Biden has pledged to leave by September 11.",
                "But monitors say it is aligned against the U.S..",
                "The two groups show no sign of a break.",
            ],
        ),
        # abbreviations, initials and numbers end nothing
        (
            "The U.S. Army left at 3.5 p.m. on Friday. See e.g. The Times. Version 2.0 was out.",
            ["The U.S. Army left at 3.5 p.m. on Friday.", "See e.g. The Times.", "Version 2.0 was out."],
        ),
    ],
)
def test_sentences_end_at_a_stop_before_a_space_or_a_capitalised_word(text, want):
    from scorecard.ingest.passages import sentences

    assert [text[s.start : s.end] for s in sentences(text)] == want


@pytest.mark.parametrize(
    "lead,want",
    [
        ("1. Politics\nMay 30, 2022, 10:30 PM\n\n", "Taliban rejects UN report on al-Qaeda presence"),
        (
            "- The Washington Times - Wednesday, July 15, 2020\n\n",
            "Taliban rejects UN report on al-Qaeda presence",
        ),
        (
            "!-- Google tag (gtag.js) -->\nLoading weather…\n",
            "Taliban rejects UN report on al-Qaeda presence",
        ),
        ("", "Taliban rejects UN report on al-Qaeda presence"),
    ],
)
def test_a_text_files_title_is_its_headline_not_the_furniture_above_it(tmp_path, lead, want):
    from scorecard.ingest.extract import read_document

    page = tmp_path / "page.txt"
    page.write_text(lead + want + "\n\nKABUL - The Taliban on Sunday rejected the report.\n", "utf-8")
    assert read_document(page).title == want
    only = tmp_path / "short.txt"
    only.write_text("Politics\n", "utf-8")
    assert read_document(only).title == "Politics"  # no headline: the first line, as before
