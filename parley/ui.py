"""Terminal plumbing shared by all commands: error handling, output, progress bars.

Library code never prints; it takes an optional ``progress`` callback, and the CLI supplies one
that drives a rich progress bar only when stderr is a terminal and ``--quiet`` is off.
"""

from __future__ import annotations

import errno
import functools
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import Any, TypeVar

import typer

from parley.align.errors import ParleyError

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


class MtMode(str, Enum):
    """The one MT switch of ``run`` and ``align``: an installed model when there is one (auto),
    always (argos: a missing model is an error), or never (none)."""

    auto = "auto"
    argos = "argos"
    none = "none"


class _State:
    quiet = False
    verbose = False


STATE = _State()


def err_line(message: str) -> None:
    """One line on stderr, the way every user-facing failure is reported."""
    # library messages (lxml's) may carry newlines: the contract is one line
    flat = " ".join(part.strip() for part in message.splitlines() if part.strip())
    typer.echo(f"parley: error: {flat}", err=True)


def info(message: str) -> None:
    """A progress/info line on stderr unless --quiet."""
    if not STATE.quiet:
        typer.echo(message, err=True)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that every ``with`` block unwinds and atomic
    writes remove their temp files (``kill`` leaves no ``.NAME.*.part`` behind)."""


def _on_sigterm(_signum: int, _frame: Any) -> None:
    raise Terminated()


#: errno values that mean the disk or filesystem refused a write (exit 8, not 3).
_WRITE_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EFBIG}


def error_json(exc: ParleyError) -> dict[str, Any]:
    """The ``--json`` form of an error: scripts read stdout, so it gets an object too."""
    return {"error": {
        "type": type(exc).__name__, "exit_code": exc.exit_code, "message": exc.message,
        "path": None if exc.path is None else str(exc.path), "hint": exc.hint,
        "line": str(exc),
    }}


def as_parley_error(exc: BaseException) -> ParleyError | None:
    """An exception a user caused but a library raised bare (disk full, bad bytes), as a
    :class:`ParleyError`; ``None`` for anything else (a bug, which keeps its traceback)."""
    from parley.align.errors import EncodingError, InputError, OutputError

    if isinstance(exc, ParleyError):
        return exc
    if isinstance(exc, OSError):
        what = exc.strerror or str(exc)
        path = exc.filename
        if exc.errno in _WRITE_ERRNOS:
            return OutputError(f"cannot write ({what})", path)
        return InputError(f"cannot use this file ({what})", path)
    if type(exc) is LookupError and "language" in str(exc):  # wordfreq on a code it lacks
        from parley.align.errors import LanguageError

        return LanguageError(f"unsupported language ({exc})", hint="use an ISO 639 code")
    if isinstance(exc, UnicodeDecodeError):
        return EncodingError(f"not valid {exc.encoding} text (byte {exc.start})",
                             hint="save the file as UTF-8")
    return None


def renamed(new: T | None, old: T | None, old_name: str, new_name: str) -> T | None:
    """The value of an option that has a deprecated spelling (a hidden option ``old_name``),
    so that scripts written for the old spelling keep working; giving both is refused."""
    if old is None:
        return new
    if new is not None and new != old:
        from parley.align.errors import UsageError

        raise UsageError(f"{old_name} is the old spelling of {new_name}; give only {new_name}")
    info(f"note: {old_name} is deprecated, use {new_name}")
    return old


def guard(func: F) -> F:
    """Turn ParleyError (and a bare OSError) into one stderr line and its documented exit
    code (no traceback), plus a JSON error object on stdout when the command has ``--json``;
    Ctrl-C exits 130, SIGTERM 143, both after temp files are removed."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        previous = _install_sigterm()
        try:
            return func(*args, **kwargs)
        except (ParleyError, OSError, UnicodeDecodeError, LookupError) as raw:
            exc = as_parley_error(raw)
            if exc is None:  # a KeyError or IndexError is a bug: keep its traceback
                raise
            if kwargs.get("as_json"):
                print_json(error_json(exc))
            err_line(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err_line("interrupted; no partial output was written")
            raise typer.Exit(130) from None
        except Terminated:
            err_line("terminated; no partial output was written")
            raise typer.Exit(143) from None
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    return wrapper  # type: ignore[return-value]


def _install_sigterm() -> Any:
    """Our SIGTERM handler while a command runs (main thread only; Python's rule)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _on_sigterm)


def print_json(data: Any) -> None:
    """Machine-readable output on stdout (UTF-8, not ASCII-escaped)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_table(
    title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """A rich table on stdout for people. Every cell is plain text: rich would otherwise read
    ``[b]`` as markup and ``:warning:`` as an emoji, changing what a unit or term says."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title) if title is not None else None, show_lines=False)
    for col in columns:
        table.add_column(Text(col), overflow="fold")
    for row in rows:
        table.add_row(*(Text("" if v is None else str(v)) for v in row))
    Console(soft_wrap=False).print(table)


def show_progress() -> bool:
    return not STATE.quiet and sys.stderr.isatty()


@contextmanager
def progress_bar(
    description: str, total: int | None, unit: str | None = None
) -> Iterator[Callable[..., None]]:
    """Yield an ``advance(n, total=None)`` callback: a rich bar on a terminal, a no-op when piped.

    ``total`` may be given late (once the work is counted); ``unit`` adds a rate column
    ("12.3 sentences/s")."""
    if not show_progress():

        def _noop(*_args: Any, **_kwargs: Any) -> None:
            return None

        yield _noop
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns: list[Any] = [
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    if unit:
        columns.append(_rate_column(unit))
    with Progress(*columns, console=Console(stderr=True), transient=True) as prog:
        task = prog.add_task(description, total=total)

        def _advance(n: int = 1, total: int | None = None) -> None:
            if total is not None:
                prog.update(task, total=total)
            if n:
                prog.advance(task, n)

        yield _advance


def _rate_column(unit: str) -> Any:
    """A rich column showing items per second (rich's own speed column counts bytes)."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:,.1f} {unit}/s")

    return RateColumn()
