"""The outbox: each message is queued once (unique key) and sent at most once.

With SMTP settings (``LEXOM_SMTP_URL``, e.g. ``smtps://user:pass@host:465``, or the older
``LEXOM_SMTP_HOST``...) messages go out through the standard library's smtplib; without them
they stay queued for the trainer to copy, and pages say so. Each message records its delivery
status (sent, failed after its retries, bounced when the server refuses the recipient) and when.
A sender claims a message by switching it from ``pending`` to ``sending`` in one UPDATE before
talking to the server, so two senders running at once (cron overlap) never send the same message
twice; a message left ``sending`` by a crash is shown to the trainer, never retried blindly.
"""

import logging
import os
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..storage import OutboxMessage
from ..storage.types import utcnow
from . import events

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
SMTP_KEYS = ("HOST", "PORT", "USER", "PASSWORD", "FROM", "SECURITY")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send e-mail."""

    host: str
    port: int = 587
    user: str = ""
    password: str = field(default="", repr=False)
    sender: str = "formation@localhost"
    security: str = "starttls"  # starttls, ssl or none


URL_SCHEMES = {"smtp": "none", "smtp+starttls": "starttls", "smtps": "ssl"}


def settings_from_url(url: str, sender: str | None = None) -> SmtpSettings:
    """Return the settings of ``smtp://host:port`` (``?starttls=1`` to upgrade),
    ``smtp+starttls://…`` or ``smtps://user:password@host:port``.

    :raises ValueError: another scheme, or no host.
    """
    parts = urlsplit(url)
    security = URL_SCHEMES.get(parts.scheme)
    if security is None or not parts.hostname:
        raise ValueError(f"LEXOM_SMTP_URL: smtp://, smtp+starttls:// or smtps:// expected: {url!r}")
    if security == "none" and parse_qs(parts.query).get("starttls") == ["1"]:
        security = "starttls"
    default_port = {"ssl": 465, "starttls": 587, "none": 25}[security]
    return SmtpSettings(
        host=parts.hostname,
        port=parts.port or default_port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        sender=sender or SmtpSettings.sender,
        security=security,
    )


def smtp_settings(config: Mapping) -> SmtpSettings | None:
    """Return the SMTP settings from the app config, else the environment; None without any."""
    url = config.get("LEXOM_SMTP_URL") or os.environ.get("LEXOM_SMTP_URL")
    sender = config.get("LEXOM_SMTP_FROM") or os.environ.get("LEXOM_SMTP_FROM")
    if not sender and config.get("LEXOM_ORGANISATION") is not None:
        sender = config["LEXOM_ORGANISATION"].email
    if url:
        return settings_from_url(url, sender)
    values = {
        k: config.get(f"LEXOM_SMTP_{k}") or os.environ.get(f"LEXOM_SMTP_{k}") for k in SMTP_KEYS
    }
    if not values["HOST"]:
        return None
    security = (values["SECURITY"] or "starttls").lower()
    default_port = 465 if security == "ssl" else 587 if security == "starttls" else 25
    return SmtpSettings(
        host=values["HOST"],
        port=int(values["PORT"] or default_port),
        user=values["USER"] or "",
        password=values["PASSWORD"] or "",
        sender=values["FROM"] or sender or SmtpSettings.sender,
        security=security,
    )


class SmtpTransport:
    """Send one message through an SMTP server with smtplib."""

    def __init__(self, settings: SmtpSettings):
        self.settings = settings

    def build(self, message: OutboxMessage) -> EmailMessage:
        """Return the e-mail for an outbox message."""
        email = EmailMessage()
        email["From"] = self.settings.sender
        email["Date"] = formatdate(localtime=False)
        email["To"] = message.to_address
        email["Subject"] = message.subject
        email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
        email.set_content(message.body)
        return email

    def send(self, message: OutboxMessage) -> None:
        """Send the message; raises smtplib.SMTPException or OSError on failure."""
        s = self.settings
        smtp_class = smtplib.SMTP_SSL if s.security == "ssl" else smtplib.SMTP
        with smtp_class(s.host, s.port, timeout=30) as server:
            if s.security == "starttls":
                server.starttls()
            if s.user:
                server.login(s.user, s.password)
            server.send_message(self.build(message))


def enqueue(
    key: str,
    *,
    kind: str,
    to: str,
    subject: str,
    body: str,
    session_id: int | None = None,
    participant_id: int | None = None,
    now: datetime | None = None,
) -> OutboxMessage | None:
    """Queue a message once (not committed); return None when ``key`` is already queued.

    Every message ends with the address of the privacy notice and the DPO's contact.
    """
    if db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)):
        return None
    message = OutboxMessage(
        key=key,
        kind=kind,
        to_address=to,
        subject=subject,
        body=body + privacy_footer(),
        session_id=session_id,
        participant_id=participant_id,
        created_at=now or utcnow(),
    )
    try:
        with db.session.begin_nested():
            db.session.add(message)
    except IntegrityError:  # another sender queued it between our check and our insert
        return None
    log.info("outbox: queued %s (%s) for %s", key, kind, to)
    return message


def enqueue_about(
    person,
    key: str,
    kind: str,
    text: tuple[str, str],
    to: str | None = None,
    now: datetime | None = None,
) -> OutboxMessage | None:
    """Queue once a message (subject, body) about a participant, to them or to ``to``; see
    :func:`enqueue`."""
    subject, body = text
    return enqueue(
        key,
        kind=kind,
        to=to or person.email,
        subject=subject,
        body=body,
        session_id=person.session_id,
        participant_id=person.id,
        now=now,
    )


def privacy_footer() -> str:
    """Return the lines every e-mail ends with: the privacy notice and the DPO's address."""
    from .attestations import public_base_url
    from .privacy.notice import controller

    contact = controller()
    return (
        "\n-- \n"
        f"Protection de vos données personnelles : {public_base_url()}/confidentialite\n"
        f"Délégué à la protection des données : {contact.dpo_email}\n"
    )


