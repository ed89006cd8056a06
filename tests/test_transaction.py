"""Every write goes through one transaction: real processes racing, a held lock, a full disk, a
killed writer, and links, pipes and folders where files should be."""

from __future__ import annotations

import fcntl
import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ingest import ARTICLE, DATA, snapshot

OBLIGATIONS = (
    "part-two-5-no-travel-documents",
    "part-two-1-not-allow-soil-use",
    "part-one-a1-reduce-forces",
    "part-two-3-not-host",
)


def cli(*args: str, cwd: Path, env: dict | None = None, timeout: float = 60, **kw) -> subprocess.Popen:
    full = {**os.environ, "SCORECARD_NO_CACHE": "1", **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "scorecard", *args],
        cwd=cwd,
        env=full,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        **kw,
    )


def done(p: subprocess.Popen, timeout: float = 60) -> tuple[int, str, str]:
    out, err = p.communicate(timeout=timeout)
    return p.returncode, out, err


def ok(*args: str, cwd: Path, **kw) -> str:
    code, out, err = done(cli(*args, cwd=cwd, **kw))
    assert code == 0, err
    return err


def override(obligation: str, status: str | None, cwd: Path, **kw) -> subprocess.Popen:
    args = ["override", obligation, *([status] if status else ["--remove"])]
    return cli(*args, "-j", f"why {obligation}", "--reviewer", "ana", *DATA, cwd=cwd, **kw)


def audit(proj: Path) -> list[dict]:
    log = proj / "evidence" / "audit.log"
    return [json.loads(x) for x in log.read_text("utf-8").splitlines()] if log.exists() else []


def overrides(proj: Path) -> dict[str, str]:
    path = proj / "evidence" / "overrides.yaml"
    return (
        {e["obligation"]: e["status"] for e in yaml.safe_load(path.read_text("utf-8")) or []}
        if path.exists()
        else {}
    )


class held_lock:
    """The project's lock, taken by this test process as another writer would hold it."""

    def __init__(self, proj: Path):
        self.path = proj / "evidence" / ".scorecard.lock"

    def __enter__(self):
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        os.close(self.fd)


def waiting_for_lock(p: subprocess.Popen, proj: Path, timeout: float = 60) -> None:
    """Return once process `p` has the project's lock file open (it is waiting for the lock)."""
    lock = os.path.realpath(proj / "evidence" / ".scorecard.lock")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert p.poll() is None, p.communicate()
        try:
            fds = os.listdir(f"/proc/{p.pid}/fd")
        except FileNotFoundError:
            fds = []
        for fd in fds:
            try:
                if os.readlink(f"/proc/{p.pid}/fd/{fd}") == lock:
                    return
            except OSError:
                continue
        time.sleep(0.05)
    raise AssertionError("the writer never reached the lock")


def data_files(proj: Path) -> dict[str, str]:
    return {k: v for k, v in snapshot(proj / "evidence").items() if not k.endswith(".scorecard.lock")}


# Races -------------------------------------------------------------------------------------------


def test_two_overrides_at_once_both_kept_and_each_audited_once(proj):
    with held_lock(proj):  # both start, both wait for the lock, then run one after the other
        a = override(OBLIGATIONS[0], "compliant", proj)
        b = override(OBLIGATIONS[1], "not compliant", proj)
        waiting_for_lock(a, proj)
        waiting_for_lock(b, proj)
        time.sleep(0.3)
        assert a.poll() is None and b.poll() is None  # waiting, not writing
    for p in (a, b):
        code, _, err = done(p)
        assert code == 0, err
    assert overrides(proj) == {OBLIGATIONS[0]: "compliant", OBLIGATIONS[1]: "not compliant"}
    assert sorted(r["obligation"] for r in audit(proj)) == sorted(OBLIGATIONS[:2])
    ok("validate", *DATA, cwd=proj)


