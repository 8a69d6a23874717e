"""Translation QA against the source and the glossary, inflection-aware.

:func:`check_bitext` runs the rules of :data:`RULES` (one module per group) and returns findings
worst first. Rules are chosen by id or group name; accepted findings are dropped by id.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from parley.align.errors import UsageError
from parley.align.model import Bitext
from parley.align.spool import Reordered, Spool
from parley.glossary.findings import SEVERITIES, Finding
from parley.glossary.model import Glossary
from parley.glossary.qa import (
    consistency,
    form,
    glossary_source,
    length,
    numbers,
    terms,
    untranslated,
)
from parley.glossary.qa.base import RULES, QAContext, Rule, UnitRule

__all__ = [
    "GROUPS",
    "RULES",
    "QAContext",
    "Rule",
    "check_bitext",
    "check_spooled",
    "read_ignore_ids",
    "select_rules",
    "sort_findings",
]

_MODULES = (terms, consistency, numbers, untranslated, form, length, glossary_source)

#: group name -> rule ids, for ``--rules terms,numbers``
GROUPS: dict[str, tuple[str, ...]] = {}
for _r in RULES.values():
    GROUPS[_r.group] = (*GROUPS.get(_r.group, ()), _r.id)


def select_rules(rules: Sequence[str] | None) -> list[Rule]:
    """Rule objects for ids or group names; all rules when ``rules`` is None or empty."""
    if not rules:
        return list(RULES.values())
    chosen: list[str] = []
    for name in rules:
        name = name.strip()
        if not name:
            continue
        ids = GROUPS.get(name) or ((name,) if name in RULES else None)
        if ids is None:
            raise UsageError(f"unknown rule {name!r}",
                             hint="known: " + ", ".join(sorted(RULES) + sorted(GROUPS)))
        chosen.extend(i for i in ids if i not in chosen)
    return [RULES[i] for i in chosen]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Worst first, then by rule and unit (document-level findings after units)."""
    return sorted(findings, key=_order)


def _order(f: Finding) -> tuple[int, str, int, str]:
    return SEVERITIES.index(f.severity), f.rule, f.unit if f.unit is not None else 1 << 30, f.id


def check_bitext(
    bitext: Bitext,
    glossary: Glossary | None = None,
    *,
    rules: Sequence[str] | None = None,
    ignore: set[str] | frozenset[str] = frozenset(),
    extracted_terms: Glossary | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Finding]:
    """All findings of the chosen rules, minus ignored ids, worst first.

    ``progress`` is called with 1 after each rule (the CLI drives a bar from it).
    """
    out: list[Finding] = []
    _run(QAContext(bitext, glossary, extracted_terms), rules, ignore, progress, out.append)
    return sort_findings(out)


def check_spooled(
    bitext: Bitext,
    glossary: Glossary | None = None,
    *,
    rules: Sequence[str] | None = None,
    ignore: set[str] | frozenset[str] = frozenset(),
    extracted_terms: Glossary | None = None,
    progress: Callable[[int], None] | None = None,
) -> Sequence[Finding]:
    """:func:`check_bitext`'s findings, in its order, kept in a temporary file as they come
    (:class:`~parley.align.spool.Spool`) and read back as they are asked for: memory holds a
    sort key per finding, not the finding with its unit's text (``parley check`` of a
    100,000-unit document finds some 10,000)."""
    store: Spool[Finding] = Spool()
    keys: list[tuple[int, str, int, str]] = []

    def add(f: Finding) -> None:
        store.append(f)
        keys.append(_order(f))

    _run(QAContext(bitext, glossary, extracted_terms), rules, ignore, progress, add)
    store.flush()
    return Reordered(store, sorted(range(len(keys)), key=keys.__getitem__))


def _run(ctx: QAContext, rules: Sequence[str] | None, ignore: set[str] | frozenset[str],
         progress: Callable[[int], None] | None, add: Callable[[Finding], None]) -> None:
    """Each finding of the chosen rules to ``add`` as it comes, minus ignored ids and repeated
    document-level ones."""
    seen: set[str] = set()
    chosen = select_rules(rules)
    # rules that judge one unit at a time run together, in one pass over the units (a
    # streamed bitext is read back once for all of them); the order findings come in does
    # not matter, they are sorted on a key that only ties within one rule's unit
    per_unit = [r for r in chosen if isinstance(r, UnitRule)]
    passes: list[tuple[int, Callable[[], Iterable[Finding]]]] = [
        (len(per_unit), lambda: _unit_findings(per_unit, ctx))]
    passes += [(1, _later(r, ctx)) for r in chosen if not isinstance(r, UnitRule)]
    with collector_paused():
        for n_rules, run in passes:
            for f in run():
                if f.id in ignore:
                    continue
                if f.id in seen and f.unit is None:
                    continue
                seen.add(f.id)
                add(f)
            if progress is not None:
                for _ in range(n_rules):
                    progress(1)


def _later(rule: Rule, ctx: QAContext) -> Callable[[], Iterable[Finding]]:
    """The rule's check, to run later."""
    return lambda: rule.check(ctx)


def _unit_findings(rules: list[UnitRule], ctx: QAContext) -> Iterator[Finding]:
    """The findings of rules that judge each unit alone, in one pass over the units; each
    rule's findings in its own order."""
    if not rules:
        return
    for i, u in enumerate(ctx.units):
        for rule in rules:
            yield from rule.check_unit(ctx, i, u)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the rules run, back as it was after (also on an
    error). The check allocates millions of small acyclic objects (a Token per word, findings),
    which reference counting frees as it goes, so memory stays flat without it; the collector
    would only re-walk the lemmatiser's dictionaries and the word caches each time it triggers:
    an eighth of the check's CPU time on 10k units (un-dev, starter term base). The editor's
    loading pauses it too (a sixth of opening 100k beads)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read_ignore_ids(text: str) -> set[str]:
    """Finding ids from an ignore file: one per line, ``#`` starts a comment."""
    ids = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            ids.add(line.split()[0])
    return ids
