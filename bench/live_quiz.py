"""Benchmark of a live quiz in a room of N phones (issue 5, item 7). Not a test.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/live_quiz.py [--participants 500] [--window 3]

It migrates a fresh SQLite database with ``lexom init``, enrols N participants, serves the app as
``make run`` does (``lexom serve``: gunicorn, 2 workers of 4 threads, keep-alive), then:

1. room: every phone polls the state as the phone page does (ETag, every 0.8 s:
   ``web.live.http.POLL_PERIOD_MS``); the trainer opens a question; each
   phone answers at a random moment of the window, some change their mind once; the trainer's
   results are polled until they show the last answer; the question is closed;
2. sustained: the next question takes answers as fast as the server stores them;
3. bare: a bare Flask endpoint under the same server settings takes the same load.

Stored answers are checked against acknowledged ones. Only 127.0.0.1 is used, every loop is
bounded, and the servers it started are stopped at the end.
"""

import argparse
import asyncio
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import (
    KEEP_ALIVE,
    Stats,
    burst,
    connector,
    percentile,
    serve,
    stop,
    wait_ready,
    worker_cpu,
)  # noqa: E402

from lexom_learning.web.live.http import POLL_PERIOD_MS  # noqa: E402

LEXOM = str(Path(sys.executable).with_name("lexom"))
PERIOD = POLL_PERIOD_MS / 1000
BARE = str(Path(__file__).resolve().with_name("bare_app.py"))
QUIZ = "live-day1"
SECRET = "bench-secret-not-for-production"
CONCURRENCY = 16
TARGETS = (
    "500 phones within 3 s: p99 <= 300 ms, 0 errors; >= 500 stored/s; results <= 1 s;"
    " question shown <= 1 s"
)


def prepare(folder: Path, participants: int) -> dict:
    """Migrate a fresh database, then create a trainer, a session and its participants."""
    database = folder / "bench.sqlite3"
    env = {**os.environ, "LEXOM_DATABASE_URL": f"sqlite:///{database}", "LEXOM_SECRET_KEY": SECRET}
    subprocess.run([LEXOM, "init"], env=env, check=True, capture_output=True, timeout=300)
    os.environ.update({k: env[k] for k in ("LEXOM_DATABASE_URL", "LEXOM_SECRET_KEY")})
    from lexom_learning import create_app
    from lexom_learning.extensions import db
    from lexom_learning.services import accounts, links, sessions

    app = create_app()
    with app.app_context():
        trainer = accounts.create_user(
            "formateur@bench.lexom.fr", "trainer", "Banc-essai-tournesol-47", "Banc"
        )
        course = app.extensions["lexom_courses"].default()
        today = date.today()
        training = sessions.create_session(
            trainer, course, "Banc d'essai", today, today + timedelta(days=1), "127.0.0.1"
        )
        for n in range(participants):
            sessions.add_participant(training, f"Téléphone {n:03d}", f"tel{n:03d}@bench.lexom.fr")
        questions = course.quiz(QUIZ).questions
        setup = {
            "env": env,
            "database": database,
            "session_id": training.id,
            "trainer": accounts.issue_api_token(trainer),
            "tokens": [links.token_for(links.current_link(p)) for p in training.participants],
            "questions": [(q.id, [o.id for o in getattr(q, "options", ())]) for q in questions],
        }
        assert all(options for _, options in setup["questions"][:2]), "two choice questions first"
        db.engine.dispose()
    return setup


def bearer(token: str) -> dict[str, str]:
    """Return the Authorization header of a token."""
    return {"Authorization": f"Bearer {token}"}


async def call(http, method: str, url: str, token: str, body=None) -> tuple[int, dict]:
    """Send one request; return the status and the JSON body (empty unless 2xx)."""
    async with http.request(method, url, json=body, headers=bearer(token)) as response:
        ok = 200 <= response.status < 300
        return response.status, (await response.json() if ok else {})


