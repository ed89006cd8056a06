"""`scorecard review` in a terminal: one candidate at a time, one command a line.

No curses: it reads single-line commands from stdin, so it works in any terminal, over ssh, and
piped from a file in tests. The decisions go into the same review file an analyst could edit.
"""

from __future__ import annotations

import textwrap

from scorecard.errors import escape_controls
from scorecard.ingest.passages import sentences
from scorecard.ingest.prompt_item import HELP as ITEM_HELP
from scorecard.ingest.prompt_item import ItemEditor
from scorecard.ingest.review import HIGH_SCORE, Added, Grading, ReviewCandidate, ReviewFile, chosen

HELP = (
    """\
  a [N]        accept suggestion N (default 1), with any change made below
  o ID         change the obligation
  s STANCE     change the stance (breach, compliance, context, ambiguity)
  i ID         change the indicator (- for none)
  c N          the information's credibility (2-6; default 3)
  + / -        widen / narrow the end by a sentence      < / >   widen / narrow the start by a sentence
  r [WHY]      reject (WHY is needed when the score is 0.7 or more)
  k            skip (leave for later)     u   undo the last decision     g GRADE WHY   grade the source (A-F)
  w            save, apply and quit       q   quit without saving        ?   this help
"""
    + ITEM_HELP
)
CONTEXT = 160  # characters of the document shown around the passage


