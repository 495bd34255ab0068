"""The cold evaluation: scheduled at closing, invitation and reminders on a frozen clock, each
message once even when send-due runs twice or concurrently, SMTP or the trainer's copy."""

import smtplib
import threading
from datetime import timedelta

import pytest

from lexom_learning.services import cold, evaluations, outbox, sessions
from lexom_learning.storage import CompletionEvent, OutboxMessage
from tests.conftest import at_once
from tests.evaluations.helpers import RecordingTransport, knowing_nothing, make_room

DAY = timedelta(days=1)


@pytest.fixture
def closed(app, factories):
    """A session of 3 participants, closed: the hook schedules the cold evaluation."""
    room = make_room(factories, 3)
    sessions.close_session(room.session)
    return room


def statuses():
    from lexom_learning.extensions import db

    return sorted((m.key, m.status) for m in db.session.query(OutboxMessage))


def test_closing_a_session_schedules_the_cold_evaluation(closed, course):
    invitations = cold.invitations_of(closed.session.id)
    assert len(invitations) == 3
    due = closed.session.closed_at + timedelta(days=course.cold_evaluation.delay_days)
    assert {i.due_at for i in invitations} == {due}
    assert cold.schedule(closed.session) == []  # idempotent


def test_a_session_closed_without_the_step_is_caught_up(app, factories, course):
    from lexom_learning.extensions import db
    from lexom_learning.storage.types import utcnow

    room = make_room(factories, 2)
    room.session.status, room.session.closed_at = "closed", utcnow()  # by an older release
    db.session.commit()
    assert cold.invitations_of(room.session.id) == []
    cold.issue_due(room.session.closed_at)
    assert len(cold.invitations_of(room.session.id)) == 2


def test_invitation_then_two_reminders_a_week_apart_then_nothing(closed, course):
    due = cold.invitations_of(closed.session.id)[0].due_at
    transport = RecordingTransport()
    assert cold.issue_due(due - timedelta(minutes=1)) == []
    issued, report = cold.send_due(transport, due)
    assert sorted(i.step for i in issued) == [0, 0, 0] and len(report.sent) == 3
    assert cold.send_due(transport, due + 6 * DAY)[0] == []
    issued, _ = cold.send_due(transport, due + 7 * DAY)
    assert [i.step for i in issued] == [1, 1, 1]
    assert cold.send_due(transport, due + 13 * DAY)[0] == []
    issued, _ = cold.send_due(transport, due + 14 * DAY)
    assert [i.step for i in issued] == [2, 2, 2]
    assert cold.send_due(transport, due + 200 * DAY)[0] == []  # at most 2 reminders
    assert len(transport.sent) == 9 == len(set(transport.sent))


def test_no_reminder_for_someone_who_answered(closed, course):
    due = cold.invitations_of(closed.session.id)[0].due_at
    cold.send_due(RecordingTransport(), due)
    evaluations.submit(
        closed.people[0],
        course,
        "cold",
        knowing_nothing(course.evaluations["cold"]),
        channel="link",
        now=due + DAY,
    )
    issued, _ = cold.send_due(RecordingTransport(), due + 7 * DAY)
    assert sorted(i.participant_id for i in issued) == sorted(p.id for p in closed.people[1:])


def test_messages_name_the_personal_link(closed, course):
    from lexom_learning.extensions import db

    invitation = cold.invitations_of(closed.session.id)[0]
    cold.issue_due(invitation.due_at)
    message = db.session.query(OutboxMessage).filter_by(key=f"cold:{invitation.id}:0").one()
    assert cold.link_for(invitation) in message.body
    assert message.to_address == invitation.participant.email
    assert course.title in message.subject


def test_send_due_twice_sends_once(closed):
    due = cold.invitations_of(closed.session.id)[0].due_at
    transport = RecordingTransport()
    cold.send_due(transport, due)
    cold.send_due(transport, due)
    assert len(transport.sent) == 3 == len(set(transport.sent))
    assert {s for _, s in statuses()} == {"sent"}


def test_concurrent_send_due_never_sends_twice(closed, app):
    from lexom_learning.extensions import db

    due = cold.invitations_of(closed.session.id)[0].due_at
    db.session.commit()
    transport = RecordingTransport()
    barrier = threading.Barrier(4)

    def run():
        with app.app_context():
            barrier.wait()
            cold.send_due(transport, due)
            db.session.remove()

    _, failures = at_once(run, 4)
    assert failures == []
    assert sorted(transport.sent) == sorted(set(transport.sent)) and len(transport.sent) == 3
    assert len(statuses()) == 3


