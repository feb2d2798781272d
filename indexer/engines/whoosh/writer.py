"""Whoosh's writers made to fail cleanly: a writer process that dies stops the commit, a failed commit lets go.

Whoosh's multi-process writer hands batches of documents to forked processes
through a bounded queue and collects one segment from each at commit. When one
of them died (a full disk), the parent blocked for ever on the full queue or,
at commit, left the dead process's segment out without a word. Here the parent
waits in short steps, checks its processes between them and fails with the
dead process's error; and a commit that fails cancels its writer, so the
index's lock and the writer's temporary files are released.
"""
from __future__ import annotations

import os
import queue
import sys
import traceback

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import IndexingError

from indexer.engines.base import StoreError

# Seconds the parent waits on a queue before it checks its writer processes again.
CHECK_SECONDS = 1.0
# Exit status of a writer process that failed otherwise than with an operating system error (errno values are lower).
UNEXPECTED_EXIT = 255
# What cancelling a writer whose commit already failed half-way may raise.
CANCEL_ERRORS = (OSError, IndexingError, ValueError, EOFError)


class _WriterTask(SubWriterTask):
    """A writer process whose failure becomes its exit status: an OSError's errno, else ``UNEXPECTED_EXIT``."""

    def run(self):
        """Write the batches handed over until told to finish, exiting with a status that names a failure."""
        try:
            super().run()
        except OSError as error:  # a full disk: the parent raises it again with this errno
            sys.exit(error.errno if error.errno and error.errno < UNEXPECTED_EXIT else UNEXPECTED_EXIT)
        except Exception:  # anything else is a bug: say where, then fail the parent's commit
            traceback.print_exc()
            sys.exit(UNEXPECTED_EXIT)


class _Watched:
    """A queue whose parent-side waits are short, with the writer processes checked between them."""

    def __init__(self, inner, writer: "CheckedMpWriter"):
        self._inner, self._writer = inner, writer

    def put(self, item, block: bool = True, timeout: float | None = None) -> None:
        """Put ``item``; a wait without end (the parent's) checks the writer processes every ``CHECK_SECONDS``."""
        if not block or timeout is not None:
            self._inner.put(item, block, timeout)
            return
        while True:
            try:
                self._inner.put(item, timeout=CHECK_SECONDS)
                return
            except queue.Full:
                self._writer.check_processes()

    def get(self, block: bool = True, timeout: float | None = None):
        """Return the next item; an empty queue after a timed wait (the parent's, at commit) is a failure."""
        try:
            return self._inner.get(block, timeout)
        except queue.Empty:
            self._writer.check_processes()
            raise StoreError("a writer process ended without handing over its segment") from None


class CheckedMpWriter(MpWriter):
    """Whoosh's multi-process writer that fails, instead of hanging or losing a segment, when a process dies."""

    def __init__(self, ix, **options):
        super().__init__(ix, **options)
        self.jobqueue = _Watched(self.jobqueue, self)
        self.resultqueue = _Watched(self.resultqueue, self)

    def _new_task(self):
        task = _WriterTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                           self.multisegment)
        self.tasks.append(task)
        task.start()
        return task

    def check_processes(self) -> None:
        """Raise the error of a writer process that failed, after stopping the others."""
        failed = [task.exitcode for task in self.tasks if task.exitcode not in (None, 0)]
        if not failed:
            return
        for task in self.tasks:
            if task.is_alive():
                task.terminate()
            task.join()
        code = failed[0]
        if 0 < code < UNEXPECTED_EXIT:
            raise OSError(code, f"{os.strerror(code)} (in a writer process)")
        raise StoreError(f"a writer process failed (exit status {code}); see its message above")


def commit(writer) -> None:
    """Commit ``writer``; when that fails, cancel it so the index's lock and its temporary files are released."""
    try:
        writer.commit()
    except BaseException:
        cancel(writer)
        raise


def cancel(writer) -> None:
    """Cancel ``writer``, releasing its lock even when a failed commit left it half closed."""
    try:
        writer.cancel()
    except CANCEL_ERRORS:
        lock = getattr(writer, "writelock", None)
        if lock is not None:
            lock.release()
