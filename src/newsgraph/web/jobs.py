"""Ingest jobs started over the API: one at a time in a worker thread, the rest queued.

``POST /api/ingest`` must answer at once, while an ingest runs for seconds to
hours (spaCy over every article), so the request only queues a job and a single
worker thread runs the jobs in order: two ingests writing one database at once
would only wait on each other's locks, and each would rebuild the corpus-level
records the other is about to replace. A job opens its own store (a SQLite
connection belongs to the thread that opened it); its progress is the number of
articles processed so far (``newsgraph.api.ingest``'s ``progress`` callback).

An error in a job, whatever it is, marks that job failed with its message; the
worker goes on with the next one and the server keeps serving.
"""

from __future__ import annotations

import logging
import os
import queue
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from newsgraph.errors import BusyError, ConfigError, NewsgraphError, NotFoundError, WritesDisabledError
from newsgraph.ingest.readers import FORMATS, is_under
from newsgraph.model import to_record
from newsgraph.store import open_store

log = logging.getLogger(__name__)

JobState = Literal["queued", "running", "done", "failed"]
# Jobs waiting behind the running one; past this a new job is refused (BusyError, HTTP
# 503) instead of piling up hours of work nobody is watching.
MAX_QUEUED_JOBS = 32
# Finished jobs remembered for GET /api/ingest/{id}; the oldest are forgotten first.
MAX_FINISHED_JOBS = 200
# Failures listed in a job's summary (all of them are in the failures table).
MAX_SUMMARY_FAILURES = 100
# Fields of a posted article (those of a JSONL record, ``ingest.readers``).
ARTICLE_FIELDS = ("id", "url", "outlet", "title", "authors", "published", "text", "html")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Job:
    """One ingest: what to read, and how far it got."""

    job_id: str
    paths: list[str]  # server-side files and folders
    fmt: str
    total: int | None  # articles to process, when known in advance (posted articles)
    state: JobState = "queued"
    processed: int = 0
    summary: dict[str, Any] | None = None
    error: str | None = None
    created: str = field(default_factory=_now)
    started: str | None = None
    finished: str | None = None
    records: list[dict[str, Any]] | None = None  # posted articles, ingested as ``api:<job_id>#N``

    def status(self) -> dict[str, Any]:
        """The job as GET /api/ingest/{job_id} returns it."""
        return {
            "job_id": self.job_id, "state": self.state, "processed": self.processed, "total": self.total,
            "summary": self.summary, "error": self.error, "created": self.created, "started": self.started,
            "finished": self.finished,
        }


IngestFn = Callable[..., Any]


