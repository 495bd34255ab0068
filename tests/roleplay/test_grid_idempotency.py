"""A grid sent twice (a double tap, a retry after a lost response) records one grading: the form
carries an idempotency key, the API takes the Idempotency-Key header."""

import re
import threading

from sqlalchemy import func, select

from lexom_learning.extensions import db
from lexom_learning.services import roleplay
from lexom_learning.storage import Participant, RolePlayGrading
from tests.api.helpers import Api, assert_error
from tests.conftest import at_once
from tests.roleplay import test_roleplay_service as service_tests
from tests.roleplay.test_roleplay_service import full, observer_and_performer

room, run = service_tests.room, service_tests.run  # the same fixtures


def gradings() -> int:
    return db.session.scalar(select(func.count()).select_from(RolePlayGrading))


def test_the_api_records_a_resent_grid_once(client, course, room, run):
    observer, _ = observer_and_performer(run, course, room)
    api = Api(client)
    body = {"scores": full(course, 3), "comment": "Clair."}
    key = {"Idempotency-Key": "grid-1"}
    first = api.post(f"/roleplays/{run.id}/grids", observer, body, headers=key)
    again = api.post(f"/roleplays/{run.id}/grids", observer, body, headers=key)
    assert first.status_code == again.status_code == 201
    assert first.get_json() == again.get_json()
    assert gradings() == 1
    bad = api.post(f"/roleplays/{run.id}/grids", observer, body, headers={"Idempotency-Key": "a b"})
    assert_error(bad, 422, "Idempotency-Key")
    correction = api.post(f"/roleplays/{run.id}/grids", observer, body)
    assert correction.status_code == 201 and gradings() == 2  # no key: a correction, as before


def test_the_form_carries_a_key_and_a_resent_form_records_once(
    client,
    course,
    room,
    run,
    sign_in,
):
    observer, _ = observer_and_performer(run, course, room)
    sign_in(client, observer)
    html = client.get(f"/me/roleplays/{run.id}").get_data(as_text=True)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', html).group(1)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    form = {f"c.{k}": str(v) for k, v in full(course, 2).items()}
    form |= {"csrf_token": token, "idempotency_key": key}
    first = client.post(f"/me/roleplays/{run.id}/grid", data=form)
    again = client.post(f"/me/roleplays/{run.id}/grid", data=form)
    assert first.status_code == again.status_code == 303
    assert gradings() == 1
    fresh = client.get(f"/me/roleplays/{run.id}").get_data(as_text=True)
    assert key not in fresh  # the next form is a new submission


def test_two_identical_grids_at_the_same_moment_record_one(
    app,
    course,
    room,
    run,
    monkeypatch,
):
    observer, _ = observer_and_performer(run, course, room)
    both_looked = threading.Barrier(2, timeout=10)
    first_looks = threading.Semaphore(2)
    real_lookup = roleplay.grading_with_key

    def look_then_wait(person, key):
        found = real_lookup(person, key)
        if first_looks.acquire(blocking=False):
            both_looked.wait()  # neither inserts before both saw no grid with that key
        return found

    monkeypatch.setattr(roleplay, "grading_with_key", look_then_wait)
    observer_id, run_id, scores = observer.id, run.id, full(course, 4)

    def request():
        with app.app_context():
            person = db.session.get(Participant, observer_id)
            found = roleplay.get_run(run_id)
            return roleplay.submit_grid(found, course, person, scores, idempotency_key="k").id

    results, failures = at_once(request)
    assert failures == []
    assert len(results) == 2 and results[0] == results[1]
    db.session.expire_all()
    assert gradings() == 1
