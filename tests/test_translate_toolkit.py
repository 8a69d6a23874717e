"""Cross-check with an independent implementation: translate-toolkit reads parley's TMX and
XLIFF with the same units and text (and parley reads what translate-toolkit writes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.align.model import Bitext, TranslationUnit
from parley.exports.registry import read_bitext, write_bitext

tmx_mod = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit is a dev dependency")
xliff_mod = pytest.importorskip("translate.storage.xliff", reason="translate-toolkit is a dev dependency")

UNITS = (
    TranslationUnit("Mr Lavrov: “Peace & security”.", "Г-н Лавров: «Мир и безопасность».", bead="1-1",
                    confidence=0.97, document="speech.txt", paragraph=2),
    TranslationUnit("Line one\nline two\twith tab <b>.", "Строка один\nстрока два\tс табуляцией <b>.",
                    origin="mt", mt_model="argos"),
    TranslationUnit("Emoji 🕊 and CJK 和平 and RTL سلام.", "Эмодзи 🕊, CJK 和平, RTL سلام."),
    TranslationUnit("Control\x0bchars\x00 removed.", "Управляющие\ufffe символы удалены."),
    TranslationUnit("Source only.", ""),
)


def _expected() -> list[tuple[str, str]]:
    return [(u.source.replace("\x0b", "").replace("\x00", ""), u.target.replace("\ufffe", ""))
            for u in UNITS if u.target]


def test_translate_toolkit_reads_parley_tmx(tmp_path: Path) -> None:
    out = tmp_path / "a.tmx"
    write_bitext(out, Bitext("en", "ru", UNITS), region=True)
    store = tmx_mod.tmxfile.parsefile(str(out))
    assert [(u.source, u.target) for u in store.units] == _expected()
    assert store.getsourcelanguage() == "en-US"
    langs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
             for u in store.units for tuv in u.xmlelement.iter("tuv")}
    assert langs == {"en-US", "ru-RU"}


def test_translate_toolkit_reads_parley_xliff(tmp_path: Path) -> None:
    out = tmp_path / "a.xlf"
    write_bitext(out, Bitext("en", "ru", UNITS))
    store = xliff_mod.xlifffile.parsefile(str(out))
    assert [(u.source, u.target) for u in store.units] == _expected()
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "ru")
    # MT output is marked for review; human units count as translated
    u = xliff_mod.xliffunit
    assert [x.get_state_n() for x in store.units] == [
        u.S_TRANSLATED, u.S_NEEDS_REVIEW, u.S_TRANSLATED, u.S_TRANSLATED]


def test_parley_reads_translate_toolkit_tmx(tmp_path: Path) -> None:
    store = tmx_mod.tmxfile(sourcelanguage="en", targetlanguage="ru")
    for s, t in _expected():
        store.addtranslation(s, "en", t, "ru")
    out = tmp_path / "tt.tmx"
    store.savefile(str(out))
    b = read_bitext(out)
    assert (b.src_lang, b.tgt_lang) == ("en", "ru")
    assert [(u.source, u.target) for u in b] == _expected()
