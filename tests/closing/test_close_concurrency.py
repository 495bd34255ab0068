"""A close request sent many times at once: one runner issues, every caller gets the same
outcome (the session's attestations), numbers follow each other with no gap or duplicate."""

import json
import re
import threading

from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.services import attendance, closing
from lexom_learning.storage import Attestation, TrainingSession
from tests.api.helpers import token_of
from tests.conftest import at_once

PEOPLE = 35
CALLERS = 100


def _room(factories, course, size: int):
    trainer = factories.UserFactory(role="trainer")
    training = factories.SessionFactory(trainer=trainer, over=True)
    people = [factories.ParticipantFactory(session=training) for _ in range(size)]
    for person in people:
        attendance.record_paper(training, course, trainer, person.id, "d1-am", "Feuille papier")
    return training, trainer, people


def _sequences(numbers: list[str]) -> list[int]:
    return sorted(int(re.search(r"-(\d+)$", n).group(1)) for n in numbers)


def test_a_hundred_close_requests_at_once_get_one_outcome(app, factories, course):
    training, trainer, people = _room(factories, course, PEOPLE)
    token, path = token_of(trainer), f"/api/v1/sessions/{training.id}/close"
    barrier = threading.Barrier(CALLERS)

    def caller():
        client = app.test_client()
        barrier.wait(timeout=60)
        response = client.post(path, headers={"Authorization": f"Bearer {token}"})
        return response.status_code, response.get_data(as_text=True)

    answers, errors = at_once(caller, CALLERS)
    assert errors == []
    assert len(answers) == CALLERS
    assert {status for status, _ in answers} == {200}
    bodies = {body for _, body in answers}
    assert len(bodies) == 1, f"{len(bodies)} different outcomes"
    outcome = json.loads(bodies.pop())
    assert outcome["status"] == "closed" and outcome["not_eligible"] == 0
    assert sorted(a["participant_id"] for a in outcome["issued"]) == sorted(p.id for p in people)
    db.session.expire_all()
    numbers = db.session.scalars(select(Attestation.number)).all()
    assert len(numbers) == PEOPLE == len(set(numbers))
    assert _sequences(numbers) == list(range(1, PEOPLE + 1))
    assert db.session.get(TrainingSession, training.id).status == "closed"


def test_a_closing_session_is_finished_by_the_next_request(app, factories, course):
    """A process died after moving the session to closing: the next close finishes the job."""
    training, _trainer, people = _room(factories, course, 3)
    assert closing.begin(training)
    assert training.status == "closing" and db.session.scalars(select(Attestation)).all() == []
    first_date = training.closed_at
    outcome = closing.close(training, course)
    assert outcome.status == "closed" and len(outcome.issued) == 3
    assert outcome.closed_at == first_date  # the closing date is the first request's
    assert closing.close(training, course) == closing.outcome(training)


def test_the_close_steps_are_listed_in_one_place_and_each_can_run_again(app, factories, course):
    from tests.closing.conftest import stored

    assert [step.name for step in closing.CLOSE_STEPS] == [
        "finish_live_runs",
        "close_evaluation_windows",
        "close_roleplay_runs",
        "issue_attestations",
        "schedule_cold_evaluation",
        "mark_closed",
    ]
    training, _trainer, _people = _room(factories, course, 2)
    first = closing.close(training, course)
    before = (stored(), db.session.scalars(select(Attestation.number)).all())
    for step in closing.CLOSE_STEPS:  # a resumed closing runs them again: nothing twice
        step.run(training, course, first.closed_at)
    assert (stored(), db.session.scalars(select(Attestation.number)).all()) == before
    assert closing.outcome(training) == first
