"""One access-log line per request, with status, bytes sent and time taken, written once the answer is sent."""
from __future__ import annotations

import logging
import re

import pytest

from webapp.accesslog import ACCESS_LOGGER, access_line

LINE = re.compile(r'^(?P<address>\S+) "(?P<method>\S+) (?P<target>\S+) (?P<protocol>\S+)" (?P<status>\d{3}) '
                  r"(?P<size>\d+) (?P<ms>\d+\.\d)ms$")


@pytest.fixture()
def access_lines(caplog):
    """Return the access lines the app writes during a test."""
    caplog.set_level(logging.INFO, logger=ACCESS_LOGGER)
    return lambda: [record.getMessage() for record in caplog.records if record.name == ACCESS_LOGGER]


@pytest.mark.parametrize("url, status", [("/search?q=cooperation", "200"), ("/search.csv?q=cooperation", "200"),
                                         ("/doc/no-such-document", "404"), ("/search?page=0", "400"),
                                         ("/api/search?q=%00", "200")])
def test_each_request_writes_one_line_with_its_status_size_and_time(client, access_lines, url, status):
    response = client.get(url, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    body = response.get_data()
    response.close()
    lines = access_lines()
    assert len(lines) == 1, lines
    fields = LINE.match(lines[0]).groupdict()
    assert {key: fields[key] for key in ("address", "method", "target", "protocol", "status", "size")} == {
        "address": "192.0.2.7", "method": "GET", "target": url, "protocol": "HTTP/1.1", "status": status,
        "size": str(len(body))}
    assert float(fields["ms"]) > 0


def test_a_line_escapes_control_characters_and_quotes():
    environ = {"REMOTE_ADDR": "::1", "REQUEST_METHOD": "GET", "PATH_INFO": '/doc/a\nb"c', "QUERY_STRING": "q=\x1b",
               "SERVER_PROTOCOL": "HTTP/1.0"}
    assert access_line(environ, "404", 12, 3.14159) == '::1 "GET /doc/a\\nb%22c?q=\\x1b HTTP/1.0" 404 12 3.1ms'
