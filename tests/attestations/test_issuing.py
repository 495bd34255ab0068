"""Automatic issuing: once per participant, under retries and concurrent triggers; numbering;
supersession and revocation keep every version; issued content never changes."""

import re
import threading

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from lexom_learning.extensions import db
from lexom_learning.services import attestations, sessions
from lexom_learning.services.errors import Conflict, Invalid
from lexom_learning.storage import Attestation, AttestationAudit, CompletionEvent, TrainingSession
from lexom_learning.storage.guards import ERASURE_OPTION, AppendOnlyError
from tests.attestations.conftest import attend
from tests.conftest import at_once


def count(**where) -> int:
    query = select(func.count()).select_from(Attestation)
    for key, value in where.items():
        query = query.where(getattr(Attestation, key) == value)
    return db.session.scalar(query)


def test_nothing_is_issued_before_closing_nor_without_attendance(world, course):
    attend(world.session, course, world.participant, "d1-am")
    assert attestations.issue_due(world.session, course).issued == []
    report = attestations.close_and_issue(world.session, course)
    assert [a.participant_id for a in report.issued] == [world.participant.id]
    assert report.not_eligible == 1  # the second participant attended nothing
    assert count() == 1


def test_closing_by_any_path_issues_through_the_hook(world, course):
    attend(world.session, course, world.participant, "d1-am", paper=True)
    sessions.close_session(world.session)
    assert count(participant_id=world.participant.id) == 1


def test_a_retry_issues_nothing_more(world, course, issued):
    again = attestations.issue_due(world.session, course)
    assert again.issued == [] and again.superseded == [] and again.unchanged == 1
    assert count() == 1
    events = db.session.scalars(
        select(CompletionEvent).where(CompletionEvent.verb == "attestation_issued")
    ).all()
    assert [e.object_id for e in events] == [issued.number]


def test_concurrent_triggers_issue_exactly_one_attestation(app, world, course):
    """Two threads (two connections) run the issuing rule of a closed session at once."""
    attend(world.session, course, world.participant, "d1-am")
    attend(world.session, course, world.second, "d2-pm", paper=True)
    world.session.status = "closed"  # without the on_close hook: the threads race to issue
    db.session.commit()
    session_id = world.session.id
    barrier = threading.Barrier(2)

    def trigger():
        with app.app_context():
            training = db.session.get(TrainingSession, session_id)
            barrier.wait(timeout=10)
            attestations.issue_due(training, course)
            db.session.remove()

    _, errors = at_once(trigger)
    assert errors == []
    db.session.expire_all()
    assert count() == 2
    assert count(participant_id=world.participant.id, status="valid") == 1
    assert count(participant_id=world.second.id, status="valid") == 1
    numbers = db.session.scalars(select(Attestation.number).order_by(Attestation.number)).all()
    year = re.search(r"-(\d{4})-", numbers[0]).group(1)
    assert numbers == [f"MRK-STRA-05-{year}-00001", f"MRK-STRA-05-{year}-00002"]


def test_numbers_follow_each_other_across_sessions(world, course, factories, issued):
    other = factories.SessionFactory(trainer=world.other_trainer, over=True)
    person = factories.ParticipantFactory(session=other)
    attend(other, course, person, "d1-am", trainer=world.other_trainer, paper=True)
    second = attestations.close_and_issue(other, course).issued[0]
    prefix, sequence = issued.number.rsplit("-", 1)
    assert second.number == f"{prefix}-{int(sequence) + 1:05d}"
    assert issued.number.startswith("MRK-STRA-05-20")


def test_attendance_recorded_after_closing_supersedes_with_a_new_version(world, course, issued):
    attend(world.session, course, world.participant, "d2-am", paper=True)
    db.session.expire_all()
    versions = db.session.scalars(
        select(Attestation)
        .where(Attestation.participant_id == world.participant.id)
        .order_by(Attestation.version)
    ).all()
    assert [(a.version, a.status) for a in versions] == [(1, "superseded"), (2, "valid")]
    old, new = versions
    assert new.supersedes_id == old.id and new.number != old.number
    assert old.snapshot["attendance"]["hours_attended"] == 7.0
    assert new.snapshot["attendance"]["hours_attended"] == 10.5
    assert new.snapshot["supersedes"] == old.number
    assert old.pdf and old.sha256 != new.sha256
    # The second participant had no half-day until now: the late paper signature issues theirs.
    attend(world.session, course, world.second, "d1-am", paper=True)
    assert count(participant_id=world.second.id) == 1


