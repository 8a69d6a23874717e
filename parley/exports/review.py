"""The review page: an HTML file a translator works through bead by bead, opened from disk.

Everything is rendered here, server-side, so the page opens instantly, prints, and needs no
server; the inline script toggles ``hidden`` on row groups (filters, search) and moves focus
(next/previous problem). A long document's page holds its first beads and a one-digit-a-bead
index (problem flags); the other beads' rows lie in a folder beside it, one small script a
part, which the page adds as ``<script>`` elements when the reader gets near them (``fetch``
of ``file://`` is blocked in Chromium; script elements are not). No network: no fonts, images
or scripts from elsewhere. All document text goes through :func:`_esc`, so hostile segments
render as text.
"""

from __future__ import annotations

import html
import itertools
import re
import secrets
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from parley.align.atomic import atomic_write_text
from parley.align.lang import KNOWN, base
from parley.align.model import Bitext, TranslationUnit
from parley.glossary.findings import SEVERITIES, Finding
from parley.glossary.model import Glossary, Term, TermEntry

#: Confidence at or above which a link counts as safe (green); below ``low_confidence`` is red.
HIGH_CONFIDENCE = 0.8
#: Beads a review page holds in one self-contained file. A longer page would run to hundreds of
#: MB (226 MB and 71 s in Chromium at 100k beads), so past this the beads go into bead files
#: the page loads on demand, ``CHUNK_BEADS`` a file.
SINGLE_FILE_MAX = 5_000
#: Beads a bead file holds: about 1 MB of rows, read and drawn in a fraction of a second.
CHUNK_BEADS = 1_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

FILTERS = {
    "all": "All",
    "low": "Low confidence",
    "unaligned": "Unaligned",
    "findings": "With findings",
}


def _esc(text: str) -> str:
    """HTML-escape, and make the characters HTML cannot carry visible instead of losing them:
    C0 controls become their Unicode control pictures, lone surrogates U+FFFD."""
    text = _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() != "\x7f" else "\u2421",
                        text)
    text = _SURROGATE.sub("\ufffd", text)
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class _Mark:
    """A highlight over ``text[start:end]``: a glossary term or a QA finding span."""

    start: int
    end: int
    cls: str
    title: str


class _TermIndex:
    """Finds glossary terms in one language's segments by lemma sequence (case-insensitive,
    inflection-tolerant: "России" matches the term "Россия")."""

    def __init__(self, glossary: Glossary, lang: str, other: str) -> None:
        from parley.glossary.morph import get_lemmatizer

        self._lem = get_lemmatizer(lang)
        self._by_first: dict[str, list[tuple[tuple[str, ...], TermEntry, Term]]] = {}
        self._other = other
        # Lemmatizing every word is the slow part (pymorphy3: ~0.5 ms a word); a word can only
        # match a term word that starts with the same three letters (inflection changes endings).
        self._prefixes: set[str] = set()
        for entry in glossary:
            for term in entry.terms_in(lang):
                words = _words(term.text)
                key = tuple(self._lem.lemma(w) for w in words)
                if key:
                    self._by_first.setdefault(key[0], []).append((key, entry, term))
                    self._prefixes.update(_fold(w)[:3] for w in (*words, *key))
        for cands in self._by_first.values():
            cands.sort(key=lambda c: -len(c[0]))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, text: str) -> list[tuple[int, int, TermEntry, Term]]:
        from parley.glossary.morph import tokenize

        toks = tokenize(text)
        folded = [_fold(w) for _, _, w in toks]
        prefixes = self._prefixes
        cache: dict[int, frozenset[str] | set[str]] = {}

        def forms(j: int) -> frozenset[str] | set[str]:
            # lemmatized on demand: a review page's 100k beads mostly hold no term at all
            got = cache.get(j)
            if got is None:
                f = folded[j]
                got = cache[j] = self._lem.lemmas(toks[j][2]) | {f} if f[:3] in prefixes else {f}
            return got

        found: list[tuple[int, int, TermEntry, Term]] = []
        i = 0
        while i < len(toks):
            best = None
            # a term's first lemma has a known prefix, and only such words are lemmatized
            for form in forms(i) if folded[i][:3] in prefixes else ():
                for key, entry, term in self._by_first.get(form, ()):
                    n = len(key)
                    if best is not None and n <= best[0]:
                        continue
                    if i + n <= len(toks) and all(
                        key[j] in forms(i + j)
                        and not text[toks[i + j - 1][1] : toks[i + j][0]].strip()
                        for j in range(1, n)
                    ):
                        best = (n, entry, term)
            if best is None:
                i += 1
                continue
            n, entry, term = best
            found.append((toks[i][0], toks[i + n - 1][1], entry, term))
            i += n
        return found

    def title(self, entry: TermEntry, term: Term) -> tuple[str, str]:
        """CSS class and hover text: the glossary equivalent on the other side."""
        other = entry.main_term(self._other)
        parts = [f"Glossary: {term.text}"]
        if other is not None:
            parts[0] += f" = {other.text}"
        cls = "term"
        if not term.approved:
            cls = "term term-bad"
            preferred = entry.main_term(term.lang)
            advice = f"; use {preferred.text}" if preferred and preferred.approved else ""
            parts.append(f"{term.status} term{advice}")
        if entry.note:
            parts.append(entry.note)
        return cls, " · ".join(parts)


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def _words(text: str) -> list[str]:
    from parley.glossary.morph import words

    return words(text)


