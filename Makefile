# Two commands for a new user: `make demo` and `make test`. Each creates .venv when missing
# and installs the project into it, so nothing has to be installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# pytest workers for `make test` (pytest-xdist): one per core by default; `make test TEST_WORKERS=` (empty) runs the
# suite in one process, TEST_WORKERS=N on N workers
TEST_WORKERS ?= auto

.PHONY: demo test chat web bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/python demo.py $(ARGS)

chat: $(VENV)/.installed
	$(BIN)/python main.py $(ARGS)

web: $(VENV)/.installed
	$(BIN)/python main.py --web $(ARGS)

test: $(VENV)/.installed-dev
	$(BIN)/python -m ruff check .
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest $(if $(TEST_WORKERS),-n $(TEST_WORKERS)) $(ARGS)

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_fit.py

clean:
	rm -rf $(VENV) outputs/*.png
