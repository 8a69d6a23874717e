"""One option vocabulary across commands: -s/--src-lang, -t/--tgt-lang, -o/--output, -f/--format,
--json, one --mt switch; old spellings only as hidden, deprecated aliases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from parley.cli import app

runner = CliRunner()
#: short option -> the one long option it may stand for, in every command
SHORT = {"-s": "--src-lang", "-t": "--tgt-lang", "-o": "--output", "-f": "--format",
         "-g": "--glossary", "-j": "--jobs", "-q": "--quiet", "-v": "--verbose", "-h": "--help",
         "-l": "--lang", "-m": "--metrics", "-n": "--max-terms"}


# Typer >= 0.20 vendors Click, so the tree is walked by duck typing, not click's classes; the
# root group builds its commands lazily, so they are asked for by name.
def _commands() -> Iterator[tuple[str, Any]]:
    root = typer.main.get_command(app)
    ctx = root.context_class(root)

    def walk(cmd: Any, path: str) -> Iterator[tuple[str, Any]]:
        if hasattr(cmd, "list_commands"):
            for name in cmd.list_commands(ctx):
                yield from walk(cmd.get_command(ctx, name), f"{path} {name}".strip())
        else:
            yield path, cmd

    yield from walk(root, "")


def _options(cmd: Any) -> list[Any]:
    return [p for p in cmd.params if p.param_type_name == "option" and not p.hidden]


def test_short_options_mean_one_thing_everywhere() -> None:
    for path, cmd in _commands():
        for opt in _options(cmd):
            for short in (o for o in opt.opts if len(o) == 2):
                assert SHORT.get(short) in opt.opts, (path, opt.opts)


def test_languages_are_src_lang_and_tgt_lang() -> None:
    for path, cmd in _commands():
        for opt in _options(cmd):
            longs = [o for o in opt.opts if o.startswith("--")]
            # --force-lang (accept a text whatever language it looks like) names no language
            if any(("lang" in o and o != "--force-lang") or o in ("--from", "--to") for o in longs):
                assert {"--src-lang", "--tgt-lang"} & set(longs), (path, longs)


def test_every_command_speaks_json() -> None:
    for path, cmd in _commands():
        assert any("--json" in o.opts for o in _options(cmd)), path


def test_one_mt_switch_for_run_and_align() -> None:
    choices = {}
    for path, cmd in _commands():
        for opt in _options(cmd):
            if "--mt" in opt.opts:
                enum = getattr(opt, "type_descriptor", None)
                kind = enum.annotation if enum is not None else opt.type
                values = tuple(m.value for m in kind) if isinstance(kind, type) else kind.choices
                choices[path] = (tuple(values), str(getattr(opt.default, "value", opt.default)))
    assert set(choices) == {"run", "align", "corpus"}
    assert choices["run"] == choices["align"] == choices["corpus"]
    assert choices["run"][0] == ("auto", "argos", "none")


def test_align_default_max_bead_is_the_aligners() -> None:
    from parley.align.aligner import DEFAULT_MAX_BEAD

    cmd = dict(_commands())["align"]
    opt = next(o for o in _options(cmd) if "--max-bead" in o.opts)
    assert f"default: {DEFAULT_MAX_BEAD})" in (opt.help or "")


def test_old_spellings_still_work_with_a_note(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("The Council met.\tСовет собрался.\n", encoding="utf-8")
    out = tmp_path / "a.out"
    res = runner.invoke(app, ["convert", str(tsv), str(out), "--to", "tmx", "-s", "en", "-t", "ru"])
    assert res.exit_code == 0, res.stderr
    assert "--to is deprecated, use -f/--format" in res.stderr
    assert b"<tmx" in out.read_bytes()
    both = runner.invoke(app, ["convert", str(tsv), str(out), "--to", "tmx", "-f", "tsv"])
    assert both.exit_code == 2 and "give only -f/--format" in both.stderr
    assert "--from" not in runner.invoke(app, ["translate", "--help"]).stdout


def test_run_needs_the_languages(tmp_path: Path) -> None:
    """No silent en->ru: without a translation to identify it from, the target language must
    be given (with both files, run identifies and prints them: tests/test_handoff.py)."""
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    res = runner.invoke(app, ["run", str(seeds / "lavrov-2018-02-07.en.txt"), "-o", str(tmp_path)])
    assert res.exit_code == 2
    assert "give the target language with -t" in res.stderr
    assert not any(tmp_path.iterdir())


def test_every_command_is_listed_and_builds() -> None:
    names = {p for p, _ in _commands()}
    assert {"run", "segment", "align", "eval-align", "translate", "models list", "score",
            "convert", "glossary extract", "glossary lookup", "check"} <= names


def test_version_imports_no_command_module() -> None:
    """``parley --version`` stays fast: not even typer is imported; the answer is the CLI's."""
    import subprocess
    import sys

    code = ("import sys; from parley.console import main; sys.argv = ['parley', '--version']\n"
            "main()\n"
            "print(sorted(m for m in sys.modules if m.startswith(('parley.cmd_', 'typer', 'rich'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    version, loaded = out.stdout.splitlines()
    assert loaded == "[]", loaded
    assert version == runner.invoke(app, ["--version"]).stdout.strip()


def test_help_imports_no_cli_framework() -> None:
    """``parley --help`` answers from the stored text without typer, rich or any command."""
    import subprocess
    import sys

    code = ("import sys; from parley.console import main; sys.argv = ['parley', '--help']\n"
            "main()\n"
            "print(sorted(m for m in sys.modules if m.startswith(('parley.cmd_', 'typer', 'rich', "
            "'pydantic'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "COLUMNS": "100"})
    *text, loaded = out.stdout.splitlines()
    assert loaded == "[]", loaded
    assert "\n".join(text) + "\n" == runner.invoke(app, ["--help"], terminal_width=78).stdout


def test_stored_root_help_is_what_typer_prints() -> None:
    """parley/_help.py is generated: regenerate with ``python -m parley._help`` when this fails."""
    from parley._help import ROOT_HELP

    assert runner.invoke(app, ["--help"], terminal_width=78, prog_name="parley").stdout == ROOT_HELP


def test_command_summaries_are_the_commands_docstrings() -> None:
    """``parley --help`` lists commands from parley.cli.SUMMARIES without building them; each
    must stay the first paragraph of the command's own help."""
    import typer

    from parley.cli import _COMMANDS, SUMMARIES

    root = typer.main.get_command(app)
    assert list(SUMMARIES) == list(_COMMANDS)
    for name, summary in SUMMARIES.items():
        first = " ".join((root.get_command(None, name).help or "").split("\n\n")[0].split())  # type: ignore[attr-defined]
        assert first == summary, name
