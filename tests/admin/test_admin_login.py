"""Login: wrong password, CSRF, lockout, disabled admin, token, cookies, and every admin URL behind the login."""
from __future__ import annotations

import html

import pytest
from werkzeug.security import generate_password_hash

from tests.admin.conftest import PASSWORD, csrf_token, log_in
from webapp.admin.blueprint import DISABLED_MESSAGE, EXTENSION_KEY
from webapp.admin.settings import LOGIN_FAILURES_PER_ADDRESS, LOGIN_WINDOW_SECONDS


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_right_password_opens_a_session_and_lands_on_the_page_asked_for(admin_app):
    client = admin_app.test_client()
    assert client.get("/admin/documents").headers["Location"] == "/admin/login?next=/admin/documents"
    token = csrf_token(client, "/admin/login?next=/admin/documents")
    response = client.post("/admin/login", data={"password": PASSWORD, "csrf_token": token, "next": "/admin/documents"})
    assert (response.status_code, response.headers["Location"]) == (302, "/admin/documents")
    assert client.get("/admin/documents").status_code == 200


def test_wrong_password_answers_401_and_no_session(admin_app):
    client = admin_app.test_client()
    response = log_in(client, "wrong password")
    assert response.status_code == 401
    assert "Wrong password." in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_login_without_a_valid_csrf_token_answers_400(admin_app, token):
    client = admin_app.test_client()
    client.get("/admin/login")
    data = {"password": PASSWORD} | ({"csrf_token": token} if token is not None else {})
    response = client.post("/admin/login", data=data)
    assert response.status_code == 400
    assert "reload the page" in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("url, data", [
    ("/admin/reindex", {}),
    ("/admin/withdraw", {"path": "002_5053c25469639f1a.txt", "confirm": "y"}),
    ("/admin/document", {"path": "002_5053c25469639f1a.txt", "date": "2001"}),
    ("/admin/logout", {}),
])
def test_admin_forms_without_csrf_token_answer_400_and_change_nothing(admin_client, library, url, data):
    before = sorted(p.relative_to(library.corpus_dir).as_posix() for p in library.corpus_dir.rglob("*"))
    response = admin_client.post(url, data=data)
    assert response.status_code == 400
    assert "The CSRF token is missing." in response.get_data(as_text=True)
    assert sorted(p.relative_to(library.corpus_dir).as_posix() for p in library.corpus_dir.rglob("*")) == before
    assert admin_client.get("/admin/").status_code == 200  # still logged in: the logout did not happen


def test_repeated_failures_lock_the_address_even_for_the_right_password_until_the_window_passes(admin_app):
    clock = FakeClock()
    admin_app.extensions[EXTENSION_KEY].throttle.clock = clock
    client = admin_app.test_client()
    statuses = [log_in(client, f"guess {n}").status_code for n in range(LOGIN_FAILURES_PER_ADDRESS)]
    assert statuses == [401] * LOGIN_FAILURES_PER_ADDRESS
    locked = log_in(client)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) == LOGIN_WINDOW_SECONDS
    assert "Too many failed logins" in locked.get_data(as_text=True)
    clock.now += LOGIN_WINDOW_SECONDS - 60
    assert log_in(client).status_code == 429
    clock.now += 61
    assert log_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_failures_from_many_addresses_lock_the_account(admin_app):
    limit = admin_app.config["ADMIN_LOGIN_FAILURES_PER_ACCOUNT"]
    client = admin_app.test_client()
    for n in range(limit):
        address = {"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250}"}
        token = csrf_token(client)
        assert client.post("/admin/login", data={"password": "x", "csrf_token": token},
                           environ_base=address).status_code == 401
    assert client.post("/admin/login", data={"password": PASSWORD, "csrf_token": csrf_token(client)},
                       environ_base={"REMOTE_ADDR": "192.0.2.99"}).status_code == 429


def test_without_a_password_the_admin_is_disabled(apps, library):
    client = apps(library, ADMIN_PASSWORD=None).test_client()
    for url in ("/admin/", "/admin/login", "/admin/api/progress"):
        response = client.get(url)
        assert response.status_code == 503
        assert DISABLED_MESSAGE in html.unescape(response.get_data(as_text=True))


