"""The index's disk fills up during a run: a copy of the live index on a small tmpfs, served by a second server.

The tmpfs is sized at three times the index; a filler file then leaves too
little room: half the index for a rebuild, ``INCREMENTAL_FREE`` bytes for an
incremental run adding speeches. Each case records how the run ended (exit
status, last line, any traceback), whether the server's answers stayed those
of the last good index, whether anything was left behind, and whether the next
run, with the filler gone, completes.

Where mounting is not allowed (no root), the run is started through this
module instead (``python -m bench.full_disk index ...``), which makes the word
list's write after the engine's commit fail with ENOSPC, the way a full disk
would, and says so in the figures.
"""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.fault_cases import FaultServer, Outcome, run_cli
from bench.fault_load import Expected
from bench.fault_phases import answers_now, documents_served, wait_for_documents
from bench.load import HOST

# The tmpfs holds this many times the index: room for a rebuild beside it, and for the filler.
TMPFS_TIMES_INDEX = 3
# Room left for an incremental run: less than the segment its commit writes for the speeches it adds.
INCREMENTAL_FREE = 64 * 1024
# Speeches the incremental case adds.
ADDED = 10
MOUNT_COMMAND = ("mount", "-t", "tmpfs", "-o")


class SmallDisk:
    """A tmpfs (or, where mounting fails, a plain folder and an injected ENOSPC) holding a copy of the index."""

    def __init__(self, bench):
        from indexer import layout

        self.bench, self.folder = bench, bench.work_dir / "small-disk"
        self.folder.mkdir(exist_ok=True)
        live = layout.live_generation(bench.config.index_dir)
        self.index_bytes = sum(path.stat().st_size for path in live.rglob("*") if path.is_file())
        size = TMPFS_TIMES_INDEX * self.index_bytes
        self.mounted = subprocess.run([*MOUNT_COMMAND, f"size={size}", "tmpfs", str(self.folder)],
                                      capture_output=True).returncode == 0
        self.index_dir = self.folder / "index"
        shutil.copytree(live, self.index_dir / layout.GENERATIONS / live.name)
        os.symlink(Path(layout.GENERATIONS) / live.name, self.index_dir / layout.CURRENT_LINK)
        self.corpus_dir = bench.work_dir / "small-disk-corpus"
        shutil.copytree(bench.config.corpus_dir, self.corpus_dir)
        logs = bench.work_dir / "small-disk-logs"
        logs.mkdir(exist_ok=True)
        self.server = FaultServer(self.corpus_dir, self.index_dir, logs)

    def fill(self, leave: int) -> None:
        """Fill the disk but for ``leave`` bytes (on a tmpfs)."""
        if self.mounted:
            free = shutil.disk_usage(self.folder).free
            with (self.folder / "filler").open("wb") as handle:
                os.posix_fallocate(handle.fileno(), 0, max(free - leave, 1))

    def empty(self) -> None:
        """Take the filler away."""
        (self.folder / "filler").unlink(missing_ok=True)

    def run(self, *options: str, inject: bool) -> Outcome:
        """Run ``archive-search index OPTIONS`` on the small disk (through the ENOSPC injection if asked)."""
        arguments = ("index", "--quiet", "--corpus", str(self.corpus_dir), "--index", str(self.index_dir),
                     "--engine", self.bench.args.engine, *options)
        if inject:
            started = time.monotonic()
            done = subprocess.run([sys.executable, "-m", "bench.full_disk", *arguments], cwd=self.bench.work_dir,
                                  capture_output=True, text=True)
            return Outcome(done.returncode, round(time.monotonic() - started, 2), done.stdout + done.stderr)
        return run_cli(self.bench.work_dir, *arguments)

    def close(self) -> None:
        """Stop the server and unmount the tmpfs."""
        self.server.stop()
        if self.mounted:
            subprocess.run(["umount", str(self.folder)], capture_output=True)


def one_case(disk: SmallDisk, bench, case: str) -> dict:
    """Fill the disk, run (rebuild or incremental), compare the answers, then run again with room."""
    from indexer import layout

    before, documents = answers_now(disk.server.port, bench.paths), documents_served(disk.server.port)
    if case == "incremental":
        for relative in bench.changes.waiting[:ADDED]:
            target = disk.corpus_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(bench.work_dir / "held-back" / relative, target)
    disk.fill(disk.index_bytes // 2 if case == "rebuild" else INCREMENTAL_FREE)
    options = ("--rebuild",) if case == "rebuild" else ()
    failed = disk.run(*options, inject=not disk.mounted)
    after = answers_now(disk.server.port, bench.paths)
    previous = disk.index_dir / layout.PREVIOUS_LINK
    kept = {layout.live_generation(disk.index_dir), previous.resolve() if previous.is_symlink() else None}
    left = sorted(path.name for path in (disk.index_dir / layout.GENERATIONS).iterdir() if path not in kept)
    sound = sound_answers(disk, bench.paths, after)
    disk.empty()
    again = disk.run(*options, inject=False)
    wait_for_documents(disk.server.port, indexed_documents(disk.index_dir))
    return {"exit": failed.exit_code, "message": failed.last_line(), "traceback": failed.traceback,
            "answers_unchanged": sum(1 for path in before if after[path] == before[path]), "paths": len(before),
            "answers_sound": sound,
            "left_behind": left, "next_run_exit": again.exit_code, "next_run": again.last_line(),
            "documents_before": documents, "documents_after": documents_served(disk.server.port)}


def indexed_documents(index_dir: Path) -> int:
    """Return the documents the live generation's manifest lists."""
    from indexer import layout
    from indexer.manifest import load_manifest

    return len(load_manifest(layout.live_generation(index_dir)).files)


def sound_answers(disk: SmallDisk, paths: list[str], served: dict[str, tuple[int, str, str]]) -> int:
    """Return how many answers were 200 and equal to the live state's own answer, taken in this process."""
    from indexer.config import Config

    expected = Expected(f"http://{HOST}:{disk.server.port}")
    version = expected.record(Config(corpus_dir=disk.corpus_dir, index_dir=disk.index_dir), paths)
    return sum(1 for path, (status, named, digest) in served.items()
               if status == 200 and named == version and expected.answers[version][path] == digest)


def full_disk(bench) -> dict:
    """Run the rebuild and the incremental case on a small disk and return their figures."""
    disk = SmallDisk(bench)
    try:
        disk.server.start()
        disk.server.wait_ready()
        return {"tmpfs": disk.mounted, "injected": not disk.mounted, "index_bytes": disk.index_bytes,
                "rebuild": one_case(disk, bench, "rebuild"), "incremental": one_case(disk, bench, "incremental")}
    finally:
        disk.close()


def no_space(*args, **kwargs):
    """Fail as a write to a full disk does."""
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def main(argv: list[str] | None = None) -> int:
    """Run ``archive-search`` with the word list's write failing with ENOSPC (where no tmpfs can be mounted)."""
    from indexer import cli
    from indexer.wordlist import WordList

    WordList.save = no_space
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
