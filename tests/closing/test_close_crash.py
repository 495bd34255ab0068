"""Closing survives a crash: a real process closing a big session is killed (SIGKILL) once some
attestations are issued; the session stays ``closing``; ``lexom attestations issue-due`` then
finishes the job: numbers contiguous, no duplicate, one valid attestation per participant due,
the session closed. Run with ``-s`` to see what happened."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from lexom_learning.extensions import db
from lexom_learning.services import attendance
from lexom_learning.storage import Attestation, ColdInvitation, TrainingSession

PEOPLE = 120
KILL_AFTER = 25  # attestations issued before the kill
CLOSE = """
import sys
from lexom_learning import create_app
from lexom_learning.extensions import db
from lexom_learning.services import closing
from lexom_learning.storage import TrainingSession

app = create_app()
with app.app_context():
    training = db.session.get(TrainingSession, int(sys.argv[1]))
    closing.close(training, closing.course_of(training))
"""


def _env(app, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "LEXOM_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "LEXOM_SECRET_KEY": app.config["SECRET_KEY"],
        "LEXOM_INSTANCE_PATH": str(tmp_path / "instance"),
        "LEXOM_BASE_URL": "https://formation.lexom.test",
    }


def _count(session_id: int) -> int:
    found = db.session.scalar(
        select(func.count()).select_from(Attestation).where(Attestation.session_id == session_id)
    )
    db.session.rollback()
    return found


def test_a_killed_close_is_finished_by_issue_due(app, factories, course, tmp_path):
    trainer = factories.UserFactory(role="trainer")
    training = factories.SessionFactory(trainer=trainer, over=True)
    people = [factories.ParticipantFactory(session=training) for _ in range(PEOPLE)]
    for person in people[:-2]:  # the last two attended nothing: no attestation is due for them
        attendance.record_paper(training, course, trainer, person.id, "d1-am", "Feuille papier")
    due = PEOPLE - 2
    env = _env(app, tmp_path)
    closer = subprocess.Popen(
        [sys.executable, "-c", CLOSE, str(training.id)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 300
    while _count(training.id) < KILL_AFTER:
        assert closer.poll() is None, closer.stdout.read().decode()
        assert time.monotonic() < deadline, "the close never issued enough"
        time.sleep(0.02)
    closer.kill()  # SIGKILL: no cleanup, no rollback by the process itself
    closer.wait(timeout=30)
    db.session.expire_all()
    at_kill = _count(training.id)
    status = db.session.get(TrainingSession, training.id).status
    print(f"\n[{db.engine.dialect.name}] {PEOPLE} participants, {due} attestations due")
    print(f"close process {closer.pid} killed (SIGKILL, return code {closer.returncode})")
    print(f"at the kill: session status {status!r}, {at_kill} of {due} attestations issued")
    assert status == "closing" and KILL_AFTER <= at_kill < due

    lexom = Path(sys.executable).with_name("lexom")
    finished = subprocess.run(
        [str(lexom), "attestations", "issue-due"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(f"$ lexom attestations issue-due  (exit {finished.returncode})")
    print(finished.stdout.strip())
    assert finished.returncode == 0, finished.stderr

    db.session.expire_all()
    rows = db.session.scalars(
        select(Attestation).where(Attestation.session_id == training.id)
    ).all()
    numbers = [a.number for a in rows]
    sequences = sorted(int(re.search(r"-(\d+)$", n).group(1)) for n in numbers)
    per_person = {p.id: [a for a in rows if a.participant_id == p.id] for p in people}
    invitations = db.session.scalar(
        select(func.count())
        .select_from(ColdInvitation)
        .where(ColdInvitation.session_id == training.id)
    )
    status = db.session.get(TrainingSession, training.id).status
    print(
        f"after issue-due: session status {status!r}, {len(rows)} attestations, numbers "
        f"{numbers[0] if numbers else '-'} … {max(numbers) if numbers else '-'}, "
        f"sequences 1..{max(sequences)} contiguous: {sequences == list(range(1, due + 1))}, "
        f"duplicates: {len(numbers) - len(set(numbers))}, cold invitations: {invitations}"
    )
    assert status == "closed"
    assert len(numbers) == len(set(numbers)) == due
    assert sequences == list(range(1, due + 1))
    assert all(len(per_person[p.id]) == 1 for p in people[:-2])
    assert all(per_person[p.id][0].status == "valid" for p in people[:-2])
    assert per_person[people[-1].id] == [] and per_person[people[-2].id] == []
    assert invitations == PEOPLE
