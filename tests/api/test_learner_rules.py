"""Participant endpoints under the rules of a session: no answer while attempts remain, nothing
new recorded once the session is closed (a JSON 409, never a 500), reading still allowed."""

from sqlalchemy import func, select

from lexom_learning.extensions import db
from lexom_learning.services import learning, sessions
from lexom_learning.storage import CompletionEvent, QuizAttempt
from tests.api.helpers import assert_error, responses, wrong_response
from tests.api.test_no_answer_leak import secrets_of, strings


def _wrong(quiz) -> dict:
    return {"responses": {q.id: wrong_response(q) for q in quiz.questions}}


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_no_answer_leaks_while_attempts_remain(api, world, course):
    quiz = course.quiz("m1-quiz")
    me = world.participant
    submitted = api.post("/me/quizzes/m1-quiz/attempts", me, _wrong(quiz))
    assert submitted.status_code == 201
    listed = api.get("/me/quizzes/m1-quiz/attempts", me)
    secrets = secrets_of(course)
    for body in (submitted.get_json(), listed.get_json()[0]):
        assert body["answers_revealed"] is False
        assert {r["correct"] for r in body["results"]} == {False}  # correctness is shown
        assert {(r["feedback"], r["explanation"]) for r in body["results"]} == {(None, None)}
        assert [s for s in strings(body) for secret in secrets if secret in s] == []
        assert not any("Réponse attendue" in s for s in strings(body))


def test_full_marks_reveal_the_earlier_attempts_too(api, world, course):
    quiz = course.quiz("m1-quiz")
    me = world.participant
    api.post("/me/quizzes/m1-quiz/attempts", me, _wrong(quiz))
    best = api.post("/me/quizzes/m1-quiz/attempts", me, {"responses": responses(quiz)})
    assert best.get_json()["answers_revealed"] is True
    first = api.get("/me/quizzes/m1-quiz/attempts", me).get_json()[0]
    assert first["answers_revealed"] is True
    assert [r["explanation"] for r in first["results"]] == [q.explanation for q in quiz.questions]


def test_a_closed_session_refuses_attempts_and_units_with_a_json_409(api, world, course):
    quiz = course.quiz("m1-quiz")
    me = world.participant
    api.post("/me/quizzes/m1-quiz/attempts", me, _wrong(quiz))
    sessions.close_session(world.session)
    attempts, events = _count(QuizAttempt), _count(CompletionEvent)

    refused = api.post("/me/quizzes/m1-quiz/attempts", me, {"responses": responses(quiz)})
    error = assert_error(refused, 409)
    assert error["message"] == learning.QUIZ_CLOSED
    error = assert_error(api.post("/me/units/m1-u1/done", me), 409)
    assert error["message"] == learning.UNITS_CLOSED
    assert (_count(QuizAttempt), _count(CompletionEvent)) == (attempts, events)

    # Reading stays allowed, and with no attempt to come the answers are revealed.
    assert api.get("/me", me).status_code == 200
    quiz_data = api.get("/me/quizzes/m1-quiz", me).get_json()
    assert quiz_data["attempts_used"] == 1
    listed = api.get("/me/quizzes/m1-quiz/attempts", me).get_json()
    assert listed[0]["answers_revealed"] is True
    assert listed[0]["results"][0]["explanation"] == quiz.questions[0].explanation


def test_the_other_session_is_not_affected(api, world, course):
    sessions.close_session(world.session)
    quiz = course.quiz("m1-quiz")
    other = world.other_participant
    submitted = api.post("/me/quizzes/m1-quiz/attempts", other, {"responses": responses(quiz)})
    assert submitted.status_code == 201
    done = api.post("/me/units/m1-u1/done", other)
    assert done.get_json()["recorded"] is True
