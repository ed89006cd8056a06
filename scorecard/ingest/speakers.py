"""Who makes a passage's claim, whether that is a party, and which report it relays.

Pure: no I/O. The speaker is the person or body whose words or finding the passage gives, read
from `according to X`, `X said` (and `said X` after a quotation), never from a headline's words:
a speaker is a noun phrase whose lower-case words are those of a title or a role ("a Taliban
spokesman", "UN sanctions monitors", "Zabihullah Mujahid, the Taliban's spokesman"). Whether the
speaker is a party comes from the parties' names and aliases in agreement.yaml. A speaker that is
a report ("a UN report", "a report by UN sanctions monitors") is relayed: the existing origin of
that body and date is suggested, or a new origin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from scorecard.dates import parse_fuzzy
from scorecard.ingest.passages import find_dates

_VERBS = (
    "said|says|say|told|tells|stated|states|reported|reports|wrote|writes|claimed|claims|noted|notes|deny|"
    "added|adds|warned|warns|argued|argues|concluded|concludes|found|finds|estimated|estimates|denied|"
    "denies|insisted|insists|confirmed|confirms|announced|announces|acknowledged|acknowledges|alleged|"
    "alleges|asserted|asserts|maintained|maintains|stressed|stresses|observed|observes|documented|"
    "documents|revealed|reveals|showed|shows|accused|accuses|rejected|rejects|dismissed|dismisses|"
    "condemned|condemns|announced|cautioned|cautions|assessed|assesses|concluded|explained|explains|"
    "admitted|admits|urged|urges|demanded|demands|answered|answers|replied|replies|responded|responds|"
    "countered|counters|tweeted|tweets|declared|declares|complained|complains|called|calls|asked|asks|"
    "repeated|repeats|reiterated|reiterates|hailed|hails|welcomed|welcomes|charged|charges|conceded|"
    "concedes|testified|testifies|predicted|predicts"
)
_SAY = re.compile(rf"\b(?:{_VERBS})\b")
_ACCORDING = re.compile(r"\b[Aa]ccording to (?:an? |the )?")
_INVERTED = re.compile(rf"[,\"”] (?:{_VERBS}) ((?:the )?[A-Z][^,.;:\"“”\n]{{1,80}})")
# Lower-case words a speaker's name may hold: titles, roles, bodies, and the small words of names.
_ROLE_WORDS = set(
    """
a an the of for on and in at to from by with 's
spokesman spokeswoman spokesperson spokesmen official officials monitor monitors diplomat diplomats
analyst analysts report reports assessment findings study review expert experts observer observers
envoy envoys minister ministers commander commanders president secretary ambassador team government
ministry council mission panel investigators investigator residents resident witnesses witness
sources source police military army officer officers leader leaders member members senior former
current deputy acting chief head general spokesperson's sanctions security monitoring group committee
local western foreign intelligence agency agencies department office representative representatives
special unnamed anonymous interim governor governors authorities authority administration force forces
fighters fighter staff researcher researchers journalist journalists correspondent person people
united nations states general's defence defense interior justice finance prime vice national
navy air marine naval political affairs press deputies lawmakers legislators senators congressmen
adviser advisers advisor advisors negotiator negotiators delegation delegates insurgents militants
movement commission statement spokespeople
""".split()  # noqa: SIM905 - a word list reads better as text
)
_LEADING = re.compile(
    r"^(?:(?:though|although|but|and|yet|however|while|meanwhile|also|still|so|now|then|as|when|after|before|since|because|if|in|on)\b[\s,]*)+",
    re.I,
)
_PRONOUNS = {
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "who",
    "which",
}
_REPORT = re.compile(
    r"\b(?:reports?|assessment|findings|study|review|monitors|monitoring team|panel of experts|investigation)\b",
    re.I,
)
BODY_WORDS = 8  # an origin's description names the body that made it first ("UN 1988 Committee …")
RECENT_DAYS = 400  # an undated report a document relays is at most this much older than the document
_GENERIC = {
    "repor",
    "said",
    "publi",
    "relea",
    "issue",
    "the",
    "a",
    "an",
    "by",
    "of",
    "on",
    "in",
    "and",
    "its",
}
_ROLE_STEMS = {"monit", "team", "panel", "exper", "revie", "study", "asses", "findi", "inves", "sanct"}
_GENERIC |= {"their", "new", "lates", "recen", "last", "this", "that", "to", "for", "with", "from", "was"}


def who_claims(passage: str) -> str | None:
    """The speaker the passage names: `according to X`, `X said`, `"…," said X`; None if none."""
    m = _ACCORDING.search(passage)
    if m:
        name = _noun_phrase(passage[m.end() :])
        if name:
            return name
    for m in _SAY.finditer(passage):
        name = _subject(passage, m.start())
        if name:
            return name
    m = _INVERTED.search(passage)
    if m:
        name = _clean(m.group(1))
        if name and _is_name(name):
            return name
    return None


_CUT = re.compile(
    r"[,;:()\"“”]|\.(?:\s|$)|\s(?:published|released|issued|seen|obtained|on|in|last|this|who|which|that|"
    rf"shows?|showed|{_VERBS})\b"
)


def _noun_phrase(after: str) -> str | None:
    """The speaker after `according to`: up to a comma, a full stop or a clause's next word."""
    m = _CUT.search(after)
    name = _clean(after[: m.start()] if m else after[:80])
    return name if name and _is_name(name) else None


