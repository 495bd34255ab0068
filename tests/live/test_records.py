"""Counted live answers are append-only records tied to the question's objectives, and feed
per-objective attainment."""

import pytest
from sqlalchemy import select

from lexom_learning.attainment import attainment
from lexom_learning.extensions import db
from lexom_learning.services import evidence as evidence_sources
from lexom_learning.storage import Answer, LiveAnswer
from lexom_learning.storage.guards import APPEND_ONLY, AppendOnlyError


def test_closing_records_each_last_answer_with_its_objectives(api, room, course, live_set):
    spec = live_set.questions[0]
    lid = api.start(room)
    api.move(room, lid, "next")
    api.answer(room.alice, lid, spec.id, "b")
    api.answer(room.alice, lid, spec.id, "a")
    api.answer(room.bob, lid, spec.id, "b")
    api.move(room, lid, "close")
    rows = db.session.scalars(select(Answer).order_by(Answer.participant_id)).all()
    assert [(r.participant_id, r.response, r.correct) for r in rows] == [
        (room.alice.id, "a", True),
        (room.bob.id, "b", False),
    ]
    for row in rows:
        assert (row.context, row.context_id, row.question_id) == ("live", str(lid), spec.id)
        assert row.objectives == list(spec.objectives)
        assert row.content_version == course.version
        assert row.session_id == room.session.id and row.attempt_id is None
        assert row.possible == spec.points


def test_live_evidence_feeds_attainment(api, room, course, live_set):
    q1, q2 = live_set.questions[0], live_set.questions[1]
    lid = api.start(room)
    for spec, response in ((q1, "a"), (q2, "b")):
        api.move(room, lid, "next")
        api.answer(room.alice, lid, spec.id, response)
        api.move(room, lid, "close")
    people = [room.alice.id, room.bob.id]
    evidence = evidence_sources.live_quizzes(db.session, people)
    assert evidence[room.bob.id] == []
    assert [(e.objectives, e.earned, e.possible, e.source) for e in evidence[room.alice.id]] == [
        (tuple(q1.objectives), 1.0, 1.0, "live"),
        (tuple(q2.objectives), 0.0, 1.0, "live"),
    ]
    gathered = evidence_sources.gather(db.session, people)  # every source of SOURCES
    assert [e for e in gathered[room.alice.id] if e.source == "live"] == evidence[room.alice.id]
    result = attainment(evidence[room.alice.id], course.objective_ids)
    objective = q1.objectives[0]
    assert result[objective].items >= 1 and result[objective].possible >= 1
    assert evidence_sources.live_quizzes(db.session, []) == {}


def test_live_answers_are_append_only(api, room, live_set):
    assert LiveAnswer in APPEND_ONLY
    lid = api.start(room)
    api.move(room, lid, "next")
    api.answer(room.alice, lid, live_set.questions[0].id, "a")
    stored = db.session.scalar(select(LiveAnswer))
    stored.response = "b"
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalar(select(LiveAnswer)))
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
