"""parley corpus: manifests, bad pairs, resume, and equality of every run with the reference
single-process run (unit for unit), on a local cluster, an existing scheduler, and with a
worker or the driver killed."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl
import pytest
from corpus_data import seed_pairs, write_pairs_file
from typer.testing import CliRunner

from parley.cli import app
from parley.corpus.cluster import InlineExecutor
from parley.corpus.manifest import read_manifest
from parley.corpus.model import CorpusOptions
from parley.corpus.runner import run_corpus
from parley.corpus.store import STATE_DIR, UNITS_DIR

runner = CliRunner()


def corpus_files(folder: Path) -> list[tuple[Path, Path, str]]:
    """Six small en-ru pairs cut from the seed speech (its gold alignment)."""
    from conftest import SEEDS

    return seed_pairs(SEEDS / "lavrov-2018-02-07.en-ru.gold.tsv", folder, docs=6, size=20)


def inline_run(manifest: Path, out: Path) -> dict:
    return run_corpus(read_manifest(manifest), CorpusOptions("en", "ru", out), InlineExecutor())


def units(out: Path) -> pl.DataFrame:
    return pl.read_parquet(out / UNITS_DIR / "*.parquet").sort("document", "unit")


def tmx_body(out: Path) -> str:
    text = (out / "corpus.tmx").read_text("utf-8")
    return re.sub(r'creationdate="[^"]*"', "", text)


def assert_same_outputs(out: Path, ref: Path) -> None:
    """Unit for unit, nothing duplicated; same TMX, glossary and corpus QA."""
    got, want = units(out), units(ref)
    assert got.equals(want)
    assert got.select("document", "unit").is_duplicated().sum() == 0
    assert tmx_body(out) == tmx_body(ref)
    for name in ("corpus.glossary.tsv", "corpus.qa.json", "corpus.unaligned.tsv"):
        assert (out / name).read_text("utf-8") == (ref / name).read_text("utf-8"), name


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(pairs file, output of the reference run in this process)."""
    root = tmp_path_factory.mktemp("corpus")
    manifest = write_pairs_file(corpus_files(root / "docs"), root / "pairs.tsv")
    ref = root / "ref"
    summary = inline_run(manifest, ref)
    assert summary["pairs"] == {"total": 6, "done": 6, "skipped": 0, "failed": 0}
    return manifest, ref


def test_reference_run_outputs(corpus: tuple[Path, Path]) -> None:
    manifest, ref = corpus
    df = units(ref)
    assert set(df.columns) >= {"document", "unit", "source", "target", "confidence", "bead",
                               "status", "qa"}
    assert df["document"].n_unique() == 6
    summary = json.loads((ref / "summary.json").read_text("utf-8"))
    # no sentence lost: every source sentence is in some unit's source
    assert summary["counts"]["units"] == int((df["status"] == "aligned").sum())
    docs = manifest.read_text("utf-8").splitlines()
    en = Path(docs[0].split("\t")[0]).read_text("utf-8")
    first = df.filter(pl.col("document") == docs[0].split("\t")[2])
    assert " ".join(first["source"].to_list()).split() == en.split()
    assert (ref / "corpus.tmx").read_text("utf-8").count("<tu ") == summary["counts"]["units"]
    assert summary["outputs"]["glossary"]["entries"] > 10
    assert all(r["status"] == "done" and r["timings"]["total"] > 0 for r in summary["results"])


def test_corpus_glossary_equals_extraction_over_concatenated_pairs(corpus: tuple[Path, Path]) -> None:
    """The reduce gives the glossary one machine extracts from all pairs concatenated."""
    from parley.align.aligner import align_segments, beads_to_bitext
    from parley.align.model import Bitext
    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document
    from parley.exports.glossary_io import write_glossary
    from parley.glossary.extract import extract_terms
    from parley.glossary.termbase import load_starter_termbase

    manifest, ref = corpus
    links = []
    for line in manifest.read_text("utf-8").splitlines():
        s, t, name = line.split("\t")
        src = segment_document(read_document(Path(s), "en"), "en", get_segmenter("en"))
        tgt = segment_document(read_document(Path(t), "ru"), "ru", get_segmenter("ru"))
        bt = beads_to_bitext(align_segments(src, tgt, src_lang="en", tgt_lang="ru"), src, tgt,
                             "en", "ru", document=name)
        links.extend(u for u in bt.units if u.source and u.target)
    gl = extract_terms(Bitext("en", "ru", tuple(links), "all"), src_lang="en", tgt_lang="ru",
                       termbase=load_starter_termbase(), max_terms=500)
    write_glossary(ref.parent / "concat.tsv", gl, "omegat", src_lang="en", tgt_lang="ru")
    assert (ref.parent / "concat.tsv").read_text("utf-8") == \
        (ref / "corpus.glossary.tsv").read_text("utf-8")


