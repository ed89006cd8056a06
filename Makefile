# Two entry points: `make report` (the scorecard PDF from the shipped data) and `make test`.
# Each creates .venv and installs what it needs on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test validate score clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/scorecard report -o scorecard.pdf

score: $(STAMP)
	$(BIN)/scorecard score

validate: $(STAMP)
	$(BIN)/scorecard validate

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) scorecard.pdf
