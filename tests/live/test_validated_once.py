"""A live answer is validated and graded once: its normalised response is what is kept and
shown, to the phone, the projector and the results (issue 14, point 1)."""

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.live import feedback
from lexom_learning.quizzes import current, feedback_of, grade, judge, known_types, parse_question
from lexom_learning.storage import LiveAnswer
from tests.api.helpers import token_of
from tests.live.test_shortcut import _poll, without_shortcut

GOLDEN = [
    path
    for path in sorted((Path(__file__).parents[1] / "quizzes" / "golden").glob("*/*.json"))
    if "error" not in json.loads(path.read_text(encoding="utf-8"))["expected"]  # stored ones
]


def _open(api, room, count: int) -> int:
    """Start the first live set and open its question number ``count``."""
    lid = api.start(room)
    for number in range(1, count + 1):
        assert api.move(room, lid, "next").status_code == 200
        if number < count:
            assert api.move(room, lid, "close").status_code == 200
    return lid


def test_a_number_is_kept_as_a_number_and_shown_the_french_way(app, api, room, sign_in):
    lid = _open(api, room, 4)  # l1-q4: a numeric question in %
    assert api.answer(room.alice, lid, "l1-q4", "12,5 %").status_code == 200
    stored = db.session.scalars(select(LiveAnswer.response)).one()
    assert stored == 12.5  # normalised once, when it came in
    mine = api.get(f"/live-quizzes/{lid}", room.alice).get_json()["current"]["mine"]
    assert mine["response"] == 12.5 and mine["text"] == "12,5\u202f%"
    page = sign_in(app.test_client(), room.alice).get("/me/live").get_data(as_text=True)
    assert 'inputmode="decimal" value="12,5"' in page  # the phone offers it back as typed


def test_a_true_false_answer_is_kept_as_a_boolean_and_counted(app, api, room):
    lid = _open(api, room, 3)  # l1-q3: true or false, the answer is « Faux »
    assert api.answer(room.alice, lid, "l1-q3", "faux").status_code == 200
    assert api.answer(room.bob, lid, "l1-q3", "vrai").status_code == 200
    assert sorted(db.session.scalars(select(LiveAnswer.response)).all()) == [False, True]
    mine = api.get(f"/live-quizzes/{lid}", room.alice).get_json()["current"]["mine"]
    assert mine["text"] == "Faux" and mine["chosen"] == ["false"]
    assert api.move(room, lid, "close").status_code == 200
    results = api.get(f"/live-quizzes/{lid}/results", room.trainer).get_json()
    [question] = [q for q in results["questions"] if q["question_id"] == "l1-q3"]
    assert question["answered"] == 2 and question["correct"] == 1
    counts = [(c["id"], c["count"], c["correct"]) for c in question["counts"]]
    assert counts == [("true", 1, False), ("false", 1, True)]


@pytest.fixture
def grading(monkeypatch):
    """Count every grading of a response: each registered type's ``grade`` and the judge."""
    from lexom_learning.services import live_answers

    calls: list[str] = []
    registry = current()
    for name in known_types():
        kind = registry.get(name)

        def spied(spec, value, grade=kind.grade, name=name):
            calls.append(name)
            return grade(spec, value)

        monkeypatch.setattr(kind, "grade", spied)
    judged = live_answers.judge

    def spied_judge(spec, response):
        calls.append("judge")
        return judged(spec, response)

    monkeypatch.setattr(live_answers, "judge", spied_judge)
    return calls


def test_the_feedback_after_closing_is_read_from_the_stored_result(
    app, api, room, course, sign_in, grading
):
    lid = _open(api, room, 4)  # l1-q4: numeric, a known mistake (88) and a wrong-answer text
    spec = course.question("l1-q4")
    assert api.answer(room.alice, lid, "l1-q4", "88").status_code == 200
    assert api.answer(room.bob, lid, "l1-q4", "12").status_code == 200
    assert grading.count("judge") == 2  # once each, when it came in
    assert api.move(room, lid, "close").status_code == 200
    wrong = list(grade(spec, 88.0).feedback)
    assert len(wrong) == 3 and wrong[0].startswith("88 %")  # the mistake, the answer, the text
    grading.clear()
    client = app.test_client()
    shown = [
        _poll(client, token_of(who), lid, None).get_json()["current"]["result"]["feedback"]
        for who in (room.alice, room.bob)
    ]
    with without_shortcut(app):
        viewed = api.state(room.alice, lid).get_json()["current"]["result"]["feedback"]
    page = sign_in(app.test_client(), room.alice).get("/me/live").get_data(as_text=True)
    assert shown == [wrong, []] and viewed == wrong
    assert page.count('class="live-feedback"') == 3
    assert grading == []  # shown without grading again


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_feedback_of_a_stored_result_is_the_feedback_of_grading(path):
    """Every type gives back, from the stored value and ``correct``, the feedback it graded."""
    case = json.loads(path.read_text(encoding="utf-8"))
    value, result = judge(case["question"], case["response"])
    stored = json.loads(json.dumps(value))  # as the JSON column gives it back
    assert feedback_of(case["question"], stored, result.correct) == result.feedback
    spec = parse_question(case["question"])
    assert feedback(spec, stored, result.correct) == list(result.feedback)
