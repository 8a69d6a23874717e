"""Atomic output: write to a temp file beside the target, then rename over it.

Readers never see a half-written file, Ctrl-C leaves nothing behind, and an input is never
overwritten by accident (callers pass the inputs they read as ``protect``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
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


#: Final paths being written right now in this process: a second output onto the same file
#: (``--unaligned`` given the output's own name) would otherwise silently replace the first.
_IN_FLIGHT: set[str] = set()

def _check_target(path: Path, protect: Iterable[str | Path]) -> Path:
    """Refuse what must never be replaced and return the real file to replace.

    ``-`` is refused here (commands that can stream to stdout handle it before); a device,
    FIFO or socket (``/dev/null``, ``/dev/stdout``) is never replaced by a regular file; a
    symlink to a regular file is followed, so the link survives and its target is updated."""
    if str(path) == "-":
        raise OutputError("this output cannot go to stdout ('-')", hint="give a file name")
    for p in protect:
        try:
            if Path(p).resolve() == path.resolve():
                raise OutputError(
                    "refusing to overwrite an input file", path, "choose another output path"
                )
        except OSError:
            continue
    if _special_tree(path):
        raise OutputError("refusing to write into /dev or /proc", path, "give a regular file name")
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:  # ENOTDIR (a path under a file), ELOOP, EACCES
        raise OutputError(f"cannot write here ({exc.strerror})", path) from exc
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError("output path is a directory", path, "give a file name")
        if not stat.S_ISREG(st.st_mode):
            raise OutputError("refusing to replace a device or special file", path,
                              "give a regular file name")
    real = path.resolve() if path.is_symlink() else path
    if str(real.absolute()) in _IN_FLIGHT:
        raise OutputError("the same file is given for two outputs", path,
                          "give each output its own name")
    return real


def check_output(path: str | Path, *, protect: Iterable[str | Path] = (),
                 others: Iterable[str | Path] = ()) -> None:
    """Validate an output path before any work is done, so a command never writes one output
    and then fails on the next: special files, inputs, a folder that is a file or read-only,
    and the same path given for two outputs (``others``)."""
    target = _check_target(Path(path), protect)
    for other in others:
        if Path(other).absolute() == target.absolute():
            raise OutputError("the same file is given for two outputs", target,
                              "give each output its own name")
    parent = target.parent if str(target.parent) else Path(".")
    probe = parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        raise OutputError(f"cannot write here ({probe} is not a folder)", target)
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError("cannot write here (read-only or no permission)", target,
                          "write elsewhere")


def _special_tree(path: Path) -> bool:
    """``/dev/stdout`` may resolve to a regular file (stdout redirected); replacing it would
    still swap the file under the shell's feet, so the device trees are refused by name."""
    try:
        names = {str(path.absolute()), str(path.resolve())}
    except OSError:
        names = {str(path.absolute())}
    return any(n.startswith(("/dev/", "/proc/")) for n in names)


def _part_prefix(target: Path) -> str:
    """``.NAME.PID.`` : the writer's pid in the temp name lets a later run tell a leftover of a
    killed process from a file another live process is still writing."""
    return f".{target.name}.{os.getpid()}."


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, another user's
        return True
    return True


def clean_stale_parts(folder: str | Path, name: str | None = None) -> list[Path]:
    """Remove ``.NAME.PID.*.part`` files in ``folder`` whose writer is no longer running
    (``kill -9``, power loss); return what was removed. Files of live writers are kept."""
    removed: list[Path] = []
    folder = Path(folder) if str(folder) else Path(".")
    pattern = f".{name}.*.part" if name else ".*.part"
    try:
        candidates = list(folder.glob(pattern))
    except OSError:
        return removed
    for part in candidates:
        m = _PART.match(part.name)
        if not m or (name is not None and m.group(1) != name) or _alive(int(m.group(2))):
            continue
        with contextlib.suppress(OSError):
            part.unlink()
            removed.append(part)
    return removed


_PART = re.compile(r"^\.(.+)\.(\d+)\.[^.]+\.part$")


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
    that insist on writing a file name themselves (polars ``write_parquet``).

    Any OSError while writing (disk full, read-only filesystem) becomes an :class:`OutputError`
    naming the final file; the temp file is removed whatever happens (Ctrl-C, SIGTERM)."""
    target = _check_target(Path(path), protect)
    parent = target.parent if str(target.parent) else Path(".")
    # the name is chosen before the file exists, so a signal at any point can remove it
    tmp = str(parent / f"{_part_prefix(target)}{secrets.token_hex(6)}.part")
    key = str(target.absolute())
    try:
        try:
            parent.mkdir(parents=True, exist_ok=True)
            clean_stale_parts(parent, target.name)
            os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except OSError as exc:
            raise OutputError(f"cannot create output ({exc.strerror})", target) from exc
        _IN_FLIGHT.add(key)
        yield Path(tmp)
        os.chmod(tmp, _umask_mode())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write output ({exc.strerror or exc})", target,
                          _hint(exc.errno)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        _IN_FLIGHT.discard(key)


def _hint(code: int | None) -> str | None:
    return {
        errno.ENOSPC: "free some disk space or write elsewhere",
        errno.EDQUOT: "free some disk space or write elsewhere",
        errno.EROFS: "the filesystem is read-only; write elsewhere",
        errno.EACCES: "no permission; write elsewhere",
    }.get(code or 0)


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


#: The lock file of an output folder (kept: removing it would race with a run that waits).
LOCK_NAME = ".parley.lock"


@contextlib.contextmanager
def folder_lock(folder: str | Path) -> Iterator[Path]:
    """Hold the output folder for one run: a second run into the same folder is refused at once
    (two runs would leave a mixed set: one run's TMX beside the other's glossary and summary).
    The lock is an ``flock`` on ``.parley.lock``, released by the kernel if the run dies, so a
    ``kill -9`` never leaves the folder locked. Stale temp files of dead writers are removed."""
    import fcntl

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot use the output folder ({exc.strerror})", folder) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise OutputError(f"another parley run (pid {holder}) is writing into this folder",
                              folder, "wait for it to finish, or give another -o") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        clean_stale_parts(folder)
        yield folder
    finally:
        os.close(fd)  # closing releases the flock
