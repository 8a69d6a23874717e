"""Where the pairs run: Dask distributed (an existing scheduler or a local cluster of worker
processes), or in this process (tests, the reference single-process run).

An executor is anything with ``map``: it runs ``fn`` on every item and yields ``(index, result)``
as results come, an exception in place of a result when the task itself was lost (its worker
died more often than the scheduler's ``allowed-failures``). Dask retries tasks of a worker that
died on the other workers by itself; parley never schedules anything of its own.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from parley.align.errors import ModelError, UsageError

#: Times a task may be on a worker that dies before Dask gives up on it (a pair that kills
#: every worker it touches, by memory or a crash, is then reported as failed).
ALLOWED_FAILURES = 3
ENV_SCHEDULER = "DASK_SCHEDULER_ADDRESS"
#: Dask settings for the clusters parley starts (bench/corpus.py measured both):
#: - the nanny's MALLOC_TRIM_THRESHOLD_ unset: setting it switches off glibc's dynamic mmap
#:   threshold, so every numpy array over 128 KiB the aligner makes is mmap'd, faulted in and
#:   unmapped again: pair tasks took 3x the CPU (2/3 of it system time) of a plain process;
#: - the statistical profiler off: it samples the task thread every 10 ms.
LOCAL_CONFIG = {
    "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
}


class Executor(Protocol):
    """Runs tasks somewhere; see the module docstring."""

    description: str
    dashboard: str | None

    @property
    def workers(self) -> int: ...

    def map(self, fn: Callable[..., Any], items: Sequence[Any], keys: Sequence[str] | None = None,
            **shared: Any) -> Iterator[tuple[int, Any]]: ...


@dataclass
class InlineExecutor:
    """Everything in this process, in order: the reference run outputs are compared with."""

    description: str = "in this process"
    dashboard: str | None = None

    @property
    def workers(self) -> int:
        return 1

    def map(self, fn: Callable[..., Any], items: Sequence[Any], keys: Sequence[str] | None = None,
            **shared: Any) -> Iterator[tuple[int, Any]]:
        del keys  # task names only matter to a scheduler
        for i, item in enumerate(items):
            try:
                yield i, fn(item, **shared)
            except Exception as exc:
                yield i, exc


@dataclass
class DaskExecutor:
    """Tasks on a Dask distributed cluster through ``client``."""

    client: Any
    description: str
    dashboard: str | None

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1).get("workers", {}))

    def map(self, fn: Callable[..., Any], items: Sequence[Any], keys: Sequence[str] | None = None,
            **shared: Any) -> Iterator[tuple[int, Any]]:
        from distributed import as_completed

        if not items:
            return
        if shared:
            # one copy per worker, not one per task (a glossary can be large)
            shared = {k: self.client.scatter(v, broadcast=True) for k, v in shared.items()}
        futures = self.client.map(fn, list(items), key=list(keys) if keys else None, pure=False,
                                  **shared)
        index = {f.key: i for i, f in enumerate(futures)}
        try:
            for fut in as_completed(futures, loop=self.client.loop):
                try:
                    yield index[fut.key], fut.result()
                except Exception as exc:  # KilledWorker, or the task raised
                    yield index[fut.key], exc
                fut.release()
        finally:
            self.client.cancel([f for f in futures if not f.done()])


def _quiet_dask() -> None:
    """Dask logs worker deaths and retries as warnings: the summary reports what matters."""
    for name in ("distributed", "distributed.scheduler", "distributed.worker", "distributed.nanny",
                 "distributed.core", "distributed.client", "bokeh", "tornado"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _dashboard_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


@contextlib.contextmanager
def dask_executor(scheduler: str | None = None, workers: int | None = None) -> Iterator[DaskExecutor]:
    """A Dask executor on ``scheduler`` (or ``$DASK_SCHEDULER_ADDRESS``), else on a local
    cluster of ``workers`` single-threaded processes (default: one per core)."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ModelError("parley corpus needs Dask distributed", hint="pip install "
                         "'parley-tm[cluster]' (or: pip install 'dask[distributed]')") from exc
    _quiet_dask()
    address = scheduler or os.environ.get(ENV_SCHEDULER) or None
    with dask.config.set(LOCAL_CONFIG):
        if address:
            if workers is not None:
                raise UsageError("give --scheduler or --workers, not both",
                                 hint="the cluster's workers are started with 'dask worker'")
            try:
                client = Client(address, timeout="15s", set_as_default=False)
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {address}",
                                 hint="start it with 'dask scheduler', or check the address") from exc
            with client:
                yield DaskExecutor(client, f"Dask scheduler {address}", _link(client))
            return
        from parley.pipeline import default_jobs

        n = workers if workers else default_jobs()
        if n < 1:
            raise UsageError(f"--workers must be 1 or more, not {n}")
        cluster = LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True,
            dashboard_address=":0",  # a free port: 8787 may be another cluster's
            silence_logs=logging.CRITICAL, host="127.0.0.1",
        )
        with cluster, Client(cluster, set_as_default=False) as client:
            yield DaskExecutor(client, f"local Dask cluster, {n} worker process(es)", _link(client))


def _link(client: Any) -> str | None:
    if not _dashboard_available():
        return None
    with contextlib.suppress(Exception):
        return str(client.dashboard_link)
    return None
