"""Work shared out to forked processes and given back in order (scorecard/workers.py)."""

from __future__ import annotations

import os
import signal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard import workers


@given(st.lists(st.integers(0, 10_000), max_size=60), st.integers(1, 8))
def test_shares_are_runs_in_order_this_process_first(weights, jobs):
    owner = workers.shares(weights, jobs)
    assert len(owner) == len(weights)
    assert owner == sorted(owner)  # runs, in order
    assert all(0 <= k < jobs for k in owner)
    assert set(owner) == set(range(len(set(owner))))  # every worker has a run; this one the first


def test_shares_balance_time_not_count():
    mine = 1 / (1 + 1 / workers.FORKED_COST)  # this process's part of the weight with one worker
    # Equal items: a forked worker, slower per item (FORKED_COST), is given fewer.
    assert workers.shares([1] * 90, 2).count(0) == round(90 * mine)
    # One heavy item, then light ones: this process takes the heavy one and a few light ones.
    weights = [1000] + [10] * 100
    owner = workers.shares(weights, 2)
    here = sum(w for w, k in zip(weights, owner, strict=True) if k == 0)
    assert abs(here - mine * sum(weights)) <= 10
    # Fewer items than workers, or one that outweighs the rest: no worker is left without a run.
    assert workers.shares([1], 3) == [0]
    assert workers.shares([1, 1000, 1], 3) == [0, 1, 2]


@pytest.mark.parametrize("jobs", [1, 2, 3, 7])
def test_results_come_in_order_whoever_made_them(jobs):
    weights = [5, 1, 1, 30, 2, 2, 2, 9, 0, 4]
    made = list(workers.in_order(weights, lambda i: f"{i}:{os.getpid()}", jobs))
    assert [m.split(":")[0] for m in made] == [str(i) for i in range(len(weights))]
    makers = {m.split(":")[1] for m in made}
    assert len(makers) == len(set(workers.shares(weights, jobs)))
    assert str(os.getpid()) in makers
    assert (len(makers) > 1) is (jobs > 1)


def test_large_and_unicode_results_arrive_whole():
    big = "é—" * 400_000 + "\n"  # several MB through the workers' files
    made = list(workers.in_order([1, 1, 1], lambda i: big * (i + 1), 3))
    assert made == [big, big * 2, big * 3]


def _fail_in_a_worker(i: int) -> str:
    if os.getpid() != PARENT[0] and i == 2:
        raise ValueError("item two is broken")
    return str(i)


PARENT = [0]


def test_an_error_in_a_worker_is_raised_here_with_its_traceback():
    PARENT[0] = os.getpid()
    with pytest.raises(RuntimeError, match="ValueError: item two is broken") as raised:
        list(workers.in_order([1, 1, 1], _fail_in_a_worker, 3))
    assert "Traceback" in str(raised.value)


def test_a_worker_that_dies_is_reported_not_waited_for():
    PARENT[0] = os.getpid()

    def die(i: int) -> str:
        if os.getpid() != PARENT[0]:
            os.kill(os.getpid(), signal.SIGKILL)
        return str(i)

    with pytest.raises(RuntimeError, match="ended without its results"):
        list(workers.in_order([1, 1], die, 2))


def test_stopping_early_ends_the_workers():
    gen = workers.in_order([1] * 6, str, 3)
    assert next(gen) == "0"
    gen.close()  # the consumer went away (a closed pipe): no worker is left running
    children = [p for p in os.listdir("/proc") if p.isdigit() and _parent_of(p) == os.getpid()]
    assert children == []


def _parent_of(pid: str) -> int:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return -1
