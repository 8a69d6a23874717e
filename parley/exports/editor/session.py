"""One review session on one TMX: loading, the journal, the lock, saving.

Files beside ``NAME.tmx`` (what ``parley run`` writes there, and what the editor adds):

- ``NAME.unaligned.tsv``: the 1-0 / 0-1 beads the TMX cannot hold; read back into place (by unit
  id) and rewritten on save, so the unaligned report follows the edits.
- ``NAME.qa.json``, ``NAME.glossary.tsv``: findings shown at start, glossary for re-checking.
- ``NAME.review.jsonl``: the journal (JSON Lines): a header naming the files it applies to (by
  SHA-256), then one operation per line, each fsync'ed before the page is told it is done.
- ``NAME.review.lock``: JSON with the pid of the server editing the TMX.
- ``NAME.orig.tmx``: the TMX as it was before its first review save (written once, never again).
- ``NAME.qa-ignore.txt``: ids of ignored QA findings, for ``parley check --ignore``.

Saving writes the TMX and the unaligned report beside their targets, fsyncs them, notes their
hashes in the journal, then renames them into place and starts a fresh journal on the new files.
A crash at any point leaves either the old files with a journal that replays onto them, or the new
files with a save marker that says so; a start finishes a half-done rename first.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import functools
import gc
import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from parley.align.errors import InputError, OutputError, UsageError
from parley.align.model import Bitext, TranslationUnit
from parley.exports.editor.model import (
    APPROVED,
    MACHINE,
    STATUS_PROP,
    STATUSES,
    EditBead,
    EditDoc,
    EditError,
    Result,
)
from parley.glossary.findings import Finding
from parley.glossary.model import Glossary

JOURNAL_FORMAT = "parley-review-journal"
JOURNAL_VERSION = 1
#: QA on load only for documents this small when no ``NAME.qa.json`` says what was found
QA_ON_LOAD_MAX = 2000
#: never run for units of parley's own alignment (a 1-0 bead is unaligned, not untranslated)
SKIP_RULES = frozenset({"empty-target"})
#: compare a glossary with itself when the glossary is the one extracted from this very text
SELF_GLOSSARY_RULES = frozenset({"term-unused", "term-missing"})


class LockedError(UsageError):
    """Another live server is editing the same TMX."""


@dataclass(frozen=True)
class ReviewPaths:
    """Every file a review of ``tmx`` reads or writes."""

    tmx: Path

    def _sib(self, suffix: str) -> Path:
        name = self.tmx.name[:-4] if self.tmx.name.lower().endswith(".tmx") else self.tmx.name
        return self.tmx.with_name(name + suffix)

    @property
    def unaligned(self) -> Path:
        return self._sib(".unaligned.tsv")

    @property
    def journal(self) -> Path:
        return self._sib(".review.jsonl")

    @property
    def lock(self) -> Path:
        return self._sib(".review.lock")

    @property
    def backup(self) -> Path:
        return self._sib(".orig.tmx")

    @property
    def ignore(self) -> Path:
        return self._sib(".qa-ignore.txt")

    @property
    def qa_json(self) -> Path:
        return self._sib(".qa.json")

    @property
    def glossary(self) -> Path:
        return self._sib(".glossary.tsv")

    def saving(self, path: Path) -> Path:
        return path.with_name(path.name + ".saving")


def resolve_target(arg: Path) -> Path:
    """``OUTDIR`` (of ``parley run``, one TMX in it) or ``NAME.tmx`` -> the TMX to review."""
    if arg.is_dir():
        tmxs = sorted(p for p in arg.glob("*.tmx")
                      if not p.name.endswith(".orig.tmx") and p.name != "merged.tmx")
        if len(tmxs) == 1:
            return tmxs[0]
        if not tmxs:
            raise InputError("no TMX to review in this folder", arg,
                             "give the folder of 'parley run' or a NAME.tmx")
        raise UsageError(f"{len(tmxs)} TMX files in this folder", arg,
                         "give one: " + ", ".join(p.name for p in tmxs[:5]))
    if not arg.is_file():
        raise InputError("file not found", arg, "give the folder of 'parley run' or a NAME.tmx")
    if arg.suffix.lower() != ".tmx":
        raise UsageError("parley review edits TMX files", arg,
                         "convert first: parley convert FILE NAME.tmx")
    return arg


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def files_digest(paths: ReviewPaths) -> str:
    """SHA-256 over the TMX and its unaligned report: what a journal applies to."""
    h = hashlib.sha256()
    for p in (paths.tmx, paths.unaligned):
        h.update(p.name.encode() + b"\0")
        if p.is_file():
            with open(p, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------- loading


def _int_id(u: TranslationUnit) -> int | None:
    try:
        return int(u.id) if u.id is not None else None
    except ValueError:
        return None


def load_units(paths: ReviewPaths, src_lang: str | None = None,
               tgt_lang: str | None = None) -> Bitext:
    """The TMX's units with the unaligned report's put back in place (by their unit ids, which
    ``parley run`` and the editor number in document order)."""
    from parley.exports.tabular import read_tsv
    from parley.exports.tmx import read_tmx

    bt = read_tmx(paths.tmx, src_lang, tgt_lang)
    extra: tuple[TranslationUnit, ...] = ()
    if paths.unaligned.is_file() and paths.unaligned.stat().st_size:
        with contextlib.suppress(InputError):  # header only: nothing unaligned
            extra = tuple(read_tsv(paths.unaligned, bt.src_lang, bt.tgt_lang).units)
    if not extra:
        return bt
    units = bt.units
    docs: dict[str | None, int] = {}
    for u in (*units, *extra):
        docs.setdefault(u.document, len(docs))
    try:  # the order keys, each id read once (TypeError: no id, ValueError: not a number)
        keyed = [[(docs[u.document], int(u.id), u) for u in part]  # type: ignore[arg-type]
                 for part in (units, extra)]
    except (TypeError, ValueError):
        merged = [*units, *extra]  # no usable order: at the end, never lost
    else:
        import heapq

        # both files list their units in document order: one linear merge puts them in place
        merged = [u for _, _, u in heapq.merge(*keyed, key=lambda k: (k[0], k[1]))]
    return dataclasses.replace(bt, units=tuple(merged))


def _sentences(text: str, n: int, lang: str) -> tuple[str, ...]:
    """A side of a bead as sentences: split again only where the bead says it holds several."""
    if not text:
        return ()
    if n <= 1:
        return (text,)
    from parley.align.segment import segment_text

    parts = [s.strip() for s in segment_text(text, lang) if s.strip()]
    return tuple(parts) or (text,)


@functools.lru_cache(maxsize=256)  # a handful of bead kinds, 100,000 beads to open
def _counts(kind: str | None) -> tuple[int, int]:
    try:
        a, b = (kind or "1-1").split("-")
        return int(a), int(b)
    except ValueError:
        return 1, 1


def bead_of(uid: int, u: TranslationUnit, src_lang: str, tgt_lang: str) -> EditBead:
    ns, nt = _counts(u.bead)
    status = u.props.get(STATUS_PROP, MACHINE)
    # made as the TMX reader makes units (a frozen dataclass's __init__ sets each field through
    # object.__setattr__: a tenth of opening 100k beads); the same object EditBead(...) gives
    bead = object.__new__(EditBead)
    object.__setattr__(bead, "__dict__", {
        "uid": uid, "src": _sentences(u.source, ns, src_lang),
        "tgt": _sentences(u.target, nt, tgt_lang),
        "status": status if status in STATUSES else MACHINE, "confidence": u.confidence,
        "unit": u, "findings": ()})
    return bead


def read_findings(path: Path) -> list[Finding]:
    """Findings from a ``qa.json`` report (``parley run``/``check --json``)."""
    from parley.exports.qa_report import read_findings as read_report

    try:
        rows = read_report(path)
    except (OSError, ValueError):
        return []
    out = []
    for d in rows:
        with contextlib.suppress(KeyError, TypeError, ValueError):
            out.append(Finding(
                d["rule"], d["severity"], d["message"], unit_id=d.get("unit_id"),
                source=d.get("source") or "", target=d.get("target") or "",
                spans=tuple((str(s), int(a), int(b)) for s, a, b in d.get("spans") or ()),
                match_type=d.get("match_type"), details=dict(d.get("details") or {}),
                id=d.get("id") or ""))
    return out


# ---------------------------------------------------------------- QA


@dataclass
class Checker:
    """Re-runs the QA rules on changed beads (per-unit rules see just those units)."""

    src_lang: str
    tgt_lang: str
    joiner: str
    glossary: Glossary | None
    rules: tuple[str, ...]
    own_glossary: bool = False  # the glossary extracted from this text, not the user's
    _specs: Any = None

    def __call__(self, beads: Sequence[EditBead]) -> list[tuple[Finding, ...]]:
        """What :func:`parley.glossary.qa.check_bitext` finds in these beads alone; the
        glossary's analysed term specs are computed once and shared by every call."""
        from parley.glossary.qa import QAContext, select_rules

        units = tuple(TranslationUnit(self.joiner.join(b.src), self.joiner.join(b.tgt))
                      for b in beads)
        ctx = QAContext(Bitext(self.src_lang, self.tgt_lang, units), self.glossary)
        if self._specs is None:
            self._specs = ctx.term_specs
        ctx.__dict__["term_specs"] = self._specs  # functools.cached_property's slot
        per: list[list[Finding]] = [[] for _ in beads]
        for rule in select_rules(list(self.rules)):
            for f in rule.check(ctx):
                i = f.unit
                if f.rule in SKIP_RULES or i is None or not 0 <= i < len(beads):
                    continue
                sev = f.severity
                if self.own_glossary and f.rule == "key-term" and sev == "error":
                    sev = "warning"  # as parley run reports it against its own glossary
                per[i].append(dataclasses.replace(f, unit=None, severity=sev))
        return [tuple(x) for x in per]


