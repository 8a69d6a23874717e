"""``parley --help`` as Typer prints it on a terminal at least 80 columns wide (or piped):
:mod:`parley.console` prints this without importing Typer, which alone takes longer than the
0.15 s budget of ``parley --help``. Generated, never edited by hand; tests/test_cli_basics.py
fails when it differs from what Typer renders. Regenerate with ``python -m parley._help``.
"""

ROOT_HELP = """\
Usage: parley [OPTIONS] COMMAND [ARGS]...

  Segment, align, translate and check diplomatic texts; export TMX/TBX/XLIFF
  for CAT tools.

Options:
  -q, --quiet    No progress or info on stderr.
  -v, --verbose  More detail on stderr.
  --version      Show version and exit.
  -h, --help     Show this message and exit.

Commands:
  run         Align, export TMX, extract the glossary, check, and write...
  corpus      Align a whole corpus on Dask: units.parquet, corpus.tmx, a...
  segment     Split a document into sentences (paragraphs are never joined).
  align       Align the sentences of SRC and TGT into beads (1-1, 2-1...
  eval-align  Strict and lax precision/recall/F1, micro-averaged over...
  translate   Translate a document sentence by sentence with an...
  models      Offline MT models (argos packages): list, install from a...
  score       Corpus BLEU, chrF and TER with sacrebleu signatures...
  convert     Convert a bitext between exchange formats and report what...
  glossary    Extract a bilingual glossary from aligned text; look terms...
  check       Check a translation against its source and a glossary...
  review      Open the alignment editor: merge, split, move, edit and...
  handoff     Hand parley's outputs to a CAT tool as a ready project.

  Exit codes: 0 success; 1 other parley error; 2 usage error (bad option or
  argument combination); 3 input file missing, a directory, unreadable, empty,
  binary or undecodable; 4 malformed or unsafe file content (e.g. broken XML);
  5 unknown or unsupported language; 6 machine-translation model or extra
  missing; 7 quality check failed at the --fail-on level; 8 output cannot be
  written (disk full, read-only, special file) or would overwrite an input;
  130 interrupted (Ctrl-C); no partial output left behind; 143 terminated
  (SIGTERM); no partial output left behind.
"""


def _regenerate() -> None:
    """Render ``parley --help`` through Typer and rewrite this file with it."""
    from pathlib import Path

    from typer.testing import CliRunner

    from parley.cli import app

    res = CliRunner().invoke(app, ["--help"], terminal_width=78, prog_name="parley")
    if res.exit_code != 0:
        raise SystemExit(res.output)
    text = res.stdout
    if "\\" in text or '"""' in text:
        raise SystemExit("the help text needs escaping: write it with repr() instead")
    here = Path(__file__)
    old = here.read_text(encoding="utf-8")
    start = old.index("ROOT_HELP = ")
    end = old.index("\n\n\ndef _regenerate")
    here.write_text(old[:start] + f'ROOT_HELP = """\\\n{text}"""' + old[end:], encoding="utf-8")


if __name__ == "__main__":
    _regenerate()
