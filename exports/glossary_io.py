"""Glossary files: one entry point to read and write any supported glossary format.

Starts with the OmegaT glossary (``source<TAB>target<TAB>comment``); TBX, CSV and Parquet plug
in through ``GLOSSARY_FORMATS`` the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from align.atomic import atomic_open
from align.errors import InputError, UsageError
from glossary.model import Glossary, Term, TermEntry

GlossaryReader = Callable[..., Glossary]
GlossaryWriter = Callable[..., None]

#: name -> (reader, writer, extensions)
GLOSSARY_FORMATS: dict[str, tuple[GlossaryReader, GlossaryWriter, tuple[str, ...]]] = {}


def read_omegat(path: Path, src_lang: str = "en", tgt_lang: str = "ru") -> Glossary:
    if not path.is_file():
        raise InputError("glossary file not found", path)
    entries: list[TermEntry] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        note = cols[2] if len(cols) > 2 and cols[2] else None
        entries.append(
            TermEntry(f"e{len(entries) + 1}", (Term(cols[0].strip(), src_lang),
                                               Term(cols[1].strip(), tgt_lang)), note=note)
        )
    return Glossary(tuple(entries), (src_lang, tgt_lang), path.name)


def write_omegat(path: Path, glossary: Glossary, src_lang: str = "en", tgt_lang: str = "ru",
                 **_: Any) -> None:
    with atomic_open(path) as fh:
        for e in glossary.entries:
            s, t = e.main_term(src_lang), e.main_term(tgt_lang)
            if s is None or t is None:
                continue
            fh.write(f"{s.text}\t{t.text}\t{e.note or ''}\n")


GLOSSARY_FORMATS["omegat"] = (read_omegat, write_omegat, (".txt", ".utf8", ".tab"))


def _fmt(path: Path, fmt: str | None) -> str:
    if fmt:
        if fmt not in GLOSSARY_FORMATS:
            raise UsageError(f"unknown glossary format {fmt!r}")
        return fmt
    for name, (_, _, exts) in GLOSSARY_FORMATS.items():
        if path.suffix.lower() in exts:
            return name
    raise UsageError(f"cannot tell the glossary format of {path.name}", path)


def read_glossary(path: str | Path, fmt: str | None = None, **options: Any) -> Glossary:
    p = Path(path)
    return GLOSSARY_FORMATS[_fmt(p, fmt)][0](p, **options)


def write_glossary(path: str | Path, glossary: Glossary, fmt: str | None = None,
                   **options: Any) -> None:
    p = Path(path)
    GLOSSARY_FORMATS[_fmt(p, fmt)][1](p, glossary, **options)
