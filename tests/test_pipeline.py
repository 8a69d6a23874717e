"""Generic `parley run` machinery: pairs files, parallel runs with isolated failures, summary."""

from __future__ import annotations

import functools
import json
import math
import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parley.align.errors import FormatError, InputError, ParleyError, UsageError
from parley.pipeline import (
    Pair,
    PairResult,
    build_summary,
    confidence_histogram,
    default_name,
    read_pairs_file,
    run_pairs,
    timed,
    write_summary,
)

# --- workers: module level so that they pickle into worker processes ------------------------


def ok_worker(pair: Pair) -> PairResult:
    return PairResult(pair.name, True, outputs={"tmx": pair.src.with_suffix(".tmx")},
                      counts={"units": len(pair.name), "pid": os.getpid()},
                      timings={"align": 0.5})


def picky_worker(pair: Pair, *, sleep: float = 0.0) -> PairResult:
    time.sleep(sleep)
    if pair.name == "bad":
        raise InputError("file is empty", pair.src, "check the export")
    if pair.name == "boom":
        raise ValueError("unexpected")
    if pair.name == "exit":
        raise SystemExit(2)
    if pair.name == "crash":
        os._exit(3)  # the process dies: no exception to catch
    return ok_worker(pair)


def wrong_type_worker(pair: Pair) -> PairResult:
    return "done"  # type: ignore[return-value]


def _pairs(*names: str) -> list[Pair]:
    return [Pair(Path(f"/data/{n}.en.txt"), Path(f"/data/{n}.ru.txt"), n) for n in names]


# --- run_pairs --------------------------------------------------------------------------------


def test_results_in_input_order_across_processes() -> None:
    names = [f"p{i}" for i in range(6)]
    seen: list[str] = []
    res = run_pairs(_pairs(*names), ok_worker, jobs=2, progress=lambda r: seen.append(r.name))
    assert [r.name for r in res] == names and all(r.ok for r in res)
    assert sorted(seen) == sorted(names)
    assert os.getpid() not in {r.counts["pid"] for r in res}  # really ran elsewhere
    assert res[0].outputs == {"tmx": Path("/data/p0.en.tmx")}


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_failure_does_not_stop_the_others(jobs: int) -> None:
    worker = functools.partial(picky_worker, sleep=0.0)
    res = run_pairs(_pairs("a", "bad", "b", "boom", "c", "exit"), worker, jobs=jobs)
    assert [r.name for r in res] == ["a", "bad", "b", "boom", "c", "exit"]
    assert [r.ok for r in res] == [True, False, True, False, True, False]
    assert res[5].error == "SystemExit: 2"
    assert res[1].error == "/data/bad.en.txt: file is empty (check the export)"
    assert res[3].error == "ValueError: unexpected"
    assert res[1].outputs == {} and "total" in res[1].timings


def test_a_dying_process_only_fails_its_own_pair() -> None:
    res = run_pairs(_pairs("a", "crash", "b", "c"), functools.partial(picky_worker, sleep=0.2),
                    jobs=2)
    assert [r.ok for r in res] == [True, False, True, True]
    assert res[1].error is not None and "died" in res[1].error


def test_worker_contract_violations_are_reported() -> None:
    res = run_pairs(_pairs("a"), wrong_type_worker, jobs=1)
    assert res[0].ok is False and res[0].error == "worker returned str, not PairResult"
    # a lambda cannot be pickled into another process: reported per pair, not raised
    res = run_pairs(_pairs("a", "b"), lambda p: ok_worker(p), jobs=2)
    assert [r.ok for r in res] == [False, False] and res[0].error


def test_jobs_argument() -> None:
    assert run_pairs([], ok_worker) == []
    assert len(run_pairs(_pairs("a"), ok_worker, jobs=0)) == 1  # 0 = all cores
    with pytest.raises(UsageError):
        run_pairs(_pairs("a"), ok_worker, jobs=-1)


def test_timed_accumulates_even_on_error() -> None:
    t: dict[str, float] = {}
    with timed(t, "align"):
        time.sleep(0.01)
    with pytest.raises(ValueError), timed(t, "align"):
        raise ValueError
    assert t["align"] >= 0.01


# --- pairs file -------------------------------------------------------------------------------


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "texts").mkdir()
    for name in ("talk.en.txt", "talk.ru.txt", "note.en.txt", "note.ru.txt", "solo.en.txt"):
        (tmp_path / "texts" / name).write_text("x", encoding="utf-8")
    return tmp_path


def test_read_pairs_file(docs: Path) -> None:
    pf = docs / "pairs.tsv"
    pf.write_text(
        "src\ttgt\tname\n# a comment\n\n"
        "texts/talk.en.txt\ttexts/talk.ru.txt\n"
        f"{docs / 'texts/note.en.txt'}\ttexts/note.ru.txt\tmy-note\n"
        "texts/solo.en.txt\n"
        "texts/talk.en.txt\ttexts/talk.ru.txt\r\n",
        encoding="utf-8",
    )
    pairs = read_pairs_file(pf)
    assert [p.name for p in pairs] == ["talk", "my-note", "solo", "talk-2"]
    assert pairs[0].src == docs / "texts/talk.en.txt" and pairs[0].tgt == docs / "texts/talk.ru.txt"
    assert pairs[2].tgt is None and pairs[2].line == 6
    assert pairs[1].src.is_absolute()


