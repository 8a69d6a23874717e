"""Document pairs for corpus tests and benchmarks, built from ../shared/data.

WMT21 news documents (Russian originals with two English references: two en-ru pairs per
document) and the UN dev set cut into documents (windows of sentences; the UN set is sampled
sentences, so these documents are not running text, but they are real UN language).
"""

from __future__ import annotations

import json
from pathlib import Path


def _write(path: Path, paragraphs: list[list[str]]) -> None:
    path.write_text("\n\n".join(" ".join(p) for p in paragraphs) + "\n", encoding="utf-8")


def wmt_pairs(data: Path, folder: Path, refs: tuple[str, ...] = ("ref_A", "ref_B"),
              limit: int | None = None) -> list[tuple[Path, Path, str]]:
    """en-ru pairs ``wmt-DOC-REF`` from ``wmt21-enru/newstest2021.ru-en.docs.jsonl``."""
    folder.mkdir(parents=True, exist_ok=True)
    out: list[tuple[Path, Path, str]] = []
    lines = (data / "wmt21-enru" / "newstest2021.ru-en.docs.jsonl").read_text("utf-8").splitlines()
    for line in lines:
        doc = json.loads(line)
        for ref in refs:
            if limit is not None and len(out) >= limit:
                return out
            paras_en: dict[int, list[str]] = {}
            paras_ru: dict[int, list[str]] = {}
            for seg in doc["segments"]:
                paras_en.setdefault(seg["p"], []).append(seg[ref])
                paras_ru.setdefault(seg["p"], []).append(seg["src"])
            name = f"wmt-{doc['doc_id'].replace('.', '_')}-{ref[-1]}"
            en, ru = folder / f"{name}.en.txt", folder / f"{name}.ru.txt"
            _write(en, [paras_en[k] for k in sorted(paras_en)])
            _write(ru, [paras_ru[k] for k in sorted(paras_ru)])
            out.append((en, ru, name))
    return out


def un_pairs(data: Path, folder: Path, size: int = 16, stride: int = 2,
             limit: int | None = None) -> list[tuple[Path, Path, str]]:
    """en-ru pairs ``un-NNNN``: windows of ``size`` UN dev sentences every ``stride`` lines,
    four sentences a paragraph."""
    folder.mkdir(parents=True, exist_ok=True)
    en_lines = (data / "un-dev" / "UNv1.0.devset.en").read_text("utf-8").splitlines()
    ru_lines = (data / "un-dev" / "UNv1.0.devset.ru").read_text("utf-8").splitlines()
    out: list[tuple[Path, Path, str]] = []
    for k, start in enumerate(range(0, len(en_lines) - size + 1, stride)):
        if limit is not None and len(out) >= limit:
            break
        name = f"un-{k:04d}"
        en, ru = folder / f"{name}.en.txt", folder / f"{name}.ru.txt"
        win = range(start, start + size)
        _write(en, [[en_lines[i] for i in win if (i - start) // 4 == j] for j in range(size // 4)])
        _write(ru, [[ru_lines[i] for i in win if (i - start) // 4 == j] for j in range(size // 4)])
        out.append((en, ru, name))
    return out


def write_pairs_file(pairs: list[tuple[Path, Path, str]], path: Path) -> Path:
    path.write_text("".join(f"{s}\t{t}\t{n}\n" for s, t, n in pairs), encoding="utf-8")
    return path


def seed_pairs(gold: Path, folder: Path, docs: int = 6, size: int = 24,
               para: int = 4) -> list[tuple[Path, Path, str]]:
    """en-ru pairs ``seed-N`` cut from the seed's gold alignment (``en<TAB>ru`` per bead):
    consecutive windows of ``size`` beads, ``para`` beads a paragraph. Real diplomatic text
    that ships with the repository, so the corpus tests never skip."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [line.split("\t") for line in gold.read_text("utf-8").splitlines()[1:] if "\t" in line]
    out: list[tuple[Path, Path, str]] = []
    for k in range(docs):
        win = rows[k * size:(k + 1) * size]
        if not win:
            break
        name = f"seed-{k + 1}"
        en, ru = folder / f"{name}.en.txt", folder / f"{name}.ru.txt"
        _write(en, [[r[0] for r in win[i:i + para] if r[0].strip()] for i in range(0, len(win), para)])
        _write(ru, [[r[1] for r in win[i:i + para] if r[1].strip()] for i in range(0, len(win), para)])
        out.append((en, ru, name))
    return out