class Session:
    """The state of one terminal review: the file, the text, where we are, what can be undone."""

    def __init__(self, review: ReviewFile, text: str, project, out):
        self.review, self.text, self.obligations, self.out = review, text, project.obligations, out
        self.bounds = [(s.start, s.end) for s in sentences(text)]
        self.history: list[tuple[int, ReviewCandidate]] = []
        self.pos = self._next_pending(0)
        self.editor = ItemEditor(review, text, project, self.say)
        self.added: Added | None = None  # a passage being added: the item commands apply to it

    def say(self, line: str = "") -> None:
        self.out.write(escape_controls(line, keep_lines=True) + "\n")

    def _next_pending(self, start: int) -> int:
        cands = self.review.candidates
        return next(
            (
                i
                for i in range(start, len(cands))
                if cands[i].decision == "pending" and cands[i].became is None
            ),
            len(cands),
        )

    @property
    def current(self) -> ReviewCandidate | None:
        return self.review.candidates[self.pos] if self.pos < len(self.review.candidates) else None

    def show(self) -> None:
        if self.added is not None:
            self.say(f"\n--- adding chars {self.added.start}-{self.added.end}: {self.added.quote}")
            for line in self.editor.describe(self.added):
                self.say(line)
            self.say("  a: keep it (it needs a link), k: drop it")
            return
        c = self.current
        if c is None:
            self.say("No candidate left to review. w: save and apply, q: quit.")
            return
        n = sum(1 for x in self.review.candidates if x.decision == "pending" and x.became is None)
        self.say(
            f"\n--- {c.id} ({n} pending) chars {c.start}-{c.end}"
            + (f", page {c.page}" if c.page else "")
            + (", BEFORE SIGNATURE" if c.before_signature else "")
        )
        before = " ".join(self.text[max(0, c.start - CONTEXT) : c.start].split())
        after = " ".join(self.text[c.end : c.end + CONTEXT].split())
        passage = " ".join(self.text[c.start : c.end].split())
        self.say(textwrap.fill(f"…{before} >>> {passage} <<< {after}…", 100))
        for k, s in enumerate(c.suggestions, 1):
            self.say(
                f"  {k}. {s.score:.2f} {s.obligation} ({s.clause}) {s.stance}"
                + (f" [{s.indicator}]" if s.indicator else "")
            )
        if c.credibility:
            self.say(f"  credibility: {c.credibility}")
        if c.obligation or c.stance or c.indicator:
            o, st, ind = chosen(c)
            self.say(f"  changed: {o} {st}" + (f" [{ind}]" if ind else ""))
        for label, value in (("event date", c.event_date), ("claimed by", c.attributed_to)):
            if value:
                self.say(f"  {label}: {value}")
        if c.party:
            self.say(f"  party: {c.party}")
        if c.relays:
            self.say(f"  relays: {c.relays.origin or 'a new origin'} ({c.relays.description})")
        if c.repeats:
            similarity = c.repeats.similarity
            share = f", {similarity:.0%}" if similarity is not None else ""
            self.say(
                f"  repeats {c.repeats.item or '?'} (origin {c.repeats.origin or '?'}{share}): "
                "probably the same origin"
            )
        if c.item is not None:
            for line in self.editor.describe(c):
                self.say(line)

    def _remember(self) -> None:
        c = self.current
        if c is not None:
            self.history.append((self.pos, c.model_copy(deep=True)))

    def _decide(self, decision: str, **changes) -> None:
        self._remember()
        c = self.current
        for key, value in {"decision": decision, **changes}.items():
            setattr(c, key, value)
        self.pos = self._next_pending(self.pos + 1)

    def _edge(self, c: ReviewCandidate, which: str, step: int) -> str | None:
        if which == "end":
            options = [end for _, end in self.bounds if end > c.start]
        else:
            options = [start for start, _ in self.bounds if start < c.end]
        if not options:
            return "cannot move that edge further"
        current = getattr(c, which)
        i = options.index(min(options, key=lambda x: abs(x - current))) + step
        if 0 <= i < len(options):
            self._remember()
            setattr(c, which, options[i])
            return None
        return "cannot move that edge further"

    def command(self, line: str) -> str | None:
        """Carry out one command; 'save' or 'quit' to stop, else None."""
        cmd, _, arg = line.strip().partition(" ")
        arg = arg.strip()
        if cmd in ("w", "q"):
            return {"w": "save", "q": "quit"}[cmd]
        if cmd in ("?", "h", "help", ""):
            self.say(HELP) if cmd else None
            return None
        if cmd == "u":
            if not self.history:
                self.say("nothing to undo")
            else:
                pos, before = self.history.pop()
                self.review.candidates[pos] = before
                self.pos = pos
            return None
        if cmd == "g":
            grade, _, why = arg.partition(" ")
            if grade.upper() not in tuple("ABCDEF") or not why.strip():
                self.say("write: g GRADE WHY, e.g. g B usually reliable broadcaster")
            else:
                self.review.source.reliability = Grading.model_validate(
                    {"grade": grade.upper(), "reason": why.strip()}
                )
                self.say(f"source graded {grade.upper()}")
            return None
        if cmd == "src":
            self.editor.source_command(arg)
            return None
        if cmd == "add":
            self.added = self.editor.add_passage(arg) or self.added
            self.show()
            return None
        if self.added is not None:
            self._added_command(cmd, arg, self.added)
            return None
        c = self.current
        if c is None:
            self.say("no candidate left: w saves, q quits")
            return None
        if cmd in ("who", "p", "or", "on", "key", "d", "cl", "n", "l+", "l-"):
            self._remember()
            self.editor.command(c, cmd, arg)
            self.show()
            return None
        self._candidate_command(cmd, arg, c)
        return None

    def _added_command(self, cmd: str, arg: str, added: Added) -> None:
        if cmd == "a":
            if not added.item.links:
                self.say("link it first: l+ OBLIGATION STANCE [INDICATOR]")
                return
            self.say(f"kept the added passage ({len(added.item.links)} link(s))")
            self.added = None
        elif cmd == "k":
            self.review.add.remove(added)
            self.say("dropped the added passage")
            self.added = None
        elif not self.editor.command(added, cmd, arg):
            self.say(f"'{cmd}' does not apply to an added passage: a keeps it, k drops it")
            return
        self.show()

    def _candidate_command(self, cmd: str, arg: str, c: ReviewCandidate) -> None:
        if cmd == "a":
            if arg and not (arg.isascii() and arg.isdigit()):
                self.say(f"write: a N, with N a suggestion's number (1 to {max(1, len(c.suggestions))})")
                return
            use = int(arg) if arg else 1
            linked = c.obligation or (c.item is not None and c.item.links)
            if not (1 <= use <= max(1, len(c.suggestions))) or (not c.suggestions and not linked):
                self.say(f"no suggestion {use}")
                return
            self._decide("accept", use=use)
        elif cmd == "r":
            if c.best_score >= HIGH_SCORE and not arg:
                self.say(f"this candidate scored {c.best_score:.2f}: say why it is rejected (r WHY)")
                return
            self._decide("reject", justification=arg or None)
        elif cmd == "k":
            self._decide("skip")
        elif cmd == "o":
            if arg not in self.obligations:
                self.say(f"unknown obligation '{arg}'")
                return
            self._remember()
            c.obligation = arg
        elif cmd == "s":
            if arg not in ("breach", "compliance", "context", "ambiguity"):
                self.say("stance is one of breach, compliance, context, ambiguity")
                return
            self._remember()
            c.stance = arg  # type: ignore[assignment] # checked just above
        elif cmd == "c":
            if arg not in tuple("23456"):
                self.say("credibility is 2 to 6 (1, confirmed, is computed)")
                return
            self._remember()
            c.credibility = int(arg)
        elif cmd == "i":
            self._remember()
            c.indicator = None if arg in ("", "-") else arg
        elif cmd in ("+", "-", "<", ">"):
            which, step = {"+": ("end", 1), "-": ("end", -1), "<": ("start", -1), ">": ("start", 1)}[cmd]
            problem = self._edge(c, which, step)
            if problem:
                self.say(problem)
            c.quote = " ".join(self.text[c.start : c.end].split())
        else:
            self.say(f"unknown command '{cmd}' (? for help)")
            return
        self.show() if cmd not in ("a", "r", "k") else None
        return


def run(session: Session, lines, prompt_out) -> str:
    """Read commands until `w` or `q` (or the end of input, which quits without saving)."""
    session.say(HELP)
    session.show()
    for line in lines:
        result = session.command(line)
        if result:
            return result
        if line.strip().split(" ")[0] in ("a", "r", "k", "u"):
            session.show()
        prompt_out.flush()
    return "quit"
