"""The cache of parsed files: used when the bytes are the same, never trusted over the inputs.

Every test works on its own copy of the shipped data and its own cache folder.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from scorecard.cache import Cache
from scorecard.pipeline import load_and_check
from scorecard.report import build_report
from tests.conftest import EVIDENCE, REPORT_AS_OF, RULES, yaml_files_read


@pytest.fixture()
def data(tmp_path):
    rules, evidence = tmp_path / "rules" / "doha-2020", tmp_path / "evidence"
    shutil.copytree(RULES, rules)
    shutil.copytree(EVIDENCE, evidence)
    return rules, evidence


def _entries_of(rules: Path, evidence: Path, checked: bool = True) -> int:
    """Cache entries of one project: its YAML files', each document's quotes, and (when it loaded
    without a problem) the items files' checks, one entry for them all."""
    return yaml_files_read(rules, evidence) + len(list((evidence / "documents").iterdir())) + int(checked)


def _run(data, cache: Cache):
    project, problems = load_and_check(*data, cache=cache)
    return project, problems


def _json(project) -> str:
    return build_report(project, REPORT_AS_OF).model_dump_json()


def test_a_second_run_parses_nothing_and_scores_the_same(data, tmp_path):
    folder = tmp_path / "cache"
    first = Cache(folder)
    project, problems = _run(data, first)
    assert not problems
    assert first.hits == 0 and first.misses == _entries_of(*data)
    second = Cache(folder)
    again, problems = _run(data, second)
    assert not problems
    assert second.hits == _entries_of(*data) and second.misses == 0
    assert _json(again) == _json(project)


def test_after_one_edit_only_that_file_is_parsed_again_and_the_edit_counts(data, tmp_path):
    folder = tmp_path / "cache"
    before, _ = _run(data, Cache(folder))
    items = sorted((data[1] / "items").glob("*.yaml"))[0]
    text = items.read_text(encoding="utf-8")
    first_claim = next(line for line in text.splitlines() if line.startswith("  claim: "))
    items.write_text(text.replace(first_claim, first_claim + " (as edited)", 1), encoding="utf-8")
    cache = Cache(folder)
    after, problems = _run(data, cache)
    assert not problems
    # its data is a miss; the items files' checks are one entry, found, that does not hold the
    # edited file, which is checked again
    assert (cache.hits, cache.misses) == (_entries_of(*data) - 1, 1)
    edited = [i for i in after.items.values() if i.claim.endswith("(as edited)")]
    assert len(edited) == 1 and edited[0].id in before.items
    checks = [v for v in (_load(e) for e in _entries(folder)) if _is_checks(v)]
    edited_sha = hashlib.sha256(items.read_bytes()).hexdigest()
    assert len(checks) == 1 and edited_sha in checks[0]  # rewritten with the edited file,
    assert hashlib.sha256(text.encode()).hexdigest() not in checks[0]  # without the file it was
    assert len(checks[0]) == len(list((data[1] / "items").glob("*.yaml")))
    third = Cache(folder)
    _run(data, third)
    assert (third.hits, third.misses) == (_entries_of(*data), 0)


def _load(entry: Path):
    from scorecard.cache import _MAGIC, _PlainOnly

    payload = entry.read_bytes()[len(_MAGIC) + 2 * 65 :]  # after the magic, the key and the digest
    return _PlainOnly(io.BytesIO(payload)).load()[0]


def _is_checks(value) -> bool:
    """The items files' checks: {file sha256: {item id: [start, end, line]}}."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and len(k) == 64 for k in value)
        and all(isinstance(v, dict) and all(isinstance(x, list) for x in v.values()) for v in value.values())
    )


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "files").rglob("*.pickle"))


class _Runs:
    """Pickles as a call to os.mkdir: unpickled freely, the folder appears."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def _damage(kind: str, entry: Path, other: Path) -> None:
    raw = entry.read_bytes()
    if kind == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif kind == "flipped byte":
        entry.write_bytes(raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:])
    elif kind == "empty":
        entry.write_bytes(b"")
    elif kind == "not an entry":
        entry.write_bytes(b"hello\n" * 100)
    elif kind == "another file's entry":  # stale: sound, but made for other bytes
        entry.write_bytes(other.read_bytes())
    elif kind == "a pickled function":  # sound in every other way, but it would run code if unpickled freely
        head = raw.split(b"\n", 3)
        payload = pickle.dumps((_Runs(entry.with_suffix(".ran")),))
        digest = hashlib.sha256(payload).hexdigest().encode()
        entry.write_bytes(b"\n".join([head[0], head[1], digest, payload]))
    elif kind == "a folder":
        entry.unlink()
        entry.mkdir()
    elif kind == "a named pipe":  # opened for reading, it would wait for a writer forever
        entry.unlink()
        os.mkfifo(entry)