class Room:
    """N phones polling a run as the phone page does and answering one question in a window."""

    def __init__(self, http, api: str, setup: dict, lid: int, window: float, seed: int):
        self.http, self.api, self.setup, self.lid, self.window = http, api, setup, lid, window
        self.rng = random.Random(seed)
        self.loop = asyncio.get_running_loop()
        self.qid, self.options = setup["questions"][0]
        self.opened_at = self.open_acked_at = self.closed_at = None
        self.polls, self.answers = Stats(), Stats()
        self.seen, self.closed_seen, self.acks = [], [], []
        self.final: dict[str, str] = {}
        self.scheduled = 0
        self.stopping = asyncio.Event()

    async def answer(self, token: str, response: str, at: float) -> None:
        """PUT one answer at time ``at``."""
        await asyncio.sleep(max(0.0, at - self.loop.time()))
        url = f"{self.api}/live-quizzes/{self.lid}/answers/{self.qid}"
        sent = self.loop.time()
        try:
            status, data = await call(self.http, "PUT", url, token, {"response": response})
        except (TimeoutError, aiohttp.ClientError):
            status, data = 0, {}
        self.answers.add(self.loop.time() - sent, status)
        if status == 200:
            self.acks.append((self.loop.time(), data["repeated"]))
            self.final[token] = response

    def plan(self, token: str) -> list[asyncio.Task]:
        """Schedule a phone's answer inside the window; some change their mind once, later.

        As the phone page does, a phone sends its answers one after the other, never two at once.
        """
        first = self.opened_at + self.rng.uniform(0, self.window)
        choices = [self.rng.choice(self.options)]
        if self.rng.random() < 0.15:
            choices.append(self.rng.choice([o for o in self.options if o != choices[0]]))
        later = min(self.opened_at + self.window, first + self.rng.uniform(0.3, 1.0))
        self.scheduled += len(choices)

        async def answers():
            for choice, at in zip(choices, (first, later), strict=False):
                await self.answer(token, choice, at)

        return [asyncio.create_task(answers())]

    async def phone(self, token: str) -> None:
        """Poll with the ETag at the phone page's period; answer once the question shows."""
        await asyncio.sleep(self.rng.random() * PERIOD)  # phones do not poll in step
        etag, tasks, state = None, None, {}
        for _ in range(int(600 / PERIOD)):  # bounded: ten minutes of polling at most
            if self.stopping.is_set():
                break
            sent = self.loop.time()
            headers = bearer(token) | ({"If-None-Match": etag} if etag else {})
            try:
                async with self.http.get(
                    f"{self.api}/live-quizzes/{self.lid}", headers=headers
                ) as r:
                    status = r.status
                    if status == 200:
                        etag, state = r.headers.get("ETag"), await r.json()
            except (TimeoutError, aiohttp.ClientError):
                status = 0
            self.polls.add(self.loop.time() - sent, status)
            if status == 200 and state["status"] == "open" and tasks is None:
                self.seen.append(self.loop.time() - self.opened_at)
                tasks = self.plan(token)
            if status == 200 and state["status"] == "closed" and self.closed_at:
                self.closed_seen.append(self.loop.time() - self.closed_at)
            await asyncio.sleep(max(0.0, PERIOD - (self.loop.time() - sent)))
        for task in tasks or ():
            await task

    async def results_lag(self) -> float | None:
        """Poll the trainer's results until they show every last answer; return the delay."""
        url = f"{self.api}/live-quizzes/{self.lid}/results"
        phones = len(self.setup["tokens"])
        deadline = self.loop.time() + self.window + 30
        while self.loop.time() < deadline:
            await asyncio.sleep(0.05)
            done = len(self.seen) == phones and self.answers.count == self.scheduled
            if not done or not self.acks:
                continue
            status, data = await call(self.http, "GET", url, self.setup["trainer"])
            counts = {c["id"]: c["count"] for c in data["questions"][0]["counts"]}
            expected = {o: list(self.final.values()).count(o) for o in self.options}
            if status == 200 and counts == expected:
                return self.loop.time() - max(t for t, _ in self.acks)
        return None


