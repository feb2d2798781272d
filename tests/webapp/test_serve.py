"""``archive-search serve`` answers over HTTP in one process (waitress) and in several (gunicorn)."""
import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

# Seconds a starting server gets to answer its first request.
START_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def first_answer(url: str, process: subprocess.Popen) -> dict:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.loads(response.read())
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url} in {START_SECONDS} s")


@pytest.mark.parametrize("workers", [1, 2])
def test_the_server_answers_searches(built_index, workers):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "indexer.cli", "serve", "--index", str(built_index.index_dir), "--corpus",
         str(built_index.corpus_dir), "--port", str(port), "--workers", str(workers), "--threads", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        answer = first_answer(f"http://127.0.0.1:{port}/api/search?q=cooperation", process)
        assert answer["total"] > 0
    finally:
        process.send_signal(signal.SIGTERM)
        output, errors = process.communicate(timeout=30)
    assert f"({workers} process{'es' if workers > 1 else ''} of 2 threads)" in output
    assert re.search(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ 127\.0\.0\.1 "GET /api/search\?q=cooperation HTTP/1\.1" '
                     r"200 \d+ \d+\.\dms$", errors, re.MULTILINE), errors


def test_the_server_limits_how_much_freed_memory_the_c_heap_keeps():
    import platform

    from webapp.allocator import limit_heap_retention
    assert limit_heap_retention() is (platform.libc_ver()[0] == "glibc")
