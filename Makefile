# Two commands do everything on a fresh clone:  make demo  and  make test.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PIP     := $(BIN)/python -m pip install -q --disable-pip-version-check
OUT     := out
SEEDS   := seeds

.PHONY: demo test lint typecheck unit install dev clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(PIP) --upgrade pip

# Reinstall only when the project metadata changes (editable install: code changes need nothing).
$(VENV)/.stamp-core: pyproject.toml | $(BIN)/python
	$(PIP) -e .
	touch $@

# The mt extra (argostranslate) pulls torch through stanza: install the CPU build first so pip
# never fetches a multi-GB CUDA one. The +cpu wheel lies in pip's find-links here; elsewhere run
# e.g. make dev TORCH_INDEX=--extra-index-url=https://download.pytorch.org/whl/cpu
TORCH       ?= torch==2.13.0+cpu
TORCH_INDEX ?=
$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-core
	$(PIP) $(TORCH_INDEX) '$(TORCH)'
	$(PIP) -e '.[dev,mt]'
	touch $@

install: $(VENV)/.stamp-core
dev: $(VENV)/.stamp-dev

demo: $(VENV)/.stamp-core
	@mkdir -p $(OUT)
	$(BIN)/parley segment $(SEEDS)/lavrov-2018-02-07.en.txt --lang en -o $(OUT)/lavrov.en.sentences.txt
	$(BIN)/parley segment $(SEEDS)/lavrov-2018-02-07.ru.txt --lang ru -o $(OUT)/lavrov.ru.sentences.txt
	@echo "outputs in $(OUT)/"

lint: dev
	$(BIN)/ruff check .
typecheck: dev
	$(BIN)/mypy
unit: dev
	$(BIN)/pytest

test: dev
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(OUT) .mypy_cache .ruff_cache .pytest_cache
