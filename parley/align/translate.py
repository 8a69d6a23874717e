"""Machine translation of segmented sentences with installed argos packages.

Two interchangeable engines behind one small protocol:

* ``ctranslate2``: drives the package's CTranslate2 model and SentencePiece model directly, all
  sentences in batches (many times faster than argostranslate's per-call path);
* ``argos``: argostranslate's own translation API, for packages whose layout the direct path does
  not drive (BPE tokeniser, no ``model/``). Sentences are already segmented by parley, so the
  package's own sentence splitter is bypassed: MT units stay parley's units (and MiniSBD never
  tries to download a model).

Pivoting through English works in both: two hops, one after the other.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from parley.align.errors import ModelError, UsageError
from parley.align.model import Bitext, Document, Segment, TranslationUnit
from parley.align.models import Route, find_route

Progress = Callable[[int], None]

DEFAULT_BATCH = 32
DEFAULT_BEAM = 4


class Translator(Protocol):
    """Translates a list of sentences, one output per input, in order."""

    name: str
    route: Route

    def translate(self, sentences: Sequence[str], progress: Progress | None = None) -> list[str]: ...


def pick_device(device: str = "auto") -> str:
    """``cuda`` when CTranslate2 sees a GPU and ``auto`` was asked, else ``cpu``."""
    if device not in ("auto", "cpu", "cuda"):
        raise UsageError(f"unknown device {device!r}", hint="use auto, cpu or cuda")
    if device != "auto":
        return device
    import ctranslate2

    try:
        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    except RuntimeError:
        return "cpu"


def cpu_threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _clean(text: str) -> str:
    return " ".join(text.split())


class CT2Translator:
    """Batched CTranslate2 + SentencePiece on the package files; argostranslate not imported."""

    name = "ctranslate2"

    def __init__(
        self,
        route: Route,
        *,
        batch_size: int = DEFAULT_BATCH,
        beam_size: int = DEFAULT_BEAM,
        device: str = "auto",
        threads: int | None = None,
        compute_type: str = "auto",
    ):
        try:
            import ctranslate2
            import sentencepiece as spm
        except ImportError as exc:
            from parley.align.models import MT_EXTRA_HINT

            raise ModelError("machine translation needs ctranslate2", hint=MT_EXTRA_HINT) from exc
        self.route = route
        self.batch_size = max(1, batch_size)
        self.beam_size = max(1, beam_size)
        self.device = pick_device(device)
        threads = threads or (cpu_threads() if self.device == "cpu" else 1)
        self._hops: list[tuple[Any, Any, str]] = []
        for hop in route.hops:
            if not direct_layout(hop.path):
                raise ModelError("package layout not supported by the direct CTranslate2 path",
                                 hop.path, "use --engine argos")
            try:
                tr = ctranslate2.Translator(
                    str(hop.path / "model"), device=self.device, intra_threads=threads,
                    compute_type=compute_type,
                )
                sp = spm.SentencePieceProcessor(model_file=str(hop.path / "sentencepiece.model"))
            except (RuntimeError, OSError, ValueError) as exc:
                raise ModelError(f"cannot load the model ({exc})", hop.path,
                                 "reinstall it with parley models install") from exc
            self._hops.append((tr, sp, _target_prefix(hop.path)))

    def _hop(self, tr: Any, sp: Any, prefix: str, sentences: list[str]) -> list[str]:
        tokens = [sp.encode(s, out_type=str) for s in sentences]
        results = tr.translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            max_batch_size=self.batch_size,
            beam_size=self.beam_size,
            length_penalty=0.2,
            replace_unknowns=True,
        )
        out: list[str] = []
        for res in results:
            hyp = list(res.hypotheses[0])
            if prefix and hyp[:1] == [prefix]:
                hyp = hyp[1:]
            out.append(_clean(sp.decode_pieces(hyp)))
        return out

    def translate(self, sentences: Sequence[str], progress: Progress | None = None) -> list[str]:
        out: list[str] = [""] * len(sentences)
        todo = [i for i, s in enumerate(sentences) if s.strip()]
        # chunks of several batches: CTranslate2 sorts each chunk by length, and the bar moves
        chunk = self.batch_size * 8
        for k in range(0, len(todo), chunk):
            idx = todo[k : k + chunk]
            texts = [_clean(sentences[i]) for i in idx]
            for tr, sp, prefix in self._hops:
                texts = self._hop(tr, sp, prefix, texts)
            for i, t in zip(idx, texts, strict=True):
                out[i] = t
            if progress is not None:
                progress(len(idx))
        if progress is not None and len(sentences) > len(todo):
            progress(len(sentences) - len(todo))
        return out


class _OneSentence:
    """Stands in for argostranslate's sentence splitter: parley has already segmented."""

    def split_sentences(self, text: str) -> list[str]:
        return [text]


def _bypass_sentencizers(translation: Any) -> None:
    seen: list[Any] = [translation]
    while seen:
        t = seen.pop()
        if hasattr(t, "underlying"):
            seen.append(t.underlying)
        if hasattr(t, "t1"):
            seen.extend([t.t1, t.t2])
        if hasattr(t, "sentencizer"):
            t.sentencizer = _OneSentence()


