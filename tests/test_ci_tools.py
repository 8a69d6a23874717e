"""Tests that need a real tool (OmegaT, Chromium, chromium-driver) skip with the reason on a
developer's machine and FAIL under CI=true, where `make test` installs the tools (issue 11):
a CI run that silently skipped the OmegaT hand-off would prove nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import missing_tool

TESTS = Path(__file__).resolve().parent


def test_missing_tool_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="OmegaT is not installed"):
        missing_tool("OmegaT is not installed")


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        missing_tool("OmegaT is not installed")


def _pytest(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *args], capture_output=True, text=True,
                          env={**base, **env}, cwd=TESTS.parent, timeout=300)


@pytest.mark.parametrize(("test", "hide"), [
    ("tests/test_omegat.py::test_omegat_rejects_tbx_v3", {"PATH": str(Path(sys.executable).parent)}),
    ("tests/test_review_browser.py::test_page_loads_without_script_errors",
     {"PARLEY_CHROMIUM": "/nonexistent/chromium"}),
    ("tests/test_qa_cli.py::test_html_report_runs_in_chromium",
     {"PARLEY_CHROMIUM": "/nonexistent/chromium"}),
], ids=["omegat", "review-chromium", "qa-chromium"])
def test_real_tool_tests_fail_in_ci_when_the_tool_is_missing(test: str, hide: dict[str, str]) -> None:
    """The tool is hidden (PATH without it, or PARLEY_CHROMIUM naming nothing): without CI the
    test skips, with CI=true the same test fails and says why."""
    local = _pytest([test, "-rs"], hide)
    assert local.returncode == 0 and "SKIPPED" in local.stdout, local.stdout[-2000:]
    ci = _pytest([test], {**hide, "CI": "true"})
    assert ci.returncode == 1 and "CI=true" in ci.stdout, ci.stdout[-2000:]
