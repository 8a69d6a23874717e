"""The alignment being edited: beads of sentences, the edit operations, undo and redo.

Operations are modelled on InterText's: merge a bead with its neighbour, split a bead at a
sentence boundary, move a sentence across a bead boundary, detach a sentence (1-0/0-1), edit a
side's text (a line break in the edit splits the sentence there), confirm beads, accept or ignore a
QA finding. Every operation is a plain JSON object (see :data:`OPS`) so the same object goes to the
journal, over HTTP and through ``--apply``; replaying the same objects on the same document gives
the same result, because bead ids (``uid``) are handed out by a counter.

Each operation becomes a :class:`Change`: splices of the bead list plus finding-state changes,
which undo and redo apply backwards and forwards. Beads are frozen, so a splice keeps the old
beads themselves, never a copy.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from parley.align.errors import UsageError
from parley.align.model import TranslationUnit
from parley.glossary.findings import Finding

MACHINE, REVIEWED, EDITED = "machine-aligned", "reviewed", "edited"
#: TMX prop with a unit's review status (the QA props ``x-qa-rules``/``x-qa-status`` are others')
STATUS_PROP = "x-status"
STATUSES = (MACHINE, REVIEWED, EDITED)
#: what a translator has vouched for: ``--approved-only`` keeps these
APPROVED = frozenset({REVIEWED, EDITED})
FINDING_STATES = ("open", "accepted", "ignored")
SIDES = ("src", "tgt")


#: spacing of the position index's order keys: room for ~20 splits at one spot before the
#: index is renumbered
_KEY_GAP = 1 << 20


class EditError(UsageError):
    """An operation that cannot apply to the document as it stands (stale page, bad index)."""


@dataclass(frozen=True)
class EditBead:
    """One bead: consecutive source and target sentences that translate each other.

    ``unit`` is the unit it came from (metadata and other tools' props ride along on save);
    ``findings`` are the QA findings of its current text.
    """

    uid: int
    src: tuple[str, ...]
    tgt: tuple[str, ...]
    status: str = MACHINE
    confidence: float | None = None
    unit: TranslationUnit | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    def side(self, name: str) -> tuple[str, ...]:
        return self.src if name == "src" else self.tgt


@dataclass(frozen=True)
class Splice:
    """``beads[pos:pos + len(old)] = new``."""

    pos: int
    old: tuple[EditBead, ...]
    new: tuple[EditBead, ...]


@dataclass(frozen=True)
class Change:
    """What one operation did, in a form undo can reverse."""

    splices: tuple[Splice, ...] = ()
    states: tuple[tuple[str, str, str], ...] = ()  # (finding id, old state, new state)

    def inverse(self) -> Change:
        return Change(tuple(Splice(s.pos, s.new, s.old) for s in reversed(self.splices)),
                      tuple((f, new, old) for f, old, new in reversed(self.states)))


@dataclass(frozen=True)
class Result:
    """What the page needs after an operation: beads to redraw, whether positions shifted."""

    changed: tuple[int, ...]  # uids of beads created or modified
    removed: tuple[int, ...]
    structural: bool
    focus: int | None = None  # uid the cursor should go to
    message: str = ""


#: QA hook: findings for each of the given beads (same order), computed on their joined text
QAHook = Callable[[Sequence[EditBead]], Sequence[tuple[Finding, ...]]]


def _clean_sentences(sents: Iterable[Any]) -> tuple[str, ...]:
    out = []
    for s in sents:
        if not isinstance(s, str):
            raise EditError("sentences must be strings")
        for line in re.split(r"\r\n|\r|\n", s):
            line = line.strip()
            if line:
                out.append(line)
    return tuple(out)


@dataclass
class EditDoc:
    """The editable alignment of one bitext, with undo/redo and per-finding states."""

    src_lang: str
    tgt_lang: str
    beads: list[EditBead]
    name: str | None = None
    joiner: str = " "
    qa: QAHook | None = None
    finding_state: dict[str, str] = field(default_factory=dict)
    undo_stack: list[Change] = field(default_factory=list)
    redo_stack: list[Change] = field(default_factory=list)
    version: int = 0
    _next_uid: int = 0
    #: order keys, strictly increasing along ``beads``, and each bead's key by uid: a bead's
    #: position is a binary search, and an edit re-keys only the beads it puts in, instead of
    #: renumbering every bead after it (100k beads: ~100 ms an edit near the top)
    _keys: list[int] | None = None
    _key_of: dict[int, int] | None = None
    _last_change: Change = field(default_factory=Change)

    def __post_init__(self) -> None:
        self._next_uid = max((b.uid for b in self.beads), default=-1) + 1

    # ------------------------------------------------------------------ lookup

    def pos(self, uid: Any) -> int:
        """Position of bead ``uid``; an :class:`EditError` when it is gone (stale page)."""
        if self._keys is None or self._key_of is None:
            self._keys, self._key_of = self._number()
        key = self._key_of.get(uid) if isinstance(uid, int) else None
        if key is None:
            raise EditError(f"bead {uid!r} no longer exists", hint="reload the page")
        return bisect.bisect_left(self._keys, key)

    def reindex(self) -> None:
        """Forget the position index (after replacing ``beads`` wholesale)."""
        self._keys = self._key_of = None

    def _number(self) -> tuple[list[int], dict[int, int]]:
        keys = [i * _KEY_GAP for i in range(len(self.beads))]
        return keys, {b.uid: k for b, k in zip(self.beads, keys, strict=True)}

    def _rekey(self, pos: int, old: int, new: Sequence[EditBead]) -> None:
        """Keep the index in step with ``beads[pos:pos + old] = new`` (called before it): the
        new beads get keys between their neighbours'; all are renumbered when no room is left."""
        keys, key_of = self._keys, self._key_of
        if keys is None or key_of is None:
            return
        for b in self.beads[pos:pos + old]:
            key_of.pop(b.uid, None)
        n = len(new)
        lo = keys[pos - 1] if pos > 0 else None
        hi = keys[pos + old] if pos + old < len(keys) else None
        if lo is None:
            lo = (hi if hi is not None else 0) - (n + 1) * _KEY_GAP
        if hi is None:
            hi = lo + (n + 1) * _KEY_GAP
        if hi - lo <= n:  # no room between the neighbours: renumber (rare)
            self._keys = self._key_of = None
            return
        fresh = [lo + (hi - lo) * (j + 1) // (n + 1) for j in range(n)]
        keys[pos:pos + old] = fresh
        for b, k in zip(new, fresh, strict=True):
            key_of[b.uid] = k

    def bead(self, uid: Any) -> EditBead:
        return self.beads[self.pos(uid)]

    def joined(self, b: EditBead, side: str) -> str:
        return self.joiner.join(b.side(side))

    def unit_of(self, b: EditBead) -> TranslationUnit:
        """The bead as a translation unit (what QA checks and the TMX gets)."""
        base = b.unit or TranslationUnit("", "")
        props = {k: v for k, v in base.props.items() if k != STATUS_PROP}
        props[STATUS_PROP] = b.status
        return replace(base, source=self.joined(b, "src"), target=self.joined(b, "tgt"),
                       confidence=b.confidence, bead=b.kind, props=props)

    def units(self) -> Iterator[TranslationUnit]:
        for b in self.beads:
            yield self.unit_of(b)

    def _new(self, src: Sequence[str], tgt: Sequence[str], like: EditBead, *,
             status: str = EDITED, keep_id: bool = True,
             confidence: float | str | None = "same") -> EditBead:
        uid = self._next_uid
        self._next_uid += 1
        unit = like.unit
        if unit is not None and not keep_id:
            unit = replace(unit, id=None)
        conf = like.confidence if confidence == "same" else confidence
        return EditBead(uid, tuple(src), tuple(tgt), status, conf if not isinstance(conf, str)
                        else None, unit)

    # ------------------------------------------------------------------ applying

    def apply(self, op: Mapping[str, Any]) -> Result:
        """Apply one operation object; raises :class:`EditError` when it cannot apply."""
        if not isinstance(op, Mapping):
            raise EditError("an operation is a JSON object")
        name = op.get("op")
        handler = _OPS.get(name) if isinstance(name, str) else None
        if handler is None:
            raise EditError(f"unknown operation {name!r}", hint="known: " + ", ".join(sorted(_OPS)))
        if name in ("undo", "redo"):
            return handler(self, op)
        change, focus, message = handler(self, op)
        result = self._commit(change, focus, message)
        if change.splices or change.states:
            self.undo_stack.append(self._last_change)
            self.redo_stack.clear()
        return result

    def _commit(self, change: Change, focus: int | None, message: str = "") -> Result:
        """Apply a change (the new beads get their QA findings first)."""
        fresh = [b for s in change.splices for b in s.new]
        if self.qa is not None:
            need = [b for b in fresh if not b.findings]
            if need:
                done = dict(zip((b.uid for b in need), self.qa(need), strict=True))
                change = Change(
                    tuple(Splice(s.pos, s.old, tuple(
                        replace(b, findings=done[b.uid]) if b.uid in done else b for b in s.new))
                        for s in change.splices),
                    change.states)  # the recorded change keeps them: undo/redo need no QA
        structural = False
        for s in change.splices:
            self._rekey(s.pos, len(s.old), s.new)
            self.beads[s.pos:s.pos + len(s.old)] = s.new
            same = len(s.old) == len(s.new)
            if not same or any(a.uid != b.uid for a, b in zip(s.old, s.new, strict=True)):
                structural = True
        for fid, _old, new in change.states:
            if new == "open":
                self.finding_state.pop(fid, None)
            else:
                self.finding_state[fid] = new
        self.version += 1
        old_ids = {b.uid for s in change.splices for b in s.old}
        new_ids = [b.uid for s in change.splices for b in s.new]
        removed = tuple(sorted(old_ids - set(new_ids)))
        self._last_change = change
        return Result(tuple(new_ids), removed, structural, focus, message)


def _side(op: Mapping[str, Any]) -> str:
    side = op.get("side")
    if side not in SIDES:
        raise EditError(f"side must be 'src' or 'tgt', not {side!r}")
    return str(side)


def _int(op: Mapping[str, Any], key: str) -> int:
    v = op.get(key)
    if not isinstance(v, int) or isinstance(v, bool):
        raise EditError(f"{key!r} must be a whole number")
    return v


def _neighbour(doc: EditDoc, pos: int, direction: Any) -> int:
    if direction not in ("next", "prev"):
        raise EditError(f"dir must be 'next' or 'prev', not {direction!r}")
    other = pos + 1 if direction == "next" else pos - 1
    if not 0 <= other < len(doc.beads):
        raise EditError(f"there is no {'next' if direction == 'next' else 'previous'} bead")
    return other




def _op_merge(doc: EditDoc, op: Mapping[str, Any]) -> tuple[Change, int | None, str]:
    pos = doc.pos(op.get("bead"))
    other = _neighbour(doc, pos, op.get("dir", "next"))
    a, b = doc.beads[min(pos, other)], doc.beads[max(pos, other)]
    confs = [c for c in (a.confidence, b.confidence) if c is not None]
    merged = doc._new(a.src + b.src, a.tgt + b.tgt, a, confidence=min(confs) if confs else None)
    return Change((Splice(min(pos, other), (a, b), (merged,)),)), merged.uid, "merged"


def _op_split(doc: EditDoc, op: Mapping[str, Any]) -> tuple[Change, int | None, str]:
    pos = doc.pos(op.get("bead"))
    b = doc.beads[pos]
    i, j = _int(op, "src"), _int(op, "tgt")
    if not (0 <= i <= len(b.src) and 0 <= j <= len(b.tgt)):
        raise EditError(f"split point ({i}, {j}) is outside the {b.kind} bead")
    if (i == 0 and j == 0) or (i == len(b.src) and j == len(b.tgt)):
        raise EditError("a split must leave sentences on both sides of the cut")
    first = doc._new(b.src[:i], b.tgt[:j], b)
    second = doc._new(b.src[i:], b.tgt[j:], b, keep_id=False)
    return Change((Splice(pos, (b,), (first, second)),)), second.uid, "split"


def _op_move(doc: EditDoc, op: Mapping[str, Any]) -> tuple[Change, int | None, str]:
    pos = doc.pos(op.get("bead"))
    side = _side(op)
    direction = op.get("dir")
    other = _neighbour(doc, pos, direction)
    b, n = doc.beads[pos], doc.beads[other]
    sents = b.side(side)
    if not sents:
        raise EditError(f"the bead has no {'source' if side == 'src' else 'target'} sentence")
    if direction == "prev":
        moved, rest = sents[0], sents[1:]
        into = (*n.side(side), moved)
    else:
        moved, rest = sents[-1], sents[:-1]
        into = (moved, *n.side(side))
    nb = doc._new(*((rest, b.tgt) if side == "src" else (b.src, rest)), b)
    nn = doc._new(*((into, n.tgt) if side == "src" else (n.src, into)), n)
    pair = (nn, nb) if direction == "prev" else (nb, nn)
    keep = tuple(x for x in pair if x.src or x.tgt)
    start = min(pos, other)
    return (Change((Splice(start, (doc.beads[start], doc.beads[start + 1]), keep),)), nn.uid,
            "moved")


def _op_detach(doc: EditDoc, op: Mapping[str, Any]) -> tuple[Change, int | None, str]:
    """The first or last sentence of a side leaves the bead as a 1-0 / 0-1 bead of its own
    (before or after it, so both sides keep their order)."""
    pos = doc.pos(op.get("bead"))
    side = _side(op)
    b = doc.beads[pos]
    sents = b.side(side)
    k = _int(op, "sent")
    if not 0 <= k < len(sents):
        raise EditError(f"sentence {k + 1} is not in the bead")
    if not b.side("tgt" if side == "src" else "src"):
        raise EditError("this sentence already has no counterpart")
    if k not in (0, len(sents) - 1):
        raise EditError("only the first or last sentence of a side can be detached",
                        hint="split the bead first")
    lone = (sents[k],)
    rest = sents[1:] if k == 0 else sents[:-1]
    empty: tuple[str, ...] = ()
    src, tgt = (lone, empty) if side == "src" else (empty, lone)
    alone = doc._new(src, tgt, b, keep_id=False, confidence=None)
    kept = doc._new(*((rest, b.tgt) if side == "src" else (b.src, rest)), b)
    new = (alone, kept) if k == 0 else (kept, alone)
    return Change((Splice(pos, (b,), new),)), alone.uid, "detached"


def _op_edit(doc: EditDoc, op: Mapping[str, Any]) -> tuple[Change, int | None, str]:
    pos = doc.pos(op.get("bead"))
    side = _side(op)
    sents = op.get("sents")
    if isinstance(sents, str) or not isinstance(sents, list):
        raise EditError("'sents' must be a list of sentences")
    new_side = _clean_sentences(sents)
    b = doc.beads[pos]
    if new_side == b.side(side):
        return Change(), b.uid, "unchanged"
    nb = doc._new(*((new_side, b.tgt) if side == "src" else (b.src, new_side)), b)
    keep = (nb,) if nb.src or nb.tgt else ()
    return Change((Splice(pos, (b,), keep),)), nb.uid if keep else None, "edited"


def _confirm(doc: EditDoc, positions: Iterable[int], value: bool) -> Change:
    splices = []
    for pos in positions:
        b = doc.beads[pos]
        if value and b.status == MACHINE:
            splices.append(Splice(pos, (b,), (replace(b, status=REVIEWED),)))
        elif not value and b.status == REVIEWED:
            splices.append(Splice(pos, (b,), (replace(b, status=MACHINE),)))
    return Change(tuple(splices))


def _op_confirm(doc: EditDoc, op: Mapping[str, Any]) -> tuple[Change, int | None, str]:
    uids = op.get("beads")
    if not isinstance(uids, list):
        raise EditError("'beads' must be a list of bead ids")
    value = op.get("value", True)
    change = _confirm(doc, sorted(doc.pos(u) for u in uids), bool(value))
    n = len(change.splices)
    return change, uids[-1] if uids else None, f"{n} bead{'s' * (n != 1)} " + (
        "confirmed" if value else "unconfirmed")


def _op_confirm_above(doc: EditDoc, op: Mapping[str, Any]) -> tuple[Change, int | None, str]:
    """Confirm every link (both sides present) at or above ``min`` confidence."""
    low = op.get("min")
    if not isinstance(low, (int, float)) or isinstance(low, bool) or not 0 <= low <= 1:
        raise EditError("'min' must be a confidence between 0 and 1")
    change = _confirm(doc, (i for i, b in enumerate(doc.beads)
                            if b.src and b.tgt and b.confidence is not None
                            and b.confidence >= low), True)
    n = len(change.splices)
    return change, None, f"{n} bead{'s' * (n != 1)} at or above {low:g} confirmed"


def _op_finding(doc: EditDoc, op: Mapping[str, Any]) -> tuple[Change, int | None, str]:
    fid, state = op.get("id"), op.get("state")
    if not isinstance(fid, str) or not fid:
        raise EditError("'id' must name a finding")
    if state not in FINDING_STATES:
        raise EditError(f"state must be one of {', '.join(FINDING_STATES)}")
    old = doc.finding_state.get(fid, "open")
    if old == state:
        return Change(), None, f"finding already {state}"
    return Change(states=((fid, old, str(state)),)), None, f"finding {state}"


def _op_undo(doc: EditDoc, op: Mapping[str, Any]) -> Result:  # noqa: ARG001 - handler signature
    if not doc.undo_stack:
        raise EditError("nothing to undo")
    change = doc.undo_stack.pop()
    result = doc._commit(change.inverse(), None, "undone")
    doc.redo_stack.append(change)
    return _focus_first(result)


def _op_redo(doc: EditDoc, op: Mapping[str, Any]) -> Result:  # noqa: ARG001 - handler signature
    if not doc.redo_stack:
        raise EditError("nothing to redo")
    change = doc.redo_stack.pop()
    result = doc._commit(change, None, "redone")
    doc.undo_stack.append(doc._last_change)
    return _focus_first(result)


def _focus_first(r: Result) -> Result:
    return replace(r, focus=r.changed[0] if r.changed else None)


_OPS: dict[str, Any] = {
    "merge": _op_merge, "split": _op_split, "move": _op_move, "detach": _op_detach,
    "edit": _op_edit, "confirm": _op_confirm, "confirm_above": _op_confirm_above,
    "finding": _op_finding, "undo": _op_undo, "redo": _op_redo,
}
#: operation name -> its fields, for the README and error hints
OPS = {
    "merge": "bead, dir (next|prev)",
    "split": "bead, src, tgt (sentences before the cut on each side)",
    "move": "bead, side (src|tgt), dir (prev: its first sentence to the previous bead; "
            "next: its last sentence to the next bead)",
    "detach": "bead, side, sent (first or last sentence becomes a 1-0 / 0-1 bead)",
    "edit": "bead, side, sents (the side's sentences; a line break splits a sentence)",
    "confirm": "beads (list), value (true|false)",
    "confirm_above": "min (confidence)",
    "finding": "id, state (open|accepted|ignored)",
    "undo": "", "redo": "",
}
