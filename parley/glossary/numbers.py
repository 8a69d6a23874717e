"""Numbers, dates and percentages in running text, compared across languages.

Translators change number formats on purpose (``1,000.5`` becomes ``1 000,5``; ``30 January``
becomes ``30 января``; ``2014`` becomes ``2014 году``), so a QA check that compares digit strings
drowns in false alarms. Each mention here carries every value its notation can mean; two
mentions match when their value sets meet. Month names become ``month:N`` values, Roman numerals
their integer, and spelled-out small numbers can stand in for digits on the other side.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

_SP = " \u00a0\u202f\u2009"
# The patterns here that look behind their start do it after their first character
# ("\d(?<!\w\d)" is "(?<!\w)\d"): a pattern that opens with a character class is only tried
# where that class matches, one that opens with a look-behind at every position of the text
# (the numbers rule's patterns were most of its time).
# digits with optional thousands groups (comma, dot, space kinds, apostrophe) and a decimal part
_NUM = re.compile(
    r"\d(?<!\w\d)(?:\d{0,2}(?:(?:,|\.|[" + _SP + r"]|')\d{3})+(?:[.,]\d+)?|\d*(?:[.,]\d+)?)(?!\d)"
)
#: a Roman numeral standing alone ("Part IV", "IIIe"), or glued to a Russian word
_ROMAN = re.compile(r"[IVXLC](?:(?<!\w[IVXLC])[IVXLC]{0,6}(?=(?:e|er|re)?(?![\w-]))"
                    r"|(?<=[а-яё][IVX])[IVX]{0,3}(?!\w))")
_ROMAN_VALID = re.compile(r"^(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

#: Month names (lower case, any inflection prefix) -> month number, for en/ru/fr/es/de.
_MONTH_STEMS: dict[str, tuple[tuple[str, int], ...]] = {
    "en": (
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
    ),
    "ru": (
        ("январ", 1),
        ("феврал", 2),
        ("март", 3),
        ("апрел", 4),
        ("ма", 5),
        ("июн", 6),
        ("июл", 7),
        ("август", 8),
        ("сентябр", 9),
        ("октябр", 10),
        ("ноябр", 11),
        ("декабр", 12),
    ),
    "fr": (
        ("janvier", 1),
        ("février", 2),
        ("fevrier", 2),
        ("mars", 3),
        ("avril", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("août", 8),
        ("aout", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
        ("decembre", 12),
    ),
    "es": (
        ("enero", 1),
        ("febrero", 2),
        ("marzo", 3),
        ("abril", 4),
        ("mayo", 5),
        ("junio", 6),
        ("julio", 7),
        ("agosto", 8),
        ("septiembre", 9),
        ("setiembre", 9),
        ("octubre", 10),
        ("noviembre", 11),
        ("diciembre", 12),
    ),
    "de": (
        ("januar", 1),
        ("jänner", 1),
        ("februar", 2),
        ("märz", 3),
        ("maerz", 3),
        ("april", 4),
        ("mai", 5),
        ("juni", 6),
        ("juli", 7),
        ("august", 8),
        ("september", 9),
        ("oktober", 10),
        ("november", 11),
        ("dezember", 12),
    ),
}
_RU_MONTH_ENDINGS = ("", "ь", "я", "е", "ю", "ем", "а", "у", "ом", "ей", "й", "ю")

#: Spelled-out numbers that may stand for digits on the other side (lemmas for Russian).
_NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": {
        w: i
        for i, w in enumerate(
            [
                "zero",
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "thirteen",
                "fourteen",
                "fifteen",
                "sixteen",
                "seventeen",
                "eighteen",
                "nineteen",
                "twenty",
            ]
        )
    }
    | {
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "sixth": 6,
        "seventh": 7,
        "eighth": 8,
        "ninth": 9,
        "tenth": 10,
        "eleventh": 11,
        "twelfth": 12,
        "thirteenth": 13,
        "fourteenth": 14,
        "fifteenth": 15,
        "sixteenth": 16,
        "seventeenth": 17,
        "eighteenth": 18,
        "nineteenth": 19,
        "twentieth": 20,
        "thirtieth": 30,
        "fortieth": 40,
        "fiftieth": 50,
        "sixtieth": 60,
        "seventieth": 70,
        "eightieth": 80,
        "ninetieth": 90,
        "hundredth": 100,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "thousand": 1000,
        "once": 1,
        "twice": 2,
        "single": 1,
        "dozen": 12,
        "half": 2,
    },
    "ru": {
        w: i
        for i, w in enumerate(
            [
                "ноль",
                "один",
                "два",
                "три",
                "четыре",
                "пять",
                "шесть",
                "семь",
                "восемь",
                "девять",
                "десять",
                "одиннадцать",
                "двенадцать",
                "тринадцать",
                "четырнадцать",
                "пятнадцать",
                "шестнадцать",
                "семнадцать",
                "восемнадцать",
                "девятнадцать",
                "двадцать",
            ]
        )
    }
    | {
        "первый": 1,
        "второй": 2,
        "третий": 3,
        "четвертый": 4,
        "пятый": 5,
        "шестой": 6,
        "седьмой": 7,
        "восьмой": 8,
        "девятый": 9,
        "десятый": 10,
        "одиннадцатый": 11,
        "двенадцатый": 12,
        "тринадцатый": 13,
        "четырнадцатый": 14,
        "пятнадцатый": 15,
        "шестнадцатый": 16,
        "семнадцатый": 17,
        "восемнадцатый": 18,
        "девятнадцатый": 19,
        "двадцатый": 20,
        "тридцатый": 30,
        "сороковой": 40,
        "пятидесятый": 50,
        "шестидесятый": 60,
        "семидесятый": 70,
        "восьмидесятый": 80,
        "девяностый": 90,
        "сотый": 100,
        # "G-20" is «двадцатка», "the Big Four" «большая четверка»
        "двойка": 2,
        "тройка": 3,
        "четверка": 4,
        "пятерка": 5,
        "шестерка": 6,
        "семерка": 7,
        "восьмерка": 8,
        "девятка": 9,
        "десятка": 10,
        "двадцатка": 20,
        "тридцать": 30,
        "сорок": 40,
        "пятьдесят": 50,
        "шестьдесят": 60,
        "семьдесят": 70,
        "восемьдесят": 80,
        "девяносто": 90,
        "сто": 100,
        "тысяча": 1000,
        "оба": 2,
        "двое": 2,
        "трое": 3,
        "четверо": 4,
        "пятеро": 5,
        "дважды": 2,
        "трижды": 3,
        "половина": 2,
        "одиночный": 1,
        "двусторонний": 2,
        "трехсторонний": 3,
        "двухлетний": 2,
        "двухгодичный": 2,
    },
    "fr": {
        w: i
        for i, w in enumerate(
            [
                "zéro",
                "un",
                "deux",
                "trois",
                "quatre",
                "cinq",
                "six",
                "sept",
                "huit",
                "neuf",
                "dix",
                "onze",
                "douze",
                "treize",
                "quatorze",
                "quinze",
                "seize",
                "dix-sept",
                "dix-huit",
                "dix-neuf",
                "vingt",
            ]
        )
    }
    | {"une": 1, "premier": 1, "première": 1, "cent": 100},
    "es": {
        w: i
        for i, w in enumerate(
            [
                "cero",
                "uno",
                "dos",
                "tres",
                "cuatro",
                "cinco",
                "seis",
                "siete",
                "ocho",
                "nueve",
                "diez",
                "once",
                "doce",
                "trece",
                "catorce",
                "quince",
                "dieciséis",
                "diecisiete",
                "dieciocho",
                "diecinueve",
                "veinte",
            ]
        )
    }
    | {"una": 1, "primero": 1, "primera": 1, "cien": 100},
    "de": {
        w: i
        for i, w in enumerate(
            [
                "null",
                "eins",
                "zwei",
                "drei",
                "vier",
                "fünf",
                "sechs",
                "sieben",
                "acht",
                "neun",
                "zehn",
                "elf",
                "zwölf",
                "dreizehn",
                "vierzehn",
                "fünfzehn",
                "sechzehn",
                "siebzehn",
                "achtzehn",
                "neunzehn",
                "zwanzig",
            ]
        )
    }
    | {"ein": 1, "eine": 1, "erste": 1, "hundert": 100},
}


@dataclass(frozen=True)
class NumberMention:
    """One number-like mention: where it stands and every value its notation allows."""

    start: int
    end: int
    text: str
    values: frozenset[str]
    kind: str = "number"  # number | month | roman


def _canon(text: str) -> str:
    try:
        d = Decimal(text)
    except InvalidOperation:
        return text
    return format(d.normalize(), "f")


def number_values(token: str) -> frozenset[str]:
    """Every value a digit string can mean across locales: ``1,000`` is 1000 (en) or 1.0
    (ru, de); ``1 000,5`` is 1000.5; ``1.5`` and ``1,5`` are both 1.5."""
    t = token
    for ch in _SP + "'":
        t = t.replace(ch, " ")
    if " " in t:
        t = t.replace(" ", "")
        if "," in t and "." in t:
            return frozenset()
        return frozenset({_canon(t.replace(",", "."))})
    has_c, has_d = "," in t, "." in t
    if has_c and has_d:
        dec = "," if t.rfind(",") > t.rfind(".") else "."
        grp = "." if dec == "," else ","
        return frozenset({_canon(t.replace(grp, "").replace(dec, "."))})
    if not has_c and not has_d:
        return frozenset({_canon(t)})
    sep = "," if has_c else "."
    parts = t.split(sep)
    values = set()
    if all(len(p) == 3 for p in parts[1:]):
        values.add(_canon("".join(parts)))
    if len(parts) == 2:
        values.add(_canon(parts[0] + "." + parts[1]))
    return frozenset(values)


def _roman_value(text: str) -> int | None:
    if not text or not _ROMAN_VALID.match(text):
        return None
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(text):
        v = vals[ch]
        nxt = vals[text[i + 1]] if i + 1 < len(text) else 0
        total += -v if v < nxt else v
    return total


@cache
def _month_table(lang: str) -> dict[str, int]:
    base = lang.lower().split("-")[0]
    out: dict[str, int] = {}
    for stem_, n in _MONTH_STEMS.get(base, ()):
        if base == "ru":
            for end in _RU_MONTH_ENDINGS:
                out[stem_ + end] = n
        else:
            out[stem_] = n
    if base == "ru":  # the stem "ма" is too short to take endings blindly
        out = {k: v for k, v in out.items() if not (v == 5 and k.startswith("ма"))}
        out.update({"май": 5, "мая": 5, "мае": 5, "маем": 5, "маю": 5})
    return out


def _near_number(text: str, start: int, end: int) -> bool:
    """True when a number stands right next to the span (``30 January``, ``May 2014``,
    ``January 30``); "76. В сентябре" is a list number, not a date."""
    before = text[max(0, start - 6):start]
    after = text[end:end + 6]
    return bool(_NUM_BEFORE.search(before)) or bool(_NUM_AFTER.match(after))


_NUM_BEFORE = re.compile(r"\d\.?\s+$")
_NUM_AFTER = re.compile(r",?\s+\d")
#: "0900 hours": a four-digit time
_HOURS = re.compile(r"\s*hours?\b")
_FOUR_DIGITS = re.compile(r"\d{4}")
#: the word before a Roman numeral ("Part I")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")
_PM = re.compile(r"\s*p\.\s?m\.?")
_BELOW_12 = frozenset(str(v) for v in range(1, 12))


#: digits glued to a word (or to the quote or bracket closing it: a title's footnote,
#: "desirable ranges"18): a footnote marker ("года42", "Committee3") or part of a code
#: ("B31", "С3"); they may match but are never reported when unmatched
_GLUED = re.compile(r"\d(?:(?<=[^\W\d_]\d)|(?<=[^\W\d_][»\"”’)]\d))"
                    r"(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:[.,]\d+)?)(?!\d)")
#: "6:15 p.m.", "10.15 a.m." -> one time
_EN_CLOCK = re.compile(r"(\d(?<![\d.,:]\d)\d?)[.:](\d{2})\s*([ap])\.\s?m\.?", re.I)
#: "13 ч. 10 м.", "23 час. 59 мин." (the UN Russian clock) -> one mention
_RU_CLOCK = re.compile(r"(\d(?<!\d\d)\d?)\s*(?:ч|час)\.?\s*(\d{2})\s*(?:м|мин)\b\.?")
#: "September 2014.42": a year, the sentence's full stop and a footnote number
_YEAR_NOTE = re.compile(r"^((?:19|20)\d\d)\.(\d{1,3})$")
#: "20142015": two years whose dash was lost
_TWO_YEARS = re.compile(r"^((?:19|20)\d\d)((?:19|20)\d\d)$")


def _clock_values(hour: int, minute: int) -> frozenset[str]:
    """What a time may be written as on the other side: "1310" (hours), "13.10", "1.10"
    (p.m.), and the bare hour for a full hour ("10 a.m.")."""
    vals = {f"{hour}{minute:02d}", _canon(f"{hour}.{minute:02d}")}
    if hour > 12:
        vals.add(_canon(f"{hour - 12}.{minute:02d}"))
    if minute == 0:
        vals |= {str(hour), str(hour - 12) if hour > 12 else str(hour)}
    return frozenset(vals)


def _clock_mentions(text: str) -> list[NumberMention]:
    out = []
    for m in _RU_CLOCK.finditer(text):
        h, mi = int(m.group(1)), int(m.group(2))
        if h <= 24 and mi < 60:
            out.append(NumberMention(m.start(), m.end(), m.group(), _clock_values(h, mi), "time"))
    for m in _EN_CLOCK.finditer(text):
        h, mi = int(m.group(1)), int(m.group(2))
        if h <= 12 and mi < 60:
            h24 = h + 12 if m.group(3).lower() == "p" and h < 12 else h
            out.append(NumberMention(m.start(), m.end(), m.group(),
                                     _clock_values(h24, mi) | _clock_values(h, mi), "time"))
    return out


def _glued_mentions(text: str) -> list[NumberMention]:
    """Digits glued to a word: short ones are footnote markers or code parts ("kind" glued,
    never reported alone); long ones are amounts ("Euro1.5", "$A45,000") or years lost in a
    typo ("for20112012b")."""
    out = []
    for m in _GLUED.finditer(text):
        tok = m.group()
        two = _TWO_YEARS.match(tok)
        if two:
            out.append(NumberMention(m.start(), m.start() + 4, two.group(1), frozenset({two.group(1)})))
            out.append(NumberMention(m.start() + 4, m.end(), two.group(2), frozenset({two.group(2)})))
            continue
        vals = number_values(tok)
        if vals:
            amount = len(tok) > 3 and tok not in ("1000",)
            out.append(NumberMention(m.start(), m.end(), tok, vals, "number" if amount else "glued"))
    return out


def _digit_mentions(text: str) -> list[NumberMention]:
    out = _clock_mentions(text) + _glued_mentions(text)
    taken = [(x.start, x.end) for x in out]
    for m in _NUM.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        tok = m.group()
        note = _YEAR_NOTE.match(tok)
        after = text[m.end():m.end() + 2]
        if note and (not after.strip() or (after[:1] == " " and after[1:2].isupper())):
            out.append(NumberMention(m.start(), m.start() + 4, note.group(1),
                                     frozenset({note.group(1)})))
            continue
        two = _TWO_YEARS.match(tok)
        if two:
            out.append(NumberMention(m.start(), m.start() + 4, two.group(1), frozenset({two.group(1)})))
            out.append(NumberMention(m.start() + 4, m.end(), two.group(2), frozenset({two.group(2)})))
            continue
        vals = number_values(tok)
        if _FOUR_DIGITS.fullmatch(tok) and _HOURS.match(text, m.end()):
            h, mi = int(tok[:2]), int(tok[2:])
            if h <= 24 and mi < 60:
                vals = vals | _clock_values(h, mi)
        if vals:
            out.append(NumberMention(m.start(), m.end(), tok, vals))
    return out


_HAS_DIGIT = re.compile(r"\d")


@cache
def _month_pattern(lang: str) -> re.Pattern[str]:
    """One regex for every month name of ``lang`` and English (scanning words one by one
    was most of the numbers rule's time)."""
    names = sorted(_months(lang), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)", re.I)


@cache
def _months(lang: str) -> dict[str, int]:
    """Month names of ``lang`` and English -> month number, built once per language."""
    return _month_table(lang) | _month_table("en")


@cache
def _month_hint(lang: str) -> re.Pattern[str]:
    """The month names as plain substrings, for a search of the lower-cased text that says
    whether :func:`_month_pattern` can find anything: a case-insensitive alternation with
    word boundaries is tried at every position (a third of the numbers rule's time), this
    one only where a name's first letter stands. A word the full pattern takes is only kept
    when its lower case is a listed name, which the lower-cased text then holds."""
    names = sorted(_months(lang), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def extract_numbers(text: str, lang: str) -> list[NumberMention]:
    """Digit numbers, Roman numerals and month names (next to a number) in ``text``."""
    digits = _HAS_DIGIT.search(text) is not None
    out: list[NumberMention] = _digit_mentions(text) if digits else []
    for m in _ROMAN.finditer(text):
        tok = m.group()
        value = _roman_value(tok)
        if value is None:
            continue
        if tok in ("C", "L"):
            continue  # "Annex C": a letter
        if (len(tok) == 1 and tok != "V" and tok != "X") or "C" in tok or "L" in tok:
            # "I" is a pronoun in English, "C"/"L" initials, "CC"/"CV" abbreviations: count
            # them only after a head word
            prev = _WORD_BEFORE.search(text[max(0, m.start() - 40): m.start()])
            heads = (
                "part",
                "annex",
                "chapter",
                "section",
                "title",
                "volume",
                "phase",
                "article",
                "schedule",
                "category",
                "class",
                "level",
                "stage",
                "tome",
                "partie",
                "часть",
                "статья",
                "статьи",
                "статье",
                "статью",
                "части",
                "приложение",
                "приложения",
                "приложении",
                "глава",
                "главе",
                "главы",
                "раздел",
                "раздела",
                "разделе",
                "том",
                "тома",
                "этап",
                "этапа",
                "категория",
                "категории",
                "anexo",
                "capítulo",
                "teil",
                "anhang",
            )
            if prev is None or prev.group(1).lower() not in heads:
                continue
        out.append(NumberMention(m.start(), m.end(), tok, frozenset({str(value)}), "roman"))
    if digits and _month_hint(lang).search(text.lower()):  # a month counts only next to a number
        months = _months(lang)
        for m in _month_pattern(lang).finditer(text):
            w = m.group().lower()
            n = months.get(w)
            if n is None:
                continue
            if w == "may" and not m.group()[0].isupper():
                continue
            if not _near_number(text, m.start(), m.end()):
                continue
            out.append(NumberMention(m.start(), m.end(), m.group(), frozenset({f"month:{n}"}), "month"))
    out.sort(key=lambda x: x.start)
    return out


def number_words(text: str, lang: str) -> list[int | Decimal]:
    """Values of spelled-out numbers (``two``, ``двух``, "one hundred and eleven", «двух с
    половиной», "five decades") that may replace digits."""
    base = lang.lower().split("-")[0]
    table = _NUMBER_WORDS.get(base)
    if not table:
        return []
    lemma = None
    if base == "ru":
        from parley.glossary.morph import get_lemmatizer

        lemma = get_lemmatizer("ru")
    found: list[int | Decimal] = []
    run: list[int] = []  # the cardinal words of the number being read
    end = 0
    for m in _WORD.finditer(text):
        w = m.group().lower().replace("ё", "е")
        if run and w == "and" and run[-1] >= 100:  # "one hundred and eleven", "two thousand and five"
            continue
        keys = {w} | (set(lemma.lemmas(w)) if lemma is not None else set())
        value = next((table[k] for k in sorted(keys) if k in table), None)
        cardinal = value is not None and not keys & _NOT_CARDINAL
        if run and not (cardinal and _RUN_GAP.fullmatch(text[end:m.start()])):
            found += _run_values(run, text[end:], base)
            run = []
        if value is None:
            value = _compound_value(w, table, base)
        if value is None:
            continue
        found.append(value)
        if cardinal:
            run.append(value)
            end = m.end()
    if run:
        found += _run_values(run, text[end:], base)
    return found


#: what may stand between two words of one spelled number: "twenty-two", "one hundred and
#: eleven", «сто одиннадцать»
_RUN_GAP = re.compile(r"[\s\u00a0-]*(?:and[\s\u00a0]+)?")
#: number words that count but do not build a bigger number ("twice", "half" = 2 parts)
_NOT_CARDINAL = frozenset({"once", "twice", "single", "dozen", "half", "дважды", "трижды",
                           "половина", "одиночный", "трое", "четверо", "пятеро"})
_HALF_AFTER = {"en": re.compile(r"\s+and\s+a\s+half\b", re.I),
               "ru": re.compile(r"\s+с\s+половиной\b", re.I)}
_DECADES_AFTER = {"en": re.compile(r"\s+decades?\b", re.I),
                  "ru": re.compile(r"\s+десятилети", re.I)}


def _composed(run: list[int]) -> int | None:
    """One number from its words in order: 1 100 11 is 111, 60 9 is 69, 2 1000 is 2000; None
    where the words make no one number ("two three")."""
    total = cur = 0
    last = 10**9  # the last word added: each one must be smaller ("sixty nine", not "nine sixty")
    for v in run:
        if v == 100:
            cur, last = max(cur, 1) * 100, 100
        elif v >= 1000:
            total, cur, last = total + max(cur, 1) * v, 0, v
        elif v >= last or (last < 100 and v >= 10):
            return None
        else:
            cur, last = cur + v, v
    return total + cur


def _run_values(run: list[int], after: str, lang: str) -> list[int | Decimal]:
    """The values a run of number words adds beyond its single words: the whole number,
    and what a following "and a half" / «с половиной» or "decades" makes of it."""
    n = _composed(run)
    if n is None:
        return []
    out: list[int | Decimal] = [n] if len(run) > 1 else []
    half, decades = _HALF_AFTER.get(lang), _DECADES_AFTER.get(lang)
    if half is not None and half.match(after):
        out.append(Decimal(n) + Decimal("0.5"))
    if decades is not None and decades.match(after):
        out.append(n * 10)
    return out


def _compound_value(w: str, table: dict[str, int], lang: str) -> int | None:
    """A number inside a compound word: "двухлетний", "трехсторонний", "десятилетней"."""
    value = next((table[p] for p in w.split("-") if p in table), None)
    if value is None and lang == "ru":
        value = next((n for pre, n in _RU_PREFIXES if w.startswith(pre)
                      and w[len(pre):len(pre) + 3] in _RU_COMPOUND_HEADS), None)
    return value


#: Russian compound adjectives that hold a number: "десятилетний", "пятисторонний"
_RU_PREFIXES = (("двадцати", 20), ("тридцати", 30), ("пятидесяти", 50), ("десяти", 10),
                ("двух", 2), ("трех", 3), ("четырех", 4), ("пяти", 5), ("шести", 6), ("семи", 7),
                ("восьми", 8), ("девяти", 9), ("ста", 100))
_RU_COMPOUND_HEADS = frozenset({"лет", "сто", "мес", "дне", "год", "кра", "эта", "ярус", "ден",
                                "нед", "час", "про", "мил"})


@dataclass(frozen=True)
class NumberDiff:
    """Mentions on one side with no counterpart on the other."""

    missing: tuple[NumberMention, ...]  # in the source, not in the target
    extra: tuple[NumberMention, ...]  # in the target, not in the source

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra


def _pair(a: Sequence[NumberMention], b: Sequence[NumberMention]) -> tuple[list[int], list[int]]:
    """Greedy matching of mentions by overlapping value sets; returns unmatched indices."""
    used = [False] * len(b)
    left: list[int] = []
    # exact single-value mentions first, so ambiguous ones do not steal their partners
    order = sorted(range(len(a)), key=lambda i: len(a[i].values))
    for i in order:
        best = None
        for j, mb in enumerate(b):
            if (not used[j] and a[i].values & mb.values
                    and (best is None or len(mb.values) < len(b[best].values))):
                best = j
        if best is None:
            left.append(i)
        else:
            used[best] = True
    return sorted(left), [j for j, u in enumerate(used) if not u]


_ENUM = re.compile(r"^\s*(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]|\d{1,3}\s*[.)]?\s*$)", re.I)


def _enumerator_end(text: str) -> int:
    """End of a leading list number ("12.", "(b)", "ii)"), 0 when there is none."""
    m = _ENUM.match(text)
    return m.end() if m else 0


def _lead(text: str) -> str:
    m = re.match(r"\s*\(?(\d{1,3})", text)
    return m.group(1) if m else ""


def compare_numbers(source: str, target: str, src_lang: str, tgt_lang: str) -> NumberDiff:
    """What differs between the numbers of a source and its translation.

    Unmatched numbers are forgiven when the other side spells them out (``two`` / ``2``) or,
    for a Roman numeral or month, when the other side writes the same value another way.
    A leading list number on one side only ("12. ...") is numbering the other side keeps
    outside the segment, not a translation error; ``00`` minutes ("10 ч. 00 м.") for
    "10 a.m." and 12-hour times are forgiven too.
    """
    ea, eb = _enumerator_end(source), _enumerator_end(target)
    a = extract_numbers(source, src_lang)
    b = extract_numbers(target, tgt_lang)
    if bool(ea) != bool(eb) and _lead(source) != _lead(target):  # "201." / "201 Ни"
        a = [m for m in a if m.start >= ea]
        b = [m for m in b if m.start >= eb]
    a, b = _clock(a, source), _clock(b, target)
    miss_i, extra_j = _pair(a, b)
    if not miss_i and not extra_j:
        return NumberDiff((), ())
    tgt_words = number_words(target, tgt_lang) if miss_i else []
    src_words = number_words(source, src_lang) if extra_j else []
    missing = [a[i] for i in miss_i]
    extra = [b[j] for j in extra_j]
    missing = [m for m in _forgive(missing, tgt_words) if m.kind != "glued"]
    extra = [m for m in _forgive(extra, src_words) if m.kind != "glued"]
    missing, extra = _joined(missing, extra)
    extra, missing = _joined(extra, missing)
    missing = _repeats(missing, b, target, tgt_lang)
    extra = _repeats(extra, a, source, src_lang)
    missing, extra = _localised(missing, extra, source, target)
    return NumberDiff(tuple(missing), tuple(extra))


#: a page reference: each language version of a UN document cites its own pages
_PAGE_BEFORE = re.compile(r"(?:\b(?:pp?|pages?|стр|с)\.?|\bpages?)\s*(?:\d+\s*[-–—]+\s*)?$", re.I)
#: a decade spelled out («шестидесятых годов» for "1960s")
_DECADE_WORD = re.compile(r"(?:десят|двадцат|тридцат|сороков|пятидесят|шестидесят|семидесят|"
                          r"восьмидесят|девяност)ых", re.I)
#: a number followed by a scale word: "5819 тыс." is 5,819,000
_SCALE = re.compile(r"\s*(тыс|млн|млрд|thousand|million|billion)\b", re.I)
_SCALES = {"тыс": 1_000, "thousand": 1_000, "млн": 1_000_000, "million": 1_000_000,
           "млрд": 1_000_000_000, "billion": 1_000_000_000}
#: Cyrillic letters that look like single-letter Roman numerals («Миссия Х»)
_ROMAN_LOOKALIKE = {"X": "XХ", "I": "IІ", "V": "V"}


def _page(m: NumberMention, text: str) -> bool:
    return bool(_PAGE_BEFORE.search(text[max(0, m.start - 12):m.start]))


def _scaled(m: NumberMention, text: str) -> frozenset[str]:
    """The values of ``m`` times the scale word after it ("5819 тыс." -> 5819000)."""
    got = _SCALE.match(text, m.end)
    if not got:
        return m.values
    mult = _SCALES[got.group(1).lower()]
    out = set(m.values)
    for v in m.values:
        try:
            x = float(v) * mult
        except ValueError:
            continue
        if x == int(x):
            out.add(str(int(x)))
    return frozenset(out)


def _localised(missing: list[NumberMention], extra: list[NumberMention], source: str,
               target: str) -> tuple[list[NumberMention], list[NumberMention]]:
    """Differences that are the target language's way of writing, not errors: page numbers
    when both sides cite pages (each language version has its own), a decade spelled out,
    amounts with a scale word ("$5,819,000" / «5819 тыс. долл.»), a one-letter Roman
    numeral written with its Cyrillic look-alike («Миссия Х»)."""
    if any(_page(m, source) for m in missing) and any(_page(m, target) for m in extra):
        missing = [m for m in missing if not _page(m, source)]
        extra = [m for m in extra if not _page(m, target)]
    if _DECADE_WORD.search(target):
        missing = [m for m in missing if not re.match(r"s\b|’s|'s", source[m.end:m.end + 2])]
    scaled = [(m, _scaled(m, target)) for m in extra]
    keep_missing = []
    for m in missing:
        hit = next((k for k, (_, vals) in enumerate(scaled) if vals & m.values), None)
        if hit is not None:
            scaled.pop(hit)
            continue
        if m.kind == "roman" and len(m.text) == 1 and re.search(
                r"(?<!\w)[" + _ROMAN_LOOKALIKE.get(m.text, m.text) + r"](?!\w)", target):
            continue
        keep_missing.append(m)
    return keep_missing, [m for m, _ in scaled]


def _joined(mentions: list[NumberMention], others: list[NumberMention],
            ) -> tuple[list[NumberMention], list[NumberMention]]:
    """A number whose separator was lost on one side ("Articles 4653" for «статьи 46 - 53»,
    "aged 1564" for «15−64 лет») is the two numbers of the other side written together: all
    three are dropped."""
    pairs = {a.text + b.text: (a, b) for a, b in itertools.pairwise(others)}
    keep: list[NumberMention] = []
    drop: set[int] = set()
    for m in mentions:
        pair = pairs.get(m.text)
        if pair is None:
            keep.append(m)
        else:
            drop.update(id(x) for x in pair)
    return keep, [o for o in others if id(o) not in drop]


def _repeats(mentions: list[NumberMention], other: list[NumberMention], text: str,
             lang: str) -> list[NumberMention]:
    """A value the other side does have, only fewer times ("Habitat III" three times, the
    title's year repeated in a gloss), and a month the other side names without a digit
    beside it («седьмого и восьмого июля»): repetition, not a wrong number."""
    if not mentions:
        return []
    have = set().union(*(o.values for o in other)) if other else set()
    months = {f"month:{n}" for w, n in _month_table(lang).items()
              if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text.lower())}
    return [m for m in mentions if not (m.values & have) and not (m.values & months)]


def _clock(mentions: list[NumberMention], text: str) -> list[NumberMention]:
    """``1 p.m.`` may be ``13 ч.``; a bare ``00`` (minutes) carries no information."""
    out = []
    for m in mentions:
        if m.text == "00":
            continue
        if m.values <= _BELOW_12 and _PM.match(text, m.end):
            m = NumberMention(m.start, m.end, m.text,
                              m.values | {str(int(v) + 12) for v in m.values}, m.kind)
        out.append(m)
    return out


def _forgive(mentions: list[NumberMention], words: list[int | Decimal]) -> list[NumberMention]:
    pool = [str(w) for w in words]
    out = []
    for m in mentions:
        hit = next((v for v in pool if v in m.values), None)
        if hit is not None:
            pool.remove(hit)
        else:
            out.append(m)
    return out
