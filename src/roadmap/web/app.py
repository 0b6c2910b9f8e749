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
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlsplit

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
COOKIE = {"httponly": True, "samesite": "strict", "path": "/"}


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
    cookie = {**COOKIE, "secure": secure_cookies}

    def workshop_lang(request: Request) -> str:
        chosen = request.cookies.get("lang")
        if chosen in LANGS:
            return chosen
        with store.read() as s:
            workshop = workshop_sessions.get_session(session=s, session_id=session_id)
            return workshop_sessions.session_lang(session=s, workshop=workshop)

    def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        lang = context.pop("lang", None) or workshop_lang(request)
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
        response.set_cookie("csrf", csrf, **cookie)
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

    def refused(request: Request) -> Response:
        lang = workshop_lang(request)
        return render(
            request,
            "error.html",
            status=403,
            message=Lang(lang)._("This request did not come from the workshop page."),
        )

    def me(request: Request):
        token = request.cookies.get(token_cookie)
        if not token:
            return None
        with store.read() as s:
            try:
                return workshop_sessions.participant_by_token(
                    session=s, session_id=session_id, token=token
                )
            except workshop_sessions.NotYou:
                return None

    async def join_page(request: Request) -> Response:
        if "lang" in request.query_params:
            lang = request.query_params["lang"]
            response = RedirectResponse("/", status_code=303)
            if lang in LANGS:
                response.set_cookie("lang", lang, **cookie)
            return response
        if await run_in_threadpool(me, request) is not None:
            return RedirectResponse("/vote", status_code=303)
        return render(request, "join.html", code="", name="", error="")

    def do_join(code: str, name: str, token: str | None):
        def change(s):
            workshop = workshop_sessions.session_by_code(session=s, code=code)
            if workshop.id != session_id:  # another plan's or workshop's code
                raise workshop_sessions.WrongCode(
                    N_("no workshop has that code; check the code on the screen")
                )
            return workshop_sessions.join(session=s, code=code, name=name, token=token)

        return write_retrying(store, change)

    async def join(request: Request) -> Response:
        form = await checked_form(request)
        if form is None:
            return refused(request)
        lang = workshop_lang(request)
        address = request.client.host if request.client else "?"
        code, name = str(form.get("code", "")), str(form.get("name", ""))
        if throttle.blocked(address):
            message = Lang(lang)._("Too many wrong codes. Ask the facilitator for the code.")
            return render(request, "join.html", 429, code=code, name=name, error=message)
        try:
            joined = await run_in_threadpool(
                do_join, normal_code(code), name, request.cookies.get(token_cookie)
            )
        except (workshop_sessions.JoinRefused, Busy) as exc:
            if isinstance(exc, workshop_sessions.WrongCode):
                throttle.failed(address)
            error = exc.say(lang)
            return render(request, "join.html", 400, code=code, name=name, error=error)
        _participant, token = joined
        response = RedirectResponse("/vote", status_code=303)
        response.set_cookie(token_cookie, token, max_age=7 * 24 * 3600, **cookie)
        return response

    def load(participant_id: int, lang: str):
        with store.read() as s:
            return workshop_results.load_live(
                session=s, session_id=session_id, participant_id=participant_id, lang=lang
            )

    async def vote_page(request: Request) -> Response:
        who = await run_in_threadpool(me, request)
        if who is None:
            return RedirectResponse("/", status_code=303)
        lang = workshop_lang(request)
        state = await run_in_threadpool(load, who.id, lang)
        template = "_live.html" if request.query_params.get("part") == "live" else "vote.html"
        message = request.query_params.get("m", "")
        return render(request, template, lang=lang, live=state, me=who, message=message)

    def do_vote(participant_id: int, form) -> None:
        write_retrying(store, lambda s: cast(s, participant_id, form))

    def cast(s, participant_id: int, form) -> None:
        row = workshop_rounds.current_round(session=s, session_id=session_id)
        if row is None:
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

    async def vote(request: Request) -> Response:
        form = await checked_form(request)
        if form is None:
            return refused(request)
        who = await run_in_threadpool(me, request)
        if who is None:
            return RedirectResponse("/", status_code=303)
        lang = workshop_lang(request)
        words = Lang(lang)
        try:
            await run_in_threadpool(do_vote, who.id, form)
            live.poke()
            message = "saved"
        except (Refusal, ValueError) as exc:
            text = exc.say(lang) if isinstance(exc, Refusal) else str(exc)
            message = words._("Not saved: {reason}", reason=text)
        if message == "saved" and request.headers.get("x-requested-with") != "fetch":
            return RedirectResponse("/vote?m=saved", status_code=303)
        state = await run_in_threadpool(load, who.id, lang)
        fetched = request.headers.get("x-requested-with") == "fetch"
        template = "_live.html" if fetched else "vote.html"
        return render(request, template, lang=lang, live=state, me=who, message=message)

    async def idea(request: Request) -> Response:
        """An idea or need sent from the page during a needs or items step."""
        form = await checked_form(request)
        if form is None:
            return refused(request)
        who = await run_in_threadpool(me, request)
        if who is None:
            return RedirectResponse("/", status_code=303)
        lang = workshop_lang(request)
        text = str(form.get("text", ""))
        try:
            await run_in_threadpool(
                write_retrying,
                store,
                lambda s: workshop_sessions.submit_idea(
                    session=s, session_id=session_id, participant_id=who.id, text=text
                ),
            )
            live.poke()
            message = Lang(lang)._("Thank you: your idea is on the screen.")
            ok = True
        except Refusal as exc:
            message, ok = Lang(lang)._("Not saved: {reason}", reason=exc.say(lang)), False
        state = await run_in_threadpool(load, who.id, lang)
        fetched = request.headers.get("x-requested-with") == "fetch"
        template = "_live.html" if fetched else "vote.html"
        return render(request, template, lang=lang, live=state, me=who, message=message, sent=ok)

    # The terminal participant (``roadmap join URL``) -------------------------------------
    # It sends its private token as a bearer token, never as a cookie: another site cannot
    # make a browser send it, so these need no origin check.

    def bearer(request: Request):
        token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not token:
            return None
        with store.read() as s:
            try:
                return workshop_sessions.participant_by_token(
                    session=s, session_id=session_id, token=token
                )
            except workshop_sessions.NotYou:
                return None

    async def api_join(request: Request) -> Response:
        body = await request.json()
        address = request.client.host if request.client else "?"
        lang = body.get("lang") if body.get("lang") in LANGS else workshop_lang(request)
        if throttle.blocked(address):
            message = Lang(lang)._("Too many wrong codes. Ask the facilitator for the code.")
            return JSONResponse({"error": message, "wrong_code": True}, status_code=429)
        try:
            who, token = await run_in_threadpool(
                do_join, normal_code(str(body.get("code", ""))), str(body.get("name", "")),
                body.get("token") or None,
            )  # fmt: skip
        except (workshop_sessions.JoinRefused, Busy) as exc:
            wrong = isinstance(exc, workshop_sessions.WrongCode)
            if wrong:
                throttle.failed(address)
            return JSONResponse({"error": exc.say(lang), "wrong_code": wrong}, status_code=400)
        live.poke()
        return JSONResponse(
            {
                "token": token,
                "participant": who.id,
                "name": who.name,
                "session": session_id,
                "lang": workshop_lang(request),
            }
        )

    async def api_live(request: Request) -> Response:
        who = await run_in_threadpool(bearer, request)
        if who is None:
            return JSONResponse({"error": "not joined"}, status_code=401)
        lang = request.query_params.get("lang")
        state = await run_in_threadpool(
            load, who.id, lang if lang in LANGS else workshop_lang(request)
        )
        return JSONResponse(workshop_results.live_to_data(state))

    async def api_revision(request: Request) -> Response:
        await live.next_change(0)  # starts following the workshop on the first call
        return JSONResponse({"revision": live.revision, "lang": workshop_lang(request)})

    async def api_vote(request: Request) -> Response:
        who = await run_in_threadpool(bearer, request)
        if who is None:
            return JSONResponse({"error": "not joined"}, status_code=401)
        body = await request.json()
        lang = body.get("lang") if body.get("lang") in LANGS else workshop_lang(request)
        try:
            await run_in_threadpool(do_vote, who.id, body)
        except (Refusal, ValueError) as exc:
            text = exc.say(lang) if isinstance(exc, Refusal) else str(exc)
            return JSONResponse({"error": text}, status_code=409)
        live.poke()
        return JSONResponse({"saved": True})

    async def events(request: Request) -> Response:
        """Server-sent events: ``change`` whenever the workshop changed."""

        async def stream():
            yield "retry: 1000\n\n"
            waited = 0.0
            while waited < stream_seconds:
                if await request.is_disconnected():
                    return
                if await live.next_change(timeout=1.0):
                    yield f"event: change\ndata: {live.revision}\n\n"
                else:
                    waited += 1.0

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
