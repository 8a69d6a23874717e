"""A long review page's bead files: written into a fresh folder that then replaces the old one.

Each part of the document has two scripts that hand it to the page: ``beads-NNNN.js``
(``parleyReview.rows(token, k, html)``, the rows as rendered) and ``text-NNNN.js``
(``parleyReview.texts(token, k, [text, ...])``, each bead's plain text for the page's
search). The token ties the files to the page written with them, so a page never mixes its
rows with another run's.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from parley.align.errors import OutputError
from parley.align.model import TranslationUnit

#: what a folder of bead files may hold: only then is it replaced (or removed) by a new page
_OURS = re.compile(r"(?:beads|text)-\d{4,}\.js")
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def rows_script(token: str, k: int, rows: str) -> str:
    """The script of part ``k``'s rows (``beads-NNNN.js``)."""
    return f"parleyReview.rows({_js([token, k, rows])[1:-1]});\n"


def texts_script(token: str, k: int, units: Sequence[TranslationUnit]) -> str:
    """The script of part ``k``'s plain text for search (``text-NNNN.js``): a fifth of the
    rows' size, so searching every bead reads much less than drawing them."""
    texts = [_UNSAFE.sub("\ufffd", f"{u.source}\n{u.target}") for u in units]
    return f"parleyReview.texts({_js([token, k, texts])[1:-1]});\n"


def _js(value: object) -> str:
    # "</" and U+2028/9 escaped: the same text stays valid were it ever inlined in a page
    text = json.dumps(value, ensure_ascii=False).replace("</", "<\\/")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _check_folder(folder: Path, protect: Iterable[str | Path]) -> bool:
    """Whether ``folder`` exists (as bead files of ours); refuse anything else there."""
    target = folder.resolve()
    for p in protect:
        with contextlib.suppress(OSError):
            rp = Path(p).resolve()
            if rp == target or target in rp.parents:
                raise OutputError("refusing to replace a folder that holds an input", folder,
                                  "choose another output name for the review page")
    if not folder.exists() and not folder.is_symlink():
        return False
    if folder.is_symlink() or not folder.is_dir():
        raise OutputError("the review page's bead folder name is taken by a file", folder,
                          "move it away or choose another output name")
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError as exc:
        raise OutputError(f"cannot read the bead folder ({exc.strerror})", folder) from exc
    strange = [n for n in names if not _OURS.fullmatch(n)]
    if strange:
        raise OutputError(
            f"refusing to replace a folder that holds other files ({strange[0]})", folder,
            "move it away or choose another output name for the review page")
    return True


def write_bead_folder(folder: Path, files: Iterable[tuple[str, str]], *,
                      protect: Iterable[str | Path] = ()) -> None:
    """Write ``files`` (name, text) into a temp folder beside ``folder``, then put it in
    ``folder``'s place: a reader never sees a half-written set, Ctrl-C leaves no half folder."""
    exists = _check_folder(folder, protect)
    tag = f".{folder.name}.{os.getpid()}.{secrets.token_hex(4)}"
    tmp, old = folder.with_name(tag + ".part"), folder.with_name(tag + ".old")
    try:
        tmp.mkdir()
        for name, text in files:
            (tmp / name).write_text(text, encoding="utf-8")
        if exists:
            os.rename(folder, old)
        os.rename(tmp, folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if exists and old.exists() and not folder.exists():
            os.rename(old, folder)
        raise OutputError(f"cannot write the review page's bead files ({exc.strerror})",
                          folder, "check the free space and permissions there") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def remove_bead_folder(folder: Path) -> None:
    """Drop the bead files an earlier, longer page left under this name (ours only)."""
    with contextlib.suppress(OutputError, OSError):
        if _check_folder(folder, ()) and any(folder.iterdir()):
            shutil.rmtree(folder)
