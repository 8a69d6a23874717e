"""The alignment editor without a browser: operations, undo/redo, journal replay after a crash,
saving, the lock, ``--apply`` and ``--approved-only`` (browser tests: test_editor_browser.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from editor_sample import BEADS, write_sample
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from parley.cli import app
from parley.exports.editor.model import EditBead, EditDoc, EditError
from parley.exports.editor.session import (
    ReviewPaths,
    Session,
    locked,
    read_journal,
)
from parley.exports.tmx import read_tmx

runner = CliRunner()
pytestmark = pytest.mark.editor


@pytest.fixture
def tmx(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "out")


def _doc() -> EditDoc:
    beads = [EditBead(i, tuple(s), tuple(t), confidence=c) for i, (s, t, c) in enumerate(BEADS)]
    return EditDoc("en", "ru", beads)


def _sides(doc: EditDoc) -> tuple[list[str], list[str]]:
    return ([s for b in doc.beads for s in b.src], [t for b in doc.beads for t in b.tgt])


def test_operations_keep_every_sentence_in_order() -> None:
    doc = _doc()
    before = _sides(doc)
    doc.apply({"op": "merge", "bead": 2, "dir": "next"})  # 1-2 + 1-1 -> 2-3
    merged = doc.beads[2]
    assert merged.kind == "2-3" and merged.status == "edited"
    doc.apply({"op": "split", "bead": merged.uid, "src": 1, "tgt": 2})
    assert [b.kind for b in doc.beads[2:4]] == ["1-2", "1-1"]
    doc.apply({"op": "move", "bead": doc.beads[2].uid, "side": "tgt", "dir": "next"})
    assert doc.beads[2].tgt == ("Доклад был принят.",)
    assert doc.beads[3].tgt == ("Голосования не было.", "Совет собрался в полдень.")
    doc.apply({"op": "detach", "bead": doc.beads[3].uid, "side": "tgt", "sent": 1})
    assert doc.beads[4].kind == "0-1" and doc.beads[4].tgt == ("Совет собрался в полдень.",)
    assert _sides(doc) == before
    for _ in range(4):
        doc.apply({"op": "undo"})
    assert [(b.src, b.tgt) for b in doc.beads] == [(tuple(s), tuple(t)) for s, t, _ in BEADS]
    doc.apply({"op": "redo"})
    assert doc.beads[2].kind == "2-3"


def test_edit_splits_at_line_breaks_and_bad_ops_are_refused() -> None:
    doc = _doc()
    doc.apply({"op": "edit", "bead": 1, "side": "tgt",
               "sents": ["Первым выступил Генеральный секретарь.\nОн приветствовал делегации."]})
    assert doc.beads[1].tgt == ("Первым выступил Генеральный секретарь.", "Он приветствовал делегации.")
    with pytest.raises(EditError, match="no longer exists"):
        doc.apply({"op": "merge", "bead": 1, "dir": "next"})  # bead 1 was replaced
    with pytest.raises(EditError, match="no previous"):
        doc.apply({"op": "merge", "bead": 0, "dir": "prev"})
    doc.apply({"op": "edit", "bead": 2, "side": "src", "sents": ["A.", "B.", "C."]})
    with pytest.raises(EditError, match="first or last"):
        doc.apply({"op": "detach", "bead": doc.beads[2].uid, "side": "src", "sent": 1})
    with pytest.raises(EditError, match="unknown operation"):
        doc.apply({"op": "explode"})


def test_confirm_above_and_findings_states() -> None:
    doc = _doc()
    doc.apply({"op": "confirm_above", "min": 0.9})
    assert [b.status for b in doc.beads].count("reviewed") == 4  # 0.97, 0.99, 0.93, 0.90
    doc.apply({"op": "finding", "id": "num-1", "state": "ignored"})
    assert doc.finding_state == {"num-1": "ignored"}
    doc.apply({"op": "undo"})
    assert doc.finding_state == {}


OPS = st.one_of(
    st.builds(lambda b, d: {"op": "merge", "bead": b, "dir": d}, st.integers(0, 30),
              st.sampled_from(["next", "prev"])),
    st.builds(lambda b, i, j: {"op": "split", "bead": b, "src": i, "tgt": j},
              st.integers(0, 30), st.integers(0, 3), st.integers(0, 3)),
    st.builds(lambda b, s, d: {"op": "move", "bead": b, "side": s, "dir": d},
              st.integers(0, 30), st.sampled_from(["src", "tgt"]), st.sampled_from(["next", "prev"])),
    st.builds(lambda b, s, k: {"op": "detach", "bead": b, "side": s, "sent": k},
              st.integers(0, 30), st.sampled_from(["src", "tgt"]), st.integers(0, 2)),
    st.just({"op": "undo"}), st.just({"op": "redo"}),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, max_size=25))
def test_no_sentence_is_ever_lost_and_undo_restores(ops: list[dict]) -> None:
    doc = _doc()
    start = [(b.src, b.tgt) for b in doc.beads]
    before = _sides(doc)
    for op in ops:
        try:
            doc.apply(op)
        except EditError:
            continue
        assert _sides(doc) == before
        assert all(b.src or b.tgt for b in doc.beads)
        assert all(doc.pos(b.uid) == i for i, b in enumerate(doc.beads))  # index kept in step
    while doc.undo_stack:
        doc.apply({"op": "undo"})
    assert [(b.src, b.tgt) for b in doc.beads] == start


def test_position_index_survives_many_edits_at_one_spot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Edits re-key only the beads they put in; with little room between keys, rounds of
    merge/split/detach in the middle exhaust it, so the index must renumber, never drift."""
    from parley.exports.editor import model

    monkeypatch.setattr(model, "_KEY_GAP", 1)
    numbered = []
    number = EditDoc._number
    monkeypatch.setattr(EditDoc, "_number", lambda self: numbered.append(1) or number(self))
    doc = _doc()
    doc.pos(0)  # build the index, as the server does on the first request
    for _ in range(20):
        b = doc.beads[1]
        doc.apply({"op": "merge", "bead": b.uid, "dir": "next"})
        merged = doc.beads[1]
        doc.apply({"op": "split", "bead": merged.uid, "src": len(b.src), "tgt": len(b.tgt)})
        doc.apply({"op": "detach", "bead": doc.beads[2].uid, "side": "src", "sent": 0})
        assert all(doc.pos(x.uid) == i for i, x in enumerate(doc.beads))
        doc.apply({"op": "undo"})
        assert all(doc.pos(x.uid) == i for i, x in enumerate(doc.beads))
    assert len(numbered) > 1
    while doc.undo_stack:
        doc.apply({"op": "undo"})
    assert [(b.src, b.tgt) for b in doc.beads] == [(tuple(s), tuple(t)) for s, t, _ in BEADS]


