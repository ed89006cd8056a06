"""The surfaces that read what users and other tools hand them: git revisions, PDFs, sizes, names,
folders with something other than files in them. Each bad input is a clear message and a documented
exit code, never a traceback, and nothing stored is changed."""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from test_ingest import ARTICLE, DATA, snapshot

ESC = "\x1b"


def cli(*args: str, cwd: Path, timeout: float = 120, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "SCORECARD_NO_CACHE": "1", **(env or {})},
    )


def clean(r: subprocess.CompletedProcess, code: int) -> None:
    assert r.returncode == code, r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr


def pdf(objects: list[bytes], trailer_extra: bytes = b"", bad_startxref: bool = False) -> bytes:
    """A PDF made by hand from its objects (1 is the catalog), with a right or a wrong xref offset."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % (xref + 7 if bad_startxref else xref)
    return bytes(out)


def page_pdf(content: bytes, compressed: bool = False, **kw) -> bytes:
    stream = zlib.compress(content, 9) if compressed else content
    flt = b"/Filter /FlateDecode " if compressed else b""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< " + flt + b"/Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ],
        **kw,
    )


TEXT = (
    b"BT /F1 12 Tf 72 700 Td (The Taliban have issued passports to al-Qaeda members, "
    b"UN monitors said in July 2022.) Tj ET"
)


def git(proj: Path, *args: str) -> None:
    who = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", *who, *args], cwd=proj, check=True, capture_output=True)


@pytest.fixture
def git_proj(proj):
    git(proj, "init", "-q")
    git(proj, "add", "-A")
    git(proj, "commit", "-qm", "data")
    return proj


# diff --before-rev ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["--output=VICTIM", "-oVICTIM", "--remote=ext::sh"])
def test_a_revision_that_looks_like_an_option_is_never_passed_as_one(git_proj, tmp_path, value):
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    r = cli("diff", f"--before-rev={value.replace('VICTIM', str(victim))}", *DATA, cwd=git_proj)
    clean(r, 2)
    assert "--before-rev" in r.stderr
    assert victim.read_text() == "precious\n"


def test_a_revision_holding_a_link_out_of_its_tree_is_refused(git_proj):
    link = git_proj / "evidence" / "documents" / "passwd.txt"
    link.symlink_to("/etc/passwd")
    git(git_proj, "add", "-A")
    git(git_proj, "commit", "-qm", "link")
    link.unlink()
    r = cli("diff", "--before-rev", "HEAD", *DATA, cwd=git_proj)
    clean(r, 1)
    assert "passwd.txt is a link to /etc/passwd" in r.stderr


def test_a_good_revision_still_compares(git_proj):
    r = cli("diff", "--before-rev", "HEAD", *DATA, "--format", "json", cwd=git_proj)
    clean(r, 0)
    assert '"changes": []' in r.stdout


# ingest ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["inf", "1e308", "nan", "-1"])
def test_a_size_limit_out_of_range_is_a_usage_error(proj, size):
    (proj / "inbox" / "a.html").write_text(ARTICLE, encoding="utf-8")
    r = cli("ingest", "inbox/a.html", "--dry-run", "--max-size", size, *DATA, cwd=proj)
    clean(r, 2)
    assert "--max-size" in r.stderr


def test_a_pdf_compression_bomb_is_refused_quickly(proj):
    bomb = proj / "inbox" / "bomb.pdf"
    bomb.write_bytes(page_pdf(TEXT + b" " * 300_000_000, compressed=True))
    before = snapshot(proj / "evidence")
    r = cli("ingest", "inbox/bomb.pdf", *DATA, cwd=proj, timeout=120)
    clean(r, 1)
    assert "bomb.pdf" in r.stderr and "nothing was written" in r.stderr
    assert snapshot(proj / "evidence") == before


def test_an_aes_encrypted_pdf_says_it_is_encrypted(proj):
    encrypt = (
        b"<< /Filter /Standard /V 5 /R 6 /Length 256 /P -1028 "
        b"/CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF "
        b"/O <"
        + b"11" * 48
        + b"> /U <"
        + b"22" * 48
        + b"> /OE <"
        + b"33" * 32
        + b"> /UE <"
        + b"44" * 32
        + b"> "
        b"/Perms <" + b"55" * 16 + b"> >>"
    )
    doc = pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            encrypt,
        ],
        trailer_extra=b"/Encrypt 4 0 R /ID [<" + b"66" * 16 + b"> <" + b"66" * 16 + b">] ",
    )
    (proj / "inbox" / "locked.pdf").write_bytes(doc)
    r = cli("ingest", "inbox/locked.pdf", "--dry-run", *DATA, cwd=proj)
    clean(r, 1)
    assert "encrypted" in r.stderr


def test_a_pdf_pypdf_repairs_is_read_without_its_warnings(proj):
    (proj / "inbox" / "repaired.pdf").write_bytes(page_pdf(TEXT, bad_startxref=True))
    r = cli("ingest", "inbox/repaired.pdf", "--dry-run", "--format", "json", *DATA, cwd=proj)
    clean(r, 0)
    assert "passports" in r.stdout
    assert r.stderr.strip() == "", r.stderr


def test_control_characters_in_a_file_name_never_reach_the_output_raw(proj):
    name = f"a{ESC}]0;owned\a{ESC}[31mb\nc.html"
    (proj / "inbox" / name).write_text(ARTICLE, encoding="utf-8")
    for fmt in ("table", "markdown", "csv", "json"):
        r = cli("ingest", f"inbox/{name}", "--dry-run", "--format", fmt, *DATA, cwd=proj)
        clean(r, 0)
        assert ESC not in r.stdout + r.stderr and "\a" not in r.stdout + r.stderr, fmt


def test_a_fifo_among_the_review_files_does_not_hang_ingest(proj):
    (proj / "evidence" / "review").mkdir()
    os.mkfifo(proj / "evidence" / "review" / "stuck.yaml")
    (proj / "inbox" / "a.html").write_text(ARTICLE, encoding="utf-8")
    r = cli("ingest", "inbox/a.html", "--dry-run", "--format", "json", *DATA, cwd=proj, timeout=60)
    clean(r, 1)  # named, not read, and not waited for
    assert "evidence/review/stuck.yaml:1:1: this file is a named pipe (FIFO)" in r.stderr


@pytest.mark.parametrize("odd", ["bytes", "folder"])
def test_the_waiting_review_is_found_past_odd_entries(proj, odd):
    review = proj / "evidence" / "review"
    review.mkdir()
    if odd == "bytes":
        (review / "odd.yaml").write_bytes(b"\xff\xfe\x00 not utf-8")
    else:
        (review / "odd.yaml").mkdir()
    r = subprocess.run(
        [sys.executable, "-m", "scorecard", "review", "--reviewer", "ana", *DATA],
        cwd=proj,
        capture_output=True,
        text=True,
        input="q\n",
        timeout=60,
        env={**os.environ, "SCORECARD_NO_CACHE": "1"},
    )
    assert r.returncode in (1, 2), r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr


# reports and the data folders --------------------------------------------------------------------------


def test_an_author_with_escape_sequences_is_written_as_visible_text(proj):
    r = cli("report", "--html", "-o", "out.html", "--author", f"Ana{ESC}[2J\aAnalyst", *DATA, cwd=proj)
    clean(r, 0)
    html = (proj / "out.html").read_text("utf-8")
    assert ESC not in html and "\a" not in html
    assert "Ana\\x1b[2J\\x07Analyst" in html


def test_no_data_folder_is_an_error_naming_it_never_another_projects_data(tmp_path):
    r = cli("validate", cwd=tmp_path)
    clean(r, 1)
    assert "rules/doha-2020" in r.stderr and "evidence" in r.stderr
    assert "ok:" not in r.stderr


def test_a_huge_jobs_count_is_capped_at_the_work(proj):
    r = cli("score", "--format", "json", "--jobs", str(10**12), *DATA, cwd=proj, timeout=60)
    clean(r, 0)
    assert '"obligations"' in r.stdout


# review -----------------------------------------------------------------------------------------------


def _one_review(proj: Path) -> Path:
    import yaml

    (proj / "inbox" / "a.html").write_text(ARTICLE, encoding="utf-8")
    clean(cli("ingest", "inbox/a.html", *DATA, cwd=proj), 0)
    review = next((proj / "evidence" / "review").glob("*.yaml"))
    data = yaml.safe_load(review.read_text("utf-8"))
    data["source"]["reliability"] = {"grade": "B", "reason": "Established outlet."}
    data["candidates"][1]["decision"] = "accept"
    review.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return review


@pytest.mark.parametrize("lacking", ["id", "title", "publisher", "published"])
def test_a_graded_source_lacking_what_every_source_needs_is_a_located_problem(proj, lacking):
    import yaml

    review = _one_review(proj)
    data = yaml.safe_load(review.read_text("utf-8"))
    del data["source"][lacking]
    review.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    before = snapshot(proj / "evidence")
    r = cli("review", str(review.relative_to(proj)), "--apply", "--reviewer", "ana", *DATA, cwd=proj)
    clean(r, 1)
    assert f"{review.relative_to(proj).as_posix()}:" in r.stderr and lacking in r.stderr
    assert snapshot(proj / "evidence") == before


def test_repeats_without_its_keys_is_shown_and_applied_without_a_crash(proj):
    import yaml

    review = _one_review(proj)
    data = yaml.safe_load(review.read_text("utf-8"))
    for c in data["candidates"]:
        c["repeats"] = {}
    review.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "scorecard",
            "review",
            str(review.relative_to(proj)),
            "--reviewer",
            "ana",
            *DATA,
        ],
        cwd=proj,
        capture_output=True,
        text=True,
        input="q\n",
        timeout=60,
    )
    clean(r, 0)
    clean(cli("review", str(review.relative_to(proj)), "--apply", "--reviewer", "ana", *DATA, cwd=proj), 0)


@pytest.mark.parametrize(
    "commands", ["a ²\nq\n", "a ٣\nq\n", "+\n" * 40 + "q\n", ">\n" * 40 + "<\n" * 40 + "q\n"]
)
def test_odd_terminal_commands_are_answered_not_crashed_on(proj, commands):
    review = _one_review(proj)
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "scorecard",
            "review",
            str(review.relative_to(proj)),
            "--reviewer",
            "ana",
            *DATA,
        ],
        cwd=proj,
        capture_output=True,
        text=True,
        input=commands,
        timeout=60,
    )
    clean(r, 0)


def test_a_terminal_review_with_stdin_closed_is_a_usage_error(proj):
    review = _one_review(proj)
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "scorecard",
            "review",
            str(review.relative_to(proj)),
            "--reviewer",
            "ana",
            *DATA,
        ],
        cwd=proj,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        preexec_fn=lambda: os.close(0),
    )
    clean(r, 2)
    assert "stdin" in r.stderr


@pytest.mark.slow
def test_a_long_one_line_text_is_read_in_linear_time_and_bounded_memory(proj):
    """One 8 MB line with no sentence end: cut into sentences of at most 1,000 characters, each
    scored and forgotten; peak memory stays a few times the text (benchmarks/bench_ingest_long.py
    measures 30 MB)."""
    import resource

    words = [
        "the",
        "Taliban",
        "said",
        "the",
        "Doha",
        "agreement",
        "report",
        "on",
        "withdrawal",
        "and",
        "prisoners",
        "was",
        "late",
    ]
    line = " ".join(words[i % len(words)] for i in range(1_200_000))[:8_000_000]
    (proj / "inbox" / "long.txt").write_text(line, encoding="utf-8")
    measure = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    command = [sys.executable, "-m", "scorecard", "ingest", "inbox/long.txt", "--dry-run", "--format", "json"]
    got = subprocess.run(
        [sys.executable, "-c", measure, *command], cwd=proj, capture_output=True, text=True, timeout=300
    )
    assert got.returncode == 0, got.stderr
    peak = int(got.stdout.split()[-1]) * 1024
    assert peak < 80 * 2**20 + 10 * len(line), peak / 2**20
    del resource


def test_a_text_read_in_windows_gives_the_candidates_of_the_whole(monkeypatch):
    """Windows cut at paragraph breaks: the same passages at the same offsets and pages."""
    from conftest import ROOT

    from scorecard.ingest import suggest
    from scorecard.ingest.cues import build_cuebook
    from scorecard.pipeline import load_valid

    project = load_valid(ROOT / "rules" / "doha-2020", ROOT / "evidence")
    ctx = suggest.build_context(project, build_cuebook(project))
    text = (ROOT / "evidence" / "documents").joinpath(
        sorted(d.file for d in project.sources.values())[0].split("/")[-1]
    )
    body = text.read_text("utf-8")
    body = body[: len(body) // 2] + "\n\f\n" + body[len(body) // 2 :]  # a page break, for the page numbers
    whole = [c.as_json() for c in suggest.propose(body, ctx)]
    monkeypatch.setattr(suggest, "WINDOW", 3000)
    windowed = [c.as_json() for c in suggest.propose(body, ctx)]
    assert len(body) > 3 * 3000 and whole
    assert [(c["start"], c["end"], c["page"]) for c in windowed] == [
        (c["start"], c["end"], c["page"]) for c in whole
    ]
    assert all(body[c["start"] : c["end"]] == c["quote"] for c in windowed)


def test_ingest_without_its_optional_libraries_says_what_to_install(proj):
    """In an install without the `ingest` extra (make report's environment) trafilatura is absent."""
    (proj / "inbox" / "a.html").write_text(ARTICLE, encoding="utf-8")
    absent = (
        "import sys; sys.modules['trafilatura'] = None; "
        "from scorecard.cli import main; sys.argv[0] = 'scorecard'; main()"
    )
    r = subprocess.run(
        [sys.executable, "-c", absent, "ingest", "inbox/a.html", "--dry-run", *DATA],
        cwd=proj,
        capture_output=True,
        text=True,
        timeout=120,
    )
    clean(r, 4)
    assert "scorecard[ingest]" in r.stderr
