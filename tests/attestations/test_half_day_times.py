"""Half-days have real times (Europe/Paris): who may sign when, on both sides of every
boundary and across both changes of hour; a session's own schedule."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from lexom_learning.attestations.schedule import (
    PARIS,
    build_schedule,
    default_times,
    document_date,
    held,
)
from lexom_learning.extensions import db
from lexom_learning.modules.schema import HalfDay
from lexom_learning.services import attendance, schedule, sessions
from lexom_learning.services.errors import Conflict, Invalid
from lexom_learning.storage import AttendanceSignature
from tests.api.helpers import assert_error
from tests.conftest import csrf_token_from

SECOND = timedelta(seconds=1)


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def signatures() -> int:
    return db.session.scalar(select(func.count()).select_from(AttendanceSignature))


def sign_at(moment: datetime, participant, course, slot: str = "d1-am"):
    with time_machine.travel(moment, tick=False):
        return attendance.sign(participant, course, slot, participant.name)


def trainer_at(moment: datetime, world, course, participant, slot: str, paper=False):
    with time_machine.travel(moment, tick=False):
        if paper:
            return attendance.record_paper(
                world.session, course, world.trainer, participant.id, slot, "Oubli"
            )
        return attendance.countersign(world.session, course, world.trainer, participant.id, slot)


def test_default_times_and_the_course_overrides(course):
    assert default_times(course.half_days) == {
        "d1-am": ("09:00", "12:30"),
        "d1-pm": ("13:30", "17:00"),
        "d2-am": ("09:00", "12:30"),
        "d2-pm": ("13:30", "17:00"),
    }
    bare = [HalfDay(id="a", day=1, label="A", hours=3), HalfDay(id="b", day=1, label="B", hours=3)]
    assert default_times(bare) == {"a": ("09:00", "12:30"), "b": ("13:30", "17:00")}
    own = HalfDay(id="a", day=1, label="A", hours=3, start="08:30", end=720)  # unquoted 12:00
    assert (own.start, own.end) == ("08:30", "12:00")
    with pytest.raises(ValueError, match="end must be after start"):
        HalfDay(id="a", day=1, label="A", hours=3, start="12:00", end="09:00")
    with pytest.raises(ValueError):
        HalfDay(id="a", day=1, label="A", hours=3, start="9h")


@pytest.mark.parametrize(
    "moment, allowed",
    [
        (paris(2026, 12, 3, 8, 44, 59), False),  # 15 min 1 s before the start
        (paris(2026, 12, 3, 8, 45, 0), True),  # 15 min before
        (paris(2026, 12, 3, 8, 45, 1), True),  # 14 min 59 s before
        (paris(2026, 12, 3, 12, 30, 0), True),  # at the end
        (paris(2026, 12, 3, 12, 30, 1), False),  # one second after
        (paris(2026, 12, 3, 0, 0, 0), False),  # midnight (signed at 00:00 before this issue)
        (paris(2026, 12, 4, 9, 0, 0), False),  # another day's morning
    ],
)
def test_a_participant_signs_from_15_minutes_before_to_the_end(
    world, course, factories, moment, allowed
):
    training = factories.SessionFactory(starts_on=date(2026, 12, 3), ends_on=date(2026, 12, 4))
    person = factories.ParticipantFactory(session=training)
    before = signatures()
    if allowed:
        assert sign_at(moment, person, course).kind == "participant"
        assert signatures() == before + 1
        return
    with pytest.raises(Conflict) as refused:
        sign_at(moment, person, course)
    assert str(refused.value) == (
        "Cette demi-journée se signe du 03/12/2026 08:45 au 03/12/2026 12:30 "
        "(heure de Paris), pas en ce moment."
    )
    assert signatures() == before


# The last Sunday of March 2027 (28th): Paris moves from UTC+1 to UTC+2 at 02:00; the last
# Sunday of October 2027 (31st): back from UTC+2 to UTC+1 at 03:00.
DST = [
    (date(2027, 3, 28), datetime(2027, 3, 28, 6, 45, tzinfo=UTC), 2),
    (date(2027, 10, 31), datetime(2027, 10, 31, 7, 45, tzinfo=UTC), 1),
]


@pytest.mark.parametrize("day, opens_utc, offset", DST)
def test_signing_windows_follow_the_changes_of_hour(
    world, course, factories, day, opens_utc, offset
):
    training = factories.SessionFactory(starts_on=day, ends_on=day + timedelta(days=1))
    person = factories.ParticipantFactory(session=training)
    slot = attendance.schedule_of(training, course)[0]
    assert slot.starts_at.utcoffset() == timedelta(hours=offset)
    assert slot.signing_opens_at == opens_utc
    with pytest.raises(Conflict):
        sign_at(opens_utc - SECOND, person, course)
    assert sign_at(opens_utc, person, course).slot == "d1-am"
    # the afternoon closes at 17:00 Paris, whatever the offset
    other = factories.ParticipantFactory(session=training)
    end_utc = datetime.combine(day, time(17), tzinfo=PARIS).astimezone(UTC)
    assert end_utc.hour == 17 - offset
    assert sign_at(end_utc, other, course, "d1-pm").slot == "d1-pm"
    with pytest.raises(Conflict):
        sign_at(end_utc + SECOND, factories.ParticipantFactory(session=training), course, "d1-pm")


@pytest.mark.parametrize("day, opens_utc, offset", DST)
def test_trainers_sign_once_the_half_day_started_across_the_changes_of_hour(
    world, course, day, opens_utc, offset
):
    world.session.starts_on, world.session.ends_on = day, day + timedelta(days=1)
    db.session.commit()
    start = opens_utc + timedelta(minutes=15)
    sign_at(start - timedelta(minutes=5), world.participant, course)
    before = signatures()
    for paper, person in ((False, world.participant), (True, world.second)):
        with pytest.raises(Conflict) as refused:
            trainer_at(start - SECOND, world, course, person, "d1-am", paper)
        assert "n'a pas encore commencé" in str(refused.value)
        assert "09:00 (heure de Paris)" in str(refused.value)
        assert signatures() == before
    assert trainer_at(start, world, course, world.participant, "d1-am").kind == "countersign"
    assert trainer_at(start, world, course, world.second, "d1-am", paper=True).kind == "paper"


def test_trainers_catch_up_later_never_ahead(world, course, factories):
    planned = factories.SessionFactory(
        trainer=world.trainer, starts_on=date(2027, 6, 14), ends_on=date(2027, 6, 15)
    )
    person = factories.ParticipantFactory(session=planned)
    with time_machine.travel(paris(2026, 12, 7, 10), tick=False):
        for slot in ("d1-am", "d1-pm", "d2-am", "d2-pm"):
            with pytest.raises(Conflict):
                attendance.record_paper(planned, course, world.trainer, person.id, slot, "x")
    assert signatures() == 0
    with time_machine.travel(paris(2027, 7, 1, 10), tick=False):  # two weeks later: fine
        attendance.record_paper(planned, course, world.trainer, person.id, "d2-pm", "Oubli")
    assert signatures() == 1


def test_a_session_starting_at_8_30_on_non_consecutive_dates(world, course):
    edits = [
        {"slot": "d1-am", "date": "2027-01-11", "start": "08:30", "end": "12:00"},
        {"slot": "d1-pm", "date": "2027-01-11", "start": "13:00", "end": "16:30"},
        {"slot": "d2-am", "date": "2027-01-18", "start": "08:30", "end": "12:00"},
        {"slot": "d2-pm", "date": "2027-01-18", "start": "13:00", "end": "16:30"},
    ]
    training = sessions.create_session(
        world.trainer, course, "Lundis", date(2027, 1, 11), date(2027, 1, 12), "Lyon", edits
    )
    assert (training.starts_on, training.ends_on) == (date(2027, 1, 11), date(2027, 1, 18))
    assert training.schedule == edits
    person = sessions.add_participant(training, "Léa Martin", "lea@exemple.fr")
    with pytest.raises(Conflict):
        sign_at(paris(2027, 1, 11, 8, 14, 59), person, course)
    assert sign_at(paris(2027, 1, 11, 8, 15), person, course).slot == "d1-am"
    with pytest.raises(Conflict):  # the old default date of day 2 is no session day now
        sign_at(paris(2027, 1, 12, 9, 0), person, course, "d2-am")
    assert sign_at(paris(2027, 1, 18, 16, 30), person, course, "d2-pm").slot == "d2-pm"


@pytest.mark.parametrize(
    "edit, message",
    [
        ({"slot": "d9-xx", "date": "2027-01-11", "start": "09:00", "end": "12:00"}, "inconnue"),
        ({"slot": "d1-am", "date": "2027-13-11", "start": "09:00", "end": "12:00"}, "date"),
        ({"slot": "d1-am", "date": "2027-01-11", "start": "9h", "end": "12:00"}, "HH:MM"),
        ({"slot": "d1-am", "date": "2027-01-11", "start": "12:00", "end": "09:00"}, "suivre"),
        ({"slot": "d1-pm", "date": "2027-01-11", "start": "11:00", "end": "17:00"}, "avant la fin"),
    ],
)
def test_a_bad_schedule_is_refused_and_nothing_changes(world, course, edit, message):
    world.session.starts_on, world.session.ends_on = date(2027, 1, 11), date(2027, 1, 12)
    db.session.commit()
    with pytest.raises(Invalid, match=message):
        schedule.update_schedule(world.session, course, [edit])
    db.session.expire_all()
    assert world.session.schedule is None and world.session.ends_on == date(2027, 1, 12)


def test_a_half_day_with_signatures_keeps_its_times(world, course):
    with time_machine.travel(datetime.combine(world.session.starts_on, time(9, 30), PARIS)):
        sign_at(datetime.combine(world.session.starts_on, time(9, 30), PARIS), world.second, course)
    moved = {"slot": "d1-am", "date": world.session.starts_on.isoformat(), "start": "08:00"}
    with pytest.raises(Conflict, match="a déjà des signatures"):
        schedule.update_schedule(world.session, course, [{**moved, "end": "12:30"}])
    db.session.expire_all()
    assert world.session.schedule is None
    later = world.session.ends_on + timedelta(days=7)
    entry = {"slot": "d2-pm", "date": later.isoformat(), "start": "14:00", "end": "17:30"}
    slots = schedule.update_schedule(world.session, course, [entry])
    assert slots[-1].on == later and world.session.ends_on == later


def test_held_half_days_and_the_document_date(course):
    slots = build_schedule(course.half_days, course.days, date(2027, 1, 11), date(2027, 1, 12))
    assert held(slots, None) == slots
    assert [s.id for s in held(slots, paris(2027, 1, 11, 10, 30))] == ["d1-am"]
    assert [s.id for s in held(slots, paris(2027, 1, 11, 13, 30))] == ["d1-am"]
    assert [s.id for s in held(slots, paris(2027, 1, 11, 13, 30, 1))] == ["d1-am", "d1-pm"]
    early = datetime(2027, 1, 10, 12, tzinfo=UTC)
    assert document_date(early, slots) == date(2027, 1, 12)
    assert document_date(datetime(2027, 1, 12, 23, 30, tzinfo=UTC), slots) == date(2027, 1, 13)


def test_the_api_creates_and_moves_a_schedule(api, world, course):
    created = api.post(
        "/sessions",
        world.trainer,
        {
            "course_id": course.id,
            "title": "Session du matin",
            "starts_on": "2027-02-01",
            "ends_on": "2027-02-02",
            "location": "Lyon",
            "schedule": [{"slot": "d1-am", "date": "2027-02-01", "start": "08:30", "end": "12:30"}],
        },
    )
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["schedule"][0] == {
        "slot": "d1-am",
        "date": "2027-02-01",
        "start": "08:30",
        "end": "12:30",
    }
    assert body["schedule"][3] == {
        "slot": "d2-pm",
        "date": "2027-02-02",
        "start": "13:30",
        "end": "17:00",
    }
    sid = body["id"]
    moved = api.patch(
        f"/sessions/{sid}",
        world.trainer,
        {"schedule": [{"slot": "d2-pm", "date": "2027-02-09", "start": "13:30", "end": "17:00"}]},
    )
    assert moved.status_code == 200 and moved.get_json()["ends_on"] == "2027-02-09"
    bad = {"schedule": [{"slot": "d1-pm", "date": "2027-02-01", "start": "12:00", "end": "17:00"}]}
    assert_error(api.patch(f"/sessions/{sid}", world.trainer, bad), 422, "schedule")
    assert_error(api.patch(f"/sessions/{sid}", world.other_trainer, bad), 404)
    again = api.get(f"/sessions/{sid}", world.trainer).get_json()
    assert again["schedule"] == moved.get_json()["schedule"]


def test_the_session_page_edits_the_schedule(client, world, course, sign_in):
    world.session.starts_on, world.session.ends_on = date(2027, 3, 1), date(2027, 3, 2)
    db.session.commit()
    sign_in(client, world.trainer)
    url = f"/trainer/sessions/{world.session.id}"
    page = client.get(url).get_data(as_text=True)
    assert 'name="start-d1-am" value="09:00"' in page
    assert 'name="date-d2-pm" value="2027-03-02"' in page
    rows = {
        "d1-am": ("2027-03-01", "08:30", "12:00"),
        "d1-pm": ("2027-03-01", "13:00", "16:30"),
        "d2-am": ("2027-03-08", "09:00", "12:30"),
        "d2-pm": ("2027-03-08", "13:30", "17:00"),
    }
    data = {"csrf_token": csrf_token_from(page)}
    for slot, (on, start, end) in rows.items():
        data |= {f"date-{slot}": on, f"start-{slot}": start, f"end-{slot}": end}
    bad = client.post(f"{url}/schedule", data={**data, "end-d1-am": "13:30"}, follow_redirects=True)
    assert "Jour 1 — après-midi commence avant la fin de Jour 1 — matin." in bad.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert world.session.schedule is None
    done = client.post(f"{url}/schedule", data=data, follow_redirects=True)
    assert "Horaires des demi-journées enregistrés." in done.get_data(as_text=True)
    db.session.expire_all()
    assert world.session.ends_on == date(2027, 3, 8)
    assert world.session.schedule[0] == {
        "slot": "d1-am",
        "date": "2027-03-01",
        "start": "08:30",
        "end": "12:00",
    }
    other = client.post(
        f"/trainer/sessions/{world.other_session.id}/schedule", data=data, follow_redirects=False
    )
    assert other.status_code in (403, 404)
    grid = client.get(f"{url}/attendance").get_data(as_text=True)
    assert "08/03/2027 13:30–17:00" in grid


def test_a_closed_session_keeps_its_schedule(api, world, course):
    world.session.status = "closed"
    db.session.commit()
    entry = {"slot": "d2-pm", "date": "2030-01-01", "start": "13:30", "end": "17:00"}
    with pytest.raises(Conflict, match="son planning ne change plus"):
        schedule.update_schedule(world.session, course, [entry])
    refused = api.patch(f"/sessions/{world.session.id}", world.trainer, {"schedule": [entry]})
    assert "son planning ne change plus" in assert_error(refused, 409)["message"]
    db.session.expire_all()
    assert world.session.schedule is None and world.session.ends_on != date(2030, 1, 1)
