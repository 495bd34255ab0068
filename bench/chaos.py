"""Kill -9 rounds of ``lexom serve`` under a live answer storm, and during a session's close.

Loopback only, bounded (a fixed number of rounds, each a few seconds). It migrates a fresh
database (SQLite by default, or ``--database-url``), creates a trainer, sessions and their
participants, opens a live quiz in each, then, round after round:

- starts ``lexom serve`` (gunicorn, 2 workers) in its own process group;
- storm rounds: phones PUT answers as fast as they can; after a random 0.3-2 s, the whole
  group is killed with SIGKILL (master and workers, mid-request);
- close rounds: the same storm on another session, and the trainer POSTs its close; the group
  is killed a random 0-0.4 s after the close was sent (often while it runs);
- after each kill the server is started again and the database is checked.

It reports acknowledged answers (200 with a receipt) against stored ones (every receipt's
``changes`` must be a stored row), gaps or duplicates in each answer sequence, SQLite's
``PRAGMA integrity_check``, and for each close whether it was acknowledged, whether the
session ended closed, and whether a second close went through. Exit status 1 on any loss.

    .venv/bin/python bench/chaos.py [--rounds 8] [--close-rounds 3] [--phones 40]
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import wait_ready  # noqa: E402

LEXOM = str(Path(sys.executable).with_name("lexom"))
HOST = "127.0.0.1"  # never anything but loopback
QUIZ = "live-day1"
SECRET = "chaos-secret-not-for-production"
STORM_THREADS = 8


def prepare(folder: Path, url: str | None, sessions_count: int, phones: int) -> dict:
    """Migrate a fresh database; create a trainer, sessions, participants and open live runs."""
    database = folder / "chaos.sqlite3"
    url = url or f"sqlite:///{database}"
    env = {
        **os.environ,
        "LEXOM_DATABASE_URL": url,
        "LEXOM_SECRET_KEY": SECRET,
        "LEXOM_INSTANCE_PATH": str(folder / "instance"),
    }
    subprocess.run([LEXOM, "init"], env=env, check=True, capture_output=True, timeout=300)
    os.environ.update({k: env[k] for k in ("LEXOM_DATABASE_URL", "LEXOM_SECRET_KEY")})
    from lexom_learning import create_app
    from lexom_learning.extensions import db
    from lexom_learning.services import accounts, links, live, sessions

    app = create_app()
    rooms = []
    with app.app_context():
        trainer = accounts.create_user("formateur@chaos.lexom.fr", "trainer", "Chaos-tournesol-47")
        course = app.extensions["lexom_courses"].default()
        # Two days already held: a close is refused before the last half-day has ended (issue 13)
        held = date.today() - timedelta(days=2)
        for s in range(sessions_count):
            training = sessions.create_session(
                trainer, course, f"Chaos {s}", held, held + timedelta(days=1), HOST
            )
            for n in range(phones):
                sessions.add_participant(training, f"Tél {n:03d}", f"t{s}-{n:03d}@chaos.lexom.fr")
            run = live.start_run(training, course, QUIZ, trainer)
            run = live.move(run, course, "next")
            question = course.quiz(QUIZ).questions[0]
            rooms.append(
                {
                    "session_id": training.id,
                    "run_id": run.id,
                    "question_id": question.id,
                    "options": [o.id for o in question.options],
                    "phones": [
                        (links.token_for(links.current_link(p)), p.id)
                        for p in training.participants
                    ],
                }
            )
        token = accounts.issue_api_token(trainer)
        db.engine.dispose()
    return {"env": env, "url": url, "database": database, "trainer": token, "rooms": rooms}


class Storm:
    """Threads PUTting answers until told to stop; keeps every acknowledged receipt."""

    def __init__(self, port: int, room: dict, seed: int):
        self.port, self.room = port, room
        self.rng = random.Random(seed)
        self.stop = threading.Event()
        self.acks: list[tuple[int, str, int]] = []
        self.refused: dict[int, int] = {}
        self.failures = 0
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run) for _ in range(STORM_THREADS)]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=10)

    def _run(self) -> None:
        room = self.room
        path = f"/api/v1/live-quizzes/{room['run_id']}/answers/{room['question_id']}"
        connection = None
        while not self.stop.is_set():
            with self.lock:
                token, participant = self.rng.choice(room["phones"])
                option = self.rng.choice(room["options"])
            try:
                connection = connection or http.client.HTTPConnection(HOST, self.port, timeout=3)
                connection.request(
                    "PUT",
                    path,
                    json.dumps({"response": option}),
                    {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                )
                response = connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException):
                with self.lock:
                    self.failures += 1
                if connection is not None:
                    connection.close()
                connection = None
                time.sleep(0.05)
                continue
            with self.lock:
                if response.status == 200:
                    receipt = json.loads(data)
                    self.acks.append((participant, room["question_id"], receipt["changes"]))
                else:
                    self.refused[response.status] = self.refused.get(response.status, 0) + 1


def start_server(setup: dict, port: int, log: Path) -> subprocess.Popen:
    """Start ``lexom serve`` in a process group of its own (so that kill -9 reaches workers)."""
    with log.open("ab") as out:
        process = subprocess.Popen(
            [LEXOM, "serve", "--host", HOST, "--port", str(port), "--workers", "2"],
            # `lexom serve` refuses to start without its public address (issue 13)
            env={**setup["env"], "LEXOM_BASE_URL": f"http://{HOST}:{port}"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    wait_ready(f"http://{HOST}:{port}/api/v1/openapi.json", process)
    return process


def kill_9(process: subprocess.Popen) -> None:
    """SIGKILL the server's process group (the master and its workers), then reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def post(port: int, path: str, token: str, timeout: float = 30) -> int | None:
    """POST with a bearer token; return the status, or None if the connection broke."""
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
        connection.request("POST", path, b"", {"Authorization": f"Bearer {token}"})
        status = connection.getresponse().status
        connection.close()
        return status
    except (OSError, http.client.HTTPException):
        return None


