"""Shared fixtures: paths to the seeds and to ../shared/data (skipped cleanly when absent)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/tinymodel.py, tests/browser.py


def in_ci() -> bool:
    """Whether this is a CI run (``CI=true``, as GitHub Actions, GitLab and .ci/run set it)."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing_tool(reason: str) -> NoReturn:
    """A test's external tool (OmegaT, Chromium, chromium-driver, selenium) is not installed:
    skip with the reason on a developer's machine, but FAIL under CI=true, where `make test`
    installs them and a silently skipped real-tool test would hide a broken hand-off."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: tests that need this tool must run, not skip)",
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def seeds() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """``parley run`` on the seed pair without MT (once per session): the output folder and
    the --json summary. tests/test_run.py checks the outputs, tests/test_api.py that the
    library gives the same counts."""
    import json

    from typer.testing import CliRunner

    from parley.cli import app

    out = tmp_path_factory.mktemp("run")
    res = CliRunner().invoke(app, [
        "run", str(SEEDS / "lavrov-2018-02-07.en.txt"), str(SEEDS / "lavrov-2018-02-07.ru.txt"),
        "-s", "en", "-t", "ru", "-o", str(out), "--mt", "none", "--json"])
    assert res.exit_code == 0, res.stderr
    return out, json.loads(res.stdout)


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the checkout")
    return SHARED_DATA


# --- offline MT: a tiny argos package in a temporary package folder ---------------------


@pytest.fixture(scope="session")
def argos_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep argostranslate's data/cache/config dirs (made at its import) out of the real home."""
    home = tmp_path_factory.mktemp("argos-home")
    with pytest.MonkeyPatch.context() as mp:
        for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            mp.setenv(var, str(home / var.lower()))
        mp.setenv("ARGOS_PACKAGE_INDEX", (home / "no-index").as_uri() + "/")
        yield home


@pytest.fixture(scope="session")
def tiny_en_ru(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny but real argos package (random weights) built offline; see tests/tinymodel.py."""
    pytest.importorskip("argostranslate", reason="needs the optional extra: pip install 'parley-tm[mt]'")
    pytest.importorskip("ctranslate2")
    from tinymodel import build_package

    return build_package(tmp_path_factory.mktemp("pkg") / "translate-en_ru-tiny.argosmodel")


@pytest.fixture
def pkgdir(argos_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(d))
    return d


@pytest.fixture
def installed(pkgdir: Path, tiny_en_ru: Path) -> Path:
    """ARGOS_PACKAGES_DIR (temporary) with the tiny en->ru package installed."""
    from typer.testing import CliRunner

    from parley.cli import app

    res = CliRunner().invoke(app, ["models", "install", str(tiny_en_ru)])
    assert res.exit_code == 0, res.stderr
    return pkgdir