def make_checker(src_lang: str, tgt_lang: str, glossary: Glossary | None,
                 own_glossary: bool) -> Checker:
    from parley.glossary.qa import RULES

    skip = SKIP_RULES | (SELF_GLOSSARY_RULES if own_glossary else frozenset())
    return Checker(src_lang, tgt_lang, " ", glossary, tuple(r for r in RULES if r not in skip),
                   own_glossary)


# ---------------------------------------------------------------- lock


@contextlib.contextmanager
def locked(paths: ReviewPaths, info: Mapping[str, Any]) -> Iterator[None]:
    """Hold ``NAME.review.lock`` for this process; a lock of a dead process is taken over."""
    data = json.dumps({"pid": os.getpid(), **info})
    for _attempt in range(3):
        try:
            fd = os.open(paths.lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            other = _lock_owner(paths.lock)
            if other is not None:
                pid, url = other
                raise LockedError(f"another parley review (pid {pid}) is editing this TMX"
                                  + (f" at {url}" if url else ""), paths.tmx,
                                  "use that window or stop it; if none runs, delete "
                                  f"{paths.lock.name}") from None
            with contextlib.suppress(FileNotFoundError):
                paths.lock.unlink()  # stale: its process is gone
            continue
        except OSError as exc:
            raise OutputError(f"cannot create the lock file ({exc.strerror})", paths.lock) from exc
        with os.fdopen(fd, "w") as fh:
            fh.write(data)
        break
    else:
        raise LockedError("cannot take the review lock", paths.lock, "remove it if no review runs")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            if _lock_pid(paths.lock) == os.getpid():
                paths.lock.unlink()


def _lock_pid(path: Path) -> int | None:
    try:
        pid = json.loads(path.read_text(encoding="utf-8")).get("pid")
    except (OSError, ValueError, AttributeError):
        return None
    return pid if isinstance(pid, int) else None


def _lock_owner(path: Path) -> tuple[int, str] | None:
    """(pid, url) of a live lock holder; None when the lock is stale or unreadable."""
    pid = _lock_pid(path)
    if pid is None or pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, someone else's
    try:
        url = json.loads(path.read_text(encoding="utf-8")).get("url") or ""
    except (OSError, ValueError):
        url = ""
    return pid, str(url).split("?")[0]


# ---------------------------------------------------------------- journal


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass(frozen=True)
class JournalFile:
    """A parsed journal: its header, its operations, and the last save marker."""

    header: dict[str, Any]
    ops: list[dict[str, Any]]
    saved: str | None  # digest the last save wrote
    ops_after_save: list[dict[str, Any]]


def read_journal(path: Path) -> JournalFile:
    """Parse a journal; a torn last line (a crash mid-write) is dropped, other bad lines fail."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the journal ({exc})", path) from exc
    records: list[dict[str, Any]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            if n >= len(lines) - 1:
                break  # the write a crash cut off: it was never reported as done
            raise InputError(f"journal line {n} is not JSON", path, "fix or remove it") from None
        if not isinstance(rec, dict):
            raise InputError(f"journal line {n} is not an object", path)
        records.append(rec)
    if not records or records[0].get("format") != JOURNAL_FORMAT:
        raise InputError("not a parley review journal (no header line)", path)
    header, body = records[0], records[1:]
    ops = [r for r in body if "op" in r]
    saved, after = None, ops
    for k, r in enumerate(body):
        if "saved" in r:
            saved = str(r["saved"])
            after = [x for x in body[k + 1:] if "op" in x]
    return JournalFile(header, ops, saved, after)


def _drop_torn_tail(path: Path) -> None:
    """Cut a last line a crash left unfinished, so the next record starts on its own line."""
    try:
        with open(path, "rb+") as fh:
            data = fh.read()
            if data and not data.endswith(b"\n"):
                fh.truncate(data.rfind(b"\n") + 1)
    except OSError as exc:
        raise OutputError(f"cannot repair the journal ({exc.strerror})", path) from exc


class Journal:
    """Append-only JSON Lines, each record flushed and fsync'ed before :meth:`append` returns."""

    def __init__(self, path: Path, header: Mapping[str, Any] | None = None) -> None:
        self.path = path
        self.seq = 0
        if header is not None:
            from parley.align.atomic import atomic_write_text

            atomic_write_text(path, json.dumps({"format": JOURNAL_FORMAT,
                                                "version": JOURNAL_VERSION, **header},
                                               ensure_ascii=False) + "\n")
            _fsync_dir(path)
        else:
            _drop_torn_tail(path)
        try:
            self._fh: TextIO = open(path, "a", encoding="utf-8")  # noqa: SIM115 (held open)
        except OSError as exc:
            raise OutputError(f"cannot open the journal ({exc.strerror})", path) from exc

    def append(self, record: Mapping[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        try:
            self._fh.write(line + "\n")
            self._fh.flush()
            os.fsync(self._fh.fileno())
        except OSError as exc:
            raise OutputError(f"cannot write the journal ({exc.strerror})", self.path,
                              "free disk space; edits are not being saved") from exc

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._fh.close()


# ---------------------------------------------------------------- session


def _ignore_ids(path: Path) -> set[str]:
    from parley.glossary.qa import read_ignore_ids

    if not path.is_file():
        return set()
    try:
        return read_ignore_ids(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return set()


class Session:
    """A document open for editing: the doc, its journal and where it saves to.

    Used by the server (one per process, behind the server's lock) and by ``--apply``.
    """

    def __init__(self, paths: ReviewPaths, doc: EditDoc, bitext: Bitext, journal: Journal | None,
                 notes: list[str], renumber: bool) -> None:
        self.paths = paths
        self.doc = doc
        self.bitext = bitext
        self.journal = journal
        self.notes = notes
        self.renumber = renumber
        self.broken: str | None = None
        self.dirty = False

    # -- building

    @classmethod
    def open(cls, tmx: Path, *, src_lang: str | None = None, tgt_lang: str | None = None,
             glossary: Glossary | None = None, journal: bool = True,
             qa: bool = True) -> Session:
        """Load ``tmx``; with ``journal``, finish an interrupted save, replay the journal of a
        crashed session (or refuse one made for other files) and start journaling."""
        paths = ReviewPaths(tmx)
        notes: list[str] = []
        if journal:
            _finish_save(paths)
        from parley.glossary.qa import collector_paused

        # a million fresh acyclic objects (units, beads, their strings): the cycle collector
        # would re-walk them over and over while they are made, for nothing, and once more
        # when it is back on (all of them still "young") unless they are frozen: out of its
        # sight until close() (reference counting still frees them)
        with collector_paused():
            bitext = load_units(paths, src_lang, tgt_lang)
            doc, _own = _make_doc(paths, bitext, glossary, qa, notes)
            gc.freeze()
        renumber = all(u.id is None or _int_id(u) is not None for u in bitext.units)
        sess = cls(paths, doc, bitext, None, notes, renumber)
        if not journal:
            return sess
        digest = files_digest(paths)
        replay: list[dict[str, Any]] = []
        header: dict[str, Any] = {}
        if paths.journal.is_file():
            jf = read_journal(paths.journal)
            header = jf.header
            if jf.header.get("sha256") == digest:
                replay = jf.ops
            elif jf.saved == digest:
                replay = jf.ops_after_save
            else:
                raise UsageError(
                    f"{tmx.name} changed since its review journal was written", paths.journal,
                    f"replay it by hand (parley review {tmx.name} --apply {paths.journal.name} "
                    "-o FIXED.tmx) or move the journal away to start afresh")
        if replay or header.get("sha256") == digest:
            # the finding states the journal started from (the ignore file already has edits)
            doc.finding_state = {str(f): "ignored" for f in header.get("ignored", [])}
            doc.finding_state.update({str(f): "accepted" for f in header.get("accepted", [])})
        for k, op in enumerate(replay):
            try:
                doc.apply(op)
            except EditError as exc:
                raise InputError(f"journal operation {k + 1} does not apply: {exc.message}",
                                 paths.journal, "move the journal away to start afresh") from None
        if replay:
            notes.append(f"recovered {len(replay)} unsaved edit(s) from {paths.journal.name}")
            sess.dirty = True
            sess.journal = Journal(paths.journal)
        else:
            sess.journal = Journal(paths.journal, sess._header(digest))
        return sess

    def _header(self, digest: str) -> dict[str, Any]:
        return {"tmx": self.paths.tmx.name, "unaligned": self.paths.unaligned.name,
                "sha256": digest, "beads": len(self.doc.beads), "created": now(),
                "ignored": sorted(k for k, v in self.doc.finding_state.items() if v == "ignored"),
                "accepted": sorted(k for k, v in self.doc.finding_state.items() if v == "accepted")}

    # -- editing

    def apply(self, op: Mapping[str, Any]) -> Result:
        """Apply, journal (fsync'ed), and keep the ignore list in step; all or nothing."""
        if self.broken:
            raise OutputError(self.broken, self.paths.journal, "restart parley review")
        result = self.doc.apply(op)
        if self.journal is not None:
            record = {"seq": self.journal.seq + 1, "at": now(), **op}
            try:
                self.journal.append(record)
            except OutputError as exc:
                self.broken = f"the journal cannot be written: {exc.message}"
                raise
            self.journal.seq += 1
        self.dirty = True
        if op.get("op") in ("finding", "undo", "redo"):
            self.write_ignore()
        return result

    def write_ignore(self) -> None:
        """``NAME.qa-ignore.txt``: every finding ignored now (one id per line, comment after)."""
        from parley.align.atomic import atomic_write_text

        ignored = sorted(k for k, v in self.doc.finding_state.items() if v == "ignored")
        if not ignored and not self.paths.ignore.exists():
            return
        about = {f.id: f"{f.rule}: {f.message}" for b in self.doc.beads for f in b.findings}
        lines = ["# QA findings ignored in parley review; use: parley check --ignore THIS_FILE"]
        lines += [f"{i}  # {about[i]}" if i in about else i for i in ignored]
        atomic_write_text(self.paths.ignore, "\n".join(lines) + "\n")

    # -- saving

    def units(self, approved_only: bool = False) -> Iterator[TranslationUnit]:
        counters: dict[str | None, int] = {}
        for u in self.doc.units():
            if self.renumber:
                k = counters[u.document] = counters.get(u.document, 0) + 1
                u = dataclasses.replace(u, id=str(k))
            if approved_only and u.props.get(STATUS_PROP) not in APPROVED:
                continue
            yield u

    def write(self, out: Path, *, approved_only: bool = False,
              unaligned: Path | None = None, protect: Iterable[Path] = ()) -> Any:
        from parley.exports.tmx import write_units

        return write_units(out, self.units(approved_only), self.doc.src_lang, self.doc.tgt_lang,
                           unaligned_path=unaligned, protect=protect)

    def save(self) -> str:
        """Write the TMX and unaligned report in place (atomically, via the journal's save
        marker); keep the original once; start a fresh journal. Returns a message."""
        p = self.paths
        if not p.backup.exists():
            shutil.copy2(p.tmx, p.backup)
        tmp_tmx, tmp_tsv = p.saving(p.tmx), p.saving(p.unaligned)
        self.write(tmp_tmx, unaligned=tmp_tsv)
        for f in (tmp_tmx, tmp_tsv):
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())
        digest = _digest_of(p, tmp_tmx, tmp_tsv)
        if self.journal is not None:
            self.journal.append({"saved": digest, "at": now()})
        os.replace(tmp_tsv, p.unaligned)
        os.replace(tmp_tmx, p.tmx)
        _fsync_dir(p.tmx)
        self.write_ignore()
        self._rebase(digest)
        self.dirty = False
        n = len(self.doc.beads)
        return f"saved {n} bead{'s' * (n != 1)} to {p.tmx.name}"

    def _rebase(self, digest: str) -> None:
        """After a save the files on disk are the new base: bead ids restart from 0 as a fresh
        load would number them, and undo history starts here."""
        doc = self.doc
        doc.beads = [dataclasses.replace(b, uid=i, unit=u)
                     for i, (b, u) in enumerate(zip(doc.beads, self.units(), strict=True))]
        doc._next_uid = len(doc.beads)
        doc.reindex()
        doc.undo_stack.clear()
        doc.redo_stack.clear()
        doc.version += 1
        if self.journal is not None:
            self.journal.close()
            self.journal = Journal(self.paths.journal, self._header(digest))

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()
        gc.unfreeze()  # what open() froze is the collector's again


def _digest_of(p: ReviewPaths, tmx: Path, tsv: Path) -> str:
    """:func:`files_digest` of the files as they will be once renamed into place."""
    h = hashlib.sha256()
    for name, path in ((p.tmx.name, tmx), (p.unaligned.name, tsv)):
        h.update(name.encode() + b"\0")
        with open(path, "rb") as fh:
            for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):  # type: ignore[misc]
                h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()


def _finish_save(p: ReviewPaths) -> None:
    """A save that crashed between its marker and its renames: finish it (the marker says the
    ``.saving`` files are complete), or drop ``.saving`` files no marker vouches for."""
    tmp_tmx, tmp_tsv = p.saving(p.tmx), p.saving(p.unaligned)
    if not (tmp_tmx.exists() or tmp_tsv.exists()):
        return
    saved = None
    if p.journal.is_file():
        with contextlib.suppress(InputError):
            saved = read_journal(p.journal).saved
    if tmp_tmx.exists() and saved is not None:
        tsv = tmp_tsv if tmp_tsv.exists() else p.unaligned
        if _digest_of(p, tmp_tmx, tsv) == saved:
            if tmp_tsv.exists():
                os.replace(tmp_tsv, p.unaligned)
            os.replace(tmp_tmx, p.tmx)
            _fsync_dir(p.tmx)
            return
    for f in (tmp_tmx, tmp_tsv):
        with contextlib.suppress(FileNotFoundError):
            f.unlink()


def _make_doc(paths: ReviewPaths, bitext: Bitext, glossary: Glossary | None, qa: bool,
              notes: list[str]) -> tuple[EditDoc, bool]:
    src, tgt = bitext.src_lang, bitext.tgt_lang
    beads = [bead_of(i, u, src, tgt) for i, u in enumerate(bitext.units)]
    own = False
    if glossary is None and qa and paths.glossary.is_file():
        from parley.align.errors import ParleyError
        from parley.exports.glossary_io import read_glossary

        try:
            glossary = read_glossary(paths.glossary, src_lang=src, tgt_lang=tgt)
            own = True
        except ParleyError as exc:
            notes.append(f"glossary not used: {exc.message}")
    checker = make_checker(src, tgt, glossary, own) if qa else None
    if qa and paths.qa_json.is_file():
        by_text: dict[tuple[str, str], list[Finding]] = {}
        for f in read_findings(paths.qa_json):
            by_text.setdefault((f.source, f.target), []).append(f)
        beads = [dataclasses.replace(b, findings=tuple(by_text.get(
            (" ".join(b.src), " ".join(b.tgt)), ()))) for b in beads]
    elif checker is not None and len(beads) <= QA_ON_LOAD_MAX:
        beads = [dataclasses.replace(b, findings=f) for b, f in zip(beads, checker(beads),
                                                                     strict=True)]
    elif checker is not None:
        notes.append(f"no {paths.qa_json.name}: QA findings appear for beads as they are edited")
    doc = EditDoc(src, tgt, beads, bitext.name, " ", checker)
    for fid in _ignore_ids(paths.ignore):
        doc.finding_state[fid] = "ignored"
    return doc, own
