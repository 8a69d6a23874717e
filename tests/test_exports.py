"""Contract tests every bitext format must pass (parametrised over the whole registry).

XML formats (TMX, XLIFF) remove XML-illegal characters and trim segments, and do not write
units with an empty side; tabular formats (TSV, CSV, Parquet) keep every record and remove only
lone surrogates. Everything removed is counted in the WriteReport.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.align.errors import OutputError, UsageError
from parley.align.model import Bitext, TranslationUnit
from parley.exports.registry import FORMATS, format_for, read_bitext, write_bitext

EXT = {"tmx": ".tmx", "xliff": ".xlf", "tsv": ".tsv", "csv": ".csv", "parquet": ".parquet"}
XML_FORMATS = {"tmx", "xliff"}
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
SURROGATE = re.compile("[\ud800-\udfff]")

format_for("x.tsv")  # load the registry
ALL = sorted(FORMATS)

# arbitrary Unicode, with the characters that break naive writers made frequent
_char = st.one_of(
    st.characters(),
    st.sampled_from(["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800", "\udfff",
                     "\t", "\n", "\r", " ", "\u00a0", "\u2028", "&", "<", ">", "\\", '"', ",", "⟦", "⟧"]),
)
text = st.text(_char, max_size=40)
word = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=12)
units = st.builds(
    TranslationUnit,
    source=text,
    target=text,
    id=st.none() | word,
    confidence=st.none() | st.floats(0, 1),
    bead=st.none() | st.sampled_from(["1-1", "2-1", "1-2", "1-0", "0-1"]),
    origin=st.sampled_from(["human", "mt"]),
    mt_model=st.none() | word,
    document=st.none() | word.map(lambda w: w + ".txt"),
    paragraph=st.none() | st.integers(0, 10_000),
    note=st.none() | text,
    props=st.dictionaries(word.map(lambda w: "x-k" + w), text, max_size=3),
)


def expected(u: TranslationUnit, fmt: str) -> tuple[TranslationUnit | None, int]:
    """What a reader must give back for ``u``, and how many characters the writer removes."""
    if fmt in XML_FORMATS:
        src, tgt = ILLEGAL.sub("", u.source).strip(), ILLEGAL.sub("", u.target).strip()
        if not src or not tgt:
            return None, 0
        removed = sum(len(ILLEGAL.findall(x or "")) for x in (u.source, u.target, u.note))
        removed += sum(len(ILLEGAL.findall(v)) for v in u.props.values())
        conf = None if u.confidence is None else float(f"{u.confidence:.4f}")
        note = ILLEGAL.sub("", u.note) if u.note else None
        props = {k: ILLEGAL.sub("", v) for k, v in u.props.items()}
        return TranslationUnit(src, tgt, u.id, conf, u.bead, u.origin, u.mt_model, u.document,
                               u.paragraph, note or None, props), removed
    removed = sum(len(SURROGATE.findall(x or "")) for x in (u.source, u.target, u.note))
    removed += sum(len(SURROGATE.findall(v)) for v in u.props.values())
    note = SURROGATE.sub("", u.note) if u.note else None
    return TranslationUnit(
        SURROGATE.sub("", u.source), SURROGATE.sub("", u.target), u.id, u.confidence, u.bead,
        u.origin, u.mt_model, u.document, u.paragraph, note or None,
        {k: SURROGATE.sub("", v) for k, v in u.props.items()},
    ), removed


def _comparable(u: TranslationUnit, with_id: bool) -> tuple[object, ...]:
    return (u.source, u.target, u.id if with_id else None, u.confidence, u.bead, u.origin,
            u.mt_model, u.document, u.paragraph, u.note, dict(u.props))


@pytest.mark.parametrize("fmt", ALL)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(us=st.lists(units, max_size=8))
def test_round_trip_arbitrary_unicode(fmt: str, us: list[TranslationUnit], tmp_path: Path) -> None:
    path = tmp_path / f"rt{EXT[fmt]}"
    report = write_bitext(path, Bitext("en", "ru", tuple(us), "rt"), fmt)
    want = [expected(u, fmt) for u in us]
    kept = [w for w, _ in want if w is not None]
    assert report.written == len(kept)
    assert report.skipped_empty_side == len(us) - len(kept)
    assert report.illegal_chars_removed == sum(n for _, n in want)
    back = read_bitext(path, fmt)
    if us or fmt in XML_FORMATS:  # a tabular file without rows has nowhere to keep them
        assert (back.src_lang, back.tgt_lang) == ("en", "ru")
    got = [_comparable(u, w.id is not None) for u, w in zip(back.units, kept, strict=True)]
    assert got == [_comparable(w, w.id is not None) for w in kept]


@pytest.mark.parametrize("fmt", ALL)
def test_every_removed_character_is_counted(fmt: str, tmp_path: Path) -> None:
    u = TranslationUnit("a\x00b\ud800c", "d\uffffe\x1f")
    report = write_bitext(tmp_path / f"c{EXT[fmt]}", Bitext("en", "ru", (u,)), fmt)
    assert report.illegal_chars_removed == (4 if fmt in XML_FORMATS else 1)


@pytest.mark.parametrize("fmt", ALL)
def test_empty_side_units_reported_and_side_file(fmt: str, tmp_path: Path) -> None:
    us = (TranslationUnit("one", "один"), TranslationUnit("only source", "", bead="1-0"),
          TranslationUnit("", "только цель", bead="0-1"))
    side = tmp_path / "unaligned.tsv"
    report = write_bitext(tmp_path / f"e{EXT[fmt]}", Bitext("en", "ru", us), fmt, unaligned_path=side)
    if fmt in XML_FORMATS:
        assert (report.written, report.skipped_empty_side, report.side_file) == (1, 2, side)
        rows = read_bitext(side).units
        assert [(u.source, u.target, u.bead) for u in rows] == [
            ("only source", "", "1-0"), ("", "только цель", "0-1")]
    else:
        assert (report.written, report.skipped_empty_side) == (3, 0)
        assert len(read_bitext(tmp_path / f"e{EXT[fmt]}").units) == 3


@pytest.mark.parametrize("fmt", ALL)
def test_never_overwrites_input(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"in{EXT[fmt]}"
    write_bitext(path, Bitext("en", "ru", (TranslationUnit("a", "б"),)), fmt)
    before = path.read_bytes()
    with pytest.raises(OutputError):
        write_bitext(path, Bitext("en", "ru", (TranslationUnit("x", "y"),)), fmt, protect=[path])
    assert path.read_bytes() == before


def test_unknown_extension_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\.tmx"):
        format_for(tmp_path / "a.doc")


def test_tsv_reads_the_seed_gold(seeds: Path) -> None:
    b = read_bitext(seeds / "lavrov-2018-02-07.en-ru.gold.tsv")
    assert (b.src_lang, b.tgt_lang) == ("en", "ru")
    assert len(b.units) > 50
