"""A participant's evaluation outcomes: feedback only for the content version that graded them."""

from types import SimpleNamespace

from lexom_learning.web.evaluations.results import outcomes


def _answer(question, response, version):
    return SimpleNamespace(
        question_id=question.id,
        response=response,
        earned=0.0,
        possible=1.0,
        correct=False,
        content_version=version,
    )


def test_feedback_is_recomputed_only_for_the_version_that_graded_the_answer(course):
    hot = course.evaluations["hot"]
    question = next(
        q for s in hot.sections if s.graded for q in s.questions if q.type == "true_false"
    )
    wrong = not question.answer
    [today] = outcomes(course, "hot", [_answer(question, wrong, course.version)], reveal=True)
    [before] = outcomes(course, "hot", [_answer(question, wrong, "an-older-version")], reveal=True)
    assert today.feedback and today.explanation == question.explanation
    assert before.feedback == () and before.explanation == question.explanation
    [hidden] = outcomes(course, "hot", [_answer(question, wrong, course.version)], reveal=False)
    assert hidden.feedback == () and hidden.explanation == ""
