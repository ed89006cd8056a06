"""`python -m scorecard` runs the CLI."""

from scorecard.cli import main

main()
