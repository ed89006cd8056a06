# Two entry points: `make report` (the scorecard PDF from the shipped data) and `make test`.
# `make report` installs only what the report needs into .venv-report (about 110 MB: no test tools,
# no ingest); `make test` and the other targets use .venv, which adds ingest and the test tools.
# Both install exactly what uv.lock pins (uv sync --frozen; one lock, two selections of it),
# compiled to bytecode: start-up then never compiles a module, even where Python may not write
# bytecode itself (PYTHONDONTWRITEBYTECODE).
# uv itself is pinned by hash in requirements/uv.txt and installed into .tools/ with pip.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REPORT_VENV := .venv-report
REPORT_STAMP := $(REPORT_VENV)/.installed
UV := .tools/bin/uv
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

# `make test` runs everything, as CI does; `make quick` skips the tests marked slow.
.PHONY: report test quick check validate score clean fontsubset browser lock mutants

# Optional system library: with HarfBuzz's subsetter WeasyPrint embeds the PDF's font subsets in
# milliseconds instead of about 0.2 s with fontTools. Installed when this is a Debian machine and
# we are root; otherwise skipped with a note (the PDF looks the same; it only takes longer to write).
fontsubset:
	@if ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so\.0'; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  { apt-get install -y -qq libharfbuzz-subset0 || { apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0; }; } \
	    >/dev/null 2>&1 || echo "note: could not install libharfbuzz-subset0; PDFs will take a little longer to write"; \
	else echo "note: libharfbuzz-subset0 is not installed (apt-get install libharfbuzz-subset0); PDFs will take a little longer to write"; fi

# Test-only system package: Debian's Chromium, which the responsive-HTML test drives headless through
# playwright. Installed when this is a Debian machine and we are root; elsewhere that test is skipped
# and says why.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium (about 75 s, one line per package): the responsive-HTML test"; \
	  echo "  drives it headless to check the HTML report at phone, tablet and desktop widths"; \
	  bash -o pipefail -c '{ apt-get install -y chromium || { apt-get update -qq && apt-get install -y chromium; }; } 2>&1 \
	    | grep --line-buffered -E "^(Get:|Setting up)" | sed -u "s/^/  /"' \
	    || echo "note: could not install chromium; the responsive-HTML test will be skipped"; \
	else echo "note: chromium is not installed (apt-get install chromium); the responsive-HTML test will be skipped"; fi

$(UV): requirements/uv.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
	  --upgrade --target .tools -r requirements/uv.txt
	@touch $(UV)

$(STAMP): pyproject.toml uv.lock $(UV)
	@$(MAKE) --no-print-directory fontsubset
	@echo "installing into $(VENV) from uv.lock: the package, ingest (trafilatura) and the test tools"
	@echo "  (pytest, hypothesis, playwright, compliance-trestle, ruff, mypy; about 500 MB the first time)"
	$(UV) sync --frozen --compile-bytecode --extra ingest --extra test --python $(PY)
	$(BIN)/python -m compileall -q scorecard
	@touch $(STAMP)

# The report's own environment: the package and what it imports, nothing for tests or ingest.
$(REPORT_STAMP): pyproject.toml uv.lock $(UV)
	@$(MAKE) --no-print-directory fontsubset
	@echo "installing into $(REPORT_VENV) from uv.lock only what the report needs (about 110 MB)"
	UV_PROJECT_ENVIRONMENT=$(abspath $(REPORT_VENV)) $(UV) sync --quiet --frozen --compile-bytecode --python $(PY)
	$(REPORT_VENV)/bin/python -m compileall -q scorecard
	@touch $(REPORT_STAMP)

report: $(REPORT_STAMP)
	$(REPORT_VENV)/bin/scorecard report -o scorecard.pdf

score: $(STAMP)
	$(BIN)/scorecard score

validate: $(STAMP)
	$(BIN)/scorecard validate

# The whole suite, what CI runs.
test: $(STAMP)
	@$(MAKE) --no-print-directory browser
	@echo "running every test, a dot each (6 to 9 minutes on a shared 2-core machine; failures at the end)"
	$(BIN)/python -m pytest

# The quick loop while editing: everything but the tests marked slow (the full PDF, many subprocesses),
# on every core (pytest-xdist).
quick: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" -n auto

# Lint, format and types, as CI runs them.
check: $(STAMP)
	$(BIN)/ruff check scorecard tests benchmarks
	$(BIN)/ruff format --check scorecard tests benchmarks
	$(BIN)/mypy

# Mutation testing of the scorer and the time model (mutmut; configured in pyproject.toml, not run in
# CI): installs the `mutation` extra, runs every mutant against the deterministic tests, lists the
# survivors. Slow: about half an hour on two cores. `.venv/bin/mutmut show NAME` shows one mutant.
mutants: $(STAMP)
	$(UV) sync --quiet --frozen --compile-bytecode --extra ingest --extra test --extra mutation --python $(PY)
	$(BIN)/mutmut run --max-children $$(nproc)
	$(BIN)/mutmut results

# After changing dependencies in pyproject.toml: re-resolve uv.lock (then review and commit it).
lock: $(UV)
	$(UV) lock

clean:
	rm -rf $(VENV) $(REPORT_VENV) .tools scorecard.pdf scorecard.html mutants
