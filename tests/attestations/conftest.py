"""Fixtures of the attendance and attestation tests: a world, signed half-days, issued papers."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest
import time_machine

from lexom_learning.clock import PARIS
from lexom_learning.services import attendance, attestations
from lexom_learning.storage import Participant, TrainingSession, User
from tests.api.helpers import Api
from tests.factories import SignatureFactory


@dataclass
class World:
    """Two sessions by two trainers, two participants in mine, one in theirs, staff."""

    session: TrainingSession
    trainer: User
    participant: Participant
    second: Participant
    other_session: TrainingSession
    other_trainer: User
    other_participant: Participant
    compliance: User
    admin: User

    def who(self, name: str) -> User | Participant | None:
        """Return the caller called ``name`` (None for "anonymous")."""
        return None if name == "anonymous" else getattr(self, name)


@pytest.fixture
def world(factories) -> World:
    mine = factories.SessionFactory(location="Lyon — salle « Garance »", over=True)
    theirs = factories.SessionFactory(over=True)
    return World(
        session=mine,
        trainer=mine.trainer,
        participant=factories.ParticipantFactory(session=mine, name="Hélène Lefèvre-Ngô"),
        second=factories.ParticipantFactory(session=mine, name="Zoé Œuvray"),
        other_session=theirs,
        other_trainer=theirs.trainer,
        other_participant=factories.ParticipantFactory(session=theirs),
        compliance=factories.UserFactory(role="compliance"),
        admin=factories.UserFactory(role="admin"),
    )


def during(training, day: int = 1, at: time = time(9, 30)):
    """Travel to a moment of a (default-scheduled) session's day ``day``, Paris time."""
    moment = datetime.combine(training.starts_on + timedelta(days=day - 1), at, tzinfo=PARIS)
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def api(client) -> Api:
    return Api(client)


def attend(training, course, participant, slot: str, trainer=None, paper: bool = False):
    """Make a half-day count: a paper signature, or a typed one countersigned."""
    trainer = trainer or training.trainer
    if paper:
        return attendance.record_paper(training, course, trainer, participant.id, slot, "Oubli")
    SignatureFactory(person=participant, slot=slot)
    return attendance.countersign(training, course, trainer, participant.id, slot)


@pytest.fixture
def issued(world, course):
    """Close my session after one half-day for the first participant: one attestation."""
    attend(world.session, course, world.participant, "d1-am")
    attend(world.session, course, world.participant, "d1-pm", paper=True)
    report = attestations.close_and_issue(world.session, course)
    assert len(report.issued) == 1
    return report.issued[0]
