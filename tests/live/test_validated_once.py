"""A live answer is validated and graded once: its normalised response is what is kept and
shown, to the phone, the projector and the results (issue 14, point 1)."""

from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.storage import LiveAnswer


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
