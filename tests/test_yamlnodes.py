"""The YAML reader: every value that cannot be built is a located problem, and reading goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.yamlnodes import _GAVE_UP, _lean, _parse_full, parse_yaml
from tests.test_fuzz_loader import SNIPPETS

UNREADABLE = [
    "0x_",
    "0b_",
    "-0x_",
    "+0x_",
    "9" * 4301,
    "1" + ":0" * 5000,
    "!!int abc",
    '!!int ""',
    '!!float ""',
    "!!float hello",
    "!!bool maybe",
    "!!bool ''",
    "!!int 1.5",
]


@pytest.mark.parametrize("value", UNREADABLE)
def test_unreadable_scalar_is_a_located_problem(value):
    located = parse_yaml(f"a: 1\nb: {value}\nc: 3\n")
    assert [(p.line, p.col) for p in located.problems] == [(2, 4)], located.problems
    assert located.data == {"a": 1, "b": None, "c": 3}
    assert located.spoilt(("b",)) and not located.spoilt(("c",))


def test_problems_are_all_collected():
    text = '- &x a\n- *x\n- {k: 1, k: 2}\n- !!python/name:os.system x\n- "\\x07"\n- 0x_\n'
    located = parse_yaml(text)
    assert [p.line for p in located.problems] == [1, 3, 4, 5, 6]
    assert located.complete and len(located.data) == 6


def test_syntax_error_ends_the_file_but_keeps_earlier_problems():
    located = parse_yaml("a: 0x_\nb: [1\n")
    assert [p.line for p in located.problems] == [1, 3]
    assert not located.complete and located.data is None


@pytest.mark.parametrize(
    "text",
    [
        "[" * 70 + "]" * 70,
        "[" * 5000 + "]" * 5000,
        "{a: " * 2000 + "}" * 2000,
        "".join(" " * n + "- \n" for n in range(0, 200, 2)) + " " * 200 + "x\n",
    ],
)
def test_deep_nesting_is_reported_by_the_projects_own_check(text):
    located = parse_yaml(text)
    assert [p.message for p in located.problems] == ["nested more than 64 levels deep"]


def test_one_pass_positions_match_the_text():
    located = parse_yaml("a:\n  b: [1, {c: 2}]\n  'd': x\n")
    assert located.values[("a", "b", 1, "c")] == (2, 14)
    assert located.keys[("a", "d")] == (3, 3)


# The lean pass and the full pass must agree: same data when the file has nothing to report, and
# the lean pass gives up whenever the full pass reports anything.
ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(
    [
        *(ROOT / "rules").rglob("*.yaml"),
        *(ROOT / "evidence").rglob("*.yaml"),
        *(ROOT / "tests").rglob("*.yaml"),
    ]
)


def _agree(text: str) -> None:
    full = _parse_full(text)
    lean = _lean(text)
    if full.problems or not full.complete:
        assert lean is _GAVE_UP, (text, full.problems)
    elif lean is not _GAVE_UP:
        assert lean == full.data and _types(lean) == _types(full.data)


def _types(value):
    """The data with each leaf's type beside it (1 == 1.0 == True in Python)."""
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return (type(value).__name__, repr(value))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_lean_pass_reads_every_shipped_file_as_the_full_pass(path):
    text = path.read_text(encoding="utf-8")
    _agree(text)
    if not _parse_full(text).problems:
        assert _lean(text) is not _GAVE_UP, "a valid shipped file needed the slow pass"


def test_positions_are_found_when_asked_for_after_the_lean_pass():
    located = parse_yaml("a:\n  b: [1, {c: 2}]\n  'd': x\n")
    assert located.text is not None  # nothing to report: no positions yet
    assert located.where(("a", "b", 1, "c")) == (2, 14)
    assert located.text is None and located.keys[("a", "d")] == (3, 3)


@settings(max_examples=400, deadline=None)
@given(
    base=st.sampled_from([p for p in SHIPPED if p.stat().st_size < 20_000]),
    edits=st.lists(
        st.tuples(
            st.floats(0, 1),
            st.sampled_from(SNIPPETS) | st.text(st.characters(codec="utf-8"), max_size=4),
        ),
        max_size=3,
    ),
)
def test_lean_and_full_pass_agree_on_edited_files(base, edits):
    text = base.read_text(encoding="utf-8")
    for where, what in edits:
        i = int(where * len(text))
        text = text[:i] + what + text[i:]
    _agree(text)