def test_save_writes_status_props_unaligned_report_and_backup(tmx: Path) -> None:
    paths = ReviewPaths(tmx)
    original = tmx.read_bytes()
    sess = Session.open(tmx, qa=False)
    assert len(sess.doc.beads) == len(BEADS)  # the 1-0 bead came back from the TSV
    assert sess.doc.beads[7].kind == "1-0"
    assert sess.doc.beads[1].src == tuple(BEADS[1][0])  # 2-1 bead split into its sentences
    d = sess.doc
    sess.apply({"op": "merge", "bead": 2, "dir": "next"})
    sess.apply({"op": "confirm", "beads": [0]})
    sess.apply({"op": "edit", "bead": 4, "side": "tgt", "sents": ["Совет собрался в полдень."]})
    sess.apply({"op": "detach", "bead": 6, "side": "tgt", "sent": 0})
    assert "saved" in sess.save()
    sess.close()
    assert paths.backup.read_bytes() == original
    units = read_tmx(tmx).units
    rows = [(u.source, u.target, u.props.get("x-status"), u.bead) for u in units]
    assert rows == [
        (BEADS[0][0][0], BEADS[0][1][0], "reviewed", "1-1"),
        (" ".join(BEADS[1][0]), BEADS[1][1][0], "machine-aligned", "2-1"),
        ("The report was adopted. There was no vote.",
         "Доклад был принят. Голосования не было. Совет собрался в полдень.", "edited", "2-3"),
        ("The Council met at noon.", "Совет собрался в полдень.", "edited", "1-1"),
        (BEADS[5][0][0], BEADS[5][1][0], "machine-aligned", "1-1"),
        (BEADS[8][0][0], BEADS[8][1][0], "machine-aligned", "1-1"),
    ]
    tsv = paths.unaligned.read_text(encoding="utf-8")
    assert "The budget is 250 million dollars." in tsv and "205 миллионов" in tsv
    assert "This sentence was deleted in translation." in tsv
    # reopening gives the same beads in the same order (ids renumbered in document order)
    again = Session.open(tmx, qa=False, journal=False)
    assert [(b.src, b.tgt, b.status) for b in again.doc.beads] == [
        (b.src, b.tgt, b.status) for b in d.beads]
    # the backup is kept once: a second save leaves it alone
    sess2 = Session.open(tmx, qa=False)
    sess2.apply({"op": "confirm_above", "min": 0.0})
    sess2.save()
    sess2.close()
    assert paths.backup.read_bytes() == original


