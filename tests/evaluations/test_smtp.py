"""The outbox sent for real through a local SMTP server (aiosmtpd) started by the test."""

import socket
from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from lexom_learning.extensions import db
from lexom_learning.services import outbox
from lexom_learning.storage import OutboxMessage

REFUSED = "refuse@example.org"


class Recorder:
    """An SMTP handler keeping what it accepts; refuses one recipient; fails the first DATA
    of a message once when asked to."""

    def __init__(self):
        self.received: list = []
        self.fail_next_data = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_next_data:
            self.fail_next_data -= 1
            return "451 4.3.0 Try again later"
        self.received.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield handler, f"smtp://127.0.0.1:{controller.port}"
    controller.stop()


def _queue(session_id: int, *addresses: str) -> None:
    for i, address in enumerate(addresses):
        outbox.enqueue(
            f"test:{i}",
            kind="cold_invitation",
            to=address,
            subject=f"Évaluation {i}",
            body="Bonjour,\nvotre avis nous intéresse.",
            session_id=session_id,
        )
    db.session.commit()


def test_the_url_says_how_to_connect():
    plain = outbox.settings_from_url("smtp://mail.test:2525")
    assert (plain.host, plain.port, plain.security) == ("mail.test", 2525, "none")
    secure = outbox.settings_from_url("smtps://u%40x:p%3Aw@mail.test", "a@b.fr")
    assert (secure.port, secure.security, secure.user, secure.password) == (
        465,
        "ssl",
        "u@x",
        "p:w",
    )
    assert outbox.settings_from_url("smtp://m.test?starttls=1").security == "starttls"
    with pytest.raises(ValueError):
        outbox.settings_from_url("http://m.test")


def test_messages_are_sent_refused_or_retried_with_their_status(app, factories, smtp_server):
    handler, url = smtp_server
    training = factories.SessionFactory()
    _queue(training.id, "ana@example.org", REFUSED, "bo@example.org")
    app.config["LEXOM_SMTP_URL"] = url
    transport = outbox.SmtpTransport(outbox.smtp_settings(app.config))
    handler.fail_next_data = 1  # the first message meets a temporary failure
    first = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    report = outbox.deliver_pending(transport, now=first)
    assert report.retrying == ["test:0"] and report.bounced == ["test:1"]
    assert report.sent == ["test:2"]
    second = datetime(2026, 12, 7, 9, 5, tzinfo=UTC)
    assert outbox.deliver_pending(transport, now=second).sent == ["test:0"]
    rows = {m.key: m for m in db.session.query(OutboxMessage)}
    assert (rows["test:0"].status, rows["test:0"].attempts) == ("sent", 2)
    assert rows["test:0"].status_at == second and rows["test:0"].sent_at == second
    assert rows["test:1"].status == "bounced" and rows["test:1"].sent_at is None
    assert "550" in rows["test:1"].last_error
    assert rows["test:2"].status_at == first
    delivered = {tuple(to): email for to, email in handler.received}
    email = delivered[("ana@example.org",)]
    assert email["Subject"] == "Évaluation 0" and email["From"] == "formation@example.org"
    assert "votre avis" in email.get_content()


def test_the_command_sends_the_outbox(app, factories, smtp_server, monkeypatch):
    handler, url = smtp_server
    training = factories.SessionFactory()
    _queue(training.id, "ana@example.org")
    from lexom_learning.cli import cli

    monkeypatch.setenv("LEXOM_SMTP_URL", url)
    monkeypatch.setenv("LEXOM_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    result = CliRunner().invoke(cli, ["outbox", "send"])
    assert result.exit_code == 0, result.output
    assert "Envoyés : 1" in result.output
    assert [to for to, _ in handler.received] == [["ana@example.org"]]


def test_without_a_server_messages_stay_queued_and_say_so(app, factories, monkeypatch):
    training = factories.SessionFactory()
    _queue(training.id, "ana@example.org")
    from lexom_learning.cli import cli

    monkeypatch.delenv("LEXOM_SMTP_URL", raising=False)
    monkeypatch.delenv("LEXOM_SMTP_HOST", raising=False)
    monkeypatch.setenv("LEXOM_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    result = CliRunner().invoke(cli, ["outbox", "send"])
    assert "1 message(s) restent en file, non envoyés" in result.output
    assert db.session.query(OutboxMessage).one().status == "pending"
