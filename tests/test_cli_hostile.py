"""The CLI against hostile input and a hostile environment: odd file names, odd output targets,
broken pipes, full disks, closed streams, signals, narrow locales and markup in the data.

Each case states the exact exit code and message, that nothing printed a traceback, and that every
file that existed before is byte-identical afterwards. Cases about real stdout, pipes, signals and
locales run the installed `scorecard` in a subprocess; the others run in-process with CliRunner.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from scorecard.cli import app

SCORECARD = str(Path(sys.executable).with_name("scorecard"))
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
MINI = ["--rules", "rules/mini", "--evidence", "evidence"]
AS_OF = "2026-11-23"
ESC_NAME = "a\nb\x1b]0;pwned\x07.yaml"


def mini(tmp_path: Path) -> Path:
    """A private copy of the minimal fixture (rules/mini and evidence/)."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    return root


def snapshot(*folders: Path) -> dict[Path, bytes]:
    """Every regular file under the folders, with its bytes (symlinks and devices are not followed)."""
    return {
        p: p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file() and not p.is_symlink()
    }


def cli(*args: str, cwd: Path | None = None):
    """The CLI in-process, optionally from another working directory."""
    here = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(app, list(args))
    finally:
        os.chdir(here)


def proc(*args: str, cwd: Path | None = None, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """The installed `scorecard` in a real process; stdout and stderr as bytes."""
    return subprocess.run(
        [SCORECARD, *args], cwd=cwd, capture_output=True, timeout=120, env={**os.environ, **(env or {})}, **kw
    )


def no_traceback(*streams: str | bytes) -> None:
    text = "".join(s.decode("utf-8", "replace") if isinstance(s, bytes) else s for s in streams)
    assert "Traceback" not in text and "Exception ignored" not in text and "internal error" not in text


# --- control characters in messages -----------------------------------------------------------


def test_file_name_with_newline_and_escape_cannot_forge_lines_or_drive_the_terminal(tmp_path):
    root = mini(tmp_path)
    (root / "evidence" / "items" / ESC_NAME).write_text("a: [\n", encoding="utf-8")
    before = snapshot(root)
    r = proc("validate", *MINI, cwd=root)
    assert r.returncode == 1
    lines = r.stderr.decode().splitlines()
    assert lines == [
        r"evidence/items/a\nb\x1b]0;pwned\x07.yaml:2:1: YAML syntax: while parsing a flow node did not find "
        "expected node content",
        "scorecard: 1 problem(s) found; nothing was scored",
    ]
    assert b"\x1b" not in r.stderr and b"\x07" not in r.stderr and r.stdout == b""
    no_traceback(r.stderr)
    assert snapshot(root) == before


def test_unknown_id_with_controls_and_bidi_is_shown_escaped():
    r = cli("show", "x\x1b[2J\u202egnp.exe\r")
    assert r.exit_code == 2
    assert r.stderr.startswith(r"scorecard: unknown obligation 'x\x1b[2J\u202egnp.exe\r'")
    assert "\x1b" not in r.stderr and "\u202e" not in r.stderr and "\r" not in r.stderr
    assert r.stderr.count("\n") == 1


# --- dates in arguments and the environment ---------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "20210501",
        "2021-W01-1",
        "2021-05-01T00:00",
        "2021-5-1",
        "２０２１-05-01",
        " 2021-05-01",
        "2021-05-01\n",
    ],
)
@pytest.mark.parametrize("option", ["--as-of", "--previous"])
def test_only_yyyy_mm_dd_is_a_date(option, value):
    r = cli("score", option, value)
    assert r.exit_code == 2
    assert "is not a date: write YYYY-MM-DD, e.g. 2021-05-01" in r.stderr and r.stdout == ""
    no_traceback(r.stderr)