def _subject(passage: str, verb: int) -> str | None:
    """The words before a saying verb, back to the clause's start; with a name before an apposition."""
    before = passage[:verb].rstrip()
    before = before[:-1] if before.endswith(",") else before  # "X, the Taliban's spokesman, said"
    stops = [m.end() - 1 for m in _STOP.finditer(before)]
    dashes = [before.rfind(ch) + len(ch) - 1 for ch in (" - ", "\u2014", "\u2013") if ch in before]
    cut = max([before.rfind(ch) for ch in (",", ";", ":", '"', "“", "”", "(", ")", "\n")] + stops + dashes)
    raw = " ".join(before[cut + 1 :].split())
    phrase = _clean(raw)
    if before[cut : cut + 1] == "," and raw and (not phrase or _ASIDE.match(raw)):
        return _subject(before, cut)  # "The Taliban, however, said"; "A US official, speaking to …, said"
    if not phrase or not _is_name(phrase):
        return None
    m = re.search(r"([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}), $", before[: cut + 1] + " ")
    if (
        before[cut : cut + 1] == ","
        and m
        and raw.split()[0].lower() in ("the", "a", "an")
        and not _WHEN.search(m.group(1))
    ):
        return f"{m.group(1)}, {raw}"  # "Zabihullah Mujahid, the Taliban's spokesman, said"
    return phrase


# A day or a month is no name before an apposition: "In a statement on Saturday, a Taliban spokesman said"
_WHEN = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December)$"
)


# An aside between a speaker and its verb: a participle's or a relative clause
_ASIDE = re.compile(r"(?:\w+ing|who|which|citing|according)\b", re.I)


# A full stop that ends a sentence: not one inside an abbreviation (U.N., U.S.) or after an initial.
_STOP = re.compile(r"(?<![.\s][A-Za-z])(?<!\b[A-Z])\.\s")


_TRAILING = re.compile(
    r"(?:(?:^|\s+)(?:later|also|again|repeatedly|consistently|previously|have|has|had|then|now|always|"
    r"strongly|flatly|publicly|once|first|long|would|will|continue to|continued to|on \w+day|"
    r"in a statement|already|earlier|privately|the (?:next|following|same|previous) day|"
    r"(?:this|last) (?:week|month|year)|in (?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)(?: \d{4})?))+$",
    re.I,
)


_PARTICIPLE = re.compile(r"\s+(?:released|published|issued|seen|obtained|made public|circulated)\b.*$")


# "a report by UN monitors" names the monitors as the speaker; the report is the relayed origin.
_DOCUMENT_BY = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?:new|latest|recent|confidential|leaked|annual|\w+-page)\s+)*"
    r"(?:report|statement|assessment|study|letter|briefing|review|memo|document)\s+(?:by|from|of)\s+(?=\S)",
    re.I,
)


def _clean(text: str) -> str:
    text = _PARTICIPLE.sub("", text)
    name = _TRAILING.sub("", _LEADING.sub("", " ".join(text.split()))).strip(" '\"“”‘’")
    return (
        re.sub(r"^(?:the|The) ", "", name) if name[:4].lower() == "the " and _has_capital(name[4:]) else name
    )


def speaker_of(phrase: str | None) -> str | None:
    """Who speaks in `phrase`: "a report by UN monitors" is the monitors (the report is what is
    relayed, suggested apart as the origin)."""
    if not phrase:
        return phrase
    return _DOCUMENT_BY.sub("", phrase) or phrase


