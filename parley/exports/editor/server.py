"""The editor's local web server: the page, a paged JSON API over the beads, and the operations.

Standard library only (``http.server``), bound to 127.0.0.1. Every request needs the random token
of the printed URL (query ``token`` for the page and its assets, header ``X-Parley-Token`` for the
API) and a ``Host`` header naming this server, so neither another local user nor a web page in
the same browser (DNS rebinding, cross-site requests) can read or change the TMX. One lock
serialises access to the session: the page is one translator's.

Rows are rendered to HTML here, through the review page's escaping and highlighting, so hostile
text cannot become markup, and the page only ever holds the beads it shows (paged), which keeps a
100,000-bead document as quick to open as a small one.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from parley.align.errors import ParleyError
from parley.exports.editor.model import OPS, EditBead, EditDoc, EditError, Result
from parley.exports.editor.session import Session
from parley.exports.review import (
    HIGH_CONFIDENCE,
    _esc,
    _lang_name,
    _Mark,
    _render_text,
    confidence_band,
)
from parley.glossary.findings import SEVERITIES, Finding

#: filter name -> label (the page's buttons; keys 1-5)
FILTERS = {
    "all": "All",
    "low": "Low confidence",
    "unaligned": "Unaligned",
    "findings": "With findings",
    "unconfirmed": "Not confirmed",
}
PAGE_MAX = 500
#: assets served under /static/: name -> (package, content type)
_STATIC = {"editor.js": ("parley.exports.editor", "text/javascript"),
           "editor.css": ("parley.exports.editor", "text/css"),
           "palette.css": ("parley.exports", "text/css")}


def band(b: EditBead, low: float) -> str:
    """Confidence colour of a bead, as on the static review page."""
    return confidence_band(bool(b.src and b.tgt), b.confidence, low)


@dataclass
class View:
    """Which beads the page lists: a filter and a search over both sides."""

    filter: str = "all"
    query: str = ""
    regex: bool = False

    def matcher(self) -> Callable[[str], bool] | None:
        if not self.query:
            return None
        if self.regex:
            try:
                rx = re.compile(self.query, re.IGNORECASE)
            except re.error as exc:
                raise EditError(f"bad regular expression: {exc}") from None
            return lambda t: rx.search(t) is not None
        q = self.query.casefold()
        return lambda t: q in t.casefold()


class Editor:
    """Everything the HTTP handler calls, behind one lock; no HTTP in here."""

    def __init__(self, session: Session, *, low_confidence: float = 0.5,
                 glossary: Any = None) -> None:
        self.session = session
        self.low = low_confidence
        self.lock = threading.RLock()
        self._view_cache: dict[tuple[Any, ...], Sequence[int]] = {}
        self._counts: tuple[int, list[int]] | None = None
        self._rows: dict[int, tuple[EditBead, str, dict[str, Any]]] = {}
        self._terms: tuple[Any, Any] | None = None
        g = glossary
        if g is None and session.doc.qa is not None:
            g = getattr(session.doc.qa, "glossary", None)
        if g is not None and len(g):
            from parley.exports.review import _TermIndex

            d = session.doc
            self._terms = (_TermIndex(g, d.src_lang, d.tgt_lang),
                           _TermIndex(g, d.tgt_lang, d.src_lang))

    @property
    def doc(self) -> EditDoc:
        return self.session.doc

    # -- views

    def _keep(self, name: str, b: EditBead) -> bool:
        if name == "all":
            return True
        return bool(self._flags(b)[("low", "unaligned", "findings", "unconfirmed").index(name)])

    def positions(self, view: View) -> Sequence[int]:
        """Positions of the beads the view shows (cached per document version); all beads are
        a ``range``, not a list of 100,000 numbers rebuilt after every edit."""
        key = (self.doc.version, view.filter, view.query, view.regex)
        hit = self._view_cache.get(key)
        if hit is not None:
            return hit
        if view.filter not in FILTERS:
            raise EditError(f"unknown filter {view.filter!r}")
        match = view.matcher()
        beads = self.doc.beads
        out: Sequence[int]
        if view.filter == "all" and match is None:
            out = range(len(beads))
        else:
            j = self.doc.joiner
            out = [i for i, b in enumerate(beads) if self._keep(view.filter, b) and (
                match is None or match(j.join(b.src)) or match(j.join(b.tgt)))]
        if len(self._view_cache) > 16:
            self._view_cache.clear()
        self._view_cache[key] = out
        return out

    def _flags(self, b: EditBead) -> tuple[int, int, int, int]:
        """(low, unaligned, with open findings, not confirmed) of one bead, as 0/1."""
        state = self.doc.finding_state
        gap = not b.src or not b.tgt
        low = not gap and b.confidence is not None and b.confidence < self.low
        open_f = any(state.get(f.id, "open") == "open" for f in b.findings) if b.findings else False
        return int(low), int(gap), int(open_f), int(b.status == "machine-aligned")

    def _recount(self) -> list[int]:
        """:meth:`_flags` summed over every bead, inlined: the page's first request waits on
        it (100k beads: 0.10 -> 0.014 CPU s)."""
        state, threshold = self.doc.finding_state, self.low
        low = gap = found = unconfirmed = 0
        for b in self.doc.beads:
            if not b.src or not b.tgt:
                gap += 1
            elif b.confidence is not None and b.confidence < threshold:
                low += 1
            if b.findings and any(state.get(f.id, "open") == "open" for f in b.findings):
                found += 1
            if b.status == "machine-aligned":
                unconfirmed += 1
        return [low, gap, found, unconfirmed]

    def counts(self) -> dict[str, int]:
        """Beads per filter; after an edit only the beads it touched are recounted."""
        if self._counts is None or self._counts[0] != self.doc.version:
            self._counts = (self.doc.version, self._recount())
        low, gap, found, unconfirmed = self._counts[1]
        n = len(self.doc.beads)
        return {"all": n, "low": low, "unaligned": gap, "findings": found,
                "unconfirmed": unconfirmed, "confirmed": n - unconfirmed}

    def _update_counts(self, before: int) -> None:
        """Carry the counts over one change (finding-state changes: a full recount)."""
        change = self.doc._last_change
        if self._counts is None or self._counts[0] != before or change.states:
            self._counts = None
            return
        c = list(self._counts[1])
        for s in change.splices:
            for sign, beads in ((-1, s.old), (1, s.new)):
                for b in beads:
                    for k, v in enumerate(self._flags(b)):
                        c[k] += sign * v
        self._counts = (self.doc.version, c)

    # -- rows

    def _side_html(self, b: EditBead, side: str, index: Any) -> list[str]:
        sents = b.side(side)
        if not sents:
            return []
        text = self.doc.joiner.join(sents)
        marks: list[_Mark] = []
        if index is not None and index:
            for a, z, entry, term in index.find(text):
                cls, title = index.title(entry, term)
                marks.append(_Mark(a, z, cls, title))
        long = "source" if side == "src" else "target"
        for f in b.findings:
            if self.doc.finding_state.get(f.id, "open") != "open":
                continue
            sev = f.severity if f.severity in SEVERITIES else "info"
            for s_side, a, z in f.spans:
                if s_side in (side, long):
                    marks.append(_Mark(a, z, f"qa qa-{sev}", f"{f.rule}: {f.message}"))
        out, start = [], 0
        for s in sents:
            end = start + len(s)
            local = [_Mark(max(m.start, start) - start, min(m.end, end) - start, m.cls, m.title)
                     for m in marks if m.start < end and m.end > start]
            out.append(_render_text(s, local))
            start = end + len(self.doc.joiner)
        return out

    def _finding(self, f: Finding) -> dict[str, Any]:
        return {"id": f.id, "rule": f.rule, "severity": f.severity, "message": _esc(f.message),
                "state": self.doc.finding_state.get(f.id, "open"),
                "details": [[_esc(k), _esc(v)] for k, v in f.details.items()]}

    def row(self, pos: int) -> dict[str, Any]:
        b = self.doc.beads[pos]
        hit = self._rows.get(b.uid)
        states = tuple(self.doc.finding_state.get(f.id, "open") for f in b.findings)
        if hit is None or hit[0] is not b or hit[1] != repr(states):
            si, ti = self._terms or (None, None)
            row = {
                "uid": b.uid, "src": self._side_html(b, "src", si),
                "tgt": self._side_html(b, "tgt", ti),
                "conf": None if b.confidence is None else round(b.confidence, 3),
                "band": band(b, self.low), "kind": b.kind, "status": b.status,
                "findings": [self._finding(f) for f in b.findings],
                "para": b.unit.paragraph if b.unit is not None else None,
            }
            if len(self._rows) > 20000:
                self._rows.clear()
            self._rows[b.uid] = hit = (b, repr(states), row)
        return {**hit[2], "n": pos + 1}

    def page(self, view: View, offset: int, limit: int, around: int | None) -> dict[str, Any]:
        with self.lock:
            pos = self.positions(view)
            limit = max(1, min(limit, PAGE_MAX))
            if around is not None:
                try:
                    at = self.doc.pos(around)
                except EditError:
                    at = None
                if at is not None:
                    import bisect

                    k = bisect.bisect_left(pos, at)
                    if k < len(pos):
                        offset = (k // limit) * limit
            offset = max(0, min(offset, max(len(pos) - 1, 0)))
            return {"total": len(pos), "offset": offset, "limit": limit,
                    "beads": [self.row(i) for i in pos[offset:offset + limit]],
                    "counts": self.counts(), "version": self.doc.version,
                    "dirty": self.session.dirty, "undo": len(self.doc.undo_stack),
                    "redo": len(self.doc.redo_stack)}

    def meta(self) -> dict[str, Any]:
        d = self.doc
        return {"name": d.name or self.session.paths.tmx.name,
                "tmx": str(self.session.paths.tmx), "src_lang": d.src_lang,
                "tgt_lang": d.tgt_lang, "src_name": _lang_name(d.src_lang),
                "tgt_name": _lang_name(d.tgt_lang), "low": self.low, "high": HIGH_CONFIDENCE,
                "filters": FILTERS, "ops": OPS, "notes": self.session.notes,
                "ignore_file": str(self.session.paths.ignore)}

    def op(self, op: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            before = self.doc.version
            result: Result = self.session.apply(op)
            self._update_counts(before)
            return {"ok": True, "message": result.message, "focus": result.focus,
                    "changed": list(result.changed), "removed": list(result.removed),
                    "version": self.doc.version, "dirty": self.session.dirty}

    def save(self) -> dict[str, Any]:
        with self.lock:
            self._rows.clear()
            return {"ok": True, "message": self.session.save(), "version": self.doc.version}


def _asset(name: str) -> str:
    return resources.files("parley.exports.editor").joinpath(name).read_text(encoding="utf-8")


@dataclass
class ServerState:
    editor: Editor
    token: str
    port: int = 0
    stop: Callable[[], None] = field(default=lambda: None)


class Handler(BaseHTTPRequestHandler):
    """Token and Host checks first, then the page, its assets, or the API."""

    server_version = "parley-review"
    sys_version = ""
    state: ServerState  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: ARG002 - quiet: the terminal is the user's
        return

    # -- plumbing

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy",
                         "default-src 'none'; script-src 'self'; style-src 'self'; "
                         "connect-src 'self'; img-src 'self' data:; base-uri 'none'; "
                         "form-action 'none'; frame-ancestors 'none'")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _allowed(self, query: Mapping[str, list[str]]) -> bool:
        port = self.state.port
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            self._json(HTTPStatus.MISDIRECTED_REQUEST, {"ok": False, "error": "wrong Host header"})
            return False
        given = self.headers.get("X-Parley-Token") or (query.get("token") or [""])[0]
        if not hmac.compare_digest(given.encode(), self.state.token.encode()):
            self._json(HTTPStatus.FORBIDDEN, {"ok": False, "error": "missing or wrong token: "
                                              "open the URL parley review printed"})
            return False
        return True

    # -- verbs

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if not self._allowed(query):
            return
        ed = self.state.editor
        try:
            if url.path == "/":
                self._send(200, self._page().encode("utf-8"), "text/html; charset=utf-8")
            elif url.path.startswith("/static/") and url.path[8:] in _STATIC:
                package, ctype = _STATIC[url.path[8:]]
                text = resources.files(package).joinpath(url.path[8:]).read_text(encoding="utf-8")
                self._send(200, text.encode("utf-8"), ctype + "; charset=utf-8")
            elif url.path == "/api/meta":
                self._json(200, ed.meta())
            elif url.path == "/api/beads":
                self._json(200, ed.page(*_view_args(query)))
            else:
                self._json(404, {"ok": False, "error": "not found"})
        except ParleyError as exc:
            self._json(400, {"ok": False, "error": str(exc.message)})
        except ValueError as exc:
            self._json(400, {"ok": False, "error": str(exc)})

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if not self._allowed(query):
            return
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            self._json(415, {"ok": False, "error": "send JSON"})
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}") if length else {}
        except ValueError:
            self._json(400, {"ok": False, "error": "body is not JSON"})
            return
        ed = self.state.editor
        try:
            if url.path == "/api/op":
                res = ed.op(body)
                if "limit" in query:  # the page's view: answer with its redrawn beads too
                    view, offset, limit, _around = _view_args(query)
                    res["page"] = ed.page(view, offset, limit, res["focus"])
                self._json(200, res)
            elif url.path == "/api/save":
                self._json(200, ed.save())
            elif url.path == "/api/quit":
                msg = ed.save()["message"] if ed.session.dirty else "nothing to save"
                self._json(200, {"ok": True, "message": msg + "; the editor has stopped"})
                threading.Thread(target=self.state.stop, daemon=True).start()
            else:
                self._json(404, {"ok": False, "error": "not found"})
        except EditError as exc:
            self._json(409, {"ok": False, "error": exc.message})
        except ParleyError as exc:
            self._json(500, {"ok": False, "error": str(exc)})

    def _page(self) -> str:
        meta = self.state.editor.meta()
        tok = _esc(self.state.token)
        keys = "".join(f'<button type="button" data-filter="{k}" aria-pressed="false">'
                       f'<kbd>{n}</kbd> {_esc(v)} <span class="count" data-count="{k}"></span>'
                       "</button>" for n, (k, v) in enumerate(FILTERS.items(), 1))
        return (_asset("editor.html")
                .replace("{{TOKEN}}", tok)
                .replace("{{TITLE}}", _esc(str(meta["name"])))
                .replace("{{SRC}}", _esc(meta["src_name"]))
                .replace("{{TGT}}", _esc(meta["tgt_name"]))
                .replace("{{FILTERS}}", keys))


def _view_args(query: Mapping[str, list[str]]) -> tuple[View, int, int, int | None]:
    """(view, offset, limit, around) from a query string."""

    def one(k: str, default: str = "") -> str:
        return (query.get(k) or [default])[0]

    view = View(one("filter", "all"), one("q"), one("regex") in ("1", "true"))
    around = one("around")
    return (view, int(one("offset", "0") or 0), int(one("limit", "100") or 100),
            int(around) if around.lstrip("-").isdigit() else None)


def make_server(editor: Editor, port: int = 0, token: str | None = None
                ) -> tuple[ThreadingHTTPServer, ServerState]:
    """A server on 127.0.0.1:``port`` (0: any free port); not yet serving."""
    state = ServerState(editor, token or secrets.token_urlsafe(24))
    handler = type("BoundHandler", (Handler,), {"state": state})
    try:
        httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        from parley.align.errors import UsageError

        raise UsageError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror})",
                         hint="choose another --port, or 0 for any free one") from exc
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    state.stop = httpd.shutdown
    return httpd, state


def url_of(state: ServerState) -> str:
    return f"http://127.0.0.1:{state.port}/?token={state.token}"


def warm(doc: EditDoc, beads: Sequence[EditBead] = ()) -> None:
    """Run QA once on a bead so the first edit does not pay for loading the analysers."""
    if doc.qa is not None and doc.beads:
        doc.qa(list(beads) or doc.beads[:1])
