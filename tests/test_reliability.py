"""Reliability: hostile input, output-path tricks, full disk, signals and concurrency.

Every case in :mod:`bench.reliability` runs here as a regression test (each failed before the
fix it names), judged by the rules every command keeps: a documented exit code, one line on
stderr, no traceback, no input or special file touched, no partial output under the final name,
nothing lost silently. Hypothesis then throws malformed files at every reader.
"""

from __future__ import annotations

import codecs
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/ beside tests/

from bench.reliability import (
    EN,
    RU,
    SRX,
    TBX,
    TMX_HEAD,
    TSV,
    all_cases,
    docx_bytes,
    mutate,
    para,
    random_cases,
    run_case,
)
from parley.align.errors import EXIT_CODES, ParleyError

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.area}: {c.name}" for c in CASES])
def test_hostile_case(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = run_case(case, tmp_path / "work")
    assert not out.traceback, out.stderr + out.stdout
    assert out.code in EXIT_CODES, out.code
    assert not out.loss, out.loss
    assert out.code in case.expect, (out.code, out.stderr)
    if out.code:
        assert out.clear_error, out.stderr


def test_random_mutations_never_trace_back(tmp_path: Path) -> None:
    """A fixed sample of byte-level damage to every reader's input (the bench runs more)."""
    for i, case in enumerate(random_cases(4, seed=12)):
        out = run_case(case, tmp_path / f"m{i}")
        assert not out.traceback and not out.loss, (case.area, case.name, out.stderr, out.loss)
        assert out.code == 0 or out.clear_error, (case.area, out.stderr)


# --------------------------------------------------------------- decoding: damage vs encoding


def test_one_bad_byte_is_an_error_naming_it_never_koi8() -> None:
    from parley.align.errors import EncodingError
    from parley.align.reader import decode

    data = (RU * 10).encode()
    at = data.index(b" ", 200)  # between two characters
    data = data[:at] + b"\xfe" + data[at:]
    with pytest.raises(EncodingError, match=rf"byte {at}\b.*1 bad byte sequence in"):
        decode(data)
    text, enc = decode(data, "utf-8:replace")
    assert "1 undecodable byte sequence replaced" in enc and text.count("\ufffd") == 1


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r", "utf-16", "utf-8"])
def test_whole_files_in_one_encoding_still_read(codec: str) -> None:
    from parley.align.reader import decode

    text, enc = decode((RU * 10).encode(codec))
    assert text.strip() == (RU * 10).strip()
    assert codecs.lookup(enc).name == codecs.lookup(codec).name


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300), st.integers(min_value=0), st.binary(min_size=1, max_size=3))
def test_decode_never_silently_changes_text(text: str, at: int, junk: bytes) -> None:
    """Whatever bytes are spliced into UTF-8 text: either an error, or the exact text back
    (when the result is still valid UTF-8), or a whole-file legacy reading — never a mix."""
    from parley.align.reader import decode

    raw = text.encode("utf-8", "surrogatepass")
    i = at % (len(raw) + 1)
    data = raw[:i] + junk + raw[i:]
    assume(b"\x00" not in data)  # NULs are UTF-16 (or binary) evidence, judged separately
    try:
        got, enc = decode(data)
    except ParleyError:
        return
    try:
        exact = data.decode("utf-8")
    except UnicodeDecodeError:
        assert enc != "utf-8"  # a legacy reading, only when UTF-8 evidence is absent
        return
    assert got == exact.removeprefix("\ufeff")


# --------------------------------------------------------------- readers under hypothesis


def _reader_calls(tmp: Path) -> dict[str, object]:
    from parley.align.reader import read_document
    from parley.align.srx import SrxSegmenter
    from parley.exports.glossary_io import read_glossary
    from parley.exports.registry import read_bitext

    return {
        "in.txt": lambda p: read_document(p, lang="en"),
        "in.docx": lambda p: read_document(p, lang="en"),
        "in.tmx": lambda p: read_bitext(p, src_lang="en", tgt_lang="ru"),
        "in.xlf": lambda p: read_bitext(p, src_lang="en", tgt_lang="ru"),
        "in.tsv": lambda p: read_bitext(p),
        "in.csv": lambda p: read_bitext(p),
        "in.tbx": lambda p: read_glossary(p),
        "in.srx": lambda p: SrxSegmenter("en", p).spans(EN),
    }


