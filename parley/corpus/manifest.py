"""The corpus manifest: which document pairs make the corpus.

Three forms, so a user can point at what they already have: the pairs file ``run --pairs``
takes (``SRC<TAB>TGT[<TAB>NAME]``), a CSV or Parquet table with columns ``src, tgt[, name]``
(what a data team exports), or two folders whose files pair by name (``talk.en.txt`` in one,
``talk.ru.txt`` or ``talk.txt`` in the other).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from parley.align.errors import FormatError, InputError, UsageError, require_file
from parley.pipeline import Pair, default_name, read_pairs_file

_NAME_OK = re.compile(r"[\w.-]+", re.UNICODE)


@dataclass(frozen=True)
class Manifest:
    """The pairs to process, and files of a folder pair that found no counterpart (reported,
    never silently dropped)."""

    pairs: tuple[Pair, ...]
    unmatched: tuple[Path, ...] = ()


def read_manifest(first: Path, second: Path | None = None, *, src_lang: str = "",
                  tgt_lang: str = "") -> Manifest:
    """Read the manifest in whichever of the three forms ``first`` (and ``second``) is."""
    if second is not None or first.is_dir():
        if second is None or not (first.is_dir() and second.is_dir()):
            raise UsageError("two folders pair by file name: give SRC_DIR and TGT_DIR", first)
        return pair_folders(first, second, src_lang, tgt_lang)
    suffix = first.suffix.lower()
    if suffix in (".csv", ".parquet"):
        return Manifest(tuple(_read_table(first)))
    return Manifest(tuple(read_pairs_file(first)))


def _read_table(path: Path) -> list[Pair]:
    import polars as pl

    require_file(path, "manifest")
    try:
        df = pl.read_parquet(path) if path.suffix.lower() == ".parquet" else pl.read_csv(
            path, infer_schema=False)
    except Exception as exc:  # polars raises several unrelated types for a broken file
        raise FormatError(f"not a readable manifest ({type(exc).__name__})", path) from exc
    cols = {c.lower().strip(): c for c in df.columns}
    if "src" not in cols or "tgt" not in cols:
        raise FormatError("the manifest needs columns src and tgt (name optional)", path,
                          "found: " + ", ".join(df.columns))
    folder = path.resolve().parent
    pairs: list[Pair] = []
    names: dict[str, int] = {}
    for n, row in enumerate(df.iter_rows(named=True), start=2):
        src = _resolve(row[cols["src"]], folder, path, n, "src")
        tgt_s = row[cols["tgt"]]
        tgt = _resolve(tgt_s, folder, path, n, "tgt") if tgt_s and str(tgt_s).strip() else None
        name = str(row.get(cols.get("name", ""), "") or "").strip() or default_name(src, tgt)
        if not _NAME_OK.fullmatch(name) or name.startswith("."):
            raise FormatError(f"row {n}: name {name!r} is not usable as a file name", path)
        if name in names:
            raise FormatError(f"row {n}: name {name!r} already used on row {names[name]}", path,
                              "give each pair its own name")
        names[name] = n
        pairs.append(Pair(src, tgt, name, n))
    if not pairs:
        raise InputError("manifest lists no pairs", path)
    return pairs


def _resolve(value: object, folder: Path, manifest: Path, n: int, what: str) -> Path:
    text = str(value or "").strip()
    if not text:
        raise FormatError(f"row {n}: the {what} column is empty", manifest)
    p = Path(text).expanduser()
    p = p if p.is_absolute() else folder / p
    if not p.is_file():
        raise InputError(f"row {n}: {what} file {text!r} " +
                         ("is a directory" if p.is_dir() else "not found"), manifest,
                         f"paths are relative to {folder}")
    return p


def _stem_key(name: str, lang: str) -> str:
    """A file name without its language tag: ``talk.en.txt``, ``talk_en.txt``, ``en.talk.txt``
    -> ``talk.txt``; names without one are kept whole."""
    parts = name.split(".")
    kept = [p for i, p in enumerate(parts) if not (lang and p.lower() == lang and i < len(parts) - 1)]
    if len(kept) == len(parts) and lang:
        stem = parts[0]
        for sep in ("_", "-"):
            if stem.lower().endswith(sep + lang):
                kept[0] = stem[: -len(lang) - 1]
                break
    return ".".join(kept)


def pair_folders(src_dir: Path, tgt_dir: Path, src_lang: str, tgt_lang: str) -> Manifest:
    """Pair regular, non-hidden files of two folders (not recursive) by name, with or without
    a language tag; files with no counterpart are returned as unmatched."""
    def listing(folder: Path, lang: str) -> dict[str, Path]:
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        out: dict[str, Path] = {}
        for p in files:
            key = _stem_key(p.name, lang)
            if key in out:
                raise UsageError(f"{out[key].name} and {p.name} pair with the same name", folder)
            out[key] = p
        return out

    srcs, tgts = listing(src_dir, src_lang), listing(tgt_dir, tgt_lang)
    if not set(srcs) & set(tgts):
        # no match with tags stripped: maybe the folders use identical names with tags
        srcs, tgts = listing(src_dir, ""), listing(tgt_dir, "")
    pairs, taken = [], set()
    for key in sorted(set(srcs) & set(tgts)):
        name = default_name(srcs[key], tgts[key])
        base, k = name, 2
        while name in taken:
            name, k = f"{base}-{k}", k + 1
        taken.add(name)
        pairs.append(Pair(srcs[key], tgts[key], name))
    if not pairs:
        raise InputError("no files of the two folders pair by name", src_dir,
                         f"name them alike, e.g. talk.{src_lang or 'en'}.txt and "
                         f"talk.{tgt_lang or 'ru'}.txt")
    unmatched = [srcs[k] for k in sorted(set(srcs) - set(tgts))]
    unmatched += [tgts[k] for k in sorted(set(tgts) - set(srcs))]
    return Manifest(tuple(pairs), tuple(unmatched))
