"""The terminal review's item commands: the same fields a review file's `item:` and `add:` reach.

Each command changes the item of what is in focus (the candidate shown, or a passage just added)
through the items schema, so a value the file would refuse is refused here too, with the reason.
Origins and claim keys are picked from the existing ones by typing part of them.
"""

from __future__ import annotations

from pydantic import ValidationError

from scorecard.ingest.build import locate
from scorecard.ingest.review import Added, ItemFields, ReviewCandidate, ReviewFile, chosen
from scorecard.model import Link, Origin

HELP = """\
  who NAME     who says it (attributed_to)       p PARTY|-    the party saying it, or none
  or PART      the origin: an existing one whose id or description holds PART
  on ID KIND DATE|- DESCRIPTION     a new origin (kind: report, event, interview, statement, analysis, text)
  key PART     the claim key: an existing one holding PART, or a new key
  d DATE       the event date (YYYY, YYYY-MM or YYYY-MM-DD; - for none)
  cl TEXT      the claim in one line           n TEXT   a note
  l+ OBLIGATION STANCE [INDICATOR]   add a link        l- N   remove link N
  add WORDS    add a passage ingest missed: paste its words (then l+ to link it, a to keep it)
  src FIELD VALUE   the source's title, publisher, authors (A; B), kind or date (YYYY-MM-DD)"""
SHOWN = 8  # matches listed when a part names several


