"""The starter term base shipped with parley: >300 diplomatic / UN concepts in en, ru, fr, es.

Written for the project from general knowledge of UN usage; it is a prior for extraction (it
boosts recall and labels the subject field) and a default glossary for lookup. Users replace it
with their own (any format ``parley.exports.glossary_io`` reads). Verify against UNTERM before relying
on it: every entry carries that note.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from parley.glossary.model import Glossary, Term, TermEntry

VERIFY_NOTE = "starter term base: verify against UNTERM before relying on it"
TERMBASE_LANGS = ("en", "ru", "fr", "es")


def parse_termbase_tsv(text: str, name: str = "starter", status: str = "approved") -> Glossary:
    """Parse the ``subject<TAB>type<TAB>en<TAB>ru<TAB>fr<TAB>es`` layout ("|" between synonyms).

    ``status`` is every entry's status: a user's own list is approved, the unverified starter
    term base is only a candidate list."""
    entries: list[TermEntry] = []
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        row = dict(zip(header, cols, strict=False))
        terms: list[Term] = []
        for lang in header[2:]:
            for k, t in enumerate(s.strip() for s in row.get(lang, "").split("|")):
                if t:
                    terms.append(Term(t, lang, "preferred" if k == 0 else "admitted", pos="noun"))
        entries.append(TermEntry(f"tb{len(entries) + 1}", tuple(terms), subject=row.get("subject"),
                                 type=row.get("type") or "term", note=VERIFY_NOTE, source=name,
                                 status=status))
    langs = tuple(header[2:]) if header else TERMBASE_LANGS
    return Glossary(tuple(entries), langs, name)


@cache
def load_starter_termbase() -> Glossary:
    """The shipped term base (parsed once per process)."""
    data = resources.files("parley.glossary").joinpath("data")
    text = data.joinpath("starter_termbase.tsv").read_text("utf-8")
    return parse_termbase_tsv(text, "parley starter term base", status="candidate")
