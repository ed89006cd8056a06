"""What the suggester knows before it reads a document, built once per run.

The rules' cues and lexicon (cues.py), each rule's own words as a TF-IDF profile, the reviewed
evidence as nearest neighbours (learn.py), one term index over both, and the three-word runs of
every reviewed quote (to see a passage repeating one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scorecard.ingest.cues import CueBook, compile_cue
from scorecard.ingest.learn import Neighbours, Postings, Vector, Vectorizer, grams, train, words
from scorecard.ingest.misstating import vocabulary
from scorecard.ingest.speakers import known_origins, party_matchers
from scorecard.ingest.stance import clause_words, side_stems

CUED = 1.5  # within a clause, an obligation whose indicator cues match, against one whose do not


@dataclass
class Context:
    """Everything the suggester needs besides the text, built once per run."""

    project: Any  # a loaded, checked Project (or ValidProject)
    book: CueBook
    vectorizer: Vectorizer
    neighbours: Neighbours
    profiles: dict[str, dict[str, float]]
    quotes: list[tuple[str, str, set]] = field(default_factory=list)  # (item, origin, shingles)
    shingle_index: dict[str, list[int]] = field(default_factory=dict)  # 3-word run -> [quote no.]
    indicators: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    # the reviewed passages' vectors, then the rules' profiles (in `profile_ids` order), by term
    postings: Postings = field(default_factory=lambda: Postings([]))
    profile_ids: list[str] = field(default_factory=list)
    profile_pos: dict[str, int] = field(default_factory=dict)  # obligation → its place in profile_ids
    clause_of: dict[str, str] = field(default_factory=dict)  # obligation → its clause
    vocabulary: frozenset[str] = frozenset()  # the stems of the agreement's words (misstating.vocabulary)
    clauses: str = ""  # the rules' words, for quotations of the agreement (stance.clause_words)
    parties: list = field(default_factory=list)  # (party id, pattern of its names): speakers.party_matchers
    origins: list = field(default_factory=list)  # speakers.KnownOrigin of every origin
    claim_keys: dict[str, str] = field(default_factory=dict)  # reviewed item → its claim key
    twins: dict[str, set[str]] = field(default_factory=dict)  # obligation → those of its `same_duty`

    vectors: dict[str, Vector] = field(default_factory=dict)  # this document's, by text
    stems: dict[str, dict] = field(default_factory=dict)  # obligation → stance.side_stems
    undecided: dict[str, list] = field(default_factory=dict)  # obligation → its context cues, compiled

    def vector(self, text: str, terms: list[str] | None = None) -> Vector:
        """A passage's vector, computed once per document (a one-sentence candidate is its sentence)."""
        v = self.vectors.get(text)
        if v is None:
            v = self.vectors[text] = self.vectorizer.weigh(grams(words(text)) if terms is None else terms)
        return v

    def side_stems(self, o) -> dict[str, frozenset[str]]:
        """The obligation's words per side (stance.side_stems), computed once per run."""
        got = self.stems.get(o.id)
        if got is None:
            got = self.stems[o.id] = side_stems(o)
        return got

    def context_cues(self, o) -> list:
        """The obligation's `context_cues` as patterns, compiled once per run."""
        got = self.undecided.get(o.id)
        if got is None:
            got = self.undecided[o.id] = [compile_cue(c) for c in o.context_cues]
        return got

    def leading(self, merged: dict[str, float], cued: set[str], n: int) -> list[tuple[str, float]]:
        """The `n` best-scored obligations, of different clauses.

        Why: several obligations share a clause (Part One C has four); suggestions all of one clause
        leave the reviewer no second reading, and the clause is what a passage is filed under first.
        Within a clause, an obligation whose indicator cues the passage names (`cued`) stands for it
        unless another scores far higher: "consulted with al-Qaeda" is conduct under the duty to
        instruct members, though the passage's words are nearer the duty's sister on public statements.

        An obligation's twins (`same_duty`: the same duty stated in another clause) follow it, not
        counted in the `n`: analysts file a report on the whole withdrawal under Part One or under
        B(1), and a reviewer should see both.
        """
        by_clause: dict[str, list[tuple[str, float]]] = {}
        for oid, score in merged.items():
            by_clause.setdefault(self.clause_of[oid], []).append((oid, score))
        picked = [  # per clause: the obligation it prefers, and the clause's best score
            (max(group, key=lambda g: g[1] * (CUED if g[0] in cued else 1.0)), max(x for _, x in group))
            for group in by_clause.values()
        ]
        out: list[tuple[str, float]] = []
        shown: set[str] = set()
        own = 0
        for oid, score in (pick for pick, _ in sorted(picked, key=lambda t: -t[1])):
            if own == n:
                break
            if self.clause_of[oid] in shown:
                continue  # shown already, as a twin
            out.append((oid, score))
            shown.add(self.clause_of[oid])
            own += 1
            for twin in sorted(self.twins.get(oid, ())):
                if twin in merged and self.clause_of[twin] not in shown:
                    shown.add(self.clause_of[twin])
                    out.append((twin, merged[twin]))
        return out

    def indicator_vector(self, oid: str, indicator) -> dict[str, float]:
        key = (oid, indicator.id)
        if key not in self.indicators:
            self.indicators[key] = self.vectorizer.vector(indicator.text)
        return self.indicators[key]


