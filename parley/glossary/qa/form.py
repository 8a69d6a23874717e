"""Form rules: spacing, paired quotes and brackets, final punctuation, repeated words.

Cheap checks, but the ones a reviewer notices first. Quote pairs cover the Russian «» and „“,
English “” and ‘’ (a lone ’ is an apostrophe), and the ``<<``/``>>`` of UN Russian texts.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterable, Iterator

from parley.align.model import TranslationUnit
from parley.glossary.findings import Finding
from parley.glossary.morph import _TOKEN, tokenize
from parley.glossary.qa.base import QAContext, each_unit, register

_OPEN = {"(": ")", "[": "]", "{": "}", "«": "»", "„": "“", "“": "”", "‘": "’", "<<": ">>"}
_CLOSE = {v: k for k, v in _OPEN.items() if k != "„"}
_PAIR_TOKEN = re.compile(r"<<|>>|[()\[\]{}«»„“”‘’\"]")
_LIST_MARK = re.compile(r"(?:^|[\s(\[;:,])(?:[a-zа-яё]|[ivxlc]{1,5}|\d{1,3})$", re.I)
_END_STRIP = " \t\n\u00a0\"'»”“’)]>*"
_FINAL = {".": ".", "!": "!", "?": "?", ":": ":", ";": ";", "…": ".", "。": ".", "？": "?",
          "！": "!"}


def unpaired(text: str) -> list[tuple[int, int, str]]:
    """Quotes and brackets without a partner, as ``(start, end, char)``."""
    stack: list[tuple[int, int, str]] = []
    bad: list[tuple[int, int, str]] = []
    straight: list[tuple[int, int, str]] = []
    for m in _PAIR_TOKEN.finditer(text):
        ch, a, b = m.group(), m.start(), m.end()
        if ch == '"':
            if straight:
                straight.pop()
            else:
                straight.append((a, b, ch))
            continue
        if ch == "“" and stack and stack[-1][2] == "„":
            stack.pop()
            continue
        if ch == "’":
            if stack and stack[-1][2] == "‘":
                stack.pop()
            continue  # apostrophe
        if ch in _OPEN:
            stack.append((a, b, ch))
        elif ch in _CLOSE:
            if stack and stack[-1][2] == _CLOSE[ch]:
                stack.pop()
            elif ch == ")" and _LIST_MARK.search(text, 0, a):
                continue  # "a) ...", "ii) ...": a list marker, not a bracket
            elif any(s[2] == _CLOSE[ch] for s in stack):
                while stack and stack[-1][2] != _CLOSE[ch]:
                    bad.append(stack.pop())
                stack.pop()
            else:
                bad.append((a, b, ch))
    return sorted(bad + stack + straight)


def final_punct(text: str) -> str:
    s = text.rstrip(_END_STRIP)
    return _FINAL.get(s[-1], "") if s else ""


class DoubleSpaceRule:
    id = "double-space"
    group = "form"
    severity = "warning"
    description = "two or more spaces in a row in the target"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        return each_unit(self, ctx)

    def check_unit(self, ctx: QAContext, i: int, u: TranslationUnit) -> Iterator[Finding]:
        hits = [m.span() for m in re.finditer(r"(?<=\S) {2,}(?=\S)", u.target)]
        if hits and "  " not in u.source:
            yield ctx.finding(self, i, "double space in the target",
                              spans=tuple(("target", a, b) for a, b in hits))


class EdgeSpaceRule:
    id = "edge-space"
    group = "form"
    severity = "info"
    description = "leading or trailing spaces differ between source and target"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        return each_unit(self, ctx)

    def check_unit(self, ctx: QAContext, i: int, u: TranslationUnit) -> Iterator[Finding]:
        if not u.target:
            return
        lead = (u.source[: len(u.source) - len(u.source.lstrip())],
                u.target[: len(u.target) - len(u.target.lstrip())])
        trail = (u.source[len(u.source.rstrip()):], u.target[len(u.target.rstrip()):])
        what = [n for n, (a, b) in (("leading", lead), ("trailing", trail)) if a != b]
        if what:
            yield ctx.finding(self, i, " and ".join(what) + " spaces differ from the source")


class UnpairedRule:
    id = "unpaired"
    group = "form"
    severity = "warning"
    description = "a quote or bracket in the target has no partner"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        return each_unit(self, ctx)

    def check_unit(self, ctx: QAContext, i: int, u: TranslationUnit) -> Iterator[Finding]:
        bad = unpaired(u.target)
        if not bad or unpaired(u.source):  # the source is broken too: not the translator's
            return
        chars = " ".join(c for _, _, c in bad)
        yield ctx.finding(self, i, f"unpaired quote or bracket in the target: {chars}",
                          spans=tuple(("target", a, b) for a, b, _ in bad))


class EndPunctRule:
    id = "end-punct"
    group = "form"
    severity = "info"
    description = "the target ends with different punctuation than the source"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        return each_unit(self, ctx)

    def check_unit(self, ctx: QAContext, i: int, u: TranslationUnit) -> Iterator[Finding]:
        if not u.target.strip() or not u.source.strip():
            return
        a, b = final_punct(u.source), final_punct(u.target)
        if a != b:
            yield ctx.finding(
                self, i,
                f"source ends with “{a or 'no punctuation'}”, target with “{b or 'no punctuation'}”",
            )


class RepeatedWordRule:
    id = "repeated-word"
    group = "form"
    severity = "warning"
    description = "the same word twice in a row in the target"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        return each_unit(self, ctx)

    def check_unit(self, ctx: QAContext, i: int, u: TranslationUnit) -> Iterator[Finding]:
        # no two words in a row alike, whatever stands between them: nothing to look at
        # closer (the test runs in C; tokenising every target in Python was the rule's time)
        lows = list(map(str.lower, _TOKEN.findall(u.target)))
        if not any(map(operator.eq, lows, itertools.islice(lows, 1, None))):
            return
        toks = tokenize(u.target)
        for (a1, _, w1), (a2, b2, w2) in itertools.pairwise(toks):
            if (w1.lower() == w2.lower() and not w1.isdigit()
                    and u.target[a1 + len(w1):a2].strip() == ""):
                src_words = [w.lower() for _, _, w in tokenize(u.source)]
                if any(x == y for x, y in itertools.pairwise(src_words)):
                    continue  # "Salih Salih": the source repeats a word too
                yield ctx.finding(self, i, f"repeated word “{w2}”",
                                  spans=(("target", a1, b2),))


for _rule in (DoubleSpaceRule(), EdgeSpaceRule(), UnpairedRule(), EndPunctRule(),
              RepeatedWordRule()):
    register(_rule)
