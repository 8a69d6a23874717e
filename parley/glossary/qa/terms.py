"""Terminology rules: key terms not translated as the glossary says, forbidden terms used,
and one source term translated with several approved variants across the document."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from parley.glossary.findings import Finding, finding_id
from parley.glossary.qa.base import (
    MATCH_TYPES,
    QAContext,
    TermSpec,
    Token,
    bad_terms,
    find_derived,
    find_expansion,
    find_glued,
    find_initialism,
    find_term,
    initialisms,
    register,
    word_match,
)

#: words allowed between the words of a multiword target term (see base._gap_ok)
TARGET_GAP = 3


@dataclass(frozen=True)
class TermUse:
    """A glossary term found in one source segment, and what the target made of it.

    ``spans`` are the source occurrences, ``tgt_spans`` the approved renderings found in the
    target; a unit with the term twice and one rendering replaced has fewer of the second.
    """

    unit: int
    spec: TermSpec
    spans: tuple[tuple[int, int], ...]
    level: int
    used: tuple[str, ...]  # approved target terms found in the target
    tgt_spans: tuple[tuple[int, int], ...]

    @property
    def missing(self) -> int:
        """Source occurrences without an approved rendering in the target."""
        return max(0, len(self.spans) - len(self.tgt_spans))


@dataclass
class TermScan:
    """What one pass over the units gives the term rules: every use, and which glossary
    source terms occur at all (also inside a longer term), so no rule walks the units again."""

    uses: list[TermUse]
    seen: set[str]


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Distinct target occurrences: overlapping spans (two variants found at one place, or
    an abbreviation inside a longer match) count once."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(set(spans)):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return tuple(out)


def _bag_match(words: tuple[Token, ...], tokens: tuple[Token, ...], text: str, lang: str) -> bool:
    """Every word of a multiword target term close together but reordered or split: Russian
    reorders a term around a participle ("по сформулированным в Декларации тысячелетия целям
    в области развития") and splits one with a year ("Конференции 2015 года по рассмотрению
    действия"). Words in order and close together that :func:`find_term` refused are another
    term ("Совет по безопасности"), so they do not count; nor do words scattered over the
    segment. Counts as one rendering."""
    if len(words) < 2:
        return False
    at = [[j for j, t in enumerate(tokens) if word_match(w, t, lang, loose=True) is not None]
          for w in words]
    if not all(at):
        return False
    for first in at[0]:
        for window in (len(words) + 3, len(words) + 11):
            pos = [first]
            for cands in at[1:]:
                near = [j for j in cands if abs(j - first) <= window and j not in pos]
                if not near:
                    break
                pos.append(min(near, key=lambda j: abs(j - pos[-1])))
            if len(pos) < len(words):
                continue
            if not all(a < b for a, b in itertools.pairwise(pos)):
                lo, hi = min(pos), max(pos)
                between = text[tokens[lo].end:tokens[hi].start]
                if hi - lo <= len(words) and not re.search(r"[,;:.()«»<>\"]", between):
                    return True  # reordered inside one phrase
                continue
            # in order but apart: only a number between ("Конференции 2015 года ... по
            # рассмотрению действия") keeps them one term
            if any(b - a > TARGET_GAP + 1 and any(t.low.isdigit() for t in tokens[a:b])
                   for a, b in itertools.pairwise(pos)):
                return True
    return False


def _renderings(spec: TermSpec, text: str, tgt: tuple[Token, ...], lang: str, need: int,
                ) -> tuple[list[str], list[tuple[int, int]]]:
    """Approved target terms found in the target and where; the other ways of writing them
    are only looked for while fewer than ``need`` (the source occurrences) are found."""
    used: list[str] = []
    tspans: list[tuple[int, int]] = []
    for t, words in spec.approved:
        found = find_term(words, tgt, lang, max_gap=TARGET_GAP, loose=True)
        if found:
            if t not in used:
                used.append(t)
            tspans.extend((a, b) for a, b, _ in found)
    # the same term as an abbreviation ("ООН"), written out, or with a lost hyphen; an
    # abbreviation is only taken as written out when the glossary lists no full form (the full
    # form must then be the listed one: "Организации Объединенных Народов" is not "ООН")
    full = any(len(words) > 1 for _, words in spec.approved)
    for t, words in spec.approved:
        if len(_merge(tspans)) >= need:
            break
        alt = (find_initialism(initialisms(t, lang), text, tgt)
               or ([] if full else find_expansion(t, text, tgt))
               or find_glued(words, tgt, lang) or find_derived(words, tgt, lang))
        if alt:
            if t not in used:
                used.append(t)
            tspans.extend(alt)
    if not used:
        for t, words in spec.approved:
            if _bag_match(words, tgt, text, lang):
                used.append(t)
                tspans.append((0, 0))
                break
    return used, tspans


def scan_terms(ctx: QAContext) -> TermScan:
    """Every glossary source term occurrence per unit (computed once, shared by rules).

    A shorter term inside a longer one found in the same place ("human rights" inside
    "Human Rights Council") is skipped: the longer entry decides. Only the terms whose first
    word has a key in the unit are tried (:meth:`QAContext.candidate_specs`).
    """
    cached = ctx.cache.get("term_scan")
    if isinstance(cached, TermScan):
        return cached
    scan = TermScan([], set())
    if ctx.term_specs:
        for i, u in enumerate(ctx.units):
            if u.source.strip():
                _scan_unit(ctx, i, scan)
    ctx.cache["term_scan"] = scan
    return scan


#: words before an English verb ("to support", "will review") and after one ("safeguard the")
_BEFORE_VERB = frozenset({"to", "will", "shall", "should", "may", "must", "can", "would", "could",
                          "not", "also", "further", "we", "they", "i", "please", "and to"})
_AFTER_VERB = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "these", "those",
                         "this", "that", "all", "any", "such", "each", "every"})


def _verb_use(spec: TermSpec, src: tuple[Token, ...], start: int, lang: str) -> bool:
    """A one-word noun term used as an English verb ("to review", "safeguard the
    accomplishments"): another word, not the term."""
    if len(spec.words) != 1 or not lang.lower().startswith("en"):
        return False
    k = next((k for k, t in enumerate(src) if t.start == start), None)
    if k is None:
        return False
    before = src[k - 1].low if k > 0 else ""
    after = src[k + 1].low if k + 1 < len(src) else ""
    return before in _BEFORE_VERB or (after in _AFTER_VERB and not src[k].low.endswith("s"))


def _inside_name(spec: TermSpec, src: tuple[Token, ...], text: str, span: tuple[int, int]) -> bool:
    """A general (lower-case) term inside a capitalised name ("Credentials Committee",
    "Outer Space Activities"): the name has its own translation, which decides."""
    if any(w.upper for w in spec.words):
        return False
    a, b = span
    k = next((k for k, t in enumerate(src) if t.start == a), None)
    m = next((m for m, t in enumerate(src) if t.end == b), None)
    if k is None or m is None or not all(t.upper for t in src[k:m + 1]):
        return False
    if k == 0 and m + 1 < len(src) and not src[m + 1].upper:
        return False  # a capital that only starts the sentence
    left = k > 0 and src[k - 1].upper and not text[src[k - 1].end:a].strip(" ")
    right = m + 1 < len(src) and src[m + 1].upper and not text[b:src[m + 1].start].strip(" ")
    return bool(left or right)


def _scan_unit(ctx: QAContext, i: int, scan: TermScan) -> None:
    u = ctx.units[i]
    src = ctx.src_tokens(i)
    taken: list[tuple[int, int]] = []
    for spec, starts in ctx.candidate_specs(src):
        found = find_term(spec.words, src, ctx.src_lang, starts=starts)
        if not found:
            continue
        scan.seen.add(spec.source)
        text = ctx.src_text(i)
        hits = [h for h in found if not any(a <= h[0] and h[1] <= b for a, b in taken)
                and not _verb_use(spec, src, h[0], ctx.src_lang)
                and not _inside_name(spec, src, text, (h[0], h[1]))]
        if not hits:
            continue
        taken.extend((h[0], h[1]) for h in hits)
        used, tspans = _renderings(spec, u.target, ctx.tgt_tokens(i), ctx.tgt_lang, len(hits))
        scan.uses.append(TermUse(i, spec, tuple((a, b) for a, b, _ in hits),
                                 min(h[2] for h in hits), tuple(used), _merge(tspans)))


def term_uses(ctx: QAContext) -> list[TermUse]:
    """Every glossary source term occurrence per unit (see :func:`scan_terms`)."""
    return scan_terms(ctx).uses


def instead(use: TermUse, text: str, tgt: tuple[Token, ...], lang: str) -> str:
    """What the target has where the expected rendering should be, for the message: the words
    around the part of an approved rendering it does have ("атомного оружия" for "ядерного
    оружия"); empty when none of its words is there."""
    best: tuple[int, int] | None = None
    for _, words in use.spec.approved:
        for j, w in enumerate(words):
            k = next((k for k, t in enumerate(tgt) if word_match(w, t, lang, loose=True) is not None
                      and not any(a <= t.start < b for a, b in use.tgt_spans)), None)
            if k is not None and len(w.low) > 2:
                a = max(0, k - j)
                best = (a, min(len(tgt), a + len(words))) if best is None else best
                break
        if best is not None:
            break
    if best is None:
        return ""
    return text[tgt[best[0]].start:tgt[best[1] - 1].end]


#: a candidate entry is a fixed term of the document when this share of its occurrences
#: have the rendering (un-dev first half: 0.8 keeps 91 % of the starter term base's
#: occurrences under check and drops 60 % of its flags, all of them judged false)
STEADY = 0.8
#: fewer occurrences than this say nothing about how steady the rendering is
MIN_EVIDENCE = 3


def rendering_rates(uses: list[TermUse]) -> dict[str, tuple[int, int]]:
    """Per source term: occurrences with an approved rendering, and all occurrences."""
    rates: dict[str, tuple[int, int]] = {}
    for use in uses:
        kept, total = rates.get(use.spec.source, (0, 0))
        rates[use.spec.source] = (kept + len(use.spans) - use.missing, total + len(use.spans))
    return rates


class KeyTermRule:
    id = "key-term"
    group = "terms"
    severity = "error"
    description = ("a glossary term in the source is not translated with an approved target term "
                   "(checked per occurrence)")

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        from parley.glossary.qa.length import incomplete

        uses = term_uses(ctx)
        rates = rendering_rates(uses)
        for use in uses:
            u = ctx.units[use.unit]
            if not use.missing or not u.target.strip() or incomplete(ctx, use.unit):
                continue
            yield self._finding(ctx, use, rates[use.spec.source])

    def _finding(self, ctx: QAContext, use: TermUse, rate: tuple[int, int]) -> Finding:
        u = ctx.units[use.unit]
        expected = " / ".join(dict.fromkeys(t for t, _ in use.spec.approved))
        how = MATCH_TYPES[use.level]
        if use.used:
            msg = (f"term “{use.spec.source}” occurs {len(use.spans)} times, the target has "
                   f"“{expected}” only {len(use.tgt_spans)} times")
            has = ", ".join(use.used)
        else:
            has = instead(use, u.target, ctx.tgt_tokens(use.unit), ctx.tgt_lang)
            msg = (f"term “{use.spec.source}” ({how} match) is not translated as “{expected}”"
                   + (f"; the target has “{has}”" if has else ""))
        kept, total = rate
        if use.spec.sure:
            severity = "error"
        elif total >= MIN_EVIDENCE and kept < STEADY * total:
            # a candidate the document itself renders otherwise in many places: a general
            # word or a paraphrase-prone entry, not a fixed term; a note, not a warning
            severity = "info"
            msg += f" (the document renders it so in only {kept} of {total} places)"
        else:
            severity = "warning"
        return ctx.finding(
            self, use.unit, msg, severity=severity,
            spans=tuple(("source", a, b) for a, b in use.spans), match_type=how,
            details={"term": use.spec.source, "expected": expected, "found": has,
                     "status": "approved" if use.spec.sure else "candidate"},
        )


class ForbiddenTermRule:
    id = "forbidden-term"
    group = "terms"
    severity = "error"
    description = "a forbidden or deprecated glossary term is used in the target"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        if ctx.glossary is None:
            return
        from parley.glossary.qa.base import analyse

        bad = [(t, eid, analyse(t.text, ctx.tgt_lang)) for t, eid in bad_terms(ctx.glossary,
                                                                             ctx.tgt_lang)]
        if not bad:
            return
        for i, u in enumerate(ctx.units):
            if not u.target.strip():
                continue
            toks = ctx.tgt_tokens(i)
            for term, eid, words in bad:
                hits = find_term(words, toks, ctx.tgt_lang)
                if not hits:
                    continue
                entry = next((e for e in ctx.glossary if e.id == eid), None)
                good = ", ".join(t.text for t in entry.approved_in(ctx.tgt_lang)) if entry else ""
                advice = f"; use “{good}”" if good else ""
                yield ctx.finding(
                    self, i, f"{term.status} term “{term.text}” used in the target{advice}",
                    severity="error" if term.status == "forbidden" else "warning",
                    spans=tuple(("target", a, b) for a, b, _ in hits),
                    match_type=MATCH_TYPES[min(h[2] for h in hits)],
                    details={"term": term.text, "status": term.status},
                )


class TermConsistencyRule:
    id = "term-consistency"
    group = "terms"
    severity = "info"
    description = "one source term is translated with different approved target terms"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        counts: dict[str, Counter[str]] = {}
        for use in term_uses(ctx):
            if len({t for t, _ in use.spec.approved}) > 1 and len(use.used) == 1:
                counts.setdefault(use.spec.source, Counter())[use.used[0]] += 1
        for term, c in counts.items():
            if len(c) < 2:
                continue
            spread = ", ".join(f"“{t}” ×{n}" for t, n in c.most_common())
            # the id names the variants, not their counts, so it survives small edits
            fid = finding_id(self.id, term, "", "|".join(sorted(c)))
            yield ctx.finding(self, None, f"term “{term}” is translated in {len(c)} ways: {spread}",
                              details={"term": term, **{t: str(n) for t, n in c.items()}}, id=fid)


for _rule in (KeyTermRule(), ForbiddenTermRule(), TermConsistencyRule()):
    register(_rule)
