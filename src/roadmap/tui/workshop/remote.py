"""The terminal participant as a client of the workshop's web server (``roadmap join URL``):
no database on the participant's machine, so nobody can read anyone's votes from it.

Plain HTTP with JSON (the standard library's ``urllib``); the private token goes as a bearer
token. Refusals come back worded in the window's language and are raised as
:class:`RemoteRefusal`, which the window shows like any other. A server that fails (an
error of its own, a broken or cut-off answer) is one that does not answer: :class:`Unanswered`
is an ``OSError``, which the window already meets with "the server does not answer" and a
later try, never with a crash.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from roadmap.services.workshops import workshop_results, workshop_sessions
from roadmap.workshop.words import Refusal

TIMEOUT = 10.0


class Unanswered(OSError):
    """The server failed to give an answer that can be read."""


class RemoteRefusal(Refusal):
    """A refusal worded by the server."""

    def say(self, lang: str) -> str:
        return self.message


class RemoteJoinRefused(RemoteRefusal, workshop_sessions.JoinRefused):
    pass


class RemoteWrongCode(RemoteRefusal, workshop_sessions.WrongCode):
    pass


@dataclass
class Joined:
    """The participant the server joined (named as the store's participant rows are)."""

    id: int
    name: str
    token: str
    session_id: int
    lang: str


class Remote:
    """The workshop served at ``url``."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.token: str | None = None

    def _call(self, path: str, body: dict | None = None) -> dict:
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
                return json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            if exc.code >= 500:
                raise Unanswered(str(exc)) from exc
            try:
                found = json.loads(exc.read())
            except ValueError:
                found = {"error": str(exc)}
            found["status"] = exc.code
            return found
        except (http.client.HTTPException, ValueError) as exc:  # cut off, or not JSON
            raise Unanswered(str(exc)) from exc

    def join(self, code: str, name: str, token: str | None, lang: str) -> Joined:
        found = self._call("/api/join", {"code": code, "name": name, "token": token, "lang": lang})
        if "error" in found:
            kind = RemoteWrongCode if found.get("wrong_code") else RemoteJoinRefused
            raise kind(found["error"])
        self.token = found["token"]
        return Joined(
            found["participant"], found["name"], found["token"], found["session"], found["lang"]
        )

    def live(self, lang: str) -> workshop_results.Live:
        return workshop_results.live_from_data(self._call(f"/api/live?lang={lang}"))

    def revision(self) -> int:
        return self._call("/api/revision")["revision"]

    def lang(self) -> str:
        """The workshop's language, to ask in before joining."""
        return self._call("/api/revision")["lang"]

    def vote(self, item: str, criterion: str, value, delta, lang: str) -> None:
        body = {"item": item, "criterion": criterion, "lang": lang}
        body |= {"value": value} if value is not None else {"delta": delta}
        found = self._call("/api/vote", body)
        if "error" in found:
            raise RemoteRefusal(found["error"])


class RemoteWatcher:
    """Tells whether the served workshop changed since the last call (one small request)."""

    def __init__(self, remote: Remote) -> None:
        self.remote, self._revision = remote, -1

    def changed(self) -> bool:
        try:
            now = self.remote.revision()
        except OSError:
            return False
        changed, self._revision = now != self._revision, now
        return changed

    def close(self) -> None:
        pass