def stored_answers(setup: dict) -> list[tuple[int, int, str, int]]:
    """Return (run, participant, question, seq) of every stored live answer."""
    from sqlalchemy import create_engine, text

    engine = create_engine(setup["url"].replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT run_id, participant_id, question_id, seq FROM live_answers")
        ).all()
        statuses = dict(connection.execute(text("SELECT id, status FROM training_sessions")).all())
    engine.dispose()
    setup["statuses"] = statuses
    return [tuple(r) for r in rows]


def integrity(setup: dict) -> str:
    """Return SQLite's integrity check ("ok"), or "n/a" on PostgreSQL."""
    if not setup["url"].startswith("sqlite"):
        return "n/a (PostgreSQL)"
    with sqlite3.connect(setup["database"]) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def sequences_ok(rows) -> tuple[int, int]:
    """Return (gaps, duplicates) over every (run, participant, question) answer sequence."""
    seen: dict[tuple, list[int]] = {}
    for run, participant, question, seq in rows:
        seen.setdefault((run, participant, question), []).append(seq)
    gaps = duplicates = 0
    for seqs in seen.values():
        duplicates += len(seqs) - len(set(seqs))
        gaps += max(seqs) - len(set(seqs))
    return gaps, duplicates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=8, help="storm rounds (kill -9 each)")
    parser.add_argument("--close-rounds", type=int, default=3, help="kill -9 during a close")
    parser.add_argument("--phones", type=int, default=40, help="participants per session")
    parser.add_argument("--port", type=int, default=5391)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="lexom-chaos-"))
    setup = prepare(folder, args.database_url, 1 + args.close_rounds, args.phones)
    log = folder / "server.log"
    acks: list[tuple[int, int, str, int]] = []
    failures = refused = 0
    closes = []
    started = time.monotonic()
    rounds = [("storm", 0)] * args.rounds + [("close", i + 1) for i in range(args.close_rounds)]
    for number, (kind, room_index) in enumerate(rounds, start=1):
        room = setup["rooms"][room_index]
        server = start_server(setup, args.port, log)
        storm = Storm(args.port, room, rng.randrange(10**9))
        storm.start()
        close_status: list[int | None] = []
        deadline = time.monotonic() + 15  # the storm is under way: a few answers acknowledged
        while len(storm.acks) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        if kind == "storm":
            time.sleep(rng.uniform(0.3, 2.0))
        else:
            time.sleep(rng.uniform(0.3, 1.0))
            path = f"/api/v1/sessions/{room['session_id']}/close"
            closer = threading.Thread(
                target=lambda p=path, out=close_status: out.append(
                    post(args.port, p, setup["trainer"])
                )
            )
            closer.start()
            time.sleep(rng.uniform(0.0, 0.4))
        kill_9(server)
        storm.finish()
        if kind == "close":
            closer.join(timeout=30)
        acks += [(room["run_id"], *ack) for ack in storm.acks]
        failures += storm.failures
        refused += sum(storm.refused.values())
        server = start_server(setup, args.port, log)  # restart: the database must be whole
        if kind == "close":
            acked = close_status[:1] == [200]
            path = f"/api/v1/sessions/{room['session_id']}/close"
            again = post(args.port, path, setup["trainer"])
            stored_answers(setup)
            closes.append(
                {
                    "round": number,
                    "close acknowledged before the kill": acked,
                    "second close": again,
                    "status after": setup["statuses"][room["session_id"]],
                }
            )
        kill_9(server)  # idle now: nothing in flight
        print(
            f"round {number:2d} ({kind}): {len(storm.acks)} answers acknowledged, "
            f"{storm.failures} cut, refused {storm.refused}",
            flush=True,
        )
    rows = stored_answers(setup)
    stored = {(r, p, q, s) for r, p, q, s in rows}
    lost = [a for a in acks if a not in stored]
    gaps, duplicates = sequences_ok(rows)
    check = integrity(setup)
    report = {
        "rounds": len(rounds),
        "kill -9 rounds under a storm": args.rounds,
        "kill -9 rounds during a close": args.close_rounds,
        "answers acknowledged": len(acks),
        "answers stored": len(rows),
        "acknowledged but not stored": len(lost),
        "requests cut by a kill (no answer)": failures,
        "requests refused (4xx)": refused,
        "sequence gaps": gaps,
        "sequence duplicates": duplicates,
        "integrity_check": check,
        "closes": closes,
        "seconds": round(time.monotonic() - started, 1),
        "database": "SQLite" if setup["url"].startswith("sqlite") else "PostgreSQL",
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    bad_close = any(c["second close"] != 200 or c["status after"] != "closed" for c in closes)
    sys.exit(1 if lost or duplicates or check not in ("ok", "n/a (PostgreSQL)") or bad_close else 0)


if __name__ == "__main__":
    main()
