"""The participants' web page under a room's load: many phones voting and following live.

    .venv/bin/python bench/bench_web.py [--participants 100] [--votes 10] [--seconds 60]

Serves a workshop of the demo plan with ``roadmap serve`` (a process of its own) and drives it
from another process: each simulated participant joins, keeps a server-sent event stream
open, and casts its votes spread over the run. It prints the 95th percentile from sending a
vote to the live update that carries it (the first with the revision the vote's answer names;
from a server that names none, the first after the answer), and the server's resident memory,
beside their targets and beside floors measured in the same run: a bare round trip to the
server, and the memory of the same number of participants as today's terminal participant
processes would take (measured on ``--processes`` of them, headless).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import multiprocessing
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from roadmap.store import workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.store.repo import find_plan
from roadmap.workshop.agenda import default_agenda

P95_TARGET_MS = 200.0
RSS_TARGET_MB = 300.0
REVISION_HEADER = "X-Workshop-Revision"
""":data:`roadmap.web.app.REVISION_HEADER`, spelt out so that the bench also measures a server
of an earlier version."""


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _workshop(db: Path, votes: int) -> str:
    subprocess.run(
        [sys.executable, "-m", "roadmap", "--db", str(db), "demo", "--quiet"], check=True
    )
    store = Store.open(db)
    with store.write() as s:
        plan_id = find_plan(session=s, slug=None).id
        workshop, _ = workshop_sessions.open_session(
            session=s, plan_id=plan_id, name="Bench", held_on=date.today(), agenda=default_agenda()
        )
        workshop_rounds.new_round(
            session=s, session_id=workshop.id, method="dots", budget=votes, per_item=votes
        )
        code = workshop.code
    store.close()
    return code


async def _participant(base: str, code: str, n: int, votes: int, seconds: float, out: list):
    import httpx

    headers = {"origin": base}
    limits = httpx.Limits(keepalive_expiry=2)  # closed before the server closes idle ones
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        page = (await client.get("/")).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)[1]
        data = {"csrf": csrf, "code": code, "name": f"P{n}"}
        await client.post("/join", data=data, headers=headers)
        page = (await client.get("/vote")).text
        items = re.findall(r'name="item" value="([^"]+)"', page)
        revisions: list[int] = []  # of each live update received, rising
        arrivals: list[float] = []  # when each came
        ready, news = asyncio.Event(), asyncio.Event()

        async def listen() -> None:
            async with client.stream("GET", "/events", timeout=None) as stream:
                async for line in stream.aiter_lines():
                    ready.set()
                    if line.startswith("data: "):
                        revisions.append(int(line.removeprefix("data: ")))
                        arrivals.append(time.perf_counter())
                        news.set()

        listener = asyncio.create_task(listen())
        await ready.wait()
        for i in range(votes):
            await asyncio.sleep(random.uniform(0, 2 * seconds / votes))
            sent = time.perf_counter()
            vote = {"csrf": csrf, "item": items[i % len(items)], "delta": "1"}
            answer = await client.post(
                "/vote", data=vote, headers={**headers, "X-Requested-With": "x"}
            )
            named = answer.headers.get(REVISION_HEADER)  # the update that carries this vote
            after = len(arrivals)
            while (
                after == len(arrivals)
                if named is None
                else (first := bisect.bisect_left(revisions, int(named))) == len(revisions)
            ):
                news.clear()
                await news.wait()
            out.append(arrivals[after if named is None else first] - sent)
        listener.cancel()


def _drive(base: str, code: str, participants: int, votes: int, seconds: float, queue) -> None:
    latencies: list[float] = []

    async def main() -> None:
        await asyncio.gather(
            *(_participant(base, code, n, votes, seconds, latencies) for n in range(participants))
        )

    asyncio.run(main())
    queue.put(latencies)


def _terminal_processes(db: Path, code: str, count: int) -> float:
    """Resident memory of ``count`` headless terminal participants, in MB."""
    script = (
        "import sys; from roadmap.store.db import Store; "
        "from roadmap.tui.workshop.participant import make_participant_app; "
        "make_participant_app(Store(sys.argv[1]), code=sys.argv[2], name=sys.argv[3])"
        ".run(headless=True)"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, f"sqlite:///{db}", code, f"T{n}"])
        for n in range(count)
    ]
    store = Store.open(db)
    try:
        for _ in range(600):
            with store.read() as s:
                workshop = workshop_sessions.session_by_code(session=s, code=code)
                names = workshop_sessions.participant_names(session=s, session_id=workshop.id)
            if sum(name.startswith("T") for name in names) >= count:
                break
            time.sleep(0.1)
        return sum(_rss_mb(p.pid) for p in procs)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(10)
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--votes", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--processes", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        code = _workshop(db, args.votes)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "roadmap", "--db", str(db), "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
        )
        try:
            import httpx

            for _ in range(300):
                try:
                    httpx.get(base + "/static/style.css")
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            trips = []
            for _ in range(50):
                start = time.perf_counter()
                httpx.get(base + "/static/style.css")
                trips.append(time.perf_counter() - start)
            floor = sorted(trips)[len(trips) // 2] * 1000
            queue = multiprocessing.Queue()
            driver = multiprocessing.Process(
                target=_drive,
                args=(base, code, args.participants, args.votes, args.seconds, queue),
            )
            driver.start()
            peak = 0.0
            while driver.is_alive():
                peak = max(peak, _rss_mb(server.pid))
                driver.join(0.5)
            latencies = sorted(queue.get(timeout=10))
        finally:
            server.terminate()
            server.wait(10)
        terminals = _terminal_processes(db, code, args.processes)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    table = Table(title=f"Web page: {args.participants} participants x {args.votes} votes")
    for column in ("measure", "here", "target", "floor (same run)"):
        table.add_column(column)
    table.add_row(
        "vote to own update, p95", f"{p95:.0f} ms", f"< {P95_TARGET_MS:.0f} ms",
        f"{floor:.1f} ms (bare round trip, median)",
    )  # fmt: skip
    per = terminals / args.processes
    table.add_row(
        "server resident memory, peak", f"{peak:.0f} MB", f"< {RSS_TARGET_MB:.0f} MB",
        f"{terminals:.0f} MB for {args.processes} terminal participants "
        f"({per:.0f} MB each, {per * args.participants:.0f} MB for {args.participants})",
    )  # fmt: skip
    table.add_row("votes timed", str(len(latencies)), str(args.participants * args.votes), "")
    Console().print(table)


if __name__ == "__main__":
    main()
