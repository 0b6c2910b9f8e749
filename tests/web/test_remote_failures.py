"""A workshop server that fails (an error of its own, a cut-off or unreadable answer) is met by
the terminal participant as one that does not answer: an ``OSError`` its window already shows
and tries again after, never an exception that closes the window."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from roadmap.tui.workshop.remote import Remote, RemoteRefusal, RemoteWatcher, Unanswered

ANSWERS = {
    "/error": (500, b"Internal Server Error", None),
    "/cut": (200, b'{"revision": 1', 100),  # promises 100 bytes, sends 14
    "/text": (200, b"<html>a proxy's page</html>", None),
    "/refused": (403, b'{"error": "Voting is closed."}', None),
}


class _Failing(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        kind = self.path.split("/api/")[0]
        status, body, length = ANSWERS[kind]
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(length or len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("kind", ["/error", "/cut", "/text"])
def test_a_failing_server_does_not_answer(server: str, kind: str) -> None:
    remote = Remote(server + kind)
    with pytest.raises(Unanswered):
        remote.live("fi")
    with pytest.raises(OSError):  # the vote queue shows "nothing was saved" for it
        remote.vote("A", "dots", None, 1, "fi")
    assert RemoteWatcher(remote).changed() is False


def test_a_refusal_is_still_a_refusal(server: str) -> None:
    with pytest.raises(RemoteRefusal, match="Voting is closed"):
        Remote(server + "/refused").vote("A", "dots", None, 1, "fi")