def _render_text(text: str, marks: Sequence[_Mark]) -> str:
    """Escaped text with possibly overlapping highlights; overlapping marks are split into
    pieces so the markup stays well nested."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    if not marks:
        return _esc(text)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = _esc(text[a:b])
        # terms outside, QA marks inside, so the term tooltip stays reachable
        for m in sorted((m for m in marks if m.start <= a and b <= m.end),
                        key=lambda m: m.cls.startswith("term")):
            tag = "span" if m.cls.startswith("term") else "mark"
            piece = f'<{tag} class="{m.cls}" title="{_esc(m.title)}">{piece}</{tag}>'
        out.append(piece)
    return "".join(out)


def _band(unit: TranslationUnit, low: float) -> str:
    return confidence_band(bool(unit.source and unit.target), unit.confidence, low)


def confidence_band(linked: bool, confidence: float | None, low: float) -> str:
    """The colour class of a bead: gap (an empty side), none (no score), low, mid or high."""
    if not linked:
        return "gap"
    if confidence is None:
        return "none"
    if confidence < low:
        return "low"
    if confidence < max(HIGH_CONFIDENCE, low):
        return "mid"
    return "high"


def _kind(unit: TranslationUnit) -> str:
    if unit.bead:
        return unit.bead
    if not unit.target:
        return "1-0"
    if not unit.source:
        return "0-1"
    return ""


def _lang_name(code: str) -> str:
    name = KNOWN.get(base(code))
    return f"{name} ({code})" if name else code


def _editor_command(page: Path) -> str:
    """``parley review`` for the TMX that ``parley run`` writes beside ``NAME.review.html``."""
    name = page.name.removesuffix(".html").removesuffix(".review")
    return f"parley review {page.with_name(name + '.tmx')}"


def _version() -> str:
    from parley import __version__

    return __version__


def _asset(name: str) -> str:
    return resources.files("parley.exports").joinpath(name).read_text(encoding="utf-8")


def _attach(findings: Iterable[Finding], units: Sequence[TranslationUnit]
            ) -> tuple[dict[int, list[Finding]], list[Finding]]:
    """Findings per unit index; those that name no (existing) unit go to the page header so
    that none is lost."""
    by_id = {u.id: i for i, u in enumerate(units) if u.id is not None}
    per_unit: dict[int, list[Finding]] = {}
    general: list[Finding] = []
    for f in findings:
        idx = f.unit
        if idx is None and f.unit_id is not None:
            idx = by_id.get(f.unit_id)
        if idx is not None and 0 <= idx < len(units):
            per_unit.setdefault(idx, []).append(f)
        else:
            general.append(f)
    order = {s: n for n, s in enumerate(SEVERITIES)}
    for lst in per_unit.values():
        lst.sort(key=lambda f: order.get(f.severity, len(order)))
    return per_unit, general


def _finding_li(f: Finding) -> str:
    sev = f.severity if f.severity in SEVERITIES else "info"
    details = "".join(
        f'<span class="detail"><span class="k">{_esc(k)}</span> {_esc(v)}</span>'
        for k, v in f.details.items()
    )
    return (
        f'<li class="finding sev-{sev}"><span class="sev">{_esc(f.severity)}</span> '
        f'<code class="rule">{_esc(f.rule)}</code> <span class="msg">{_esc(f.message)}</span>'
        f"{details}</li>"
    )


class _Rows:
    """Renders beads to ``<tbody>`` rows in document order (a row's look depends on the bead
    before it: document headers, paragraph starts) and tallies the glossary hits."""

    def __init__(self, bitext: Bitext, per_unit: dict[int, list[Finding]],
                 glossary: Glossary | None, low: float) -> None:
        self.units = bitext.units
        self.langs = bitext.src_lang, bitext.tgt_lang
        self.per_unit = per_unit
        self.low = low
        self.src_idx = self.tgt_idx = None
        if glossary is not None and len(glossary):
            self.src_idx = _TermIndex(glossary, bitext.src_lang, bitext.tgt_lang)
            self.tgt_idx = _TermIndex(glossary, bitext.tgt_lang, bitext.src_lang)
        self.terms_seen: set[str] = set()
        self.term_hits = 0
        self.multi_doc = len({u.document for u in self.units}) > 1
        self._prev_doc: str | None = None
        self._prev_para: int | None = None

    def rows(self, start: int, stop: int) -> str:
        return "".join(self.row(i) for i in range(start, stop))

    def row(self, i: int) -> str:
        """Bead ``i`` (called in order), preceded by its document's header where one starts."""
        u = self.units[i]
        head = ""
        if self.multi_doc and u.document != self._prev_doc:
            head = (f'<tbody class="doc" role="rowgroup"><tr role="row">'
                    f'<th colspan="4" scope="rowgroup" role="columnheader">'
                    f"{_esc(u.document or 'unnamed document')}</th></tr></tbody>")
            self._prev_doc, self._prev_para = u.document, None
        band = _band(u, self.low)
        fs = self.per_unit.get(i, [])
        cls = ["bead", f"c-{band}"]
        if band == "low":
            cls.append("is-low")
        if band == "gap":
            cls.append("is-unaligned")
        if fs:
            cls.append("has-findings")
        if band in ("low", "gap") or fs:
            cls.append("is-problem")
        if u.paragraph is not None and self._prev_para is not None and u.paragraph != self._prev_para:
            cls.append("para-start")
        self._prev_para = u.paragraph if u.paragraph is not None else self._prev_para
        cells = "".join(self._cell(side, text, lang, idx, fs) for side, text, lang, idx in (
            ("source", u.source, self.langs[0], self.src_idx),
            ("target", u.target, self.langs[1], self.tgt_idx)))
        conf = "–" if u.confidence is None else f"{u.confidence:.2f}"
        badge = {"low": "low", "gap": "unaligned"}.get(band, "")
        meta = (f'<span class="conf" title="alignment confidence">{conf}</span>'
                f'<span class="kind" title="bead type">{_esc(_kind(u))}</span>'
                + (f'<span class="badge b-{band}">{badge}</span>' if badge else "")
                + (f'<span class="badge b-qa">{len(fs)} QA</span>' if fs else "")
                + (' <span class="badge b-mt">MT</span>' if u.origin == "mt" else ""))
        para = f'<span class="para">¶{u.paragraph + 1}</span>' if u.paragraph is not None else ""
        row = (f'<tbody id="u{i + 1}" class="{" ".join(cls)}" data-i="{i}" tabindex="-1" '
               f'role="rowgroup"><tr role="row"><th scope="row" class="n" role="rowheader">'
               f'<a href="#u{i + 1}">{i + 1}</a>{para}</th>'
               f'{cells}<td class="meta" role="cell">{meta}</td></tr>')
        if fs:
            row += ('<tr class="qa-row" role="row"><td role="cell"></td>'
                    '<td colspan="3" role="cell"><ul class="findings">'
                    + "".join(_finding_li(f) for f in fs) + "</ul></td></tr>")
        return head + row + "</tbody>"

    def _cell(self, side: str, text: str, lang: str, idx: _TermIndex | None,
              fs: Sequence[Finding]) -> str:
        short = "src" if side == "source" else "tgt"
        if not text:
            gap = "not in the translation" if side == "target" else "not in the original"
            return (f'<td class="{short} empty" role="cell"><span class="gap">— {gap} —'
                    "</span></td>")
        marks: list[_Mark] = []
        if idx:
            for a, b, entry, term in idx.find(text):
                tcls, ttl = idx.title(entry, term)
                marks.append(_Mark(a, b, tcls, ttl))
                self.terms_seen.add(entry.id)
                self.term_hits += 1
        for f in fs:
            for s_side, a, b in f.spans:
                if s_side in (side, short):
                    sev = f.severity if f.severity in SEVERITIES else "info"
                    marks.append(_Mark(a, b, f"qa qa-{sev}", f"{f.rule}: {f.message}"))
        return (f'<td class="{short}" lang="{_esc(lang)}" dir="auto" role="cell">'
                f"{_render_text(text, marks)}</td>")


