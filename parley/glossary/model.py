"""The glossary model: concept-oriented entries (as in TBX) holding terms in several languages."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

#: TBX administrative statuses, in the order a translator should prefer them.
STATUSES = ("preferred", "admitted", "deprecated", "superseded", "forbidden")
#: Entry types: plain terms and the names that matter for consistency too.
ENTRY_TYPES = ("term", "person", "organization", "place", "acronym")
#: How far an entry may be trusted. An extracted entry is a *candidate* until a terminologist
#: approves it; an entry read from a user's own glossary is *approved* (it is their reference);
#: entries of the shipped starter term base are candidates (unverified, see its note). Extraction
#: marks an entry approved only when an approved term-base entry gives the same pair.
ENTRY_STATUSES = ("candidate", "approved")


@dataclass(frozen=True)
class Term:
    """One designation of a concept in one language."""

    text: str
    lang: str
    status: str = "preferred"
    pos: str | None = None
    count: int = 0
    lemma: str | None = None

    @property
    def approved(self) -> bool:
        return self.status in ("preferred", "admitted")


@dataclass(frozen=True)
class TermEntry:
    """A concept: its terms in every language, with subject field, type and evidence."""

    id: str
    terms: tuple[Term, ...]
    subject: str | None = None
    type: str = "term"
    note: str | None = None
    definition: str | None = None
    contexts: Mapping[str, str] = field(default_factory=dict)
    confidence: float | None = None
    score: float | None = None
    source: str | None = None
    #: "candidate" or "approved" (see :data:`ENTRY_STATUSES`)
    status: str = "approved"
    #: evidence for a reviewer: source-term units in the text, the share of them whose target
    #: holds the main rendering, and the id (or 1-based number) of the example unit in contexts
    frequency: int | None = None
    consistency: float | None = None
    example_unit: str | None = None

    @property
    def is_approved(self) -> bool:
        return self.status == "approved"

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        """Terms for ``lang`` (``ru`` also matches ``ru-RU``)."""
        base = lang.lower().split("-")[0]
        return tuple(t for t in self.terms if t.lang.lower().split("-")[0] == base)

    def approved_in(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms_in(lang) if t.approved)

    def main_term(self, lang: str) -> Term | None:
        terms = self.approved_in(lang) or self.terms_in(lang)
        return terms[0] if terms else None


@dataclass(frozen=True)
class Glossary:
    """An ordered collection of entries (best first when extracted)."""

    entries: tuple[TermEntry, ...]
    langs: tuple[str, ...] = ()
    name: str | None = None

    def __iter__(self) -> Iterator[TermEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)
