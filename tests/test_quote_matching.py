"""Quote matching: the same places as a regular expression of the words joined by \\s+, in linear time."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.quotes import Haystack, find_verbatim, near_miss

TEXT = st.text(alphabet="ab. \t\n\r\x0b\x1c\u00a0\u2003\u2028", max_size=60)


def _regex(needle: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in needle.split()))


def _lines(text: str, offset: int) -> int:
    return len(re.findall(r"\r\n|\r|\n", text[:offset])) + 1


@settings(max_examples=400, deadline=None)
@given(TEXT, TEXT, st.integers(0, 60), st.integers(0, 60))
def test_same_places_as_the_regular_expression(text, noise, a, b):
    for needle in (text[a : a + b], noise):
        if not needle.split():
            assert find_verbatim(text, needle) is None
            continue
        m = _regex(needle).search(text)
        span = find_verbatim(text, needle)
        assert (span.start, span.end) == (m.start(), m.end()) if m else span is None
        if span:
            assert span.line == _lines(text, span.start)
        found = Haystack(text).find_all(needle)
        assert [(s.start, s.end) for s in found] == [mm.span() for mm in _regex(needle).finditer(text)]


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_near_miss_counts_the_longest_prefix_found(text, needle):
    words = needle.split()
    best = max(
        (k for k in range(len(words) + 1) if k == 0 or _regex(" ".join(words[:k])).search(text)), default=0
    )
    message = near_miss(text, needle)
    assert message == (
        ""
        if best == 0
        else f"; the first {best} of {len(words)} words match, then "
        f"'{' '.join(words[best : best + 4])}' differs"
    )


def test_lines_end_at_cr_lf_cr_or_lf():
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(["first line", "second  line", "", "the quote  is  here", "end"])
        span = find_verbatim(text, "the quote is here")
        assert span.line == 4 and text[span.start : span.end] == "the quote  is  here"


def test_quotes_of_a_cr_only_document_get_their_lines(tmp_path, monkeypatch):
    import hashlib
    import shutil
    from pathlib import Path

    from scorecard.pipeline import load_and_check

    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    lf, _ = load_and_check(Path("rules/mini"), Path("evidence"))
    for doc in (tmp_path / "evidence" / "documents").iterdir():
        old = hashlib.sha256(doc.read_bytes()).hexdigest()
        doc.write_bytes(doc.read_bytes().replace(b"\n", b"\r"))
        sources = tmp_path / "evidence" / "sources.yaml"
        new = hashlib.sha256(doc.read_bytes()).hexdigest()
        sources.write_text(sources.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    cr, problems = load_and_check(Path("rules/mini"), Path("evidence"))
    assert not problems
    assert {i: s.line for i, s in cr.spans.items()} == {i: s.line for i, s in lf.spans.items()}
    assert len({s.line for s in cr.spans.values()}) > 1
