"""The one way a graded answer becomes an append-only ``Answer`` record."""

from datetime import datetime

from ..quizzes import Graded
from ..quizzes.base import QuestionSpec
from ..storage import Answer, Participant


def answer_record(
    participant: Participant,
    context: str,
    context_id: str,
    question: QuestionSpec,
    answer: Graded,
    content_version: str,
    created_at: datetime | None = None,
) -> Answer:
    """Return the record of a participant's graded answer, tied to the question's objectives."""
    record = Answer(
        session_id=participant.session_id,
        participant_id=participant.id,
        context=context,
        context_id=context_id,
        question_id=question.id,
        response=answer.response,
        earned=answer.result.earned,
        possible=answer.result.possible,
        correct=answer.result.correct,
        objectives=list(question.objectives),
        content_version=content_version,
    )
    if created_at is not None:
        record.created_at = created_at
    return record
