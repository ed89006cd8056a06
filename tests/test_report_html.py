"""The HTML scorecard (the source of the PDF): golden file, escaping, self-containment, summary logic."""

from __future__ import annotations

import re
from datetime import date

import pytest

from scorecard.render import html as H
from scorecard.render import summary as S
from scorecard.results import Status

AS_OF = date(2026, 11, 23)
HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "</style><style>body{background:url(file:///etc/passwd)}</style>",
    "<script>alert(1)</script>",
]


@pytest.fixture(scope="module")
def page(report) -> str:
    return H.render_html(report)


def hostile(report):
    """The report with attack strings in the first evidence quote and the first source's title."""
    i = next(k for k, o in enumerate(report.obligations) if o.evidence)
    o = report.obligations[i]
    ev = [o.evidence[0].model_copy(update={"quote": " ".join(HOSTILE)})] + o.evidence[1:]
    obligations = list(report.obligations)
    obligations[i] = o.model_copy(update={"evidence": ev})
    src = next(s for s in report.sources if s.id == ev[0].source)
    sources = [s.model_copy(update={"title": " ".join(HOSTILE)}) if s is src else s for s in report.sources]
    return report.model_copy(update={"obligations": obligations, "sources": sources})


def test_golden(page, golden):
    golden("report.html", page)


def test_deterministic(report, page):
    assert H.render_html(report) == page


def test_environment_escapes_everything_and_rejects_unknown_names():
    from jinja2 import StrictUndefined

    env = H.environment()
    assert env.autoescape is True and env.undefined is StrictUndefined
    assert H.TEMPLATES.is_dir() and (H.TEMPLATES / "report.html").is_file()


def test_self_contained(page):
    """No resource is loaded from anywhere: CSS inlined, SVG inline, links only within the page."""
    assert not re.search(r"<(link|script|img|iframe|object|embed|base)\b", page, re.IGNORECASE)
    refs = re.findall(r'\b(?:href|src|xlink:href)\s*=\s*"([^"]*)"', page)
    assert refs and all(r.startswith("#") for r in refs)
    style = "".join(re.findall(r"<style>(.*?)</style>", page, re.DOTALL))
    assert "url(" not in style and "@import" not in style


def test_hostile_text_is_escaped(report):
    out = H.render_html(hostile(report))
    for attack in HOSTILE:
        assert attack not in out
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out.count("<style>") == 1 and "<script" not in out


def test_every_obligation_and_source_has_its_section(report, page):
    for o in report.obligations:
        assert f'id="ob-{o.id}"' in page and f'href="#ob-{o.id}"' in page
    for s in report.sources:
        assert f'id="src-{s.id}"' in page


def test_summary_counts_add_up(report):
    rows = S.status_counts(report)
    assert [r["status"] for r in rows] == list(Status)
    assert sum(r["total"] for r in rows) == len(report.obligations)


def test_key_findings_state_scope_and_limits(report):
    text = " ".join(S.key_findings(report))
    assert f"{len(report.obligations)} obligations" in text and "23 November 2026" in text
    assert S.day(report.corpus.cutoff) in text


def test_key_findings_before_signature_say_nothing_was_in_force(project):
    from scorecard.report import build_report

    early = build_report(project, date(2019, 5, 1))
    text = " ".join(S.key_findings(early))
    assert "none of its obligations was yet in force" in text
    assert all(o.status is Status.not_yet_due for o in early.obligations)
    # every document published by then appeared on one day: one date, not a range from it to itself
    assert early.corpus.first_published == early.corpus.cutoff
    assert f"published on {S.day(early.corpus.cutoff)}" in text and "between" not in text
    cover = H.render_html(early).split('class="contents"')[0]
    assert f"{S.day(early.corpus.cutoff)} to" not in cover
    assert "none of its obligations was yet in force" not in " ".join(
        S.key_findings(build_report(project, AS_OF))
    )


def test_labels_tell_apart_rules_under_one_clause(report):
    """Headings (clause, label, party) differ for every rule, even where clauses are shared."""
    heads = {(o.clause, H.label(o), o.party) for o in report.obligations}
    assert len(heads) == len(report.obligations)


def test_label_is_the_title_else_from_the_summary(report):
    o = next(x for x in report.obligations if x.id == "part-two-3-not-host")
    assert H.label(o.model_copy(update={"title": "Host no one who threatens"})) == "Host no one who threatens"
    derived = H.label(o.model_copy(update={"title": None}))
    assert derived.startswith("Not host any group") and "-" not in derived
    for x in report.obligations:
        label = H.label(x.model_copy(update={"title": None}))
        assert label and label[0].isupper() and len(label.split()) <= 8, (x.id, label)


def test_inherited_ambiguity_is_referenced_not_repeated(report):
    ids = {o.id for o in report.obligations}
    for o in report.obligations:
        own, inherited = H.ambiguity_notes(o, ids)
        assert len(own) + sum(len(t) for t in inherited.values()) == len(o.ambiguity.notes)
        assert all(src in ids and src != o.id for src in inherited)


def test_policy_rows_cover_every_value(report):
    keys = {k for k, _ in H.policy_rows(report.policy.values)}
    assert "thresholds.decisive" in keys and "reliability_weight.A" in keys and "likelihood_bands" in keys


def test_prose_names_obligations_and_evidence_not_by_id(full_report):
    """Conditions, reasons and findings link obligations by clause and heading, evidence by E-number."""
    import re as _re

    from scorecard.render.html import render_html

    page = render_html(full_report)
    opening = r'<(?:ul class="notes terms"|ol class="reasons"|p class="finding")>'
    prose = " ".join(_re.findall(opening + r"(.*?)</(?:ul|ol|p)>", page, _re.S))
    assert prose and 'class="ob-ref"' in prose and 'class="ref"' in prose
    text = _re.sub(r"<[^>]+>", " ", prose)

    def named(i: str) -> bool:
        return _re.search(rf"(?<![\w-]){_re.escape(i)}(?![\w-])", text) is not None

    for o in full_report.obligations:
        assert not named(o.id), o.id
        assert not any(named(e.id) for e in o.evidence), o.id
