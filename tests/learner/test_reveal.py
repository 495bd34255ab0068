"""While attempts remain, a review says right or wrong per question but keeps the solution:
feedback and explanations appear once the learner scored full marks or cannot try again."""

import pytest
from markupsafe import escape

from lexom_learning.extensions import db
from lexom_learning.services import learning
from tests.api.helpers import responses, wrong_response
from tests.typeset import plain


def _wrong_everywhere(quiz) -> dict:
    return {q.id: wrong_response(q) for q in quiz.questions}


def _review(participant, course, number=1):
    return learning.review_attempt(participant, course, "m1-quiz", number)


def test_after_a_wrong_attempt_with_attempts_left_only_correctness_is_shown(participant, course):
    quiz = course.quiz("m1-quiz")
    learning.submit_quiz(participant, course, "m1-quiz", _wrong_everywhere(quiz))
    review = _review(participant, course)
    assert not review.revealed and not learning.answers_revealed(participant, quiz)
    assert [r.correct for r in review.questions] == [False] * len(quiz.questions)
    assert [(r.feedback, r.explanation) for r in review.questions] == [((), "")] * len(
        quiz.questions
    )
    assert review.attempt.earned == 0  # the score itself is shown


def test_full_marks_reveal_every_attempt(participant, course):
    quiz = course.quiz("m1-quiz")
    learning.submit_quiz(participant, course, "m1-quiz", _wrong_everywhere(quiz))
    learning.submit_quiz(participant, course, "m1-quiz", responses(quiz))
    for number in (1, 2):
        review = _review(participant, course, number)
        assert review.revealed
        assert [r.explanation for r in review.questions] == [q.explanation for q in quiz.questions]
    first = _review(participant, course, 1)
    assert any(r.feedback for r in first.questions)


def test_the_last_attempt_reveals_even_without_full_marks(participant, course):
    quiz = course.quiz("m1-quiz")
    for number in range(1, quiz.max_attempts + 1):
        learning.submit_quiz(participant, course, "m1-quiz", _wrong_everywhere(quiz))
        assert _review(participant, course, number).revealed is (number == quiz.max_attempts)
    assert learning.remaining_attempts(participant, quiz) == 0


def test_unlimited_attempts_reveal_only_full_marks(participant, course):
    quiz = course.quiz("m1-quiz").model_copy(update={"max_attempts": None})
    learning.submit_quiz(participant, course, "m1-quiz", _wrong_everywhere(quiz))
    assert not learning.answers_revealed(participant, quiz)
    learning.submit_quiz(participant, course, "m1-quiz", responses(quiz))
    assert learning.answers_revealed(participant, quiz)


def test_a_closed_session_reveals_the_answers(participant, course):
    quiz = course.quiz("m1-quiz")
    learning.submit_quiz(participant, course, "m1-quiz", _wrong_everywhere(quiz))
    participant.session.status = "closed"
    db.session.commit()
    assert _review(participant, course).revealed


@pytest.mark.parametrize("right", [True, False])
def test_the_attempt_page_follows_the_rule(phone, participant, course, right):
    quiz = course.quiz("m1-quiz")
    answers = responses(quiz) if right else _wrong_everywhere(quiz)
    learning.submit_quiz(participant, course, "m1-quiz", answers)
    html = phone.get("/me/quizzes/m1-quiz/attempts/1").get_data(as_text=True)
    shown = [q.id for q in quiz.questions if plain(str(escape(q.explanation))) in html]
    assert ("Explication" in html) is right
    assert shown == ([q.id for q in quiz.questions] if right else [])
