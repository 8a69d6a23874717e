"""Drive the system's headless Chromium from tests: DOM after scripts ran, console, screenshots.

Plain subprocess calls of the Debian ``chromium`` binary (no Playwright, no browser download).
Each call gets a fresh profile and every network-y feature off, so a page that tries to reach
the network shows up as a console error instead of a silent fetch.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    # any attempt to reach the network fails fast instead of hanging the test
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)
_CONSOLE = re.compile(
    r':CONSOLE(?:\(\d+\))?(?::\d+)?\] "(?P<msg>.*)", source: (?P<src>.*?) \((?P<line>\d+)\)'
)

INSTALL_HINT = (
    "headless Chromium not found: install the Debian package `chromium` "
    "(`make dev` does it when run as root with apt-get), or set PARLEY_CHROMIUM to the binary"
)


def find_chromium() -> str | None:
    """The Chromium binary: $PARLEY_CHROMIUM, then the usual names on PATH."""
    env = os.environ.get("PARLEY_CHROMIUM")
    if env:
        return env if Path(env).is_file() else shutil.which(env)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class PageRun:
    """What one headless run produced: the serialised DOM (for --dump-dom), console lines."""

    dom: str
    console: tuple[str, ...]
    stderr: str


class Chromium:
    """One headless browser binary plus a scratch folder for fresh profiles."""

    def __init__(self, binary: str, scratch: Path, timeout: float = 60.0) -> None:
        self.binary = binary
        self.scratch = scratch
        self.timeout = timeout
        self._runs = 0

    def _run(self, url: str, *extra: str) -> PageRun:
        self._runs += 1
        profile = self.scratch / f"profile-{self._runs}"
        cmd = [self.binary, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr",
               "--v=0", *extra, url]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=self.timeout,
                              check=False, stdin=subprocess.DEVNULL)
        if proc.returncode != 0:
            raise RuntimeError(f"chromium exited with {proc.returncode}: {proc.stderr[-2000:]}")
        console = tuple(
            f"{m['msg']} ({m['src']}:{m['line']})" for m in _CONSOLE.finditer(proc.stderr)
        )
        return PageRun(proc.stdout, console, proc.stderr)

    def dump_dom(self, url: str, *, budget_ms: int = 3000) -> PageRun:
        """The DOM after the page's scripts ran (and load handlers finished)."""
        return self._run(url, f"--virtual-time-budget={budget_ms}", "--dump-dom")

    def screenshot(self, url: str, png: Path, *, size: tuple[int, int] = (1400, 1000)) -> PageRun:
        png.parent.mkdir(parents=True, exist_ok=True)
        run = self._run(url, f"--window-size={size[0]},{size[1]}", f"--screenshot={png}",
                        "--virtual-time-budget=2000")
        if not png.is_file() or png.stat().st_size == 0:
            raise RuntimeError(f"no screenshot written to {png}: {run.stderr[-2000:]}")
        return run


    def print_pdf(self, url: str, pdf: Path) -> PageRun:
        """Print as the user would (print CSS applies), without header/footer lines."""
        run = self._run(url, f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                        "--virtual-time-budget=2000")
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise RuntimeError(f"no PDF written to {pdf}: {run.stderr[-2000:]}")
        return run


def save_copy(png: Path, name: str) -> Path | None:
    """Also keep a screenshot under out/screenshots/ when PARLEY_SCREENSHOTS is set."""
    if not os.environ.get("PARLEY_SCREENSHOTS"):
        return None
    dest_dir = Path(__file__).resolve().parent.parent / "out" / "screenshots"
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / name
    shutil.copyfile(png, dest)
    return dest
