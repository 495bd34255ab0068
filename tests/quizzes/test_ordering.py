"""Ordering questions: items have public ids that say nothing of the right order."""

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from lexom_learning.quizzes import (
    ResponseError,
    grade,
    parse_question,
    public_view,
    stored_response,
)
from lexom_learning.quizzes.ordering import ITEM_ID, answer_key, item_texts
from lexom_learning.quizzes.text_ids import normal
from tests.quizzes.strategies import texts

GOLDEN = Path(__file__).parent / "golden" / "ordering"


def golden_question(name: str = "right_order") -> dict:
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))["question"]


def ordering(texts, ids=None, **extra) -> dict:
    """An ordering question whose right order is ``texts``; ids numbered in that order."""
    ids = ids or [f"i{n}" for n in range(1, len(texts) + 1)]
    return {
        "id": "q",
        "type": "ordering",
        "prompt": "?",
        "explanation": "",
        "objectives": ["obj-1"],
        "items": [{"id": i, "text": t} for i, t in zip(ids, texts, strict=True)],
        **extra,
    }


def old_grade(question: dict, response: list[str]) -> float:
    """What the grading gave before public ids: author ids compared place by place."""
    ids = [item["id"] for item in question["items"]]
    in_place = sum(a == b for a, b in zip(response, ids, strict=True))
    if question.get("scoring") == "partial":
        return in_place / len(ids)
    return 1.0 if in_place == len(ids) else 0.0


def test_public_view_of_the_golden_question():
    # Pinned: a change here changes what learners, the API and stored answers see.
    assert public_view(golden_question())["items"] == [
        {"id": "o-4597c9cd", "text": "Indicateurs"},
        {"id": "o-c424f862", "text": "Maquette"},
        {"id": "o-336d169a", "text": "Objectifs"},
        {"id": "o-caf85b08", "text": "Sources"},
    ]


def test_items_are_shown_by_text_accents_and_case_aside():
    view = public_view(ordering(["zèbre", "Été", "abeille", "Eau", "étoile"]))
    assert [i["text"] for i in view["items"]] == ["abeille", "Eau", "Été", "étoile", "zèbre"]


def test_the_answer_key_is_the_full_marks_response():
    spec = parse_question(golden_question())
    key = answer_key(spec)
    assert key == ["o-336d169a", "o-4597c9cd", "o-caf85b08", "o-c424f862"]
    assert grade(spec, key).correct is True
    assert item_texts(spec) == {i["id"]: i["text"] for i in public_view(spec)["items"]}


@pytest.mark.parametrize("reserved", ["o-0123abcd", "o-deadbeef"])
def test_an_author_id_of_the_form_of_a_public_id_is_refused(reserved):
    with pytest.raises(ValidationError, match="reserved"):
        parse_question(ordering(["A", "B"], ids=[reserved, "b"]))


@pytest.mark.parametrize("twin", ["A", " A ", "A\n", "A\u00a0"])
def test_two_items_with_the_same_text_are_refused(twin):
    with pytest.raises(ValidationError, match="same text"):
        parse_question(ordering(["A", "B", twin]))


def test_texts_differing_in_case_or_accents_are_two_items():
    spec = parse_question(ordering(["Ete", "été", "Été"]))
    assert len({i["id"] for i in public_view(spec)["items"]}) == 3


def test_the_author_ids_are_refused_with_a_clear_message():
    question = golden_question()
    with pytest.raises(ResponseError, match="^Élément inconnu : a, b, c, d. Désignez") as raised:
        grade(question, ["a", "b", "c", "d"])
    assert "(o-…)" in str(raised.value)


def test_a_long_list_of_unknown_ids_is_cut_short_in_the_message():
    with pytest.raises(ResponseError) as raised:
        grade(golden_question(), [f"x{n}" for n in range(50)])
    assert "x4…." in str(raised.value) and "x5" not in str(raised.value)


@pytest.mark.parametrize("name", ["right_order", "partial_half"])
def test_a_stored_response_of_author_ids_grades_as_it_did(name):
    question = golden_question(name)
    spec = parse_question(question)
    ids = [item.id for item in spec.items]
    for order in itertools.permutations(ids):
        new = stored_response(spec, list(order))
        assert all(ITEM_ID.fullmatch(i) for i in new)
        assert [item_texts(spec)[i] for i in new] == [
            {item.id: item.text for item in spec.items}[i] for i in order
        ]
        assert grade(spec, new).earned == pytest.approx(old_grade(question, list(order)))


# What stored_response leaves alone: test_stored_response.py.


@st.composite
def orders(draw):
    """Distinct texts in a right order, and another order of the same texts."""
    count = draw(st.integers(2, 7))
    right = draw(st.lists(texts, min_size=count, max_size=count, unique_by=normal))
    return right, draw(st.permutations(right))


@settings(max_examples=200, deadline=None)
@given(orders(), st.sampled_from(["all_or_nothing", "partial"]))
def test_the_public_view_never_reveals_the_order(texts_in_orders, scoring):
    right, other = texts_in_orders
    # As authors write them: ids numbered in the right order, whatever that order is.
    first, second = ordering(right, scoring=scoring), ordering(other, scoring=scoring)
    view = public_view(first)
    # Any order of the same texts gives exactly the same view (ids and order included)...
    assert public_view(second) == view
    # ...whose ids are not the author ids and look alike for every item,
    shown = [item["id"] for item in view["items"]]
    assert all(ITEM_ID.fullmatch(i) for i in shown)
    assert not set(shown) & {item["id"] for item in first["items"]}
    # so it cannot tell the full-marks response of one order from the other's.
    key_first, key_second = answer_key(parse_question(first)), answer_key(parse_question(second))
    assert sorted(key_first) == sorted(key_second) == sorted(shown)
    assert grade(first, key_first).correct is True
    assert grade(second, key_second).correct is True
    assert grade(first, key_second).correct is (right == other)
