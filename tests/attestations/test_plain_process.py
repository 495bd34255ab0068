"""Attestations issued by a process that never builds the Flask app (a CLI command, a job
worker) are byte-identical to those the web app issues for the same records: the evidence
sources are one explicit list, and the issuing takes its session, courses, settings and clock
as arguments."""

import json
import os
import re
import sqlite3
import subprocess
import sys
import uuid
from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from lexom_learning.clock import PARIS
from lexom_learning.extensions import db
from lexom_learning.storage import (
    Answer,
    Attestation,
    EvaluationSubmission,
    QuizAttempt,
    RolePlayGrading,
    RolePlayRun,
    RolePlayScore,
    User,
)
from tests.api.helpers import Api
from tests.attestations.conftest import attend
from tests.conftest import COURSE_DIR, PG_ADMIN_URL, ROOT

WHEN = datetime(2026, 3, 4, 10, 0, tzinfo=PARIS)  # the day after the session


def _answer(person, context, context_id, objectives, earned, possible, **extra):
    return Answer(
        session_id=person.session_id,
        participant_id=person.id,
        context=context,
        context_id=context_id,
        question_id=extra.pop("question_id", f"{context}-q"),
        response="a",
        earned=earned,
        possible=possible,
        correct=earned == possible,
        objectives=objectives,
        content_version="v",
        **extra,
    )


def _evidence_of_every_source(training, course, first, second) -> None:
    """A module quiz, a live answer, a role-play grid and the hot test: every source."""
    attempt = QuizAttempt(
        session_id=training.id,
        participant_id=first.id,
        quiz_id="quiz-1",
        number=1,
        earned=3,
        possible=4,
        content_version="v",
    )
    db.session.add(attempt)
    db.session.flush()
    db.session.add(_answer(first, "quiz", "quiz-1", ["obj-1"], 3, 4, attempt_id=attempt.id))
    db.session.add(_answer(first, "live", "7", ["obj-2"], 1, 1))
    db.session.add(_answer(second, "live", "7", ["obj-2"], 0, 1))
    run = RolePlayRun(session_id=training.id, case_id="case", content_version="v")
    db.session.add(run)
    db.session.flush()
    grading = RolePlayGrading(
        run_id=run.id,
        session_id=training.id,
        group_no=1,
        observer_id=second.id,
        performer_id=first.id,
        content_version="v",
    )
    db.session.add(grading)
    db.session.flush()
    db.session.add(
        RolePlayScore(grading_id=grading.id, criterion_id="c1", level=2, objectives=["obj-3"])
    )
    hot = course.evaluations["hot"]
    db.session.add(
        EvaluationSubmission(
            session_id=training.id,
            participant_id=first.id,
            kind="hot",
            evaluation_id=hot.id,
            earned=1,
            possible=2,
            channel="web",
            content_version="v",
        )
    )
    question = hot.knowledge_questions[0].id
    db.session.add(_answer(first, "evaluation", hot.id, ["obj-3"], 1, 2, question_id=question))
    db.session.commit()


def _copy_database(url: str) -> str:
    """Return the URL of a copy of the test database as it is now (records identical)."""
    db.session.remove()
    db.engine.dispose()
    if url.startswith("sqlite"):
        source = url.removeprefix("sqlite:///")
        target = f"{source}.copy-{uuid.uuid4().hex[:8]}"
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return f"sqlite:///{target}"
    import psycopg

    name = url.rsplit("/", 1)[1]
    copy = f"{name}_copy_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        # Other engines of this test run may keep idle connections: a template needs none.
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        connection.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    return re.sub(r"/[^/]*$", f"/{copy}", url)


def _drop(url: str) -> None:
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def _web_snapshots(session_id: int) -> list[bytes]:
    found = db.session.scalars(
        select(Attestation).where(Attestation.session_id == session_id).order_by(Attestation.number)
    )
    return [json.dumps(row.snapshot, ensure_ascii=False).encode() for row in found]


def test_a_plain_process_issues_byte_identical_snapshots(app, client, world, course):
    training = world.session
    training.starts_on, training.ends_on = date(2026, 3, 2), date(2026, 3, 3)
    db.session.commit()
    with time_machine.travel(WHEN, tick=False):
        for person in (world.participant, world.second):
            attend(training, course, person, "d1-am")
            attend(training, course, person, "d1-pm", paper=True)
        _evidence_of_every_source(training, course, world.participant, world.second)
    session_id, trainer_id = training.id, world.trainer.id
    copy = _copy_database(app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        trainer = db.session.get(User, trainer_id)
        with time_machine.travel(WHEN, tick=False):
            closed = Api(client).post(f"/sessions/{session_id}/close", trainer)
        assert closed.status_code == 200, closed.get_json()
        web = _web_snapshots(session_id)
        plain = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.attestations.plain_issuer",
                copy,
                str(COURSE_DIR),
                app.config["LEXOM_BASE_URL"],
                WHEN.isoformat(),
                str(session_id),
            ],
            cwd=ROOT,
            env={**os.environ, "LEXOM_ORGANISATION_FILE": app.config["LEXOM_ORGANISATION_FILE"]},
            capture_output=True,
            check=False,
            timeout=120,
        )
        assert plain.returncode == 0, plain.stderr.decode()
    finally:
        _drop(copy)
    assert len(web) == 2
    assert plain.stdout.splitlines() == web
    snapshot = json.loads(web[0])
    # Every source counted: quiz (obj-1), live (obj-2) and role play with the hot test (obj-3).
    percents = [(o["id"], o["percent"]) for o in snapshot["objectives"]]
    assert percents == [("obj-1", 75.0), ("obj-2", 100.0), ("obj-3", 50.0)]
    assert datetime.fromisoformat(snapshot["issued_at"]) == WHEN


@pytest.mark.parametrize("module", ["lexom_learning.services.attestations"])
def test_importing_the_issuer_alone_lists_every_evidence_source(module):
    code = (
        f"import {module}\n"
        "from lexom_learning.services.evidence import SOURCES\n"
        "print(','.join(s.name for s in SOURCES))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "module_quizzes,live_quizzes,roleplay_grids,hot_test"
