# Two commands do everything on a fresh clone:  make demo  and  make test.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PIP     := $(BIN)/python -m pip install -q --disable-pip-version-check
OUT     := out
SEEDS   := seeds

.PHONY: demo test lint typecheck unit install dev clean omegat

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(PIP) --upgrade pip

# Reinstall only when the project metadata changes (editable install: code changes need nothing).
$(VENV)/.stamp-core: pyproject.toml | $(BIN)/python
	$(PIP) -e .
	touch $@

# The mt extra (argostranslate) pulls torch through stanza: install the CPU build first so pip
# never fetches a multi-GB CUDA one. The +cpu wheel lies in pip's find-links here; elsewhere run
# e.g. make dev TORCH_INDEX=--extra-index-url=<your CPU wheel index>
TORCH       ?= torch==2.13.0+cpu
TORCH_INDEX ?=
$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-core
	$(PIP) $(TORCH_INDEX) '$(TORCH)'
	$(PIP) -e '.[dev,mt]'
	touch $@

install: $(VENV)/.stamp-core
# dev also fetches headless Chromium for the browser tests where apt-get can (never fails).
dev: $(VENV)/.stamp-dev
	@sh .ci/install-chromium

demo: $(VENV)/.stamp-core
	$(BIN)/parley run $(SEEDS)/lavrov-2018-02-07.en.txt $(SEEDS)/lavrov-2018-02-07.ru.txt \
	  --src-lang en --tgt-lang ru --output $(OUT)
	@echo "open $(OUT)/lavrov-2018-02-07.review.html in a browser to review the alignment"

lint: dev
	$(BIN)/ruff check .
typecheck: dev
	$(BIN)/mypy
unit: dev
	$(BIN)/pytest

# OmegaT (Debian package) for tests/test_omegat.py; never fails the build: where it cannot be
# installed (not root, no apt) the test skips and says why.
omegat:
	@command -v omegat >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends omegat >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null 2>&1 && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends omegat >/dev/null 2>&1; }; } \
	  && echo "installed OmegaT" || echo "OmegaT not installed: tests/test_omegat.py will skip"; }

test: dev omegat
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(OUT) .mypy_cache .ruff_cache .pytest_cache