def test_crash_replays_the_journal(tmx: Path) -> None:
    """A server killed with SIGKILL: its journaled edits come back on the next start."""
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from parley.exports.editor.session import Session\n"
        "s = Session.open(Path(sys.argv[1]), qa=False)\n"
        "s.apply({'op': 'merge', 'bead': 2, 'dir': 'next'})\n"
        "s.apply({'op': 'confirm', 'beads': [0]})\n"
        "s.apply({'op': 'undo'})\n"
        "s.apply({'op': 'finding', 'id': 'x-1', 'state': 'ignored'})\n"
        "os.kill(os.getpid(), 9)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(tmx)], check=False)
    assert proc.returncode == -9
    paths = ReviewPaths(tmx)
    assert len(read_journal(paths.journal).ops) == 4
    sess = Session.open(tmx, qa=False)
    assert sess.doc.beads[2].kind == "2-3" and sess.doc.beads[0].status == "machine-aligned"
    assert sess.doc.finding_state == {"x-1": "ignored"}
    assert any("recovered 4" in n for n in sess.notes)
    assert "x-1" in paths.ignore.read_text(encoding="utf-8")
    sess.apply({"op": "undo"})  # the undo history survived the crash too
    sess.apply({"op": "undo"})
    assert sess.doc.finding_state == {} and sess.doc.beads[2].kind == "1-2"
    sess.close()


def test_torn_last_line_is_dropped_and_interrupted_save_finishes(tmx: Path) -> None:
    sess = Session.open(tmx, qa=False)
    sess.apply({"op": "merge", "bead": 0, "dir": "next"})
    sess.close()
    paths = ReviewPaths(tmx)
    with open(paths.journal, "a", encoding="utf-8") as fh:
        fh.write('{"seq": 2, "op": "mer')  # the write a crash cut off
    sess = Session.open(tmx, qa=False)
    assert sess.doc.beads[0].kind == "3-2"
    # a save that died after its marker, before the renames
    sess.write(paths.saving(tmx), unaligned=paths.saving(paths.unaligned))
    from parley.exports.editor.session import _digest_of

    sess.journal.append({"saved": _digest_of(paths, paths.saving(tmx),  # type: ignore[union-attr]
                                             paths.saving(paths.unaligned))})
    sess.close()
    again = Session.open(tmx, qa=False)
    assert again.doc.beads[0].kind == "3-2" and not paths.saving(tmx).exists()
    assert read_tmx(tmx).units[0].bead == "3-2"
    again.close()


def test_journal_for_other_files_is_refused(tmx: Path) -> None:
    sess = Session.open(tmx, qa=False)
    sess.apply({"op": "merge", "bead": 0, "dir": "next"})
    sess.close()
    write_sample(tmx.parent)  # parley run again: a new TMX under the old journal
    tmx.write_text(tmx.read_text(encoding="utf-8").replace("opened", "began"), encoding="utf-8")
    r = runner.invoke(app, ["review", str(tmx), "--no-browser"])
    assert r.exit_code == 2
    assert "changed since its review journal" in r.output


