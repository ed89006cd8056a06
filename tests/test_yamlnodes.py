"""The YAML reader: every value that cannot be built is a located problem, and reading goes on."""

from __future__ import annotations

import pytest

from scorecard.yamlnodes import parse_yaml

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
