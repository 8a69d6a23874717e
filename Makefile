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

# The MT path runs CTranslate2 + SentencePiece on argostranslate's model packages and uses
# argostranslate only for its package API (install/list/remove). argostranslate itself requires
# stanza and so torch (a multi-GB CUDA build on PyPI for x86_64), which that path never imports.
# So dev installs what MT really uses, and argostranslate without its dependencies. The full
# extra (torch included, for argostranslate's own translate() fallback) is one switch away:
#   make dev MT=full
MT ?= lean
MT_RUNTIME := 'ctranslate2>=4' 'sentencepiece>=0.2' packaging sacremoses
$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-core
ifeq ($(MT),full)
	$(PIP) -e '.[dev,mt]'
else
	$(PIP) -e '.[dev]' $(MT_RUNTIME)
	$(PIP) --no-deps 'argostranslate>=1.9'
endif
	touch $@

install: $(VENV)/.stamp-core
# dev also fetches headless Chromium and chromium-driver (Selenium, editor tests) where apt-get
# can (never fails; under CI=true the browser tests then fail instead of skipping).
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
# installed (not root, no apt) the tests skip and say why, except under CI=true, where they fail
# (tests/conftest.py:missing_tool).
omegat:
	@command -v omegat >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends omegat >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null 2>&1 && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends omegat >/dev/null 2>&1; }; } \
	  && echo "installed OmegaT" || echo "OmegaT not installed: tests/test_omegat.py will skip (and fail under CI=true)"; }

test: dev omegat
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(OUT) .mypy_cache .ruff_cache .pytest_cache