def test_a_writer_that_cannot_get_the_lock_says_busy_and_changes_nothing(proj):
    before = data_files(proj)
    with held_lock(proj):
        code, _, err = done(override(OBLIGATIONS[0], "compliant", proj, env={"SCORECARD_LOCK_WAIT": "0.5"}))
    assert code == 75, err
    assert "another scorecard command is changing" in err and "Traceback" not in err
    assert data_files(proj) == before


def _ingest_two(proj: Path) -> list[Path]:
    (proj / "inbox" / "a.html").write_text(ARTICLE, encoding="utf-8")
    other = ARTICLE.replace("Example News", "Other Wire").replace("2022-07-15", "2022-08-02")
    (proj / "inbox" / "b.html").write_text(other, encoding="utf-8")
    ok("ingest", "inbox/a.html", "inbox/b.html", *DATA, cwd=proj)
    reviews = sorted((proj / "evidence" / "review").glob("*.yaml"))
    assert len(reviews) == 2
    for review in reviews:
        data = yaml.safe_load(review.read_text("utf-8"))
        data["source"]["reliability"] = {"grade": "B", "reason": "Established outlet."}
        c = next(c for c in data["candidates"] if "passports" in c["quote"])
        c["decision"] = "accept"
        review.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return reviews


def test_two_review_applies_at_once_keep_both_sources(proj):
    reviews = _ingest_two(proj)
    with held_lock(proj):
        runs = [
            cli("review", str(r.relative_to(proj)), "--apply", "--reviewer", "ana", *DATA, cwd=proj)
            for r in reviews
        ]
        for p in runs:
            waiting_for_lock(p, proj)
    for p in runs:
        code, _, err = done(p)
        assert code == 0, err
    sources = {s["id"] for s in yaml.safe_load((proj / "evidence" / "sources.yaml").read_text("utf-8"))}
    ids = {yaml.safe_load(r.read_text("utf-8"))["source"]["id"] for r in reviews}
    assert ids <= sources
    assert sorted(r["source"] for r in audit(proj) if r["decision"] == "accept") == sorted(ids)
    ok("validate", *DATA, cwd=proj)


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(st.sampled_from(OBLIGATIONS), st.sampled_from(["compliant", "not compliant", None])),
        min_size=2,
        max_size=4,
    )
)
def test_writers_at_once_equal_some_serial_order(tmp_path_factory, changes):
    """N overrides started together: the file equals the changes applied in the order the audit log
    records them, and the log has exactly one record per change."""
    import shutil

    from conftest import ROOT

    proj = tmp_path_factory.mktemp("race")
    shutil.copytree(ROOT / "rules", proj / "rules")
    shutil.copytree(ROOT / "evidence", proj / "evidence")
    runs = [override(o, s, proj) for o, s in changes]
    results = [done(p, timeout=120) for p in runs]
    assert all(code == 0 for code, _, _ in results), [err for _, _, err in results]
    log = audit(proj)
    assert len(log) == len(changes)
    expected: dict[str, str] = {}
    for record in log:  # the order the changes were made in
        if record["decision"] == "override":
            expected[record["obligation"]] = record["status"]
        else:
            expected.pop(record["obligation"], None)
    assert overrides(proj) == expected
    assert sorted(((r["obligation"], r.get("status")) for r in log), key=str) == sorted(changes, key=str)


# The audit record is part of the transaction ------------------------------------------------------


@pytest.mark.parametrize("kind", ["folder", "fifo", "link"])
def test_an_audit_log_that_is_not_a_regular_file_stops_the_change_before_anything_is_written(
    proj, tmp_path, kind
):
    log = proj / "evidence" / "audit.log"
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched\n")
    if kind == "folder":
        log.mkdir()
    elif kind == "fifo":
        os.mkfifo(log)
    else:
        log.symlink_to(outside)
    before = data_files(proj)
    code, _, err = done(override(OBLIGATIONS[0], "compliant", proj), timeout=30)
    assert code == 1, err
    assert "evidence/audit.log" in err and "Traceback" not in err
    assert not (proj / "evidence" / "overrides.yaml").exists()
    assert data_files(proj) == before
    assert outside.read_text() == "untouched\n"


