"""The participants' web page: join with the code and a name, vote, see it saved, live.

Server-rendered (Jinja2 templates; every page works without scripts, and a small script of
our own only swaps in the fresh part of the page when the server says something changed).
Nothing is loaded from another host. One server process serves every participant; none of
them needs the database.

Safety, on loopback too: posts must come from the page's own origin (``Origin``, else
``Referer``) and carry the CSRF token of their cookie (double submit); cookies are
``SameSite=Strict`` and ``HttpOnly``. A code opens exactly the served workshop. Wrong codes
are limited per address and per workshop (:class:`~roadmap.web.guard.Throttle`); nothing is
stored per visitor before the code is right. The private token handed out at join lives in a
cookie: it is the only way to the participant's votes.

Under a room's load, each request reaches the database once: a vote finds its voter, casts
and reads the new revision in one write transaction, and hands that revision to every open
page's stream (:class:`~roadmap.web.live.Broadcaster`). The server's writes take turns in one
thread: SQLite takes one writer at a time, and its busy handler sleeps between tries (up to a
tenth of a second), while a queue here hands the turn over at once.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anyio
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from roadmap.i18n import N_
from roadmap.i18n.lang import Lang
from roadmap.store import workshop_results, workshop_rounds, workshop_sessions
from roadmap.store.busy import Busy, write_retrying
from roadmap.store.db import Store
from roadmap.web.guard import Throttle
from roadmap.web.live import Broadcaster
from roadmap.workshop.rules import normal_code
from roadmap.workshop.words import LANGS, UNITS, Refusal, step_name

HERE = Path(__file__).resolve().parent
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
STEP = {"dots": 1, "points": 5}
CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
REVISION_HEADER = "X-Workshop-Revision"
"""Says which revision of the workshop holds the vote just saved: the live update (``change``
event) with that revision or a later one shows it."""
KEEP_ALIVE_SECONDS = 15.0
"""A quiet live-update stream says something this often."""


def make_web_app(
    store: Store,
    session_id: int,
    *,
    throttle: Throttle | None = None,
    stream_seconds: float = 300.0,
    secure_cookies: bool = False,
) -> Starlette:
    """The web page of workshop ``session_id``; ``stream_seconds``: how long one live-update
    stream lasts before the browser reconnects."""
    throttle = throttle or Throttle()
    live = Broadcaster(store, session_id)
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True)
    )
    token_cookie = f"roadmap_ws{session_id}"

    def keep(response: Response, name: str, value: str, max_age: int | None = None) -> None:
        """A cookie only this site's pages send, out of scripts' reach."""
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path="/",
            secure=secure_cookies,
            httponly=True,
            samesite="strict",
        )

    def author(who) -> tuple[int, ...]:
        """Whose pages a vote or an idea changes: its author's alone (a page shows no one
        else's votes or ideas)."""
        return () if who is None or who.id is None else (who.id,)

    def nobody(_joined) -> tuple[int, ...]:
        """A join changes no open page."""
        return ()

    async def write(
        change: Callable[[Any], Any], to: Callable[[Any], tuple[int, ...]]
    ) -> tuple[Any, int]:
        """``change(session)`` written in the server's writing thread, and the workshop's
        revision after it, which the pages of the participants ``to(result)`` hear of."""

        def written(s):
            result = change(s)
            return result, workshop_sessions.revision(session=s, session_id=session_id)

        result, revision = await anyio.to_thread.run_sync(
            write_retrying, store, written, limiter=live.writer()
        )
        live.publish(revision, to=to(result))
        return result, revision

    async def workshop_lang(request: Request) -> str:
        chosen = request.cookies.get("lang")
        if chosen in LANGS:
            return chosen
        await live.start()
        return live.lang

    def render(
        request: Request, template: str, lang: str, status: int = 200, **context
    ) -> HTMLResponse:
        csrf = request.cookies.get("csrf") or secrets.token_urlsafe(24)
        words = Lang(lang)
        body = env.get_template(template).render(
            _=words._,
            ngettext=words.ngettext,
            w=words,
            step_name=lambda key: step_name(words, key),
            unit=lambda method: words._(UNITS[method]),
            lang=lang,
            languages=LANGUAGE_NAMES,
            csrf=csrf,
            step=STEP,
            idea_steps=workshop_sessions.IDEA_STEPS,
            **context,
        )
        response = HTMLResponse(body, status_code=status)
        keep(response, "csrf", csrf)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    def same_origin(request: Request) -> bool:
        """A request sent by this site's own pages (not another site's)."""
        source = request.headers.get("origin") or request.headers.get("referer")
        if not source:
            return False
        seen = urlsplit(source)
        return seen.netloc == request.headers.get("host") and seen.scheme in ("http", "https")

    async def checked_form(request: Request):
        """The post's form, or None when it is cross-site or lacks the cookie's CSRF token."""
        if not same_origin(request):
            return None
        form = await request.form()
        expected = request.cookies.get("csrf", "")
        if not expected or not secrets.compare_digest(str(form.get("csrf", "")), expected):
            return None
        return form

    async def refused(request: Request) -> Response:
        lang = await workshop_lang(request)
        message = Lang(lang)._("This request did not come from the workshop page.")
        return render(request, "error.html", lang, status=403, message=message)

    def by_token(s, token: str | None):
        """The participant whose private token is ``token``, or None."""
        if not token:
            return None
        try:
            return workshop_sessions.participant_by_token(
                session=s, session_id=session_id, token=token
            )
        except workshop_sessions.NotYou:
            return None

    def seen(token: str | None, lang: str, *, state: bool = True):
        """The participant with ``token`` and (``state``) what their page shows, in one read."""
        with store.read() as s:
            who = by_token(s, token)
            if who is None or not state:
                return who, None
            return who, workshop_results.load_live(
                session=s, session_id=session_id, participant_id=who.id, lang=lang
            )

    async def join_page(request: Request) -> Response:
        if "lang" in request.query_params:
            lang = request.query_params["lang"]
            response = RedirectResponse("/", status_code=303)
            if lang in LANGS:
                keep(response, "lang", lang)
            return response
        token = request.cookies.get(token_cookie)
        who, _state = await run_in_threadpool(seen, token, "", state=False)
        if who is not None:
            return RedirectResponse("/vote", status_code=303)
        lang = await workshop_lang(request)
        return render(request, "join.html", lang, code="", name="", error="")

    def joining(code: str, name: str, token: str | None):
        def change(s):
            workshop = workshop_sessions.session_by_code(session=s, code=code)
            if workshop.id != session_id:  # another plan's or workshop's code
                raise workshop_sessions.WrongCode(
                    N_("no workshop has that code; check the code on the screen")
                )
            return workshop_sessions.join(session=s, code=code, name=name, token=token)

        return change

    async def join(request: Request) -> Response:
        form = await checked_form(request)
        if form is None:
            return await refused(request)
        lang = await workshop_lang(request)
        address = request.client.host if request.client else "?"
        code, name = str(form.get("code", "")), str(form.get("name", ""))
        if throttle.blocked(address):
            message = Lang(lang)._("Too many wrong codes. Ask the facilitator for the code.")
            return render(request, "join.html", lang, 429, code=code, name=name, error=message)
        try:
            joined, _revision = await write(
                joining(normal_code(code), name, request.cookies.get(token_cookie)), nobody
            )
        except (workshop_sessions.JoinRefused, Busy) as exc:
            if isinstance(exc, workshop_sessions.WrongCode):
                throttle.failed(address)
            error = exc.say(lang)
            return render(request, "join.html", lang, 400, code=code, name=name, error=error)
        _participant, token = joined
        response = RedirectResponse("/vote", status_code=303)
        keep(response, token_cookie, token, max_age=7 * 24 * 3600)
        return response

    async def vote_page(request: Request) -> Response:
        lang = await workshop_lang(request)
        token = request.cookies.get(token_cookie)
        who, state = await run_in_threadpool(seen, token, lang)
        if who is None:
            return RedirectResponse("/", status_code=303)
        template = "_live.html" if request.query_params.get("part") == "live" else "vote.html"
        message = request.query_params.get("m", "")
        return render(request, template, lang, live=state, me=who, message=message)

    def cast(s, participant_id: int, form) -> None:
        row = workshop_rounds.current_round(session=s, session_id=session_id)
        if row is None or row.id is None:
            raise workshop_rounds.VoteRefused(N_("voting in this round has closed"))
        value, delta = form.get("value"), form.get("delta")
        workshop_rounds.cast_vote(
            session=s,
            round_id=row.id,
            participant_id=participant_id,
            item_key=str(form.get("item", "")),
            criterion=str(form.get("criterion", "")),
            value=int(value) if value not in (None, "") else None,
            delta=int(delta) if value in (None, "") and delta else None,
        )

    def voting(token: str | None, form):
        """The vote in ``form`` by the participant with ``token`` (None: nobody's)."""

        def change(s):
            who = by_token(s, token)
            if who is not None:
                cast(s, who.id, form)
            return who

        return change

    async def vote(request: Request) -> Response:
        form = await checked_form(request)
        if form is None:
            return await refused(request)
        lang = await workshop_lang(request)
        token = request.cookies.get(token_cookie)
        fetched = request.headers.get("x-requested-with") == "fetch"
        revision = {}
        try:
            voter, after = await write(voting(token, form), author)
            if voter is None:
                return RedirectResponse("/", status_code=303)
            message = "saved"
            revision = {REVISION_HEADER: str(after)}  # the live update that carries the vote
        except (Refusal, ValueError) as exc:
            text = exc.say(lang) if isinstance(exc, Refusal) else str(exc)
            message = Lang(lang)._("Not saved: {reason}", reason=text)
        if message == "saved" and not fetched:
            return RedirectResponse("/vote?m=saved", status_code=303, headers=revision)
        who, state = await run_in_threadpool(seen, token, lang)
        if who is None:
            return RedirectResponse("/", status_code=303)
        template = "_live.html" if fetched else "vote.html"
        response = render(request, template, lang, live=state, me=who, message=message)
        response.headers.update(revision)
        return response

    async def idea(request: Request) -> Response:
        """An idea or need sent from the page during a needs or items step."""
        form = await checked_form(request)
        if form is None:
            return await refused(request)
        lang = await workshop_lang(request)
        token = request.cookies.get(token_cookie)
        text = str(form.get("text", ""))

        def change(s):
            who = by_token(s, token)
            if who is not None:
                workshop_sessions.submit_idea(
                    session=s, session_id=session_id, participant_id=who.id, text=text
                )
            return who

        try:
            sender, _revision = await write(change, author)
            if sender is None:
                return RedirectResponse("/", status_code=303)
            message = Lang(lang)._("Thank you: your idea is on the screen.")
            ok = True
        except Refusal as exc:
            message, ok = Lang(lang)._("Not saved: {reason}", reason=exc.say(lang)), False
        who, state = await run_in_threadpool(seen, token, lang)
        if who is None:
            return RedirectResponse("/", status_code=303)
        fetched = request.headers.get("x-requested-with") == "fetch"
        template = "_live.html" if fetched else "vote.html"
        return render(request, template, lang, live=state, me=who, message=message, sent=ok)

    # The terminal participant (``roadmap join URL``) -------------------------------------
    # It sends its private token as a bearer token, never as a cookie: another site cannot
    # make a browser send it, so these need no origin check.

    def bearer(request: Request) -> str:
        return request.headers.get("authorization", "").removeprefix("Bearer ").strip()

    async def api_join(request: Request) -> Response:
        body = await request.json()
        address = request.client.host if request.client else "?"
        workshop_language = await workshop_lang(request)
        lang = body.get("lang") if body.get("lang") in LANGS else workshop_language
        if throttle.blocked(address):
            message = Lang(lang)._("Too many wrong codes. Ask the facilitator for the code.")
            return JSONResponse({"error": message, "wrong_code": True}, status_code=429)
        code, name = normal_code(str(body.get("code", ""))), str(body.get("name", ""))
        try:
            (who, token), _revision = await write(
                joining(code, name, body.get("token") or None), nobody
            )
        except (workshop_sessions.JoinRefused, Busy) as exc:
            wrong = isinstance(exc, workshop_sessions.WrongCode)
            if wrong:
                throttle.failed(address)
            return JSONResponse({"error": exc.say(lang), "wrong_code": wrong}, status_code=400)
        return JSONResponse(
            {
                "token": token,
                "participant": who.id,
                "name": who.name,
                "session": session_id,
                "lang": workshop_language,
            }
        )

    async def api_live(request: Request) -> Response:
        lang = request.query_params.get("lang")
        if lang not in LANGS:
            lang = await workshop_lang(request)
        who, state = await run_in_threadpool(seen, bearer(request), lang)
        if who is None:
            return JSONResponse({"error": "not joined"}, status_code=401)
        return JSONResponse(workshop_results.live_to_data(state))

    async def api_revision(request: Request) -> Response:
        await live.start()
        return JSONResponse({"revision": live.revision, "lang": live.lang})

    async def api_vote(request: Request) -> Response:
        body = await request.json()
        lang = body.get("lang") if body.get("lang") in LANGS else await workshop_lang(request)
        try:
            who, revision = await write(voting(bearer(request), body), author)
        except (Refusal, ValueError) as exc:
            text = exc.say(lang) if isinstance(exc, Refusal) else str(exc)
            return JSONResponse({"error": text}, status_code=409)
        if who is None:
            return JSONResponse({"error": "not joined"}, status_code=401)
        return JSONResponse({"saved": True, "revision": revision})

    async def events(request: Request) -> Response:
        """Server-sent events: ``change`` whenever the workshop changed in a way this page
        shows (the facilitator's steps and rounds, this participant's own votes); a comment
        now and then keeps proxies from closing a quiet stream."""
        token = request.cookies.get(token_cookie)
        who, _state = await run_in_threadpool(seen, token, "", state=False)

        async def stream():
            async with live.follow(None if who is None else who.id) as changed:
                yield "retry: 1000\n\n"
                loop = asyncio.get_running_loop()
                end = loop.time() + stream_seconds
                while (left := end - loop.time()) > 0:
                    try:
                        await asyncio.wait_for(changed.wait(), min(left, KEEP_ALIVE_SECONDS))
                    except TimeoutError:
                        yield ": still here\n\n"
                        continue
                    changed.clear()
                    yield f"event: change\ndata: {live.revision}\n\n"

        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)

    return Starlette(
        routes=[
            Route("/", join_page),
            Route("/join", join, methods=["POST"]),
            Route("/vote", vote_page),
            Route("/vote", vote, methods=["POST"]),
            Route("/idea", idea, methods=["POST"]),
            Route("/api/join", api_join, methods=["POST"]),
            Route("/api/live", api_live),
            Route("/api/revision", api_revision),
            Route("/api/vote", api_vote, methods=["POST"]),
            Route("/events", events),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]
    )
