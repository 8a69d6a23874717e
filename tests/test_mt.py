"""Offline MT end to end on a tiny real argos package (random weights: checks plumbing, not quality)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

pytest.importorskip("argostranslate", reason="needs the optional extra: pip install 'parley-tm[mt]'")
pytest.importorskip("ctranslate2")

from tinymodel import build_package

from parley.align.errors import ModelError
from parley.cli import app

pytestmark = pytest.mark.mt
runner = CliRunner()
SRC = Path(__file__).resolve().parent.parent / "seeds" / "lavrov-2018-02-07.en.txt"


def _one_line_error(res: object, code: int) -> str:
    assert res.exit_code == code, (res.stdout, res.stderr)  # type: ignore[attr-defined]
    err: str = res.stderr  # type: ignore[attr-defined]
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def _segments() -> list[tuple[int, str]]:
    from parley.align.reader import read_document
    from parley.align.segment import segment_document

    doc = read_document(SRC, lang="en")
    return [(s.paragraph, s.norm) for s in segment_document(doc, "en")]


def test_models_install_list_remove(pkgdir: Path, tiny_en_ru: Path) -> None:
    res = runner.invoke(app, ["models", "install", str(tiny_en_ru)])
    assert res.exit_code == 0, res.stderr
    assert "translate-en_ru" in res.stdout
    assert (pkgdir / "translate-en_ru-tiny" / "metadata.json").exists()
    res = runner.invoke(app, ["models", "list", "--json"])
    assert res.exit_code == 0, res.stderr
    import json

    (m,) = json.loads(res.stdout)
    assert (m["from"], m["to"], m["version"], m["tokenizer"]) == ("en", "ru", "0.1", "sentencepiece")
    assert m["size_bytes"] > 0
    res = runner.invoke(app, ["models", "remove", "en-ru"])
    assert res.exit_code == 0, res.stderr
    assert not (pkgdir / "translate-en_ru-tiny").exists()
    assert json.loads(runner.invoke(app, ["models", "list", "--json"]).stdout) == []
    _one_line_error(runner.invoke(app, ["models", "remove", "en-ru"]), 6)


def test_install_rejects_non_package(pkgdir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "x.argosmodel"
    bad.write_text("not a zip", encoding="utf-8")
    err = _one_line_error(runner.invoke(app, ["models", "install", str(bad)]), 4)
    assert "zip" in err
    _one_line_error(runner.invoke(app, ["models", "install", str(tmp_path / "none.argosmodel")]), 3)


def test_install_from_index_offline_is_one_clear_line(pkgdir: Path) -> None:
    err = _one_line_error(runner.invoke(app, ["models", "install", "-s", "en", "-t", "ru"]), 6)
    assert "offline" in err and "parley models install FILE.argosmodel" in err


def test_translate_text_keeps_paragraphs_one_line_per_sentence(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.ru.txt"
    res = runner.invoke(app, ["translate", str(SRC), "-s", "en", "-t", "ru", "-o", str(out),
                              "--one-per-line"])
    assert res.exit_code == 0, res.stderr
    segs = _segments()
    paras = out.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    want = [sum(1 for p, _ in segs if p == k) for k in sorted({p for p, _ in segs})]
    assert [len(p.split("\n")) for p in paras] == want
    assert all(line.strip() for p in paras for line in p.split("\n"))
    assert not list(tmp_path.glob(".*.part"))


def test_translate_running_text_and_bitext(installed: Path, tmp_path: Path) -> None:
    out, tsv = tmp_path / "draft.txt", tmp_path / "draft.tsv"
    res = runner.invoke(app, ["translate", str(SRC), "-s", "en", "-t", "ru", "-o", str(out),
                              "--tmx", str(tsv)])
    assert res.exit_code == 0, res.stderr
    segs = _segments()
    assert out.read_text(encoding="utf-8").count("\n\n") == len({p for p, _ in segs}) - 1
    from parley.exports.registry import read_bitext

    bt = read_bitext(tsv, src_lang="en", tgt_lang="ru")
    assert [u.source for u in bt.units] == [s for _, s in segs]
    assert all(u.origin == "mt" and u.target for u in bt.units)


def test_bitext_units_name_the_model(installed: Path) -> None:
    from parley.align.translate import translate_document

    result = translate_document(SRC, "en", "ru")
    bt = result.bitext()
    assert len(bt) == len(_segments())
    u = bt.units[0]
    assert (u.origin, u.mt_model, u.props["x-mt-engine"]) == ("mt", "translate-en_ru 0.1", "ctranslate2")


def test_fallback_engine_matches_direct_engine(installed: Path) -> None:
    # argostranslate's own translate() imports stanza (and torch): only the full extra has it,
    # make dev installs the lean MT runtime (see the Makefile); make dev MT=full runs this.
    pytest.importorskip("stanza", reason="argostranslate's translator needs: make dev MT=full")
    from parley.align.translate import translate_sentences

    sents = [s for _, s in _segments()][:40]
    direct = translate_sentences(sents, "en", "ru", engine="ctranslate2")
    fallback = translate_sentences(sents, "en", "ru", engine="argos")
    assert len(direct) == len(fallback) == len(sents)
    assert direct == fallback


def test_layout_without_sentencepiece_falls_back(pkgdir: Path, tmp_path: Path) -> None:
    from parley.align.models import install_from_path
    from parley.align.translate import get_translator

    install_from_path(build_package(tmp_path / "bpe.argosmodel", "en", "de", tokenizer="bpe"))
    try:
        import stanza  # noqa: F401  (only the full MT extra has argostranslate's translator)
    except ImportError:
        with pytest.raises(ModelError, match="only argostranslate's own translator"):
            get_translator("en", "de")
        return
    assert get_translator("en", "de").name == "argos"


def test_pivot_through_english(installed: Path, tmp_path: Path) -> None:
    from parley.align.models import install_from_path

    install_from_path(build_package(tmp_path / "de_en.argosmodel", "de", "en", seed=1))
    src = tmp_path / "de.txt"
    src.write_text("Guten Tag. Wie geht es?\n\nDanke.\n", encoding="utf-8")
    res = runner.invoke(app, ["translate", str(src), "-s", "de", "-t", "ru", "--one-per-line"])
    assert res.exit_code == 0, res.stderr
    assert "pivoting through en" in res.stderr
    assert [len(p.split("\n")) for p in res.stdout.rstrip("\n").split("\n\n")] == [2, 1]


def test_no_model_for_pair(installed: Path) -> None:
    err = _one_line_error(runner.invoke(app, ["translate", str(SRC), "-s", "en", "-t", "fr"]), 6)
    assert "no model installed for en→fr" in err


def test_ctrl_c_leaves_no_output(installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parley.align import translate

    def boom(self: object, sentences: object, progress: object = None) -> list[str]:
        raise KeyboardInterrupt

    monkeypatch.setattr(translate.CT2Translator, "translate", boom)
    out = tmp_path / "out"
    out.mkdir()
    res = runner.invoke(app, ["translate", str(SRC), "-s", "en", "-t", "ru",
                              "-o", str(out / "d.txt"), "--tmx", str(out / "d.tsv")])
    assert res.exit_code == 130
    assert list(out.iterdir()) == []


def test_without_the_extra_says_how_to_install(pkgdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for mod in [m for m in sys.modules if m.startswith("argostranslate")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setitem(sys.modules, "argostranslate", None)  # import fails like a missing extra
    res = runner.invoke(app, ["translate", str(SRC), "-s", "en", "-t", "ru"])
    err = _one_line_error(res, 6)
    assert "pip install 'parley-tm[mt]'" in err
    assert runner.invoke(app, ["segment", str(SRC), "--lang", "en"]).exit_code == 0


def test_score_tmx_translates_sources_with_installed_model(installed: Path, tmp_path: Path) -> None:
    from parley.align.model import Bitext, TranslationUnit
    from parley.exports.registry import write_bitext

    units = tuple(TranslationUnit(s, f"перевод {i}") for i, (_, s) in enumerate(_segments()[:20]))
    tsv = tmp_path / "memory.tsv"
    write_bitext(tsv, Bitext("en", "ru", units))
    res = runner.invoke(app, ["score", "--tmx", str(tsv), "--mt-model", "argos", "--json",
                              "-s", "en", "-t", "ru"])
    assert res.exit_code == 0, res.stderr
    import json

    data = json.loads(res.stdout)
    assert data["segments"] == 20 and set(data["scores"]) == {"bleu", "chrf", "ter"}


def test_core_imports_without_argos() -> None:
    """Importing the CLI and the MT modules must not import argostranslate (heavy, optional)."""
    import subprocess

    code = ("import sys, parley.cli, parley.align.translate, parley.align.models, parley.align.score; "
            "sys.exit(1 if any(m.startswith(('argostranslate', 'ctranslate2', 'torch')) "
            "for m in sys.modules) else 0)")
    env = dict(os.environ)
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 0


def test_output_never_overwrites_input(installed: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("One. Two.\n", encoding="utf-8")
    for opt in ("-o", "--tmx"):
        res = runner.invoke(app, ["translate", str(src), "-s", "en", "-t", "ru", opt, str(src)])
        _one_line_error(res, 8)
    assert src.read_text(encoding="utf-8") == "One. Two.\n"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="abc xyz.,!АБВ\t", max_size=30), max_size=12))
def test_one_output_per_input_sentence(installed: Path, sentences: list[str]) -> None:
    from parley.align.translate import translate_sentences

    got = translate_sentences(sentences, "en", "ru", batch_size=3)
    assert len(got) == len(sentences)
    assert all(bool(g) or not s.strip() for g, s in zip(got, sentences, strict=True))
