"""The PDF engine's gate: parallel typesetting only on the WeasyPrint and pypdf versions tested and
when its self-check passes; elsewhere plain WeasyPrint in one process typesets the same report.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from conftest import EPOCH

pdf = pytest.importorskip("scorecard.render.pdf", exc_type=ImportError)
from scorecard.render import engine  # noqa: E402


def test_the_tested_versions_pass_the_gate_and_others_do_not():
    assert engine.outside({"weasyprint": "70.0", "pypdf": "7.1.1"}) is None
    assert engine.outside({"weasyprint": "70.2", "pypdf": "7.0.0"}) is None
    for weasyprint, pypdf, named in (
        ("71.0", "7.1.1", "weasyprint 71.0"),
        ("69.9", "7.1.1", "weasyprint 69.9"),
        ("71.0b1", "7.1.1", "weasyprint 71.0b1"),
        ("70.0", "8.0.0", "pypdf 8.0.0"),
        ("70.0", "6.9", "pypdf 6.9"),
        ("70.0", "", "pypdf ?"),
    ):
        reason = engine.outside({"weasyprint": weasyprint, "pypdf": pypdf})
        assert reason is not None and reason.startswith(named), reason


def test_here_the_engine_is_used():
    """The suite's parallel-typesetting tests mean something only if the gate lets the engine run."""
    assert engine.unsafe() is None


# Each case changes the environment before scorecard imports the engine, as another release would,
# leaving plain WeasyPrint able to typeset.
CASES = {
    "another WeasyPrint": "import weasyprint; weasyprint.__version__ = '71.0'",
    "a renamed parameter in WeasyPrint": (
        "import weasyprint.layout as l; f = l.make_all_pages; "
        "l.make_all_pages = lambda context, root_box, document, pages: f(context, root_box, document, pages)"
    ),
    "a changed pypdf internal": (
        "import pypdf; f = pypdf.PdfWriter._add_object; pypdf.PdfWriter._add_object = lambda self, o: f(self, o)"
    ),
}
NAMED = {
    "another WeasyPrint": "weasyprint 71.0 is outside the tested versions",
    "a renamed parameter in WeasyPrint": "make_all_pages is not as tested",
    "a changed pypdf internal": "PdfWriter._add_object is not as tested",
}
SCRIPT = """
import sys
{change}
from scorecard.render import engine, pdf
from scorecard.results import Report

report = Report.model_validate_json(open(sys.argv[1], encoding="utf-8").read())
print(engine.unsafe(), file=sys.stderr)
data = pdf.render_pdf(report, jobs=2)
assert "scorecard.render.parallel" not in sys.modules, "the parallel engine was used"
open(sys.argv[2], "wb").write(data)
"""


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_outside_the_gate_plain_weasyprint_typesets_the_report(
    small, small_pdfs, tmp_path, monkeypatch, case
):
    source, out = tmp_path / "report.json", tmp_path / "report.pdf"
    source.write_text(small.model_dump_json(), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    script = textwrap.dedent(SCRIPT).format(change=CASES[case])
    run = subprocess.run(
        [sys.executable, "-c", script, str(source), str(out)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    reason = run.stderr.strip().splitlines()[-1]
    assert NAMED[case] in reason, reason
    # the report as plain WeasyPrint typesets it in one piece, not as the parts would join
    assert out.read_bytes() == small_pdfs["whole"]
    assert small_pdfs["whole"] != small_pdfs["jobs=1"]
