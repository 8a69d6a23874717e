"""``parley handoff omegat``: a ready OmegaT project from parley's outputs, in one command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from parley.align.errors import InputError, UsageError, require_file
from parley.exports.qa_status import EXCLUDE_HELP
from parley.ui import guard, info, print_json, print_table

handoff_app = typer.Typer(
    help="Hand parley's outputs to a CAT tool as a ready project.", no_args_is_help=True,
    rich_markup_mode=None,
)


def _from_run(outdir: Path) -> dict[str, Any]:
    """Source documents, TMX, glossary and languages of a ``parley run`` output folder."""
    summary = outdir / "summary.json"
    if not summary.is_file():
        raise InputError("not a parley run output folder (no summary.json)", outdir,
                         "give the source document with --tmx and --glossary instead")
    data = json.loads(summary.read_text(encoding="utf-8"))
    ok = [r for r in data.get("results", []) if r.get("ok")]
    if len(ok) != 1:
        raise UsageError(f"the run folder holds {len(ok)} document pairs; hand off one at a time",
                         outdir, "give SOURCE --tmx PAIR.tmx --glossary PAIR.glossary.tbx")
    outputs = ok[0]["outputs"]
    opts = data.get("options", {})
    if "source" not in outputs:
        raise UsageError("this run folder does not record its source document", outdir,
                         "give SOURCE --tmx TMX --glossary GLOSSARY instead")
    if not opts.get("srx") and opts.get("segmenter") != "srx":
        info("this run segmented with parley's own rules, which OmegaT does not have: run with "
             "--segmenter srx (or --srx FILE) for segments OmegaT fills from the TM")
    gl = outputs.get("glossary_tbx") or outputs.get("glossary_utf8")
    return {"sources": [Path(outputs["source"])], "tmx": Path(outputs["tmx"]),
            "glossary": Path(gl) if gl else None, "src_lang": opts.get("src_lang"),
            "tgt_lang": opts.get("tgt_lang"), "srx": opts.get("srx"),
            "qa": Path(outputs["qa_json"]) if outputs.get("qa_json") else None}


@handoff_app.command("omegat")
@guard
def omegat_cmd(
    inputs: Annotated[list[Path], typer.Argument(
        help="A 'parley run' output folder, or the source document(s) to translate.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The new OmegaT project folder.")],
    tmx: Annotated[Path | None, typer.Option(
        "--tmx", help="Translation memory (TMX, TSV, XLIFF...).")] = None,
    glossary: Annotated[Path | None, typer.Option("--glossary", "-g", help="Glossary (any format).")] = None,
    src_lang: Annotated[str | None, typer.Option(
        "--src-lang", "-s", help="Source language as the project needs it, e.g. en-GB.")] = None,
    tgt_lang: Annotated[str | None, typer.Option(
        "--tgt-lang", "-t", help="Target language, e.g. ru-RU.")] = None,
    srx: Annotated[Path | None, typer.Option(
        "--srx", help="The SRX rules the TMX was segmented with (default: parley's SRX rules).")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", help="Leave out of the TM: " + EXCLUDE_HELP)] = None,
    low: Annotated[float, typer.Option("--low", min=0.0, max=1.0,
                                       help="Confidence below which a unit is low.")] = 0.5,
    untranslated: Annotated[bool, typer.Option(
        "--include-untranslated", help="Keep units whose target QA found untranslated.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Report as JSON on stdout.")] = False,
) -> None:
    """Write an OmegaT project: omegat.project with the languages, the source in source/, the
    TMX in tm/auto/ (exact matches filled in on opening), the glossary in glossary/ and the
    segmentation rules the TMX was cut with, so its sentences are OmegaT's segments.

    Example: parley handoff omegat out -o lavrov-omegat -s en-GB -t ru-RU
    """
    from parley.align.lang import check_lang
    from parley.exports.omegat_project import write_omegat_project

    job = _job(inputs, tmx, glossary, srx)
    s = src_lang or job.get("src_lang")
    t = tgt_lang or job.get("tgt_lang")
    if not s or not t:
        raise UsageError("the languages are not known", hint="give -s and -t (e.g. -s en-GB -t ru-RU)")
    s, t = check_lang(s), check_lang(t)
    bitext, left = _tm(job, s, t, list(exclude or []), low, untranslated, output)
    gloss = None
    if job.get("glossary") is not None:
        from parley.exports.glossary_io import read_glossary

        gloss = read_glossary(job["glossary"], src_lang=s, tgt_lang=t)
    rules = job.get("srx")
    report = write_omegat_project(output, job["sources"], src_lang=s, tgt_lang=t, bitext=bitext,
                                  glossary=gloss, srx=str(rules) if rules else None,
                                  left_out=sum(left.values()))
    _print(report, left, as_json)


def _job(inputs: list[Path], tmx: Path | None, glossary: Path | None, srx: Path | None) -> dict[str, Any]:
    if len(inputs) == 1 and inputs[0].is_dir():
        if tmx is not None:
            raise UsageError("give a run folder or SOURCE --tmx TMX, not both")
        job = _from_run(inputs[0])
        if glossary is not None:
            job["glossary"] = glossary
    else:
        for p in inputs:
            require_file(p, "source document")
        job = {"sources": inputs, "tmx": tmx, "glossary": glossary}
    if srx is not None:
        from parley.exports.omegat_project import srx_file

        job["srx"] = srx_file(srx)
    return job


def _tm(job: dict[str, Any], s: str, t: str, exclude: list[str], low: float, untranslated: bool,
        output: Path) -> tuple[Any, dict[str, int]]:
    """The TM units that go to tm/auto, with the QA status of the run when there is one; the
    units left out are written beside the project (never lost)."""
    if job.get("tmx") is None:
        return None, {}
    from parley.exports.qa_status import QA_STATUS, annotate, select
    from parley.exports.registry import read_bitext, write_bitext

    bitext = read_bitext(job["tmx"], src_lang=s, tgt_lang=t)
    qa = job.get("qa")
    if qa is not None and not any(QA_STATUS in u.props for u in bitext.units):
        bitext = annotate(bitext, _findings(qa))
    sel = select(bitext, exclude, low_confidence=low, untranslated=untranslated)
    if sel.left_out:
        from dataclasses import replace

        side = output.parent / f"{output.name}.left-out.tsv"
        units = tuple(replace(u, note=reason) for reason, u in sel.left_out)
        write_bitext(side, replace(bitext, units=units), fmt="tsv")
        info(f"{len(units)} unit(s) left out of the TM: {side}")
    return sel.kept, sel.counts()


def _findings(path: Path) -> list[Any]:
    """Findings of a run's qa.json (rule, severity and unit index are all that is needed)."""
    from parley.exports.qa_report import read_findings
    from parley.glossary.findings import Finding

    rows = read_findings(path)
    return [Finding(rule=f["rule"], severity=f.get("severity", "warning"), message=f.get("message", ""),
                    unit=f.get("unit")) for f in rows if isinstance(f, dict) and "rule" in f]


def _print(report: Any, left: dict[str, int], as_json: bool) -> None:
    data = {"project": str(report.project), "source_files": list(report.source_files),
            "src_lang": report.src_lang, "tgt_lang": report.tgt_lang, "tm_units": report.tm_units,
            "left_out": left, "glossary_entries": report.glossary_entries,
            "segmentation_rules": report.segmentation_rules}
    if as_json:
        print_json(data)
        return
    rows = [["project", data["project"]], ["languages", f"{report.src_lang} → {report.tgt_lang}"],
            ["source/", ", ".join(report.source_files)], ["tm/auto/ units", report.tm_units],
            ["left out of the TM", ", ".join(f"{k}: {v}" for k, v in left.items()) or "none"],
            ["glossary/ entries", report.glossary_entries],
            ["segmentation rules", report.segmentation_rules]]
    print_table("OmegaT project written", ["", ""], rows)


def register(app: typer.Typer) -> None:
    app.add_typer(handoff_app, name="handoff")
