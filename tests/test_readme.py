"""README examples cannot go stale: every ``$ parley ...`` example in README.md runs here and
must print what the README shows (tables compared line by line, box drawing and spacing aside).

Examples that need what a test cannot have (a network, an installed MT model, data that is not
shipped) are listed in ``NOT_RUN`` with the reason. To refresh the README after a deliberate
change, run ``PARLEY_README_UPDATE=1 pytest tests/test_readme.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: ../shared beside the checkout (CI's layout); PARLEY_SHARED points elsewhere for a worktree.
SHARED = Path(os.environ.get("PARLEY_SHARED", ROOT.parent / "shared"))
UPDATE = os.environ.get("PARLEY_README_UPDATE") == "1"
#: Tables are rendered this wide (the README's examples were made at this width).
WIDTH = 110
#: Example commands (their first words) that no test can run, and why.
NOT_RUN = {
    "parley translate": "needs an installed MT model (tests/test_mt.py runs it on a tiny one)",
    "parley models": "needs argos packages or the network (tests/test_mt.py)",
    "parley score newstest2021": "WMT21 references are data, not shipped (bench/score.py)",
}
_BOX = re.compile(r"[┏┳┓┃┡╇┩│└┴┘━─]")


@dataclass
class Example:
    command: str  # without "$ ", continuation lines joined
    shown: list[str]  # the lines the README shows after it
    start: int  # line index of the command in README
    end: int  # line index after the shown output


def _examples(lines: list[str]) -> list[list[Example]]:
    """Fenced blocks (not python) with ``$ `` commands, each split into examples."""
    blocks: list[list[Example]] = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("```"):
            j = i + 1
            while not lines[j].startswith("```"):
                j += 1
            body = range(i + 1, j)
            if lines[i] != "```python" and any(lines[k].startswith("$ parley") for k in body):
                blocks.append(_split(lines, i + 1, j))
            i = j + 1
        else:
            i += 1
    return blocks


def _split(lines: list[str], start: int, end: int) -> list[Example]:
    out: list[Example] = []
    k = start
    while k < end:
        if not lines[k].startswith("$ "):
            k += 1
            continue
        first = k
        cmd = lines[k][2:]
        while cmd.endswith("\\"):
            k += 1
            cmd = cmd[:-1] + " " + lines[k].strip()
        k += 1
        shown_start = k
        while k < end and not lines[k].startswith("$ "):
            k += 1
        out.append(Example(cmd, lines[shown_start:k], first, k))
    return out


def _norm(lines: list[str]) -> list[str]:
    return [n for n in (" ".join(_BOX.sub(" ", x).split()) for x in lines) if n]


def _not_run(command: str) -> str | None:
    return next((why for start, why in NOT_RUN.items() if command.startswith(start)), None)


def _run(command: str, last_code: int) -> tuple[list[str], int]:
    """Run one example: ``parley ...`` (optionally ``; echo "exit $?"``, ``> /dev/null``),
    or ``echo $?``. Returns the printed lines (stdout and stderr as a terminal shows them)."""
    command = command.split("  #")[0].strip()
    if command == "echo $?":
        return [str(last_code)], last_code
    echo_exit = command.endswith('; echo "exit $?"')
    command = command.removesuffix('; echo "exit $?"')
    quiet = command.endswith("> /dev/null")
    argv = shlex.split(command.removesuffix("> /dev/null"))
    assert argv[0] == "parley", command
    res = CliRunner().invoke(app, argv[1:], env={"COLUMNS": str(WIDTH)}, terminal_width=WIDTH)
    # as a terminal shows them: stdout and stderr interleaved
    printed = [x.rstrip() for x in (res.stderr if quiet else res.output).splitlines()]
    if echo_exit:
        printed.append(f"exit {res.exit_code}")
    return printed, res.exit_code


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder laid out like the repo (copies: examples write beside their inputs)."""
    for name in ("seeds", "bench", "tests"):
        shutil.copytree(ROOT / name, tmp_path / "repo" / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.sqlite"))
    if SHARED.is_dir():
        (tmp_path / "shared").symlink_to(SHARED)
    (tmp_path / "repo" / "out").mkdir()
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


def test_readme_examples_print_what_the_readme_shows(workdir: Path) -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    blocks = _examples(lines)
    assert len(blocks) >= 8, "the README's examples were not found"
    ran, skipped, replace = 0, [], {}
    for block in blocks:
        code = 0
        for ex in block:
            why = _not_run(ex.command)
            if why is None and "../shared/" in ex.command and not SHARED.is_dir():
                why = "../shared is not beside the checkout"
            if why is not None:
                skipped.append((ex.command, why))
                continue
            printed, code = _run(ex.command, code)
            ran += 1
            if UPDATE:
                gap = len(ex.shown) - len("\n".join(ex.shown).rstrip("\n").splitlines())
                replace[ex.start] = (ex.end, printed + [""] * gap)
                continue
            assert _norm(printed) == _norm(ex.shown), f"README line {ex.start + 1}: $ {ex.command}"
    if UPDATE and replace:
        out: list[str] = []
        i = 0
        while i < len(lines):
            if i in replace:
                end, printed = replace[i]
                j = i
                out.append(lines[j])
                while lines[j].endswith("\\"):
                    j += 1
                    out.append(lines[j])
                out.extend(printed)
                i = end
            else:
                out.append(lines[i])
                i += 1
        README.write_text("\n".join(out) + "\n", encoding="utf-8")
    assert ran >= 8
    assert all(any(c.startswith(p) for p in NOT_RUN) or "../shared" in c for c, _ in skipped)


def test_readme_demo_block_matches_parley_run(seed_run: tuple[Path, dict],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The ``make demo`` output in the README: the same table and outputs as ``parley run`` on
    the seeds (time aside)."""
    from parley.cmd_run import _print_summary

    out, summary = seed_run
    text = README.read_text(encoding="utf-8")
    block = text[text.index("$ make demo"):].split("```")[0].splitlines()
    start = next(i for i, x in enumerate(block) if x.startswith("  --src-lang en"))
    end = next(i for i, x in enumerate(block) if x.startswith("summary:"))
    shown = block[start + 1:end + 1]
    import json

    data = json.loads(json.dumps(summary).replace(str(out), "out"))
    _print_summary(data)
    printed = capsys.readouterr().out.splitlines()
    is_time = re.compile(r"time \(s\) [\d.]+$")
    assert [x for x in _norm(printed) if not is_time.match(x)] == \
        [x for x in _norm(shown) if not is_time.match(x)]
