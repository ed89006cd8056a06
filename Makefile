# Two entry points: `make report` (the scorecard PDF from the shipped data) and `make test`.
# Each creates .venv and installs what it needs on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test validate score clean fontsubset

# Optional system library: with HarfBuzz's subsetter WeasyPrint embeds the PDF's font subsets in
# milliseconds instead of about 0.2 s with fontTools. Installed when this is a Debian machine and
# we are root; otherwise skipped with a note (the PDF looks the same; it only takes longer to write).
fontsubset:
	@if ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so\.0'; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  { apt-get install -y -qq libharfbuzz-subset0 || { apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0; }; } \
	    >/dev/null 2>&1 || echo "note: could not install libharfbuzz-subset0; PDFs will take a little longer to write"; \
	else echo "note: libharfbuzz-subset0 is not installed (apt-get install libharfbuzz-subset0); PDFs will take a little longer to write"; fi

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory fontsubset
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
