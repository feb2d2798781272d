"""Serve the web app: waitress in one process, or gunicorn's pre-forked worker processes.

One process serialises the Python part of every request (the GIL); several
worker processes, each with its own app and its own handle on the index (opened
after the fork, never shared), answer side by side on a machine with several cores.
"""
from __future__ import annotations

from gunicorn.app.base import BaseApplication

from indexer.config import Config
from webapp.accesslog import log_to_stderr
from webapp.allocator import limit_heap_retention

# gunicorn's worker class: threads in each process, so a slow request does not hold a whole worker.
WORKER_CLASS = "gthread"
# Seconds a worker may take over one request before gunicorn replaces it (a CSV export of a whole
# collection is the longest request).
WORKER_TIMEOUT = 300


class WorkerProcesses(BaseApplication):
    """gunicorn running ``create_app`` in each of several worker processes."""

    def __init__(self, config: Config, options: dict):
        self.archive_config = config
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Hand gunicorn its settings."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        """Return the WSGI app of one worker (called in the worker, after the fork)."""
        from webapp import create_app

        return create_app({"ARCHIVE_CONFIG": self.archive_config})


def serve_in_processes(config: Config, host: str, port: int, workers: int, threads: int) -> None:
    """Serve until interrupted with ``workers`` processes of ``threads`` threads each."""
    options = {"bind": f"{host}:{port}", "workers": workers, "threads": threads, "worker_class": WORKER_CLASS,
               "timeout": WORKER_TIMEOUT, "preload_app": False, "proc_name": "archive-search"}
    limit_heap_retention()  # before the fork: the workers inherit the setting
    log_to_stderr()
    WorkerProcesses(config, options).run()


def serve_in_one_process(config: Config, host: str, port: int, threads: int) -> None:
    """Serve until interrupted with waitress in this process."""
    from waitress import serve

    from webapp import create_app

    limit_heap_retention()
    log_to_stderr()
    serve(create_app({"ARCHIVE_CONFIG": config}), host=host, port=port, threads=threads, ident="archive-search")