def test_without_smtp_messages_wait_in_the_outbox_for_the_trainer(closed, app, monkeypatch):
    for key in ("HOST", "PORT", "USER", "PASSWORD", "FROM", "SECURITY"):
        monkeypatch.delenv(f"LEXOM_SMTP_{key}", raising=False)
    due = cold.invitations_of(closed.session.id)[0].due_at
    issued, report = cold.send_due(now=due)
    assert len(issued) == 3 and report.waiting == 3 and report.sent == []
    message = outbox.messages_of_session(closed.session.id)[0]
    assert message.status == "pending"
    assert outbox.mark_copied(message, closed.trainer.get_id())
    assert message.status == "copied"
    assert not outbox.mark_copied(message, closed.trainer.get_id())


class FakeSMTP:
    """Stands in for smtplib.SMTP: records the conversation."""

    sent: list = []
    refuse: bool = False

    def __init__(self, host, port, timeout):
        self.host, self.port = host, port

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        FakeSMTP.sent.append("starttls")

    def login(self, user, password):
        FakeSMTP.sent.append(("login", user))

    def send_message(self, email):
        if FakeSMTP.refuse:
            raise smtplib.SMTPRecipientsRefused({email["To"]: (550, b"no")})
        FakeSMTP.sent.append((self.host, self.port, email["To"], email["Subject"]))


def test_smtp_settings_send_with_the_standard_library(closed, app, monkeypatch):
    from lexom_learning.extensions import db

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    FakeSMTP.sent, FakeSMTP.refuse = [], False
    app.config.update(
        LEXOM_SMTP_HOST="smtp.exemple.fr",
        LEXOM_SMTP_USER="u",
        LEXOM_SMTP_PASSWORD="p",
        LEXOM_SMTP_FROM="formation@lexom.fr",
    )
    due = cold.invitations_of(closed.session.id)[0].due_at
    _issued, report = cold.send_due(now=due)
    assert len(report.sent) == 3
    deliveries = [s for s in FakeSMTP.sent if isinstance(s, tuple) and len(s) == 4]
    assert {d[:2] for d in deliveries} == {("smtp.exemple.fr", 587)}
    assert {d[2] for d in deliveries} == {p.email for p in closed.people}
    assert "starttls" in FakeSMTP.sent and ("login", "u") in FakeSMTP.sent
    logged = db.session.query(CompletionEvent).filter_by(verb="message_sent").count()
    assert logged == 3
    queued = db.session.query(CompletionEvent).filter_by(verb="cold_invitation_queued").count()
    assert queued == 3


def test_a_refused_recipient_bounces_once_and_is_not_retried(closed, app, monkeypatch):
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    FakeSMTP.sent, FakeSMTP.refuse = [], True
    app.config.update(LEXOM_SMTP_HOST="smtp.exemple.fr")
    due = cold.invitations_of(closed.session.id)[0].due_at
    _issued, report = cold.send_due(now=due)
    assert len(report.bounced) == 3 and report.failed == []
    assert cold.send_due(now=due)[1].bounced == []
    assert {s for _, s in statuses()} == {"bounced"}


def test_the_personal_link_is_signed(closed):
    invitation = cold.invitations_of(closed.session.id)[0]
    token = cold.token_for(invitation)
    assert cold.invitation_for_token(token) == invitation
    other = cold.invitations_of(closed.session.id)[1]
    forged = f"{other.id}.{token.partition('.')[2]}"
    altered = token[:-1] + ("1" if token[-1] == "0" else "0")
    for bad in (forged, altered, "", "x.y", "1", "٣." + "a" * 40, "9" * 30 + "." + "a" * 40):
        assert cold.invitation_for_token(bad) is None


def test_cli_send_due_twice_queues_once(closed, runner, app):
    from lexom_learning.cli import cli
    from lexom_learning.extensions import db
    from lexom_learning.storage.types import utcnow

    # Move the due date ten days back so the real clock finds it due (and the form open).
    for invitation in cold.invitations_of(closed.session.id):
        invitation.due_at = utcnow() - timedelta(days=10)
    db.session.commit()
    first = runner.invoke(cli, ["evaluations", "send-due"])
    second = runner.invoke(cli, ["evaluations", "send-due"])
    assert first.exit_code == 0, first.output
    assert "Messages mis en file : 3" in first.output
    assert "Messages mis en file : 0" in second.output
    db.session.expire_all()
    assert len(statuses()) == 3