@dataclass
class DeliveryReport:
    """What one delivery run did."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bounced: list[str] = field(default_factory=list)
    retrying: list[str] = field(default_factory=list)
    waiting: int = 0


def _claim(message_id: int, now: datetime) -> bool:
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == "pending")
        .values(status="sending", claimed_at=now, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1


def _log_sent(message: OutboxMessage, now: datetime) -> None:
    if message.session_id is not None:
        # Not the address: the log outlives the message and is exported as xAPI (issue 16).
        result = {"kind": message.kind}
        event = events.record(
            message.session_id,
            message.participant_id,
            "system",
            "message_sent",
            message.key[:64],
            "",
            result,
        )
        event.created_at = now


def deliver_pending(transport, now: datetime | None = None, limit: int = 500) -> DeliveryReport:
    """Send every pending message through ``transport`` (None: leave them for the trainer)."""
    now = now or utcnow()
    pending = select(OutboxMessage.id).where(OutboxMessage.status == "pending")
    ids = list(db.session.scalars(pending.order_by(OutboxMessage.id).limit(limit)))
    report = DeliveryReport()
    if transport is None:
        report.waiting = len(ids)
        return report
    for message_id in ids:
        if not _claim(message_id, now):
            continue  # another sender has it
        message = db.session.get(OutboxMessage, message_id, populate_existing=True)
        try:
            transport.send(message)
        except Exception as error:  # whatever happened, it is recorded on the message
            retry = isinstance(error, smtplib.SMTPException | OSError)
            bounced = isinstance(error, smtplib.SMTPRecipientsRefused) or (
                isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600
            )
            final = not retry or bounced or (message.attempts >= MAX_ATTEMPTS)
            message.status = "bounced" if bounced else "failed" if final else "pending"
            message.status_at = now
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if bounced:
                report.bounced.append(message.key)
            elif final:
                report.failed.append(message.key)
            else:
                report.retrying.append(message.key)
            log.warning("outbox: %s not sent (%s)", message.key, message.last_error)
        else:
            message.status, message.sent_at, message.status_at = "sent", now, now
            _log_sent(message, now)
            report.sent.append(message.key)
            log.info("outbox: sent %s to %s", message.key, message.to_address)
        db.session.commit()
    return report


def mark_copied(message: OutboxMessage, actor: str, now: datetime | None = None) -> bool:
    """Record that the trainer sent a message by hand; False if it had already gone out."""
    done = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id, OutboxMessage.status.in_(("pending", "failed")))
        .values(
            status="copied",
            handled_by=actor[:64],
            sent_at=now or utcnow(),
            status_at=now or utcnow(),
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    db.session.refresh(message)
    return done == 1


def messages_of_session(session_id: int) -> list[OutboxMessage]:
    """Return a session's messages, newest first."""
    query = select(OutboxMessage).where(OutboxMessage.session_id == session_id)
    return list(db.session.scalars(query.order_by(OutboxMessage.id.desc())))
