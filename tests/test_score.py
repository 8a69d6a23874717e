"""``parley score``: numbers equal sacrebleu's own CLI; reports and errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from parley.align.score import score_lines, tokenizer_for
from parley.cli import app

runner = CliRunner()
GOLD = Path(__file__).resolve().parent.parent / "seeds" / "lavrov-2018-02-07.en-ru.gold.tsv"


def _files(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A reference (Russian gold column), a degraded hypothesis and a second reference."""
    rows = [ln.split("\t") for ln in GOLD.read_text(encoding="utf-8").splitlines()[1:]]
    ref = [r[1] for r in rows if len(r) > 1 and 0 < len(r[1].split()) < 30][:40]
    # every third line loses half its words (the weakest); the others get a spelling slip
    hyp = [" ".join(s.split()[: len(s.split()) // 2]) if i % 3 == 0 else s.replace("и", "й", 2)
           for i, s in enumerate(ref)]
    ref2 = [s.lower() for s in ref]
    paths = []
    for name, lines in (("ref.ru", ref), ("hyp.ru", hyp), ("ref2.ru", ref2)):
        p = tmp_path / name
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(p)
    return paths[0], paths[1], paths[2]


def _sacrebleu_cli(hyp: Path, *refs: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "sacrebleu", *map(str, refs), "-i", str(hyp), "-m", "bleu", "chrf",
         "ter", "-w", "4", "-f", "json"],
        capture_output=True, text=True, check=True,
    ).stdout
    return {r["name"].lower().rstrip("2"): float(r["score"]) for r in json.loads(out)}


@pytest.mark.parametrize("nrefs", [1, 2])
def test_equals_sacrebleu_cli(tmp_path: Path, nrefs: int) -> None:
    ref, hyp, ref2 = _files(tmp_path)
    refs = [ref, ref2][:nrefs]
    res = runner.invoke(app, ["score", str(hyp), *map(str, refs), "--json"])
    assert res.exit_code == 0, res.stderr
    ours = {k: round(v["score"], 4) for k, v in json.loads(res.stdout)["scores"].items()}
    assert ours == _sacrebleu_cli(hyp, *refs)
    assert 0 < ours["bleu"] < 100


def test_table_with_signature_and_weakest_segments(tmp_path: Path) -> None:
    ref, hyp, _ = _files(tmp_path)
    res = runner.invoke(app, ["score", str(hyp), str(ref), "--segments", "--top", "3", "--json",
                              "-m", "bleu,chrf"])
    data = json.loads(res.stdout)
    assert data["scores"]["bleu"]["signature"].startswith("nrefs:1|case:mixed|eff:no|tok:13a")
    chrfs = [w["chrf"] for w in data["weakest"]]
    assert len(chrfs) == 3 and chrfs == sorted(chrfs)
    assert all(w["line"] % 3 == 1 for w in data["weakest"])  # the halved lines
    res = runner.invoke(app, ["score", str(hyp), str(ref), "-m", "chrf", "--segments"])
    assert res.exit_code == 0 and "chrF" in res.stdout and "Weakest" in res.stdout


def test_line_count_mismatch_is_one_line(tmp_path: Path) -> None:
    ref, hyp, _ = _files(tmp_path)
    short = tmp_path / "short.ru"
    short.write_text("один\n", encoding="utf-8")
    res = runner.invoke(app, ["score", str(hyp), str(short)])
    assert res.exit_code == 3 and res.stderr.count("\n") == 1 and "line-aligned" in res.stderr
    res = runner.invoke(app, ["score", str(hyp), str(ref), "-m", "bleu,meteor"])
    assert res.exit_code == 2 and "meteor" in res.stderr
    assert runner.invoke(app, ["score", str(hyp)]).exit_code == 2


def test_tokeniser_follows_target_language() -> None:
    assert tokenizer_for("zh-Hans") == "zh"
    assert tokenizer_for("ja") in ("ja-mecab", "char")
    assert tokenizer_for("ru") == tokenizer_for(None) == "13a"
    rep = score_lines(["我们今天去北京"], [["我们明天去北京"]], tgt_lang="zh", weakest=0)
    assert rep.tokenize == "zh" and "tok:zh" in rep.scores[0].signature
    assert rep.scores[0].score > 0  # whitespace-tokenised BLEU would be 0 here


def test_mt_units_in_bitext_are_paired_with_human_units() -> None:
    from parley.align.model import Bitext, TranslationUnit
    from parley.align.score import mt_vs_human

    units = (
        TranslationUnit("Hello.", "Привет."),
        TranslationUnit("Bye.", "Пока."),
        TranslationUnit("Hello.", "Здравствуйте.", origin="mt", mt_model="translate-en_ru 1.9"),
        TranslationUnit("Bye.", "До свидания.", origin="mt", mt_model="other 1.0"),
    )
    hyps, refs, _ = mt_vs_human(Bitext("en", "ru", units), "translate-en_ru")
    assert (hyps, refs) == (["Здравствуйте."], ["Привет."])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet="абвгд ежз.,", min_size=1, max_size=40).filter(str.strip),
                min_size=1, max_size=8))
def test_identity_scores_perfect(lines: list[str]) -> None:
    lines = [" ".join(s.split()) for s in lines]
    rep = score_lines(lines, [lines], weakest=len(lines))
    got = {s.metric: s.score for s in rep.scores}
    assert got["chrf"] == pytest.approx(100.0) and got["ter"] == 0.0
    assert all(w.chrf == pytest.approx(100.0) for w in rep.weakest)
