"""Property test over every admin route: generated forms, query strings and files, with and without a session."""
from __future__ import annotations

import io
import shutil
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.config import Config
from tests.admin.conftest import PASSWORD, admin_routes, csrf_token, log_in, make_app
from tests.server_errors import ErrorLog, assert_not_a_server_error
from webapp.admin.blueprint import EXTENSION_KEY

# Generated requests, each to one admin route (besides the 12,000 and more sent to the public routes).
EXAMPLES = 1200
# Every route the admin area answers, the login form included.
ROUTES = [*admin_routes(), ("/admin/login", "GET"), ("/admin/login", "POST")]
CORPUS_FILES = ["000_b1dc39bb15750822.txt", "002_5053c25469639f1a.txt", "004_e01e7e91aa2e5400.txt"]
# Names of every field of every admin form, and values each accepts or refuses.
FIELD_NAMES = ["password", "next", "path", "title", "date", "speakers", "doc_type", "topics", "source", "lang", "url",
               "confirm", "rebuild", "folder", "replace", "page", "q", "sort"]
FIELD_VALUES = [*CORPUS_FILES, "../etc/passwd", "/etc/passwd", "_withdrawn/x.txt", "", "y", "on", "2020-11-10",
                "2021-02-29", "fr", "xx-YY", "https://www.kremlin.ru/x", "javascript:alert(1)", "Vladimir Putin",
                "\x00", "\u202e", "<script>x</script>", "9" * 30, "a" * 5000, PASSWORD, "/admin/", "//evil.example"]
FILE_NAMES = ["speech.txt", "page.html", "doc.pdf", "notes.md", "x.meta.json", "../x.txt", "", "CON", "a" * 300,
              "no-suffix", "слово.txt"]
FILE_BODIES = [b"", b"Speech by the Secretary-General.\n\nSecurity matters.", b"%PDF-1.4 broken", b"\xff\xfe\x00",
               b"<html><body><p>Press release</p></body></html>", b'{"title": 3}', b"{", b"\x00" * 100]

text = st.text(max_size=40)
values = st.one_of(st.sampled_from(FIELD_VALUES), text)
# A corpus file's path in one draw of three, so that most requests reach a document's form, preview or withdrawal.
corpus_path = st.tuples(st.just("path"), st.sampled_from(CORPUS_FILES))
fields = st.lists(corpus_path | st.tuples(st.sampled_from(FIELD_NAMES), values) | st.tuples(text, text), max_size=8)
uploads = st.lists(st.tuples(st.sampled_from(["files", "file", "x"]), st.sampled_from(FILE_NAMES) | text,
                             st.sampled_from(FILE_BODIES) | st.binary(max_size=300)), max_size=3)
requests = st.fixed_dictionaries({
    "route": st.sampled_from(ROUTES), "session": st.booleans(), "csrf": st.sampled_from(["valid", "none", "forged"]),
    "fields": fields, "uploads": uploads, "query": fields,
})


@pytest.fixture(scope="module")
def admin_clients(tmp_path_factory, request_tally):
    """Yield a function sending one generated request, logged in or not, to an app over a private indexed corpus."""
    from indexer.pipeline import index_corpus
    from tests.conftest import copy_corpus

    root = tmp_path_factory.mktemp("admin-properties")
    config = Config(corpus_dir=copy_corpus(root / "corpus"), index_dir=root / "index")
    index_corpus(config)
    app = make_app(config, ADMIN_LOGIN_FAILURES_PER_ADDRESS=10**6, ADMIN_LOGIN_FAILURES_PER_ACCOUNT=10**6)
    errors = ErrorLog()
    app.logger.addHandler(errors)
    clients, tokens = {}, {}

    def start_session(logged_in: bool) -> None:
        clients[logged_in] = app.test_client()
        if logged_in:
            assert log_in(clients[True]).status_code == 302
        tokens[logged_in] = csrf_token(clients[logged_in], "/admin/" if logged_in else "/admin/login")

    start_session(True)
    start_session(False)

    def send(drawn: dict) -> None:
        rule, method = drawn["route"]
        client = clients[drawn["session"]]
        data = dict(drawn["fields"])
        if drawn["csrf"] != "none":
            data["csrf_token"] = tokens[drawn["session"]] if drawn["csrf"] == "valid" else "forged"
        if method == "POST":
            data.update({name: (io.BytesIO(body), filename) for name, filename, body in drawn["uploads"]})
        url = rule.replace("<path:filename>", "admin.css") + "?" + urlencode(drawn["query"])
        errors.lines.clear()
        request_tally[f"{method} {rule}"] += 1
        response = client.open(url, method=method, data=data if method == "POST" else None)
        assert_not_a_server_error(response, f"{method} {url} {data}", errors)
        if rule in ("/admin/logout", "/admin/login") and method == "POST":
            start_session(drawn["session"])  # the librarian may be logged out, the visitor logged in

    yield send
    app.extensions[EXTENSION_KEY].jobs.wait(timeout=120)
    app.extensions["archive_search"].close()
    shutil.rmtree(root, ignore_errors=True)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(drawn=requests)
def test_no_admin_request_answers_a_server_error(admin_clients, drawn):
    admin_clients(drawn)
