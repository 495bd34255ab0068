"""Attendance on a bare session: sign, countersign, paper, absence and lateness, each one unit
of work with its log line, and the half-day states that count, without the Flask app."""

from datetime import datetime

import flask
import pytest
from sqlalchemy import func, select

from lexom_learning.clock import PARIS
from lexom_learning.services import attendance, presence
from lexom_learning.services.errors import Conflict
from lexom_learning.storage import AttendanceSignature, CompletionEvent

MONDAY_MORNING = datetime(2026, 3, 2, 9, 30, tzinfo=PARIS)


def _count(session, model, **where) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return session.scalar(query)


def _attended(ctx, training, course, participant) -> list[str]:
    states = attendance.states_for(training, course, ctx.session)[participant.id]
    return [s.slot_id for s in states if s.attended]


def test_a_signature_countersigned_counts_and_is_logged(ctx, training, course, clock):
    lea, _ = training.participants
    clock.now = MONDAY_MORNING
    row = attendance.sign(lea, course, "d1-am", "Léa Martin", "pytest", ctx=ctx)
    assert (row.kind, row.method, row.signature) == ("participant", "typed", "Léa Martin")
    assert not flask.has_app_context()
    assert _attended(ctx, training, course, lea) == []  # not countersigned yet
    attendance.countersign(training, course, training.trainer, lea.id, "d1-am", ctx=ctx)
    assert _attended(ctx, training, course, lea) == ["d1-am"]
    ctx.session.rollback()  # everything above was committed by the use cases themselves
    assert _count(ctx.session, AttendanceSignature, participant_id=lea.id) == 2
    assert _count(ctx.session, CompletionEvent, verb="attendance_signed") == 2


def test_signing_follows_the_context_clock_and_refuses_twice(ctx, training, course, clock):
    lea, _ = training.participants
    clock.now = datetime(2026, 3, 2, 7, 0, tzinfo=PARIS)  # two hours before the half-day
    with pytest.raises(Conflict, match="pas en ce moment"):
        attendance.sign(lea, course, "d1-am", "Léa Martin", ctx=ctx)
    clock.now = MONDAY_MORNING
    attendance.sign(lea, course, "d1-am", "Léa Martin", ctx=ctx)
    with pytest.raises(Conflict, match="déjà signé"):
        attendance.sign(lea, course, "d1-am", "Léa Martin", ctx=ctx)
    assert _count(ctx.session, AttendanceSignature) == 1


def test_a_closed_session_takes_no_signature(ctx, training, course, clock):
    lea, _ = training.participants
    training.status = "closed"
    ctx.session.commit()
    clock.now = MONDAY_MORNING
    with pytest.raises(Conflict, match="clôturée"):
        attendance.sign(lea, course, "d1-am", "Léa Martin", ctx=ctx)
    assert _count(ctx.session, AttendanceSignature) == 0


def test_paper_absence_and_lateness(ctx, training, course):
    lea, hugo = training.participants
    trainer = training.trainer
    attendance.record_paper(training, course, trainer, lea.id, "d1-am", "Oubli", ctx=ctx)
    ctx.clock.now = MONDAY_MORNING
    attendance.sign(hugo, course, "d1-am", "Hugo Bernard", ctx=ctx)
    attendance.mark_absent(training, course, trainer, hugo.id, "d1-am", "Parti", ctx=ctx)
    assert _attended(ctx, training, course, lea) == ["d1-am"]
    assert _attended(ctx, training, course, hugo) == []
    presence.record(training, course, trainer, lea.id, "d1-am", "09:45", None, ctx=ctx)
    [late] = [s for s in attendance.states_for(training, course, ctx.session)[lea.id] if s.attended]
    assert late.late_minutes == 45
    assert _count(ctx.session, CompletionEvent, verb="attendance_adjusted") == 1
