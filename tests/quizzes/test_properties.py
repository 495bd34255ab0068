"""Properties that hold for any response: grades stay in bounds, option order never matters."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from lexom_learning.quizzes import ResponseError, grade
from lexom_learning.quizzes.matching import right_id
from lexom_learning.quizzes.ordering import item_id

option_ids = st.sampled_from(list("abcdef"))


@st.composite
def choice_questions(draw):
    """A choice question with 2 to 6 options, at least one correct."""
    count = draw(st.integers(2, 6))
    ids = list("abcdef")[:count]
    multiple = draw(st.booleans())
    if multiple:
        correct = draw(st.sets(st.sampled_from(ids), min_size=1))
    else:
        correct = {draw(st.sampled_from(ids))}
    question = {
        "id": "q",
        "type": "multiple_choice" if multiple else "single_choice",
        "prompt": "?",
        "explanation": "",
        "objectives": ["obj-1"],
        "points": draw(st.sampled_from([1, 2, 0.5])),
        "options": [
            {"id": i, "text": i.upper(), "correct": i in correct, "feedback": f"pas {i}"}
            for i in ids
        ],
    }
    if multiple:
        question["scoring"] = draw(st.sampled_from(["all_or_nothing", "partial"]))
    return question


@st.composite
def responses_for(draw, question):
    ids = [o["id"] for o in question["options"]]
    if question["type"] == "single_choice":
        return draw(st.sampled_from(ids))
    return draw(st.lists(st.sampled_from(ids), unique=True))


@settings(max_examples=300)
@given(st.data())
def test_choice_grade_is_within_bounds_and_shuffle_invariant(data):
    question = data.draw(choice_questions())
    response = data.draw(responses_for(question))
    result = grade(question, response)
    assert 0 <= result.earned <= result.possible
    assert result.correct == (result.earned == result.possible)
    shuffled = dict(
        question,
        options=random.Random(data.draw(st.integers())).sample(
            question["options"], len(question["options"])
        ),
    )
    assert grade(shuffled, response).earned == result.earned


@settings(max_examples=300)
@given(st.permutations(["a", "b", "c", "d", "e"]), st.sampled_from(["all_or_nothing", "partial"]))
def test_ordering_grade_is_within_bounds(order, scoring):
    question = {
        "id": "q",
        "type": "ordering",
        "prompt": "?",
        "explanation": "",
        "objectives": ["obj-1"],
        "scoring": scoring,
        "items": [{"id": i, "text": i} for i in "abcde"],
    }
    result = grade(question, [item_id(i) for i in order])
    assert 0 <= result.earned <= result.possible
    assert result.correct == (list(order) == list("abcde"))


@settings(max_examples=300)
@given(
    st.dictionaries(
        st.sampled_from(["p1", "p2", "p3"]), st.sampled_from([right_id(f"R{p}") for p in "123"])
    )
)
def test_matching_grade_is_within_bounds_and_pair_order_invariant(mapping):
    pairs = [{"id": f"p{p}", "left": f"L{p}", "right": f"R{p}"} for p in "123"]
    question = {
        "id": "q",
        "type": "matching",
        "prompt": "?",
        "explanation": "",
        "objectives": ["obj-1"],
        "pairs": pairs,
    }
    result = grade(question, mapping)
    assert 0 <= result.earned <= result.possible
    assert grade(dict(question, pairs=pairs[::-1]), mapping).earned == result.earned


NUMERIC = {
    "id": "q",
    "type": "numeric",
    "prompt": "?",
    "explanation": "",
    "objectives": ["obj-1"],
    "answer": 15,
    "tolerance": 0.1,
    "unit": "%",
}


@settings(max_examples=500)
@given(
    st.one_of(
        st.text(max_size=50),
        st.floats(allow_nan=True),
        st.integers(),
        st.none(),
        st.booleans(),
        st.lists(st.integers(), max_size=2),
    )
)
def test_numeric_never_crashes_on_any_input(raw):
    try:
        result = grade(NUMERIC, raw)
    except ResponseError as error:
        assert str(error)
    else:
        assert result.earned in (0, 1)


@settings(max_examples=300)
@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_numeric_french_formatting_reads_back_the_same_number(value):
    text = f"{value:.2f}".replace(".", ",")
    question = dict(NUMERIC, answer=round(value, 2), tolerance=0.001)
    assert grade(question, text).correct


def _one_question_per_type():
    import json
    from pathlib import Path

    folder = Path(__file__).parent / "golden"
    return {
        p.name: json.loads(next(p.glob("*.json")).read_text())["question"]
        for p in sorted(folder.iterdir())
    }


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=8,
)


@settings(max_examples=400)
@given(st.sampled_from(sorted(_one_question_per_type().items())), json_values)
def test_any_response_to_any_type_is_graded_or_refused_with_a_message(item, raw):
    _, question = item
    try:
        result = grade(question, raw)
    except ResponseError as error:
        assert str(error)
    else:
        assert 0 <= result.earned <= result.possible
