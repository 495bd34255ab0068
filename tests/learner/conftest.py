"""Fixtures of the participant's pages: a participant, their phone, a quiz of every type."""

import shutil
from pathlib import Path

import pytest

from lexom_learning.extensions import db
from lexom_learning.modules import load_course
from lexom_learning.services import links
from lexom_learning.storage import Answer, CompletionEvent, QuizAttempt
from lexom_learning.web.content import CourseRepository

DATA = Path(__file__).parent / "data"


@pytest.fixture
def participant(factories):
    """A participant of a session of MRK-STRA-05, with a working personal link."""
    return factories.ParticipantFactory(name="Camille Martin")


def open_link(app, participant):
    """Return a new client (a phone) signed in by opening the participant's personal link."""
    phone = app.test_client()
    token = links.token_for(links.current_link(participant))
    response = phone.get(f"/p/{token}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/")
    return phone


@pytest.fixture
def phone(app, participant):
    """The participant's phone, signed in through their link."""
    return open_link(app, participant)


@pytest.fixture
def all_types_course(app, minimal_copy):
    """Serve the minimal course whose module quiz has one question of each type."""
    shutil.copy(DATA / "all_types_quiz.yaml", minimal_copy / "modules" / "m1" / "quiz.yaml")
    course = load_course(minimal_copy)
    app.extensions["lexom_courses"] = CourseRepository([course])
    return course


@pytest.fixture
def all_types_phone(app, factories, all_types_course):
    """A participant of a session of the all-types course, on their phone."""
    participant = factories.ParticipantFactory(session__course_id=all_types_course.id)
    return open_link(app, participant), participant


def count_records() -> tuple[int, int, int]:
    """Return how many attempts, answers and completion events are stored."""
    return tuple(
        db.session.query(model).count() for model in (QuizAttempt, Answer, CompletionEvent)
    )
