"""The fault benchmark's summary as Markdown: one table for the load phases, one for the faults."""
from __future__ import annotations

LOAD_PHASES = {"rebuild": "during full rebuilds", "incremental": "during incremental runs (add, edit, withdraw)"}


def load_table(results: dict) -> list[str]:
    """Return the table of the load phases: requests, errors, and answers compared with their state's."""
    lines = ["| 8 clients (wrk), load | s | requests | socket errors | non-2xx | answers ≠ their state's | "
             "checked against the state's direct answer | states live during the load (checked) | runs "
             "(failed) | answers from an older state once a run ended |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, label in LOAD_PHASES.items():
        if name not in results:
            continue
        phase = results[name]
        lines.append(
            f"| {label} | {phase['seconds']:.0f} | {phase['requests']:,} | {phase['socket_errors']} | "
            f"{phase['non_2xx']} | {phase['mismatched']} | {phase['checked_against_direct']:,} of "
            f"{phase['answers'] - phase['failed']:,} | {phase['states_served']} ({phase['states_checked']}) | "
            f"{phase['runs']} ({len(phase['run_failures'])}) | {phase['stale_at_rest']} |")
    return lines


def _kill_rows(kill: dict) -> list[str]:
    return [
        f"| server killed with SIGKILL under load, {kill['kills']} times, restarted at once | restart → first "
        f"answer, s | {' / '.join(f'{s:.2f}' for s in kill['restart_s'])} |",
        f"| | restart → /healthz counts every document ({kill['documents']}), s | "
        f"{' / '.join(f'{s:.2f}' for s in kill['all_documents_s'])} |",
        f"| | answers after the restarts equal to before | {kill['answers_as_before']} of {kill['paths']} |",
        f"| | answers during the load ≠ their state's (refused while down: {kill['socket_errors']}) | "
        f"{kill['mismatched']} of {kill['answers']:,} |",
    ]


def _disk_rows(disk: dict) -> list[str]:
    how = "a small tmpfs" if disk["tmpfs"] else "an injected ENOSPC (no tmpfs could be mounted)"
    rows = []
    for case, label in (("rebuild", "a full rebuild"), ("incremental", "an incremental run")):
        figures = disk[case]
        rows += [
            f"| disk full ({how}) during {label} | the run | exit {figures['exit']}, "
            f"{'a traceback' if figures['traceback'] else 'no traceback'}: “{figures['message']}” |",
            f"| | the server's answers: unchanged; equal to the live index's own | "
            f"{figures['answers_unchanged']}; {figures['answers_sound']} of {figures['paths']} |",
            f"| | generations left behind | {', '.join(figures['left_behind']) or 'none'} |",
            f"| | next run with room | exit {figures['next_run_exit']}; documents "
            f"{figures['documents_before']} → {figures['documents_after']} |",
        ]
    return rows


def _damage_rows(damage: dict) -> list[str]:
    health = damage["healthz"] or {}
    return [
        f"| {damage['file']} cut to half its length in the live index under load | the server, after "
        f"{damage['said_damaged_s']:.2f} s | {damage['api_status']} “{damage['api_message']}” |",
        f"| | the search page; /healthz | {damage['page_status']}, names the generation: "
        f"{'yes' if damage['page_names_generation'] else 'no'}, traceback: "
        f"{'yes' if damage['page_traceback'] else 'no'}; {damage['healthz_status']} “{health.get('status')}” |",
        f"| | during the load: answered 503; connections dropped (workers killed by SIGBUS, restarted) | "
        f"{damage['non_2xx']}; {damage['socket_errors']} of {damage['requests']:,} |",
        f"| | answers of 200 during the load ≠ their state's | {damage['mismatched']} |",
        f"| | `archive-search status` | exit {damage['status_exit']}: {' '.join(damage['status_says'])} |",
        f"| | `archive-search index --rebuild` | exit {damage['rebuild_exit']} in {damage['rebuild_s']:.1f} s; "
        f"documents {damage['documents_before']} → {damage['documents_after']} |",
    ]


def fault_lines(results: dict) -> list[str]:
    """Return the table of the faults: what was done, what was measured, and the figure."""
    rows = ["| fault | measure | figure |", "|---|---|---|"]
    if "kill" in results:
        rows += _kill_rows(results["kill"])
    if "disk" in results:
        rows += _disk_rows(results["disk"])
    if "damage" in results:
        rows += _damage_rows(results["damage"])
    return rows if len(rows) > 2 else []
