"""Selenium on Debian's chromium + chromium-driver for the editor tests, and the editor server as
a real subprocess (so it can be SIGKILLed). Selenium Manager never runs: the driver path is given
and SE_OFFLINE is set, so nothing is downloaded."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conftest import missing_tool

DRIVER_CANDIDATES = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--window-size=1400,1000",
         "--proxy-server=127.0.0.1:9")  # loopback is never proxied: the editor is reachable
HINT = ("headless Chromium and its driver are needed: apt-get install chromium chromium-driver "
        "(make dev does it as root), or set PARLEY_CHROMIUM / PARLEY_CHROMEDRIVER")


def _first(env: str, candidates: tuple[str, ...], name: str) -> str | None:
    given = os.environ.get(env)
    if given:
        return given if Path(given).is_file() else None
    for c in candidates:
        if Path(c).is_file():
            return c
    return shutil.which(name)


def start_driver(profile: Path) -> Any:
    chromium = _first("PARLEY_CHROMIUM", CHROMIUM_CANDIDATES, "chromium")
    driver_bin = _first("PARLEY_CHROMEDRIVER", DRIVER_CANDIDATES, "chromedriver")
    if chromium is None or driver_bin is None:
        missing_tool(HINT)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing_tool("selenium is not installed (pip install -e '.[dev]')")
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager: never download a driver or browser
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(chromium)
    for f in FLAGS:
        opts.add_argument(f)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=opts, service=Service(executable_path=str(driver_bin)))


@dataclass
class Server:
    """``parley review`` running in its own process group."""

    proc: subprocess.Popen[str]
    url: str

    @property
    def port(self) -> int:
        return int(self.url.split(":")[2].split("/")[0])

    @property
    def token(self) -> str:
        return self.url.split("token=")[1]

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
        self.proc.wait(timeout=30)
        for pipe in (self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()


def start_server(target: Path, *extra: str, timeout: float = 60.0) -> Server:
    proc = subprocess.Popen(
        [sys.executable, "-m", "parley", "review", str(target), "--no-browser", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("http://127.0.0.1:"):
        proc.kill()
        err = proc.stderr.read() if proc.stderr else ""
        proc.communicate()
        raise AssertionError(f"parley review did not start: {line!r} {err}")
    assert time.monotonic() < deadline
    return Server(proc, line.strip())
