# archive-search: `make run` sets up, indexes corpus/ if needed and serves; `make test` sets up and tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run index serve test test-fast bench bench-quick clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml package.json package-lock.json
	$(BIN)/pip install --quiet -e '.[test,bench]'
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm is missing: the accessibility test (axe-core) will be skipped"; fi
	touch $(STAMP)

install: $(STAMP)

index: install
	$(BIN)/archive-search index

# An incremental run is quick when nothing changed; rejected files (3) or another run at work (4) still serve,
# and an index an older version wrote stops here with the command that rebuilds it.
run: install
	@status=0; $(BIN)/archive-search index || status=$$?; [ $$status -eq 0 ] || [ $$status -eq 3 ] || [ $$status -eq 4 ]
	$(BIN)/archive-search serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow and not e2e"

bench: install
	$(BIN)/python -m bench.run

bench-quick: install
	$(BIN)/python -m bench.run --docs 300

clean:
	rm -rf var build *.egg-info