class JobRunner:
    """The queue of ingest jobs and the one thread that works through it."""

    def __init__(self, db_url: str, ingest: IngestFn | None = None, ingest_records: IngestFn | None = None,
                 ingest_root: str | None = None) -> None:
        self.db_url = db_url
        # Server-side files may be ingested from under this folder only; None: not at all.
        self.ingest_root = os.path.realpath(ingest_root) if ingest_root else None
        self._ingest = ingest  # newsgraph.api.ingest unless a test stands in for it
        self._ingest_records = ingest_records  # newsgraph.api.ingest_records, likewise
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._closed = False

    # -- submitting -----------------------------------------------------------
    def submit_articles(self, articles: Sequence[dict[str, Any]]) -> dict[str, Any]:
        """Queue posted articles; each is stored with the source path ``api:<job_id>#N``."""
        job_id = secrets.token_hex(16)  # unguessable: a job's status is readable without the token
        records = [{k: a[k] for k in ARTICLE_FIELDS if a.get(k) is not None} for a in articles]
        return self._enqueue(Job(job_id, [], "jsonl", total=len(records), records=records))

    def submit_paths(self, paths: Sequence[str], fmt: str = "auto") -> dict[str, Any]:
        """Queue server-side files or folders (plain paths or file:// URLs) under the ingest root.

        The root keeps the token from being a key to every file the server can read (an
        ingested file's text is then served to anyone who can reach the API)."""
        if self.ingest_root is None:
            raise WritesDisabledError("this server ingests no server-side files: start it with --ingest-root DIR "
                                      "to allow files under DIR, or post the articles instead")
        if fmt not in FORMATS:
            raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        resolved = [local_path(p) for p in paths]
        for p in resolved:
            # Outside the root is refused before anything is said about the path's existence.
            # This checks what the caller named; the worker checks every file again as it opens
            # it (links inside a folder, or a path swapped while the job waited in the queue).
            if not is_under(p, self.ingest_root):
                raise ConfigError(f"{p}: outside the server's ingest root {self.ingest_root}")
            if not Path(p).exists():
                raise ConfigError(f"{p}: no such file or folder on the server")
        return self._enqueue(Job(secrets.token_hex(16), resolved, fmt, total=None))

    def _enqueue(self, job: Job) -> dict[str, Any]:
        """Add a job to the queue; its status as accepted ("queued"), before the worker can change it."""
        with self._lock:
            if self._closed:
                raise BusyError("the server is shutting down; no new ingest jobs")
            waiting = sum(1 for j in self._jobs.values() if j.state == "queued")
            if waiting >= MAX_QUEUED_JOBS:
                raise BusyError(f"{waiting} ingest jobs are already waiting; try again when some have finished")
            self._jobs[job.job_id] = job
            self._forget_old()
            accepted = job.status()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="newsgraph-ingest", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return accepted

    def _forget_old(self) -> None:
        finished = [j.job_id for j in self._jobs.values() if j.state in ("done", "failed")]
        for job_id in finished[: max(0, len(finished) - MAX_FINISHED_JOBS)]:
            del self._jobs[job_id]

    # -- reading --------------------------------------------------------------
    def get(self, job_id: str) -> dict[str, Any]:
        """The status of one job; NotFoundError (E040) for an id never issued or long forgotten."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise NotFoundError(f"no ingest job with id {job_id!r} (finished jobs are kept for the last "
                                    f"{MAX_FINISHED_JOBS} only)")
            return job.status()

    # -- working --------------------------------------------------------------
    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                if self._closed:  # shutting down: what has not started yet never will
                    self._fail(job, "the server shut down before this job started")
                    job.records = None
                else:
                    self._run(job)
            finally:
                self._queue.task_done()

    def _run(self, job: Job) -> None:
        from newsgraph.api import ingest, ingest_records

        with self._lock:
            job.state, job.started = "running", _now()

        def progress(n: int, _name: str) -> None:
            job.processed = n  # one int written by this thread only: readers see the old or the new value

        try:
            store = open_store(self.db_url)
            try:
                if job.records is not None:
                    summary = (self._ingest_records or ingest_records)(
                        job.records, store, name=f"api:{job.job_id}", progress=progress)
                else:
                    summary = (self._ingest or ingest)(job.paths, store, fmt=job.fmt, progress=progress,
                                                       root=self.ingest_root)
            finally:
                store.close()
            result = summary.as_dict()
            result["failures"] = [to_record(f) for f in summary.failures[:MAX_SUMMARY_FAILURES]]
            with self._lock:
                job.summary, job.state = result, "done"
        except NewsgraphError as e:
            self._fail(job, str(e))
        except Exception as e:  # a bug in one job must not stop the worker nor the server
            log.exception("ingest job %s failed", job.job_id)
            self._fail(job, f"internal error: {type(e).__name__}: {e}")
        finally:
            with self._lock:
                job.finished = _now()
                job.records = None  # the articles are stored (or failed): keep only the status

    def _fail(self, job: Job, message: str) -> None:
        with self._lock:
            job.state, job.error = "failed", message

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every queued job has finished (tests, shutdown); False on timeout."""
        done = threading.Event()

        def joiner() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=joiner, daemon=True).start()
        return done.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Stop taking jobs and let the worker end after the job it is running (if any)."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None and thread.is_alive():
            self._queue.put(None)
            thread.join(timeout)


def local_path(value: str) -> str:
    """A server-side path from a path or a file:// URL; other URLs are refused (ConfigError):
    the server reads its own files, it does not fetch from the network."""
    text = value.strip()
    if not text:
        raise ConfigError("an empty path was given")
    if text == "-":
        raise ConfigError("'-' (standard input) cannot be read by the server; post the articles instead")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        raise ConfigError(f"{text}: the server does not download URLs; fetch the page yourself and post its "
                          "HTML as an article ({\"articles\": [{\"html\": ..., \"url\": ...}]})")
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise ConfigError(f"{text}: a file:// URL must name a file on this server (no host, or localhost)")
        path = url2pathname(unquote(parts.path))
    elif "://" in text:
        raise ConfigError(f"{text}: only server-side paths and file:// URLs can be ingested, not {scheme}://")
    else:
        path = text
    return path
