"""The two library calls behind ``parley review``: serve the editor, or replay a journal."""

from __future__ import annotations

import contextlib
import signal
from pathlib import Path
from typing import Any

from parley.align.errors import InputError, UsageError
from parley.exports.editor.model import EditError
from parley.exports.editor.session import ReviewPaths, Session, files_digest, locked, read_journal


def apply_journal(tmx: Path, journal: Path, output: Path, *, approved_only: bool = False,
                  src_lang: str | None = None, tgt_lang: str | None = None) -> dict[str, Any]:
    """Replay ``journal`` on ``tmx`` and write the result to ``output`` (plus its unaligned
    report); the journal must have been made for these very files (their SHA-256)."""
    if not journal.is_file():
        raise InputError("journal not found", journal)
    jf = read_journal(journal)
    paths = ReviewPaths(tmx)
    digest = files_digest(paths)
    if jf.header.get("sha256") == digest:
        ops = jf.ops
    elif jf.saved == digest:
        ops = jf.ops_after_save
    else:
        raise UsageError(f"the journal was made for another version of {tmx.name}", journal,
                         "give the TMX (and its .unaligned.tsv) the journal started from")
    if output.resolve() in (tmx.resolve(), journal.resolve()):
        raise UsageError("-o would overwrite an input", output, "write the result elsewhere")
    sess = Session.open(tmx, src_lang=src_lang, tgt_lang=tgt_lang, journal=False, qa=False)
    for k, op in enumerate(ops):
        try:
            sess.doc.apply(op)
        except EditError as exc:
            raise InputError(f"journal operation {k + 1} does not apply: {exc.message}",
                             journal) from None
    unaligned = ReviewPaths(output).unaligned
    report = sess.write(output, approved_only=approved_only, unaligned=unaligned,
                        protect=(tmx, journal, paths.unaligned))
    statuses: dict[str, int] = {}
    for b in sess.doc.beads:
        statuses[b.status] = statuses.get(b.status, 0) + 1
    return {"output": str(output), "operations": len(ops), "beads": len(sess.doc.beads),
            "written": report.written, "unaligned": report.skipped_empty_side,
            "unaligned_file": str(unaligned), **{f"status_{k}": v for k, v in statuses.items()},
            "approved_only": approved_only}


def serve(tmx: Path, *, port: int = 0, open_browser: bool = True,
          glossary_path: Path | None = None, src_lang: str | None = None,
          tgt_lang: str | None = None, low_confidence: float = 0.5) -> None:
    """Run the editor until the page's Quit, Ctrl-C or SIGTERM; save on the way out."""
    import secrets

    from parley.exports.editor.server import Editor, make_server, url_of, warm
    from parley.ui import info

    glossary = None
    if glossary_path is not None:
        from parley.exports.glossary_io import read_glossary

        glossary = read_glossary(glossary_path, src_lang=src_lang, tgt_lang=tgt_lang)
    paths = ReviewPaths(tmx)
    token = secrets.token_urlsafe(24)
    # the lock before anything is read: a second server must not replay the same journal
    with locked(paths, {"tmx": str(tmx)}):
        sess = Session.open(tmx, src_lang=src_lang, tgt_lang=tgt_lang, glossary=glossary)
        try:
            editor = Editor(sess, low_confidence=low_confidence)
            httpd, state = make_server(editor, port, token)
            url = url_of(state)
            _note_url(paths, url)
            warm(sess.doc)
            for note in sess.notes:
                info(note)
            info(f"parley review: {len(sess.doc.beads)} beads of {tmx.name}; Ctrl-C saves and stops")
            print(url, flush=True)
            if open_browser and _has_gui():
                import webbrowser

                with contextlib.suppress(Exception):
                    webbrowser.open(url)
            else:
                info("open the URL above in your browser")
            prev = signal.signal(signal.SIGTERM, _raise_interrupt)
            try:
                httpd.serve_forever(poll_interval=0.2)
            except KeyboardInterrupt:
                pass
            finally:
                signal.signal(signal.SIGTERM, prev)
                httpd.server_close()
                with editor.lock:
                    if sess.dirty:
                        info(sess.save())
        finally:
            sess.close()


def _has_gui() -> bool:
    """Whether a graphical browser can open: on a Linux console webbrowser would start a text
    browser (lynx, w3m) in the very terminal that runs the server."""
    import os
    import sys

    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _raise_interrupt(signum: int, frame: Any) -> None:  # noqa: ARG001 - signal handler signature
    raise KeyboardInterrupt


def _note_url(paths: ReviewPaths, url: str) -> None:
    """Put the URL (without token) in the lock, so a refused second start can point to it."""
    import json
    import os

    with contextlib.suppress(OSError):
        data = json.loads(paths.lock.read_text(encoding="utf-8"))
        data["url"] = url.split("?")[0]
        tmp = paths.lock.with_name(paths.lock.name + ".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, paths.lock)

