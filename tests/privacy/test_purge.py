"""The daily purge applies the schedule on the right day (Paris time), removes nothing the
second time, and says what it removed; retention periods come from the configuration."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from flask import current_app
from sqlalchemy import func, select

from lexom_learning.clock import PARIS
from lexom_learning.extensions import db
from lexom_learning.services import attestations, links
from lexom_learning.services.privacy import retention
from lexom_learning.services.privacy.purge import purge
from lexom_learning.storage import (
    AccessLink,
    ApiToken,
    Attestation,
    ExportJob,
    OutboxMessage,
    Participant,
    RetainedDocument,
)
from tests.attestations.conftest import attend


@pytest.fixture
def closed(factories, course):
    """A session that ended on 1 December 2026, with an attestation for one of two people."""
    training = factories.SessionFactory(starts_on=date(2026, 11, 30), ends_on=date(2026, 12, 1))
    first = factories.ParticipantFactory(session=training, name="Inès Rivière")
    factories.ParticipantFactory(session=training, name="Marc Dupré")
    attend(training, course, first, "d1-am")
    attend(training, course, first, "d1-pm")
    attestations.close_and_issue(training, course)
    return training


def at(year, month, day, hour=0, minute=0):
    return time_machine.travel(datetime(year, month, day, hour, minute, tzinfo=PARIS), tick=False)


def erased() -> int:
    return db.session.scalar(select(func.count()).where(Participant.erased_at.is_not(None)))


def test_people_go_on_the_day_their_retention_ends_and_documents_a_year_later(closed):
    with at(2031, 11, 30, 23, 59):  # 22:59 UTC: the last day of the five years, in Paris
        report = purge()
    assert erased() == 0 and not [x for x in report.lines if x.startswith("participant")]
    with at(2031, 12, 1):  # midnight in Paris, still 30 November in UTC
        report = purge()
        assert erased() == 2
        assert sum(x.endswith("personal data erased") for x in report.lines) == 2
        assert purge().lines == []  # a second run removes nothing
    db.session.expire_all()
    kept = db.session.scalars(select(Attestation)).all()
    assert kept and all(a.pdf.startswith(b"%PDF") for a in kept)
    assert db.session.scalar(select(func.count()).select_from(RetainedDocument)) == 1
    with at(2032, 11, 30, 23, 59):
        assert purge().lines == []
    with at(2032, 12, 1):
        report = purge()
        assert len([x for x in report.lines if "documents" in x]) == 1
        assert purge().lines == []
    db.session.expire_all()
    for attestation in db.session.scalars(select(Attestation)).all():
        assert attestation.pdf == b"" and attestation.certificate_pdf == b""
        assert "Inès" not in str(attestation.snapshot) and attestation.sha256
    assert db.session.scalar(select(func.count()).select_from(RetainedDocument)) == 0


def test_a_dry_run_removes_nothing(closed):
    with at(2032, 12, 1):
        dry = purge(dry_run=True)
        assert dry.dry_run and len(dry.lines) == 2 and erased() == 0
        assert purge().lines[:2] == dry.lines


def test_periods_come_from_the_configuration(closed, monkeypatch):
    monkeypatch.setitem(current_app.config, "LEXOM_RETENTION_PERSONAL_YEARS", 1)
    with at(2027, 11, 30, 12):
        assert purge().lines == []
    with at(2027, 12, 1, 12):
        assert len(purge().lines) == 2
    monkeypatch.setenv("LEXOM_RETENTION_DOCUMENTS_YEARS", "3")
    monkeypatch.setitem(current_app.config, "LEXOM_RETENTION_MESSAGES_DAYS", "x")
    with pytest.raises(retention.ScheduleError):
        purge()
    assert retention.schedule({}).documents_years == 3
    assert retention.add_years(date(2028, 2, 29), 1) == date(2029, 3, 1)


def _message(key: str, status: str, sent_at):
    db.session.add(
        OutboxMessage(
            key=key,
            kind="cold_invitation",
            to_address="x@exemple.fr",
            subject="s",
            body="b",
            status=status,
            sent_at=sent_at,
            created_at=datetime(2026, 12, 1, tzinfo=UTC),
        )
    )


def test_messages_exports_and_revoked_tokens_go_after_their_periods(
    factories, app, tmp_path, monkeypatch
):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    sent = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    _message("a", "sent", sent)
    _message("b", "pending", None)  # not sent yet: kept whatever its age
    person = factories.ParticipantFactory()
    link = links.current_link(person)
    link.revoked_at = sent
    user = factories.UserFactory()
    db.session.add(ApiToken(user_id=user.id, token_hash="h" * 64, revoked_at=sent))
    db.session.add(ApiToken(user_id=user.id, token_hash="k" * 64))
    folder = Path(app.instance_path) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    zip_path = folder / "tok123.zip"
    zip_path.write_bytes(b"PK")
    stray = folder / "left-over.zip"  # a file no job knows (a crash): goes by its age
    stray.write_bytes(b"PK")
    db.session.add(
        ExportJob(
            token="tok123",
            session_id=person.session_id,
            kind="zip",
            requested_by="user:1",
            status="done",
            path=str(zip_path),
            created_at=sent,
        )
    )
    db.session.commit()
    job_id, link_id, token_id = db.session.scalar(select(ExportJob.id)), link.id, _token_id("h")
    written = datetime.fromtimestamp(stray.stat().st_mtime, tz=UTC)
    with time_machine.travel(written + timedelta(days=7) - timedelta(seconds=1), tick=False):
        assert "export file left-over.zip: deleted" not in purge().lines
    with time_machine.travel(written + timedelta(days=7), tick=False):
        assert "export file left-over.zip: deleted" in purge().lines
    with time_machine.travel(sent + timedelta(days=7) - timedelta(seconds=1), tick=False):
        assert purge().lines == []
    with time_machine.travel(sent + timedelta(days=7), tick=False):
        assert purge().lines == [f"export {job_id}: tok123.zip deleted"]
        assert not zip_path.exists()
    with time_machine.travel(sent + timedelta(days=30) - timedelta(seconds=1), tick=False):
        assert purge().lines == []
    with time_machine.travel(sent + timedelta(days=30), tick=False):
        lines = purge().lines
        assert lines == [
            "e-mail a: deleted",
            f"access link {link_id}: revoked, deleted",
            f"API token {token_id}: revoked, deleted",
        ]
        assert purge().lines == []
    assert db.session.scalars(select(OutboxMessage.key)).all() == ["b"]
    assert db.session.scalar(select(func.count()).select_from(AccessLink)) == 0
    assert db.session.scalar(select(func.count()).select_from(ApiToken)) == 1


def _token_id(letter: str) -> int:
    return db.session.scalar(select(ApiToken.id).where(ApiToken.token_hash == letter * 64)) or 0


def test_the_command_prints_what_it_removed(closed, runner):
    from lexom_learning.cli import cli

    with at(2031, 12, 1, 8):
        dry = runner.invoke(cli, ["data", "purge", "--dry-run"])
        assert dry.exit_code == 0, dry.output
        assert (
            "would remove: participant" in dry.output and "2 item(s) would be removed" in dry.output
        )
        done = runner.invoke(cli, ["data", "purge"])
        assert done.exit_code == 0 and "removed: participant" in done.output
        again = runner.invoke(cli, ["data", "purge"])
        assert again.exit_code == 0 and again.output.strip() == "0 item(s) removed."