class ItemEditor:
    """Item commands on the focus; `say` prints, `project` is the loaded project."""

    def __init__(self, review: ReviewFile, text: str, project, say):
        self.review, self.text, self.project, self.say = review, text, project, say

    def origins(self) -> dict[str, str]:
        out = {oid: o.description for oid, o in self.project.origins.items()}
        out.update((o.id, o.description) for o in self.review.origins)
        return out

    def claim_keys(self) -> list[str]:
        return sorted({it.claim_key for it in self.project.items.values() if it.claim_key})

    def set(self, focus: ReviewCandidate | Added, key: str, value) -> bool:
        """Set one item field through the schema; False (and the reason said) if it is refused."""
        given = focus.item.given() if focus.item is not None else self.suggested(focus)
        try:
            focus.item = ItemFields.model_validate({**given, key: value})
        except ValidationError as exc:
            self.say(f"{key}: {exc.errors()[0]['msg']}")
            return False
        return True

    @staticmethod
    def suggested(focus) -> dict:
        """What ingest suggested for a candidate's optional fields, written into an item when one starts."""
        if not isinstance(focus, ReviewCandidate):
            return {}
        found = {"party": focus.party, "event_date": focus.event_date}
        found["claim_key"] = focus.claim_keys[0] if focus.claim_keys else None
        return {k: v for k, v in found.items() if v is not None}

    def pick(self, part: str, choices: dict[str, str], what: str) -> str | None:
        """The one choice whose id or description holds `part` (an exact id wins); None if not one."""
        low = part.lower()
        if part in choices:
            return part
        hits = [k for k, d in choices.items() if low in k.lower() or low in d.lower()]
        if len(hits) == 1:
            return hits[0]
        if not hits:
            self.say(f"no {what} holds '{part}'")
        else:
            self.say(
                f"{len(hits)} {what}s hold '{part}': "
                + ", ".join(sorted(hits)[:SHOWN])
                + " …" * (len(hits) > SHOWN)
            )
        return None

    def links(self, focus: ReviewCandidate | Added) -> list[dict]:
        """The links the item will have: the ones given, else the chosen suggestion's."""
        if focus.item is not None and focus.item.links:
            return [link.model_dump(mode="json", exclude_defaults=True) for link in focus.item.links]
        if isinstance(focus, ReviewCandidate):
            obligation, stance, indicator = chosen(focus)
            if obligation:
                return [
                    {"obligation": obligation, "stance": stance}
                    | ({"indicator": indicator} if indicator else {})
                ]
        return []

    def link_command(self, focus, cmd: str, arg: str) -> None:
        links = self.links(focus)
        if cmd == "l-":
            if not arg.isdigit() or not 1 <= int(arg) <= len(links) or len(links) == 1:
                self.say("write l- N for one of the links (an item keeps at least one)")
                return
            del links[int(arg) - 1]
            self.set(focus, "links", links)
            return
        parts = arg.split()
        if len(parts) not in (2, 3) or parts[0] not in self.project.obligations:
            self.say("write l+ OBLIGATION STANCE [INDICATOR] with an obligation id (see `scorecard rules`)")
            return
        link = {"obligation": parts[0], "stance": parts[1]} | (
            {"indicator": parts[2]} if len(parts) == 3 else {}
        )
        try:
            Link.model_validate(link)
        except ValidationError as exc:
            self.say(f"link: {exc.errors()[0]['msg']}")
            return
        if len(parts) == 3 and not self._indicator_ok(parts[0], parts[1], parts[2]):
            return
        self.set(focus, "links", [*links, link])

    def _indicator_ok(self, oid: str, stance: str, indicator: str) -> bool:
        o = self.project.obligations[oid]
        ids = [i.id for i in getattr(o.indicators, stance, [])] if stance in ("breach", "compliance") else []
        if indicator not in ids:
            self.say(f"'{indicator}' is not a {stance} indicator of {oid}: " + (", ".join(ids) or "none"))
            return False
        return True

    def source_command(self, arg: str) -> None:
        """Change one field of the drafted source, checked against the sources schema."""
        from scorecard.ingest.review import ReviewSource

        field, _, value = arg.partition(" ")
        value = value.strip()
        data = self.review.source.model_dump(mode="json", exclude_none=True)
        if field in ("title", "publisher", "kind"):
            data[field] = value
        elif field == "authors":
            data["authors"] = [a.strip() for a in value.split(";") if a.strip()]
        elif field == "date":
            data["published"] = {"date": value, "inferred": False}
        else:
            self.say("write: src title|publisher|authors|kind|date VALUE")
            return
        try:
            self.review.source = ReviewSource.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            self.say(f"source {'.'.join(map(str, err['loc']))}: {err['msg']}")
            return
        self.say(f"source {field}: {value}")

    def new_origin(self, focus, arg: str) -> None:
        parts = arg.split(" ", 3)
        if len(parts) < 4:
            self.say("write: on ID KIND DATE|- DESCRIPTION")
            return
        oid, kind, when, description = parts
        data = {"id": oid, "kind": kind, "description": description} | ({} if when == "-" else {"date": when})
        if oid in self.origins():
            self.say(f"origin '{oid}' exists already: or {oid} takes it")
            return
        try:
            origin = Origin.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            self.say(f"{'.'.join(map(str, err['loc']))}: {err['msg']}")
            return
        self.review.origins.append(origin)
        self.set(focus, "origin", oid)

    def add_passage(self, words: str) -> Added | None:
        span = locate(self.text, words)
        if span is None:
            self.say(
                "those words are not in the document's text (whitespace aside); paste them as they stand"
            )
            return None
        added = Added(
            quote=" ".join(self.text[span[0] : span[1]].split()),
            item=ItemFields(),
            start=span[0],
            end=span[1],
        )
        self.review.add.append(added)
        self.say(f"added chars {span[0]}-{span[1]}; link it with l+ OBLIGATION STANCE [INDICATOR], then a")
        return added

    def command(self, focus, cmd: str, arg: str) -> bool:
        """Carry out an item command on `focus`; False if `cmd` is not one."""
        simple = {"who": "attributed_to", "cl": "claim", "n": "note"}
        if cmd in simple:
            self.set(focus, simple[cmd], arg or None)
        elif cmd == "p":
            if arg not in ("-", "") and arg not in {p.id for p in self.project.agreement.parties}:
                self.say(
                    "p takes a party id ("
                    + ", ".join(p.id for p in self.project.agreement.parties)
                    + ") or -"
                )
            else:
                self.set(focus, "party", None if arg in ("-", "") else arg)
        elif cmd == "d":
            self.set(focus, "event_date", None if arg in ("-", "") else arg)
        elif cmd == "or":
            got = self.pick(arg, self.origins(), "origin")
            if got:
                self.set(focus, "origin", got)
        elif cmd == "on":
            self.new_origin(focus, arg)
        elif cmd == "key":
            keys = self.claim_keys()
            got = (
                self.pick(arg, dict.fromkeys(keys, ""), "claim key")
                if any(arg.lower() in k for k in keys)
                else None
            )
            if got or not any(arg.lower() in k for k in keys):
                self.set(focus, "claim_key", got or arg)
        elif cmd in ("l+", "l-"):
            self.link_command(focus, cmd, arg)
        else:
            return False
        return True

    def describe(self, focus) -> list[str]:
        """The item's fields as given so far, and its links, for the candidate's display."""
        given = focus.item.given() if focus.item is not None else {}
        lines = [f"  {k}: {v}" for k, v in given.items() if k != "links"]
        for k, link in enumerate(self.links(focus), 1):
            extra = "".join(f" {key}={v}" for key, v in link.items() if key not in ("obligation", "stance"))
            lines.append(f"  link {k}: {link['obligation']} {link['stance']}{extra}")
        return lines
