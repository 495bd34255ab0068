"""Nothing a participant can get before submitting tells them an answer."""

from collections.abc import Iterator
from typing import Any

import pytest

from lexom_learning.quizzes import ResponseError, grade, public_view
from lexom_learning.quizzes.ordering import ITEM_ID
from tests.api.helpers import responses

MARKERS = {"correct", "feedback", "explanation", "accepted", "answer"}


def keys(data: Any) -> Iterator[str]:
    """Yield every key of every object, at any depth."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from keys(value)
    elif isinstance(data, list):
        for item in data:
            yield from keys(item)


def strings(data: Any) -> Iterator[str]:
    """Yield every string value, at any depth."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings(item)


def secrets_of(course) -> set[str]:
    """Return the texts that would give an answer away: explanations and option feedback.

    Accepted short answers are left out: the units teach those very words.
    """
    texts = set()
    for module in course.modules:
        for quiz in module.quizzes:
            for question in quiz.questions:
                texts.add(question.explanation)
                texts.update(o.feedback for o in getattr(question, "options", ()))
    return {t for t in texts if len(t) >= 12}


def participant_answers(api, world, course) -> list[tuple[str, Any]]:
    """Call every endpoint a participant may reach before submitting; return the bodies."""
    me = world.participant
    calls = [
        api.get(f"/courses/{course.id}", me),
        api.get("/me", me),
        api.get("/me/progress", me),
        api.post("/me/units/m1-u1/done", me),
        api.get("/me/quizzes/inconnu", me),
    ]
    for module in course.modules:
        for quiz in module.quizzes:
            calls.append(api.get(f"/me/quizzes/{quiz.id}", me))
            calls.append(api.get(f"/me/quizzes/{quiz.id}/attempts", me))
            half = dict(list(responses(quiz).items())[: len(quiz.questions) // 2])
            refused = api.post(f"/me/quizzes/{quiz.id}/attempts", me, {"responses": half})
            assert refused.status_code == 422
            calls.append(refused)
    return [(call.request.path, call.get_json()) for call in calls]


def test_no_answer_marker_before_submission(api, world, course):
    secrets = secrets_of(course)
    for path, body in participant_answers(api, world, course):
        assert not MARKERS & set(keys(body)), path
        leaked = [s for s in strings(body) for secret in secrets if secret in s]
        assert leaked == [], path


def test_the_markers_do_appear_after_submission(api, world, course):
    # The check above is not vacuous: the same walk finds them once an attempt is submitted.
    quiz = course.quiz("m1-quiz")
    api.post("/me/quizzes/m1-quiz/attempts", world.participant, {"responses": responses(quiz)})
    body = api.get("/me/quizzes/m1-quiz/attempts", world.participant).get_json()
    assert {"correct", "feedback", "explanation"} <= set(keys(body))
    assert quiz.questions[0].explanation in set(strings(body))


def test_matching_questions_do_not_reveal_the_pairs(course):
    matchings = [q for _, q in course.iter_questions() if q.type == "matching"]
    assert matchings
    for question in matchings:
        view = public_view(question)
        lefts = {left["id"] for left in view["left"]}
        assert not lefts & {right["id"] for right in view["right"]}, question.id
        # The same texts paired otherwise show exactly the same view.
        rights = [p.right for p in question.pairs]
        repaired = question.model_copy(
            update={
                "pairs": tuple(
                    p.model_copy(update={"right": r})
                    for p, r in zip(question.pairs, rights[1:] + rights[:1], strict=True)
                )
            }
        )
        assert public_view(repaired) == view, question.id
        # The answer of the old ids, {pair id: pair id}, is not even a valid response.
        with pytest.raises(ResponseError):
            grade(question, {p.id: p.id for p in question.pairs})


def test_ordering_questions_do_not_reveal_the_order(course):
    orderings = [q for _, q in course.iter_questions() if q.type == "ordering"]
    assert orderings
    for question in orderings:
        view = public_view(question)
        shown = [item["id"] for item in view["items"]]
        # No author id is shown (they are numbered in the right order)...
        assert not set(shown) & {item.id for item in question.items}, question.id
        assert all(ITEM_ID.fullmatch(i) for i in shown), question.id
        # ...and the same texts in any other order show exactly the same view.
        items = list(question.items)
        for other in (items[::-1], items[1:] + items[:1], [items[1], items[0], *items[2:]]):
            renumbered = tuple(  # the author ids numbered in that order, as authors do
                item.model_copy(update={"id": original.id})
                for item, original in zip(other, items, strict=True)
            )
            reordered = question.model_copy(update={"items": renumbered})
            assert public_view(reordered) == view, question.id
        # The author ids in their order, the answer of the old ids, are not a valid response.
        with pytest.raises(ResponseError):
            grade(question, sorted(item.id for item in question.items))
        with pytest.raises(ResponseError):
            grade(question, [item.id for item in question.items])