def test_password_from_the_environment_and_from_a_hash(apps, library, monkeypatch):
    monkeypatch.setenv("ARCHIVE_SEARCH_ADMIN_PASSWORD_HASH", generate_password_hash("from the environment"))
    client = apps(library, ADMIN_PASSWORD=None).test_client()
    assert log_in(client, PASSWORD).status_code == 401
    assert log_in(client, "from the environment").status_code == 302


def test_changing_the_password_ends_existing_sessions(admin_app, admin_client):
    admin_app.config["ADMIN_PASSWORD"] = "a new password"
    assert admin_client.get("/admin/").status_code == 302


def test_api_answers_a_bearer_token_and_refuses_a_wrong_one(apps, library):
    client = apps(library, ADMIN_TOKEN="script-token-123").test_client()
    assert client.get("/admin/api/progress").status_code == 401
    wrong = client.get("/admin/api/progress", headers={"Authorization": "Bearer nope"})
    assert (wrong.status_code, wrong.json["error"]["message"]) == (401, "The API token is wrong.")
    right = client.get("/admin/api/status", headers={"Authorization": "Bearer script-token-123"})
    assert right.status_code == 200
    assert right.json["status"]["documents"] == 5


@pytest.mark.parametrize("insecure, secure_flag", [(False, True), (True, False)])
def test_session_cookie_flags(apps, library, insecure, secure_flag):
    client = apps(library, ADMIN_INSECURE_COOKIES=insecure).test_client()
    cookie = log_in(client).headers["Set-Cookie"]
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite", "expires"} <= attributes
    assert "SameSite=Lax" in cookie
    assert ("secure" in attributes) is secure_flag


@pytest.mark.parametrize("base_url, insecure, warned", [
    ("http://archive.example", False, True), ("https://archive.example", False, False),
    ("http://localhost", False, False), ("http://127.0.0.1:8000", False, False), ("http://archive.example", True, False),
])
def test_login_page_warns_when_secure_cookies_cannot_hold(apps, library, base_url, insecure, warned):
    page = apps(library, ADMIN_INSECURE_COOKIES=insecure).test_client().get("/admin/login", base_url=base_url)
    assert ("the session cookie is only kept over HTTPS" in page.get_data(as_text=True)) is warned


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/admin", "/search", "/admin/login"])
def test_login_never_redirects_off_the_admin_area(admin_app, target):
    client = admin_app.test_client()
    token = csrf_token(client)
    response = client.post("/admin/login", data={"password": PASSWORD, "csrf_token": token, "next": target})
    assert response.headers["Location"] == "/admin/"


def test_every_admin_url_refuses_without_login(admin_app, library, admin_route):
    rule, method = admin_route
    url = rule.replace("<path:filename>", "x")
    before = sorted(p.as_posix() for p in library.corpus_dir.rglob("*"))
    response = admin_app.test_client().open(url, method=method, data={"path": "002_5053c25469639f1a.txt"})
    if rule.startswith("/admin/api/"):
        assert response.status_code == 401
        assert response.json["error"]["status"] == 401
    else:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login")
    assert sorted(p.as_posix() for p in library.corpus_dir.rglob("*")) == before
    assert admin_app.extensions[EXTENSION_KEY].jobs.last is None


def test_logout_ends_the_session(admin_client):
    token = csrf_token(admin_client, "/admin/")
    assert admin_client.post("/admin/logout", data={"csrf_token": token}).status_code == 302
    assert admin_client.get("/admin/").status_code == 302


NAMELESS_PART = (b"--b\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n"
                 b"--b\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nx\r\n--b--\r\n")


@pytest.mark.parametrize("url", ["/admin/login", "/admin/reindex", "/admin/api/reindex", "/admin/upload"])
def test_a_form_part_without_a_name_is_refused_with_a_message(admin_client, url):
    response = admin_client.post(url, data=NAMELESS_PART, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 400
    assert "without a name" in response.get_data(as_text=True)


@pytest.mark.parametrize("url, status", [("/admin/document?path=%00", 404), ("/admin/preview?path=a%00.txt", 400),
                                         ("/admin/document?path=..%2F%00", 404)])
def test_a_path_with_a_nul_character_is_refused_with_a_message(admin_client, url, status):
    response = admin_client.get(url)
    assert response.status_code == status
    assert "cannot hold control characters" in response.get_data(as_text=True)
