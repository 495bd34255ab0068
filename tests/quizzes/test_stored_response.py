"""``quizzes.stored_response``: one entry point that reads a stored response in today's form."""

import json
from pathlib import Path

import pytest

from lexom_learning.live import solution
from lexom_learning.quizzes import (
    QuestionKind,
    get_type,
    grade,
    known_types,
    parse_question,
    stored_response,
)

SINGLE = {
    "id": "q",
    "type": "single_choice",
    "prompt": "?",
    "explanation": "",
    "objectives": ["obj-1"],
    "options": [{"id": "a", "text": "A", "correct": True}, {"id": "b", "text": "B"}],
}
ORDERING = {
    "id": "q",
    "type": "ordering",
    "prompt": "?",
    "explanation": "",
    "objectives": ["obj-1"],
    "items": [{"id": "a", "text": "Premier"}, {"id": "b", "text": "Second"}],
}
MATCHING = {
    "id": "q",
    "type": "matching",
    "prompt": "?",
    "explanation": "",
    "objectives": ["obj-1"],
    "pairs": [{"id": "p1", "left": "L1", "right": "R1"}, {"id": "p2", "left": "L2", "right": "R2"}],
}


def test_the_types_whose_ids_changed_convert_and_only_they():
    default = QuestionKind.stored_response
    converters = {
        name for name in known_types() if type(get_type(name)).stored_response is not default
    }
    assert converters == {"matching", "ordering"}


@pytest.mark.parametrize(
    ("question", "old"),
    [(ORDERING, ["a", "b"]), (ORDERING, ["b", "a"]), (MATCHING, {"p1": "p2", "p2": "p2"})],
)
def test_each_converter_is_reached_from_a_spec_or_its_mapping(question, old):
    spec = parse_question(question)
    new = stored_response(spec, old)
    assert new != old
    assert stored_response(question, old) == new  # the spec as written works too
    assert stored_response(spec, new) == new  # today's form is left alone
    assert grade(spec, new).possible == 1


def golden(name: str) -> dict:
    """Return a golden question (``tests/quizzes/golden/<name>.json``)."""
    path = Path(__file__).parent / "golden" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))["question"]


LEFT_ALONE = [
    ("matching/all_pairs", {"p1": "r-9cae538b"}),  # today's form
    ("matching/all_pairs", {"p1": "p1", "p2": "r-89c616d5"}),  # mixed: left to the validation
    ("matching/all_pairs", {"p1": "p9"}),  # a pair that is gone
    ("matching/all_pairs", {}),
    ("matching/all_pairs", ["p1"]),
    ("matching/all_pairs", None),
    ("ordering/right_order", ["o-336d169a", "o-4597c9cd", "o-caf85b08", "o-c424f862"]),  # today
    ("ordering/right_order", ["o-336d169a", "b", "o-caf85b08", "o-c424f862"]),  # mixed
    ("ordering/right_order", ["a", "b", "c", "z"]),  # an item that is gone
    ("ordering/right_order", []),
    ("ordering/right_order", {"a": "b"}),
    ("ordering/right_order", "a"),
    ("ordering/right_order", None),
]


@pytest.mark.parametrize(("name", "response"), LEFT_ALONE)
def test_a_converter_leaves_anything_but_the_old_form_alone(name, response):
    assert stored_response(parse_question(golden(name)), response) == response


@pytest.mark.parametrize("response", ["a", ["a"], {"a": "a"}, None, 3])
@pytest.mark.parametrize("question", [SINGLE, parse_question(SINGLE)], ids=["mapping", "spec"])
def test_a_type_without_converter_gets_the_response_back_untouched(question, response):
    """A matching-like ``{"a": "a"}`` given to another type is not converted either."""
    assert stored_response(question, response) is response


def test_the_dispatch_goes_through_the_registry(monkeypatch):
    calls = []

    def convert(spec, response):
        calls.append((spec.id, response))
        return "converted"

    monkeypatch.setattr(get_type("single_choice"), "stored_response", convert, raising=False)
    assert stored_response(SINGLE, "old") == "converted"
    assert calls == [("q", "old")]


def test_today_s_full_marks_response_of_every_course_question_is_left_alone(course):
    graded = [q for _, q in course.iter_questions() if q.graded]
    assert {q.type for q in graded} >= {"matching", "ordering"}
    for question in graded:
        key = solution(question)
        assert stored_response(question, key) == key, question.id


def test_an_old_ordering_answer_of_the_course_grades_as_it_did(course):
    # Stored before public ids: the author ids, in the learner's order. Re-graded through
    # stored_response, every such answer earns what the old grading gave it.
    orderings = [q for _, q in course.iter_questions() if q.type == "ordering"]
    assert len(orderings) >= 5
    for question in orderings:
        ids = [item.id for item in question.items]
        for order in (ids, ids[::-1], ids[1:] + ids[:1], [ids[1], ids[0], *ids[2:]]):
            in_place = sum(a == b for a, b in zip(order, ids, strict=True))
            ratio = in_place / len(ids) if question.scoring == "partial" else in_place == len(ids)
            result = grade(question, stored_response(question, order))
            assert result.earned == pytest.approx(question.points * ratio), question.id
            assert result.correct is (order == ids), question.id
