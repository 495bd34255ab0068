"""Participant endpoints: identity, progress, units, quizzes and attempts."""

from sqlalchemy import func, select, update

from lexom_learning.extensions import db
from lexom_learning.quizzes import ordering
from lexom_learning.storage import Answer, CompletionEvent, QuizAttempt
from tests.api.helpers import assert_error, responses, wrong_response


def _attempts_stored() -> int:
    return db.session.scalar(select(func.count()).select_from(QuizAttempt))


def test_me_shows_identity_session_and_empty_progress(api, world, course):
    data = api.get("/me", world.participant).get_json()
    assert data["participant"] == {
        "id": world.participant.id,
        "name": world.participant.name,
        "email": world.participant.email,
    }
    assert data["session"]["id"] == world.session.id
    assert data["session"]["starts_on"] == world.session.starts_on.isoformat()
    assert data["course"]["id"] == course.id
    assert (data["progress"]["units_done"], data["progress"]["percent"]) == (0, 0)
    assert data["progress"]["units_total"] == sum(len(m.units) for m in course.modules)
    assert [a["objective_id"] for a in data["attainment"]] == course.objective_ids


def test_marking_a_unit_done_is_recorded_once(api, world, course):
    first = api.post("/me/units/m2-u3/done", world.participant)
    assert first.get_json() == {"unit_id": "m2-u3", "done": True, "recorded": True}
    again = api.post("/me/units/m2-u3/done", world.participant, {})
    assert again.get_json()["recorded"] is False
    events = db.session.scalars(select(CompletionEvent).where(CompletionEvent.verb == "unit_done"))
    assert [(e.participant_id, e.object_id) for e in events] == [(world.participant.id, "m2-u3")]
    progress = api.get("/me/progress", world.participant).get_json()
    assert progress["done_units"] == ["m2-u3"] and progress["units_done"] == 1
    m2 = next(m for m in progress["modules"] if m["module_id"] == "m2")
    assert (m2["units_done"], m2["units_total"]) == (1, len(course.module("m2").units))
    other = api.get("/me/progress", world.other_participant).get_json()
    assert other["units_done"] == 0


def test_unknown_unit_is_404_and_records_nothing(api, world):
    assert_error(api.post("/me/units/m9-u9/done", world.participant), 404)
    assert db.session.scalar(select(func.count()).select_from(CompletionEvent)) == 0


def test_the_quiz_shows_public_questions_and_attempts_left(api, world, course):
    data = api.get("/me/quizzes/m3-quiz", world.participant).get_json()
    quiz = course.quiz("m3-quiz")
    assert [q["id"] for q in data["questions"]] == [q.id for q in quiz.questions]
    assert (data["attempts_used"], data["attempts_remaining"], data["max_attempts"]) == (0, 3, 3)
    assert api.get("/me/quizzes/m3-quiz/attempts", world.participant).get_json() == []


def test_live_quizzes_and_unknown_ids_are_not_module_quizzes(api, world, course):
    for quiz_id in (course.live_quizzes[0].id, "inconnu", "m1-q1"):
        assert_error(api.get(f"/me/quizzes/{quiz_id}", world.participant), 404)
        body = {"responses": {}}
        assert_error(api.post(f"/me/quizzes/{quiz_id}/attempts", world.participant, body), 404)


def test_a_right_attempt_scores_everything_and_shows_explanations(api, world, course):
    quiz = course.quiz("m1-quiz")
    response = api.post(
        "/me/quizzes/m1-quiz/attempts", world.participant, {"responses": responses(quiz)}
    )
    assert response.status_code == 201
    data = response.get_json()
    assert (data["number"], data["percent"], data["passed"]) == (1, 100.0, True)
    assert data["earned"] == data["possible"] == sum(q.points for q in quiz.questions)
    assert (data["attempts_used"], data["attempts_remaining"]) == (1, 2)
    results = {r["question_id"]: r for r in data["results"]}
    assert set(results) == {q.id for q in quiz.questions}
    for question in quiz.questions:
        assert results[question.id]["correct"] is True
        assert results[question.id]["explanation"] == question.explanation
    listed = api.get("/me/quizzes/m1-quiz/attempts", world.participant).get_json()
    assert [a["number"] for a in listed] == [1]
    assert listed[0]["results"] == data["results"]


def test_a_wrong_attempt_earns_nothing_and_gives_feedback_once_no_attempt_is_left(
    api, world, course
):
    quiz = course.quiz("m4-quiz")
    body = {"responses": responses(quiz, right=False)}
    data = api.post("/me/quizzes/m4-quiz/attempts", world.participant, body).get_json()
    assert (data["percent"], data["passed"], data["answers_revealed"]) == (0.0, False, False)
    numeric = next(q for q in quiz.questions if q.type == "numeric")
    result = next(r for r in data["results"] if r["question_id"] == numeric.id)
    assert result["correct"] is False and result["response"] == wrong_response(numeric)
    assert (result["feedback"], result["explanation"]) == (None, None)
    for _ in range(quiz.max_attempts - 1):
        data = api.post("/me/quizzes/m4-quiz/attempts", world.participant, body).get_json()
    assert (data["attempts_remaining"], data["answers_revealed"]) == (0, True)
    result = next(r for r in data["results"] if r["question_id"] == numeric.id)
    assert any("Réponse attendue" in f for f in result["feedback"])
    assert result["explanation"] == numeric.explanation