@pytest.mark.parametrize(
    "value,needle",
    [
        ("abc", "is not a whole number of seconds"),
        ("-1", "is not a whole number of seconds"),
        ("1.5", "is not a whole number of seconds"),
        ("\u00b2", "is not a whole number of seconds"),
        ("99999999999999999999", "is after 9999-12-31"),
        ("253402300800", "is after 9999-12-31"),
    ],
)
@pytest.mark.parametrize("html", [False, True])
def test_malformed_source_date_epoch_is_a_usage_error(tmp_path, monkeypatch, value, needle, html):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    target = tmp_path / ("out.html" if html else "out.pdf")
    target.write_bytes(b"precious")
    r = cli("report", "--as-of", AS_OF, *(["--html"] if html else []), "-o", str(target))
    assert r.exit_code == 2
    assert r.stderr == f"scorecard: SOURCE_DATE_EPOCH={value!r} {needle}" + r.stderr.split(needle, 1)[1]
    assert "unset it or fix it" in r.stderr
    no_traceback(r.stderr)
    assert target.read_bytes() == b"precious" and [p.name for p in tmp_path.iterdir()] == [target.name]


def test_source_date_epoch_empty_means_unset_and_the_last_second_is_accepted():
    from scorecard.render.epoch import LATEST, source_date_epoch

    assert source_date_epoch({"SOURCE_DATE_EPOCH": ""}) is None
    assert source_date_epoch({}) is None
    assert source_date_epoch({"SOURCE_DATE_EPOCH": str(LATEST)}) == LATEST == 253402300799


# --- markup in the data, rendered as Markdown -------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
    "![i](http://127.0.0.1/t.png) <javascript:alert(4)> `code` *em* __strong__ ~~gone~~ $x$ "
    "a|b c\\d &amp; # h"
)


def hostile_data(tmp_path: Path) -> Path:
    """The minimal fixture with markup in an agreement title, a source title and an evidence claim."""
    import yaml

    root = mini(tmp_path)
    for rel, edit in [
        ("rules/mini/agreement.yaml", lambda d: d.update(title=HOSTILE)),
        ("evidence/sources.yaml", lambda d: d[0].update(title=HOSTILE, publisher=HOSTILE)),
        ("evidence/items/valley-news.yaml", lambda d: d[0].update(claim=HOSTILE)),
    ]:
        path = root / rel
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.mark.parametrize("command", ["score", "sources", "evidence"])
def test_markdown_shows_markup_from_the_data_as_text(tmp_path, command):
    markdown_it = pytest.importorskip("markdown_it")
    root = hostile_data(tmp_path)
    r = cli(command, *MINI, "--as-of", AS_OF, "--format", "markdown", cwd=root)
    assert r.exit_code == 0, r.stderr
    page = markdown_it.MarkdownIt("commonmark").enable("table").render(r.stdout)
    for tag in ("<script", "<img", "<a ", "<code", "<em", "<strong", "<s>", "<h3", "<br"):
        assert tag not in page, tag
    text = page.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    assert HOSTILE in text  # every character shown, in order
    # The table, then (score) a blank line and what its words mean, one list item per line.
    head, _, rest = r.stdout.partition("\n\n")
    table, _, notes = rest.partition("\n\n")
    rows = [head] + table.splitlines()
    assert all(line.startswith("|") for line in rows[1:]) and len(rows) > 3
    assert all(line.startswith("- ") for line in notes.splitlines())
    if command == "score":
        assert (
            rows[0] == "## " + r"&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; "
            r"\[click\](javascript:alert(3)) !\[i\](http://127.0.0.1/t.png) &lt;javascript:alert(4)&gt; \`code\` "
            r"\*em\* \_\_strong\_\_ \~\~gone\~\~ \$x\$ a\|b c\\d &amp;amp; \# h"
            ": compliance as of 2026-11-23"
        )


def test_markdown_cell_is_one_line_whatever_breaks_it_holds():
    from scorecard.render.tabular import render_markdown
    from scorecard.views import Table

    out = render_markdown(
        Table("t\nx", ["a", "b"], [["one\ntwo\r\nthree\rfour", "five\u2028six\x85seven\x0beight"]])
    )
    lines = out.splitlines()  # str.splitlines also breaks at \x85, \u2028, \v...
    assert len(lines) == 5 and lines[0] == "## t x"
    assert " ".join(lines[4].split()) == "| one two three four | five six seven eight |"


# --- report: the file name and the format agree ------------------------------------------------