@pytest.mark.parametrize(
    ("content", "error", "fragment"),
    [
        ("# c\ntexts/talk.en.txt texts/talk.ru.txt\n", InputError, "separate the columns with a TAB"),
        ("a\tb\tc\td\n", FormatError, "line 1: 4 columns"),
        ("\ttexts/talk.ru.txt\n", FormatError, "line 1: the source column is empty"),
        ("texts/talk.en.txt\ttexts/talk.en.txt\n", FormatError, "same file"),
        ("texts/talk.en.txt\ttexts/talk.ru.txt\tx\ntexts/note.en.txt\ttexts/note.ru.txt\tx\n",
         FormatError, "line 2: name 'x' already used on line 1"),
        ("texts/talk.en.txt\ttexts/talk.ru.txt\t../evil\n", FormatError, "not usable as a file name"),
        ("# only comments\n\n", InputError, "lists no pairs"),
    ],
)
def test_bad_pairs_files_name_the_line(docs: Path, content: str, error: type[ParleyError],
                                       fragment: str) -> None:
    pf = docs / "pairs.tsv"
    pf.write_text(content, encoding="utf-8")
    with pytest.raises(error) as exc:
        read_pairs_file(pf)
    assert fragment in str(exc.value)
    assert str(exc.value).startswith(str(pf))


def test_pairs_file_missing_or_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="pairs file not found"):
        read_pairs_file(tmp_path / "nope.tsv")
    bad = tmp_path / "latin.tsv"
    bad.write_bytes("caf\xe9.txt\tb.txt\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_pairs_file(bad)


def test_default_name() -> None:
    lavrov = default_name(Path("lavrov-2018-02-07.en.txt"), Path("lavrov-2018-02-07.ru.txt"))
    assert lavrov == "lavrov-2018-02-07"
    assert default_name(Path("speech.en.txt"), None) == "speech"
    assert default_name(Path("a b.txt"), Path("z.txt")) == "a_b"


# --- summary ----------------------------------------------------------------------------------


def test_confidence_histogram() -> None:
    h = confidence_histogram([0.0, 0.05, 0.1, 0.29, 0.3, 0.99, 1.0, 1.2, -1, None, math.nan], bins=10)
    assert h["edges"][:4] == [0.0, 0.1, 0.2, 0.3] and h["edges"][-1] == 1.0
    assert h["counts"] == [3, 1, 1, 1, 0, 0, 0, 0, 0, 3]
    assert h["total"] == 9 and h["missing"] == 2 and h["min"] == 0.0 and h["max"] == 1.0
    assert confidence_histogram([], bins=4) == {"edges": [0.0, 0.25, 0.5, 0.75, 1.0],
                                                "counts": [0, 0, 0, 0], "total": 0, "missing": 0}
    with pytest.raises(ValueError):
        confidence_histogram([0.5], bins=0)


@given(st.lists(st.one_of(st.none(), st.floats(allow_nan=True))), st.integers(1, 50))
def test_histogram_counts_every_value_once(values: list[float | None], bins: int) -> None:
    h = confidence_histogram(values, bins)
    assert sum(h["counts"]) + h["missing"] == len(values)
    assert len(h["counts"]) == bins and len(h["edges"]) == bins + 1


def test_write_summary(tmp_path: Path) -> None:
    results = run_pairs(_pairs("a", "bad"), picky_worker, jobs=1)
    data = build_summary(results, options={"src_lang": "en", "out": tmp_path},
                         confidences=[0.2, 0.9, None], timings={"merge": 0.1})
    data["counts"]["nan"] = math.nan
    out = tmp_path / "run" / "summary.json"
    written = write_summary(out, data)
    loaded = json.loads(out.read_text(encoding="utf-8"))
    assert loaded == json.loads(json.dumps(written, default=str)) | {"counts": loaded["counts"]}
    assert loaded["pairs"] == {"total": 2, "ok": 1, "failed": 1}
    assert loaded["counts"]["units"] == 1 and loaded["counts"]["nan"] is None
    assert loaded["confidence"]["counts"][2] == 1 and loaded["confidence"]["missing"] == 1
    assert loaded["timings"] == {"align": 0.5, "total": results[1].timings["total"], "merge": 0.1}
    assert loaded["results"][1]["error"].endswith("file is empty (check the export)")
    assert loaded["results"][0]["outputs"] == {"tmx": "/data/a.en.tmx"}
    assert loaded["options"]["out"] == str(tmp_path)
    assert loaded["versions"]["parley"] == loaded["parley"] and loaded["versions"]["python"]
    assert "argostranslate" in loaded["versions"]
