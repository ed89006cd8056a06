"""A table laid out to fit a terminal's width, ids never broken.

Pure: a Table and a width in, text out. Three layouts, the first that fits wins:
1. one line per row, text columns wrapped at spaces (never at hyphens), short headings
   and short level labels when the full ones do not fit;
2. each row opened by its lead columns (the id, clause, party) on a line of their own, the other
   columns in a table beneath, indented;
3. one block per row: the lead line, then each column as `heading  value`, wrapped.
Why never at a hyphen: ids contain hyphens, so "rferl-masri-killed-" / "ghazni" reads as two ids, and
a hyphenated word split the same way looks like one.
"""

from __future__ import annotations

import textwrap

from scorecard.views import Column, Table

GAP = 2


def _words(value: str, kind: str) -> list[str]:
    """The pieces a cell may be broken into."""
    if kind == "fixed":
        return [value]
    return value.split() or [""]


def _least(value: str, kind: str) -> int:
    return max((len(w.strip()) for w in _words(value, kind)), default=0)


def wrap(value: str, width: int, kind: str = "text") -> list[str]:
    """A cell's lines at `width`; an unbreakable piece longer than `width` stays whole."""
    if kind == "fixed" or len(value) <= width:
        return [value]
    return textwrap.wrap(value, width, break_long_words=False, break_on_hyphens=False) or [""]


def wrap_title(value: str, width: int) -> list[str]:
    """A title's lines at `width`: wrapped at spaces, and a word longer than a line (a long path)
    broken after a `/`, or anywhere when it has none where needed, so no line is wider. The
    pieces of a broken word each start a line of their own, never joined by a space."""
    lines: list[str] = []
    for word in value.split():
        first = True
        while word:
            cut = len(word) if len(word) <= width else (word.rfind("/", 0, width) + 1 or width)
            piece, word = word[:cut], word[cut:]
            if first and lines and len(lines[-1]) + 1 + len(piece) <= width:
                lines[-1] += " " + piece
            else:
                lines.append(piece)
            first = False
    return lines or [""]


def _shorten(cols: list[Column], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    heads = [c.brief or c.header for c in cols]
    return heads, [[c.short.get(v, v) for c, v in zip(cols, row, strict=True)] for row in rows]


def _widths(cols: list[Column], heads: list[str], rows: list[list[str]], room: int) -> list[int] | None:
    """Column widths that fit `room` (gaps included), or None when even the narrowest do not."""
    natural = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(heads)]
    least = [
        max([_least(h, "text")] + [_least(r[i], c.kind) for r in rows])
        for i, (c, h) in enumerate(zip(cols, heads, strict=True))
    ]
    room -= GAP * (len(cols) - 1)
    if sum(least) > room:
        return None
    spare, want = room - sum(least), [n - m for n, m in zip(natural, least, strict=True)]
    if sum(want) <= spare:
        return natural
    # Why in proportion to what each column lacks: a long title gains more than a short name.
    widths = [m + spare * w // sum(want) for m, w in zip(least, want, strict=True)]
    for i in sorted(range(len(widths)), key=lambda i: -want[i])[: room - sum(widths)]:
        widths[i] += 1
    return widths


def _grid(
    cols: list[Column], heads: list[str], rows: list[list[str]], widths: list[int], indent: str
) -> list[str]:
    def line(cells: list[str]) -> str:
        return (indent + (" " * GAP).join(c.ljust(w) for c, w in zip(cells, widths, strict=True))).rstrip()

    def block(cells: list[str], kinds: list[str]) -> list[str]:
        parts = [wrap(v, w, k) for v, w, k in zip(cells, widths, kinds, strict=True)]
        depth = max(len(p) for p in parts)
        return [line([p[i] if i < len(p) else "" for p in parts]) for i in range(depth)]

    out = block(heads, ["text"] * len(heads))
    out.append(line(["-" * w for w in widths]))
    body = [block(r, [c.kind for c in cols]) for r in rows]
    spaced = any(len(b) > 1 for b in body)
    for i, b in enumerate(body):
        out += ([""] if spaced and i else []) + b
    return out


def _lead_line(cells: list[str], width: int) -> list[str]:
    """The lead columns joined on one line; whole cells carried over when they do not fit."""
    out, cur = [], ""
    for c in cells:
        if cur and len(cur) + GAP + len(c) > width:
            out.append(cur)
            cur = "  " + c
        else:
            cur = f"{cur}{'  ' if cur else ''}{c}"
    return out + [cur]


def _records(cols: list[Column], rows: list[list[str]], width: int, lead: int) -> list[str]:
    heads = [c.brief or c.header for c in cols]
    pad = max(len(h) for h in heads[lead:]) + GAP
    out: list[str] = []
    for row in rows:
        out += ([""] if out else []) + _lead_line(row[:lead], width)
        for c, h, v in zip(cols[lead:], heads[lead:], row[lead:], strict=True):
            lines = wrap(v, max(width - 2 - pad, 1), c.kind)
            out.append(f"  {h.ljust(pad)}{lines[0]}".rstrip())
            out += [" " * (2 + pad) + x for x in lines[1:]]
    return out


def fit_table(t: Table, width: int | None) -> str:
    """The table within `width` columns (None: every row on one line, for --wide)."""
    cols, rows = t.cols(), t.rows
    title = [t.title, ""]
    if width is None:
        natural = [max([len(c.header)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
        return "\n".join(title + _grid(cols, [c.header for c in cols], rows, natural, "")) + "\n"
    title = [*wrap_title(t.title, width), ""]
    for heads, body in (([c.header for c in cols], rows), _shorten(cols, rows)):
        widths = _widths(cols, heads, body, width)
        if widths:
            return "\n".join(title + _grid(cols, heads, body, widths, "")) + "\n"
    heads, body = _shorten(cols, rows)
    lead = min(t.lead, len(cols) - 1)
    widths = _widths(cols[lead:], heads[lead:], [r[lead:] for r in body], width - 2)
    if widths:
        rest, heads = cols[lead:], heads[lead:]
        out = _grid(rest, heads, [], widths, "  ")
        n = len(out)
        for row in body:
            out += [""] + _lead_line(row[:lead], width) + _grid(rest, heads, [row[lead:]], widths, "  ")[n:]
        return "\n".join(title + out) + "\n"
    return "\n".join(title + _records(cols, rows, width, lead)) + "\n"
