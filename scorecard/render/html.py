"""The scorecard as one self-contained HTML document: the source of the PDF and of `report --html`.

Pure: the Report in, a string out. Templates only format; every sentence, count and ordering they
show is derived here, as presentation, from what the Report already holds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from scorecard import reading
from scorecard.render import figures
from scorecard.render.labels import derived_label, label  # noqa: F401  (derived_label: the library's)
from scorecard.render.summary import (
    WATCH_LIMIT,
    consequential,
    day,
    determined,
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
        elif (
            isinstance(v, list) and v and all(isinstance(x, dict) and set(x) == {"name", "upper"} for x in v)
        ):
            out.append((key, "; ".join(f"{x['name']} up to {x['upper']}" for x in v)))
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            out.append((key, "; ".join(", ".join(f"{a}: {b}" for a, b in x.items()) for x in v)))
        elif isinstance(v, list):
            out.append((key, ", ".join(map(str, v)) or "(none)"))
        else:
            out.append((key, str(v)))
    return out


_POLICY_WORDS = {
    "name": "Policy name",
    "reliability_weight": "Weight of source reliability {0}",
    "credibility_weight": "Weight of information credibility {0}",
    "self_claim_weight": "A party's own claim of compliance: share of its weight",
    "prior": "Prior weight on each hypothesis",
    "thresholds.decisive": "Weight at which a side is decisive",
    "thresholds.contested_ratio": "Contested when the weaker side has at least this share of the stronger's weight",
    "thresholds.corroboration_max_credibility": "Credibility needed, at worst, for two origins to confirm each other",
    "likelihood_bands": "Likelihood bands (upper bound of each)",
    "confidence": "{0} confidence: {1}",
}
_CONFIDENCE_WORDS = {
    "min_origins": "independent origins, at least",
    "min_consistency": "consistency, at least",
    "best_grades": "best grade among",
    "verifiability": "verifiability among",
}


def policy_label(key: str) -> str:
    """A policy setting's name in words ('thresholds.decisive': 'Weight at which a side is decisive');
    a setting this table does not know is named by its key's words. Why: a reader of the appendix
    should not have to read the policy file's keys."""
    if key in _POLICY_WORDS:
        return _POLICY_WORDS[key]
    head, _, rest = key.partition(".")
    parts = rest.split(".")
    if head in ("reliability_weight", "credibility_weight") and len(parts) == 1:
        return _POLICY_WORDS[head].format(parts[0])
    if head == "confidence" and len(parts) == 2:
        return _POLICY_WORDS[head].format(parts[0].capitalize(), _CONFIDENCE_WORDS.get(parts[1], parts[1]))
    words = key.replace(".", ": ").replace("_", " ")
    return words[:1].upper() + words[1:]


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
        "definitions": {d.status: reading.definition(d.status) for d in STATUSES},
        # Defined on the key judgments' page: the statuses its tables show, and what the corpus shows.
        "page_statuses": [d.status for d in STATUSES if any(o.status == d.status for o in determined(r))],
        "page_shown": {o.performance for o in r.obligations},
        "shown": {o.id: reading.shown(o) for o in r.obligations},
        "shown_words": {o.id: reading.in_words(r, o) for o in r.obligations},
        "shown_meaning": reading.MEANING,
        "corpus_end": reading.corpus_end(r),
        "mark": STATUS_MARK,
        "stance_glyph": STANCE_GLYPH,
        "reliability": RELIABILITY,
        "credibility": CREDIBILITY,
        "chip_colours": figures.chip_colours({s: m[0] for s, m in STATUS_MARK.items()}),
        # summary
        "findings": key_findings(r),
        "counts": status_counts(r),
        "fig_status": figures.status_by_party(r),
        "worst": worst,
        "worst_more": 0,
        "weak": weak[:WATCH_LIMIT],
        "weak_more": len(weak[WATCH_LIMIT:]),
        # matrix, figures, sections
        "unconfirmed": any(o.text_status != "verbatim" for o in r.obligations),
        "fig_timelines": figures.timelines(r, labels),
        "fig_narrow": figures.narrow(r, labels),
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
        "policy_rows": [(policy_label(k), v) for k, v in policy_rows(r.policy.values)],
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