def build_context(
    project, book: CueBook, exclude_sources: frozenset[str] | set[str] = frozenset()
) -> Context:
    """Profiles of every rule; the reviewed evidence and the rules' labelled examples (but those of
    `exclude_sources`, by source or by example document) as neighbours. Only evidence is looked in
    for repeated passages and claim keys: an example is no one's report."""
    items = [it for it in project.items.values() if it.source not in exclude_sources]
    examples = [ex for ex in project.examples.values() if ex.document not in exclude_sources]
    profiles_text = {o.id: _profile_text(o) for o in project.obligations.values()}
    vec = Vectorizer.fit(list(profiles_text.values()) + [x.quote for x in (*items, *examples)])
    ctx = Context(
        project,
        book,
        vec,
        train([*items, *examples], vec),
        {k: vec.vector(v) for k, v in profiles_text.items()},
    )
    ctx.quotes = [(it.id, it.origin, shingles(words(it.quote))) for it in items]
    for n, (_, _, runs) in enumerate(ctx.quotes):
        for sh in runs:
            ctx.shingle_index.setdefault(sh, []).append(n)
    ctx.profile_ids = sorted(ctx.profiles)
    ctx.clause_of = {o.id: o.clause for o in project.obligations.values()}
    for o in project.obligations.values():  # both ways: a twin named on one side is the other's too
        for oid in o.same_duty:
            if oid in project.obligations and oid != o.id:
                ctx.twins.setdefault(o.id, set()).add(oid)
                ctx.twins.setdefault(oid, set()).add(o.id)
    ctx.profile_pos = {oid: j for j, oid in enumerate(ctx.profile_ids)}
    ctx.clauses = clause_words([o.text for o in project.obligations.values()])
    ctx.vocabulary = vocabulary(getattr(project.agreement_text, "text", None) or "")
    ctx.parties, ctx.origins = party_matchers(project), known_origins(project)
    ctx.claim_keys = {it.id: it.claim_key for it in items if it.claim_key}
    ctx.postings = Postings(
        [e.vector for e in ctx.neighbours.examples] + [ctx.profiles[k] for k in ctx.profile_ids]
    )
    return ctx


def _profile_text(o) -> str:
    inds = [i.text for side in (o.indicators.compliance, o.indicators.breach) for i in side]
    return " ".join([o.text, o.summary, o.title or "", *inds, *o.cues])


def shingles(ws: list[str]) -> set:
    """The runs of three words (stemmed, without stop words) of a passage."""
    if len(ws) < 3:
        return {" ".join(ws)}
    return {f"{a} {b} {c}" for a, b, c in zip(ws, ws[1:], ws[2:], strict=False)}  # shorter by design