async def run_room(base: str, setup: dict, window: float) -> dict:
    """Start a run, let the room poll, open the question, wait for the results, close."""
    api = f"{base}/api/v1"
    async with aiohttp.ClientSession(
        connector=connector(), timeout=aiohttp.ClientTimeout(total=30)
    ) as http:
        trainer = setup["trainer"]
        start_url = f"{api}/sessions/{setup['session_id']}/live-quizzes"
        _, started = await call(http, "POST", start_url, trainer, {"quiz_id": QUIZ})
        room = Room(http, api, setup, started["id"], window, seed=5)
        phones = [asyncio.create_task(room.phone(t)) for t in setup["tokens"]]
        await asyncio.sleep(3.0)  # the room waits for the first question, polling
        room.opened_at = room.loop.time()
        await call(http, "POST", f"{api}/live-quizzes/{room.lid}/next", trainer)
        room.open_acked_at = room.loop.time()
        lag = await room.results_lag()
        room.closed_at = room.loop.time()
        await call(http, "POST", f"{api}/live-quizzes/{room.lid}/close", trainer)
        await asyncio.sleep(1.5)  # every phone sees the correction
        room.stopping.set()
        await asyncio.gather(*phones)
        last = max((t for t, _ in room.acks), default=room.opened_at)
        return {
            "room": room,
            "lag": lag,
            "rate": len(room.acks) / max(1e-9, last - room.opened_at),
            "last_answer_after": last - room.opened_at,
        }