def _has_capital(text: str) -> bool:
    return any(w[:1].isupper() for w in text.split())


def _is_name(phrase: str) -> bool:
    """A speaker, not a clause: at most twelve words, each capitalised or a title's or role's word."""
    words = phrase.split()
    if not words or len(words) > 12 or phrase.lower() in _PRONOUNS or len(phrase) < 2:
        return False
    roles = 0
    for w in words:
        bare = re.sub(r"(?:'s|’s)$", "", w.strip(".,")).lower()
        if w[:1].isupper() or w[:1].isdigit():
            continue
        if bare not in _ROLE_WORDS:
            return False
        roles += bare not in (
            "a",
            "an",
            "the",
            "of",
            "for",
            "on",
            "and",
            "in",
            "at",
            "to",
            "from",
            "by",
            "with",
        )
    return _has_capital(phrase) or roles > 0


# --- parties ---------------------------------------------------------------------------------


def party_matchers(project) -> list[tuple[str, re.Pattern[str]]]:
    """Per party, one pattern of its short name and aliases (`*` any letters; capitals match with case)."""
    out = []
    agreement = getattr(project, "agreement", None)
    for p in getattr(agreement, "parties", None) or []:
        names = [p.short, *p.aliases]
        parts = []
        for n in names:
            body = r"[\s-]+".join(re.escape(w).replace(r"\*", r"\w*") for w in n.split())
            parts.append(body if any(c.isupper() for c in n[1:]) or n.isupper() else f"(?i:{body})")
        out.append((p.id, re.compile(rf"(?<![\w.])(?:{'|'.join(parts)})(?![\w])")))
    return out


def same_voice(a: str, b: str, matchers: list[tuple[str, re.Pattern[str]]]) -> bool:
    """Whether two speakers may be one voice: the same party, or, neither a party, names that share a
    capitalised word ("Colonel Sonny Leggett" and "Leggett"; not "UN monitors" and "Afghan officials")."""
    pa, pb = party_of(a, matchers), party_of(b, matchers)
    if pa is not None or pb is not None:
        return pa == pb
    return bool(_capitals(a) & _capitals(b)) or a.lower() == b.lower()


def _capitals(name: str) -> set[str]:
    return {w for w in re.findall(r"[A-Z][\w'-]+", name) if w not in ("The", "A", "An")}


def party_of(speaker: str | None, matchers: list[tuple[str, re.Pattern[str]]]) -> str | None:
    """The party a speaker is, by its names; None for anyone else or for a speaker naming two parties.

    Only the head of the phrase counts: "a UN report on the Taliban" is not the Taliban speaking."""
    if not speaker:
        return None
    head = re.split(r"\b(?:on|about|into|regarding|against|to)\b", speaker, maxsplit=1)[0]
    if _REPORT.search(head) and not re.search(r"\b(?:spokes\w+|minist\w+|official\w*)\b", head, re.I):
        return None  # a report about a party is not the party's word
    found = {pid for pid, rx in matchers if rx.search(head)}
    return found.pop() if len(found) == 1 else None


_PASSIVE = re.compile(r"\w+\s+(of|by|over)\b", re.I)
# where the subject of a charge or a denial starts: after a stop, "said", "that", or a conjunction that
# opens a clause ("Leggett's statement comes as the Taliban accused…")
_SUBJECT_START = re.compile(
    r".*(?:[.;:,\u2014]|\b(?:said|that|as|after|while|when|because|since|before|though|although)\b)",
    re.I | re.S,
)


def accusers(text: str, positions: list[int], matchers: list[tuple[str, re.Pattern[str]]]) -> set[str]:
    """The parties that make the charges at `positions` (the lexicon's accusation words), each
    named just before its word: "Leggett's statement comes as the Taliban accused US forces of
    carrying out air strikes" is the Taliban's charge, whoever the passage quotes. Not a passive
    ("the Taliban, accused of sheltering…", "blamed by Kabul"): its subject is the accused."""
    out = set()
    for pos in positions:
        if _PASSIVE.match(text, pos):
            continue
        before = text[max(0, pos - 60) : pos]
        m = _SUBJECT_START.match(before)
        party = party_of(before[m.end() :] if m else before, matchers)
        if party is not None:
            out.add(party)
    return out


