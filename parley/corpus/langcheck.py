"""A cheap "is this text in the language the manifest says" check, by writing system.

In a corpus of thousands of pairs some are swapped, duplicated on both sides or in another
language altogether; aligning them produces confident nonsense. Where the two languages use
different scripts (en-ru, en-ar, fr-zh) the script of the letters tells, without a language
model: a Russian side with mostly Latin letters is not Russian.
"""

from __future__ import annotations

import unicodedata

#: script of each language's letters, as the first word of their Unicode names
_SCRIPT_OF: dict[str, str] = {
    **dict.fromkeys(("af", "az", "cs", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id",
                     "is", "it", "lt", "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv", "tr",
                     "uz", "vi"), "LATIN"),
    **dict.fromkeys(("be", "bg", "kk", "mk", "mn", "ru", "sr", "uk"), "CYRILLIC"),
    **dict.fromkeys(("ar", "fa", "ur"), "ARABIC"),
    "el": "GREEK", "he": "HEBREW", "hy": "ARMENIAN", "ka": "GEORGIAN", "hi": "DEVANAGARI",
    "zh": "CJK", "ja": "CJK", "ko": "HANGUL",
}
#: scripts a language may also be written in alongside its main one (kana with kanji)
_ALSO = {"ja": frozenset({"HIRAGANA", "KATAKANA"}), "ko": frozenset({"CJK"})}
SAMPLE = 20_000
MIN_LETTERS = 40
MIN_SHARE = 0.5


def expected_script(lang: str) -> str | None:
    return _SCRIPT_OF.get(lang.replace("_", "-").split("-")[0].lower())


def script_share(text: str, lang: str) -> tuple[float, int] | None:
    """Share of the letters (in the first :data:`SAMPLE` characters) written in ``lang``'s
    script, and how many letters were seen; None for a language whose script is not known."""
    script = expected_script(lang)
    if script is None:
        return None
    code = lang.replace("_", "-").split("-")[0].lower()
    ok_scripts = {script, *_ALSO.get(code, ())}
    letters = hits = 0
    for ch in text[:SAMPLE]:
        if not ch.isalpha():
            continue
        letters += 1
        name = unicodedata.name(ch, "")
        if name.split(" ", 1)[0] in ok_scripts:
            hits += 1
    return (hits / letters if letters else 1.0), letters


def wrong_language(text: str, lang: str) -> str | None:
    """Why ``text`` is not in ``lang`` (a sentence for the summary), or None when it may be."""
    found = script_share(text, lang)
    if found is None:
        return None
    share, letters = found
    if letters >= MIN_LETTERS and share < MIN_SHARE:
        script = (expected_script(lang) or "").lower()
        return f"not in the expected language {lang}: only {share:.0%} of its letters are {script}"
    return None
