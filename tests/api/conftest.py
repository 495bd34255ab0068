"""API fixtures: a world of two sessions and every kind of caller, and the checking client."""

from dataclasses import dataclass

import pytest

from lexom_learning.storage import Participant, TrainingSession, User
from tests.api.helpers import Api


@dataclass
class World:
    """Two sessions by two trainers, a participant in each, compliance and admin accounts."""

    session: TrainingSession
    trainer: User
    participant: Participant
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
    mine = factories.SessionFactory()
    theirs = factories.SessionFactory()
    return World(
        session=mine,
        trainer=mine.trainer,
        participant=factories.ParticipantFactory(session=mine),
        other_session=theirs,
        other_trainer=theirs.trainer,
        other_participant=factories.ParticipantFactory(session=theirs),
        compliance=factories.UserFactory(role="compliance"),
        admin=factories.UserFactory(role="admin"),
    )


@pytest.fixture
def api(client) -> Api:
    """A client that sends bearer tokens and checks every answer against the document."""
    return Api(client, strict_keys=True)
