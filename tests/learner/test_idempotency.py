"""Retries never cost a learner an attempt: a module-quiz submission carries an idempotency key
(a hidden field of the form, the Idempotency-Key header of the API); sent twice, even at the
same moment, it records one attempt and answers with the first one's result."""

import re
import threading

import pytest
from sqlalchemy import func, select

from lexom_learning.extensions import db
from lexom_learning.services import learning
from lexom_learning.services.errors import Conflict, Invalid
from lexom_learning.storage import Answer, Participant, QuizAttempt
from tests.api.helpers import Api, assert_error, right_response
from tests.conftest import at_once
from tests.learner.quizforms import form_page, right_form

QUIZ = "m1-quiz"


def attempts() -> int:
    return db.session.scalar(select(func.count()).select_from(QuizAttempt))


def responses(course, quiz_id: str = QUIZ) -> dict:
    return {q.id: right_response(q) for q in course.quiz(quiz_id).questions}


def test_the_form_carries_a_fresh_key_and_a_resent_form_records_one_attempt(phone, course):
    html, hidden = form_page(phone, QUIZ)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', html).group(1)
    other, _ = form_page(phone, QUIZ)
    assert key not in other  # a new form, a new key
    data = {**hidden, "idempotency_key": key, **right_form(course.quiz(QUIZ))}
    first = phone.post(f"/me/quizzes/{QUIZ}", data=data)
    # The resend names an attempt number the server never showed: only the key recognises it.
    again = phone.post(f"/me/quizzes/{QUIZ}", data={**data, "tentative": "2"})
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    assert again.headers["Location"].endswith(f"/me/quizzes/{QUIZ}/attempts/1")
    assert attempts() == 1


def test_the_api_answers_a_resent_submission_with_the_first_result(client, participant, course):
    api = Api(client)
    path = f"/me/quizzes/{QUIZ}/attempts"
    body = {"responses": responses(course)}
    key = {"Idempotency-Key": "9f0c6d1e-2b7a-4c3e-8d5f-1a2b3c4d5e6f"}
    first = api.post(path, participant, body, headers=key)
    again = api.post(path, participant, body, headers=key)
    assert first.status_code == again.status_code == 201
    assert first.get_json() == again.get_json()
    assert attempts() == 1 and first.get_json()["number"] == 1
    fresh = api.post(path, participant, body, headers={"Idempotency-Key": "another-key"})
    assert fresh.status_code == 201 and fresh.get_json()["number"] == 2
    no_key = api.post(path, participant, body)
    assert no_key.status_code == 201 and attempts() == 3


def test_a_malformed_or_misused_key_is_refused_and_stores_nothing(client, participant, course):
    api = Api(client)
    path = f"/me/quizzes/{QUIZ}/attempts"
    body = {"responses": responses(course)}
    bad = api.post(path, participant, body, headers={"Idempotency-Key": "é" * 3})
    assert_error(bad, 422, "Idempotency-Key")
    assert api.post(path, participant, body, headers={"Idempotency-Key": "k1"}).status_code == 201
    other_quiz = next(q.id for m in course.modules for q in m.quizzes if q.id != QUIZ)
    body = {"responses": responses(course, other_quiz)}
    reused = api.post(
        f"/me/quizzes/{other_quiz}/attempts", participant, body, headers={"Idempotency-Key": "k1"}
    )
    assert_error(reused, 409)
    assert attempts() == 1


def test_the_service_checks_the_key(participant, course):
    with pytest.raises(Invalid):
        learning.submit_quiz(participant, course, QUIZ, responses(course), "a b")
    attempt = learning.submit_quiz(participant, course, QUIZ, responses(course), "k")
    assert attempt.idempotency_key == "k"
    assert learning.submit_quiz(participant, course, QUIZ, {}, "k").id == attempt.id
    other_quiz = next(q.id for m in course.modules for q in m.quizzes if q.id != QUIZ)
    with pytest.raises(Conflict):
        learning.submit_quiz(participant, course, other_quiz, {}, "k")


def test_two_identical_submissions_at_the_same_moment_record_one_attempt(
    app, participant, course, monkeypatch
):
    both_looked = threading.Barrier(2, timeout=10)
    real_lookup = learning.attempt_with_key
    first_looks = threading.Semaphore(2)

    def look_then_wait(person, key):
        found = real_lookup(person, key)
        if first_looks.acquire(blocking=False):  # each request's first look only
            both_looked.wait()  # neither inserts before both saw no attempt with that key
        return found

    monkeypatch.setattr(learning, "attempt_with_key", look_then_wait)
    participant_id, sent = participant.id, responses(course)

    def request():
        with app.app_context():
            person = db.session.get(Participant, participant_id)
            attempt = learning.submit_quiz(person, course, QUIZ, sent, "double-tap")
            return attempt.id, attempt.number, attempt.earned

    results, failures = at_once(request)
    assert failures == []
    assert len(results) == 2 and results[0] == results[1]
    db.session.expire_all()
    assert attempts() == 1
    answers = db.session.scalar(select(func.count()).select_from(Answer))
    assert answers == len(course.quiz(QUIZ).questions)