def test_report_html_without_o_writes_scorecard_html(tmp_path):
    root = mini(tmp_path)
    before = snapshot(root)
    r = cli("report", *MINI, "--as-of", AS_OF, "--html", cwd=root)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == "wrote scorecard.html\n" and r.stdout == ""
    assert (root / "scorecard.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert not (root / "scorecard.pdf").exists()
    assert {p: b for p, b in snapshot(root).items() if p.name != "scorecard.html"} == before


@pytest.mark.slow
def test_report_without_o_writes_scorecard_pdf(tmp_path):
    root = mini(tmp_path)
    r = cli("report", *MINI, "--as-of", AS_OF, cwd=root)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == "wrote scorecard.pdf\n"
    assert (root / "scorecard.pdf").read_bytes().startswith(b"%PDF-") and not (
        root / "scorecard.html"
    ).exists()


@pytest.mark.parametrize(
    "name,html,message",
    [
        (
            "out.pdf",
            True,
            "-o {o} names a PDF but --html writes HTML: use -o {stem}.html, or drop --html for a PDF",
        ),
        (
            "OUT.PDF",
            True,
            "-o {o} names a PDF but --html writes HTML: use -o {stem}.html, or drop --html for a PDF",
        ),
        (
            "out.html",
            False,
            "-o {o} names an HTML page but report writes a PDF: add --html, or use -o {stem}.pdf",
        ),
        (
            "out.htm",
            False,
            "-o {o} names an HTML page but report writes a PDF: add --html, or use -o {stem}.pdf",
        ),
    ],
)
def test_report_refuses_an_extension_that_names_the_other_format(tmp_path, name, html, message):
    target = tmp_path / name
    target.write_bytes(b"precious")
    r = cli("report", "--as-of", AS_OF, *(["--html"] if html else []), "-o", str(target))
    assert r.exit_code == 2
    assert r.stderr == "scorecard: " + message.format(o=target, stem=target.with_suffix("")) + "\n"
    assert r.stdout == "" and target.read_bytes() == b"precious" and list(tmp_path.iterdir()) == [target]


# --- -o never overwrites an input ---------------------------------------------------------------

COMMANDS_WITH_O = [
    ["score", "--as-of", AS_OF],
    ["show", "article-1-remove-fence", "--as-of", AS_OF],
    ["rules"],
    ["sources", "--as-of", AS_OF],
    ["evidence", "--as-of", AS_OF],
    ["report", "--html", "--as-of", AS_OF],
]


@pytest.mark.parametrize("command", COMMANDS_WITH_O, ids=lambda c: c[0])
@pytest.mark.parametrize(
    "target,what",
    [
        ("evidence/sources.yaml", "inside the evidence folder in use (evidence)"),
        ("evidence/documents/x.html", "inside the evidence folder in use (evidence)"),
        ("evidence", "inside the evidence folder in use (evidence)"),
        ("rules/mini/agreement.yaml", "inside the rules folder in use (rules/mini)"),
        ("rules/mini/obligations/../../mini/./new.html", "inside the rules folder in use (rules/mini)"),
        (
            "evidence/documents/../../rules/mini/obligations/article-1-remove-fence.yaml",
            "inside the rules folder in use (rules/mini)",
        ),
        ("link-to-sources.html", "inside the evidence folder in use (evidence)"),
        ("link-to-evidence/items/new.html", "inside the evidence folder in use (evidence)"),
    ],
)
def test_output_inside_the_rules_or_evidence_in_use_is_refused(tmp_path, command, target, what):
    root = mini(tmp_path)
    (root / "link-to-sources.html").symlink_to(root / "evidence" / "sources.yaml")
    (root / "link-to-evidence").symlink_to(root / "evidence", target_is_directory=True)
    before = snapshot(root)
    r = cli(*command, *MINI, "-o", target, cwd=root)
    assert r.exit_code == 2
    assert r.stderr == (
        f"scorecard: refusing to write {Path(target)}: it is {what}, and inputs are never overwritten; "
        "choose a path outside it\n"
    )
    assert r.stdout == "" and snapshot(root) == before
    assert sorted(p.name for p in root.iterdir()) == [
        "evidence",
        "link-to-evidence",
        "link-to-sources.html",
        "rules",
    ]


@pytest.mark.parametrize(
    "command", [c for c in COMMANDS_WITH_O if c[0] not in ("rules", "sources")], ids=lambda c: c[0]
)
def test_output_onto_the_policy_in_use_is_refused(tmp_path, command):
    root = mini(tmp_path)
    policy = root / "policy.html"
    shutil.copyfile(ROOT / "scorecard" / "policy.yaml", policy)
    before = snapshot(root)
    r = cli(*command, *MINI, "--policy", "policy.html", "-o", "./policy.html", cwd=root)
    assert r.exit_code == 2
    assert r.stderr == (
        "scorecard: refusing to write policy.html: it is the policy file in use, and inputs are "
        "never overwritten; choose another path\n"
    )
    assert snapshot(root) == before


@pytest.mark.parametrize("command", COMMANDS_WITH_O, ids=lambda c: c[0])
def test_output_onto_the_packaged_policy_is_refused(tmp_path, command):
    shipped = ROOT / "scorecard" / "policy.yaml"
    link = tmp_path / "policy.html"
    link.symlink_to(shipped)
    before = shipped.read_bytes()
    r = cli(*command, "-o", str(link))
    assert r.exit_code == 2 and "it is the policy file in use" in r.stderr
    assert shipped.read_bytes() == before and link.is_symlink()


# --- -o onto things that are not regular files --------------------------------------------------


def test_output_onto_a_folder_exits_3(tmp_path):
    r = cli("score", "--as-of", AS_OF, "-o", str(tmp_path))
    assert r.exit_code == 3
    assert (
        r.stderr == f"scorecard: cannot write {tmp_path}: it is a folder; name a file (in it or elsewhere); "
        "nothing was written\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_output_onto_a_socket_exits_3(tmp_path):
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        r = cli("score", "--as-of", AS_OF, "-o", str(path))
    assert r.exit_code == 3
    assert (
        r.stderr == f"scorecard: cannot write {path}: it is a socket, which scorecard never writes into; "
        "nothing was written\n"
    )
    assert path.is_socket() and sorted(tmp_path.iterdir()) == [path]


def test_output_through_a_symlink_replaces_the_file_and_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "score.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    real.chmod(0o640)
    link, chain = tmp_path / "link.csv", tmp_path / "chain.csv"
    link.symlink_to(Path("real") / "score.csv")
    chain.symlink_to(link)
    r = cli("score", "--as-of", AS_OF, "--format", "csv", "-o", str(chain))
    assert r.exit_code == 0, r.stderr
    assert r.stderr == f"wrote {chain}\n"
    assert chain.is_symlink() and link.is_symlink() and os.readlink(link) == "real/score.csv"
    assert (
        real.read_text().startswith("obligation,clause,party,status") and real.stat().st_mode & 0o777 == 0o640
    )
    assert sorted(p.name for p in real.parent.iterdir()) == ["score.csv"]  # no temporary left beside it


def test_output_through_a_dangling_symlink_creates_its_file(tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to("made.csv")
    r = cli("rules", "--format", "csv", "-o", str(link))
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and (tmp_path / "made.csv").read_text().startswith("obligation,")


def test_output_onto_a_character_device_writes_into_it_and_keeps_it(tmp_path):
    """A copy of /dev/null's device node (made here, so that a mistake cannot harm the real one)."""
    import stat

    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    link = tmp_path / "link"
    link.symlink_to(node)
    for target in (node, link):
        r = cli("score", "--as-of", AS_OF, "-o", str(target))
        assert r.exit_code == 0, r.stderr
        assert stat.S_ISCHR(node.lstat().st_mode) and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "null"]


def test_output_onto_dev_full_exits_3():
    r = cli("score", "--as-of", AS_OF, "-o", "/dev/full")
    assert r.exit_code == 3
    assert r.stderr == "scorecard: cannot write /dev/full: No space left on device\n"
    assert Path("/dev/full").is_char_device()


def test_output_into_a_fifo_is_read_by_its_reader(tmp_path):
    import threading

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    r = proc("rules", "--format", "csv", "-o", str(fifo))
    reader.join(timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stderr == f"wrote {fifo}\n".encode() and r.stdout == b""
    assert got and got[0].startswith(b"obligation,clause,party")
    assert fifo.is_fifo() and list(tmp_path.iterdir()) == [fifo]


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_output_to_dev_stdout_is_stdout_and_never_replaces_what_it_points_to(tmp_path, name):
    log = tmp_path / "log.txt"
    log.write_bytes(b"kept\n")
    with open(log, "ab") as out:
        r = subprocess.run(
            [SCORECARD, "rules", "--format", "csv", "-o", name],
            stdout=out,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert r.returncode == 0 and r.stderr == b""
    text = log.read_bytes()
    assert text.startswith(b"kept\nobligation,clause,party") and list(tmp_path.iterdir()) == [log]


# --- signals: no temporary file survives --------------------------------------------------------


def _wait_for(predicate, timeout: float = 60.0) -> None:
    import time

    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


@pytest.mark.parametrize(
    "signame,delay",
    [
        pytest.param("SIGTERM", 0.0, marks=pytest.mark.slow),
        ("SIGTERM", 0.3),
        pytest.param("SIGTERM", 1.0, marks=pytest.mark.slow),
        pytest.param("SIGTERM", 1.5, marks=pytest.mark.slow),
        ("SIGINT", 0.5),
        pytest.param("SIGHUP", 0.5, marks=pytest.mark.slow),
    ],
)
def test_a_signal_while_the_pdf_is_typeset_leaves_no_temporary_and_the_old_file(tmp_path, signame, delay):
    """The temporary file exists from the start of the work (the target is opened first), so a signal
    at any moment of typesetting finds one to remove."""
    import signal
    import time

    target = tmp_path / "out.pdf"
    target.write_bytes(b"precious")
    sig = getattr(signal, signame)
    p = subprocess.Popen(
        [SCORECARD, "report", "--as-of", AS_OF, "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # as a terminal delivers it, however the suite was started (`&` ignores SIGINT, nohup SIGHUP)
        preexec_fn=lambda: signal.signal(sig, signal.SIG_DFL),
    )
    try:
        _wait_for(lambda: list(tmp_path.glob(".out.pdf.*.tmp")))
        time.sleep(delay)
        p.send_signal(sig)
        out, err = p.communicate(timeout=120)
    finally:
        p.kill()
    number = getattr(signal, signame).value
    assert p.returncode == 128 + number, err
    assert err == f"scorecard: stopped by {signame}; no file was changed\n".encode() and out == b""
    assert list(tmp_path.iterdir()) == [target] and target.read_bytes() == b"precious"


@pytest.mark.slow
def test_a_signal_the_caller_ignores_stays_ignored(tmp_path):
    """Under nohup (SIGHUP ignored) a hang-up does not stop the command."""
    import signal

    root = mini(tmp_path)
    p = subprocess.Popen(
        [SCORECARD, "report", *MINI, "--as-of", AS_OF],
        cwd=root,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )
    try:
        _wait_for(lambda: list(root.glob(".scorecard.pdf.*.tmp")) or p.poll() is not None)
        p.send_signal(signal.SIGHUP)
        _, err = p.communicate(timeout=120)
    finally:
        p.kill()
    assert p.returncode == 0 and err == b"wrote scorecard.pdf\n"
    assert (root / "scorecard.pdf").read_bytes().startswith(b"%PDF-") and not list(root.glob(".*.tmp"))


# --- stdout and stderr that fail -----------------------------------------------------------------

STDOUT_FULL = b"scorecard: cannot write to stdout: No space left on device; the output is incomplete\n"
STDOUT_CLOSED = b"scorecard: cannot write to stdout: stdout is closed; the output is incomplete\n"


@pytest.mark.parametrize(
    "args",
    [["show", "part-two-3-not-host"], ["evidence", "-f", "json"], ["validate"], ["schema"], ["--help"]],
    ids=lambda a: a[0],
)
def test_stdout_on_a_full_disk_exits_3(args):
    with open("/dev/full", "wb") as full:
        r = subprocess.run([SCORECARD, *args], stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert r.returncode == 3 and r.stderr == STDOUT_FULL


@pytest.mark.parametrize("args", [["score"], ["validate"], ["--help"]], ids=lambda a: a[0])
def test_closed_stdout_exits_3(args):
    r = subprocess.run(["sh", "-c", 'exec "$0" "$@" >&-', SCORECARD, *args], capture_output=True, timeout=120)
    assert r.returncode == 3 and r.stderr == STDOUT_CLOSED


def test_closed_stdout_does_not_matter_when_writing_a_file(tmp_path):
    target = tmp_path / "rules.csv"
    r = subprocess.run(
        ["sh", "-c", 'exec "$0" "$@" >&-', SCORECARD, "rules", "-f", "csv", "-o", str(target)],
        capture_output=True,
        timeout=120,
    )
    assert r.returncode == 0 and r.stderr == f"wrote {target}\n".encode()
    assert target.read_bytes().startswith(b"obligation,")


def test_a_closed_pipe_exits_141_quietly():
    """The reader has gone before the first byte: as `yes | head` would, exit 128 + SIGPIPE, say nothing."""
    p = subprocess.Popen(
        [SCORECARD, "evidence", "-f", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(timeout=120) == 141 and err == b""


def test_head_reading_one_line_exits_141_quietly():
    r = subprocess.run(
        ["bash", "-c", '"$0" evidence -f json | head -1; echo "status ${PIPESTATUS[0]}" >&2', SCORECARD],
        capture_output=True,
        timeout=120,
    )
    assert r.stdout == b"[\n" and r.stderr == b"status 141\n"


@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full"])
def test_failing_stderr_keeps_the_exit_code(redirect):
    r = subprocess.run(
        ["sh", "-c", f'exec "$0" "$@" {redirect}', SCORECARD, "score", "--as-of", "nope"],
        capture_output=True,
        timeout=120,
    )
    assert r.returncode == 2 and r.stdout == b"" and r.stderr == b""


# --- narrow locales ------------------------------------------------------------------------------

NARROW = [
    {"LC_ALL": "C"},
    {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    {"PYTHONIOENCODING": "latin-1"},
    {"PYTHONIOENCODING": "ascii"},
    {"LC_ALL": "", "LANG": "en_US.ISO-8859-1", "PYTHONUTF8": "0"},
]


@pytest.mark.parametrize(
    "env",
    [NARROW[0]] + [pytest.param(e, marks=pytest.mark.slow) for e in NARROW[1:]],
    ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()),
)
def test_results_are_utf8_whatever_the_locale(tmp_path, env):
    shown = proc("show", "part-two-3-not-host", "--as-of", AS_OF, env=env)
    assert shown.returncode == 0 and shown.stderr == b""
    assert "\u2019" in shown.stdout.decode("utf-8")  # a curly apostrophe from a quote, intact
    listed = proc("evidence", "-f", "json", "--as-of", AS_OF, env=env)
    assert listed.returncode == 0 and listed.stderr == b""
    proc("evidence", "-f", "json", "--as-of", AS_OF, "-o", str(tmp_path / "e.json"), env=env)
    assert listed.stdout == (tmp_path / "e.json").read_bytes()  # the same bytes as -o writes
    import json

    assert json.loads(listed.stdout.decode("utf-8"))


@pytest.mark.parametrize(
    "env,shown",
    [
        ({"PYTHONIOENCODING": "ascii"}, rb"part-two-3-not-h\xf6st"),
        ({"PYTHONIOENCODING": "latin-1"}, b"part-two-3-not-h\xf6st"),
        ({"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}, rb"part-two-3-not-h\xc3\xb6st"),
    ],
)
def test_diagnostics_survive_a_narrow_locale(env, shown):
    r = proc("show", "part-two-3-not-h\u00f6st", env=env)
    assert r.returncode == 2 and r.stdout == b""
    assert (
        r.stderr
        == b"scorecard: unknown obligation '"
        + shown
        + b"' (did you mean 'part-two-3-not-host'?); `scorecard rules` lists them\n"
    )


def test_stderr_escapes_controls_from_any_writer():
    """Even messages the command line parser writes itself (here: a bad --format value)."""
    r = proc("score", "--format", "x\x1b]0;pwned\x07")
    assert r.returncode == 2 and b"\x1b" not in r.stderr and b"\x07" not in r.stderr
    assert rb"x\x1b]0;pwned\x07" in r.stderr
    no_traceback(r.stderr)


def test_wrote_message_escapes_the_file_name(tmp_path):
    name = tmp_path / "a\nb\x1b[31m.csv"
    r = cli("rules", "-f", "csv", "-o", str(name))
    assert r.exit_code == 0 and name.read_text().startswith("obligation,")
    assert r.stderr == f"wrote {tmp_path}/a\\nb\\x1b[31m.csv\n"
