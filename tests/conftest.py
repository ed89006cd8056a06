"""Shared test switches and paths."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "doha-2020"
EVIDENCE = ROOT / "evidence"
GOLDEN = Path(__file__).resolve().parent / "golden"
REPORT_AS_OF = date(2026, 11, 23)

# The CLI's cache of parsed files goes to a folder of the test run's own, never the user's; tests
# of the cache itself point SCORECARD_CACHE_DIR elsewhere.
os.environ["SCORECARD_CACHE_DIR"] = tempfile.mkdtemp(prefix="scorecard-cache-")
atexit.register(shutil.rmtree, os.environ["SCORECARD_CACHE_DIR"], True)
os.environ.pop("SCORECARD_NO_CACHE", None)


def yaml_files_read(rules: Path, evidence: Path) -> int:
    """The YAML files one load reads: agreement, obligations, examples, lexicon, evidence lists and
    items, the policy."""
    examples = int((rules / "examples.yaml").is_file()) + int((rules / "lexicon.yaml").is_file())
    obligations = len(list((rules / "obligations").glob("*.yaml")))
    return 1 + obligations + examples + len(list(evidence.rglob("*.yaml"))) + 1


@pytest.fixture(scope="session")
def loaded():
    """The shipped rules and evidence, loaded and checked once: (project, problems)."""
    from scorecard.pipeline import load_and_check

    return load_and_check(RULES, EVIDENCE)


@pytest.fixture(scope="session")
def project(loaded):
    return loaded[0]


@pytest.fixture(scope="session")
def ctx(project):
    """What `ingest` knows before it reads, built from the shipped rules with no evidence or labelled
    example as neighbours: a passage is suggested for from the rules alone (shared: read, not changed)."""
    from scorecard.ingest.cues import build_cuebook
    from scorecard.ingest.suggest import build_context

    alone = {*project.sources, *(ex.document for ex in project.examples.values())}
    return build_context(project, build_cuebook(project), exclude_sources=alone)


@pytest.fixture(scope="session")
def report(loaded):
    """The shipped data's Report as of REPORT_AS_OF (the date the goldens are made for)."""
    from scorecard.report import build_report

    project, problems = loaded
    assert not problems, "\n".join(map(str, problems))
    return build_report(project, REPORT_AS_OF)


EPOCH = "1780000000"  # 2026-05-28T20:26:40Z


@pytest.fixture(scope="session")
def small(report):
    """The three obligations with the least evidence (but some): every part of the PDF, cut into several
    parts, quick to typeset."""
    few = sorted((o for o in report.obligations if o.evidence), key=lambda o: (len(o.evidence), o.id))[:3]
    return report.model_copy(update={"obligations": [o for o in report.obligations if o in few]})


@pytest.fixture(scope="session")
def tiny(report):
    """One obligation with one item of evidence: the quickest whole PDF."""
    one = min((o for o in report.obligations if o.evidence), key=lambda o: (len(o.evidence), o.id))
    return report.model_copy(update={"obligations": [one]})


@pytest.fixture(scope="session")
def small_pdfs(small):
    """The small report's PDF under SOURCE_DATE_EPOCH: in parts by one process and by two, and whole."""
    pdf = pytest.importorskip("scorecard.render.pdf", exc_type=ImportError)
    with pytest.MonkeyPatch.context() as m:
        m.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return {
            "jobs=1": pdf.render_pdf(small, jobs=1),
            "jobs=2": pdf.render_pdf(small, jobs=2),
            "whole": pdf.render_pdf_whole(small),
        }


@pytest.fixture(scope="session")
def shipped_pdf(full_report):
    """The full shipped PDF, typeset once per test run (slow tests only), with its fetcher."""
    pdf = pytest.importorskip("scorecard.render.pdf", exc_type=ImportError)
    fetcher = pdf.TemplateFetcher()
    return pdf.render_pdf(full_report, url_fetcher=fetcher, author="Test Author"), fetcher


@pytest.fixture(scope="session")
def full_report(loaded):
    """The Report `scorecard report` renders: as of REPORT_AS_OF, with each obligation's history."""
    from scorecard.report import build_report

    return build_report(loaded[0], REPORT_AS_OF, history=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/golden/NAME as strings (so a failure shows a diff); rewrite on switch."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {name} was missing and has been written; review and commit it")
        assert text == path.read_text(encoding="utf-8")

    return check


@pytest.fixture(autouse=True)
def terminal_80(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables fit COLUMNS (or the terminal); the goldens are made at 80 columns, whatever runs them."""
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def proj(tmp_path, monkeypatch):
    """A copy of the shipped project; the working folder is its root."""
    root = tmp_path / "proj"
    shutil.copytree(RULES.parent, root / "rules")
    shutil.copytree(ROOT / "evidence", root / "evidence")
    (root / "inbox").mkdir()
    monkeypatch.chdir(root)
    return root
