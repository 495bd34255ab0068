"""Closing follows time: not before the last half-day ends, interrupted with a reason, every
awaiting signature decided; documents dated after the last half-day held. Each refusal
leaves the session, the signatures and the attestations as they were."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from lexom_learning.clock import PARIS
from lexom_learning.extensions import db
from lexom_learning.services import attendance, attestations
from lexom_learning.services.errors import Conflict
from lexom_learning.storage import AttendanceSignature, Attestation, TrainingSession
from tests.api.helpers import assert_error
from tests.attestations.conftest import attend
from tests.attestations.test_documents import text_of
from tests.conftest import csrf_token_from

DAY1, DAY2 = date(2027, 6, 14), date(2027, 6, 15)
SECOND = timedelta(seconds=1)
LAST_END = datetime(2027, 6, 15, 17, tzinfo=PARIS)


def paris(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=PARIS)


@pytest.fixture
def june(world, course):
    """My session on 14-15 June 2027; the first participant signed d1-am on the phone, the
    second has a paper signature on d1-am."""
    world.session.starts_on, world.session.ends_on = DAY1, DAY2
    db.session.commit()
    with time_machine.travel(paris(DAY1, 9, 30), tick=False):
        attendance.sign(world.participant, course, "d1-am", "Hélène")
        attendance.record_paper(
            world.session, course, world.trainer, world.second.id, "d1-am", "Oubli"
        )
    return world


def state() -> tuple:
    """What a refused close must leave unchanged."""
    training = db.session.scalar(select(TrainingSession).order_by(TrainingSession.id))
    db.session.refresh(training)
    return (
        training.status,
        training.closed_at,
        training.interrupted_at,
        db.session.scalar(select(func.count()).select_from(AttendanceSignature)),
        db.session.scalar(select(func.count()).select_from(Attestation)),
    )


def close(api, world, at: datetime, body=None):
    with time_machine.travel(at, tick=False):
        return api.post(f"/sessions/{world.session.id}/close", world.trainer, body)


def test_closing_is_refused_before_the_last_half_day_ends(api, june, course):
    before = state()
    for at in (paris(DAY1, 10), paris(DAY2, 9), LAST_END - SECOND):
        error = assert_error(close(api, june, at), 409)
        assert error["message"] == (
            "La session ne peut pas être clôturée avant la fin de sa dernière demi-journée, "
            "le 15/06/2027 17:00 (heure de Paris). Si elle s'est arrêtée plus tôt, "
            "clôturez-la comme interrompue, avec le motif."
        )
        assert state() == before
    decisions = [{"participant_id": june.participant.id, "slot": "d1-am", "action": "countersign"}]
    closed = close(api, june, LAST_END, {"decisions": decisions})
    assert closed.status_code == 200, closed.get_json()
    assert closed.get_json()["status"] == "closed" and len(closed.get_json()["issued"]) == 2


def test_undecided_signatures_are_listed_and_refuse_the_close(api, june, course):
    before = state()
    error = assert_error(close(api, june, LAST_END + SECOND), 409, "decisions")
    assert error["message"].startswith("1 signature(s) attendent encore votre contreseing")
    assert error["pending"] == [
        {
            "participant_id": june.participant.id,
            "name": june.participant.name,
            "slot": "d1-am",
            "label": "Jour 1 — matin",
        }
    ]
    assert state() == before
    absent = {"participant_id": june.participant.id, "slot": "d1-am", "action": "absent"}
    no_reason = assert_error(close(api, june, LAST_END, {"decisions": [absent]}), 422, "reason")
    assert no_reason["message"] == "Indiquez le motif de l'absence."
    wrong = {**absent, "participant_id": june.second.id, "reason": "x"}
    not_pending = assert_error(close(api, june, LAST_END, {"decisions": [wrong]}), 409)
    assert "Aucune signature de Zoé Œuvray" in not_pending["message"]
    assert state() == before

    done = close(api, june, LAST_END, {"decisions": [{**absent, "reason": "Parti à 9 h 10"}]})
    assert done.status_code == 200, done.get_json()
    issued = done.get_json()["issued"]
    assert [a["participant_id"] for a in issued] == [june.second.id]
    states = attendance.states_for(june.session, course)[june.participant.id]
    assert states[0].status == "absent" and not states[0].attended
    row = db.session.scalar(select(AttendanceSignature).where(AttendanceSignature.kind == "absent"))
    assert (row.reason, row.actor) == ("Parti à 9 h 10", june.trainer.get_id())


def test_an_interrupted_session_states_the_hours_held_and_why(api, june, course):
    before = state()
    interrupted = {"interrupted": True, "reason": ""}
    error = assert_error(close(api, june, paris(DAY1, 15), interrupted), 422, "reason")
    assert error["message"] == "Indiquez le motif de l'interruption."
    early = close(api, june, paris(DAY1, 8, 59, 59), {**interrupted, "reason": "Grève"})
    assert "La session n'a pas commencé" in assert_error(early, 409)["message"]
    assert state() == before

    # Stopped at 15:00 on day 1: d1-am and d1-pm took place, day 2 did not.
    body = {
        "interrupted": True,
        "reason": "Alerte incendie, bâtiment évacué",
        "decisions": [
            {"participant_id": june.participant.id, "slot": "d1-am", "action": "countersign"}
        ],
    }
    done = close(api, june, paris(DAY1, 15), body)
    assert done.status_code == 200, done.get_json()
    session = api.get(f"/sessions/{june.session.id}", june.trainer).get_json()
    assert session["interruption"]["reason"] == "Alerte incendie, bâtiment évacué"
    attestation = attestations.for_participant(june.participant)[0]
    snapshot = attestation.snapshot
    assert snapshot["session"]["interruption"] == {
        "date": "2027-06-14",
        "reason": "Alerte incendie, bâtiment évacué",
    }
    assert [h["held"] for h in snapshot["attendance"]["half_days"]] == [True, True, False, False]
    assert snapshot["attendance"]["hours_held"] == 7.0
    assert snapshot["attendance"]["hours_attended"] == 3.5
    # documents are dated on or after the end of the last half-day held (14 June, 17:00)
    assert snapshot["issue_date"] == "2027-06-14"
    assert snapshot["issue_date"] >= "2027-06-14"
    assert "Formation interrompue le 14 juin 2027 : Alerte incendie, bâtiment évacué (7 h" in (
        text_of(attestation.pdf)
    )
    certificate = text_of(attestation.certificate_pdf)
    assert "Formation interrompue le 14 juin 2027" in certificate and "non tenue" in certificate

    # a half-day that did not take place takes no signature, even later
    db.session.expire_all()
    refused = pytest.raises(Conflict, match="interrompue avant cette demi-journée")
    with time_machine.travel(paris(DAY2, 10), tick=False), refused:
        attendance.record_paper(
            june.session, course, june.trainer, june.second.id, "d2-am", "Rattrapage"
        )


def test_interrupted_with_the_last_half_day_held(api, june, course):
    body = {
        "interrupted": True,
        "reason": "Formateur malade",
        "last_half_day": "d1-am",
        "decisions": [
            {"participant_id": june.participant.id, "slot": "d1-am", "action": "countersign"}
        ],
    }
    before = state()
    ahead = close(api, june, paris(DAY1, 12), {**body, "last_half_day": "d2-am"})
    assert "n'a pas commencé" in assert_error(ahead, 409, "last_half_day")["message"]
    assert state() == before
    done = close(api, june, paris(DAY2 + timedelta(days=10), 11), body)
    assert done.status_code == 200, done.get_json()
    snapshot = attestations.for_participant(june.participant)[0].snapshot
    assert [h["held"] for h in snapshot["attendance"]["half_days"]] == [True, False, False, False]
    assert snapshot["session"]["interruption"]["date"] == "2027-06-14"
    assert snapshot["issue_date"] == "2027-06-25"


def test_the_close_page_lists_the_choices_and_refuses_early(client, june, course, sign_in):
    url = f"/trainer/sessions/{june.session.id}/close"
    with time_machine.travel(paris(DAY1, 16), tick=False):
        sign_in(client, june.trainer)
        page = client.get(url).get_data(as_text=True)
        assert (
            "Hélène Lefèvre-Ngô" in page and f'name="decision-{june.participant.id}-d1-am"' in page
        )
        assert "15/06/2027 17:00" in page
        before = state()
        refused = client.post(url, data={"csrf_token": csrf_token_from(page)})
        assert refused.status_code == 409
        assert "avant la fin de sa dernière demi-journée" in refused.get_data(as_text=True)
        assert state() == before
    with time_machine.travel(LAST_END, tick=False):
        sign_in(client, june.trainer)
        token = csrf_token_from(client.get(url).get_data(as_text=True))
        undecided = client.post(url, data={"csrf_token": token})
        assert undecided.status_code == 409
        assert "attendent encore votre contreseing" in undecided.get_data(as_text=True)
        assert state() == before
        done = client.post(
            url,
            data={
                "csrf_token": token,
                f"decision-{june.participant.id}-d1-am": "absent",
                f"reason-{june.participant.id}-d1-am": "Pas vu en salle",
            },
            follow_redirects=True,
        )
    assert "Session clôturée. 1 attestation(s) émise(s)" in done.get_data(as_text=True)


def test_the_close_page_closes_an_interrupted_session(client, june, course, sign_in):
    url = f"/trainer/sessions/{june.session.id}/close"
    with time_machine.travel(paris(DAY1, 11), tick=False):
        sign_in(client, june.trainer)
        token = csrf_token_from(client.get(url).get_data(as_text=True))
        decision = {f"decision-{june.participant.id}-d1-am": "countersign"}
        no_reason = client.post(url, data={"csrf_token": token, "interrupted": "y", **decision})
        assert no_reason.status_code == 422
        assert "Indiquez le motif de l'interruption." in no_reason.get_data(as_text=True)
        done = client.post(
            url,
            data={"csrf_token": token, "interrupted": "y", "reason": "Panne", **decision},
            follow_redirects=True,
        )
    assert "Session clôturée. 2 attestation(s) émise(s)" in done.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(TrainingSession, june.session.id).interruption_reason == "Panne"


def test_the_reported_case_a_june_session_on_7_december(api, world, course):
    """Four paper signatures and a close on 7 December for a session of 14-15 June 2027."""
    world.session.starts_on, world.session.ends_on = DAY1, DAY2
    db.session.commit()
    base = f"/sessions/{world.session.id}/attendance"
    with time_machine.travel(datetime(2026, 12, 7, 10, tzinfo=PARIS), tick=False):
        for slot in ("d1-am", "d1-pm", "d2-am", "d2-pm"):
            paper = {"participant_id": world.participant.id, "slot": slot, "method": "paper"}
            refused = api.post(base, world.trainer, {**paper, "reason": "Oubli"})
            assert "n'a pas encore commencé" in assert_error(refused, 409, "slot")["message"]
        assert_error(api.post(f"/sessions/{world.session.id}/close", world.trainer), 409)
    assert state()[0] == "planned" and state()[3:] == (0, 0)


def test_attend_helper_still_works_on_a_session_over(world, course):
    """The fixtures' sessions are over: trainers may record, the session may close."""
    attend(world.session, course, world.participant, "d2-pm", paper=True)
    report = attestations.close_and_issue(world.session, course)
    assert len(report.issued) == 1


def test_absent_through_the_api_then_the_records_show_it(api, june, course, sign_in, client):
    base = f"/sessions/{june.session.id}/attendance"
    absent = {"participant_id": june.participant.id, "slot": "d1-am", "method": "absent"}
    with time_machine.travel(paris(DAY1, 12), tick=False):
        before = state()
        assert_error(api.post(base, june.trainer, absent), 422, "reason")
        assert state() == before
        marked = api.post(base, june.trainer, {**absent, "reason": "Pas en salle"})
        assert marked.status_code == 201 and marked.get_json()["kind"] == "absent"
        countersign = {**absent, "method": "countersign"}
        refused = assert_error(api.post(base, june.trainer, countersign), 409, "slot")
        assert "absent(e)" in refused["message"]
    closed = close(api, june, LAST_END)
    assert closed.status_code == 200, closed.get_json()
    register = api.get(f"/sessions/{june.session.id}/attestations", june.compliance).get_json()
    assert [a["participant_id"] for a in register] == [june.second.id]
    with time_machine.travel(LAST_END + timedelta(hours=1), tick=False):
        sign_in(client, june.compliance)
        page = client.get(f"/compliance/sessions/{june.session.id}").get_data(as_text=True)
    assert "Absent (signature refusée)" in page
