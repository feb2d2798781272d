"""What the fault benchmark does to the corpus, the index and the server: runs, edits, kills.

The server runs in a session of its own, so it can be killed as a whole
(master and workers at once, as the out-of-memory killer or a container stop
would) and restarted on the same port. Every ``archive-search`` command runs
in a child process, as an operator would run it.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.build import bench_environment, command
from bench.load import HOST, SERVER_THREADS, SERVER_WORKERS, free_port, get_response, wait_until_answering

# Seconds to wait for a server to answer its first search.
STARTUP_TIMEOUT = 60.0
# Seconds between two tries while waiting for a server.
POLL_SECONDS = 0.01
# Seconds an indexing command may take before the benchmark gives up on it.
COMMAND_TIMEOUT = 1800
# Speeches a run of the incremental phase adds.
ADDED_PER_RUN = 3
# The sentence appended to a speech to edit it (a change of content: the document is replaced).
EDIT_LINE = "\n\nEdited by the fault benchmark, change {n}: the delegation asked for this paragraph to be added.\n"
PROBE_PATH = "/api/search?q=peace"
# The files of a segment the corruption case cuts short: tantivy's stored texts, Whoosh's compound segment.
SEGMENT_PATTERNS = ("*.store", "*.seg")


@dataclass
class Outcome:
    """How an ``archive-search`` command ended."""

    exit_code: int
    seconds: float
    output: str

    @property
    def traceback(self) -> bool:
        """Return whether the command printed a Python traceback."""
        return "Traceback (most recent call last)" in self.output

    def last_line(self) -> str:
        """Return the command's last line of output (its summary or its error)."""
        lines = [line for line in self.output.splitlines() if line.strip()]
        return lines[-1] if lines else ""


def run_cli(work_dir: Path, *arguments: str) -> Outcome:
    """Run ``archive-search ARGUMENTS`` to its end and return how it ended."""
    started = time.monotonic()
    done = subprocess.run(command(*arguments), cwd=work_dir, env=bench_environment(), capture_output=True, text=True,
                          timeout=COMMAND_TIMEOUT)
    return Outcome(done.returncode, round(time.monotonic() - started, 2), done.stdout + done.stderr)


class FaultServer:
    """``archive-search serve`` on a fixed free port, in its own session so it can be killed whole."""

    def __init__(self, corpus_dir: Path, index_dir: Path, log_dir: Path):
        self.corpus_dir, self.index_dir, self.log_dir = corpus_dir, index_dir, log_dir
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        """Start the server (another log file each time)."""
        self.starts += 1
        with (self.log_dir / f"server-{self.starts}.log").open("w") as log:
            self.process = subprocess.Popen(
                command("serve", "--corpus", str(self.corpus_dir), "--index", str(self.index_dir), "--host", HOST,
                        "--port", str(self.port), "--threads", str(SERVER_THREADS), "--workers", str(SERVER_WORKERS)),
                cwd=self.log_dir, env=bench_environment(), stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)

    def wait_ready(self, path: str = PROBE_PATH) -> float:
        """Return the seconds until the server answers ``path`` with 200; raise RuntimeError if it never does."""
        return wait_until_answering(self.process, self.port, path, STARTUP_TIMEOUT, POLL_SECONDS)

    def kill(self) -> None:
        """Kill the server's every process with SIGKILL at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        """Stop the server gracefully."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def logged_tracebacks(self) -> int:
        """Return how many tracebacks the server logged over all its starts."""
        return sum(path.read_text(encoding="utf-8", errors="replace").count("Traceback (most recent call last)")
                   for path in self.log_dir.glob("server-*.log"))


@dataclass
class CorpusChanges:
    """Speeches held back to be added, and the indexed ones edited and withdrawn, in turn."""

    corpus_dir: Path
    index_dir: Path
    work_dir: Path
    engine: str
    waiting: list[Path] = field(default_factory=list)  # held-back speeches, relative to the corpus folder
    indexed: list[str] = field(default_factory=list)
    count: int = 0

    def hold_back(self, relatives: list[str]) -> None:
        """Move these speeches out of the corpus before the first build, to be added later."""
        for relative in relatives:
            target = self.work_dir / "held-back" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(self.corpus_dir / relative, target)
            self.waiting.append(Path(relative))

    def next_change(self) -> tuple[str, Outcome]:
        """Add, edit or withdraw speeches (in turn) and bring the index up to date; return what and how it ended."""
        kind = ("add", "edit", "withdraw")[self.count % 3]
        self.count += 1
        index_args = ("--corpus", str(self.corpus_dir), "--index", str(self.index_dir))
        engine = ("--engine", self.engine)
        if kind == "add" and self.waiting:
            for relative in self.waiting[:ADDED_PER_RUN]:
                (self.corpus_dir / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(self.work_dir / "held-back" / relative, self.corpus_dir / relative)
            del self.waiting[:ADDED_PER_RUN]
            return kind, run_cli(self.work_dir, "index", "--quiet", *index_args, *engine)
        if kind == "withdraw":
            relative = self.indexed.pop()
            return kind, run_cli(self.work_dir, "withdraw", relative, *index_args)
        relative = self.indexed[self.count % len(self.indexed)]
        with (self.corpus_dir / relative).open("a", encoding="utf-8") as handle:
            handle.write(EDIT_LINE.format(n=self.count))
        return "edit", run_cli(self.work_dir, "index", "--quiet", *index_args, *engine)


def largest_segment_file(generation: Path) -> Path:
    """Return the largest file of the generation's segments (tantivy's stored texts, or a Whoosh segment)."""
    candidates = [path for pattern in SEGMENT_PATTERNS for path in generation.glob(pattern)]
    return max(candidates, key=lambda path: path.stat().st_size)


def truncate_in_place(path: Path) -> int:
    """Cut a file to half its length where it lies (readers that mapped it see it shrink); return the new size."""
    size = path.stat().st_size // 2
    os.truncate(path, size)
    return size


def http_get(port: int, path: str) -> tuple[int, dict, bytes]:
    """Return the status, headers and body of one GET (status 0 when the connection failed)."""
    try:
        status, headers, body = get_response(port, path)
    except OSError:
        return 0, {}, b""
    return status, dict(headers.items()), body
