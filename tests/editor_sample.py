"""A small alignment to edit, written the way ``parley run`` writes it: NAME.tmx plus
NAME.unaligned.tsv (the 1-0 / 0-1 beads), unit ids numbering beads in document order."""

from __future__ import annotations

from pathlib import Path

from parley.align.model import Bitext, TranslationUnit
from parley.exports.tmx import write_tmx

#: (source sentences, target sentences, confidence): bead 3 is a wrong 1-1 split across two
#: beads, bead 5 holds an untranslated sentence, bead 7 a wrong number, bead 8 is 1-0.
BEADS: list[tuple[list[str], list[str], float]] = [
    (["The General Assembly opened its session."], ["Генеральная Ассамблея открыла сессию."], 0.97),
    (["The Secretary-General spoke first.", "He welcomed the delegations."],
     ["Первым выступил Генеральный секретарь и приветствовал делегации."], 0.81),
    (["The report was adopted."], ["Доклад был принят.", "Голосования не было."], 0.42),
    (["There was no vote."], ["Совет собрался в полдень."], 0.30),
    (["The Council met at noon."], ["The Council met at noon."], 0.99),
    (["Member States agreed."], ["Государства-члены согласились."], 0.93),
    (["The budget is 250 million dollars."], ["Бюджет составляет 205 миллионов долларов."], 0.90),
    (["This sentence was deleted in translation."], [], 0.0),
    (["The meeting rose at 6 p.m."], ["Заседание закрылось в 18:00."], 0.88),
]


def sample_bitext() -> Bitext:
    units = []
    for k, (src, tgt, conf) in enumerate(BEADS):
        units.append(TranslationUnit(
            " ".join(src), " ".join(tgt), id=str(k + 1), confidence=conf,
            bead=f"{len(src)}-{len(tgt)}", document="speech", paragraph=k // 3))
    return Bitext("en", "ru", tuple(units), "speech")


def write_sample(folder: Path, name: str = "speech") -> Path:
    """Write NAME.tmx and NAME.unaligned.tsv into ``folder``; returns the TMX path."""
    folder.mkdir(parents=True, exist_ok=True)
    tmx = folder / f"{name}.tmx"
    write_tmx(tmx, sample_bitext(), unaligned_path=folder / f"{name}.unaligned.tsv")
    return tmx
