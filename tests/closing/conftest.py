"""A session caught in full swing when it closes: a live question open, the positioning and hot
evaluations open, a role play under way; and a count of every record evidence could add."""

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from lexom_learning.extensions import db
from lexom_learning.services import evaluations, live, roleplay
from lexom_learning.storage import (
    Answer,
    AttendanceSignature,
    CompletionEvent,
    EvaluationSubmission,
    EvaluationWindow,
    LiveAnswer,
    LiveRun,
    Participant,
    QuizAttempt,
    RolePlayGrading,
    RolePlayRun,
    RolePlayScore,
    TrainingSession,
    User,
)
from tests.api.helpers import Api

CASE = "rp-m1-diagnostic-cosmetiques"
LIVE_SET = "live-day1"
EVIDENCE = (
    Answer,
    AttendanceSignature,
    CompletionEvent,
    EvaluationSubmission,
    LiveAnswer,
    LiveRun,
    Participant,
    QuizAttempt,
    RolePlayGrading,
    RolePlayRun,
    RolePlayScore,
)


@dataclass
class Busy:
    """The session, its trainer, four participants (the last observes), the runs under way."""

    session: TrainingSession
    trainer: User
    people: list[Participant]
    live_run: LiveRun
    roleplay_run: RolePlayRun

    @property
    def alice(self) -> Participant:
        return self.people[0]

    @property
    def observer(self) -> Participant:
        return self.people[3]


def stored() -> dict[str, int]:
    """Count every table a new piece of evidence would add a row to."""
    counts = {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in EVIDENCE}
    db.session.rollback()
    return counts


@pytest.fixture
def busy(app, factories, course) -> Busy:
    """A session with everything under way (not closed yet)."""
    trainer = factories.UserFactory(role="trainer")
    session = factories.SessionFactory(trainer=trainer, over=True)
    people = [factories.ParticipantFactory(session=session) for _ in range(4)]
    for kind in evaluations.ROOM_KINDS:
        evaluations.set_open(session, course, kind, trainer, True)
    run = live.start_run(session, course, LIVE_SET, trainer)
    live.move(run, course, "next")
    play = roleplay.create_run(session, course, CASE, trainer)
    roles = ("responsable", "directeur", "commerciale", "observateur")
    wanted = {p.id: (1, role) for p, role in zip(people, roles, strict=True)}
    roleplay.assign_by_hand(play, course, session, trainer, wanted)
    return Busy(session, trainer, people, run, play)


@pytest.fixture
def api(client) -> Api:
    return Api(client)


def windows_open(session_id: int) -> list[str]:
    """Return the room evaluations still open in a session."""
    query = select(EvaluationWindow.kind).where(
        EvaluationWindow.session_id == session_id, EvaluationWindow.closed_at.is_(None)
    )
    return sorted(db.session.scalars(query))