_VALID = {
    "in.txt": EN.encode(),
    "in.docx": docx_bytes(para("Hello.") + para("World.")),
    "in.tmx": (TMX_HEAD + '<tu><tuv xml:lang="en"><seg>A.</seg></tuv><tuv xml:lang="ru"><seg>'
               "Б.</seg></tuv></tu></body></tmx>").encode(),
    "in.xlf": ('<?xml version="1.0"?><xliff version="1.2"><file source-language="en" '
               'target-language="ru" datatype="plaintext" original="x"><body><trans-unit id="1">'
               "<source>A.</source><target>Б.</target></trans-unit></body></file></xliff>").encode(),
    "in.tsv": TSV.encode(),
    "in.csv": 'source,target\n"A, b",Б\n'.encode(),
    "in.tbx": TBX.encode(),
    "in.srx": SRX.replace("RULE", r"[.?!]+").encode(),
}


@pytest.mark.parametrize("name", sorted(_VALID))
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_reader_raises_only_parley_errors(name: str, seed: int, tmp_path: Path) -> None:
    """Damaged files of every format: a result, or a ParleyError — nothing else escapes."""
    import random

    path = tmp_path / name
    path.write_bytes(mutate(_VALID[name], random.Random(seed)))
    read = _reader_calls(tmp_path)[name]
    try:
        read(path)  # type: ignore[operator]
    except ParleyError as exc:
        assert "\n" not in exc.message or exc.message.strip()


def test_docx_part_name_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    """A damaged central directory whose part name is not UTF-8 although its flag says so
    (zipfile raises UnicodeDecodeError opening the part: found by the mutation test)."""
    from parley.align.errors import InputError
    from parley.align.reader import read_docx

    data = bytearray(_VALID["in.docx"])
    name = b"word/document.xml"
    central = data.rindex(name)  # the central directory's copy of the name
    data[central + 5] = 0x90  # an invalid UTF-8 start byte in the name ("word/" + 0x90 ...)
    flag = central - 46 + 8  # the general-purpose flags of that central directory entry
    data[flag : flag + 2] = (int.from_bytes(data[flag : flag + 2], "little") | 0x800).to_bytes(2, "little")
    path = tmp_path / "bad.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"not a valid \.docx"):
        read_docx(path)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=40), st.text(max_size=40)), min_size=1, max_size=20))
def test_tsv_to_tmx_loses_nothing_silently(pairs: list[tuple[str, str]]) -> None:
    """Every unit is written, or counted as skipped (an empty side), or its removed characters
    are counted: written + skipped == units read."""
    import tempfile

    from parley.align.model import Bitext, TranslationUnit
    from parley.exports.registry import convert, write_bitext

    units = tuple(TranslationUnit(s, t) for s, t in pairs)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.tsv"
        write_bitext(src, Bitext("en", "ru", units))
        rep = convert(src, Path(tmp) / "out.tmx", src_lang="en", tgt_lang="ru")
        assert rep.written + rep.skipped_empty_side == len(units)


# --------------------------------------------------------------- streaming readers


def test_tsv_reader_streams(tmp_path: Path) -> None:
    """Units come before the file is read to its end: a broken line far down fails only
    when reached, after the earlier units were produced (flat memory for big files)."""
    from parley.align.errors import FormatError
    from parley.exports.tabular import iter_csv, iter_tsv

    p = tmp_path / "big.tsv"
    p.write_text("source\ttarget\n" + "a\tб\n" * 1000 + "x\ty\tz\n", encoding="utf-8")
    _, _, units = iter_tsv(p)
    assert next(units).source == "a"
    with pytest.raises(FormatError, match="line 1002"):
        list(units)
    c = tmp_path / "big.csv"
    c.write_text("source,target\n" + "a,б\n" * 1000 + '"open,x\n', encoding="utf-8")
    _, _, cunits = iter_csv(c)
    assert next(cunits).source == "a"
    with pytest.raises(FormatError, match="line 1002"):
        list(cunits)


# --------------------------------------------------------------- temp files and signals


def test_stale_parts_of_dead_writers_are_cleaned(tmp_path: Path) -> None:
    from parley.align.atomic import atomic_write_text

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".out.tsv.{dead}.abc123.part"
    live = tmp_path / f".out.tsv.{os.getpid()}.zzz999.part"
    stale.write_text("half")
    live.write_text("being written")
    atomic_write_text(tmp_path / "out.tsv", "x\n")
    assert not stale.exists() and live.exists()