DAMAGE = [
    "truncated",
    "flipped byte",
    "empty",
    "not an entry",
    "another file's entry",
    "a pickled function",
    "a folder",
    "a named pipe",
]


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_or_stale_entry_is_never_used_and_is_rebuilt(data, tmp_path, kind):
    folder = tmp_path / "cache"
    project, _ = _run(data, Cache(folder))
    entries = _entries(folder)
    assert len(entries) == _entries_of(*data)
    for i, entry in enumerate(entries):
        _damage(kind, entry, entries[(i + 1) % len(entries)])
    cache = Cache(folder)
    again, problems = _run(data, cache)
    assert not problems
    assert cache.hits == 0
    assert _json(again) == _json(project)
    assert not list(folder.rglob("*.ran"))  # nothing in an entry ran
    if kind != "a folder":  # a folder in an entry's place cannot be replaced: the cache stops writing
        healed = Cache(folder)
        _run(data, healed)
        assert healed.hits == _entries_of(*data)


def test_a_problem_found_across_files_keeps_its_line_and_column_on_a_cached_file(data, tmp_path):
    folder = tmp_path / "cache"
    _run(data, Cache(folder))
    origins = data[1] / "origins.yaml"
    origins.write_text(
        origins.read_text(encoding="utf-8").replace("- id: un-mt-2020-05\n", "- id: un-mt-2020-5\n")
    )
    fresh, fresh_problems = load_and_check(*data)  # no cache
    cache = Cache(folder)
    _, problems = _run(data, cache)
    # the items files naming that origin came from the cache; with a problem loading, every items
    # file is checked again
    assert cache.hits == _entries_of(*data, checked=False) - 1
    assert problems == fresh_problems and any("unknown origin 'un-mt-2020-05'" in str(p) for p in problems)
    assert all(p.line > 1 for p in problems if "unknown origin" in p.message)


def test_a_file_with_a_problem_is_not_stored(data, tmp_path):
    folder = tmp_path / "cache"
    bad = data[1] / "origins.yaml"
    bad.write_text(bad.read_text(encoding="utf-8") + "\n- id: x\n  id: y\n")
    cache = Cache(folder)
    _, problems = _run(data, cache)
    assert any("duplicate key 'id'" in p.message for p in problems)
    assert len(_entries(folder)) == _entries_of(*data, checked=False) - 1


def test_the_cache_can_be_deleted_or_unwritable_at_any_time(data, tmp_path):
    folder = tmp_path / "cache"
    project, _ = _run(data, Cache(folder))
    shutil.rmtree(folder)
    again, problems = _run(data, Cache(folder))
    assert not problems and _json(again) == _json(project)
    shutil.rmtree(folder)
    folder.write_text("a file where the folder should be")
    blocked = Cache(folder)
    again, problems = _run(data, blocked)
    assert not problems and _json(again) == _json(project)
    assert blocked.folder is None and folder.read_text() == "a file where the folder should be"


def _cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", *args], capture_output=True, text=True, env=env, cwd=cwd
    )


