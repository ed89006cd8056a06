"""Work shared out to forked processes and given back in order (scorecard/workers.py)."""

from __future__ import annotations

import os
import signal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard import workers


def _finish(weights: list[int], owner: list[int]) -> list[float]:
    cost = [1.0] + [workers.FORKED_COST] * max(owner, default=0)
    return [sum(w * cost[k] for w, o in zip(weights, owner, strict=True) if o == k) for k in range(len(cost))]


@given(st.lists(st.integers(0, 10_000), max_size=60), st.integers(1, 8))
def test_shares_end_together_and_leave_no_worker_idle(weights, jobs):
    owner = workers.shares(weights, jobs)
    assert len(owner) == len(weights)
    assert set(owner) == set(range(len(set(owner))))  # every worker has a share
    assert len(set(owner)) <= jobs
    if weights:
        assert owner[max(range(len(weights)), key=lambda i: (weights[i], -i))] == 0  # the heaviest here
        finish = _finish(weights, owner)
        # heaviest first, each to the worker done soonest: they end within one item of each other
        assert max(finish) - min(finish) <= max(weights) * workers.FORKED_COST + 1e-9


def test_shares_balance_time_not_count():
    # Equal items: a forked worker, slower per item (FORKED_COST), is given fewer.
    owner = workers.shares([1] * 90, 2)
    assert owner.count(0) > owner.count(1)
    assert abs(owner.count(0) - 90 / (1 + 1 / workers.FORKED_COST)) <= 1
    # One item outweighs the rest: it is one worker's whole share.
    weights = [10] * 20 + [1000] + [10] * 20
    owner = workers.shares(weights, 2)
    assert owner[20] == 0 and owner.count(0) == 1
    # Fewer items than workers: no worker is left without a share.
    assert workers.shares([1], 3) == [0]
    assert sorted(workers.shares([1, 1000, 1], 3)) == [0, 1, 2]


@pytest.mark.parametrize("jobs", [1, 2, 3, 7])
def test_results_come_in_order_whoever_made_them(jobs):
    weights = [5, 1, 1, 30, 2, 2, 2, 9, 0, 4]
    made = [m.decode() for m in workers.in_order(weights, lambda i: f"{i}:{os.getpid()}".encode(), jobs)]
    assert [m.split(":")[0] for m in made] == [str(i) for i in range(len(weights))]
    makers = {m.split(":")[1] for m in made}
    assert len(makers) == len(set(workers.shares(weights, jobs)))
    assert str(os.getpid()) in makers
    assert (len(makers) > 1) is (jobs > 1)


def test_large_and_unicode_results_arrive_whole():
    big = ("é—" * 400_000 + "\n").encode()  # several MB through the workers' files
    made = list(workers.in_order([1, 1, 1], lambda i: big * (i + 1), 3))
    assert made == [big, big * 2, big * 3]


def _fail_in_a_worker(i: int) -> bytes:
    if os.getpid() != PARENT[0] and i == 2:
        raise ValueError("item two is broken")
    return b"%d" % i


PARENT = [0]


def test_an_error_in_a_worker_is_raised_here_with_its_traceback():
    PARENT[0] = os.getpid()
    with pytest.raises(RuntimeError, match="ValueError: item two is broken") as raised:
        list(workers.in_order([1, 1, 1], _fail_in_a_worker, 3))
    assert "Traceback" in str(raised.value)


def test_a_worker_that_dies_is_reported_not_waited_for():
    PARENT[0] = os.getpid()

    def die(i: int) -> bytes:
        if os.getpid() != PARENT[0]:
            os.kill(os.getpid(), signal.SIGKILL)
        return b"%d" % i

    with pytest.raises(workers.WorkerDied, match=r"worker process \d+ was killed by SIGKILL") as raised:
        list(workers.in_order([1, 1], die, 2))
    assert "nothing was written" in str(raised.value)


def test_jobs_are_capped_at_the_work_available():
    """A huge --jobs neither builds lists of its length nor forks more workers than there is work."""
    import time

    start = time.monotonic()
    assert list(workers.in_order([1, 1, 1], lambda i: b"%d" % i, 10**12)) == [b"0", b"1", b"2"]
    assert time.monotonic() - start < 10


def test_stopping_early_ends_the_workers():
    gen = workers.in_order([1] * 6, lambda i: b"%d" % i, 3)
    assert next(gen) == b"0"
    gen.close()  # the consumer went away (a closed pipe): no worker is left running
    children = [p for p in os.listdir("/proc") if p.isdigit() and _parent_of(p) == os.getpid()]
    assert children == []


def _parent_of(pid: str) -> int:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return -1
