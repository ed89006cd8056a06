"""What a reader takes away: "shown not done" is never worded as "not shown done" (or the reverse)
in any output; titles stand beside ids; every change in `history` has its reason; the executive
summary holds every determination; no date runs past the corpus."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from conftest import EVIDENCE, RULES
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.reading import in_words, shown
from scorecard.render.labels import label
from scorecard.results import Status

AS_OF = "2026-11-23"
DATA = ["--rules", str(RULES), "--evidence", str(EVIDENCE), "--as-of", AS_OF]
SHOWN_NOT_DONE = "part-one-b1-complete-withdrawal"  # evidence: forces still there after the deadline
NOT_SHOWN_DONE = "part-one-a1-reduce-forces"  # due 13 July 2020; no document reports it either way
CORPUS_END = "the corpus holds no report after 28 March 2024"
runner = CliRunner()


def ok(*args: str, columns: int = 120) -> str:
    r = runner.invoke(app, [*args, *DATA], env={"COLUMNS": str(columns)})
    assert r.exit_code == 0, r.stderr
    return r.stdout


def test_the_two_findings_are_told_apart_in_the_report(report):
    by = {o.id: o for o in report.obligations}
    assert by[SHOWN_NOT_DONE].performance == "shown not done"
    assert by[NOT_SHOWN_DONE].performance == "not shown done"
    # Every "not shown done" has no breach evidence; every "shown not done" has some.
    for o in report.obligations:
        if o.performance == "not shown done":
            assert o.counts.breach_origins == 0 or o.status is Status.contested, o.id
            assert "did not perform" not in o.finding and "not compliant" not in o.finding, o.id
        if o.performance == "shown not done":
            assert o.counts.breach_origins > 0, o.id


def test_json_has_the_added_fields(report):
    data = json.loads(ok("score", "--format", "json"))
    by = {o["id"]: o for o in data["obligations"]}
    assert by[SHOWN_NOT_DONE]["performance"] == "shown not done"
    assert by[NOT_SHOWN_DONE]["performance"] == "not shown done"
    assert by[SHOWN_NOT_DONE]["latest_source"] in {s["id"] for s in data["sources"]}
    assert {"status", "schedule", "finding"} <= set(by[NOT_SHOWN_DONE])  # nothing renamed


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_table_and_markdown_word_them_apart_and_say_when_the_corpus_ends(fmt):
    text = ok("score", "--format", fmt)
    cut = "\n" if fmt == "markdown" else "\n\n"  # a Markdown row is a line; a terminal row a block
    rows = {i: text[text.index(i) :].split(cut)[0] for i in (SHOWN_NOT_DONE, NOT_SHOWN_DONE)}
    flat = {i: " ".join(v.split()) for i, v in rows.items()}
    assert "shown not done" in flat[SHOWN_NOT_DONE] and "2021-04-29" in flat[SHOWN_NOT_DONE]
    assert "not shown done" in flat[NOT_SHOWN_DONE] and "2020-07-13" in flat[NOT_SHOWN_DONE]
    assert "not shown done" not in flat[SHOWN_NOT_DONE]
    assert "shown not done" not in flat[NOT_SHOWN_DONE]
    words = " ".join(text.split())
    assert "not shown done: it was due, and no document in the corpus reports it done" in words
    assert "shown not done: evidence in the corpus shows the party did not do it" in words
    assert "The corpus holds no report after 28 March 2024." in words


def test_csv_has_the_performance_column_last():
    rows = list(csv.DictReader(io.StringIO(ok("score", "--format", "csv"))))
    head = next(csv.reader(io.StringIO(ok("score", "--format", "csv"))))
    assert head[-2:] == ["title", "performance"] and head[:4] == ["obligation", "clause", "party", "status"]
    by = {r["obligation"]: r for r in rows}
    assert by[SHOWN_NOT_DONE]["performance"] == "shown not done"
    assert by[NOT_SHOWN_DONE]["performance"] == "not shown done"


def test_show_says_when_the_corpus_ends():
    text = " ".join(ok("show", NOT_SHOWN_DONE).split())
    assert f"No document in the corpus reports it done; {CORPUS_END}." in text
    assert "did not" not in text.split("Finding", 1)[1].split("Conditions", 1)[0]
    md = " ".join(ok("show", SHOWN_NOT_DONE, "--format", "markdown").split())
    assert "Evidence shows the United States did not perform Part One B(1)" in md
    assert CORPUS_END in md


def test_oscal_remarks_word_them_apart(report):
    from scorecard.render.oscal import render_oscal

    doc = json.loads(render_oscal(report))
    findings = {f["target"]["target-id"]: f for f in doc["assessment-results"]["results"][0]["findings"]}
    quiet = findings[NOT_SHOWN_DONE]["target"]["status"]["remarks"]
    assert "Not shown done by 13 July 2020" in quiet and "not evidence that it was not done" in quiet
    assert CORPUS_END[1:] in quiet
    loud = findings[SHOWN_NOT_DONE]["target"]["status"]["remarks"]
    assert "Shown not done by 29 April 2021: evidence in the corpus shows the party did not do it" in loud


def test_html_words_them_apart_and_names_the_latest_document(report):
    from scorecard.render.html import render_html

    page = render_html(report)
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    by = {o.id: o for o in report.obligations}
    for oid in (SHOWN_NOT_DONE, NOT_SHOWN_DONE):
        words = in_words(report, by[oid])
        assert words.split(":")[0] in text and "The latest document bearing on it is" in words, oid
    assert "Shown not done by 29 April 2021: evidence in the corpus shows the party did not do it." in text
    assert "Not shown done by 13 July 2020: it was due, and no document in the corpus reports it done" in text
    assert "The latest document bearing on it is" in text
    assert "left 3 undone" not in text and "did not perform, with the condition unmet" not in text


def test_party_bottom_lines_follow_the_rule(report):
    from scorecard.render.summary import key_judgments

    us = next(k for k in key_judgments(report) if k["party"] == "us")
    bottom = " ".join(us["bottom"])
    assert "shown not to have kept 3 by their deadline" in bottom
    assert "were due with no document reporting them done" in bottom and CORPUS_END in bottom
    assert "undone with" not in bottom and "condition unmet" not in bottom
    assert {o.id for o in us["unshown"]} >= {NOT_SHOWN_DONE}


def test_summary_holds_every_determined_finding(report):
    from scorecard.render.html import render_html
    from scorecard.render.summary import DETERMINED, consequential

    page = render_html(report)
    summary = page[page.index('id="summary"') : page.index('id="matrix"')]
    worst = summary[summary.index("Most consequential findings") : summary.index("Least certain findings")]
    for o in report.obligations:
        if o.status in DETERMINED:
            assert f'href="#ob-{o.id}"' in summary, o.id
        if o.status in DETERMINED and o.status is not Status.compliant:
            assert f'href="#ob-{o.id}"' in worst, o.id  # condition unmet (excused) included
    assert {x["o"].id for x in consequential(report)} == {
        o.id for o in report.obligations if o.status in DETERMINED and o.status is not Status.compliant
    }


def test_every_status_shown_on_the_key_judgments_page_is_defined_there(report):
    from scorecard.reading import definition
    from scorecard.render.html import render_html

    page = render_html(report)
    summary = page[page.index('id="summary"') : page.index('id="glance"')]
    for o in report.obligations:
        if f"<b>{o.clause}</b>" in summary and o.status.value in summary:
            assert definition(o.status).replace("'", "&#39;") in summary, o.status


def test_titles_stand_beside_ids_at_120_columns(report):
    text = ok("score")
    lines = text.splitlines()
    for o in report.obligations:
        assert any(o.id in line and o.clause in line for line in lines), o.id
        assert any(label(o) in line for line in lines), f"the title of {o.id} is not whole on a line"
    md = ok("score", "--format", "markdown")
    for o in report.obligations:
        row = next(line for line in md.splitlines() if f"| {o.id.replace('-', '-')}" in line)
        assert label(o).replace("'", "'") in row.replace("\\", ""), o.id


def test_diff_and_history_name_titles_and_fit():
    diff = ok("diff", "--previous", "2021-05-01")
    assert "Part One B(1)  United States  Complete the withdrawal of all remaining forces" in diff
    history = ok("history", SHOWN_NOT_DONE)
    assert "Complete the withdrawal of all remaining forces" in history
    for text in (diff, history):
        assert max(map(len, text.splitlines())) <= 120
    # Short cells keep their whole width: a status is never broken across lines.
    assert "insufficient evidence  condition unmet" in diff
    assert "insufficient evidence *" in history


def test_history_gives_a_reason_for_every_change(project, report):
    from scorecard.changes import history

    kinds = ("new evidence: ", "the deadline passed", "a condition's finding changed: ", "a correction")
    seen = set()
    for o in report.obligations:
        for row in history(project, o.id, date.fromisoformat(AS_OF)):
            if row["changed"]:
                assert row["reasons"], (o.id, row["date"])
                for reason in row["reasons"]:
                    kind = next(k for k in kinds if reason.startswith(k))
                    seen.add(kind)
                    if kind == "new evidence: ":
                        assert set(reason[len(kind) :].split(", ")) <= {e.id for e in o.evidence}
            else:
                assert row["reasons"] == []
    assert seen >= {"new evidence: ", "the deadline passed", "a condition's finding changed: "}


def test_history_table_and_csv_carry_the_reasons():
    text = " ".join(ok("history", SHOWN_NOT_DONE).split())
    assert "the deadline passed (2021-04-29)" in text
    assert "new evidence: di2021-biden-11-september" in text
    rows = list(csv.DictReader(io.StringIO(ok("history", SHOWN_NOT_DONE, "--format", "csv"))))
    assert all(r["reasons"] for r in rows if r["changed"])


_MONTH = re.compile(
    r"\b(?:(\d{1,2}) )?(January|February|March|April|May|June|July|August|September|October|November|"
    r"December) (\d{4})\b"
)


def test_no_sentence_runs_past_the_corpus(report):
    """No breach period, and no reason about when evidence runs, goes past the last document."""
    cut = report.corpus.cutoff
    for o in report.obligations:
        if o.breach_period:
            assert o.breach_period.last <= cut, o.id
        for sentence in o.reasons:
            if "breach evidence runs" in sentence or "breach evidence concerns" in sentence:
                for _, month, year in _MONTH.findall(sentence):
                    when = date(int(year), MONTHS.index(month) + 1, 1)
                    assert when <= cut, (o.id, sentence)


MONTHS = [date(2000, m, 1).strftime("%B") for m in range(1, 13)]


def test_no_breach_mark_in_the_shaded_area(report):
    from scorecard.render import figures

    for t in figures.timelines(report, {o.id: label(o) for o in report.obligations}):
        cut = next(line["x"] for line in t["lines"] if line["kind"] == "cutoff")
        for row in t["rows"]:
            for m in row.get("marks", []):
                assert m["to"] <= cut and m["x"] <= cut, row["clause"]


def test_levels_use_two_scales_and_the_appendix_no_policy_keys(report):
    from scorecard.render.html import render_html

    page = render_html(report)
    matrix = page[page.index('id="matrix"') : page.index('id="timeline"')]
    assert matrix.count('data-label="Ambiguity"><span class="level worse') == len(report.obligations)
    assert matrix.count('data-label="Confidence"><span class="level lv') == len(report.obligations)
    method = page[page.index('id="method"') :]
    for key in ("thresholds.decisive", "reliability_weight.A", "confidence.high.min_origins", "upper:"):
        assert key not in method, key
    assert "Weight at which a side is decisive" in method


def test_short_cells_are_never_shown_for_a_determination_without_meaning(report):
    """The 'shows' cell is '-' exactly where no performance is stated."""
    for o in report.obligations:
        assert (shown(o) == "-") == (o.performance is None), o.id
