"""Shared by the property tests: catch the app's logged errors and check an answer is not a server error."""
from __future__ import annotations

import logging

TRACEBACK = "Traceback (most recent call last)"


class ErrorLog(logging.Handler):
    """Keep the app's logged errors (with their tracebacks) so a failing assertion can show them."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def assert_not_a_server_error(response, what: str, errors: ErrorLog) -> None:
    """Assert a test-client response is below 500 and shows no traceback (reading a streamed body whole)."""
    body = response.get_data(as_text=True)
    assert response.status_code < 500, f"{what[:300]} answered {response.status_code}\n" + "\n".join(errors.lines)
    assert TRACEBACK not in body, what[:300]
