"""Language identification of inputs, so that a mislabelled or swapped file is refused.

A French translation given as ``-t ru`` used to pass silently and pair «он» with "he" in the
glossary. Every input is now identified with py3langid (a maintained fork of langid.py whose
model ships inside the wheel: nothing is downloaded at run time; 4.6 MB against lingua's 96 MB,
and 99.9 % right on 50-word UN paragraphs in en/ru/fr/es/de/ar/zh — ``bench/langid.py``).

Only a sample of the text is classified (the first ``SAMPLE_CHARS`` characters spread over the
document), so detection costs milliseconds whatever the document's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parley.align.errors import LanguageError
from parley.align.lang import KNOWN, base

if TYPE_CHECKING:
    from parley.align.model import Bitext

#: Characters classified per input: enough for a reliable decision, cheap on any document.
SAMPLE_CHARS = 3000
#: Below this many letters there is too little text to judge: detection abstains.
MIN_LETTERS = 20
#: py3langid's normalised probability below which a detection is not trusted enough to refuse.
MIN_CONFIDENCE = 0.9
#: Below this, a language the user did not give is not named at all (an error asks for it).
MIN_DETECT_CONFIDENCE = 0.5

#: Languages py3langid confuses with their close neighbour; a declared code that names one of
#: the pair is accepted when the other is detected (Serbian/Croatian/Bosnian, Malay/Indonesian…).
_CLOSE = (frozenset({"sr", "hr", "bs"}), frozenset({"ms", "id"}), frozenset({"no", "nb", "nn", "da"}))

#: py3langid labels written Chinese with a Wu sample as ``wuu`` (2 % of UN paragraphs): both
#: are written Standard Chinese to a translator, and parley's Chinese rules apply.
_ALIAS = {"wuu": "zh", "yue": "zh", "nb": "no", "nn": "no"}


@dataclass(frozen=True)
class Detection:
    """The language found in a text: ISO 639-1 code, normalised probability, letters seen."""

    lang: str
    confidence: float
    letters: int

    @property
    def reliable(self) -> bool:
        return self.letters >= MIN_LETTERS and self.confidence >= MIN_CONFIDENCE

    @property
    def name(self) -> str:
        return KNOWN.get(self.lang, self.lang)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    try:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    except ImportError as exc:  # a declared dependency; only a broken install lands here
        raise LanguageError("language identification needs py3langid",
                            hint="pip install py3langid") from exc
    packed = Path(MODEL_DIR) / MODEL_FILE
    try:
        return _from_cache(LanguageIdentifier, packed)
    except (OSError, ValueError, KeyError):  # no writable cache: the package's own loader
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _cache_dir() -> Path:
    import os

    base_dir = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base_dir) / "parley"


def _from_cache(cls: Any, packed: Path) -> Any:
    """py3langid's model unpacked once into the user's cache: decompressing its LZMA file is
    half of the 1.2 s CPU a load costs, which would add 4 % to a short ``parley run``. The
    cache is keyed by the packed file's size and time, and written atomically."""
    import lzma

    import numpy as np
    from py3langid.modelio import _to_array

    st = packed.stat()
    cached = _cache_dir() / f"py3langid-{st.st_size}-{int(st.st_mtime)}.npz"
    if not cached.is_file():
        from parley.align.atomic import atomic_open

        cached.parent.mkdir(parents=True, exist_ok=True)
        with lzma.open(packed) as src, atomic_open(cached, "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
    with np.load(cached, allow_pickle=False) as data:
        return cls(np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
                   _to_array(data["nextmove"]), data["out_feat"].tolist(), norm_probs=True,
                   tk_row=_to_array(data["nextmove_row"]))


def sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """Up to ``size`` characters taken from the start, middle and end of ``text``: a title page
    or a first paragraph in another language should not decide for the whole document."""
    if len(text) <= size:
        return text
    third = size // 3
    mid = len(text) // 2
    return " ".join((text[:third], text[mid - third // 2: mid + third // 2], text[-third:]))


def detect(text: str) -> Detection:
    """Identify the language of ``text`` (a sample of it for long texts)."""
    chunk = sample(text)
    letters = sum(1 for c in chunk if c.isalpha())
    if letters == 0:
        return Detection("und", 0.0, 0)
    lang, prob = _identifier().classify(chunk)
    return Detection(_ALIAS.get(str(lang), str(lang)), float(prob), letters)


def same_language(declared: str, detected: str) -> bool:
    """Whether a declared BCP-47 tag agrees with a detected ISO 639-1 code (base codes compared,
    close neighbours accepted)."""
    a, b = base(declared), base(detected)
    return a == b or any(a in group and b in group for group in _CLOSE)


def check_language(text: str, declared: str, path: str | Path | None = None,
                   option: str = "-s") -> Detection:
    """Refuse ``text`` when it is reliably in another language than ``declared``.

    The error is one line naming what was detected and the two ways out (the right code, or
    ``--force-lang``). Short or letterless texts pass: there is nothing to judge.
    """
    found = detect(text)
    if found.reliable and not same_language(declared, found.lang):
        raise LanguageError(
            f"looks like {found.name} ({found.lang}, {found.confidence:.2f}), not {declared} as given",
            path, f"use {option} {found.lang}, or --force-lang to proceed",
        )
    return found


def detect_or_fail(text: str, path: str | Path | None, option: str) -> str:
    """The language of an input whose language the user did not give: printed by the caller,
    an error when the text is too short or ambiguous to tell (never a silent default)."""
    found = detect(text)
    # naming a language needs less certainty than refusing the user's: the normalised
    # probability over 97 languages is 0.6 for a short English term list
    if found.letters < MIN_LETTERS or found.confidence < MIN_DETECT_CONFIDENCE:
        raise LanguageError("cannot tell the language of this input", path,
                            f"give it with {option} (e.g. {option} en)")
    return found.lang


def detect_file(path: Path, option: str, encoding: str | None = None) -> str:
    """The language of a document file, for a command run without ``-s``/``-t``."""
    from parley.align.reader import read_document

    return detect_or_fail(read_document(path, encoding=encoding).text, path, option)


#: Units read per side of a bitext for identification (spread over the file).
BITEXT_SAMPLE_UNITS = 300


def side_texts(bitext: Bitext) -> tuple[str, str]:
    """The source and target text of up to :data:`BITEXT_SAMPLE_UNITS` units spread over the
    bitext: enough for :func:`detect`'s sample, cheap on a million-unit memory."""
    units = bitext.units
    step = max(1, len(units) // BITEXT_SAMPLE_UNITS)
    picked = units[::step][:BITEXT_SAMPLE_UNITS]
    return " ".join(u.source for u in picked), " ".join(u.target for u in picked)


def check_bitext_languages(bitext: Bitext, path: str | Path | None,
                           tgt_path: str | Path | None = None) -> None:
    """Refuse a bitext whose source or target side is reliably in another language than the
    one it is given as (by ``-s``/``-t`` or by the file itself), as ``run`` and ``align`` do for
    their texts: a swapped TSV or a TMX labelled ``ru`` that holds French would otherwise give
    a glossary or QA report pairing the wrong words. ``tgt_path`` names the translation when
    the bitext was aligned from two texts."""
    src_text, tgt_text = side_texts(bitext)
    check_language(src_text, bitext.src_lang, path, "-s")
    check_language(tgt_text, bitext.tgt_lang, tgt_path or path, "-t")


def guess_bitext_languages(bitext: Bitext) -> tuple[str, str] | None:
    """Both sides' languages when each is reliably identified, else ``None``: for the hint of
    an error about a bitext that does not name its languages (never a silent default)."""
    found = [detect(text) for text in side_texts(bitext)]
    if all(d.reliable for d in found):
        return found[0].lang, found[1].lang
    return None
