"""Where page jobs run: in this process (``--jobs 1``) or in a local process pool (the default).

An executor takes :class:`~tthc_tools.scan.outcomes.PageJob` values and yields
:class:`~tthc_tools.scan.outcomes.PageReading` values as they complete; the batch code never knows
which. Jobs may be submitted between readings (the batch plans the next files while pages are
read). A Celery/Redis executor (a later issue) implements the same methods, sending the same picklable
jobs to :func:`tthc_tools.scan.pipeline.read_page` on remote workers.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Protocol

from tthc_tools.scan.outcomes import PageJob, PageReading
from tthc_tools.scan.pipeline import read_page


class Executor(Protocol):
    jobs: int  # pages read at once

    def submit(self, job: PageJob) -> None:
        """Queue one page job."""

    @property
    def pending(self) -> int:
        """Jobs submitted whose reading has not been yielded yet."""

    def completed(self, until: int = 0) -> Iterator[PageReading]:
        """Readings of the queued jobs, in the order they finish, until at most ``until`` are pending."""

    def close(self, *, cancel: bool = False) -> None:
        """Stop the workers (dropping queued jobs when ``cancel``)."""


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class InlineExecutor:
    """Runs each job in this process when its reading is asked for (``--jobs 1``, debugging, tests)."""

    def __init__(self) -> None:
        self.jobs = 1
        self._queue: deque[PageJob] = deque()

    def submit(self, job: PageJob) -> None:
        self._queue.append(job)

    @property
    def pending(self) -> int:
        return len(self._queue)

    def completed(self, until: int = 0) -> Iterator[PageReading]:
        while len(self._queue) > until:
            yield read_page(self._queue.popleft())

    def close(self, *, cancel: bool = False) -> None:
        self._queue.clear()


def _worker_init() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the CLI's "SIGTERM as Ctrl-C": a cancelled worker just ends


class PoolExecutor:
    """A local process pool; at most ``2 × jobs`` pages are in flight, so memory stays flat."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
        self._waiting: deque[PageJob] = deque()
        self._running: set[Future[PageReading]] = set()

    def submit(self, job: PageJob) -> None:
        self._waiting.append(job)

    def _fill(self) -> None:
        while self._waiting and len(self._running) < 2 * self.jobs:
            self._running.add(self._pool.submit(read_page, self._waiting.popleft()))

    @property
    def pending(self) -> int:
        return len(self._waiting) + len(self._running)

    def completed(self, until: int = 0) -> Iterator[PageReading]:
        self._fill()
        while self._running and self.pending > until:
            done, _pending = wait(self._running, return_when=FIRST_COMPLETED)
            for future in done:
                self._running.discard(future)
                self._fill()
                yield future.result()
                if self.pending <= until:
                    return

    def close(self, *, cancel: bool = False) -> None:
        self._waiting.clear()
        if cancel:
            for future in self._running:
                future.cancel()
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=cancel)


def make_executor(jobs: int) -> Executor:
    """The executor for ``--jobs N`` (0 = all cores)."""
    jobs = jobs or default_jobs()
    return InlineExecutor() if jobs == 1 else PoolExecutor(jobs)
