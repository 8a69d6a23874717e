"""``parley glossary extract|lookup``: bilingual terminology from aligned text, and term lookup."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any

import typer

from parley.ui import guard, info, print_json, print_table, progress_bar

glossary_app = typer.Typer(
    help="Extract a bilingual glossary from aligned text; look terms up in glossaries and TMs.",
    no_args_is_help=True,
)


def _entry_json(e: Any, src: str, tgt: str) -> dict[str, Any]:
    s, ts = e.main_term(src), e.terms_in(tgt)
    return {
        "id": e.id, "source": s.text if s else None, "target": ts[0].text if ts else None,
        "target_count": ts[0].count if ts else 0, "source_count": s.count if s else 0,
        "variants": [{"text": t.text, "count": t.count} for t in ts[1:]],
        "type": e.type, "subject": e.subject, "confidence": e.confidence, "score": e.score,
        "context": dict(e.contexts), "note": e.note,
    }


@guard
def extract_cmd(
    bitext: Annotated[Path, typer.Argument(
        help="Aligned text: TMX, XLIFF, TSV (source<TAB>target), CSV, Parquet; or the source text "
        "when TGT is given.")],
    tgt_text: Annotated[Path | None, typer.Argument(
        help="The translation as a text file: BITEXT and TGT are then aligned first.")] = None,
    output: Annotated[list[Path] | None, typer.Option(
        "--output", "-o", help="Write the glossary here; format by extension: .tbx (TBX-Basic v3), "
        ".utf8 (OmegaT: read as UTF-8; .txt/.tab/.tsv give the same layout), .csv (memoQ/Trados), "
        ".parquet. Repeat for several.")] = None,
    src: Annotated[str | None, typer.Option(
        "--src-lang", "--src", "-s", help="Source language (default: from the file).")] = None,
    tgt: Annotated[str | None, typer.Option(
        "--tgt-lang", "--tgt", "-t", help="Target language (default: from the file).")] = None,
    termbase: Annotated[Path | None, typer.Option(
        "--termbase", help="Your term base (any glossary format) instead of the starter one.")] = None,
    no_termbase: Annotated[bool, typer.Option("--no-termbase", help="Use no term base prior.")] = False,
    max_terms: Annotated[int, typer.Option("--max-terms", "-n", min=1, help="Keep at most this many.")] = 500,
    top: Annotated[int, typer.Option("--top", help="Rows shown in the terminal table.")] = 30,
    as_json: Annotated[bool, typer.Option("--json", help="All entries as JSON on stdout.")] = False,
    force_lang: Annotated[bool, typer.Option(
        "--force-lang", help="Extract even when a side does not look like its language.")] = False,
    keep_yo: Annotated[bool, typer.Option(
        "--keep-yo", help="Keep ё in Russian citation forms (default: е, as UN Russian writes).")
    ] = False,
) -> None:
    """Extract source terms with their translations, best first.

    Example: parley glossary extract seeds/lavrov-2018-02-07.en-ru.gold.tsv -o out/lavrov.tbx
    """
    from parley.checking import extract_glossary

    with ExitStack() as bars:
        result = extract_glossary(
            bitext, tgt_text, src_lang=src, tgt_lang=tgt, termbase=termbase,
            use_termbase=not no_termbase, max_terms=max_terms, outputs=output or [],
            progress=lambda n: bars.enter_context(progress_bar("extracting terms", n)),
            force_lang=force_lang, keep_yo=keep_yo,
        )
    g, src_lang, tgt_lang = result.glossary, result.src_lang, result.tgt_lang
    for out in result.written:
        info(f"wrote {len(g)} entries to {out}")
    if as_json:
        print_json({"src_lang": src_lang, "tgt_lang": tgt_lang, "units": result.units,
                    "entries": [_entry_json(e, src_lang, tgt_lang) for e in g]})
        return
    rows = []
    for e in g.entries[:top]:
        d = _entry_json(e, src_lang, tgt_lang)
        # count 0: a term base rendering the text never uses
        var = ", ".join(f"{v['text']} ({v['count'] or 'term base'})" for v in d["variants"])
        rows.append((e.id, d["source"], f"{d['target']} ({d['target_count']})", var, e.type,
                     e.subject or "", f"{e.confidence:.2f}" if e.confidence is not None else ""))
    print_table(f"{len(g)} terms from {result.units} units ({src_lang}→{tgt_lang}); extracted "
                "automatically, check before use", ["id", src_lang, tgt_lang, "variants", "type",
                                                    "subject", "conf."], rows)


def _highlight(text: str, spans: tuple[tuple[int, int], ...]) -> Any:
    from rich.text import Text

    t = Text(text)
    for s, e in spans:
        t.stylize("bold reverse", s, e)
    return t


@guard
def lookup_cmd(
    term: Annotated[str, typer.Argument(help="The term, in either language; inflected forms work.")],
    glossary: Annotated[list[Path] | None, typer.Option(
        "--glossary", "-g", help="Glossary file (TBX, OmegaT, CSV, Parquet); repeatable. "
        "Default: the starter term base.")] = None,
    tm: Annotated[Path | None, typer.Option(
        "--tm", help="Translation memory (TMX or TSV) for a concordance; indexed once beside it "
        "as <tm>.parley-fts.sqlite.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most hits of each kind.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON on stdout.")] = False,
) -> None:
    """Find a term in glossaries (exact, lemma, fuzzy) and, with --tm, in context.

    Example: parley glossary lookup "Совета Безопасности"
    """
    # the readers are imported only when asked for: a lookup in the starter term base is run
    # many times a minute, and they cost more than the lookup
    from parley.glossary.lookup import lookup
    from parley.glossary.termbase import VERIFY_NOTE, load_starter_termbase

    if glossary:
        from parley.exports.glossary_io import read_glossary

        gls = [read_glossary(p) for p in glossary]
    else:
        gls = [load_starter_termbase()]
    hits = lookup(term, gls, limit=limit)
    conc = []
    if tm is not None:
        from parley.exports.registry import read_bitext
        from parley.glossary.lookup import concordance, index_path, open_tm_index

        with progress_bar("indexing TM", None) as advance:
            con, s_lang, t_lang, built = open_tm_index(tm, lambda p: read_bitext(p), progress=advance)
        if built:
            info(f"indexed {tm} into {index_path(tm)}")
        translations = [t for h in hits if h.match != "fuzzy" for t in h.entry.terms]
        conc = concordance(con, s_lang, t_lang, term, translations, limit=limit)
        con.close()
    if as_json:
        print_json({
            "query": term,
            "matches": [{"match": h.match, "score": h.score, "glossary": h.glossary,
                         "matched": {"text": h.matched.text, "lang": h.matched.lang},
                         "entry": h.entry.id, "type": h.entry.type, "subject": h.entry.subject,
                         "note": h.entry.note,
                         "terms": [{"text": t.text, "lang": t.lang, "status": t.status,
                                    "count": t.count} for t in h.entry.terms]} for h in hits],
            "concordance": [{"unit": c.unit, "source": c.source, "target": c.target,
                             "source_spans": c.source_spans, "target_spans": c.target_spans}
                            for c in conc],
        })
        return
    rows = []
    for h in hits:
        others = "; ".join(f"{t.lang}: {t.text}" + ("" if t.approved else f" ({t.status})")
                           for t in h.entry.terms if t is not h.matched)
        note = (h.entry.note or "").replace(VERIFY_NOTE, "verify against UNTERM")
        rows.append((h.match, f"{h.matched.lang}: {h.matched.text}", others, h.entry.type,
                     h.entry.subject or "", note))
    print_table(f"{len(hits)} glossary matches for {term!r}",
                ["match", "term", "translations", "type", "subject", "note"], rows)
    if tm is not None:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(title=Text(f"{len(conc)} units in {tm.name}"))
        for col in ("unit", "source", "target"):
            table.add_column(col, overflow="fold")
        for c in conc:
            table.add_row(str(c.unit), _highlight(c.source, c.source_spans),
                          _highlight(c.target, c.target_spans))
        Console(soft_wrap=False).print(table)


def register(app: typer.Typer) -> None:
    glossary_app.command("extract")(extract_cmd)
    glossary_app.command("lookup")(lookup_cmd)
    app.add_typer(glossary_app, name="glossary")
