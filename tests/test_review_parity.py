"""Review parity: evidence accepted through `ingest` and `review` equals hand-written evidence.

A real HTML page and a real PDF (typeset by Chromium) go through `scorecard ingest`, then a review
file using `item:`, `add:` and `origins:` is applied. The items must equal hand-written ones field
by field, `validate` must pass, and the scores must be those of the same items written by hand: a
party's denial counts as a party's word about itself, a relayed UN finding under the UN origin.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_ingest import ARTICLE, DATA, run

from scorecard.model import EvidenceItem, Origin

OB = "part-two-5-no-travel-documents"
UN_ORIGIN = {
    "id": "un-mt-2022-07",
    "description": "UN sanctions monitoring team report of July 2022 on Taliban passports for al-Qaeda members",
    "kind": "report",
    "date": "2022-07",
}
DENIAL_ORIGIN = {
    "id": "taliban-denial-2022-07",
    "description": "A Taliban spokesman's denial, to Example News, of the UN monitors' passport finding",
    "kind": "statement",
    "date": "2022-07-15",
}
FINDING = {
    "claim": "The Taliban gave passports and identity cards to senior al-Qaeda members after August 2021.",
    "attributed_to": "UN sanctions monitors (as reported by Example News)",
    "origin": "un-mt-2022-07",
    "event_date": "2021-08",
    "claim_key": "taliban-passports-for-al-qaeda",
    "credibility": 2,
    "links": [
        {"obligation": OB, "stance": "breach", "indicator": "passports-issued-to-threatening-persons"},
        {
            "obligation": "part-two-3-not-host",
            "stance": "context",
            "diagnostic": False,
            "note": "Presence implied.",
        },
    ],
}
DENIAL = {
    "claim": "The Taliban deny that foreign fighters were given documents.",
    "attributed_to": "A Taliban spokesman",
    "party": "taliban",
    "origin": "taliban-denial-2022-07",
    "credibility": 4,
    "links": [{"obligation": OB, "stance": "compliance", "indicator": "taliban-denial"}],
    "note": "A party's word about itself.",
}
ADDED_QUOTE = (
    "at least a dozen al-Qaeda figures received passports from the Taliban's\n   "
    + "interior ministry in early 2022"
)
ADDED = {
    "claim": "At least a dozen al-Qaeda figures received passports from the Taliban's interior ministry in early 2022.",
    "attributed_to": "UN sanctions monitors (as reported by Example News)",
    "origin": "un-mt-2022-07",
    "event_date": "2022",
    "claim_key": "taliban-passports-for-al-qaeda",
    "credibility": 2,
    "links": [{"obligation": OB, "stance": "breach", "indicator": "passports-issued-to-threatening-persons"}],
}


def _ingest(proj: Path, name: str, data: bytes) -> Path:
    page = proj / "inbox" / name
    page.write_bytes(data)
    r = run("ingest", str(page), *DATA)
    assert r.exit_code == 0, r.stderr
    return next((proj / "evidence" / "review").glob("*.yaml"))


def _review(review: Path, accept: dict[str, dict], add: list[tuple[str, dict]], origins: list[dict]) -> dict:
    """Grade the source, accept the candidates holding each phrase with its item, add, define origins."""
    data = yaml.safe_load(review.read_text("utf-8"))
    data["source"]["reliability"] = {"grade": "B", "reason": "Established outlet citing UN monitors."}
    data["source"]["title"] = "Edited: " + data["source"]["title"]  # any drafted field is editable
    data["source"]["kind"] = "news"
    data["source"]["authors"] = ["A. Reporter"]
    for phrase, item in accept.items():
        cand = next(c for c in data["candidates"] if phrase in c["quote"])
        cand.update(decision="accept", item=item)
    data["add"] = [{"quote": q, "item": item} for q, item in add]
    data["origins"] = origins
    review.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data


def _expected(text: str, quote_of: str, fields: dict, iid: str, sid: str) -> EvidenceItem:
    words = quote_of.split()
    at = " ".join(text.split()).index(" ".join(words))
    assert at >= 0
    return EvidenceItem.model_validate({"id": iid, "source": sid, "quote": " ".join(words), **fields})


def _score(root: Path) -> dict:
    r = run("score", *DATA, "--as-of", "2026-11-23", "--format", "json")
    assert r.exit_code == 0, r.stderr
    return {o["id"]: o for o in json.loads(r.stdout)["obligations"]}


def _round_trip(proj: Path, monkeypatch, name: str, raw: bytes, accept, added, origins, ob: str) -> None:
    """Ingest, review with item:/add:/origins:, apply; then compare with the same evidence by hand."""
    before = _score(proj)
    review = _ingest(proj, name, raw)
    _review(review, accept, added, origins)
    r = run("review", str(review), *DATA, "--apply", "--reviewer", "Ana Analyst")
    assert r.exit_code == 0, r.stderr
    data = yaml.safe_load(review.read_text("utf-8"))
    sid = data["source"]["id"]
    text = (proj / "evidence" / data["source"]["file"]).read_text("utf-8")
    items_file = proj / "evidence" / "items" / f"{sid}.yaml"
    got = {i["id"]: EvidenceItem.model_validate(i) for i in yaml.safe_load(items_file.read_text())}
    want = []
    for phrase, fields in accept.items():
        cand = next(c for c in data["candidates"] if phrase in c["quote"])
        want.append(_expected(text, cand["quote"], fields, cand["became"], sid))
    want += [_expected(text, q, f, f"{sid}-a{n:03d}", sid) for n, (q, f) in enumerate(added, 1)]
    assert sorted(got) == sorted(w.id for w in want)
    for w in want:
        assert got[w.id].model_dump() == w.model_dump()  # field by field
    kept = {o["id"]: o for o in yaml.safe_load((proj / "evidence" / "origins.yaml").read_text())}
    for o in origins:
        assert Origin.model_validate(kept[o["id"]]) == Origin.model_validate(o)
    source = yaml.safe_load((proj / "evidence" / "sources.yaml").read_text())[-1]
    assert source["reliability"]["grade"] == "B" and source["title"] == data["source"]["title"]
    assert run("validate", *DATA).exit_code == 0
    after = _score(proj)
    assert after[ob] != before[ob]  # the evidence moved the finding

    # the same items written by hand give the same scores, everywhere
    hand = proj.parent / "hand"
    shutil.copytree(proj, hand)
    monkeypatch.chdir(hand)
    _write(hand / "evidence" / "items" / f"{sid}.yaml", want)
    assert _score(hand) == after
    # a party's denial is its word about itself: without `party` it would weigh more
    _write(hand / "evidence" / "items" / f"{sid}.yaml", [w.model_copy(update={"party": None}) for w in want])
    assert _score(hand)[ob] != after[ob]
    shutil.rmtree(hand)

    # a relayed UN finding counts under the UN origin
    monkeypatch.chdir(proj)
    rows = {row["id"]: row for row in json.loads(run("evidence", *DATA, "--format", "json").stdout)}
    un = [w for w in want if w.origin.startswith("un-")]
    assert un and all(rows[w.id]["origin"] == w.origin for w in un)


def _write(path: Path, items: list[EvidenceItem]) -> None:
    dumped = [i.model_dump(mode="json", exclude_defaults=True) for i in items]
    path.write_text(yaml.safe_dump(dumped, sort_keys=False), encoding="utf-8")


def test_html_round_trip_items_equal_hand_written_and_scores_move_alike(proj, monkeypatch):
    accept = {"national identity cards": FINDING, "A Taliban spokesman denied": DENIAL}
    origins = [UN_ORIGIN, DENIAL_ORIGIN]
    _round_trip(
        proj,
        monkeypatch,
        "article.html",
        ARTICLE.encode("utf-8"),
        accept,
        [(ADDED_QUOTE, ADDED)],
        origins,
        OB,
    )


PDF_ORIGINS = [
    {
        "id": "un-mt-2023-06",
        "description": "UN sanctions monitors' report of June 2023",
        "kind": "report",
        "date": "2023-06",
    },
    {
        "id": "mujahid-2023-06",
        "description": "Zabihullah Mujahid's rebuttal of the June 2023 UN report",
        "kind": "statement",
    },
]
HOST = "part-two-3-not-host"
PDF_ACCEPT = {
    "according to a report by UN sanctions monitors": {
        "claim": "The Taliban still host senior al-Qaeda leaders in Kabul and several provinces.",
        "attributed_to": "UN sanctions monitors (report of June 2023)",
        "origin": "un-mt-2023-06",
        "credibility": 2,
        "links": [{"obligation": HOST, "stance": "breach", "indicator": "hosts-threatening-figures"}],
    },
    "Zabihullah Mujahid": {
        "claim": "The Taliban call the report baseless and say no group may use Afghan soil against others.",
        "attributed_to": "Zabihullah Mujahid, Taliban spokesman",
        "party": "taliban",
        "origin": "mujahid-2023-06",
        "credibility": 4,
        "links": [
            {"obligation": HOST, "stance": "compliance", "indicator": "taliban-denial"},
            {
                "obligation": "part-two-1-not-allow-soil-use",
                "stance": "compliance",
                "indicator": "taliban-denial",
            },
        ],
    },
}
PDF_ADDED = [
    (
        "al-Qaeda members held posts in the Taliban's security\nministries",
        {
            "claim": "Al-Qaeda members hold posts in the Taliban's security ministries.",
            "attributed_to": "UN sanctions monitors (report of June 2023)",
            "origin": "un-mt-2023-06",
            "event_date": "2023",
            "credibility": 3,
            "links": [
                {
                    "obligation": HOST,
                    "stance": "breach",
                    "indicator": "al-qaida-in-government-posts",
                    "extent": "partial",
                }
            ],
            "note": "Added in review: ingest proposed the whole sentence.",
        },
    )
]


def test_pdf_round_trip_items_equal_hand_written_and_scores_move_alike(proj, monkeypatch):
    pdf = (ROOT / "tests" / "fixtures" / "pdf" / "news-chromium.pdf").read_bytes()
    _round_trip(proj, monkeypatch, "news.pdf", pdf, PDF_ACCEPT, PDF_ADDED, PDF_ORIGINS, HOST)


def _applied(proj: Path, review: Path):
    return run("review", str(review), *DATA, "--apply", "--reviewer", "Ana Analyst")


def _graded(review: Path) -> str:
    data = yaml.safe_load(review.read_text("utf-8"))
    data["source"]["reliability"] = {"grade": "B", "reason": "Established outlet."}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        # a duplicate key: the first would have won in silence
        (
            lambda t: t.replace("  decision: pending", "  decision: accept\n  decision: reject", 1),
            "duplicate key 'decision'",
        ),
        (lambda t: t.replace("  decision: pending", "  decision: accept\n  itme: {claim: x}", 1), "itme"),
        (
            lambda t: t.replace("  decision: pending", "  decision: accept\n  item: {credibility: '3'}", 1),
            "credibility",
        ),
        (lambda t: t.replace("  decision: pending", "  decision: accept\n  item: {id: x-1}", 1), "id"),
        (
            lambda t: t + "origins:\n- {id: un-mt-2020-05, description: again, kind: report}\n",
            "already exists",
        ),
        (lambda t: t + "origins:\n- {id: new-one, description: x, kind: rumour}\n", "kind"),
        (
            lambda t: (
                t
                + "add:\n- quote: The Taliban never said this at all.\n  item: {links: [{obligation: "
                + OB
                + ", stance: breach}]}\n"
            ),
            "not in the document's text",
        ),
        (
            lambda t: t.replace("  decision: pending", "  decision: accept\n  item: {origin: un-mt-2099}", 1),
            "unknown origin 'un-mt-2099'",
        ),
    ],
)
def test_review_file_problems_are_located_and_nothing_is_written(proj, change, says):
    from test_ingest import snapshot

    review = _ingest(proj, "article.html", ARTICLE.encode("utf-8"))
    review.write_text(change(_graded(review)), encoding="utf-8")
    before = snapshot(proj)
    r = _applied(proj, review)
    assert r.exit_code == 1, r.stderr
    located = [ln.split(f"{review.name}:", 1)[1] for ln in r.stderr.splitlines() if f"{review.name}:" in ln]
    assert located and says in r.stderr, r.stderr
    line, col = located[0].split(":")[:2]
    assert int(line) > 1 and int(col) >= 1
    assert snapshot(proj) == before


def test_terminal_review_reaches_the_same_fields(proj):
    """Speaker, party, origin (picked by part, or new), claim key, event date, links added and
    removed, and a passage added by pasting its words: from the terminal, one command a line."""
    review = _ingest(proj, "article.html", ARTICLE.encode("utf-8"))
    commands = [
        "g B Established outlet citing UN monitors",
        "src kind rumour",  # refused by the sources schema
        "src title Taliban gave passports to al-Qaeda members",
        "src authors Jane Reporter; John Writer",
        "src date 2022-07-16",
        "cl The Taliban gave passports and identity cards to senior al-Qaeda members after August 2021.",
        "who UN sanctions monitors (as reported by Example News)",
        "on un-mt-2022-07 report 2022-07 UN sanctions monitoring team report of July 2022",
        "d 2021-08",
        "key taliban-passports-for-al-qaeda",
        "c 2",
        "l+ part-two-3-not-host context",
        "a",
        "k",
        "k",
        "who A Taliban spokesman",
        "p taliban",
        "or un-mt-2021",  # several hold it: listed, nothing set
        "or released on 1 June 2021",  # one description holds it
        "l- 1",  # an item keeps at least one link: refused
        f"l+ {OB} compliance taliban-denial",
        "l- 1",
        "a",
        "add at least a dozen al-Qaeda figures received passports from the Taliban's interior ministry",
        "a",  # refused: no link yet
        f"l+ {OB} breach passports-issued-to-threatening-persons",
        "or un-mt-2022-07",
        "a",
        "w",
    ]
    r = run("review", str(review), *DATA, "--reviewer", "ana", input="\n".join(commands) + "\n")
    assert r.exit_code == 0, r.stderr
    assert "holds 'un-mt-2021'" in r.stdout or "hold 'un-mt-2021'" in r.stdout
    assert "an item keeps at least one" in r.stdout and "link it first" in r.stdout
    data = yaml.safe_load(review.read_text("utf-8"))
    sid = data["source"]["id"]
    items = {i["id"]: i for i in yaml.safe_load((proj / "evidence" / "items" / f"{sid}.yaml").read_text())}
    finding, denial, added = items[f"{sid}-c001"], items[f"{sid}-c004"], items[f"{sid}-a001"]
    assert finding["origin"] == "un-mt-2022-07" and finding["event_date"] == "2021-08"
    assert finding["claim_key"] == "taliban-passports-for-al-qaeda" and finding["credibility"] == 2
    assert finding["attributed_to"] == "UN sanctions monitors (as reported by Example News)"
    assert [link["obligation"] for link in finding["links"]] == [OB, "part-two-3-not-host"]
    assert denial["party"] == "taliban" and denial["origin"] == "un-mt-2021-06"
    assert denial["links"] == [{"obligation": OB, "stance": "compliance", "indicator": "taliban-denial"}]
    assert added["quote"].startswith("at least a dozen") and added["origin"] == "un-mt-2022-07"
    origins = {o["id"] for o in yaml.safe_load((proj / "evidence" / "origins.yaml").read_text())}
    assert "un-mt-2022-07" in origins
    assert "source kind" in r.stdout  # the refused kind, with the reason
    source = yaml.safe_load((proj / "evidence" / "sources.yaml").read_text())[-1]
    assert source["title"] == "Taliban gave passports to al-Qaeda members" and source["kind"] == "news"
    assert (
        source["authors"] == ["Jane Reporter", "John Writer"] and source["published"]["date"] == "2022-07-16"
    )
    assert run("validate", *DATA).exit_code == 0


def test_suggestions_fill_an_accepted_item_and_an_item_written_keeps_only_its_optional_fields(proj):
    """Accepted as suggested: the speaker, the party, the relayed report's origin and the event date
    are ingest's. With an `item:`: the item's fields win, suggestions fill only the required ones."""
    review = _ingest(proj, "article.html", ARTICLE.encode("utf-8"))
    data = yaml.safe_load(review.read_text("utf-8"))
    data["source"]["reliability"] = {"grade": "B", "reason": "Established outlet."}
    finding = next(c for c in data["candidates"] if "national identity cards" in c["quote"])
    denial = next(c for c in data["candidates"] if "A Taliban spokesman denied" in c["quote"])
    assert finding["relays"].get("origin") is None and finding["event_date"] == "2021-08"
    assert denial["party"] == "taliban" and denial["attributed_to"] == "A Taliban spokesman"
    finding["decision"] = denial["decision"] = "accept"
    written = next(c for c in data["candidates"] if "The monitors said" in c["quote"])
    written.update(decision="accept", item={"links": [{"obligation": OB, "stance": "breach"}]})
    review.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    r = run("review", str(review), *DATA, "--apply", "--reviewer", "ana")
    assert r.exit_code == 0, r.stderr
    sid = data["source"]["id"]
    items = {i["id"]: i for i in yaml.safe_load((proj / "evidence" / "items" / f"{sid}.yaml").read_text())}
    got = items[f"{sid}-{finding['id']}"]
    assert got["event_date"] == "2021-08" and got["attributed_to"] == "UN sanctions monitors"
    origins = {o["id"]: o for o in yaml.safe_load((proj / "evidence" / "origins.yaml").read_text())}
    assert (
        origins[got["origin"]]["description"] == "Report by UN sanctions monitors"
    )  # the report, not the article
    assert items[f"{sid}-{denial['id']}"]["party"] == "taliban"
    mine = items[f"{sid}-{written['id']}"]
    assert (
        "event_date" not in mine
        and "party" not in mine
        and mine["links"] == [{"obligation": OB, "stance": "breach"}]
    )
    assert mine["origin"] == got["origin"]  # "The monitors said": the same report, a required field suggested


def test_a_review_applied_again_after_more_decisions_keeps_its_origins_once(proj):
    review = _ingest(proj, "article.html", ARTICLE.encode("utf-8"))
    _review(review, {"national identity cards": FINDING}, [], [UN_ORIGIN])
    assert run("review", str(review), *DATA, "--apply", "--reviewer", "ana").exit_code == 0
    data = yaml.safe_load(review.read_text("utf-8"))
    later = next(c for c in data["candidates"] if "The monitors said" in c["quote"])
    later.update(
        decision="accept", item={"origin": "un-mt-2022-07", "links": [{"obligation": OB, "stance": "breach"}]}
    )
    review.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    r = run("review", str(review), *DATA, "--apply", "--reviewer", "ana")
    assert r.exit_code == 0, r.stderr
    assert "1 evidence item(s)" in r.stderr and "0 new origin(s)" in r.stderr
    origins = [o["id"] for o in yaml.safe_load((proj / "evidence" / "origins.yaml").read_text())]
    assert origins.count("un-mt-2022-07") == 1
    assert run("validate", *DATA).exit_code == 0