def test_second_server_refused_stale_lock_taken_over(tmx: Path) -> None:
    paths = ReviewPaths(tmx)
    with locked(paths, {}):
        other = subprocess.run(
            [sys.executable, "-c", "import sys; from pathlib import Path; "
             "from parley.exports.editor.session import ReviewPaths, locked\n"
             "with locked(ReviewPaths(Path(sys.argv[1])), {}): pass", str(tmx)],
            capture_output=True, text=True, check=False)
        assert other.returncode != 0 and "LockedError" in other.stderr
        assert "another parley review (pid" in other.stderr
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    paths.lock.write_text(json.dumps({"pid": int(dead.stdout)}), encoding="utf-8")
    with locked(paths, {}):
        assert json.loads(paths.lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert not paths.lock.exists()


def test_apply_headless_and_approved_only(tmx: Path, tmp_path: Path) -> None:
    sess = Session.open(tmx, qa=False)
    sess.apply({"op": "confirm", "beads": [0, 5]})
    sess.apply({"op": "edit", "bead": 6, "side": "tgt",
                "sents": ["Бюджет составляет 250 миллионов долларов."]})
    sess.close()
    journal = ReviewPaths(tmx).journal
    out = tmp_path / "fixed.tmx"
    r = runner.invoke(app, ["review", str(tmx), "--apply", str(journal), "-o", str(out),
                            "--approved-only", "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert report["operations"] == 2 and report["written"] == 3
    units = read_tmx(out).units
    assert [u.props["x-status"] for u in units] == ["reviewed", "reviewed", "edited"]
    assert units[2].target == "Бюджет составляет 250 миллионов долларов."
    full = tmp_path / "all.tmx"
    r = runner.invoke(app, ["review", str(tmx.parent), "--apply", str(journal), "-o", str(full)])
    assert r.exit_code == 0, r.output
    assert len(read_tmx(full).units) == len(BEADS) - 1  # the 1-0 bead is in the side file
    assert (tmp_path / "all.unaligned.tsv").is_file()
    r = runner.invoke(app, ["convert", str(out), str(tmp_path / "ok.tsv"), "--approved-only"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["convert", str(full), str(tmp_path / "ok.tmx"), "--approved-only"])
    assert r.exit_code == 0, r.output
    assert [u.source for u in read_tmx(tmp_path / "ok.tmx").units] == [u.source for u in units]


def test_long_static_review_page_points_to_the_editor(tmp_path: Path) -> None:
    from editor_sample import sample_bitext

    from parley.exports.review import write_review

    page = tmp_path / "speech.review.html"
    write_review(page, sample_bitext(), single_max=5, chunk_beads=5)
    html = page.read_text(encoding="utf-8")
    assert html.count('<tbody id="u') == 5 and (tmp_path / "speech.review" / "beads-0001.js").is_file()
    assert "9 beads: the page loads them as you go" in html
    assert f"parley review {tmp_path / 'speech.tmx'}" in html
    assert "Not in translation" in html and ">1<" in html  # the 1-0 bead in the second part counts


def test_review_cli_refuses_what_it_cannot_edit(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("source\ttarget\nA\tB\n", encoding="utf-8")
    r = runner.invoke(app, ["review", str(tmp_path / "a.tsv"), "--no-browser"])
    assert r.exit_code == 2 and "parley convert" in r.output
    write_sample(tmp_path, "one")
    write_sample(tmp_path, "two")
    r = runner.invoke(app, ["review", str(tmp_path), "--no-browser"])
    assert r.exit_code == 2 and "one.tmx" in r.output and "two.tmx" in r.output
    r = runner.invoke(app, ["review", str(tmp_path / "one.tmx"), "-o", str(tmp_path / "x.tmx")])
    assert r.exit_code == 2 and "--apply" in r.output
    r = runner.invoke(app, ["review", str(tmp_path / "missing.tmx")])
    assert r.exit_code == 3


def test_run_review_opens_the_editor_on_the_new_tmx(tmp_path: Path, seeds: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import parley.exports.editor.cli as editor_cli

    opened: list[Path] = []
    monkeypatch.setattr(editor_cli, "serve", lambda tmx, **_kw: opened.append(tmx))
    out = tmp_path / "out"
    r = runner.invoke(app, ["run", str(seeds / "lavrov-2018-02-07.en.txt"),
                            str(seeds / "lavrov-2018-02-07.ru.txt"), "-s", "en", "-t", "ru",
                            "--mt", "none", "-o", str(out), "--review"])
    assert r.exit_code == 0, r.output
    assert opened == [out / "lavrov-2018-02-07.tmx"] and opened[0].is_file()
    sess = Session.open(opened[0], journal=False)  # what the editor would show
    assert len(sess.doc.beads) > 300 and any(b.findings for b in sess.doc.beads)


def test_rows_escape_hostile_text_and_empty_tmx_opens(tmp_path: Path) -> None:
    from parley.align.model import Bitext, TranslationUnit
    from parley.exports.editor.server import Editor, View
    from parley.exports.tmx import write_tmx

    hostile = '<img src=x onerror="alert(1)"> & \x07'
    tmx = tmp_path / "h.tmx"
    write_tmx(tmx, Bitext("en", "ru", (TranslationUnit(hostile, "<b>жирный</b>", id="1"),)))
    ed = Editor(Session.open(tmx, journal=False))
    row = ed.page(View(), 0, 10, None)["beads"][0]
    assert "<img" not in row["src"][0] and "&lt;img" in row["src"][0]
    assert row["tgt"] == ["&lt;b&gt;жирный&lt;/b&gt;"]
    empty = tmp_path / "e.tmx"
    write_tmx(empty, Bitext("en", "ru", ()))
    sess = Session.open(empty)
    assert Editor(sess).page(View(), 0, 10, None)["total"] == 0
    sess.close()