def test_logged_true_in_a_review_file_cannot_hide_an_accepted_item_from_the_audit(proj):
    reviews = _ingest_two(proj)
    data = yaml.safe_load(reviews[0].read_text("utf-8"))
    for c in data["candidates"]:
        c["logged"] = True
    reviews[0].write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    ok("review", str(reviews[0].relative_to(proj)), "--apply", "--reviewer", "ana", *DATA, cwd=proj)
    items = yaml.safe_load(
        next((proj / "evidence" / "items").glob(f"{data['source']['id']}.yaml")).read_text()
    )
    accepted = {r["item"] for r in audit(proj) if r["decision"] == "accept"}
    assert {i["id"] for i in items} == accepted and accepted


# Faults ------------------------------------------------------------------------------------------


def _small_file_limit(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_leaves_no_temporary_file_and_changes_nothing(proj):
    big = ARTICLE.replace("</body>", "<p>" + "More words about the Doha agreement. " * 4000 + "</p></body>")
    (proj / "inbox" / "big.html").write_text(big, encoding="utf-8")
    before = data_files(proj)
    p = cli("ingest", "inbox/big.html", *DATA, cwd=proj, preexec_fn=_small_file_limit(60_000))
    code, _, err = done(p)
    assert code == 3, err
    assert "nothing was changed" in err and "Traceback" not in err
    assert data_files(proj) == before
    leftovers = [
        p for p in (proj / "evidence").rglob("*") if p.name.endswith(".tmp") or "scorecard-tmp" in p.name
    ]
    assert leftovers == []


def test_a_writer_killed_in_the_middle_of_its_renames_is_completed_by_the_next(proj):
    """SIGKILL after the first of several renames: the next writer finishes the journalled change."""
    script = textwrap.dedent(
        """
        import os, signal, sys
        from pathlib import Path
        import scorecard.transaction as t
        real = os.rename
        count = [0]
        def rename(*a, **k):
            real(*a, **k)
            count[0] += 1
            if count[0] == 2:  # the journal, then one file: then the power goes
                os.kill(os.getpid(), signal.SIGKILL)
        t.os.rename = rename
        with t.open_transaction(Path("evidence")) as txn:
            txn.write("origins.yaml", txn.read("origins.yaml") + b"\\n# first\\n")
            txn.write("sources.yaml", txn.read("sources.yaml") + b"\\n# second\\n")
            txn.append("audit.log", b'{"decision": "test"}\\n')
            txn.commit()
        """
    )
    p = subprocess.run([sys.executable, "-c", script], cwd=proj, capture_output=True, text=True, timeout=60)
    assert p.returncode == -signal.SIGKILL, p.stderr
    assert (proj / "evidence" / ".scorecard.journal").exists()
    done_now = [
        (proj / "evidence" / "sources.yaml").read_text().endswith("# second\n"),
        (proj / "evidence" / "origins.yaml").read_text().endswith("# first\n"),
    ]
    assert done_now.count(True) == 1  # half done: exactly what a crash leaves
    ok("override", OBLIGATIONS[0], "compliant", "-j", "why", "--reviewer", "ana", *DATA, cwd=proj)
    assert (proj / "evidence" / "sources.yaml").read_text().endswith("# second\n")
    assert (proj / "evidence" / "origins.yaml").read_text().endswith("# first\n")
    assert [r["decision"] for r in audit(proj)] == ["test", "override"]
    assert not (proj / "evidence" / ".scorecard.journal").exists()
    assert not [p for p in (proj / "evidence").rglob("*scorecard-tmp")]


def test_sigterm_while_waiting_for_the_lock_changes_nothing(proj):
    before = data_files(proj)
    with held_lock(proj):
        p = override(OBLIGATIONS[0], "compliant", proj)
        waiting_for_lock(p, proj)
        p.send_signal(signal.SIGTERM)
        code, _, err = done(p)
    assert code == 143 and "no file was changed" in err
    assert data_files(proj) == before


# Nothing outside the project is read or written ---------------------------------------------------


def test_a_review_folder_that_links_out_of_the_project_gets_nothing(proj, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (proj / "evidence" / "review").symlink_to(outside)
    (proj / "inbox" / "a.html").write_text(ARTICLE, encoding="utf-8")
    code, _, err = done(cli("ingest", "inbox/a.html", *DATA, cwd=proj))
    assert code == 1, err
    assert "symbolic link" in err and "Traceback" not in err
    assert list(outside.iterdir()) == []
    assert not (proj / "evidence" / "documents" / "a.txt").exists()


@pytest.mark.parametrize("named", ["/etc/passwd", "/dev/zero", "../../outside.txt", "documents/fifo"])
def test_a_review_file_reads_only_regular_files_inside_the_evidence_folder(proj, named):
    reviews = _ingest_two(proj)
    if named == "documents/fifo":
        os.mkfifo(proj / "evidence" / "documents" / "fifo")
    (proj.parent / "outside.txt").write_text("secret outside\n")
    data = yaml.safe_load(reviews[0].read_text("utf-8"))
    data["source"]["file"] = named
    reviews[0].write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    before = data_files(proj)
    for extra in (["--apply"], []):
        p = cli("review", str(reviews[0].relative_to(proj)), *extra, "--reviewer", "ana", *DATA, cwd=proj)
        code, out, err = done(p, timeout=30)
        assert code == 1, err
        assert "root:" not in out + err and "secret outside" not in out + err and "Traceback" not in err
        assert "source.file" in err or "documents/fifo:1:1" in err
    assert data_files(proj) == before


def test_a_review_file_outside_the_evidence_folder_is_not_applied(proj):
    reviews = _ingest_two(proj)
    moved = proj / "inbox" / "r.yaml"
    moved.write_bytes(reviews[0].read_bytes())
    before = data_files(proj)
    code, _, err = done(cli("review", "inbox/r.yaml", "--apply", "--reviewer", "ana", *DATA, cwd=proj))
    assert code == 1 and "inside the evidence folder" in err
    assert data_files(proj) == before


def test_validate_reports_pipes_and_links_out_of_the_evidence_folder(proj, tmp_path):
    os.mkfifo(proj / "evidence" / "documents" / "stray.fifo")
    (tmp_path / "elsewhere").mkdir()
    (proj / "evidence" / "elsewhere").symlink_to(tmp_path / "elsewhere")
    code, _, err = done(cli("validate", *DATA, cwd=proj), timeout=30)
    assert code == 1
    assert "evidence/documents/stray.fifo:1:1: this file is a named pipe (FIFO), not a regular file" in err
    assert "evidence/elsewhere:1:1: this file leads through a symbolic link out of the data folder" in err


def test_new_files_follow_the_umask(proj):
    (proj / "inbox" / "a.html").write_text(ARTICLE, encoding="utf-8")
    p = cli("ingest", "inbox/a.html", *DATA, cwd=proj, preexec_fn=lambda: os.umask(0o022))
    assert done(p)[0] == 0
    review = next((proj / "evidence" / "review").glob("*.yaml"))
    assert review.stat().st_mode & 0o777 == 0o644
    text = next((proj / "evidence" / "documents").glob("*.txt"))
    assert text.stat().st_mode & 0o777 == 0o644


def test_the_same_document_ingested_twice_at_once_is_kept_once(proj):
    """The second ingest finds, under the lock, what the first wrote: refused, nothing doubled."""
    (proj / "inbox" / "a.html").write_text(ARTICLE, encoding="utf-8")
    (proj / "inbox" / "copy.html").write_text(ARTICLE, encoding="utf-8")
    with held_lock(proj):
        runs = [cli("ingest", f"inbox/{name}", *DATA, cwd=proj) for name in ("a.html", "copy.html")]
        for p in runs:
            waiting_for_lock(p, proj)
    results = sorted(done(p)[:3:2] for p in runs)
    assert [code for code, _ in results] == [0, 1], results
    assert "already ingested" in results[1][1]
    assert len(list((proj / "evidence" / "review").glob("*.yaml"))) == 1
    assert len(list((proj / "evidence" / "documents").glob("*.html"))) == 1
