"""The cold evaluation takes answers from its due date (closing + delay_days) until window_days
later: one second before, and from the closing instant on, the page says why with a 409 and
nothing is stored. Staff never see a learner's link; they may queue the invitation again."""

from datetime import timedelta

import pytest
import time_machine
from markupsafe import escape

from lexom_learning.services import cold, cold_window, evaluations, sessions
from lexom_learning.services.errors import Conflict
from lexom_learning.storage import EvaluationSubmission, OutboxMessage
from tests.conftest import csrf_token_from
from tests.evaluations.helpers import knowledge_answers, make_room

SECOND = timedelta(seconds=1)


@pytest.fixture
def invited(app, factories):
    """A closed session of two: each has a cold invitation."""
    room = make_room(factories, 2)
    sessions.close_session(room.session)
    return room, cold.invitations_of(room.session.id)


def _submissions() -> int:
    from lexom_learning.extensions import db

    return db.session.query(EvaluationSubmission).count()


def _answers(course):
    return knowledge_answers(course.evaluations["cold"]) | {"cold-q1": 3}


def _form(course):
    from tests.evaluations.test_evaluation_pages import form_of

    return form_of(_answers(course))


def test_the_window_follows_the_course_settings(invited, course):
    room, invitations = invited
    due = room.session.closed_at + timedelta(days=course.cold_evaluation.delay_days)
    window = cold_window.window_of(invitations[0], course, due)
    assert window.opens == due
    assert window.closes == due + timedelta(days=course.cold_evaluation.window_days)
    assert course.cold_evaluation.window_days == 60


@pytest.mark.parametrize(
    "offset, accepted",
    [
        (-SECOND, False),  # one second before it is due
        (timedelta(0), True),  # the due instant
        (timedelta(days=60) - SECOND, True),  # the last second
        (timedelta(days=60), False),  # the closing instant
    ],
)
def test_the_service_takes_answers_only_inside_the_window(invited, course, offset, accepted):
    _room, invitations = invited
    person = invitations[0].participant
    at = invitations[0].due_at + offset
    if accepted:
        evaluations.submit(person, course, "cold", _answers(course), "link", now=at)
        assert _submissions() == 1
    else:
        with pytest.raises(Conflict) as refused:
            evaluations.submit(person, course, "cold", _answers(course), "link", now=at)
        assert "froid" in refused.value.message
        assert _submissions() == 0


@pytest.mark.parametrize(
    "offset, accepted, says",
    [
        (-SECOND, False, "ouvre le"),
        (timedelta(0), True, None),
        (timedelta(days=60) - SECOND, True, None),
        (timedelta(days=60), False, "est close depuis le"),
    ],
)
def test_the_personal_link_page_on_both_sides_of_both_dates(
    invited, client, course, offset, accepted, says
):
    _room, invitations = invited
    url = f"/froid/{cold.token_for(invitations[0])}"
    with time_machine.travel(invitations[0].due_at + offset, tick=False):
        page = client.get(url)
        if accepted:
            assert page.status_code == 200
            token = csrf_token_from(page.get_data(as_text=True))
            sent = client.post(url, data={"csrf_token": token, **_form(course)})
            assert sent.status_code == 303 and _submissions() == 1
            return
        assert page.status_code == 409
        html = page.get_data(as_text=True)
        assert says in html and "<form" not in html.split("<main", 1)[1]
        # A form kept open in another tab and sent now is refused the same way.
        token = csrf_token_from(client.get("/login").get_data(as_text=True))
        sent = client.post(url, data={"csrf_token": token, **_form(course)})
        assert sent.status_code == 409 and says in sent.get_data(as_text=True)
        assert _submissions() == 0


def test_no_reminder_goes_out_once_the_window_is_over(invited, course):
    _room, invitations = invited
    due = invitations[0].due_at
    assert len(cold.issue_due(due)) == 2
    assert cold.issue_due(due + timedelta(days=61)) == []


def test_staff_pages_never_show_the_link_and_may_resend(invited, client, sign_in, course):
    room, invitations = invited
    token = cold.token_for(invitations[0])
    overview = f"/trainer/sessions/{room.session.id}/evaluations"
    with time_machine.travel(invitations[0].due_at + timedelta(days=2), tick=False):
        trainer = sign_in(client, room.trainer)
        cold.issue_due()
        html = trainer.get(overview).get_data(as_text=True)
        assert token not in html and "/froid/" not in html
        assert str(escape(cold.HIDDEN_LINK)) in html
        url = f"/trainer/sessions/{room.session.id}/cold/{invitations[0].id}/resend"
        sent = trainer.post(url, data={"csrf_token": csrf_token_from(html)})
        assert sent.status_code == 303
    from lexom_learning.extensions import db

    messages = db.session.query(OutboxMessage).filter_by(kind=cold.RESEND_KIND).all()
    assert len(messages) == 1 and token in messages[0].body  # the participant gets it


def test_the_api_outbox_hides_the_links(invited, client, course):
    from tests.api.helpers import Api

    room, invitations = invited
    cold.issue_due(invitations[0].due_at)
    bodies = [
        m["body"]
        for m in Api(client).get(f"/sessions/{room.session.id}/outbox", room.trainer).get_json()
    ]
    assert len(bodies) == 2
    assert all("/froid/" not in b and cold.HIDDEN_LINK in b for b in bodies)


def test_a_resend_is_refused_once_answered_or_outside_the_window(invited, course):
    _room, invitations = invited
    invitation = invitations[0]
    with pytest.raises(Conflict):
        cold.resend(invitation, "user:1", invitation.due_at - SECOND)
    with pytest.raises(Conflict):
        cold.resend(invitation, "user:1", invitation.due_at + timedelta(days=60))
    evaluations.submit(
        invitation.participant, course, "cold", _answers(course), "link", now=invitation.due_at
    )
    with pytest.raises(Conflict):
        cold.resend(invitation, "user:1", invitation.due_at + SECOND)