def bead_flags(units: Sequence[TranslationUnit], per_unit: dict[int, list[Finding]],
               low: float) -> str:
    """One digit a bead for the page's script: 1 low confidence + 2 unaligned + 4 findings
    (0: no problem). It lets filters, counts and j/k cover beads whose rows are not loaded."""
    out = []
    for i, u in enumerate(units):
        band = _band(u, low)
        out.append(str((band == "low") + 2 * (band == "gap") + 4 * (i in per_unit)))
    return "".join(out)


def _stats_html(units: Sequence[TranslationUnit], findings: Sequence[Finding],
                glossary: Glossary | None, rows: _Rows, low: float) -> tuple[str, str, str]:
    """The header's figure cards, confidence bar and legend (over every bead)."""
    bands = Counter(_band(u, low) for u in units)
    n = len(units)
    sev_count: Counter[str] = Counter(f.severity for f in findings)
    confs = [u.confidence for u in units if u.confidence is not None and u.source and u.target]
    mean = f"{sum(confs) / len(confs):.2f}" if confs else "–"
    src_only = sum(1 for u in units if u.source and not u.target)
    tgt_only = sum(1 for u in units if u.target and not u.source)
    findings_sub = " · ".join(f"{sev_count[s]} {s}" for s in SEVERITIES if sev_count[s])
    stats: list[tuple[str, str, str]] = [
        ("Beads", str(n), f"{n - bands['gap']} links"),
        ("Mean confidence", mean, f"{len(confs)} scored"),
        (f"Low confidence (< {low:g})", str(bands["low"]),
         f"{100 * bands['low'] / max(n - bands['gap'], 1):.0f}% of links"),
        ("Not in translation", str(src_only), "1-0 beads"),
        ("Not in original", str(tgt_only), "0-1 beads"),
        ("QA findings", str(len(findings)), findings_sub),
    ]
    if glossary is not None:
        stats.append(("Glossary terms", str(rows.term_hits),
                      f"{len(rows.terms_seen)} of {len(glossary)} entries"))
    stat_html = "".join(
        f'<div class="stat"><dt>{_esc(k)}</dt><dd>{_esc(v)}'
        + (f'<span class="sub">{_esc(sub)}</span>' if sub else "") + "</dd></div>"
        for k, v, sub in stats
    )
    bar = "".join(
        f'<span class="seg c-{b}" style="flex-grow:{bands[b]}" title="{label}: {bands[b]}"></span>'
        for b, label in (("high", "high confidence"), ("mid", "medium"), ("low", "low"),
                         ("gap", "unaligned"), ("none", "no score"))
        if bands[b]
    )
    high = max(HIGH_CONFIDENCE, low)
    legend = "".join(
        f'<li><span class="swatch c-{b}"></span>{label} <span class="count">{bands[b]}</span></li>'
        for b, label in (("high", f"≥ {high:g}"), ("mid", f"{low:g}–{high:g}"),
                         ("low", f"< {low:g}"), ("gap", "unaligned"), ("none", "no score"))
        if bands[b] or b in ("high", "low", "gap")
    )
    return stat_html, bar, legend


