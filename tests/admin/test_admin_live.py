"""Searches keep answering, and never see half an update, while documents are added, edited and deleted."""
from __future__ import annotations

import io
import threading
import time

from indexer.engines import SearchQuery, open_store
from tests.admin.conftest import csrf_token, speech, wait_for_job

STEADY = "Shanghai"  # in the sample corpus, not in the added document: its total must never move
FIRST, SECOND = "quokkaflux", "wombatrix"  # words in no corpus document, one per version of the added document
NAME = "live-note.txt"
# Commits of an unchanged document raced against searches, and the threads searching meanwhile.
RACED_COMMITS = 10
SEARCH_THREADS = 2
# How long a step may take before the test gives up (a hang, not a speed limit: speed is measured, not asserted).
STEP_DEADLINE_SECONDS = 60


def note(word: str) -> bytes:
    """Return the added document: a real speech excerpt with one made-up word in two of its paragraphs."""
    paragraphs = speech().decode("utf-8").strip().split("\n\n")
    paragraphs[0] += f" The {word} programme was announced."
    paragraphs[-1] += f" Delegations welcomed the {word} initiative."
    return "\n\n".join(paragraphs).encode("utf-8")


class SearchLoop(threading.Thread):
    """Search the three words over and over through the JSON API, recording every answer."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.client = app.test_client()
        self.answers: dict[str, list[int]] = {STEADY: [], FIRST: [], SECOND: []}
        self.errors: list[str] = []
        self.stop = threading.Event()

    def total(self, word: str) -> int:
        response = self.client.get("/api/search", query_string={"q": word})
        if response.status_code != 200:
            self.errors.append(f"{word}: HTTP {response.status_code} {response.get_data(as_text=True)[:200]}")
            return -1
        return response.json["total"]

    def run(self):
        while not self.stop.is_set():
            for word in self.answers:
                try:
                    self.answers[word].append(self.total(word))
                except Exception as error:  # any failure is a bad answer to report, not to hide
                    self.errors.append(f"{word}: {type(error).__name__}: {error}")


def reindex_and_wait_for(app, client, word: str, present: bool) -> float:
    """Start an incremental run from the admin and return the seconds until ``word`` is (not) found."""
    search = app.test_client()
    started = time.perf_counter()
    response = client.post("/admin/reindex", data={"csrf_token": csrf_token(client, "/admin/")})
    assert response.status_code == 302
    while time.perf_counter() - started < STEP_DEADLINE_SECONDS:
        total = search.get("/api/search", query_string={"q": word}).json["total"]
        if (total > 0) == present:
            wait_for_job(app)
            return time.perf_counter() - started
        time.sleep(0.05)
    raise AssertionError(f"{word!r} {'not found' if present else 'still found'} after {STEP_DEADLINE_SECONDS} s")


def upload_note(client, word: str, replace: bool):
    data = {"csrf_token": csrf_token(client, "/admin/upload"), "folder": "", "files": [(io.BytesIO(note(word)), NAME)]}
    if replace:
        data["replace"] = "y"
    assert client.post("/admin/upload", data=data, content_type="multipart/form-data").status_code == 200


def changes(values: list[int]) -> list[int]:
    """Return the distinct totals in the order they were seen (runs collapsed)."""
    return [v for i, v in enumerate(values) if i == 0 or values[i - 1] != v]


def test_add_edit_delete_while_searches_run(admin_app, admin_client, library):
    baseline = admin_app.test_client().get("/api/search", query_string={"q": STEADY}).json["total"]
    assert baseline > 0
    loop = SearchLoop(admin_app)
    loop.start()
    try:
        upload_note(admin_client, FIRST, replace=False)
        added = reindex_and_wait_for(admin_app, admin_client, FIRST, present=True)
        upload_note(admin_client, SECOND, replace=True)
        edited = reindex_and_wait_for(admin_app, admin_client, SECOND, present=True)
        (library.corpus_dir / NAME).unlink()
        deleted = reindex_and_wait_for(admin_app, admin_client, SECOND, present=False)
        time.sleep(0.2)
    finally:
        loop.stop.set()
        loop.join(30)
    print(f"\nsearchable after: add {added:.2f} s, edit {edited:.2f} s, delete {deleted:.2f} s; "
          f"{sum(map(len, loop.answers.values()))} searches during the runs")
    assert loop.errors == []
    assert set(loop.answers[STEADY]) == {baseline}
    first, second = changes(loop.answers[FIRST]), changes(loop.answers[SECOND])
    assert first[0] == 0 and first[-1] == 0 and len(first) == 3 and first[1] > 0, first
    assert second[0] == 0 and second[-1] == 0 and len(second) == 3 and second[1] > 0, second
    client = admin_app.test_client()
    assert [client.get("/api/search", query_string={"q": w}).json["total"] for w in (FIRST, SECOND, STEADY)] == [0, 0, baseline]


def test_searches_racing_incremental_commits_never_fail(library):
    """Every commit makes the shared searcher refresh; searches already under way must still answer."""
    serving, writing = open_store(library.index_dir), open_store(library.index_dir)
    doc_id = "002_5053c25469639f1a"
    passages = serving.get_document(doc_id)
    baseline = serving.search(SearchQuery(text=STEADY, with_facets=False)).total
    totals, errors, stop = [], [], threading.Event()

    def search():
        while not stop.is_set():
            try:
                totals.append(serving.search(SearchQuery(text=STEADY, with_facets=False, limit=1)).total)
            except Exception as error:  # any failure is a bad answer to report, not to hide
                errors.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=search, daemon=True) for _ in range(SEARCH_THREADS)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(RACED_COMMITS):
            writing.replace_documents([(doc_id, passages)])
            time.sleep(0.02)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
        serving.close()
        writing.close()
    assert (sorted(set(errors)), set(totals)) == ([], {baseline})
