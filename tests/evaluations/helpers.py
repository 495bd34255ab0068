"""Helpers of the role-play and evaluation tests: a room of participants, answers to an
evaluation, a frozen clock and a recording mail transport."""

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tests.api.helpers import right_response, wrong_response

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@dataclass
class Room:
    """A trainer, their session and its participants."""

    trainer: Any
    session: Any
    people: list


def make_room(factories, size: int = 8) -> Room:
    """Create a session with ``size`` participants."""
    trainer = factories.UserFactory(role="trainer")
    session = factories.SessionFactory(trainer=trainer)
    people = [factories.ParticipantFactory(session=session) for _ in range(size)]
    return Room(trainer, session, people)


def knowledge_answers(evaluation, right: bool | dict[str, bool] = True) -> dict[str, Any]:
    """Answer every knowledge item right or wrong (a dict says it per objective)."""
    answers = {}
    for question in evaluation.knowledge_questions:
        ok = right if isinstance(right, bool) else right.get(question.objectives[0], False)
        answers[question.id] = (right_response if ok else wrong_response)(question)
    return answers


def knowing_nothing(evaluation) -> dict[str, Any]:
    """Leave every knowledge item blank and answer the rest (« je ne sais pas » everywhere)."""
    return {
        q.id: q.scale.min
        for s in evaluation.sections
        if not s.graded
        for q in s.questions
        if q.type == "likert"
    }


def likert_answers(evaluation, kind: str, value_for) -> dict[str, Any]:
    """Answer every rating question of the sections of ``kind`` with ``value_for(question)``."""
    return {
        q.id: value_for(q)
        for s in evaluation.sections
        if s.kind == kind
        for q in s.questions
        if q.type == "likert"
    }


@dataclass
class RecordingTransport:
    """A mail transport that keeps what it is asked to send (thread-safe)."""

    sent: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, message) -> None:
        """Record the message instead of sending it."""
        with self.lock:
            self.sent.append(message.key)