def test_a_malformed_attempt_lists_problems_per_question_and_stores_nothing(api, world, course):
    quiz = course.quiz("m1-quiz")
    first, second, third = quiz.questions[:3]
    body = responses(quiz)
    del body[first.id]
    body[second.id] = {"pas": "une réponse"}
    body[third.id] = None
    response = api.post("/me/quizzes/m1-quiz/attempts", world.participant, {"responses": body})
    error = assert_error(response, 422, "responses")
    assert set(error["details"]) == {first.id, second.id, third.id}
    assert _attempts_stored() == 0
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


def test_an_unknown_question_is_refused(api, world, course):
    body = {"responses": {**responses(course.quiz("m1-quiz")), "m2-q1": "x"}}
    assert_error(
        api.post("/me/quizzes/m1-quiz/attempts", world.participant, body), 422, "responses"
    )
    assert _attempts_stored() == 0


def test_attempts_run_out_with_409(api, world, course):
    quiz = course.quiz("m2-quiz")
    body = {"responses": responses(quiz, right=False)}
    numbers = [
        api.post("/me/quizzes/m2-quiz/attempts", world.participant, body).get_json()["number"]
        for _ in range(quiz.max_attempts)
    ]
    assert numbers == [1, 2, 3]
    assert_error(api.post("/me/quizzes/m2-quiz/attempts", world.participant, body), 409)
    assert _attempts_stored() == 3
    status = api.get("/me/quizzes/m2-quiz", world.participant).get_json()
    assert (status["attempts_used"], status["attempts_remaining"]) == (3, 0)
    other = api.post("/me/quizzes/m2-quiz/attempts", world.other_participant, body)
    assert other.status_code == 201  # attempts are counted per participant


def test_progress_and_attainment_follow_the_latest_attempt(api, world, course):
    quiz = course.quiz("m5-quiz")
    api.post("/me/quizzes/m5-quiz/attempts", world.participant, {"responses": responses(quiz)})
    wrong = {"responses": responses(quiz, right=False)}
    api.post("/me/quizzes/m5-quiz/attempts", world.participant, wrong)
    data = api.get("/me/progress", world.participant).get_json()
    m5 = next(m for m in data["modules"] if m["module_id"] == "m5")
    assert (m5["best_percent"], m5["attempts_used"]) == (100.0, 2)
    evidenced = set().union(*(q.objectives for q in quiz.questions))
    levels = {a["objective_id"]: (a["percent"], a["level"]) for a in data["attainment"]}
    assert all(levels[o] == (0.0, "not_acquired") for o in evidenced)


def test_an_ordering_answer_stored_with_the_author_ids_comes_back_under_the_public_ids(
    api, world, course
):
    quiz = course.quiz("m1-quiz")
    question = course.question("m1-q2")
    api.post("/me/quizzes/m1-quiz/attempts", world.participant, {"responses": responses(quiz)})
    # As stored before the items had public ids (written past the ORM: answers are append-only).
    answers = Answer.__table__
    db.session.connection().execute(  # a connection: the session refuses it (guards.py)
        update(answers)
        .where(answers.c.question_id == question.id)
        .values(response=[item.id for item in question.items])
    )
    db.session.commit()
    (attempt,) = api.get("/me/quizzes/m1-quiz/attempts", world.participant).get_json()
    result = next(r for r in attempt["results"] if r["question_id"] == question.id)
    assert result["response"] == ordering.answer_key(question)
    assert result["correct"] is True and result["feedback"] == []


def test_feedback_is_withheld_for_an_attempt_graded_by_another_content_version(api, world, course):
    quiz = course.quiz("m4-quiz")
    body = {"responses": responses(quiz, right=False)}
    for _ in range(quiz.max_attempts):
        api.post("/me/quizzes/m4-quiz/attempts", world.participant, body)
    numeric = next(q for q in quiz.questions if q.type == "numeric")

    def numeric_result():
        attempts = api.get("/me/quizzes/m4-quiz/attempts", world.participant).get_json()
        return next(r for r in attempts[0]["results"] if r["question_id"] == numeric.id)

    assert any("Réponse attendue" in f for f in numeric_result()["feedback"])
    # Graded by an earlier version of the content (past the ORM: attempts are append-only).
    attempts = QuizAttempt.__table__
    db.session.connection().execute(update(attempts).values(content_version="an-older-version"))
    db.session.commit()
    result = numeric_result()
    assert (result["correct"], result["feedback"]) == (False, [])
    assert result["explanation"] == numeric.explanation  # still there to learn from