def test_corpus_glossary_is_reduced_from_per_pair_statistics(corpus: tuple[Path, Path],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The term seam is live: each pair's worker left its term statistics, and the reduce ranks
    their sum without extracting from the concatenated corpus again."""
    import parley.glossary.extract as extract
    from parley.corpus.store import stats_path
    from parley.corpus.terms import corpus_glossary, stats_api

    _manifest, ref = corpus
    assert stats_api() is not None
    parts = sorted(p.name for p in (ref / UNITS_DIR).glob("*.parquet"))
    assert len(parts) == 6 and all(stats_path(ref, p).stat().st_size > 0 for p in parts)

    def no_extraction(*_a: object, **_k: object) -> None:
        raise AssertionError("the reduce extracted from the concatenation")

    monkeypatch.setattr(extract, "extract_terms", no_extraction)
    monkeypatch.setattr("parley.glossary.stats.gather_stats", no_extraction)
    glossary = corpus_glossary(ref, parts, CorpusOptions("en", "ru", ref))
    assert len(glossary) == json.loads((ref / "summary.json").read_text("utf-8"))[
        "outputs"]["glossary"]["entries"]


def test_resume_skips_finished_pairs_and_redoes_missing(corpus: tuple[Path, Path],
                                                        tmp_path: Path) -> None:
    manifest, ref = corpus
    out = tmp_path / "out"
    shutil.copytree(ref, out)
    # a pair whose part is gone, and one never recorded (driver killed before its record)
    names = [line.split("\t")[2] for line in manifest.read_text("utf-8").splitlines()]
    for p in (out / UNITS_DIR).glob(f"{names[1]}.*.parquet"):
        p.unlink()
    (out / STATE_DIR / "done" / f"{names[4]}.json").unlink()
    (out / UNITS_DIR / ".left-by-a-killed-worker.parquet.part").write_text("x")
    summary = inline_run(manifest, out)
    assert summary["pairs"] == {"total": 6, "done": 2, "skipped": 4, "failed": 0}
    assert {r["name"] for r in summary["results"] if r["status"] == "done"} == {names[1], names[4]}
    assert_same_outputs(out, ref)
    assert len(list((out / UNITS_DIR).iterdir())) == 6


def test_changed_input_redoes_that_pair_and_drops_its_stale_part(corpus: tuple[Path, Path],
                                                                 tmp_path: Path) -> None:
    manifest, ref = corpus
    lines = manifest.read_text("utf-8").splitlines()
    s, t, name = lines[0].split("\t")
    docs = tmp_path / "docs"
    docs.mkdir()
    new_t = docs / Path(t).name
    new_t.write_text(Path(t).read_text("utf-8") + "\nЕщё одно предложение в конце.\n", "utf-8")
    changed = write_pairs_file([(Path(s), new_t, name)] + [
        (Path(a), Path(b), n) for a, b, n in (ln.split("\t") for ln in lines[1:])],
        tmp_path / "pairs.tsv")
    out = tmp_path / "out"
    shutil.copytree(ref, out)
    summary = inline_run(changed, out)
    assert summary["pairs"]["done"] == 1 and summary["pairs"]["skipped"] == 5
    assert summary["stale_parts_removed"] >= 1  # its part (and term statistics, if any)
    assert len(list((out / UNITS_DIR).glob("*.parquet"))) == 6
    df = units(out)
    assert df.filter(pl.col("document") == name)["target"].str.contains("Ещё одно").any()
    assert df.select("document", "unit").is_duplicated().sum() == 0


def test_bad_pairs_are_reported_and_the_others_go_on(corpus: tuple[Path, Path],
                                                     tmp_path: Path) -> None:
    manifest, _ref = corpus
    good = manifest.read_text("utf-8").splitlines()[0].split("\t")
    (tmp_path / "empty.ru.txt").write_text("  \n", "utf-8")
    (tmp_path / "binary.ru.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    pairs = write_pairs_file([
        (Path(good[0]), Path(good[1]), "good"),
        (Path(good[0]), tmp_path / "empty.ru.txt", "empty"),
        (Path(good[0]), tmp_path / "binary.ru.txt", "binary"),
        (Path(good[1]), Path(good[0]), "swapped"),  # Russian where English should be
    ], tmp_path / "pairs.tsv")
    out = tmp_path / "out"
    summary = inline_run(pairs, out)
    status = {r["name"]: (r["status"], r["error"]) for r in summary["results"]}
    assert status["good"] == ("done", None)
    assert "empty" in status["empty"][1]
    assert status["binary"][0] == "failed"
    assert "not in the expected language en" in status["swapped"][1]
    assert summary["pairs"]["failed"] == 3
    assert units(out)["document"].unique().to_list() == ["good"]
    # failures are not recorded as finished: a rerun tries them again
    again = inline_run(pairs, out)
    assert again["pairs"] == {"total": 4, "done": 0, "skipped": 1, "failed": 3}


def test_manifest_forms_give_the_same_pairs(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    manifest, _ref = corpus
    rows = [ln.split("\t") for ln in manifest.read_text("utf-8").splitlines()]
    want = [(Path(s), Path(t), n) for s, t, n in rows]
    df = pl.DataFrame({"src": [r[0] for r in rows], "tgt": [r[1] for r in rows],
                       "name": [r[2] for r in rows]})
    df.write_csv(tmp_path / "m.csv")
    df.write_parquet(tmp_path / "m.parquet")
    for path in (manifest, tmp_path / "m.csv", tmp_path / "m.parquet"):
        got = [(p.src, p.tgt, p.name) for p in read_manifest(path).pairs]
        assert got == want, path
    # two folders, files paired by name with their language tags
    en, ru = tmp_path / "en", tmp_path / "ru"
    en.mkdir()
    ru.mkdir()
    for s, t, _n in want:
        shutil.copy(s, en / s.name)
        shutil.copy(t, ru / t.name)
    (en / "orphan.en.txt").write_text("Alone.\n", "utf-8")
    m = read_manifest(en, ru, src_lang="en", tgt_lang="ru")
    assert sorted(p.name for p in m.pairs) == sorted(n for _s, _t, n in want)
    assert all(p.src.parent == en and p.tgt is not None and p.tgt.parent == ru for p in m.pairs)
    assert [p.name for p in m.unmatched] == ["orphan.en.txt"]


def test_manifest_errors_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("source,target\na,b\n", "utf-8")
    r = runner.invoke(app, ["corpus", str(tmp_path / "m.csv"), "-o", str(tmp_path / "o")])
    assert r.exit_code == 4
    assert "needs columns src and tgt" in r.output
    r = runner.invoke(app, ["corpus", str(tmp_path / "nope.tsv"), "-o", str(tmp_path / "o")])
    assert r.exit_code == 3 and "Traceback" not in r.output


def test_cli_local_cluster_of_two_processes_equals_reference(corpus: tuple[Path, Path],
                                                             tmp_path: Path) -> None:
    manifest, ref = corpus
    out = tmp_path / "out"
    r = runner.invoke(app, ["corpus", str(manifest), "-o", str(out), "-s", "en", "-t", "ru",
                            "--workers", "2", "--mt", "none", "--json"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout[r.stdout.index("{"):])
    assert summary["executor"]["workers"] == 2
    assert "local Dask cluster" in summary["executor"]["description"]
    assert len({res["worker"] for res in summary["results"]}) == 2  # both processes worked
    assert_same_outputs(out, ref)


# --- a real cluster: `dask scheduler` and two `dask worker` processes on 127.0.0.1 ------------


def _dask_cli() -> str:
    exe = Path(sys.executable).with_name("dask")
    return str(exe) if exe.exists() else "dask"


def _wait(cond: Callable[[], bool], what: str, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """A scheduler on a random free port and two single-threaded workers without nannies (so
    that SIGKILL of a worker's process really kills the worker). Each in its own session, so
    everything this fixture started is stopped at the end, and nothing else."""
    from distributed import Client

    root = tmp_path_factory.mktemp("dask")
    sched_file = root / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "3"}
    procs = [subprocess.Popen(
        [_dask_cli(), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(sched_file)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    try:
        _wait(lambda: sched_file.exists() and "address" in sched_file.read_text(), "the scheduler")
        address = json.loads(sched_file.read_text())["address"]
        workers = [subprocess.Popen(
            [_dask_cli(), "worker", address, "--nthreads", "1", "--no-nanny", "--host", "127.0.0.1",
             "--no-dashboard", "--name", f"w{k}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            for k in range(2)]
        procs += workers
        with Client(address, set_as_default=False, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
            pids = client.run(os.getpid)  # worker address -> pid
        yield {"address": address, "workers": workers, "pids": pids}
    finally:
        for p in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def test_existing_scheduler_through_cli_equals_reference(corpus: tuple[Path, Path], cluster: dict,
                                                         tmp_path: Path) -> None:
    manifest, ref = corpus
    out = tmp_path / "out"
    r = runner.invoke(app, ["corpus", str(manifest), "-o", str(out), "--scheduler",
                            cluster["address"], "--mt", "none", "--json"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout[r.stdout.index("{"):])
    assert summary["executor"]["description"] == f"Dask scheduler {cluster['address']}"
    assert summary["pairs"]["done"] == 6
    assert_same_outputs(out, ref)


def test_driver_killed_then_rerun_loses_and_duplicates_nothing(corpus: tuple[Path, Path],
                                                               cluster: dict, tmp_path: Path) -> None:
    manifest, ref = corpus
    out = tmp_path / "out"
    cmd = [str(Path(sys.executable).with_name("parley")), "corpus", str(manifest), "-o", str(out),
           "--scheduler", cluster["address"], "--mt", "none"]
    driver = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    done = out / STATE_DIR / "done"
    try:
        _wait(lambda: done.is_dir() and any(done.glob("*.json")), "a finished pair")
        driver.send_signal(signal.SIGKILL)
    finally:
        driver.wait()
    assert not (out / "summary.json").exists()
    before = {p.name for p in done.glob("*.json")}
    # the rerun, here in this process, skips what the killed run's workers finished
    summary = run_corpus(read_manifest(manifest), CorpusOptions("en", "ru", out, mt="none"),
                         InlineExecutor())
    assert summary["pairs"]["failed"] == 0
    assert summary["pairs"]["skipped"] >= len(before) >= 1
    assert summary["pairs"]["done"] + summary["pairs"]["skipped"] == 6
    assert_same_outputs(out, ref)


def test_worker_killed_mid_job_tasks_retried_elsewhere(corpus: tuple[Path, Path], cluster: dict,
                                                       tmp_path: Path) -> None:
    """SIGKILL one of the two workers while it runs a pair: Dask reruns it on the other one;
    the outputs equal the single-process run unit for unit (runs last: it kills a worker)."""
    from distributed import Client

    from parley.corpus.cluster import dask_executor

    manifest, ref = corpus
    out = tmp_path / "out"
    result: dict = {}

    def drive() -> None:
        with dask_executor(cluster["address"]) as ex:
            result["summary"] = run_corpus(read_manifest(manifest), CorpusOptions("en", "ru", out), ex)

    victim_addr, victim_pid = sorted(cluster["pids"].items())[0]
    thread = threading.Thread(target=drive)
    with Client(cluster["address"], set_as_default=False) as mon:
        thread.start()

        def victim_busy() -> bool:
            running = mon.processing().get(victim_addr, ())
            return any("parley-pair" in str(k) for k in running)

        _wait(victim_busy, "a pair on the victim worker")
        os.kill(victim_pid, signal.SIGKILL)
        thread.join(timeout=600)
    summary = result["summary"]
    assert summary["pairs"] == {"total": 6, "done": 6, "skipped": 0, "failed": 0}
    survivor = next(w for w in cluster["workers"] if w.pid != victim_pid)
    assert any(r["worker"].endswith(f":{survivor.pid}") for r in summary["results"])
    assert_same_outputs(out, ref)


def test_corpus_qa_does_not_depend_on_the_order_parts_finish() -> None:
    """Workers finish parts in any order; the units a term is missing from are listed in
    reading order whatever order the reduce sees them in."""
    from parley.corpus.reduce import DocTermUse, reduce_term_uses

    uses = [DocTermUse(d, "US", u, ()) for d, u in
            (("seed-1", "14"), ("seed-3", "3"), ("seed-3", "20"), ("seed-4", "2"))]
    first = reduce_term_uses(uses, [], "en", "ru")
    again = reduce_term_uses(uses[2:] + uses[:2], [], "en", "ru")
    assert first == again
    assert [p["unit"] for p in first["terms"][0]["not_translated"]] == ["14", "3", "20", "2"]
