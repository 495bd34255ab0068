"""Issuing attestations on a bare session: the rule, the numbers, the public address, the
context's clock, the audit trail in the same unit of work, supersede and revoke, no Flask app."""

from datetime import timedelta

import flask
import pytest
from sqlalchemy import select

from lexom_learning.services import attendance, attestations
from lexom_learning.services.errors import Conflict, Invalid
from lexom_learning.storage import Attestation, AttestationAudit, CompletionEvent

from .conftest import BASE_URL, NOW


def _close(ctx, training) -> None:
    training.status, training.closed_at = "closed", ctx.clock()
    ctx.session.commit()


def _trail(ctx) -> list[tuple[str, int | None]]:
    rows = ctx.session.scalars(select(AttestationAudit).order_by(AttestationAudit.id))
    return [(row.action, row.attestation_id) for row in rows]


@pytest.fixture
def closed(ctx, training, course):
    """The session closed the day after, Léa's first morning signed on paper, Hugo absent."""
    lea, _ = training.participants
    attendance.record_paper(training, course, training.trainer, lea.id, "d1-am", "Oubli", ctx=ctx)
    _close(ctx, training)
    return training


def test_the_rule_issues_once_with_the_context_clock_and_address(ctx, closed):
    lea, hugo = closed.participants
    reports = attestations.issue_due_attestations(ctx, closed.id)
    assert not flask.has_app_context()
    report = reports[closed.id]
    [issued] = report.issued
    assert (issued.participant_id, issued.version, issued.status) == (lea.id, 1, "valid")
    assert report.not_eligible == 1  # Hugo attended no half-day
    assert issued.issued_at == NOW
    assert issued.number == "MRK-STRA-05-2026-00001"
    assert issued.snapshot["verify_url"] == f"{BASE_URL}/verify/{issued.number}"
    assert issued.pdf.startswith(b"%PDF") and issued.certificate_pdf.startswith(b"%PDF")
    ctx.session.rollback()  # the audit line and the log line were committed with the row
    assert _trail(ctx) == [("issued", issued.id)]
    verbs = ctx.session.scalars(select(CompletionEvent.verb)).all()
    assert "attestation_issued" in verbs
    again = attestations.issue_due_attestations(ctx, closed.id)[closed.id]
    assert (again.issued, again.unchanged, again.not_eligible) == ([], 1, 1)
    assert hugo.id not in {a.participant_id for a in ctx.session.scalars(select(Attestation))}


def test_a_correction_after_closing_supersedes_through_the_same_context(ctx, closed, course):
    lea, _ = closed.participants
    [first] = attestations.issue_due_attestations(ctx, closed.id)[closed.id].issued
    ctx.clock.now = NOW + timedelta(days=1)
    attendance.record_paper(closed, course, closed.trainer, lea.id, "d1-pm", "Oubli", ctx=ctx)
    rows = ctx.session.scalars(select(Attestation).order_by(Attestation.version)).all()
    assert [(a.version, a.status) for a in rows] == [(1, "superseded"), (2, "valid")]
    assert rows[1].issued_at == NOW + timedelta(days=1)
    assert rows[1].snapshot["supersedes"] == first.number
    assert [action for action, _ in _trail(ctx)] == ["issued", "superseded", "issued"]


def test_revoke_and_a_logged_download_are_their_own_units_of_work(ctx, closed):
    [issued] = attestations.issue_due_attestations(ctx, closed.id)[closed.id].issued
    with pytest.raises(Invalid):
        attestations.revoke(issued, "compliance:1", "  ", ctx)
    attestations.revoke(issued, "compliance:1", "Erreur de session", ctx)
    ctx.session.rollback()
    assert (issued.status, issued.revoked_reason) == ("revoked", "Erreur de session")
    assert issued.revoked_at == NOW
    with pytest.raises(Conflict):
        attestations.revoke(issued, "compliance:1", "Encore", ctx)
    details = {"via": "test"}
    attestations.record_audit(closed.id, "downloaded", "admin:1", attestation=issued, ctx=ctx)
    attestations.record_audit(closed.id, "exported_zip", "admin:1", details=details, ctx=ctx)
    ctx.session.rollback()
    assert _trail(ctx) == [
        ("issued", issued.id),
        ("revoked", issued.id),
        ("downloaded", issued.id),
        ("exported_zip", None),
    ]
    [*_, exported] = ctx.session.scalars(select(AttestationAudit).order_by(AttestationAudit.id))
    assert (exported.actor, exported.details) == ("admin:1", details)
