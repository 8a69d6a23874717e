"""``parley align``: sentence-align a document and its translation."""

from __future__ import annotations

from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from parley.align.aligner import DEFAULT_MAX_BEAD
from parley.ui import guard, print_json, print_table, progress_bar


class AlignFormat(str, Enum):
    beads = "beads"
    tsv = "tsv"
    tmx = "tmx"


def _presegmented(path: Path, lang: str, encoding: str | None) -> list[Any]:
    from parley.align.model import Segment
    from parley.align.reader import read_document

    doc = read_document(path, lang=lang, encoding=encoding, paragraphs="lines")
    return [Segment(p.index, p.index, p.start, p.end, p.text) for p in doc.paragraphs]


def _segmented(path: Path, lang: str, encoding: str | None, segmenter: str | None = None,
               srx: str | None = None) -> list[Any]:
    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document

    doc = read_document(path, lang=lang, encoding=encoding)
    return segment_document(doc, lang, get_segmenter(lang, segmenter, srx))


def _pick_format(output: Path, fmt: AlignFormat | None) -> str:
    if fmt is not None:
        return fmt.value
    suffix = output.suffix.lower()
    if suffix in {".beads", ".txt", ".align"}:
        return "beads"
    if suffix in {".tmx", ".tsv"}:
        return suffix[1:]
    from parley.exports.registry import format_for

    return format_for(output)