async def run_sustained(base: str, setup: dict, lid: int, total: int) -> dict:
    """Open the next question and send ``total`` answers (each a change) as fast as stored."""
    api = f"{base}/api/v1"
    tokens, trainer = setup["tokens"], setup["trainer"]
    async with aiohttp.ClientSession(connector=connector()) as http:
        await call(http, "POST", f"{api}/live-quizzes/{lid}/next", trainer)
    qid, options = setup["questions"][1]
    stats, elapsed, bodies = await burst(
        lambda i: f"{api}/live-quizzes/{lid}/answers/{qid}",
        lambda i: {"response": options[(i // len(tokens)) % 2]},
        lambda i: bearer(tokens[i % len(tokens)]),
        total,
        CONCURRENCY,
    )
    acked = sum(1 for b in bodies if b and not b["repeated"])
    return {"question": qid, "stats": stats, "elapsed": elapsed, "acknowledged_new": acked}


async def run_bare(base: str, total: int) -> dict:
    """Send the same load to the bare endpoint."""
    stats, elapsed, _ = await burst(
        lambda i: f"{base}/answer",
        lambda i: {"response": "a"},
        lambda i: bearer("0.bare"),
        total,
        CONCURRENCY,
    )
    return {"stats": stats, "elapsed": elapsed}


def stored(database: Path, lid: int, question_id: str) -> tuple[int, int]:
    """Return (live submissions stored, counted answers) for one question of a run."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        kept = connection.execute(
            "SELECT count(*) FROM live_answers WHERE run_id = ? AND question_id = ?",
            (lid, question_id),
        ).fetchone()[0]
        counted = connection.execute(
            "SELECT count(*) FROM answers WHERE context = 'live' AND context_id = ? "
            "AND question_id = ?",
            (str(lid), question_id),
        ).fetchone()[0]
    return kept, counted


def report(args, room: dict, sustained: dict, bare: dict, checks: dict) -> None:
    """Print the figures and how they compare with the targets."""
    r = room["room"]
    answers_ms = [1000 * v for v in r.answers.latencies]
    seen_ms = [1000 * v for v in r.seen]
    move_ms = 1000 * (r.open_acked_at - r.opened_at)
    after_move = [v - move_ms for v in seen_ms]
    rate = sustained["acknowledged_new"] / sustained["elapsed"]
    bare_rate = bare["stats"].count / bare["elapsed"]
    lag = room["lag"]
    sus = sustained["stats"]
    lines = [
        f"\n== Live quiz, {args.participants} phones, {args.window:g} s window ({TARGETS})",
        f"room polls       {r.polls.count} requests: {r.polls.summary()}",
        f"question shown   p50 {percentile(seen_ms, 0.5):.0f} p99 {percentile(seen_ms, 0.99):.0f}"
        f" max {max(seen_ms, default=0):.0f} ms after the trainer's click ({len(r.seen)} phones,"
        f" polling every {POLL_PERIOD_MS} ms);",
        f"                 p50 {percentile(after_move, 0.5):.0f}"
        f" p99 {percentile(after_move, 0.99):.0f}"
        f" ms after the server opened it (the click took {move_ms:.0f} ms)",
        f"room answers     {r.answers.count} requests: {r.answers.summary()}",
        f"                 errors {r.answers.errors()}, {room['rate']:.0f} answers/s,"
        f" last at {room['last_answer_after']:.2f} s",
        f"results show the last answer after {1000 * lag:.0f} ms"
        if lag is not None
        else "results never showed the last answer",
        f"stored == acknowledged (room): {checks['room']}",
        f"sustained        {sus.count} answers, concurrency {CONCURRENCY}: {sus.summary()}",
        f"                 {rate:.0f} stored answers/s, errors {sus.errors()}",
        f"stored == acknowledged (sustained): {checks['sustained']}",
        f"bare Flask       {bare['stats'].count} requests: {bare['stats'].summary()}",
        f"                 {bare_rate:.0f} requests/s; answers / bare = {rate / bare_rate:.2f}",
        "server CPU (the workers' user + system time, whatever else runs on the machine):",
        f"  room           {room['cpu']:.2f} s for {r.polls.count + r.answers.count} requests"
        f" = {1000 * room['cpu'] / max(1, r.polls.count + r.answers.count):.2f} ms each",
        f"  per answer     {1000 * sustained['cpu'] / max(1, sus.count):.2f} ms"
        f" -> at most {sus.count / max(1e-9, sustained['cpu']) * 2:.0f} answers/s on 2 cores",
        f"  per bare hit   {1000 * bare['cpu'] / max(1, bare['stats'].count):.2f} ms"
        f" -> cost ratio bare / answer = {bare['cpu'] / max(1e-9, sustained['cpu']):.2f}",
        f"  load generator {room['client_cpu']:.2f} s in the room, on the same cores",
        f"  load average at the end: {os.getloadavg()[0]:.1f} (other processes compete)",
    ]
    print("\n".join(lines))
    p99 = percentile(answers_ms, 0.99)
    verdicts = {
        "p99 <= 300 ms": p99 <= 300,
        "0 errors": r.answers.errors() == 0 and r.polls.errors((200, 304)) == 0,
        ">= 500 stored/s": rate >= 500,
        "results <= 1 s": lag is not None and lag <= 1,
        "question shown <= 1 s": percentile(seen_ms, 0.99) <= 1000,
        "answers >= half of bare": rate >= bare_rate / 2,
        "stored == acknowledged": checks["room"] and checks["sustained"],
    }
    print("targets: " + ", ".join(f"{k}: {'ok' if v else 'MISSED'}" for k, v in verdicts.items()))


def main() -> None:
    """Run the three phases and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--window", type=float, default=3.0)
    parser.add_argument("--port", type=int, default=5077)
    parser.add_argument("--sustained", type=int, default=4000, help="answers in phase 2")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--close", action="store_true", help="one TCP connection per request (no keep-alive)"
    )
    args = parser.parse_args()
    KEEP_ALIVE["on"] = not args.close
    folder = Path(tempfile.mkdtemp(prefix="lexom-bench-"))
    servers = []
    try:
        setup = prepare(folder, args.participants)
        base = f"http://127.0.0.1:{args.port}"
        env = {**setup["env"], "LEXOM_BASE_URL": base}  # `lexom serve` needs its public address
        server = serve([LEXOM, "serve", "--port", str(args.port)], env, folder / "app.log")
        servers.append(server)
        wait_ready(f"{base}/api/v1/openapi.json", server)
        cpu = worker_cpu(server)
        client = time.process_time()
        room = asyncio.run(run_room(base, setup, args.window))
        room["client_cpu"] = time.process_time() - client
        room["cpu"], cpu = worker_cpu(server) - cpu, worker_cpu(server)
        lid = room["room"].lid
        sustained = asyncio.run(run_sustained(base, setup, lid, args.sustained))
        sustained["cpu"] = worker_cpu(server) - cpu
        acks = room["room"].acks
        kept, counted = stored(setup["database"], lid, room["room"].qid)
        checks = {
            "room": (kept, counted) == (sum(not rep for _, rep in acks), len(room["room"].final)),
            "sustained": stored(setup["database"], lid, sustained["question"])[0]
            == sustained["acknowledged_new"],
        }
        stop(servers.pop())
        bare_port = args.port + 1
        bare_server = serve(
            [sys.executable, BARE, str(bare_port)], setup["env"], folder / "bare.log"
        )
        servers.append(bare_server)
        wait_ready(f"http://127.0.0.1:{bare_port}/ready", bare_server)
        cpu = worker_cpu(bare_server)
        bare = asyncio.run(run_bare(f"http://127.0.0.1:{bare_port}", args.sustained))
        bare["cpu"] = worker_cpu(bare_server) - cpu
        report(args, room, sustained, bare, checks)
    finally:
        for server in servers:
            stop(server)
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
