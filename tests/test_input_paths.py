"""Every command answers an input that cannot be read as a file (unreadable, a directory) in
one line on stderr with exit 3, never with Typer's three-line usage error (exit 2), and never
calls a directory "not found" (issue 12)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.align.errors import InputError, require_file
from parley.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EN, RU = SEEDS / "lavrov-2018-02-07.en.txt", SEEDS / "lavrov-2018-02-07.ru.txt"

#: One call per command (and per input option) with the input under test as ``{X}``.
CALLS = [
    ["segment", "{X}", "-s", "en"],
    ["align", "{X}", str(RU), "-s", "en", "-t", "ru", "-o", "{OUT}/a.tmx", "--mt", "none"],
    ["align", str(EN), "{X}", "-s", "en", "-t", "ru", "-o", "{OUT}/a.tmx", "--mt", "none"],
    ["run", "{X}", str(RU), "-s", "en", "-t", "ru", "-o", "{OUT}/run", "--mt", "none"],
    ["run", str(EN), str(RU), "-s", "en", "-t", "ru", "-o", "{OUT}/run", "--mt", "none", "-g", "{X}"],
    ["translate", "{X}", "-s", "en", "-t", "ru"],
    ["score", "{X}", str(RU)],
    ["score", "--tmx", "{X}", "--mt-model", "argos"],
    ["eval-align", "{X}", "{X}"],
    ["convert", "{X}", "{OUT}/c.tmx"],
    ["check", "{X}"],
    ["check", "{X}", str(RU), "-s", "en", "-t", "ru"],
    ["glossary", "extract", "{X}", str(RU), "-s", "en", "-t", "ru"],
    ["glossary", "lookup", "term", "-g", "{X}"],
    ["handoff", "omegat", "{X}", "-o", "{OUT}/proj", "-s", "en", "-t", "ru"],
    ["corpus", "{X}", "-o", "{OUT}/corpus"],
    ["models", "install", "{X}"],
]


def _ids() -> list[str]:
    return [" ".join(a for a in call if not a.startswith(("/", "{"))) for call in CALLS]


def _invoke(call: list[str], x: Path, out: Path) -> object:
    args = [a.replace("{X}", str(x)).replace("{OUT}", str(out)) for a in call]
    return CliRunner().invoke(app, args)


def _one_line(res: object) -> str:
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("parley: error")]  # type: ignore[attr-defined]
    assert "Usage:" not in res.stderr and "Traceback" not in res.stderr, res.stderr  # type: ignore[attr-defined]
    assert len(lines) == 1, res.stderr  # type: ignore[attr-defined]
    return lines[0]


@pytest.fixture
def unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file the process may not read. As root chmod does not stop reads, so ``os.access``
    says no for it, the check both Typer and parley make before opening."""
    f = tmp_path / "secret.txt"
    f.write_text("Nothing to see here. " * 10, encoding="utf-8")
    f.chmod(0)
    real = os.access

    def access(path: object, mode: int, *a: object, **k: object) -> bool:
        if Path(str(path)).name == "secret.txt" and mode & os.R_OK:
            return False
        return real(path, mode, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    return f


@pytest.mark.parametrize("call", CALLS, ids=_ids())
def test_unreadable_input_is_one_line_exit_3(call: list[str], unreadable: Path, tmp_path: Path) -> None:
    res = _invoke(call, unreadable, tmp_path)
    line = _one_line(res)
    assert res.exit_code == 3, res.stderr  # type: ignore[attr-defined]
    assert "permission denied" in line and "secret.txt" in line


#: Commands where a folder is a valid input (a run output folder, SRC_DIR TGT_DIR).
FOLDERS_OK = ("handoff", "corpus")


@pytest.mark.parametrize("call", [c for c in CALLS if c[0] not in FOLDERS_OK],
                         ids=[i for c, i in zip(CALLS, _ids(), strict=True) if c[0] not in FOLDERS_OK])
def test_directory_input_says_directory(call: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"  # an extension too: "cannot tell the format" is no answer
    folder.mkdir()
    res = _invoke(call, folder, tmp_path)
    line = _one_line(res)
    assert res.exit_code == 3, res.stderr  # type: ignore[attr-defined]
    assert "is a directory" in line and "not found" not in line


def test_require_file_messages(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="glossary file not found"):
        require_file(tmp_path / "nope.tsv", "glossary file")
    with pytest.raises(InputError, match="is a directory, not a glossary file"):
        require_file(tmp_path, "glossary file")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        require_file(fifo)


@pytest.fixture
def nobody_dir() -> Iterator[Path]:
    """A folder others can enter, for a run as user ``nobody`` (real permission checks)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run a command as another user")
    d = Path(tempfile.mkdtemp(prefix="parley-perm-"))
    d.chmod(0o755)
    try:
        yield d
    finally:
        shutil.rmtree(d)


def test_real_permission_denied_as_another_user(nobody_dir: Path) -> None:
    """No mock: a chmod-000 file and a file under a folder nobody may enter, read by ``nobody``."""
    venv_ok = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                              sys.executable, "-c", "import parley"], capture_output=True)
    if venv_ok.returncode != 0:
        pytest.skip("user nobody cannot run this interpreter")
    shut = nobody_dir / "closed"
    shut.mkdir(mode=0o700)
    for f in (nobody_dir / "secret.txt", shut / "inner.txt"):
        f.write_text("Nothing to see here. " * 10, encoding="utf-8")
    (nobody_dir / "secret.txt").chmod(0)
    for f, says in ((nobody_dir / "secret.txt", "permission denied"),
                    (shut / "inner.txt", "permission denied on a folder")):
        res = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                              sys.executable, "-m", "parley", "segment", str(f), "-s", "en"],
                             capture_output=True, text=True, cwd=nobody_dir,
                             env={**os.environ, "HOME": str(nobody_dir)})
        assert res.returncode == 3, res.stderr
        assert res.stderr.count("\n") == 1 and says in res.stderr, res.stderr
