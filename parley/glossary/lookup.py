"""Term lookup in glossaries (exact, lemma, fuzzy; either direction) and TM concordance.

The concordance index is an SQLite FTS5 table built once per translation memory and stored
beside it as ``<tm>.parley-fts.sqlite`` (or, when that folder is read-only, in
``$XDG_CACHE_HOME/parley/``). It records the TM's size and modification time and is rebuilt
only when they change. A query asks FTS5 for units containing every word's Snowball stem as a
prefix (cheap, catches inflected forms), then confirms each candidate by lemma match and marks
the spans, so a lookup in a million-unit TM reads a few hundred rows, not the TM.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from parley.align.errors import require_file
from parley.align.model import Bitext
from parley.glossary.model import Glossary, Term, TermEntry
from parley.glossary.morph import get_lemmatizer, match_spans, stem, term_lemmas, text_lemmas, words

INDEX_VERSION = "1"
MATCH_ORDER = ("exact", "lemma", "fuzzy")


@dataclass(frozen=True)
class LookupHit:
    """A glossary entry found for a query, and how it was found."""

    entry: TermEntry
    matched: Term
    match: str
    score: float
    glossary: str | None = None


@dataclass(frozen=True)
class ConcordanceHit:
    """A TM unit containing the term; spans are ``(start, end)`` character offsets."""

    unit: int
    source: str
    target: str
    source_spans: tuple[tuple[int, int], ...]
    target_spans: tuple[tuple[int, int], ...]


def _lemma_key(text: str, lang: str) -> tuple[str, ...]:
    lem = get_lemmatizer(lang)
    return tuple(lem.lemma(w) for w in words(text))


KEYS_VERSION = "2"


@dataclass(frozen=True)
class TermKeys:
    """The lemma key of every term of a glossary, and the lemma of every word form its terms
    use, per language: what a lookup compares a query with. Built once per glossary content
    and kept in the user's cache folder, so a lookup loads no dictionary for the terms (the
    starter term base took ~2 s per call to lemmatise) and only the query's language's, only
    when a term could match it."""

    keys: dict[str, tuple[str, ...]]  # "lang\x1ftext" -> lemma key
    vocab: dict[str, dict[str, str]]  # lang -> word (lower case) -> lemma


def _keys_file(glossary: Glossary) -> tuple[Path, list[tuple[str, str]]]:
    pairs = sorted({(t.lang.lower().split("-")[0], t.text) for e in glossary.entries
                    for t in e.terms})
    digest = hashlib.sha1(("\x1e".join(f"{lg}\x1f{tx}" for lg, tx in pairs) + KEYS_VERSION)
                          .encode("utf-8")).hexdigest()[:20]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "parley"
    return cache / f"term-keys.{digest}.json", pairs


def _inflected_forms(lang: str, known: dict[str, str]) -> dict[str, str]:
    """Other forms of the terms' words with the same lemma ("совета", "государств-членов",
    "weapons"), so that an inflected query is answered from the cache without loading the
    language's dictionary (pymorphy3 alone costs ~0.25 s per process). A form is kept only if
    the lemmatizer itself gives it that lemma, so the cache never answers differently."""
    lem = get_lemmatizer(lang)
    forms: set[str] = set()
    if lang == "ru":
        morph = getattr(lem, "_morph", None)
        for w in known:
            for p in (morph.parse(w)[:1] if morph is not None else []):
                forms.update(f.word.replace("ё", "е") for f in p.lexeme)
    else:
        for w in known:
            forms.update((w + "s", w + "es", w[:-1] + "ies" if w.endswith("y") else w + "s"))
    return {f: known_lemma for f in forms - known.keys()
            if (known_lemma := lem.lemma(f)) in known.values()}


def term_keys(glossary: Glossary) -> TermKeys:
    """The glossary's :class:`TermKeys`, from the cache when it is there (rebuilt when the
    glossary's terms change: the file name is a hash of them)."""
    import json

    path, pairs = _keys_file(glossary)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return TermKeys({k: tuple(v) for k, v in data["keys"].items()}, data["vocab"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    keys: dict[str, tuple[str, ...]] = {}
    vocab: dict[str, dict[str, str]] = {}
    for lang, text in pairs:
        lem = get_lemmatizer(lang)
        ws = [w.lower() for w in words(text)]
        keys[f"{lang}\x1f{text}"] = tuple(lem.lemma(w) for w in ws)
        for w in ws:
            vocab.setdefault(lang, {})[w] = lem.lemma(w)
    for lang, known in vocab.items():
        known.update(_inflected_forms(lang, known))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
        tmp.write_text(json.dumps({"keys": keys, "vocab": vocab}, ensure_ascii=False),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: lookups stay correct, only slower
    return TermKeys(keys, vocab)


def _initials(ws: Sequence[str]) -> tuple[str, ...]:
    """The first three letters of each word (a lemma keeps them, bar suppletive forms)."""
    return tuple(w[:3].lower().replace("ё", "е") for w in ws)


def lookup(
    query: str, glossaries: Sequence[Glossary], *, fuzzy_cutoff: float = 85.0, limit: int = 20
) -> list[LookupHit]:
    """Entries whose term in any language matches ``query``: exact (case-insensitive), by lemma
    (inflected forms, e.g. "Совета Безопасности"), or fuzzily (rapidfuzz ratio >= cutoff).

    Terms' lemma keys come from :func:`term_keys`; the query is lemmatised in a language only
    when a term there has as many words starting with the same letters, from the glossary's
    own word forms where it can."""
    from rapidfuzz import fuzz

    q = " ".join(query.split()).casefold()
    if not q:
        return []
    qwords = [w.lower() for w in words(query)]
    qshape = _initials(qwords)
    qkeys: dict[str, tuple[str, ...]] = {}
    hits: dict[tuple[int, str], LookupHit] = {}
    for gi, g in enumerate(glossaries):
        tk = term_keys(g)

        def qkey(base: str, tk: TermKeys = tk) -> tuple[str, ...]:
            if base not in qkeys:
                known = tk.vocab.get(base, {})
                qkeys[base] = tuple(known[w] if w in known else get_lemmatizer(base).lemma(w)
                                    for w in qwords)
            return qkeys[base]

        for e in g.entries:
            best: LookupHit | None = None
            for t in e.terms:
                text = t.text.casefold()
                if text == q:
                    hit = LookupHit(e, t, "exact", 100.0, g.name)
                else:
                    base = t.lang.lower().split("-")[0]
                    key = tk.keys.get(f"{base}\x1f{t.text}") or _lemma_key(t.text, base)
                    if (qwords and len(key) == len(qwords)
                            and _initials(words(t.text)) == qshape and qkey(base) == key):
                        hit = LookupHit(e, t, "lemma", 99.0, g.name)
                    else:
                        score = float(fuzz.ratio(q, text))
                        if score < fuzzy_cutoff:
                            continue
                        hit = LookupHit(e, t, "fuzzy", score, g.name)
                if best is None or (MATCH_ORDER.index(hit.match), -hit.score) < (
                        MATCH_ORDER.index(best.match), -best.score):
                    best = hit
            if best is not None:
                hits[(gi, e.id)] = best
    ranked = sorted(hits.values(), key=lambda h: (MATCH_ORDER.index(h.match), -h.score))
    return ranked[:limit]


# --- TM concordance ------------------------------------------------------------------------------


def index_path(tm: Path) -> Path:
    """Where the index of ``tm`` lives: beside it when that folder is writable."""
    beside = tm.with_name(tm.name + ".parley-fts.sqlite")
    if os.access(tm.parent if str(tm.parent) else ".", os.W_OK):
        return beside
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "parley"
    digest = hashlib.sha1(str(tm.resolve()).encode()).hexdigest()[:16]
    return cache / f"{tm.name}.{digest}.parley-fts.sqlite"


def _stamp(tm: Path) -> str:
    st = tm.stat()
    return f"{INDEX_VERSION}:{st.st_size}:{st.st_mtime_ns}"


def _fresh(con: sqlite3.Connection, stamp: str) -> bool:
    try:
        row = con.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == stamp


def open_tm_index(
    tm: Path, load: Callable[[Path], Bitext], *, progress: Callable[[int], None] | None = None
) -> tuple[sqlite3.Connection, str, str, bool]:
    """Open (building or rebuilding if stale) the FTS5 index of ``tm``.

    Returns the connection, the TM's source and target languages, and whether it was built now.
    """
    require_file(tm, "translation memory")
    path = index_path(tm)
    stamp = _stamp(tm)
    if path.exists():
        con = sqlite3.connect(path)
        if _fresh(con, stamp):
            src, tgt = (con.execute("SELECT value FROM meta WHERE key=?", (k,)).fetchone()[0]
                        for k in ("src_lang", "tgt_lang"))
            return con, src, tgt, False
        con.close()
    bitext = load(tm)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
        con.execute("CREATE VIRTUAL TABLE units USING fts5(source, target, "
                    "tokenize='unicode61 remove_diacritics 2')")
        batch: list[tuple[int, str, str]] = []
        for i, u in enumerate(bitext.units, start=1):
            batch.append((i, u.source, u.target))
            if len(batch) >= 10_000:
                con.executemany("INSERT INTO units(rowid, source, target) VALUES (?,?,?)", batch)
                if progress:
                    progress(len(batch))
                batch.clear()
        con.executemany("INSERT INTO units(rowid, source, target) VALUES (?,?,?)", batch)
        if progress:
            progress(len(batch))
        con.executemany("INSERT INTO meta VALUES (?,?)", [
            ("stamp", stamp), ("src_lang", bitext.src_lang), ("tgt_lang", bitext.tgt_lang)])
        con.commit()
        con.close()
        os.replace(tmp, path)
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    return sqlite3.connect(path), bitext.src_lang, bitext.tgt_lang, True


def _fts_query(term: str, lang: str) -> str:
    parts = []
    for w in words(term):
        s = stem(w, lang)
        s = s[: max(3, len(s) - 1)] if lang.startswith("ru") else s  # ru stems keep an ending
        parts.append('"' + s.replace('"', '""') + '"*')
    if len(parts) > 1:  # words of a term stand close together (inflection may add none)
        return f"NEAR({' '.join(parts)}, {len(parts) + 2})"
    return " ".join(parts)


def _side_hits(
    con: sqlite3.Connection, column: str, term: str, lang: str, max_rows: int
) -> Iterable[tuple[int, str, str, list[tuple[int, int]]]]:
    q = _fts_query(term, lang)
    if not q:
        return
    tl = term_lemmas(term, lang)
    rows = con.execute("SELECT rowid, source, target FROM units WHERE units MATCH ? LIMIT ?",
                       (f"{column} : ({q})", max_rows))
    for rowid, source, target in rows:
        text = source if column == "source" else target
        spans = match_spans(text_lemmas(text, lang), tl)
        if spans:
            yield rowid, source, target, spans


def concordance(
    con: sqlite3.Connection,
    src_lang: str,
    tgt_lang: str,
    query: str,
    translations: Sequence[Term] = (),
    *,
    limit: int = 20,
    max_rows: int = 2000,
) -> list[ConcordanceHit]:
    """Units where ``query`` occurs on the side whose language it belongs to (both are tried);
    the ``translations`` known from glossaries are highlighted on the other side."""
    out: list[ConcordanceHit] = []
    seen: set[int] = set()
    for column, lang, other_lang in (("source", src_lang, tgt_lang), ("target", tgt_lang, src_lang)):
        others = [t.text for t in translations if t.lang.split("-")[0] == other_lang.split("-")[0]]
        for rowid, source, target, spans in _side_hits(con, column, query, lang, max_rows):
            if rowid in seen:
                continue
            seen.add(rowid)
            other_text = target if column == "source" else source
            toks = text_lemmas(other_text, other_lang)
            ospans = sorted({sp for o in others for sp in match_spans(toks, term_lemmas(o, other_lang))})
            s_sp, t_sp = (spans, ospans) if column == "source" else (ospans, spans)
            out.append(ConcordanceHit(rowid, source, target, tuple(s_sp), tuple(t_sp)))
            if len(out) >= limit:
                return out
    return out