@pytest.mark.slow
def test_cli_uses_the_cache_folder_named_and_no_cache_writes_nothing(data, tmp_path):
    rules, evidence = data
    folder = tmp_path / "cli-cache"
    env = {**os.environ, "SCORECARD_CACHE_DIR": str(folder)}
    args = ["--rules", str(rules), "--evidence", str(evidence)]
    for no_cache in (["--no-cache", "validate"], ["validate", "--no-cache"]):
        done = _cli(*no_cache, *args, env=env, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert not folder.exists()
    done = _cli("validate", *args, env={**env, "SCORECARD_NO_CACHE": "1"}, cwd=tmp_path)
    assert done.returncode == 0 and not folder.exists()
    cold = _cli("score", "--format", "json", "--as-of", str(date(2026, 11, 23)), *args, env=env, cwd=tmp_path)
    assert cold.returncode == 0 and len(_entries(folder)) == _entries_of(rules, evidence)
    warm = _cli("score", "--format", "json", "--as-of", str(date(2026, 11, 23)), *args, env=env, cwd=tmp_path)
    assert warm.stdout == cold.stdout


def test_a_folder_others_may_write_is_not_used(data, tmp_path):
    folder = tmp_path / "shared"
    _run(data, Cache(folder))
    folder.chmod(0o777)
    cache = Cache(folder)
    _, problems = _run(data, cache)
    assert not problems and cache.hits == 0 and cache.folder is None


def test_a_quote_found_before_is_found_again_and_a_changed_one_is_searched_for(data, tmp_path):
    folder = tmp_path / "cache"
    _run(data, Cache(folder))
    items = sorted((data[1] / "items").glob("*.yaml"))[0]
    text = items.read_text(encoding="utf-8")
    at = text.index("  quote: >-\n") + len("  quote: >-\n")
    at = text.index(" ", at + 5)  # after the quote's first word
    items.write_text(text[:at] + "x" + text[at:], encoding="utf-8")
    fresh, fresh_problems = load_and_check(*data)
    cache = Cache(folder)
    _, problems = _run(data, cache)
    assert problems == fresh_problems and any("quote not found verbatim" in p.message for p in problems)
    assert cache.hits == _entries_of(*data) - 1  # the edited file's data (its checks are not kept)


def test_checks_kept_for_an_items_file_are_redone_when_what_it_names_changes(data, tmp_path):
    folder = tmp_path / "cache"
    _run(data, Cache(folder))
    rule = data[0] / "obligations" / "part-two-3-not-host.yaml"
    rule.write_text(
        rule.read_text(encoding="utf-8").replace("- id: hosts-threatening-figures", "- id: hosts-figures"),
        encoding="utf-8",
    )
    fresh, fresh_problems = load_and_check(*data)
    _, problems = _run(data, Cache(folder))
    assert problems == fresh_problems
    assert any("has no indicator 'hosts-threatening-figures'" in p.message for p in problems)


@pytest.mark.parametrize("bad", [[-1, 5, 1], ["0", 5, 1], [0, 5], [0, 5, 1.5], None])
def test_a_kept_check_with_a_wrong_place_is_not_used(data, tmp_path, bad):
    """An entry sound as a file but holding a place that cannot be one: that items file is
    checked again, and the places are the ones found afresh."""
    from scorecard.integrity import _CheckedFiles

    folder = tmp_path / "cache"
    project, _ = _run(data, Cache(folder))
    cache = Cache(folder)
    kept = _CheckedFiles(project, cache)
    entry = kept._all()
    sha, spans = next(iter(sorted(entry.items())))
    iid = sorted(spans)[0]
    cache.put(kept.name, {**entry, sha: {**spans, iid: bad}})
    again, problems = _run(data, Cache(folder))
    assert not problems
    assert again.spans == project.spans


def test_an_entry_planted_without_the_folders_secret_is_not_used(data, tmp_path):
    """An entry made by anything but this code (a sound layout, a right key, a plain sha256 of
    its payload) is a miss: an items file planted empty still loads its real items."""
    from scorecard import yamlnodes
    from scorecard.cache import _MAGIC

    folder = tmp_path / "cache"
    project, _ = _run(data, Cache(folder))
    items_file = sorted((data[1] / "items").glob("*.yaml"))[0]
    sha = hashlib.sha256(items_file.read_bytes()).hexdigest()
    key = Cache.key(f"{sha} {yamlnodes.PARSER}")  # the parsed data's entry
    entry = Cache(folder)._path(key)
    payload = pickle.dumps(([],), protocol=5)
    entry.write_bytes(_MAGIC + f"{key}\n{hashlib.sha256(payload).hexdigest()}\n".encode() + payload)
    again, problems = _run(data, Cache(folder))
    assert not problems
    assert sorted(again.items) == sorted(project.items)


def test_a_remembered_place_of_a_quote_is_checked_against_the_document(data, tmp_path):
    """Even an entry signed with the folder's secret saves only the search: a quote not in its
    document is reported though the cache says where it stands."""
    folder = tmp_path / "cache"
    _run(data, Cache(folder))
    items_file = sorted((data[1] / "items").glob("*.yaml"))[0]
    items = yaml.safe_load(items_file.read_text("utf-8"))
    first = items[0]
    fake = "These words stand in no document of the evidence folder at all"
    first["quote"] = fake
    items_file.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True), encoding="utf-8")
    doc = next(
        s for s in yaml.safe_load((data[1] / "sources.yaml").read_text()) if s["id"] == first["source"]
    )
    doc_sha = hashlib.sha256((data[1] / doc["file"]).read_bytes()).hexdigest()
    cache = Cache(folder)
    cache.put(f"spans {doc_sha}", {f"1 {fake}": [[0, len(fake), 1]]})
    _, problems = _run(data, Cache(folder))
    assert [p.message for p in problems if "not found verbatim" in p.message], problems
