"""Answers racing each other or the close: nothing lost, nothing counted twice, nothing counted
after the close (on SQLite and PostgreSQL alike)."""

import json
import threading

from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.services import live, live_answers
from lexom_learning.services.errors import Conflict
from lexom_learning.storage import Answer, LiveAnswer, LiveRun
from tests.api.helpers import token_of


def _rows(lid):
    query = select(LiveAnswer.participant_id, LiveAnswer.seq, LiveAnswer.response)
    return db.session.execute(query.where(LiveAnswer.run_id == lid).order_by(LiveAnswer.id)).all()


def test_an_answer_that_arrives_after_the_close_is_refused_even_if_the_run_looked_open(
    api, room, course, live_set
):
    qid = live_set.questions[0].id
    lid = api.start(room)
    api.move(room, lid, "next")
    run = db.session.get(LiveRun, lid)
    assert run.status == "open"
    api.move(room, lid, "close")  # another worker closes it; this session still holds "open"
    assert run.status == "open"
    try:
        live.submit_answer(run, room.alice.id, course, qid, "a")
    except Conflict as error:
        assert "fermée" in error.message
    else:
        raise AssertionError("an answer after the close was taken")
    assert _rows(lid) == []


def test_two_submissions_that_compute_the_same_change_number_queue_up(
    api, room, course, live_set, monkeypatch
):
    qid = live_set.questions[0].id
    lid = api.start(room)
    api.move(room, lid, "next")
    api.answer(room.alice, lid, qid, "a")
    real = live_answers._insert_if_new
    calls = []

    def collide_once(run_id, participant_id, question_id, *args):
        calls.append(question_id)
        if len(calls) > 1:
            return real(run_id, participant_id, question_id, *args)
        # As if another request had taken change number 1 at the same moment.
        taken = {c.name: None for c in live_answers.ANSWERS.c if c.name != "id"}
        taken.update(run_id=run_id, participant_id=participant_id, question_id=question_id)
        taken.update(seq=1, response="c", body_hash="x", earned=0, possible=1, correct=False)
        taken["created_at"] = live_answers.utcnow()
        table = live_answers.ANSWERS
        return live_answers.insert(table).values(taken).returning(table.c.seq), {}

    monkeypatch.setattr(live_answers, "_insert_if_new", collide_once)
    receipt = live.submit_answer(db.session.get(LiveRun, lid), room.alice.id, course, qid, "b")
    assert (receipt.changes, receipt.repeated, len(calls)) == (2, False, 2)
    assert [(r.seq, r.response) for r in _rows(lid)] == [(1, "a"), (2, "b")]


def _hammer(app, tokens, lid, qid, choices, rounds, acknowledged, errors, stop=None):
    """Send answers from several participants at once, as several phones would."""

    def phone(token):
        client = app.test_client()
        for n in range(rounds):
            if stop is not None and stop.is_set() and n > 0:
                return
            body = {"response": choices[n % len(choices)]}
            response = client.put(
                f"/api/v1/live-quizzes/{lid}/answers/{qid}",
                data=json.dumps(body),
                content_type="application/json",
                headers={"Authorization": f"Bearer {token}"},
            )
            if response.status_code == 200:
                acknowledged.append((token, response.get_json()))
            elif response.status_code != 409:
                errors.append((response.status_code, response.get_data(as_text=True)))

    threads = [threading.Thread(target=phone, args=(t,)) for t in tokens]
    for thread in threads:
        thread.start()
    return threads


def test_concurrent_phones_every_acknowledged_answer_is_stored_once(
    app, api, room, live_set, factories
):
    qid = live_set.questions[0].id
    people = room.participants + [
        factories.ParticipantFactory(session=room.session) for _ in range(5)
    ]
    tokens = [token_of(p) for p in people]
    lid = api.start(room)
    api.move(room, lid, "next")
    acknowledged, errors = [], []
    for thread in _hammer(app, tokens, lid, qid, ["a", "b", "b", "c"], 6, acknowledged, errors):
        thread.join(timeout=60)
    assert errors == []
    stored = _rows(lid)
    new = [a for a in acknowledged if not a[1]["repeated"]]
    assert len(stored) == len(new) == len(people) * 5  # "b" twice in a row is a retry
    for person in people:
        seqs = [r.seq for r in stored if r.participant_id == person.id]
        assert seqs == list(range(1, 6))


def test_answers_racing_the_close_are_either_counted_or_refused(
    app, api, room, live_set, factories
):
    qid = live_set.questions[0].id
    people = room.participants + [
        factories.ParticipantFactory(session=room.session) for _ in range(5)
    ]
    tokens = [token_of(p) for p in people]
    lid = api.start(room)
    api.move(room, lid, "next")
    acknowledged, errors = [], []
    stop = threading.Event()
    threads = _hammer(app, tokens, lid, qid, ["a", "b", "c", "d"], 40, acknowledged, errors, stop)
    while not acknowledged:
        threading.Event().wait(0.005)
    assert api.move(room, lid, "close").status_code == 200
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    stored = _rows(lid)
    assert len(stored) == len([a for a in acknowledged if not a[1]["repeated"]])
    last = {}
    for row in stored:
        last[row.participant_id] = row.response
    counted = dict(
        db.session.execute(
            select(Answer.participant_id, Answer.response).where(Answer.context_id == str(lid))
        ).all()
    )
    assert counted == last  # nothing was stored after the close copied the last answers
