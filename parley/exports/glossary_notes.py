"""One note for glossary formats without data categories of their own (TBX note, OmegaT
comment, spreadsheet columns): entry type, review status and the extractor's evidence.

The glossary model is growing a review status (candidate/approved) and evidence (frequency,
consistency, variant counts); these read them with ``getattr`` so that any model carries them.
"""

from __future__ import annotations

from parley.glossary.model import TermEntry


def evidence_text(e: TermEntry) -> str | None:
    """The extractor's evidence (frequency, consistency, variant counts…) in one phrase, from
    whatever the glossary model carries (``evidence`` as a mapping or a dataclass)."""
    from dataclasses import asdict, is_dataclass

    ev = getattr(e, "evidence", None)
    if ev is None:
        return None
    items = asdict(ev) if is_dataclass(ev) and not isinstance(ev, type) else ev
    if not isinstance(items, dict):
        return str(ev)
    parts = []
    for k, v in items.items():
        if v is None or v == "" or v == () or v == {}:
            continue
        shown = f"{v:.2f}" if isinstance(v, float) else str(v)
        parts.append(f"{k.replace('_', ' ')} {shown}")
    return ", ".join(parts) or None


def entry_status(e: TermEntry) -> str | None:
    """The entry's review status (``candidate``/``approved``) when the glossary model has one."""
    status = getattr(e, "status", None)
    return str(status) if status else None


def candidate_mark(e: TermEntry) -> str | None:
    """``candidate`` for an entry still to be reviewed, else nothing: approved is what any
    glossary without a mark is read as, so notes and comments carry only the exception."""
    return "candidate" if entry_status(e) == "candidate" else None


def entry_note(e: TermEntry) -> str | None:
    """One note for formats without data categories of their own: type, review status,
    confidence, evidence, then the user's or extractor's note."""
    parts = [f"type: {e.type}"] if e.type != "term" else []
    if candidate_mark(e):
        parts.append(f"status: {candidate_mark(e)}")
    if e.confidence is not None:
        parts.append(f"confidence: {e.confidence:.3f}")
    ev = evidence_text(e)
    if ev:
        parts.append(f"evidence: {ev}")
    if e.note:
        parts.append(e.note)
    return "; ".join(parts) or None


def status_from_note(note: str | None, *, labelled: bool = True) -> str:
    """The review status a note written by :func:`entry_note` (``status: candidate``) or an
    OmegaT comment (``place; candidate; …``, ``labelled=False``) records; ``approved`` when it
    records none, since a glossary the user wrote is theirs to trust. Reading it back matters:
    an extracted candidate read as approved would turn QA notes into errors."""
    for part in (note or "").split(";"):
        part = part.strip()
        if labelled and part.startswith("status:"):
            part = part[len("status:"):].strip()
        elif labelled:
            continue
        if part in ("candidate", "approved"):
            return part
    return "approved"


def confidence_from_note(note: str | None) -> float | None:
    """The ``confidence: 0.731`` that :func:`entry_note` writes, if any."""
    for part in (note or "").split(";"):
        part = part.strip()
        if part.startswith("confidence:"):
            try:
                return float(part[len("confidence:"):])
            except ValueError:
                return None
    return None
