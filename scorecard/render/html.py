"""The scorecard as one self-contained HTML document: the source of the PDF and of `report --html`.

Pure: the Report in, a string out. Templates only format; every sentence, count and ordering they
show is derived here, as presentation, from what the Report already holds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from scorecard.render import figures
from scorecard.render.summary import (
    WATCH_LIMIT,
    consequential,
    day,
    key_findings,
    key_judgments,
    present,
    rests_on,
    scope,
    status_counts,
    uncertain,
)
from scorecard.results import ObligationResult, Report, Status
from scorecard.statuses import STATUSES, applies

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Status → (css class, glyph). Why a glyph: the colour must not be the only carrier of meaning,
# so the matrix still reads when printed in greyscale.
STATUS_MARK = {d.status: (d.css, d.glyph) for d in STATUSES}
STANCE_GLYPH = {"breach": "\u25bc", "compliance": "\u25cf", "context": "\u25a0", "ambiguity": "\u25c6"}
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
_LEADING = re.compile(r"^(?:By|Within|When|Once|After|From|Provided|If|Until)\b[^,]*,\s+")
_WORDS = 7


def derived_label(summary: str) -> str:
    """A short heading from the summary's first sentence: what the party will do, in up to 7 words.

    'The Taliban will not host any group or individual threatening …' gives 'Not host any group or
    individual threatening…'; a sentence without 'will' keeps its own words, less a leading 'By …,'.
    """
    sent = re.split(r"(?<=[.;:])\s", " ".join(summary.split()), maxsplit=1)[0].rstrip(".;:")
    sent = re.sub(r"\s*\([^)]*\)", "", sent)
    m = re.search(r"\bwill\s+(.*)", sent)
    if m and not m.group(1).startswith("be "):
        phrase = m.group(1)
    else:
        m = re.search(r"\b((?:seek|aim to|commit to)\s.*)", sent)
        phrase = m.group(1) if m else _LEADING.sub("", sent)
    cut = re.split(r",\s|;", phrase)[0]
    if len(cut.split()) >= 3:
        phrase = cut
    words = phrase.split()
    text = " ".join(words[:_WORDS]) + ("\u2026" if len(words) > _WORDS else "")
    return text[:1].upper() + text[1:]


def label(o: ObligationResult) -> str:
    """The obligation's heading for readers: the rule's `title`, else a label from its summary.

    Why not the id: 'relations-taliban' read as a heading is 'Relations taliban'; ids are handles
    for the command line, headings are for readers.
    """
    return o.title or derived_label(o.summary) or o.clause


_ROLES = (
    ("diagnostic", "Diagnostic: moves the status"),
    ("non-diagnostic", "Not diagnostic: consistent with compliance and breach alike"),
    ("ambiguity", "On what the obligation means"),
    ("context", "Context"),
    ("pre-signature", "Before signature: context only"),
)


def ambiguity_notes(o: ObligationResult, ids: set[str]) -> tuple[list[str], dict[str, list[str]]]:
    """The obligation's own ambiguity notes, and the terms it inherits from a qualifier in this report.

    Why: the scope sentence's long notes would otherwise be repeated in every obligation it
    qualifies; each section names the terms and points to the qualifier's section instead.
    """
    own: list[str] = []
    inherited: dict[str, list[str]] = {}
    for e in o.ambiguity.entries:
        if e.kind == "ambiguity" and e.source in ids and e.source != o.id:
            inherited.setdefault(e.source, []).append(f"\u201c{e.term}\u201d ({e.level})")
        else:
            own.append(e.text)
    return own, inherited


VERIFIABILITY_HEADS = {"could-show": "Could show it", "cannot-see": "Cannot be seen"}


def verifiability_notes(o: ObligationResult) -> dict[str, list[str]]:
    """Verifiability notes grouped under what could show compliance and what cannot be seen."""
    out: dict[str, list[str]] = {}
    for e in o.verifiability.entries:
        out.setdefault(VERIFIABILITY_HEADS.get(e.kind, ""), []).append(e.text)
    return {head: out[head] for head in (*VERIFIABILITY_HEADS.values(), "") if head in out}


def evidence_groups(o: ObligationResult) -> list[tuple[str, list]]:
    """The obligation's evidence by role (diagnostic first), each group in the Report's order."""
    groups = [(title, [e for e in o.evidence if e.role == role]) for role, title in _ROLES]
    known = {role for role, _ in _ROLES}
    groups.append(("Other", [e for e in o.evidence if e.role not in known]))
    return [(t, items) for t, items in groups if items]


def first_quoted(r: Report) -> dict[str, str]:
    """Evidence id → the obligation whose section quotes it in full (the first, in report order).

    Why: one passage may bear on five obligations; printing it once, with later sections pointing
    back to it, keeps the report readable and about a second faster to typeset.
    """
    out: dict[str, str] = {}
    for o in r.obligations:
        for e in o.evidence:
            out.setdefault(e.id, o.id)
    return out


def evidence_refs(r: Report) -> dict[str, str]:
    """Evidence id → a short reference (E1, E2 …) in the order the report first quotes each item.

    Why: ids such as 'di2021-prisoners-released-before-talks' are handles for the command line; in
    prose a reader needs a short mark that leads to the quote.
    """
    return {iid: f"E{n}" for n, iid in enumerate(first_quoted(r), 1)}


_TOKEN = re.compile(r"(?<![A-Za-z0-9_-])[a-z0-9][a-z0-9-]*[a-z0-9](?![A-Za-z0-9_-])")


def citer(refs: dict[str, str], first: dict[str, str], names: dict[str, str] | None = None):
    """A function that escapes text and turns each evidence id in it into a linked short reference,
    and each obligation id of the report into a link named by its clause and heading."""
    from markupsafe import Markup, escape

    names = names or {}

    def link(m: re.Match) -> str:
        iid = m.group()
        if iid in refs:
            return f'<a class="ref" href="#ev-{first[iid]}-{iid}">{refs[iid]}</a>'
        if iid in names:
            return f'<a class="ob-ref" href="#ob-{iid}">{escape(names[iid])}</a>'
        return iid

    def cite(text: str) -> Markup:
        return Markup(_TOKEN.sub(link, str(escape(text))))

    return cite


def sections(r: Report) -> dict[str, dict]:
    """Per obligation, the presentation of its notes and evidence."""
    ids = {o.id for o in r.obligations}
    out = {}
    for o in r.obligations:
        own, inherited = ambiguity_notes(o, ids)
        out[o.id] = {
            "ambiguity": own,
            "inherited": inherited,
            "verifiability": verifiability_notes(o),
            "evidence": evidence_groups(o),
        }
    return out


def source_numbers(r: Report) -> dict[str, str]:
    """Short labels S1, S2 … for the sources, in the appendix's (id) order."""
    return {s.id: f"S{i}" for i, s in enumerate(r.sources, 1)}