def write_review(
    path: str | Path,
    bitext: Bitext,
    *,
    glossary: Glossary | None = None,
    findings: Sequence[Finding] = (),
    title: str | None = None,
    low_confidence: float = 0.5,
    protect: Iterable[str | Path] = (),
    single_max: int = SINGLE_FILE_MAX,
    chunk_beads: int = CHUNK_BEADS,
    editor_hint: str | None = None,
) -> None:
    """Write the review page for ``bitext`` to ``path`` (atomically).

    ``findings`` refer to units by 0-based index (``Finding.unit``) or by ``unit_id``; their
    ``spans`` are offsets into that unit's source or target text. Findings about no unit are
    listed in the header. Glossary terms are highlighted on both sides with the equivalent on
    hover. Beads below ``low_confidence`` and beads with an empty side are flagged as problems.

    Up to ``single_max`` beads the page is one self-contained file. Past it the page holds the
    first ``chunk_beads`` beads and the rest go, ``chunk_beads`` a file, to the folder beside
    it named like the page without ``.html`` (:func:`bead_folder`); the page loads them as the
    reader scrolls, filters, searches or jumps, from disk, no server needed. ``editor_hint``:
    the ``parley review`` command line named on a long page (default: the TMX beside it).
    """
    from parley.exports.review_chunks import rows_script, texts_script, write_bead_folder

    path = Path(path)
    units = bitext.units
    per_unit, general = _attach(findings, units)
    rows = _Rows(bitext, per_unit, glossary, low_confidence)
    n = len(units)
    chunked = n > single_max
    size = max(1, chunk_beads) if chunked else max(n, 1)
    token = secrets.token_hex(8)
    folder = bead_folder(path)

    def scripts() -> Iterator[tuple[str, str]]:
        for k in range(1, -(-n // size)):
            a, b = k * size, min(n, (k + 1) * size)
            yield chunk_name(k), rows_script(token, k, rows.rows(a, b))
            yield chunk_name(k, "text"), texts_script(token, k, units[a:b])

    body = rows.rows(0, min(n, size))
    if chunked:
        write_bead_folder(folder, scripts(), protect=protect)
    placeholders = "".join(
        f'<tbody class="ph" data-k="{k}" role="rowgroup"><tr role="row"><td colspan="4" '
        f'role="cell">Beads {k * size + 1:,}–{min(n, (k + 1) * size):,} load as you scroll '
        "(they need JavaScript)</td></tr></tbody>"
        for k in range(1, -(-n // size)))
    stat_html, bar, legend = _stats_html(units, findings, glossary, rows, low_confidence)
    flags = bead_flags(units, per_unit, low_confidence)
    counts = {
        "all": n,
        "low": flags.count("1") + flags.count("5"),
        "unaligned": flags.count("2") + flags.count("6"),
        "findings": len(per_unit),
    }
    page_title = title or bitext.name or "Alignment review"
    general_html = ""
    if chunked:
        general_html += (
            '<section class="general chunked" aria-labelledby="cap-h"><h2 id="cap-h">'
            f"{n:,} beads: the page loads them as you go</h2><p>The beads past the first "
            f"{size:,} are in the folder <code>{_esc(folder.name)}</code> beside this page "
            "(keep the two together). To correct beads, open the alignment editor: <code>"
            + _esc(editor_hint or _editor_command(path)) + "</code></p></section>")
    if general:
        general_html += ('<section class="general" aria-labelledby="gen-h"><h2 id="gen-h">'
                        "Findings not tied to a bead</h2><ul class=\"findings\">"
                        + "".join(_finding_li(f) for f in general) + "</ul></section>")
    buttons = "".join(
        f'<button type="button" data-filter="{k}" aria-pressed="{"true" if k == "all" else "false"}">'
        f'{label} <span class="count">{counts[k]}</span></button>'
        for k, label in FILTERS.items()
    )
    src_name = _esc(_lang_name(bitext.src_lang))
    tgt_name = _esc(_lang_name(bitext.tgt_lang))
    table_data = (f'data-flags="{flags}" data-chunk="{size}" data-token="{token}"'
                  + (f' data-dir="{_esc(quote(folder.name))}"' if chunked else ""))
    no_js = ("the beads past the first part load with it too" if chunked
             else "the page is complete without it")
    doc = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="parley {_esc(_version())}">
<title>{_esc(page_title)} — review</title>
<style>
{_asset("palette.css")}
{_asset("review.css")}
</style>
</head>
<body>
<header class="top">
<p class="kicker">Alignment review · {src_name} → {tgt_name}</p>
<h1>{_esc(page_title)}</h1>
<dl class="stats">{stat_html}</dl>
<div class="dist" role="img" aria-label="confidence distribution">{bar}</div>
<ul class="legend">{legend}</ul>
{general_html}
</header>
<nav class="toolbar" aria-label="Review tools" hidden>
<div class="filters" role="group" aria-label="Show beads">{buttons}</div>
<input type="search" id="find" placeholder="Find text…" aria-label="Find text in beads" autocomplete="off">
<div class="jump">
<button type="button" id="prev" title="Previous problem (k)">↑ Previous problem</button>
<button type="button" id="next" title="Next problem (j)">Next problem ↓</button>
</div>
<p class="keys"><kbd>j</kbd> / <kbd>k</kbd> next / previous problem</p>
<p id="status" class="status" role="status" aria-live="polite">Showing {n} of {n} beads</p>
</nav>
<main>
<table class="beads" role="table" aria-label="Aligned sentences" {table_data}>
<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">#</th>
<th scope="col" role="columnheader">{src_name}</th>
<th scope="col" role="columnheader">{tgt_name}</th>
<th scope="col" role="columnheader">Confidence</th></tr></thead>
{body}{placeholders}
</table>
<p id="empty" class="empty-note" hidden>No beads match this filter.</p>
</main>
<footer>Generated by parley {_esc(_version())}. Hover a highlighted term for its glossary
equivalent. Filters, search and <kbd>j</kbd>/<kbd>k</kbd> need JavaScript; {no_js}.</footer>
<script>
{_asset("review.js")}
</script>
</body>
</html>
"""
    atomic_write_text(path, doc, protect=protect)
    if not chunked:
        from parley.exports.review_chunks import remove_bead_folder

        remove_bead_folder(folder)


def bead_folder(page: Path) -> Path:
    """Where a long page's bead files go: ``NAME.review.html`` -> ``NAME.review/``."""
    name = page.name
    for suffix in (".html", ".htm", ".xhtml"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return page.with_name(name[: -len(suffix)])
    return page.with_name(name + ".beads")


def chunk_name(k: int, kind: str = "beads") -> str:
    """File of the ``k``-th part's rows (``beads``) or text (0-based; part 0 is in the page)."""
    return f"{kind}-{k:04d}.js"
