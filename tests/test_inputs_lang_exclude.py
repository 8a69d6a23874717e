"""Issue 14's leftovers: glossary extract and check identify the language of each side like run
and align do; ``--exclude`` (QA names, statuses, rule ids) on ``parley convert`` as on run, with
what is left out written and reported; rich tables never reinterpret text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.align.errors import UsageError
from parley.align.model import Bitext, TranslationUnit
from parley.cli import app
from parley.exports.qa_status import QA_RULES, QA_STATUS, parse_exclude, select
from parley.exports.registry import read_bitext, write_bitext

runner = CliRunner()
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOLD = SEEDS / "lavrov-2018-02-07.en-ru.gold.tsv"


@pytest.fixture(scope="module")
def swapped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed gold with its columns swapped but still headed en<TAB>ru: a mislabelled file."""
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    body = ["\t".join(reversed(ln.split("\t")[:2])) for ln in lines[1:]]
    p = tmp_path_factory.mktemp("lang") / "swapped.tsv"
    p.write_text("\n".join(["en\tru", *body]) + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("cmd", [["glossary", "extract"], ["check"]], ids=["extract", "check"])
def test_mislabelled_bitext_is_refused_in_one_line(cmd: list[str], swapped: Path) -> None:
    res = runner.invoke(app, [*cmd, str(swapped)])
    assert res.exit_code == 5, res.stderr
    assert res.stderr.count("\n") == 1 and "looks like Russian" in res.stderr
    assert "--force-lang" in res.stderr and "swapped.tsv" in res.stderr


@pytest.mark.parametrize("cmd", [["glossary", "extract"], ["check"]], ids=["extract", "check"])
def test_force_lang_proceeds(cmd: list[str], swapped: Path) -> None:
    res = runner.invoke(app, [*cmd, str(swapped), "--force-lang", "--json"])
    assert res.exit_code == 0, res.stderr


def test_given_language_that_does_not_fit_the_target_side() -> None:
    res = runner.invoke(app, ["check", str(GOLD), "-s", "en", "-t", "fr"])
    assert res.exit_code == 5 and "not fr as given" in res.stderr and "-t ru" in res.stderr


def test_right_languages_pass() -> None:
    res = runner.invoke(app, ["glossary", "extract", str(GOLD), "--json", "-n", "5"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["src_lang"] == "en"


def test_two_texts_swapped_name_the_right_file(tmp_path: Path) -> None:
    en, ru = SEEDS / "lavrov-2018-02-07.en.txt", SEEDS / "lavrov-2018-02-07.ru.txt"
    res = runner.invoke(app, ["check", str(ru), str(en), "-s", "en", "-t", "ru"])
    assert res.exit_code == 5 and res.stderr.startswith(f"parley: error: {ru}:"), res.stderr


# --- --exclude ---------------------------------------------------------------------------


def _unit(i: int, status: str, rules: str = "", target: str | None = None) -> TranslationUnit:
    props = {QA_STATUS: status, **({QA_RULES: rules} if rules else {})}
    return TranslationUnit(f"The Council met on {i} May.", target or f"Совет собрался {i} мая.",
                           props=props)


@pytest.fixture
def qa_tmx(tmp_path: Path) -> Path:
    units = (_unit(1, "passed"), _unit(2, "error", "numbers"), _unit(3, "warning", "end-punct"),
             _unit(4, "untranslated", "untranslated", target="The Council met on 4 May."),
             _unit(5, "info", "key-term"), _unit(6, "passed"))
    p = tmp_path / "run.tmx"
    write_bitext(p, Bitext("en", "ru", units))
    return p


def _sources(path: Path) -> list[str]:
    return [u.source for u in read_bitext(path, src_lang="en", tgt_lang="ru").units]


@pytest.mark.parametrize("dst", ["out.tmx", "out.xlf", "out.tsv"])
def test_convert_exclude_leaves_out_and_reports(qa_tmx: Path, tmp_path: Path, dst: str) -> None:
    out = tmp_path / dst
    res = runner.invoke(app, ["convert", str(qa_tmx), str(out), "--exclude", "flagged",
                              "--exclude", "warning", "--exclude", "terms", "--json"])
    assert res.exit_code == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["written"] == 2 and _sources(out) == [_unit(1, "").source, _unit(6, "").source]
    assert report["left_out"] == {"flagged": 1, "status=warning": 1, "untranslated": 1,
                                  "rule=key-term": 1}
    side = Path(report["left_out_file"])
    assert side == tmp_path / f"{dst}.left-out.tsv"
    left = read_bitext(side)
    assert len(left) == 4 and sorted(u.note or "" for u in left.units) == sorted(report["left_out"])


def test_convert_keeps_everything_else_by_default(qa_tmx: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.tmx"
    res = runner.invoke(app, ["convert", str(qa_tmx), str(out), "--json"])
    report = json.loads(res.stdout)
    assert report["written"] == 5 and report["left_out"] == {"untranslated": 1}
    res = runner.invoke(app, ["convert", str(qa_tmx), str(tmp_path / "all2.tmx"), "--json",
                              "--include-untranslated"])
    report = json.loads(res.stdout)
    assert report["written"] == 6 and report["left_out"] == {} and report["left_out_file"] is None
    assert not (tmp_path / "all2.tmx.left-out.tsv").exists()


def test_convert_exclude_unknown_value_is_a_usage_error(qa_tmx: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["convert", str(qa_tmx), str(tmp_path / "o.tmx"), "--exclude", "nmbers"])
    assert res.exit_code == 2 and "unknown value 'nmbers'" in res.stderr
    assert not (tmp_path / "o.tmx").exists()


def test_parse_exclude_tokens() -> None:
    assert parse_exclude(["flagged", "warning,numbers", "consistency"]) == (
        "flagged", "status:warning", "rule:numbers", "rule:inconsistent-target",
        "rule:inconsistent-source")
    with pytest.raises(UsageError):
        parse_exclude(["everything"])


def test_run_exclude_takes_rule_ids_too() -> None:
    bt = Bitext("en", "ru", (_unit(1, "error", "numbers"), _unit(2, "info", "key-term")))
    sel = select(bt, ["key-term"])
    assert [u.source for u in sel.kept.units] == [_unit(1, "").source]
    assert sel.counts() == {"rule=key-term": 1}


def test_tables_show_text_as_it_is(tmp_path: Path) -> None:
    """rich read ``[bold]`` as markup and ``:warning:`` as an emoji in table cells."""
    tm = tmp_path / "tm.tsv"
    tm.write_text("en\tru\n[bold]Peace[/bold] :warning: now.\tМир сейчас.\n", encoding="utf-8")
    res = runner.invoke(app, ["glossary", "lookup", "peace", "--tm", str(tm)])
    assert res.exit_code == 0, res.stderr
    assert "[bold]Peace[/bold] :warning: now." in res.stdout


# --- streamed conversion to XLIFF and Parquet (issue 12: flat memory) -----------------------


def _units(n: int) -> list[TranslationUnit]:
    return [TranslationUnit(f"Sentence {i}.", f"Предложение {i}.", id=str(i + 1),
                            props={"x-k": str(i)} if i % 2 else {}) for i in range(n)]


@pytest.mark.parametrize("n", [0, 2, 3, 7])
def test_parquet_write_units_in_parts_keeps_order_and_every_unit(tmp_path: Path, n: int) -> None:
    from parley.exports.parquet import write_units

    out = tmp_path / "u.parquet"
    report = write_units(out, iter(_units(n)), "en", "ru", chunk_rows=3)
    back = read_bitext(out)
    assert report.written == n == len(back)
    assert [(u.source, u.target, dict(u.props)) for u in back.units] == \
        [(u.source, u.target, dict(u.props)) for u in _units(n)]
    assert not list(tmp_path.glob(".*part*"))


@pytest.mark.parametrize("dst", ["big.xlf", "big.parquet", "big.tmx"])
def test_tsv_converts_as_a_stream(tmp_path: Path, dst: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole-file TSV reader is never called: units flow from ``iter_tsv`` to the writer."""
    from parley.exports import registry

    src = tmp_path / "big.tsv"
    write_bitext(src, Bitext("en", "ru", tuple(_units(50))))

    def whole_file(*_a: object, **_k: object) -> None:
        raise AssertionError("read the whole TSV into memory")

    monkeypatch.setitem(registry.FORMATS, "tsv", (whole_file, *registry.FORMATS["tsv"][1:]))
    res = runner.invoke(app, ["convert", str(src), str(tmp_path / dst), "--json"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["written"] == 50
    monkeypatch.undo()
    assert len(read_bitext(tmp_path / dst, src_lang="en", tgt_lang="ru")) == 50