@guard
def align_cmd(
    src: Annotated[Path, typer.Argument(help="Source document (.txt, .docx, .html).")],
    tgt: Annotated[Path, typer.Argument(help="Its translation.")],
    src_lang: Annotated[str, typer.Option("--src-lang", "-s", help="Source language, e.g. en.")],
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", "-t", help="Target language, e.g. ru.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output file (.tsv, .tmx, .beads).")],
    fmt: Annotated[
        AlignFormat | None,
        typer.Option("--format", "-f", help="beads: '[i, j]:[k]' lines (0-based); tsv; tmx. "
                     "Default: from the output's extension."),
    ] = None,
    presegmented: Annotated[
        bool, typer.Option("--presegmented", help="Inputs have one sentence per line.")
    ] = False,
    mt_file: Annotated[
        Path | None,
        typer.Option("--mt-file", help="Machine translation of the source, one line per source sentence."),
    ] = None,
    mt_engine: Annotated[
        str | None,
        typer.Option("--mt", help="'argos': translate the source with the installed argos model "
                     "and use it as evidence (needs the 'mt' extra)."),
    ] = None,
    lexicon: Annotated[
        Path | None, typer.Option("--lexicon", help="Bilingual word list, TSV source<TAB>target.")
    ] = None,
    review: Annotated[
        Path | None, typer.Option("--review", help="Also write a review page (HTML) here.")
    ] = None,
    max_bead: Annotated[
        int, typer.Option("--max-bead", min=1, max=6, help="Most sentences on one side of a bead.")
    ] = DEFAULT_MAX_BEAD,
    low: Annotated[
        float, typer.Option("--low", min=0.0, max=1.0, help="Confidence below which a bead is 'low'.")
    ] = 0.5,
    srx: Annotated[Path | None, typer.Option(
        "--srx", help="Segment as your CAT tool does: an SRX 2.0 file, an OmegaT project folder "
        "or its omegat/segmentation.conf.")] = None,
    segmenter: Annotated[str | None, typer.Option(
        "--segmenter", help="rules (default: parley's own), sentencex, or srx (LanguageTool's "
        "SRX rules, the ones 'parley handoff omegat' gives OmegaT).")] = None,
    force_lang: Annotated[bool, typer.Option(
        "--force-lang", help="Align even when a text does not look like its -s/-t language.")] = False,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Override encoding detection.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report on stdout.")] = False,
) -> None:
    """Align the sentences of SRC and TGT into beads (1-1, 2-1, 1-0 ...) with a confidence.

    Unaligned sentences are kept as 1-0/0-1 units and listed in the report.

    Example: parley align seeds/lavrov-2018-02-07.en.txt seeds/lavrov-2018-02-07.ru.txt
    -s en -t ru -o out/lavrov.tsv
    """
    from parley.align.aligner import align_segments, beads_to_bitext, read_lexicon
    from parley.align.errors import InputError, OutputError, UsageError
    from parley.align.evaluate import write_beads
    from parley.align.lang import check_lang

    src_lang, tgt_lang = check_lang(src_lang), check_lang(tgt_lang)
    inputs = [p for p in (src, tgt, mt_file, lexicon) if p is not None]
    for p in inputs:
        if p.exists() and output.exists() and p.resolve() == output.resolve():
            raise OutputError("refusing to overwrite an input file", output, "choose another output path")
    kind = _pick_format(output, fmt)
    if presegmented and (srx is not None or segmenter is not None):
        raise UsageError("--presegmented inputs are not segmented again: drop --srx/--segmenter")
    if presegmented:
        src_segs = _presegmented(src, src_lang, encoding)
        tgt_segs = _presegmented(tgt, tgt_lang, encoding)
    else:
        from parley.exports.omegat_project import srx_file

        rules = str(srx_file(srx)) if srx is not None else None
        src_segs = _segmented(src, src_lang, encoding, segmenter, rules)
        tgt_segs = _segmented(tgt, tgt_lang, encoding, segmenter, rules)
    if not force_lang:
        from parley.align.langid import check_language

        check_language(" ".join(x.norm for x in src_segs[:200]), src_lang, src, "-s")
        check_language(" ".join(x.norm for x in tgt_segs[:200]), tgt_lang, tgt, "-t")
    mt: list[str] | None = None
    if mt_file is not None:
        from parley.align.reader import read_document

        mt = read_document(mt_file, lang=tgt_lang, paragraphs="lines").text.splitlines()
        while mt and not mt[-1].strip():
            mt.pop()
        if len(mt) != len(src_segs):
            raise InputError(
                f"the MT file has {len(mt)} lines but the source has {len(src_segs)} sentences",
                mt_file, "translate the output of 'parley segment', one line per sentence",
            )
    elif mt_engine is not None:
        if mt_engine != "argos":
            raise UsageError(f"unknown MT engine {mt_engine!r}", hint="use --mt argos or --mt-file")
        from parley.align.translate import translate_sentences

        with progress_bar("translating (MT evidence)", len(src_segs)) as advance:
            mt = translate_sentences([s.norm for s in src_segs], src_lang, tgt_lang,
                                     progress=advance)
    lex = read_lexicon(lexicon) if lexicon is not None else None
    with progress_bar("aligning", len(src_segs)) as advance:
        beads = align_segments(
            src_segs, tgt_segs, src_lang=src_lang, tgt_lang=tgt_lang, mt=mt, lexicon=lex,
            max_bead=max_bead, progress=advance,
        )
    bitext = beads_to_bitext(beads, src_segs, tgt_segs, src_lang, tgt_lang, document=src.name)
    if kind == "beads":
        write_beads(output, beads, protect=inputs)
    else:
        from parley.exports.registry import write_bitext

        write_bitext(output, bitext, fmt=kind, protect=inputs)
    if review is not None:
        from parley.exports.review import write_review

        write_review(review, bitext, title=src.name, low_confidence=low, protect=inputs)
    counts = Counter(b.kind for b in beads)
    unaligned = [
        {"side": "source" if b.src else "target", "sentence": (b.src or b.tgt)[0],
         "text": (src_segs[b.src[0]] if b.src else tgt_segs[b.tgt[0]]).norm}
        for b in beads if not b.is_link
    ]
    n_low = sum(1 for b in beads if b.confidence < low)
    report = {
        "output": str(output), "format": kind, "source_sentences": len(src_segs),
        "target_sentences": len(tgt_segs), "beads": len(beads), "bead_types": dict(counts),
        "low_confidence": n_low, "low_threshold": low, "unaligned": unaligned,
        "mt": str(mt_file) if mt_file else mt_engine,
    }
    if as_json:
        print_json(report)
        return
    rows: list[list[Any]] = [[k, v] for k, v in sorted(counts.items(), key=lambda kv: -kv[1])]
    rows += [["beads", len(beads)], [f"confidence < {low}", n_low],
             ["sentences", f"{len(src_segs)} source, {len(tgt_segs)} target"]]
    print_table(f"Alignment written to {output}", ["bead type", "count"], rows)
    if unaligned:
        print_table(
            "Unaligned sentences (kept as 1-0 / 0-1 units)", ["side", "#", "text"],
            [[u["side"], u["sentence"], u["text"][:100]] for u in unaligned],
        )


def register(app: typer.Typer) -> None:
    app.command("align")(align_cmd)
