"""The library API: ``import parley`` stays light, every re-exported name resolves, and the
README's library examples run and print what the README says (and what ``parley run`` counts)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import parley
from parley.job import PairCounts, RunOptions, RunSummary, run_job

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def test_import_parley_loads_nothing_heavy() -> None:
    """``parley/__init__.py`` is imported by every parley module and every worker process."""
    code = "import sys, parley; print(sorted(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(eval(out.stdout))
    heavy = {"typer", "rich", "polars", "lxml", "numpy", "sacrebleu", "parley.job",
             "parley.align.aligner", "parley.exports.registry", "parley.glossary.qa"}
    assert not heavy & loaded, heavy & loaded
    assert out.stderr == ""


def test_every_export_resolves_and_is_listed() -> None:
    assert set(parley.__all__) == {"DIST_NAME", "__version__", *parley._EXPORTS}
    for name in parley._EXPORTS:
        assert getattr(parley, name) is not None, name
    assert "run_pair" in dir(parley)
    with pytest.raises(AttributeError):
        parley.no_such_thing  # noqa: B018


def test_unknown_run_option_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(parley.ParleyError, match="unknown run option"):
        parley.run_pair(ROOT / "seeds" / "lavrov-2018-02-07.en.txt", src_lang="en", tgt_lang="ru",
                        output=tmp_path, mt_engine="argos")


def test_summary_confidence_is_exact_over_pairs() -> None:
    """The run's confidence comes from the pairs' real values, not from histogram bins."""
    def counts(confs: tuple[float, ...]) -> PairCounts:
        return PairCounts(1, 1, len(confs), 0, 0, 0, {"1-1": len(confs)}, 0, 0, 0,
                          confidences=confs)

    from parley.pipeline import PairResult

    results = (PairResult("a", True, counts=counts((0.99, 0.98))),
               PairResult("b", True, counts=counts((0.91,))), PairResult.failed("c", "boom"))
    data = RunSummary(results, RunOptions("en", "ru", Path("out"))).to_dict()
    assert data["confidence"]["mean"] == round((0.99 + 0.98 + 0.91) / 3, 4)
    assert data["confidence"]["total"] == 3
    assert data["results"][0]["counts"]["bead_1-1"] == 2
    assert data["counts"]["units"] == 3 and data["pairs"]["failed"] == 1
    json.dumps(data)  # JSON as it stands


def _library_section() -> list[tuple[str, str]]:
    """(python block, the ```text block printed after it) pairs of README's "As a library"."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## As a library"):text.index("### Layout")]
    return re.findall(r"```python\n(.*?)```\s*prints\s*```text\n(.*?)```", section, re.S)


def test_readme_library_examples_print_what_the_readme_says(
        seed_run: tuple[Path, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    blocks = _library_section()
    assert len(blocks) == 2
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    for code, shown in blocks:
        run_scope: dict = {}
        exec(compile(code, str(README), "exec"), run_scope)  # our own README
        assert capsys.readouterr().out == shown
        scope = scope or run_scope
    # the same counts as the CLI's summary.json for the same pair and options
    _, cli = seed_run
    assert scope["report"].counts.to_dict() == cli["results"][0]["counts"]
    assert (tmp_path / "out" / "summary.json").is_file()


def test_run_job_returns_the_summary_it_writes(tmp_path: Path) -> None:
    from parley.pipeline import Pair

    src = tmp_path / "a.en.txt"
    tgt = tmp_path / "a.ru.txt"
    src.write_text("The Security Council met today. Sanctions were discussed.\n", encoding="utf-8")
    tgt.write_text("Совет Безопасности провел сегодня заседание. Обсуждались санкции.\n",
                   encoding="utf-8")
    summary = run_job([Pair(src, tgt, "a")], RunOptions("en", "ru", tmp_path / "o", mt="none"))
    on_disk = json.loads((tmp_path / "o" / "summary.json").read_text(encoding="utf-8"))
    assert summary.ok == 1 and summary.results[0].counts is not None
    assert on_disk["results"][0]["counts"] == summary.results[0].counts.to_dict()
    assert on_disk["confidence"]["mean"] == summary.results[0].counts.mean_confidence
