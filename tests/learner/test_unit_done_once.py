"""A unit is recorded as done once per participant: the database itself refuses a second line
(migration 0005), so two requests racing cannot both record it."""

import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import MetaData, Table, func, insert, select
from sqlalchemy.exc import IntegrityError

from lexom_learning.extensions import db
from lexom_learning.services import learning
from lexom_learning.storage import CompletionEvent, Participant
from lexom_learning.storage.guards import AppendOnlyError
from tests.conftest import BACKENDS, PG_ADMIN_URL, at_once


def _line(participant, verb="unit_done", object_id="m1-u1") -> CompletionEvent:
    return CompletionEvent(
        session_id=participant.session_id,
        participant_id=participant.id,
        actor=participant.get_id(),
        verb=verb,
        object_id=object_id,
        content_version="v1",
    )


@dataclass
class _Person:
    """A participant row written without the ORM (the schema is an older revision's)."""

    id: int
    session_id: int

    def get_id(self) -> str:
        return f"participant:{self.id}"


def _insert(table: str, values: dict) -> int:
    reflected = Table(table, MetaData(), autoload_with=db.session.connection())
    known = {k: v for k, v in values.items() if k in reflected.c}
    return db.session.execute(insert(reflected).values(known).returning(reflected.c.id)).scalar()


def _old_participant() -> _Person:
    """Enrol a participant through plain inserts: the models may hold columns of later
    revisions, which the database at revision 0004 does not have yet."""
    now = datetime.now(UTC)
    user = _insert(
        "users",
        {
            "email": "t@lexom.test",
            "name": "T",
            "role": "trainer",
            "password_hash": "x",
            "active": True,
            "created_at": now,
        },
    )
    session = _insert(
        "training_sessions",
        {
            "course_id": "mrk-stra-05",
            "title": "S",
            "starts_on": date.today(),
            "ends_on": date.today(),
            "location": "A",
            "trainer_id": user,
            "status": "planned",
            "created_at": now,
        },
    )
    person = _insert(
        "participants",
        {"session_id": session, "name": "P", "email": "p@lexom.test", "created_at": now},
    )
    db.session.commit()
    return _Person(person, session)


def _count(verb="unit_done") -> int:
    query = select(func.count()).select_from(CompletionEvent).where(CompletionEvent.verb == verb)
    return db.session.scalar(query)


def test_the_database_refuses_a_second_unit_done_line(participant):
    db.session.add(_line(participant))
    db.session.commit()
    db.session.add(_line(participant))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert _count() == 1


def test_other_units_participants_and_verbs_may_repeat(participant, factories):
    other = factories.ParticipantFactory(session=participant.session)
    db.session.add_all(
        [
            _line(participant),
            _line(participant, object_id="m1-u2"),
            _line(other),
            _line(participant, "quiz_submitted", "m1-quiz"),
            _line(participant, "quiz_submitted", "m1-quiz"),
        ]
    )
    db.session.commit()
    assert (_count(), _count("quiz_submitted")) == (3, 2)


def test_a_twin_that_won_the_race_costs_nothing_else_of_the_transaction(
    participant, course, monkeypatch
):
    db.session.add(_line(participant))  # the twin request's line, committed first
    db.session.commit()
    # Our request checked before the twin inserted: it saw no line and tries to insert one.
    monkeypatch.setattr(learning, "units_done", lambda _participant: set())
    pending = _line(participant, "quiz_submitted", "m1-quiz")  # other work, not yet committed
    db.session.add(pending)
    assert learning.mark_unit_done(participant, course, "m1-u1") is False
    db.session.commit()
    assert _count() == 1
    assert db.session.get(CompletionEvent, pending.id).verb == "quiz_submitted"


def test_two_concurrent_requests_record_the_unit_once(app, participant, course, monkeypatch):
    both_checked = threading.Barrier(2, timeout=10)
    real_units_done = learning.units_done

    def check_then_wait(person):
        found = real_units_done(person)
        both_checked.wait()  # neither inserts before both saw "not done"
        return found

    monkeypatch.setattr(learning, "units_done", check_then_wait)
    participant_id = participant.id  # the test's session is not shared with the threads

    def request():
        with app.app_context():
            person = db.session.get(Participant, participant_id)
            return learning.mark_unit_done(person, course, "m1-u1")

    outcomes, failures = at_once(request)
    assert failures == []
    assert sorted(outcomes) == [False, True]
    db.session.expire_all()
    assert _count() == 1


def test_the_append_only_guards_still_refuse_changes_and_allow_new_lines(participant, course):
    assert learning.mark_unit_done(participant, course, "m1-u1") is True
    line = db.session.scalar(select(CompletionEvent))
    line.object_id = "m1-u2"
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalar(select(CompletionEvent)))
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    assert learning.mark_unit_done(participant, course, "m1-u2") is True
    assert learning.units_done(participant) == {"m1-u1", "m1-u2"}


# --- the migration ------------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def empty_database(request, tmp_path):
    """The URL of a new, empty database on one backend (dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrate.sqlite3'}"
        return
    import psycopg

    name = f"lexom_mig_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    yield f"{base}/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_migration_keeps_the_first_of_earlier_duplicates_then_refuses_more(
    empty_database, course
):
    from flask_migrate import downgrade, upgrade

    from lexom_learning import create_app
    from lexom_learning.web.config import MIGRATIONS_DIR
    from lexom_learning.web.content import CourseRepository

    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": empty_database,
        "LEXOM_COURSES": CourseRepository([course]),
    }
    app = create_app(config)
    with app.app_context():
        try:
            upgrade(directory=str(MIGRATIONS_DIR), revision="0004")
            person = _old_participant()
            lines = [_line(person), _line(person), _line(person, object_id="m1-u2")]
            lines += [_line(person, "quiz_submitted", "m1-quiz") for _ in range(2)]
            db.session.add_all(lines)
            db.session.commit()
            first, other_unit = lines[0].id, lines[2].id
            db.session.remove()

            upgrade(directory=str(MIGRATIONS_DIR))
            kept = db.session.scalars(
                select(CompletionEvent.id).where(CompletionEvent.verb == "unit_done")
            ).all()
            assert sorted(kept) == [first, other_unit]
            assert _count("quiz_submitted") == 2  # other verbs are left alone
            db.session.add(_line(person))
            with pytest.raises(IntegrityError):
                db.session.commit()
            db.session.rollback()
            db.session.remove()

            downgrade(directory=str(MIGRATIONS_DIR), revision="0004")
            db.session.add(_line(person))
            db.session.commit()  # without the index, a copy goes through again
            db.session.remove()
        finally:
            db.session.remove()
            db.engine.dispose()
