"""Names in term extraction: transliteration across scripts, the name part of a phrase, and the
entry type (person, organization, place, acronym, term) a glossary records."""

from __future__ import annotations

from functools import lru_cache

from parley.align.lang import base
from parley.glossary.morph import cached_morph, get_lemmatizer
from parley.glossary.stats import ORG_HEADS, PARTICLES

_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True))


@lru_cache(maxsize=100_000)
def transliterate(text: str) -> str:
    """Russian to Latin letters (simplified BGN/PCGN), for matching names across scripts."""
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())


def name_similarity(a: str, b: str) -> float:
    """0..1 similarity of two names written in possibly different scripts."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(transliterate(a), transliterate(b))) / 100.0


def rare_words(text: str, lang: str, known: set[str]) -> list[str]:
    """Capitalised words that are not common words: the name part of a phrase."""
    from wordfreq import zipf_frequency

    lem = get_lemmatizer(lang)
    # acronyms are not transliterated names (IAEA -> МАГАТЭ)
    return [w for w in text.split() if w[:1].isupper() and not w.isupper()
            and lem.lemma(w) not in known and zipf_frequency(w.lower(), lang) < 4.0]


def trim_name(words: list[str], rare: list[str]) -> str:
    """"Secretary of State Rex Tillerson" -> "Rex Tillerson": titles around a name belong to
    another entry; the name is what transliterates."""
    idx = [i for i, w in enumerate(words) if w in rare]
    lo, hi = idx[0], idx[-1]
    while lo > 0 and words[lo - 1].lower() in PARTICLES:
        lo -= 1
    return " ".join(words[lo:hi + 1])


def entry_type(src: str, tgt: str, proper: bool, src_lang: str, tgt_lang: str) -> str:
    """The entry type from the source's shape and the target's pymorphy3 tags."""
    words = src.split()
    if len(words) == 1 and src.isupper() and len(src) >= 2:
        return "acronym"
    if not proper:
        return "term"
    if words[-1].lower() in ORG_HEADS or words[0].lower() in ORG_HEADS:
        return "organization"
    if base(tgt_lang) == "ru":
        morph = cached_morph()
        tags = [morph.parse(w)[0].tag for w in tgt.split()]
        head = next((t for t in tags if t.POS == "NOUN"), None)
        if head is not None and "anim" in head and not {"Name", "Surn", "Patr"} & head.grammemes:
            return "person"  # a title, typed as the starter base does: «Государственный секретарь»
        if any("Geox" in t for t in tags):
            return "place"
        if any("Name" in t or "Surn" in t for t in tags):
            return "person"
    if len(words) == 1:
        return "term"
    return "person" if rare_words(src, src_lang, set()) else "term"