def policy_rows(values: dict, prefix: str = "") -> list[tuple[str, str]]:
    """Every policy value as (dotted key, text), so any policy file renders in full."""
    out = []
    for k, v in values.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out += policy_rows(v, key + ".")
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            out.append((key, "; ".join(", ".join(f"{a}: {b}" for a, b in x.items()) for x in v)))
        elif isinstance(v, list):
            out.append((key, ", ".join(map(str, v)) or "(none)"))
        else:
            out.append((key, str(v)))
    return out


def bands(values: dict) -> list[dict]:
    """Likelihood bands with their lower bounds, from the policy in force."""
    out: list[dict] = []
    low = 0.0
    for b in values.get("likelihood_bands", []):
        out.append({"name": b["name"], "low": low, "high": b["upper"], "first": not out})
        low = b["upper"]
    return out


def context(r: Report, author: str = "scorecard") -> dict:
    """Everything the template shows, derived from the Report."""
    worst, weak, labels = consequential(r), uncertain(r), {o.id: label(o) for o in r.obligations}
    refs, first = evidence_refs(r), first_quoted(r)
    return {
        "r": r,
        "parties": r.agreement.parties,
        "present": present(r),
        "labels": labels,
        "clauses": {o.id: o.clause for o in r.obligations},
        "sources": {s.id: s for s in r.sources},
        "snum": source_numbers(r),
        "statuses": list(Status),
        "status_rules": {
            d.status: applies(
                d, r.policy.values["thresholds"]["decisive"], r.policy.values["thresholds"]["contested_ratio"]
            )
            for d in STATUSES
        },
        "status_why": {d.status: d.why for d in STATUSES},
        "mark": STATUS_MARK,
        "stance_glyph": STANCE_GLYPH,
        "reliability": RELIABILITY,
        "credibility": CREDIBILITY,
        "chip_colours": figures.chip_colours({s: m[0] for s, m in STATUS_MARK.items()}),
        # summary
        "findings": key_findings(r),
        "counts": status_counts(r),
        "fig_status": figures.status_by_party(r),
        "worst": worst[:WATCH_LIMIT],
        "worst_more": len(worst[WATCH_LIMIT:]),
        "weak": weak[:WATCH_LIMIT],
        "weak_more": len(weak[WATCH_LIMIT:]),
        # matrix, figures, sections
        "unconfirmed": any(o.text_status != "verbatim" for o in r.obligations),
        "fig_timelines": figures.timelines(r, labels),
        "strips": figures.strips(r),
        "sections": sections(r),
        "first": first,
        "refs": refs,
        "cite": citer(refs, first, {o.id: f"{o.clause} ({labels[o.id]})" for o in r.obligations}),
        "history": {o.id: figures.history_strip(r, o) for o in r.obligations},
        "judgments": key_judgments(r),
        "scope": scope(r),
        "rests": rests_on(r),
        "author": author,
        # methodology
        "pv": r.policy.values,
        "policy_rows": policy_rows(r.policy.values),
        "bands": bands(r.policy.values),
    }


@lru_cache(maxsize=1)
def environment():
    """Jinja2 with autoescape on for every template and undefined names as errors."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["day"] = day
    env.filters["num"] = lambda x, n=2: f"{x:.{n}f}"
    return env


def render_html(report: Report, author: str = "scorecard") -> str:
    """The whole scorecard as one HTML document: CSS inlined, figures as inline SVG, no URLs."""
    return environment().get_template("report.html").render(**context(report, author))
