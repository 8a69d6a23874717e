"""``parley check``: terminology, consistency, number and form QA of a translation."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from parley.ui import guard

if TYPE_CHECKING:
    from parley.glossary.findings import Finding


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


@guard
def check_cmd(
    bitext: Annotated[Path, typer.Argument(
        help="Translation to check: TMX, XLIFF, TSV (source<TAB>target), CSV, Parquet; or the "
        "source text when TGT is given.")],
    tgt_text: Annotated[Path | None, typer.Argument(
        help="The translation as a text file: SRC and TGT are then aligned first.")] = None,
    glossary_path: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary (OmegaT TSV; TBX/CSV where supported).")] = None,
    src_lang: Annotated[str | None, typer.Option("--src-lang", "-s", help="Source language.")] = None,
    tgt_lang: Annotated[str | None, typer.Option("--tgt-lang", "-t", help="Target language.")] = None,
    rules: Annotated[str | None, typer.Option(
        "--rules", help="Comma-separated rule ids or groups (terms, consistency, numbers, "
        "untranslated, form, glossary); default: all.")] = None,
    ignore: Annotated[Path | None, typer.Option(
        "--ignore", help="File of accepted finding ids, one per line (# comments).")] = None,
    report: Annotated[Path | None, typer.Option(
        "--report", help="Write a self-contained HTML report here.")] = None,
    csv_path: Annotated[Path | None, typer.Option("--csv", help="Write findings as CSV here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print findings as JSON on stdout.")] = False,
    fail_on: Annotated[FailOn, typer.Option(
        "--fail-on", help="Exit 7 when a finding at or above this severity remains.")] = FailOn.never,
    force_lang: Annotated[bool, typer.Option(
        "--force-lang", help="Check even when a side does not look like its language.")] = False,
    show: Annotated[int, typer.Option(
        "--show", min=0, help="Errors and warnings listed in the terminal, worst first (0: only "
        "the counts); all of them are in --report, --csv and --json.")] = 10,
) -> None:
    """Check a translation against its source and a glossary (inflection-aware).

    Examples: parley check seeds/lavrov-2018-02-07.en-ru.gold.tsv -g terms.txt --report qa.html;
    parley check speech.en.txt speech.ru.txt -s en -t ru --fail-on error
    """
    from parley.align.errors import QualityGateError
    from parley.checking import check_files
    from parley.exports.qa_report import findings_json, summary
    from parley.ui import info, print_json, print_table, progress_bar

    with ExitStack() as bars:
        result = check_files(
            bitext, tgt_text, glossary=glossary_path, src_lang=src_lang, tgt_lang=tgt_lang,
            rules=[r.strip() for r in rules.split(",")] if rules else None, ignore=ignore,
            report=report, csv=csv_path,
            progress=lambda n: bars.enter_context(progress_bar("checking", n)),
            force_lang=force_lang,
        )
    findings, bt = result.findings, result.bitext
    if as_json:
        print_json(findings_json(findings, bt))
    else:
        rows = [(r, s, n) for r, s, n in summary(findings)]
        print_table(f"{len(findings)} findings in {len(bt)} units", ("rule", "severity", "count"),
                    rows or [("(none)", "", 0)])
        _print_worst(findings, show)
        if report is not None:
            info(f"report: {report}")
    if fail_on is not FailOn.never:
        bad = result.at_or_above(fail_on.value)
        if bad:
            raise QualityGateError(f"{len(bad)} findings at or above {fail_on.value}",
                                   bitext, "fix them or list accepted ids in --ignore")


def _print_worst(findings: Sequence[Finding], show: int) -> None:
    """The first ``show`` errors, then warnings, as a translator reads them in the terminal:
    units, rule and the message that says what was expected and what the unit has instead.
    The same message on several units is one row ("empty target" on units 301-321)."""
    from parley.ui import info, print_table

    rows: dict[tuple[str, str, str], list[int]] = {}
    total = 0
    for f in findings:  # worst first (check_bitext's order): one pass over the spooled file
        if f.severity not in ("error", "warning"):
            continue
        total += 1
        key = (f.severity, f.rule, f.message)
        if key in rows or len(rows) < show:
            rows.setdefault(key, []).append(-1 if f.unit is None else f.unit + 1)
    if not rows:
        return
    print_table(None, ("unit", "severity", "rule", "message"),
                [(_units(units), *key) for key, units in rows.items()])
    shown = sum(len(u) for u in rows.values())
    if total > shown:
        info(f"{shown} of {total} errors and warnings shown (--show N for more; all in "
             "--report, --csv, --json)")


def _units(units: list[int]) -> str:
    """1-based unit numbers as ranges: "301-321", "5, 9"; a document-wide finding has none."""
    parts: list[str] = []
    for u in sorted(set(u for u in units if u >= 0)):
        if parts and parts[-1].split("-")[-1] == str(u - 1):
            parts[-1] = f"{parts[-1].split('-')[0]}-{u}"
        else:
            parts.append(str(u))
    return ", ".join(parts)


def register(app: typer.Typer) -> None:
    app.command("check")(check_cmd)
