"""Document pairs for the corpus tests, cut from the seed speech's gold alignment."""

from __future__ import annotations

from pathlib import Path


def _write(path: Path, paragraphs: list[list[str]]) -> None:
    path.write_text("\n\n".join(" ".join(p) for p in paragraphs) + "\n", encoding="utf-8")


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
