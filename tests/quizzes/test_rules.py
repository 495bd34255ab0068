"""The reveal and pass rules of module quizzes, without Flask or XBlock."""

import pytest

from lexom_learning.modules import load_course
from lexom_learning.quizzes import rules
from lexom_learning.quizzes.review import explanation_for, feedback_for
from tests.conftest import COURSE_DIR


@pytest.mark.parametrize(
    ("scores", "max_attempts", "closed", "revealed"),
    [
        ([], 3, False, False),
        ([(2, 5)], 3, False, False),
        ([(2, 5), (3, 5)], 3, False, False),
        ([(2, 5), (3, 5), (1, 5)], 3, False, True),  # no attempt left
        ([(5, 5)], 3, False, True),  # full marks at once
        ([(5, 5), (1, 5)], None, False, True),  # full marks once, even if a later try was worse
        ([(1, 5)], None, False, False),  # unlimited attempts: wait for full marks
        ([(1, 5)], None, True, True),  # the session closed: no try is possible any more
        ([], 3, True, True),
    ],
)
def test_answers_revealed(scores, max_attempts, closed, revealed):
    assert rules.answers_revealed(scores, max_attempts, closed) is revealed


def test_an_attempt_passes_from_the_pass_mark_on():
    assert rules.attempt_passed((7, 10), 70) is True
    assert rules.attempt_passed((6.99, 10), 70) is False
    assert rules.attempt_passed((0, 0), 0) is False


def test_a_quiz_is_passed_once_any_attempt_reached_the_mark():
    assert rules.quiz_passed([], 70) is None
    assert rules.quiz_passed([(3, 10)], 70) is False
    assert rules.quiz_passed([(8, 10), (2, 10)], 70) is True


def test_feedback_shows_only_revealed_and_for_the_content_version_it_was_graded_with():
    course = load_course(COURSE_DIR)
    question = next(
        q for _, q in course.iter_questions() if q.type == "true_false" and q.feedback_incorrect
    )
    wrong = not question.answer
    assert feedback_for(question, wrong, same_content=True, revealed=True)
    assert feedback_for(question, wrong, same_content=False, revealed=True) == ()
    assert feedback_for(question, wrong, same_content=True, revealed=False) == ()
    assert feedback_for(question, {"not": "valid"}, same_content=True, revealed=True) == ()
    assert explanation_for(question, revealed=True) == question.explanation
    assert explanation_for(question, revealed=False) == ""
    assert explanation_for(None, revealed=True) == ""