_SLOW_CONVERT = """
import sys, time
import parley.exports.tabular as t
orig = t.escape
def slow(s):
    time.sleep(0.002)
    return orig(s)
t.escape = slow
from parley.cli import app
sys.argv = ["parley", "convert", "in.tsv", "out.tsv", "-s", "en", "-t", "ru"]
app()
"""


def _start_slow_convert(folder: Path) -> subprocess.Popen[str]:
    (folder / "in.tsv").write_text("source\ttarget\n" + "a\tб\n" * 20000, encoding="utf-8")
    return subprocess.Popen([sys.executable, "-c", _SLOW_CONVERT], cwd=folder, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_part(folder: Path, proc: subprocess.Popen[str]) -> None:
    for _ in range(300):
        if list(folder.glob(".out.tsv.*.part")):
            return
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the writer never started: " + (proc.communicate()[1] or ""))


def test_sigterm_leaves_no_part_file(tmp_path: Path) -> None:
    proc = _start_slow_convert(tmp_path)
    _wait_for_part(tmp_path, proc)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143, err
    assert err.count("\n") == 1 and "terminated" in err and "Traceback" not in err
    assert not list(tmp_path.glob(".*.part")) and not (tmp_path / "out.tsv").exists()


def test_sigkill_part_is_cleaned_by_the_next_run(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from parley.cli import app

    proc = _start_slow_convert(tmp_path)
    _wait_for_part(tmp_path, proc)
    proc.kill()
    proc.communicate(timeout=30)
    assert list(tmp_path.glob(".out.tsv.*.part"))  # kill -9 cannot be caught ...
    assert not (tmp_path / "out.tsv").exists()  # ... but nothing half-written has the real name
    (tmp_path / "small.tsv").write_text(TSV, encoding="utf-8")
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        res = CliRunner().invoke(app, ["convert", "small.tsv", "out.tsv"])
    finally:
        os.chdir(old)
    assert res.exit_code == 0, res.stderr
    assert not list(tmp_path.glob(".*.part"))  # the next run into the folder cleaned it


def test_error_line_is_one_line_even_for_multiline_library_messages() -> None:
    from typer.testing import CliRunner

    from parley.cli import app

    res = CliRunner().invoke(app, ["segment", "/nonexistent/file.txt", "-l", "en"])
    assert res.exit_code == 3 and res.stderr.count("\n") == 1


def test_json_error_object_on_stdout(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from parley.cli import app

    res = CliRunner().invoke(app, ["convert", str(tmp_path / "missing.tsv"), str(tmp_path / "o.tmx"),
                                   "-s", "en", "-t", "ru", "--json"])
    err = json.loads(res.stdout)["error"]
    assert res.exit_code == err["exit_code"] == 3 and err["type"] == "InputError"
    assert res.stderr.count("\n") == 1


# --------------------------------------------------------------- parley run


def _run_cli(folder: Path, *argv: str) -> object:
    from typer.testing import CliRunner

    from parley.cli import app

    old = Path.cwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(app, ["-q", "run", *argv, "-s", "en", "-t", "ru", "--mt", "none"])
    finally:
        os.chdir(old)


def _two_pairs(folder: Path, second_tgt: str = "b.ru.txt", name2: str = "b") -> Path:
    (folder / "a.en.txt").write_text(EN, encoding="utf-8")
    (folder / "a.ru.txt").write_text(RU, encoding="utf-8")
    (folder / "b.en.txt").write_text(EN, encoding="utf-8")
    (folder / "b.ru.txt").write_text(RU, encoding="utf-8")
    pairs = folder / "pairs.tsv"
    pairs.write_text(f"a.en.txt\ta.ru.txt\ta\nb.en.txt\t{second_tgt}\t{name2}\n", encoding="utf-8")
    return pairs


def test_run_missing_file_in_pairs_fails_that_pair_only(tmp_path: Path) -> None:
    import json

    _two_pairs(tmp_path, second_tgt="missing.ru.txt")
    res: Any = _run_cli(tmp_path, "--pairs", "pairs.tsv", "-o", "out")
    assert res.exit_code == 1, res.stderr
    assert "Traceback" not in res.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in summary["results"]}
    assert by_name["a"]["ok"] and not by_name["b"]["ok"]
    assert "missing.ru.txt" in by_name["b"]["error"]
    assert (tmp_path / "out" / "a.tmx").is_file()


def test_folder_lock_refuses_a_second_run(tmp_path: Path) -> None:
    """A second holder (another process) is refused with one clear error; after the first
    ends, the folder is free again; a killed holder never leaves it locked."""
    from parley.align.atomic import folder_lock
    from parley.align.errors import OutputError

    code = ("import sys, time; from parley.align.atomic import folder_lock\n"
            "with folder_lock(sys.argv[1]):\n    print('held', flush=True); time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputError, match=rf"another parley run \(pid {holder.pid}\)"), \
                folder_lock(tmp_path):
            pass
    finally:
        holder.kill()
        holder.communicate(timeout=30)
    with folder_lock(tmp_path):  # the kernel released the killed holder's lock
        pass


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Any:
    """A real 64 KiB filesystem (root only; skipped where mount is not allowed)."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
                              capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("cannot run mount")
    if done.returncode:
        pytest.skip("cannot mount a tmpfs here (not root?)")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True, timeout=20)


def test_real_full_disk_is_one_line_exit_8(tmp_path: Path, tiny_tmpfs: Path) -> None:
    from typer.testing import CliRunner

    from parley.cli import app

    src = tmp_path / "big.tsv"
    src.write_text("source\ttarget\n" + "The Council met.\tСовет собрался.\n" * 5000, encoding="utf-8")
    res = CliRunner().invoke(app, ["convert", str(src), str(tiny_tmpfs / "out.tmx"),
                                   "-s", "en", "-t", "ru"])
    assert res.exit_code == 8, res.stderr
    assert res.stderr.count("\n") == 1 and "No space left" in res.stderr
    assert list(tiny_tmpfs.iterdir()) == []  # neither the output nor a temp file


def test_run_pair_named_merged_is_refused_before_work(tmp_path: Path) -> None:
    _two_pairs(tmp_path, name2="merged")
    res: Any = _run_cli(tmp_path, "--pairs", "pairs.tsv", "-o", "out")
    assert res.exit_code == 2 and res.stderr.count("\n") == 1, res.stderr
    assert "'merged'" in res.stderr
    assert not (tmp_path / "out" / "merged.tmx").exists()


def test_run_never_overwrites_its_input_summary_json(tmp_path: Path) -> None:
    (tmp_path / "summary.json").write_text(EN, encoding="utf-8")
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    res: Any = _run_cli(tmp_path, "summary.json", "ru.txt", "-o", ".")
    assert res.exit_code == 8 and res.stderr.count("\n") == 1, res.stderr
    assert (tmp_path / "summary.json").read_text(encoding="utf-8") == EN
    assert not list(tmp_path.glob("summary.tmx"))  # refused before any work


def test_run_prints_each_failed_pair_reason(tmp_path: Path) -> None:
    _two_pairs(tmp_path)
    (tmp_path / "b.ru.txt").write_bytes(b"\x00\x01\x02binary")
    res: Any = _run_cli(tmp_path, "--pairs", "pairs.tsv", "-o", "out")
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert any(ln.startswith("parley: error: pair b failed:") and "binary" in ln for ln in lines)
    assert "1 of 2 pair(s) failed" in lines[-1]


_SLOW_RUN = """
import sys, time
import parley.job as job
orig = job.process_pair
def slow(pair, opts):
    print("started", flush=True)
    time.sleep(30)
    return orig(pair, opts)
job.process_pair = slow
from parley.cli import app
sys.argv = ["parley", "run", "a.en.txt", "a.ru.txt", "-s", "en", "-t", "ru", "--mt", "none",
            "-o", "out"]
app()
"""


def test_two_runs_into_one_folder_the_second_is_refused(tmp_path: Path) -> None:
    _two_pairs(tmp_path)
    first = subprocess.Popen([sys.executable, "-c", _SLOW_RUN], cwd=tmp_path, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert first.stdout is not None and first.stdout.readline().strip() == "started"
        res: Any = _run_cli(tmp_path, "b.en.txt", "b.ru.txt", "-o", "out")
        assert res.exit_code == 8 and res.stderr.count("\n") == 1, res.stderr
        assert f"another parley run (pid {first.pid})" in res.stderr
        assert not (tmp_path / "out" / "b.tmx").exists()
    finally:
        first.kill()
        first.communicate(timeout=30)