class ArgosTranslator:
    """argostranslate's own ``translate()`` per sentence: slower, but drives any package layout."""

    name = "argos"

    def __init__(self, route: Route, *, beam_size: int = DEFAULT_BEAM, device: str = "auto",
                 **_options: Any):
        from parley.align.models import MT_EXTRA_HINT, argos

        settings = argos()[1]
        try:
            import argostranslate.translate as tr
        except ImportError as exc:  # the lean MT install: argostranslate without stanza/torch
            raise ModelError(
                f"this {route.src}→{route.tgt} model is not a CTranslate2 + SentencePiece package, so "
                f"only argostranslate's own translator can run it, and that needs stanza and torch "
                f"({exc.name or exc} is missing)",
                hint=MT_EXTRA_HINT.replace("pip install", "pip install --force-reinstall"),
            ) from exc
        settings.device = pick_device(device)
        settings.beam_size = max(1, beam_size)
        self.route = route
        self._tr = tr
        translation = tr.get_translation_from_codes(route.src, route.tgt)
        if translation is None:
            raise ModelError(f"argostranslate finds no {route.src}→{route.tgt} translation")
        _bypass_sentencizers(translation)

    def translate(self, sentences: Sequence[str], progress: Progress | None = None) -> list[str]:
        out: list[str] = []
        for s in sentences:
            out.append(_clean(self._tr.translate(_clean(s), self.route.src, self.route.tgt))
                       if s.strip() else "")
            if progress is not None:
                progress(1)
        return out


#: engine name -> factory(route, **options)
TRANSLATORS: dict[str, Callable[..., Translator]] = {
    "ctranslate2": CT2Translator,
    "argos": ArgosTranslator,
}


def _target_prefix(path: Path) -> str:
    import json

    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str(meta.get("target_prefix") or "")


def direct_layout(path: Path) -> bool:
    """Whether the package is a CTranslate2 model with a SentencePiece model (the usual case)."""
    return (path / "model" / "model.bin").exists() and (path / "sentencepiece.model").exists()


def get_translator(
    src_lang: str,
    tgt_lang: str,
    *,
    engine: str = "auto",
    batch_size: int = DEFAULT_BATCH,
    beam_size: int = DEFAULT_BEAM,
    device: str = "auto",
) -> Translator:
    """The translator for the installed route ``src -> tgt``: direct when the layout allows."""
    route = find_route(src_lang, tgt_lang)
    if engine == "auto":
        engine = "ctranslate2" if all(direct_layout(h.path) for h in route.hops) else "argos"
    if engine not in TRANSLATORS:
        raise UsageError(f"unknown MT engine {engine!r}", hint="known: auto, " + ", ".join(TRANSLATORS))
    return TRANSLATORS[engine](route, batch_size=batch_size, beam_size=beam_size, device=device)


def translate_sentences(
    sentences: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    *,
    batch_size: int = DEFAULT_BATCH,
    beam_size: int = DEFAULT_BEAM,
    device: str = "auto",
    engine: str = "auto",
    progress: Progress | None = None,
) -> list[str]:
    """One translation per sentence, in order (empty input sentences give empty strings)."""
    tr = get_translator(src_lang, tgt_lang, engine=engine, batch_size=batch_size,
                        beam_size=beam_size, device=device)
    return tr.translate(sentences, progress)


@dataclass(frozen=True)
class MTResult:
    """A translated document: the source segments and one translation per segment."""

    document: Document
    segments: tuple[Segment, ...]
    translations: tuple[str, ...]
    src_lang: str
    tgt_lang: str
    engine: str
    model: str
    pivot: str | None

    def text(self, *, one_per_line: bool = False) -> str:
        """The translation with the source's paragraphs, a blank line between them."""
        paras: list[list[str]] = []
        last: int | None = None
        for seg, tr in zip(self.segments, self.translations, strict=True):
            if seg.paragraph != last:
                paras.append([])
                last = seg.paragraph
            paras[-1].append(tr)
        sep = "\n" if one_per_line else " "
        return "\n\n".join(sep.join(p) for p in paras) + "\n" if paras else ""

    def bitext(self) -> Bitext:
        """MT units for TMX/TSV: each marked ``origin="mt"`` with the package name and version."""
        units = tuple(
            TranslationUnit(
                source=seg.norm,
                target=tr,
                id=str(seg.index + 1),
                origin="mt",
                mt_model=self.model,
                document=self.document.name,
                paragraph=seg.paragraph,
                props={"x-mt-engine": self.engine} | ({"x-mt-pivot": self.pivot} if self.pivot else {}),
            )
            for seg, tr in zip(self.segments, self.translations, strict=True)
        )
        return Bitext(self.src_lang, self.tgt_lang, units, name=self.document.name)


def translate_document(
    path: str | Path,
    src_lang: str,
    tgt_lang: str,
    *,
    encoding: str | None = None,
    engine: str = "auto",
    batch_size: int = DEFAULT_BATCH,
    beam_size: int = DEFAULT_BEAM,
    device: str = "auto",
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> MTResult:
    """Read and segment ``path`` with parley's segmenter (MT units = alignment units), translate.

    ``on_start(n)`` is told the number of sentences before translation starts (to size a bar).
    """
    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document

    doc = read_document(Path(path), lang=src_lang, encoding=encoding)
    segs = segment_document(doc, src_lang, get_segmenter(src_lang))
    tr = get_translator(src_lang, tgt_lang, engine=engine, batch_size=batch_size,
                        beam_size=beam_size, device=device)
    if on_start is not None:
        on_start(len(segs))
    out = tr.translate([s.norm for s in segs], progress)
    if len(out) != len(segs):  # never lose a sentence silently
        raise ModelError(f"the engine returned {len(out)} translations for {len(segs)} sentences")
    return MTResult(doc, tuple(segs), tuple(out), src_lang, tgt_lang, tr.name, tr.route.label,
                    tr.route.pivot)
