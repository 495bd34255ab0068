"""Positioning and hot evaluations: opening, one graded submission each, results, rates."""

import pytest

from lexom_learning.services import evaluations
from lexom_learning.services.errors import Conflict, Invalid, NotFound
from lexom_learning.storage import Answer, CompletionEvent, EvaluationSubmission
from lexom_learning.storage.guards import AppendOnlyError
from lexom_learning.web.evaluations.results import participant_results
from tests.evaluations.helpers import NOW, knowing_nothing, knowledge_answers, make_room


@pytest.fixture
def room(factories):
    return make_room(factories, 4)


def test_a_room_evaluation_must_be_open(app, course, room):
    person = room.people[0]
    with pytest.raises(Conflict, match="pas ouverte"):
        evaluations.submit(
            person, course, "positioning", knowing_nothing(course.evaluations["positioning"])
        )
    evaluations.set_open(room.session, course, "positioning", room.trainer, True, NOW)
    assert evaluations.is_open(room.session.id, "positioning")
    evaluations.set_open(room.session, course, "positioning", room.trainer, False, NOW)
    with pytest.raises(Conflict):
        evaluations.submit(
            person, course, "positioning", knowing_nothing(course.evaluations["positioning"])
        )


def test_knowledge_items_are_graded_and_stored_once(app, course, room):
    from lexom_learning.extensions import db

    evaluations.set_open(room.session, course, "positioning", room.trainer, True, NOW)
    person = room.people[0]
    evaluation = course.evaluations["positioning"]
    answers = knowledge_answers(evaluation, {"obj-1": True})
    record = evaluations.submit(person, course, "positioning", answers, now=NOW)
    assert record.possible == sum(q.points for q in evaluation.knowledge_questions)
    right = sum(q.points for q in evaluation.knowledge_questions if q.objectives[0] == "obj-1")
    assert record.earned == right
    stored = db.session.query(Answer).filter_by(participant_id=person.id).all()
    assert {a.context for a in stored} == {"evaluation"}
    assert {a.context_id for a in stored} == {evaluation.id}
    assert len(stored) == len(evaluation.knowledge_questions)  # nothing else answered
    with pytest.raises(Conflict, match="déjà répondu"):
        evaluations.submit(person, course, "positioning", answers)
    verbs = [e.verb for e in db.session.query(CompletionEvent).all()]
    assert verbs.count("evaluation_submitted") == 1 and "evaluation_opened" in verbs


def test_a_blank_knowledge_item_counts_as_not_known(app, course, room):
    evaluations.set_open(room.session, course, "positioning", room.trainer, True, NOW)
    record = evaluations.submit(
        room.people[0], course, "positioning", knowing_nothing(course.evaluations["positioning"])
    )
    assert record.earned == 0 and record.possible > 0


def test_malformed_answers_store_nothing(app, course, room):
    from lexom_learning.extensions import db

    evaluations.set_open(room.session, course, "hot", room.trainer, True, NOW)
    question = course.evaluations["hot"].knowledge_questions[0]
    with pytest.raises(evaluations.EvaluationInvalid) as error:
        evaluations.submit(room.people[0], course, "hot", {question.id: {"x": 1}, "sat-q1": 9})
    assert set(error.value.errors) == {question.id, "sat-q1"}
    with pytest.raises(Invalid, match="inconnue"):
        evaluations.submit(room.people[0], course, "hot", {"nope": 1})
    with pytest.raises(Invalid):
        evaluations.submit(room.people[0], course, "hot", ["not", "a", "dict"])
    assert db.session.query(EvaluationSubmission).count() == 0
    assert db.session.query(Answer).count() == 0


def test_submissions_are_append_only(app, course, room):
    from lexom_learning.extensions import db

    evaluations.set_open(room.session, course, "positioning", room.trainer, True, NOW)
    record = evaluations.submit(
        room.people[0], course, "positioning", knowing_nothing(course.evaluations["positioning"])
    )
    record.earned = 99
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()


def test_cold_cannot_be_opened_in_the_room(app, course, room):
    with pytest.raises(NotFound):
        evaluations.set_open(room.session, course, "cold", room.trainer, True)


def test_response_counts(app, course, room):
    evaluations.set_open(room.session, course, "hot", room.trainer, True, NOW)
    for person in room.people[:3]:
        evaluations.submit(person, course, "hot", knowing_nothing(course.evaluations["hot"]))
    assert evaluations.count_submissions(room.session.id, "hot") == 3
    assert evaluations.count_submissions(room.session.id, "positioning") == 0


def test_results_hide_positioning_answers_and_show_hot_ones_with_the_gain(app, course, room):
    person = room.people[0]
    for kind in ("positioning", "hot"):
        evaluations.set_open(room.session, course, kind, room.trainer, True, NOW)
    evaluations.submit(
        person, course, "positioning", knowing_nothing(course.evaluations["positioning"])
    )  # knows nothing at first
    before = participant_results(person, course, "positioning")
    assert not before.revealed and all(o.explanation == "" for o in before.outcomes)
    assert all(o.feedback == () for o in before.outcomes)
    evaluations.submit(person, course, "hot", knowledge_answers(course.evaluations["hot"]))
    after = participant_results(person, course, "hot")
    assert after.revealed and all(o.explanation for o in after.outcomes)
    assert [line.percent for line in after.objectives] == [100.0, 100.0, 100.0]
    assert [line.gain for line in after.objectives] == [1.0, 1.0, 1.0]
    assert participant_results(room.people[1], course, "hot") is None


@pytest.mark.parametrize("blank", [{}, {"pos-q1": None}, {"pos-q1": "", "pos-q2": []}])
def test_an_empty_form_does_not_use_up_the_one_submission(app, course, room, blank):
    evaluations.set_open(room.session, course, "positioning", room.trainer, True, NOW)
    person = room.people[0]
    with pytest.raises(Invalid, match="aucune question"):
        evaluations.submit(person, course, "positioning", blank, now=NOW)
    assert evaluations.submission(person.id, "positioning") is None
    answers = knowledge_answers(course.evaluations["positioning"])
    assert evaluations.submit(person, course, "positioning", answers, now=NOW).earned > 0


def test_an_empty_form_in_the_browser_says_so_and_keeps_the_form(app, course, room, sign_in):
    from tests.conftest import csrf_token_from

    evaluations.set_open(room.session, course, "positioning", room.trainer, True, NOW)
    phone = sign_in(app.test_client(), room.people[0])
    page = phone.get("/me/evaluations/positioning")
    token = csrf_token_from(page.get_data(as_text=True).split('action="/me/evaluations')[1])
    sent = phone.post("/me/evaluations/positioning", data={"csrf_token": token})
    assert sent.status_code == 422
    assert "aucune question" in sent.get_data(as_text=True)
    assert phone.get("/me/evaluations/positioning").status_code == 200  # still to answer
