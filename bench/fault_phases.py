"""The fault phases of ``bench.faults``: the server killed under load, and a segment file cut short under load.

Each phase takes the running ``Bench`` (corpus, index, server, expected answers) and returns its figures.
"""
from __future__ import annotations

import json
import time

from bench.fault_cases import PROBE_PATH, http_get, largest_segment_file, run_cli, truncate_in_place
from bench.fault_load import VERSION_HEADER, Recorder, check

# Times the server is killed in the kill phase, and seconds of load before each kill.
KILLS = 3
SECONDS_BEFORE_KILL = 4.0
# Seconds of load after the last restart, so that wrk sees the server answer again.
SECONDS_AFTER = 4.0
# Seconds of load before a segment file is cut short, and after it.
SECONDS_BEFORE_DAMAGE, SECONDS_AFTER_DAMAGE = 4.0, 10.0
# Seconds to wait for the server to say that its index is damaged, or to count every document again.
DAMAGE_TIMEOUT = 60.0
POLL_SECONDS = 0.05
HEALTH_PATH = "/healthz"


def documents_served(port: int) -> int | None:
    """Return the documents the server's /healthz counts (None when it does not answer 200)."""
    status, _, body = http_get(port, HEALTH_PATH)
    return json.loads(body)["documents"] if status == 200 else None


def wait_for_documents(port: int, documents: int) -> None:
    """Wait until the server's /healthz counts ``documents`` (RuntimeError after ``DAMAGE_TIMEOUT``)."""
    deadline = time.monotonic() + DAMAGE_TIMEOUT
    while documents_served(port) != documents:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the restarted server never counted {documents} documents")
        time.sleep(POLL_SECONDS)


def answers_now(port: int, paths: list[str]) -> dict[str, tuple[int, str, str]]:
    """Return the server's answer to every path: status, version and digest."""
    from bench.fault_load import digest

    answers = {}
    for path in paths:
        status, headers, body = http_get(port, path)
        answers[path] = (status, headers.get(VERSION_HEADER, "-"), digest(body))
    return answers


def kill_and_restart(bench) -> dict:
    """Kill the server with SIGKILL under load ``KILLS`` times; restart it at once; time it and compare answers."""
    version, _ = bench.take_expected()
    documents = documents_served(bench.server.port)
    seconds = int(KILLS * SECONDS_BEFORE_KILL + SECONDS_AFTER)
    recorder = Recorder(bench.server.port, bench.paths, seconds, bench.work_dir, "kill")
    restarts, complete = [], []
    for _ in range(KILLS):
        time.sleep(SECONDS_BEFORE_KILL)
        bench.server.kill()
        started = time.monotonic()
        bench.server.start()
        restarts.append(round(bench.server.wait_ready(), 2))
        wait_for_documents(bench.server.port, documents)
        complete.append(round(time.monotonic() - started, 2))
    figures, answers = recorder.finish()
    after = answers_now(bench.server.port, bench.paths)
    same = sum(1 for path, (status, served, digest) in after.items()
               if status == 200 and served == version and bench.expected.answers[version].get(path) == digest)
    return figures | check(answers, bench.expected) | {
        "kills": KILLS, "restart_s": restarts, "all_documents_s": complete, "documents": documents,
        "answers_as_before": same, "paths": len(bench.paths)}


def wait_for_damage(bench, generation: str) -> tuple[float, int, bytes]:
    """Return the seconds until the server answers a search with a 503 naming ``generation``, its status and body."""
    started = time.monotonic()
    while time.monotonic() - started < DAMAGE_TIMEOUT:
        status, _, body = http_get(bench.server.port, PROBE_PATH)
        if status == 503 and generation.encode() in body:
            return time.monotonic() - started, status, body
        time.sleep(POLL_SECONDS)
    return DAMAGE_TIMEOUT, status, body


def answered(port: int, path: str) -> tuple[int, dict, bytes]:
    """Return a GET's status, headers and body, asking again while a worker killed meanwhile drops the connection."""
    deadline = time.monotonic() + DAMAGE_TIMEOUT
    while True:
        status, headers, body = http_get(port, path)
        if status or time.monotonic() > deadline:
            return status, headers, body
        time.sleep(POLL_SECONDS)


def damaged_segment(bench) -> dict:
    """Cut the live index's largest segment file to half under load: what the server, status and a rebuild do."""
    from indexer import layout

    bench.take_expected()
    generation = layout.live_generation(bench.config.index_dir)
    documents = documents_served(bench.server.port)
    recorder = Recorder(bench.server.port, bench.paths, int(SECONDS_BEFORE_DAMAGE + SECONDS_AFTER_DAMAGE),
                        bench.work_dir, "damage")
    time.sleep(SECONDS_BEFORE_DAMAGE)
    target = largest_segment_file(generation)
    truncate_in_place(target)
    said_s, status, body = wait_for_damage(bench, generation.name)
    page_status, _, page = answered(bench.server.port, "/search?q=peace")
    health_status, _, health = answered(bench.server.port, HEALTH_PATH)
    figures, answers = recorder.finish()
    outcome = run_cli(bench.work_dir, "status", "--corpus", str(bench.config.corpus_dir),
                      "--index", str(bench.config.index_dir))
    rebuilt = run_cli(bench.work_dir, "index", "--rebuild", "--quiet", *bench.index_args())
    serving = bench.server.wait_ready()
    version, stale = bench.take_expected()
    return figures | check(answers, bench.expected) | {
        "file": target.name, "generation": generation.name, "said_damaged_s": round(said_s, 2),
        "api_status": status, "api_message": json.loads(body)["error"]["message"] if status == 503 else "",
        "page_status": page_status, "page_names_generation": generation.name.encode() in page,
        "page_traceback": b"Traceback" in page, "healthz_status": health_status,
        "healthz": json.loads(health) if health else None,
        "status_exit": outcome.exit_code, "status_says": [line for line in outcome.output.splitlines()
                                                          if line.startswith("damaged")],
        "rebuild_exit": rebuilt.exit_code, "rebuild_s": rebuilt.seconds, "serving_after_rebuild_s": round(serving, 2),
        "documents_before": documents, "documents_after": documents_served(bench.server.port),
        "version_after": version, "stale_after": stale, "server_tracebacks": bench.server.logged_tracebacks()}
