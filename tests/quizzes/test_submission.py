"""Grading a whole submission: golden cases (questions, blank rules, responses, expected results
and errors), then the rules one by one."""

import json
from pathlib import Path

import pytest

from lexom_learning.quizzes import Blank, Graded, grade_all, is_blank, parse_question
from lexom_learning.quizzes import submission as submission_module

CASES = sorted((Path(__file__).parent / "submissions").glob("*.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _questions(case: dict) -> list:
    return [(parse_question(q["question"]), Blank(q["blank"])) for q in case["questions"]]


def test_the_golden_cases_cover_the_rules():
    names = {p.stem for p in CASES}
    assert {"all_correct", "missing_answer", "malformed_answer", "ungraded_likert"} <= names
    used = {q["blank"] for p in CASES for q in _load(p)["questions"]}
    assert used == {b.value for b in Blank}


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_golden_submission(path: Path):
    case = _load(path)
    graded = grade_all(_questions(case), case["responses"])
    expected = case["expected"]
    assert graded.errors == expected["errors"]
    assert list(graded.results) == list(expected["results"])  # in the order of the questions
    for question_id, want in expected["results"].items():
        got = graded.results[question_id]
        assert got.response == want["response"]
        assert got.result.earned == pytest.approx(want["earned"])
        assert got.result.possible == want["possible"]
        assert got.result.correct is want["correct"]
        assert list(got.result.feedback) == want["feedback"]
    assert graded.earned == pytest.approx(sum(r["earned"] for r in expected["results"].values()))
    assert graded.possible == sum(r["possible"] for r in expected["results"].values())


def _case(name: str) -> dict:
    return _load(next(p for p in CASES if p.stem == name))


def test_the_two_messages_it_writes_go_through_the_given_gettext():
    case = _case("missing_answer")
    graded = grade_all(_questions(case), case["responses"], lambda m: f"<{m}>")
    assert graded.errors["q-sc"] == "<Répondez à cette question.>"


def test_a_value_the_core_cannot_read_is_an_error_not_an_exception(monkeypatch):
    def unreadable(question, response):
        raise TypeError("unhashable")

    monkeypatch.setattr(submission_module, "grade", unreadable)
    case = _case("all_correct")
    graded = grade_all(_questions(case), case["responses"])
    assert graded.results == {}
    assert set(graded.errors.values()) == {"Réponse illisible."}


def test_a_blank_graded_item_under_zero_earns_nothing_of_its_points():
    case = _case("blank_knowledge_items_earn_zero")
    questions = _questions(case)
    graded = grade_all(questions, {})
    numeric = next(q for q, _ in questions if q.id == "q-num")
    assert graded.results["q-num"] == Graded(None, graded.results["q-num"].result)
    assert (graded.earned, graded.possible) == (0.0, 1.0 + numeric.points)
    assert "q-lik" not in graded.results  # a rating earns no point: nothing to count


@pytest.mark.parametrize("value", [None, "", [], {}])
def test_blank_values(value):
    assert is_blank(value)


@pytest.mark.parametrize("value", [0, False, "0", " ", ["a"], {"p1": "p2"}])
def test_answers_that_are_not_blank(value):
    assert not is_blank(value)


def test_grading_is_pure_and_keeps_the_responses_untouched():
    case = _case("ungraded_likert")
    responses = json.loads(json.dumps(case["responses"]))
    first = grade_all(_questions(case), responses)
    assert responses == case["responses"]
    assert grade_all(_questions(case), responses) == first
