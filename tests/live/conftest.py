"""Live-quiz fixtures: a room (a session, its trainer, three participants) and an outsider's
session, plus a small client for the live-quiz API that checks answers against the document."""

from dataclasses import dataclass, field
from typing import Any

import pytest

from lexom_learning.storage import Participant, TrainingSession, User
from tests.api.helpers import Api

LIVE_SET = "live-day1"


@dataclass
class Room:
    """A session with its trainer and participants, and everyone who must be refused."""

    session: TrainingSession
    trainer: User
    participants: list[Participant]
    outsider: Participant
    other_trainer: User
    compliance: User
    admin: User
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def alice(self) -> Participant:
        """The first participant."""
        return self.participants[0]

    @property
    def bob(self) -> Participant:
        """The second participant."""
        return self.participants[1]


@pytest.fixture
def room(factories) -> Room:
    session = factories.SessionFactory()
    other = factories.SessionFactory()
    names = ("Alice Durand", "Bruno Lefèvre", "Chloé Masson")
    return Room(
        session=session,
        trainer=session.trainer,
        participants=[factories.ParticipantFactory(session=session, name=n) for n in names],
        outsider=factories.ParticipantFactory(session=other, name="Olivier Dehors"),
        other_trainer=other.trainer,
        compliance=factories.UserFactory(role="compliance"),
        admin=factories.UserFactory(role="admin"),
    )


class LiveApi(Api):
    """The checking API client, with the live-quiz calls spelled out."""

    def start(self, room: Room, quiz_id: str = LIVE_SET, **body) -> int:
        """Start a run as the room's trainer and return its id."""
        response = self.post(
            f"/sessions/{room.session.id}/live-quizzes", room.trainer, {"quiz_id": quiz_id, **body}
        )
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()["id"]

    def move(self, room_or_user, lid: int, action: str):
        """Move the run as the room's trainer (or as the given user)."""
        who = room_or_user.trainer if isinstance(room_or_user, Room) else room_or_user
        return self.post(f"/live-quizzes/{lid}/{action}", who)

    def answer(self, who, lid: int, question_id: str, response: Any, **kwargs):
        """PUT an answer as ``who``."""
        return self.call(
            "PUT",
            f"/live-quizzes/{lid}/answers/{question_id}",
            who,
            {"response": response},
            **kwargs,
        )

    def state(self, who, lid: int, **kwargs):
        """GET the run as ``who`` sees it."""
        return self.get(f"/live-quizzes/{lid}", who, **kwargs)

    def results(self, who, lid: int):
        """GET the run's results."""
        return self.get(f"/live-quizzes/{lid}/results", who)


@pytest.fixture
def api(client) -> LiveApi:
    return LiveApi(client)


@pytest.fixture
def live_set(course):
    """The first live-quiz set of the course."""
    return course.quiz(LIVE_SET)
