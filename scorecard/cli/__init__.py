"""The `scorecard` command: arguments in, exit codes out. No scoring or formatting logic here.

One module a group of commands, each about its arguments and exit codes: data.py (validate,
rules, sources, evidence, schema), scoring.py (score, show), compare.py (diff, history),
report.py, adding.py (ingest, review, override). What they share lives in context.py (inputs, the
checked project, the report, the output, messages), options.py and session.py (--quiet and
--no-cache, held for one invocation); process.py runs a command (streams, signals, exit codes).
Start-up imports only typer: pydantic, the scorer and the renderers load inside the commands,
and WeasyPrint only inside `report`.
"""

from scorecard.cli import adding, compare, data, report, scoring
from scorecard.cli.app import app
from scorecard.cli.process import main

# The commands, in the order `scorecard --help` lists them.
for _command in (
    data.validate,
    scoring.score,
    scoring.show,
    data.rules,
    data.sources,
    data.evidence,
    compare.diff,
    compare.history,
    report.report,
    adding.ingest,
    adding.review,
    adding.override,
    data.schema,
):
    app.command()(_command)

__all__ = ["app", "main"]
