"""Matching questions: right items have ids of their own that say nothing of the pairing."""

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
from lexom_learning.quizzes.matching import RIGHT_ID, answer_key, right_texts
from tests.quizzes.strategies import texts

GOLDEN = Path(__file__).parent / "golden" / "matching"


def golden_question() -> dict:
    return json.loads((GOLDEN / "all_pairs.json").read_text(encoding="utf-8"))["question"]


def matching(pairs, **extra) -> dict:
    return {
        "id": "q",
        "type": "matching",
        "prompt": "?",
        "explanation": "",
        "objectives": ["obj-1"],
        "pairs": [{"id": i, "left": left, "right": right} for i, left, right in pairs],
        **extra,
    }


def test_public_view_of_the_golden_question():
    # Pinned: a change here changes what learners, the API and stored answers see.
    view = public_view(golden_question())
    assert view["left"] == [
        {"id": "p1", "text": "Taux de vitalité"},
        {"id": "p2", "text": "NPS"},
        {"id": "p3", "text": "CA"},
        {"id": "p4", "text": "Croissance"},
    ]
    assert view["right"] == [  # by text, accents and case aside: « Évolution » among the E
        {"id": "r-9cae538b", "text": "Créativité"},
        {"id": "r-699829e4", "text": "Évolution"},
        {"id": "r-89c616d5", "text": "Relationnel"},
        {"id": "r-f1ed9999", "text": "Résultat"},
    ]


def test_the_answer_key_is_the_full_marks_response():
    question = golden_question()
    key = answer_key(parse_question(question))
    assert key == {"p1": "r-9cae538b", "p2": "r-89c616d5", "p3": "r-f1ed9999", "p4": "r-699829e4"}
    assert grade(question, key).correct is True


def test_identical_right_texts_share_one_item():
    question = matching(
        [("a", "CA", "Financière"), ("b", "NPS", "Clients"), ("c", "Réachat", "Clients")]
    )
    view = public_view(question)
    assert [r["text"] for r in view["right"]] == ["Clients", "Financière"]
    assert grade(question, answer_key(parse_question(question))).correct is True


def test_right_texts_name_every_right_id():
    spec = parse_question(golden_question())
    assert right_texts(spec) == {r["id"]: r["text"] for r in public_view(spec)["right"]}
    assert set(right_texts(spec)) == set(answer_key(spec).values())


def test_a_pair_id_of_the_form_of_a_right_id_is_refused():
    with pytest.raises(ValidationError, match="reserved"):
        parse_question(matching([("r-0123abcd", "A", "X"), ("b", "B", "Y")]))


def test_the_old_response_form_is_refused():
    # The old ids were the answer itself ({pair id: pair id}): sent now, they are unknown.
    question = golden_question()
    with pytest.raises(ResponseError, match="Association inconnue pour p1 : p1"):
        grade(question, {p["id"]: p["id"] for p in question["pairs"]})


def test_a_stored_response_of_the_old_form_is_read_in_the_new_one():
    spec = parse_question(golden_question())
    old = {"p1": "p1", "p2": "p2", "p3": "p4", "p4": "p3"}
    new = stored_response(spec, old)
    assert new == {"p1": "r-9cae538b", "p2": "r-89c616d5", "p3": "r-699829e4", "p4": "r-f1ed9999"}
    assert grade(spec, new).earned == pytest.approx(0.5)  # what the old grading gave


# What stored_response leaves alone, and that other question types are not converted:
# test_stored_response.py.


@st.composite
def pairings(draw):
    """Lefts and distinct rights, and two pairings of them (a permutation of the rights)."""
    count = draw(st.integers(2, 6))
    lefts = draw(st.lists(texts, min_size=count, max_size=count))
    rights = draw(
        st.lists(texts, min_size=count, max_size=count, unique_by=lambda t: " ".join(t.split())),
    )
    shuffled = draw(st.permutations(rights))
    ids = [f"p{i}" for i in range(1, count + 1)]
    return (
        matching(list(zip(ids, lefts, rights, strict=True))),
        matching(list(zip(ids, lefts, shuffled, strict=True))),
    )


@settings(max_examples=200, deadline=None)
@given(pairings())
def test_the_public_view_never_reveals_the_pairing(questions):
    first, second = questions
    view = public_view(first)
    # Any re-pairing of the same texts gives exactly the same view (ids and order included)...
    assert public_view(second) == view
    # ...so the view cannot tell the full-marks response of one pairing from the other's,
    key_first, key_second = answer_key(parse_question(first)), answer_key(parse_question(second))
    assert grade(first, key_first).correct is True
    assert grade(second, key_second).correct is True
    # and no right id is a left id: the trivial {id: id} is not even a valid response.
    lefts = {item["id"] for item in view["left"]}
    rights = {item["id"] for item in view["right"]}
    assert not lefts & rights
    assert all(RIGHT_ID.fullmatch(r) for r in rights)
    assert rights == set(right_texts(parse_question(first)))
