"""``parley check`` and ``parley glossary extract`` as library calls: each reads a bitext (or two
texts it aligns first), does its one job, writes the files asked for and returns a typed report
that the command only prints."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from parley.align.errors import InputError, UsageError

if TYPE_CHECKING:
    from parley.align.model import Bitext
    from parley.glossary.findings import Finding
    from parley.glossary.model import Glossary

Progress = Callable[..., None]


@dataclass(frozen=True)
class CheckReport:
    """What :func:`check_files` found: the bitext checked (languages resolved), the findings
    worst first, and how many rules ran. A TMX/TSV/CSV's units and the findings are read
    from temporary files as they are asked for (a read-only sequence each)."""

    bitext: Bitext
    findings: Sequence[Finding]
    rules: int

    def at_or_above(self, severity: str) -> list[Finding]:
        """The findings at ``severity`` or worse (what ``--fail-on`` counts)."""
        from parley.glossary.findings import SEVERITIES

        limit = SEVERITIES.index(severity)
        return [f for f in self.findings if SEVERITIES.index(f.severity) <= limit]


@dataclass(frozen=True)
class ExtractReport:
    """What :func:`extract_glossary` produced: the glossary (best first), its languages, the
    number of units it came from, and the files written."""

    glossary: Glossary
    src_lang: str
    tgt_lang: str
    units: int
    written: tuple[Path, ...] = ()


def _languages(bt: Bitext, src_lang: str | None, tgt_lang: str | None, path: Path,
               tgt_path: Path | None = None, force_lang: bool = False) -> Bitext:
    """The bitext with its languages: given ones win, else the file's; unknown is an error
    (naming what the text looks like), and so is a side that is reliably in another language
    than claimed, unless ``force_lang``."""
    from parley.align.lang import check_lang
    from parley.align.langid import check_bitext_languages, guess_bitext_languages

    src, tgt = (check_lang(given or found) if (given or found) not in ("", "und") else "und"
                for given, found in ((src_lang, bt.src_lang), (tgt_lang, bt.tgt_lang)))
    if "und" in (src, tgt):
        guess = guess_bitext_languages(bt)
        raise UsageError("the languages of the bitext are unknown", path,
                         f"give -s {guess[0]} -t {guess[1]} if that is what it holds"
                         if guess else "give --src-lang and --tgt-lang")
    bt = dataclasses.replace(bt, src_lang=src, tgt_lang=tgt)
    if not force_lang:
        check_bitext_languages(bt, path, tgt_path)
    return bt


def check_files(
    bitext: str | Path,
    tgt_text: str | Path | None = None,
    *,
    glossary: str | Path | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    rules: Sequence[str] | None = None,
    ignore: str | Path | None = None,
    report: str | Path | None = None,
    csv: str | Path | None = None,
    progress: Callable[[int], Progress] | None = None,
    force_lang: bool = False,
) -> CheckReport:
    """Check a translation (a bitext file, or source and translation texts aligned first)
    against its source and a glossary; write the HTML report and CSV when asked.
    ``progress(total)`` returns an ``advance`` callback (one step per rule). A side that is not
    in its language is refused (:class:`LanguageError`) unless ``force_lang``."""
    from parley.exports.glossary_io import read_glossary
    from parley.exports.qa_report import write_csv, write_html
    from parley.glossary.qa import check_spooled, read_ignore_ids, select_rules
    from parley.inputs import load_bitext

    path = Path(bitext)
    tgt_p = Path(tgt_text) if tgt_text is not None else None
    # a TMX/TSV/CSV streams into a temporary file: memory flat in the number of units
    bt = _languages(load_bitext(path, tgt_p, src_lang, tgt_lang, spool=True), src_lang, tgt_lang,
                    path, tgt_p, force_lang)
    gl = (read_glossary(glossary, src_lang=bt.src_lang, tgt_lang=bt.tgt_lang)
          if glossary is not None else None)
    ignored: set[str] = set()
    if ignore is not None:
        ignore = Path(ignore)
        if not ignore.is_file():
            raise InputError("ignore file not found", ignore, "one finding id per line")
        from parley.align.reader import read_utf8

        ignored = read_ignore_ids(read_utf8(ignore, "ignore file"))
    n_rules = len(select_rules(rules))
    advance = progress(n_rules) if progress is not None else None
    # findings go to a temporary file as they come: memory flat in their number too
    findings = check_spooled(bt, gl, rules=rules, ignore=ignored, progress=advance)
    inputs = [Path(p) for p in (path, tgt_p, glossary, ignore) if p is not None]
    if report is not None:
        write_html(report, findings, bt, protect=inputs)
    if csv is not None:
        write_csv(csv, findings, protect=inputs)
    return CheckReport(bt, findings, n_rules)


def extract_glossary(
    bitext: str | Path,
    tgt_text: str | Path | None = None,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    termbase: str | Path | None = None,
    use_termbase: bool = True,
    max_terms: int = 500,
    outputs: Sequence[str | Path] = (),
    progress: Callable[[int], Progress] | None = None,
    force_lang: bool = False,
    keep_yo: bool = False,
) -> ExtractReport:
    """Extract source terms with their translations (best first) from a bitext file, or from
    source and translation texts aligned first; write the glossary to each of ``outputs``
    (format by extension). ``termbase`` replaces the starter term base; ``use_termbase=False``
    uses none. A side that is not in its language is refused unless ``force_lang``. Russian
    citation forms write е for ё as UN Russian does; ``keep_yo`` keeps ё (house styles differ)."""
    from parley.exports.glossary_io import read_glossary, write_glossary
    from parley.glossary.extract import extract_terms
    from parley.glossary.termbase import load_starter_termbase
    from parley.inputs import load_bitext

    path = Path(bitext)
    tgt_p = Path(tgt_text) if tgt_text is not None else None
    bt = _languages(load_bitext(path, tgt_p, src_lang, tgt_lang), src_lang, tgt_lang, path,
                    tgt_p, force_lang)
    src, tgt = bt.src_lang, bt.tgt_lang
    tb: Glossary | None = None
    if termbase is not None and use_termbase:
        tb = read_glossary(termbase, src_lang=src, tgt_lang=tgt)
    elif use_termbase:
        tb = load_starter_termbase()
    advance = progress(len(bt)) if progress is not None else None
    g = extract_terms(bt, src_lang=src, tgt_lang=tgt, termbase=tb, max_terms=max_terms,
                      progress=advance, keep_yo=keep_yo)
    protect = [p for p in (path, tgt_p, Path(termbase) if termbase else None) if p is not None]
    for out in outputs:
        write_glossary(out, g, src_lang=src, tgt_lang=tgt, protect=protect)
    return ExtractReport(g, src, tgt, len(bt), tuple(Path(o) for o in outputs))
