"""Language codes: validation and the names parley knows.

Codes are taken as the user gives them (``en``, ``ru``, ``en-US``); the base subtag selects
language-specific behaviour. An unknown code is a :class:`LanguageError`, never a silent default.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from parley.align.errors import LanguageError

#: Languages with tuned behaviour (segmentation rules, lemmas, length ratios).
KNOWN: dict[str, str] = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese",
    "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian",
    "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "zh": "Chinese", "be": "Belarusian", "hr": "Croatian", "az": "Azerbaijani", "mn": "Mongolian",
}

#: ISO 639-2/3 codes of the languages above, so that ``rus`` gets Russian rules, not fallbacks.
_THREE_LETTER: dict[str, str] = {
    "ara": "ar", "bul": "bg", "ces": "cs", "cze": "cs", "dan": "da", "deu": "de", "ger": "de",
    "ell": "el", "gre": "el", "eng": "en", "est": "et", "fas": "fa", "per": "fa", "fin": "fi",
    "fra": "fr", "fre": "fr", "heb": "he", "hin": "hi", "hun": "hu", "hye": "hy", "arm": "hy",
    "ind": "id", "isl": "is", "ice": "is", "ita": "it", "jpn": "ja", "kat": "ka", "geo": "ka",
    "kaz": "kk", "kor": "ko", "lit": "lt", "lav": "lv", "nld": "nl", "dut": "nl", "nor": "no",
    "pol": "pl", "por": "pt", "ron": "ro", "rum": "ro", "rus": "ru", "slk": "sk", "slo": "sk",
    "slv": "sl", "srp": "sr", "swe": "sv", "tur": "tr", "ukr": "uk", "urd": "ur", "uzb": "uz",
    "vie": "vi", "zho": "zh", "chi": "zh", "bel": "be", "hrv": "hr", "aze": "az", "mon": "mn",
    "spa": "es",
}

_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def base(code: str) -> str:
    """``en-US`` -> ``en``; ``zh_Hans`` -> ``zh``."""
    return code.replace("_", "-").split("-")[0].lower()


def _registered(code: str) -> bool:
    """In the IANA language subtag registry (through langcodes, which wordfreq already needs):
    ``xx`` or ``yy`` would otherwise pass here and fail deep inside a library with a traceback."""
    import langcodes

    try:
        return bool(langcodes.tag_is_valid(code))
    except (ValueError, LookupError):  # pragma: no cover - tag_is_valid returns False
        return False


def check_lang(code: str, *, strict: bool = False) -> str:
    """Return ``code`` normalised to BCP-47 separators, or raise :class:`LanguageError`.

    With ``strict``, the base language must be one parley knows; otherwise any well-formed code
    passes (segmentation then falls back to generic rules).
    """
    code = code.strip()
    if not _CODE.match(code):
        raise LanguageError(f"not a language code: {code!r}", hint="use ISO 639-1, e.g. en, ru, fr")
    head, _, rest = code.replace("_", "-").partition("-")
    if head.lower() in _THREE_LETTER:
        code = _THREE_LETTER[head.lower()] + ("-" + rest if rest else "")
    if not _registered(code):
        raise LanguageError(f"unknown language code {code!r}",
                            hint="use an ISO 639 code such as en, ru, fr, zh-Hans")
    if strict and base(code) not in KNOWN:
        raise LanguageError(
            f"unsupported language {code!r}", hint="supported: " + ", ".join(sorted(KNOWN))
        )
    return code.replace("_", "-")


@lru_cache(maxsize=8192)
def char_script(c: str) -> str:
    """The first word of a letter's Unicode name ("LATIN", "CYRILLIC", "CJK"): the script the
    aligner and the QA rules tell texts apart by (cached: texts repeat their letters)."""
    return unicodedata.name(c, "").split(" ", 1)[0]
