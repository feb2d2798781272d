"""The fault benchmark's pure pieces: reading wrk's records, digests without measurements, the answer check."""
import json

import pytest

from bench.fault_load import Answer, Expected, check, digest, read_records
from bench.fault_report import fault_lines, load_table
from bench.faults import parse_args

PATHS = ["/api/search?q=peace", "/api/search?q=war"]


def body(total: int, took: float) -> bytes:
    return json.dumps({"total": total, "took_ms": took, "hits": ["a\nb"]}).encode()


def test_a_digest_leaves_the_measured_time_out():
    assert digest(body(3, 1.5)) == digest(body(3, 99.0)) != digest(body(4, 1.5))


def test_records_are_read_back_with_bodies_holding_newlines(tmp_path):
    records = tmp_path / "thread-0.txt"
    with records.open("wb") as handle:
        for number, status, version, data in ((1, 200, "g:1", body(3, 1.0)), (2, 503, "-", b"down\n")):
            handle.write(f"{number} {status} {version} {len(data)}\n".encode() + data + b"\n")
    assert read_records(records, PATHS) == [Answer(PATHS[0], 200, "g:1", digest(body(3, 1.0))),
                                            Answer(PATHS[1], 503, "-", digest(b"down\n"))]


def test_answers_are_compared_with_their_own_state_and_short_lived_states_among_themselves():
    expected = Expected("http://127.0.0.1:1", answers={"g:1": {PATHS[0]: "x", PATHS[1]: "y"}})
    answers = [Answer(PATHS[0], 200, "g:1", "x"), Answer(PATHS[0], 200, "g:1", "x"), Answer(PATHS[1], 200, "g:1", "z"),
               Answer(PATHS[0], 200, "g:2", "p"), Answer(PATHS[0], 200, "g:2", "p"), Answer(PATHS[0], 200, "g:2", "q"),
               Answer(PATHS[1], 503, "-", "e")]
    assert check(answers, expected) == {
        "answers": 7, "failed": 1, "mismatched": 2, "checked_against_direct": 3, "only_checked_among_themselves": 3,
        "states_served": 2, "states_checked": 1}


def test_the_phases_are_chosen_by_name_and_kept_in_order():
    assert parse_args(["--phases", "damage,kill"]).phases == ("kill", "damage")
    with pytest.raises(SystemExit):
        parse_args(["--phases", "flood"])


def test_the_summary_has_a_row_per_load_phase_and_no_fault_table_without_faults():
    phase = {"seconds": 60.1, "requests": 1000, "socket_errors": 0, "non_2xx": 0, "mismatched": 0,
             "checked_against_direct": 990, "answers": 1000, "failed": 0, "states_served": 4, "states_checked": 3,
             "runs": 6, "run_failures": [], "stale_at_rest": 0}
    table = load_table({"rebuild": phase})
    assert len(table) == 3 and "| during full rebuilds | 60 | 1,000 | 0 | 0 | 0 | 990 of 1,000 | 4 (3) | 6 (0) | 0 |" in table
    assert fault_lines({"rebuild": phase}) == []
