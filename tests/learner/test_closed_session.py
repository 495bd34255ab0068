"""Once the training session is closed, a participant reads their attempts and reviews but
records nothing new: no quiz attempt, no unit done (service and pages)."""

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from lexom_learning.extensions import db
from lexom_learning.services import learning, sessions
from lexom_learning.services.errors import Conflict, NotFound
from lexom_learning.storage import CompletionEvent
from tests.api.helpers import responses
from tests.conftest import csrf_token_from
from tests.learner.conftest import count_records
from tests.learner.quizforms import right_form


def _units_done() -> int:
    query = select(func.count()).select_from(CompletionEvent)
    return db.session.scalar(query.where(CompletionEvent.verb == "unit_done"))


@pytest.fixture
def closed(participant, course):
    """The participant's session, closed after one wrong attempt at m1-quiz and one unit done."""
    quiz = course.quiz("m1-quiz")
    learning.submit_quiz(participant, course, "m1-quiz", {**responses(quiz), "m1-q3": "b"})
    learning.mark_unit_done(participant, course, "m1-u1")
    sessions.close_session(participant.session)
    return participant.session


def test_the_service_refuses_a_new_attempt_and_a_unit_done(closed, participant, course):
    quiz = course.quiz("m1-quiz")
    stored = count_records()
    with pytest.raises(Conflict) as refused:
        learning.submit_quiz(participant, course, "m1-quiz", responses(quiz))
    assert refused.value.message == learning.QUIZ_CLOSED
    assert refused.value.message.startswith("La session de formation est clôturée")
    with pytest.raises(Conflict) as refused:
        learning.mark_unit_done(participant, course, "m1-u2")
    assert refused.value.message == learning.UNITS_CLOSED
    with pytest.raises(NotFound):  # an unknown unit stays unknown
        learning.mark_unit_done(participant, course, "m1-u99")
    assert count_records() == stored


def test_reading_stays_allowed_and_reveals_the_answers(closed, participant, course):
    assert [a.number for a in learning.attempts(participant, "m1-quiz")] == [1]
    assert learning.units_done(participant) == {"m1-u1"}
    review = learning.review_attempt(participant, course, "m1-quiz", 1)
    assert review.revealed  # no attempt can follow any more
    assert all(r.explanation for r in review.questions)
    assert learning.progress(participant, course).units_done == 1


def test_the_quiz_page_says_why_and_lists_the_attempts(closed, phone):
    response = phone.get("/me/quizzes/m1-quiz")
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert str(escape(learning.QUIZ_CLOSED)) in html
    assert 'name="tentative"' not in html  # no form
    assert 'href="/me/quizzes/m1-quiz/attempts/1"' in html


def test_a_quiz_form_sent_after_closing_is_refused_with_the_message(closed, phone, course):
    token = csrf_token_from(phone.get("/me/units/m1-u2").get_data(as_text=True))
    stored = count_records()
    data = {**right_form(course.quiz("m1-quiz")), "csrf_token": token, "tentative": "2"}
    response = phone.post("/me/quizzes/m1-quiz", data=data)
    assert response.status_code == 409
    assert str(escape(learning.QUIZ_CLOSED)) in response.get_data(as_text=True)
    assert count_records() == stored


def test_marking_a_unit_done_after_closing_shows_the_message(closed, phone, course):
    token = csrf_token_from(phone.get("/me/units/m1-u2").get_data(as_text=True))
    response = phone.post("/me/units/m1-u2/done", data={"csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/me/units/m1-u2")
    page = phone.get(response.headers["Location"]).get_data(as_text=True)
    assert str(escape(learning.UNITS_CLOSED)) in page
    assert _units_done() == 1


def test_past_attempts_stay_readable_on_the_web(closed, phone, course):
    response = phone.get("/me/quizzes/m1-quiz/attempts/1")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert str(escape(course.quiz("m1-quiz").questions[2].explanation)) in html