# --- relayed reports -------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownOrigin:
    id: str
    stems: frozenset[str]  # of the description's first words, which name the body that made it
    first: date | None
    last: date | None
    date: str | None


def known_origins(project) -> list[KnownOrigin]:
    out = []
    for o in getattr(project, "origins", {}).values():
        if o.kind not in ("report", "statement"):
            continue  # an analysis, an event or an interview is not a report a document relays
        first, last = (parse_fuzzy(o.date)[:2]) if o.date else (None, None)
        head = " ".join(o.description.split()[:BODY_WORDS])
        out.append(KnownOrigin(o.id, frozenset(_stems(head)), first, last, o.date))
    return out


def _stems(text: str) -> set[str]:
    text = re.sub(r"\bU\.?N\.?(?=\s|$|[^\w])|\bUnited Nations\b", " un ", text)
    text = re.sub(r"\bU\.?S\.?(?=\s|$|[^\w])|\bUnited States\b", " us ", text)
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower())} - _GENERIC


def relayed(
    passage: str, speaker: str | None, origins: list[KnownOrigin], published: date | None
) -> dict | None:
    """The report a passage relays, {origin, description, date}: the existing origin of the same body
    (words in common) and date (the one stated, else the latest before publication), or origin None."""
    if not speaker or not _REPORT.search(speaker):
        return None
    stated = next(iter(find_dates(speaker)), None) or _month_after(passage, speaker, published)
    mine = _stems(speaker) - _ROLE_STEMS
    fits = []
    for o in origins:
        shared = mine & o.stems
        if not shared or (published and o.first and o.first > published):
            continue
        if stated and (not o.date or not (o.date.startswith(stated) or stated.startswith(o.date))):
            continue
        if not stated and published and (not o.last or (published - o.last).days > RECENT_DAYS):
            continue  # Why: "a UN report" unnamed and undated is the latest one, not one of years before
        fits.append((o.last or date.min, len(shared), o.id))
    description = speaker[0].upper() + speaker[1:]
    if not fits:
        return {"origin": None, "description": description, "date": stated}
    best = max(fits)
    return {"origin": best[2], "description": description, "date": stated}


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_RELEASED = re.compile(
    r"\b(?:released|published|issued|dated|made public)\s+(?:in|on|last)?\s*(" + "|".join(_MONTHS) + r")\b",
    re.I,
)


def _month_after(passage: str, speaker: str, published: date | None) -> str | None:
    """ "A UN report released in June": the month, in the year before publication that has it."""
    at = passage.find(speaker)
    m = _RELEASED.search(passage, max(0, at), max(0, at) + len(speaker) + 60) if at >= 0 else None
    if m is None or published is None:
        return None
    month = _MONTHS.index(m.group(1).lower()) + 1
    year = published.year if month <= published.month else published.year - 1
    return f"{year}-{month:02d}"


_PRONOUN_SAYS = re.compile(
    rf"\b(?:[Hh]e|[Ss]he|[Tt]hey)\s+(?:(?:also|later|again|had|has|have|already|then|repeatedly)\s+)*"
    rf"(?:{_VERBS})\b|[,\"”]\s+(?:{_VERBS})\s+(?:he|she)\b"
)


def by_pronoun(passage: str) -> bool:
    """ "He told Sputnik …", "…," she said": a speaker named before, by a pronoun."""
    return _PRONOUN_SAYS.search(passage) is not None


NEAR_SPEAKER = 600  # characters between a passage and the one before whose speaker its "he" may be


def voice_of(
    body: str, start: int, prior, matchers: list[tuple[str, re.Pattern[str]]]
) -> tuple[str | None, str | None]:
    """Who speaks, and the party if one does: the passage's speaker, or, where it is a pronoun ("he
    told Sputnik"), the speaker of the candidate just before (`prior`: its `attributed_to`, `party`
    and `end`)."""
    speaker = who_claims(body)
    near = prior is not None and prior.attributed_to and start - prior.end <= NEAR_SPEAKER
    if speaker is None and near and by_pronoun(body):
        return prior.attributed_to, prior.party
    return speaker, party_of(speaker, matchers)


def anaphoric(speaker: str | None) -> bool:
    """ "The monitors", "the report": a speaker named before, in words that name no one new."""
    if not speaker:
        return False
    return speaker.split()[0].lower() == "the" and not _has_capital(speaker[4:])