def test_supersede_and_revoke_need_a_reason_and_keep_old_versions(world, course, issued):
    with pytest.raises(Invalid):
        attestations.supersede(issued, course, world.compliance.get_id(), "  ")
    new = attestations.supersede(issued, course, world.compliance.get_id(), "Nom mal orthographié")
    with pytest.raises(Conflict):
        attestations.revoke(issued, world.compliance.get_id(), "déjà remplacée")
    with pytest.raises(Invalid):
        attestations.revoke(new, world.compliance.get_id(), "")
    attestations.revoke(new, world.compliance.get_id(), "Absence constatée")
    db.session.expire_all()
    rows = db.session.scalars(select(Attestation).order_by(Attestation.version)).all()
    assert [(a.version, a.status) for a in rows] == [(1, "superseded"), (2, "revoked")]
    assert rows[1].revoked_reason == "Absence constatée"
    assert rows[1].revoked_by == world.compliance.get_id() and rows[1].revoked_at
    trail = db.session.scalars(select(AttestationAudit).order_by(AttestationAudit.id)).all()
    assert [(a.action, a.reason) for a in trail] == [
        ("issued", None),
        ("superseded", "Nom mal orthographié"),
        ("issued", "Nom mal orthographié"),
        ("revoked", "Absence constatée"),
    ]
    # A revoked attestation is not issued again behind compliance's back.
    assert attestations.issue_due(world.session, course).issued == []
    assert count() == 2


@pytest.mark.parametrize(
    "column, value",
    [
        ("pdf", b"%PDF-forged"),
        ("sha256", "0" * 64),
        ("snapshot", {"forged": True}),
        ("number", "X-2026-00001"),
        ("certificate_pdf", b"x"),
    ],
)
def test_issued_content_cannot_be_updated_through_the_orm(issued, column, value):
    setattr(issued, column, value)
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize(
    "column, value",
    [("pdf", b"%PDF-forged"), ("sha256", "0" * 64), ("snapshot", '{"forged": true}')],
)
def test_issued_content_cannot_be_updated_even_in_sql(issued, column, value):
    statement = (
        update(Attestation)
        .where(Attestation.id == issued.id)
        .values({column: value})
        .execution_options(synchronize_session=False)
    )
    with pytest.raises(AppendOnlyError):  # the session refuses it (storage/guards.py)
        db.session.execute(statement)
    db.session.rollback()
    # The database refuses it too, even when it claims to be an erasure (issue 16).
    with pytest.raises(DBAPIError):
        db.session.execute(statement.execution_options(**{ERASURE_OPTION: True}))
        db.session.commit()
    db.session.rollback()
    db.session.expire_all()
    assert db.session.get(Attestation, issued.id).sha256 == issued.sha256


def test_a_status_changes_only_once_even_in_sql(issued, world):
    attestations.revoke(issued, world.compliance.get_id(), "Erreur")
    with pytest.raises(DBAPIError):
        db.session.execute(text("UPDATE attestations SET status = 'valid'"))
        db.session.commit()
    db.session.rollback()


def test_attestations_are_never_deleted(issued):
    db.session.delete(issued)
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()


def test_signatures_cannot_be_updated_in_sql(world, course, issued):
    with pytest.raises(DBAPIError):
        db.session.execute(text("UPDATE attendance_signatures SET slot = 'd2-pm'"))
        db.session.commit()
    db.session.rollback()


def test_the_cli_issues_what_is_due(world, course, runner):
    from lexom_learning.cli import cli

    attend(world.session, course, world.participant, "d1-am", paper=True)
    world.session.status = "closed"  # closed by a process that died before issuing
    db.session.commit()
    first = runner.invoke(cli, ["attestations", "issue-due"])
    assert first.exit_code == 0, first.output
    assert "1 attestation(s) émise(s)" in first.output
    second = runner.invoke(cli, ["attestations", "issue-due"])
    assert "0 attestation(s) émise(s)" in second.output
    db.session.expire_all()
    assert count() == 1
