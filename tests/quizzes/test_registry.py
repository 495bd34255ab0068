"""The registry refuses duplicates and names unknown types."""

import pytest

from lexom_learning.quizzes import get_type, grade, known_types
from lexom_learning.quizzes.registry import DuplicateQuestionType, UnknownQuestionType
from lexom_learning.quizzes.standard import standard_registry


def test_all_contract_types_are_registered():
    assert set(known_types()) == {
        "single_choice",
        "multiple_choice",
        "true_false",
        "numeric",
        "ordering",
        "matching",
        "short_text",
        "likert",
        "free_text",
    }


def test_registering_a_name_twice_is_refused():
    class Impostor:
        name = "numeric"
        spec_model = None

    registry = standard_registry()
    with pytest.raises(DuplicateQuestionType, match="already registered"):
        registry.add(Impostor)
    assert registry.get("numeric").__class__.__name__ == "Numeric"
    assert get_type("numeric").__class__.__name__ == "Numeric"


def test_the_standard_registry_is_built_afresh_and_not_shared():
    first, second = standard_registry(), standard_registry()
    assert first is not second and first.names() == second.names() == known_types()


def test_unknown_type_names_the_known_ones():
    with pytest.raises(UnknownQuestionType) as raised:
        grade({"id": "q", "type": "essay", "prompt": "?", "explanation": ""}, "x")
    assert "unknown question type 'essay'" in str(raised.value)
    assert "single_choice" in str(raised.value)


def test_result_is_frozen():
    result = grade(
        {
            "id": "q",
            "type": "true_false",
            "prompt": "?",
            "explanation": "",
            "objectives": ["obj-1"],
            "answer": False,
        },
        False,
    )
    with pytest.raises(AttributeError):
        result.earned = 5


@pytest.mark.parametrize(
    "spec, message",
    [
        (
            {
                "type": "single_choice",
                "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
            },
            "exactly one option must be correct",
        ),
        (
            {
                "type": "multiple_choice",
                "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
            },
            "at least one option must be correct",
        ),
        (
            {"type": "numeric", "answer": 1, "tolerance": 1, "tolerance_pct": 1},
            "either tolerance or tolerance_pct",
        ),
        ({"type": "likert", "scale": {"min": 4, "max": 1}}, "scale.min must be below scale.max"),
    ],
)
def test_malformed_specs_are_refused(spec, message):
    from pydantic import ValidationError

    from lexom_learning.quizzes import parse_question

    with pytest.raises(ValidationError, match=message):
        parse_question({"id": "q", "prompt": "?", "explanation": "", **spec})


def test_public_view_never_carries_answers():
    from lexom_learning.quizzes import public_view

    view = public_view(
        {
            "id": "q",
            "type": "single_choice",
            "prompt": "?",
            "explanation": "why",
            "objectives": ["obj-1"],
            "options": [
                {"id": "a", "text": "A", "correct": True, "feedback": "bien"},
                {"id": "b", "text": "B", "feedback": "non"},
            ],
        }
    )
    text = repr(view)
    assert "correct" not in text and "bien" not in text and "why" not in text
