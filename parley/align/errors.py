"""Exception hierarchy shared by every parley package.

The CLI catches :class:`ParleyError` once and prints ``str(err)`` as a single line on stderr,
then exits with ``err.exit_code``. Messages should say what went wrong, which file, and what to do.
"""

from __future__ import annotations

from pathlib import Path


class ParleyError(Exception):
    """Root of all errors a user can cause or fix. Never shown with a traceback."""

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None, hint: str | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path is not None else ""
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{tail}"


class UsageError(ParleyError):
    """Bad combination of options or arguments (exit 2, like Click)."""

    exit_code = 2


class InputError(ParleyError):
    """An input file is missing, a directory, empty, binary, or otherwise unreadable (exit 3)."""

    exit_code = 3


class EncodingError(InputError):
    """The text encoding could not be detected or the given one does not fit (exit 3)."""


class FormatError(ParleyError):
    """A file is in a known format but its content is broken or hostile (exit 4)."""

    exit_code = 4


class LanguageError(ParleyError):
    """An unknown or unsupported language code (exit 5)."""

    exit_code = 5


class ModelError(ParleyError):
    """A machine-translation model or an optional extra (``mt``, ``cluster``) is missing or
    unusable (exit 6)."""

    exit_code = 6


class QualityGateError(ParleyError):
    """A check found problems at or above the ``--fail-on`` level (exit 7)."""

    exit_code = 7


class OutputError(ParleyError):
    """An output cannot be written, or would overwrite an input (exit 8)."""

    exit_code = 8


#: Documented exit codes, shown in ``parley --help`` and the README.
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "other parley error",
    2: "usage error (bad option or argument combination)",
    3: "input file missing, a directory, unreadable, empty, binary or undecodable",
    4: "malformed or unsafe file content (e.g. broken XML)",
    5: "unknown or unsupported language",
    6: "machine-translation model or extra missing",
    7: "quality check failed at the --fail-on level",
    8: "output cannot be written (disk full, read-only, special file) or would overwrite an input",
    130: "interrupted (Ctrl-C); no partial output left behind",
    143: "terminated (SIGTERM); no partial output left behind",
}


def require_file(path: str | Path, what: str = "file", hint: str | None = None) -> Path:
    """``path`` as an input file that can be opened, or the one-line error a user needs.

    Every reader calls this first, so that a missing file, a directory, a FIFO or device, and
    a file without read permission (or under a folder that denies access) each get their own
    message and exit 3, the same in every command: Click's own path check gave a three-line
    usage error, exit 2, and readers used to call a directory "not found". ``hint`` replaces
    the generic "check the path" for a missing file.
    """
    import os
    import stat

    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except PermissionError as exc:
        raise InputError("cannot read this file (permission denied on a folder in its path)", p,
                         "check the folders' permissions") from exc
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise InputError(f"{what} not found", p, hint or "check the path") from exc
    except OSError as exc:
        raise InputError(f"cannot use this file ({exc.strerror})", p) from exc
    if stat.S_ISDIR(mode):
        raise InputError(f"is a directory, not a {what}", p, "give a file inside it")
    if not stat.S_ISREG(mode):
        raise InputError(f"not a regular file (a device, FIFO or socket), not a {what}", p,
                         "give a file")
    if not os.access(p, os.R_OK):
        raise InputError("cannot read this file (permission denied)", p,
                         "check its permissions, e.g. chmod u+r")
    return p
