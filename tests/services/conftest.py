"""Service tests without the Flask app: a bare SQLAlchemy engine and session (SQLite in
memory, tables from the models' metadata), the course, fixed settings, a fixed clock and the
identity translator, all in one :class:`ServiceContext`.

Creating a Flask app here fails, and no process context is installed: a service that still
reached for ``flask.current_app`` or ``services.context.current`` would raise.
"""

from datetime import UTC, date, datetime

import flask
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from lexom_learning import storage  # noqa: F401  (the models' mappers)
from lexom_learning.extensions import db
from lexom_learning.organisation import load_organisation
from lexom_learning.services import context
from lexom_learning.services.context import ServiceContext, Settings, identity
from lexom_learning.services.repository import CourseRepository
from lexom_learning.storage import Participant, TrainingSession, User
from tests.conftest import ORGANISATION_FILE

BASE_URL = "https://formation.exemple.fr"
NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # the day after the session below


def _no_app(*args, **kwargs):
    raise AssertionError("a service test must not create a Flask app")


@pytest.fixture(autouse=True)
def _without_flask(monkeypatch):
    """No Flask app may be created, none is active, and no process context is installed."""
    monkeypatch.setattr(flask.Flask, "__init__", _no_app)
    monkeypatch.setitem(context._process, "provider", None)
    monkeypatch.setitem(context._process, "translator", identity)
    assert not flask.has_app_context()


@pytest.fixture
def session():
    """A bare SQLAlchemy session on a fresh in-memory SQLite database."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    db.Model.metadata.create_all(engine)
    with Session(engine) as bare:
        yield bare
    engine.dispose()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    """The fixed clock of the context (set ``clock.now`` to move it)."""
    return Clock(NOW)


@pytest.fixture
def ctx(session, course, clock) -> ServiceContext:
    """The context a service runs in, with no Flask app."""
    settings = Settings(BASE_URL, organisation=load_organisation(ORGANISATION_FILE))
    return ServiceContext(session, CourseRepository([course]), settings, clock, identity)


@pytest.fixture
def training(session) -> TrainingSession:
    """A two-day session (2 and 3 March 2026) with its trainer and two participants."""
    trainer = User(email="formatrice@lexom.fr", name="Claire Formatrice", role="trainer")
    trainer.password_hash = "x"
    row = TrainingSession(
        course_id="mrk-stra-05",
        title="Stratégie marketing",
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 3, 3),
        location="Aubenas",
        trainer=trainer,
    )
    for name in ("Léa Martin", "Hugo Bernard"):
        email = f"{name.split()[0].lower()}@exemple.fr"
        row.participants.append(Participant(name=name, email=email))
    session.add(row)
    session.commit()
    return row
