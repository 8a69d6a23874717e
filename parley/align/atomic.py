"""Atomic output: write to a temp file beside the target, then rename over it.

Readers never see a half-written file, Ctrl-C leaves nothing behind, and an input is never
overwritten by accident (callers pass the inputs they read as ``protect``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Literal, overload

from parley.align.errors import OutputError


def _umask_mode() -> int:
    """Mode a plain ``open()`` would give: mkstemp makes 0600 files, which other users (and a
    CAT tool run as another user) could not read."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _check_target(path: Path, protect: Iterable[str | Path]) -> None:
    for p in protect:
        try:
            if Path(p).resolve() == path.resolve():
                raise OutputError(
                    "refusing to overwrite an input file", path, "choose another output path"
                )
        except OSError:
            continue
    if path.is_dir():
        raise OutputError("output path is a directory", path, "give a file name")


@overload
def atomic_open(
    path: str | Path,
    mode: Literal["w"] = "w",
    *,
    protect: Iterable[str | Path] = (),
    encoding: str = "utf-8",
    newline: str | None = "\n",
) -> contextlib.AbstractContextManager[IO[str]]: ...


@overload
def atomic_open(
    path: str | Path,
    mode: Literal["wb"],
    *,
    protect: Iterable[str | Path] = (),
    encoding: str = "utf-8",
    newline: str | None = "\n",
) -> contextlib.AbstractContextManager[IO[bytes]]: ...


def atomic_open(
    path: str | Path,
    mode: str = "w",
    *,
    protect: Iterable[str | Path] = (),
    encoding: str = "utf-8",
    newline: str | None = "\n",
) -> contextlib.AbstractContextManager[IO[str]] | contextlib.AbstractContextManager[IO[bytes]]:
    """Open ``path`` for writing through a temp file that replaces it only on success."""
    return _atomic(Path(path), mode, tuple(protect), encoding, newline)


@contextlib.contextmanager
def atomic_path(path: str | Path, *, protect: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Yield a temp path beside ``path`` that replaces it only on success. Also for libraries
    that insist on writing a file name themselves (polars ``write_parquet``)."""
    target = Path(path)
    _check_target(target, protect)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=parent)
    except OSError as exc:
        raise OutputError(f"cannot create output ({exc.strerror})", target) from exc
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, _umask_mode())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _atomic(
    path: Path, mode: str, protect: tuple[str | Path, ...], encoding: str, newline: str | None
) -> Iterator[IO]:  # type: ignore[type-arg]
    with atomic_path(path, protect=protect) as tmp:
        if "b" in mode:
            with open(tmp, "wb") as fb:
                yield fb
        else:
            with open(tmp, "w", encoding=encoding, newline=newline) as ft:
                yield ft


def atomic_write_text(
    path: str | Path, text: str, *, protect: Iterable[str | Path] = ()
) -> None:
    """Write a whole text file atomically (UTF-8, LF)."""
    with atomic_open(path, "w", protect=protect) as fh:
        fh.write(text)


def atomic_write_bytes(
    path: str | Path, data: bytes, *, protect: Iterable[str | Path] = ()
) -> None:
    """Write a whole binary file atomically."""
    with atomic_open(path, "wb", protect=protect) as fh:
        fh.write(data)
