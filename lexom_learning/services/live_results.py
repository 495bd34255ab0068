"""What the trainer and the projector see of a live run: counts, histograms, results, ranking.

The projector shows the histogram of a question only once it is closed; the trainer's own
screen may show it while answers come in.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, func, select

from ..extensions import db
from ..live import (
    Standing,
    Status,
    Tally,
    closed_count,
    is_revealed,
    rank,
    room_seed,
    solution,
    solution_text,
    tally,
)
from ..modules import Course
from ..quizzes.base import QuestionSpec
from ..storage import LiveAnswer, LiveRun, Participant
from .live_answers import last_answers
from .live_lookup import RunView
from .live_phone import current_card, header

ANSWERS = LiveAnswer.__table__
COUNTS = select(func.count(), func.count(func.distinct(ANSWERS.c.participant_id))).where(
    ANSWERS.c.run_id == bindparam("run_id"), ANSWERS.c.question_id == bindparam("question_id")
)


def answer_counts(run) -> tuple[int, int]:
    """Return (submissions, participants who answered) for the current question."""
    if run.current_index is None:
        return 0, 0
    params = {"run_id": run.id, "question_id": run.current_question_id}
    submissions, answered = db.session.execute(COUNTS, params).one()
    return int(submissions), int(answered)


def trainer_etag(run: LiveRun | RunView, submissions: int) -> str:
    """Return the ETag of the trainer's and projector's views."""
    return f"t-r{run.id}-v{run.version}-s{submissions}"


def trainer_state(run: LiveRun | RunView, course: Course, answered: int) -> dict[str, Any]:
    """Return the run as the trainer sees it: the current question with its solution."""
    body = header(run)
    if run.current_index is not None and run.status != Status.FINISHED:
        spec, current = current_card(run, course)
        if spec is not None:
            current.update(
                solution=solution(spec),
                solution_text=solution_text(spec),
                explanation=spec.explanation,
            )
        current["answered"] = answered
        body["current"] = current
    body["enrolled"] = enrolled(run)
    return body


def enrolled(run: LiveRun | RunView) -> int:
    """Return how many participants the run's session has."""
    query = select(func.count()).where(Participant.session_id == run.session_id)
    return int(db.session.scalar(query))


@dataclass
class QuestionResult:
    """One question of a run: where it stands and its counted answers."""

    index: int
    question_id: str
    spec: QuestionSpec | None
    status: str  # pending, open, closed
    tally: Tally | None


@dataclass
class ParticipantResult:
    """One participant's counted answers to the closed questions of a run."""

    participant_id: int
    name: str
    answered: int = 0
    correct: int = 0
    earned: float = 0.0
    possible: float = 0.0


@dataclass
class RunResults:
    """Everything the trainer keeps after a run: per question, per participant, the ranking."""

    questions: list[QuestionResult]
    participants: list[ParticipantResult]
    leaderboard: list[Standing] = field(default_factory=list)

    def question(self, index: int | None) -> QuestionResult | None:
        """Return the result of question ``index``, or None."""
        return self.questions[index] if index is not None else None


def results(run: LiveRun | RunView, course: Course) -> RunResults:
    """Count a run's last answers per question and per participant (closed questions score)."""
    state = run.state
    by_question: dict[str, list] = {}
    for row in last_answers(run.id):
        by_question.setdefault(row.question_id, []).append(row)
    people = db.session.execute(
        select(Participant.id, Participant.name)
        .where(Participant.session_id == run.session_id)
        .order_by(Participant.name)
    ).all()
    per_participant = {pid: ParticipantResult(pid, name) for pid, name in people}
    questions = []
    for index, question_id in enumerate(run.question_ids):
        spec = course.question(question_id)
        rows = by_question.get(question_id, [])
        status = _question_status(state, index)
        answers = [(r.response, r.correct) for r in rows]
        counted = tally(spec, answers, room_seed(run.id, spec.id)) if spec else None
        questions.append(QuestionResult(index, question_id, spec, status, counted))
        if status != "closed":
            continue
        for row in rows:
            person = per_participant.get(row.participant_id)
            if person is not None:
                person.answered += 1
                person.correct += bool(row.correct)
                person.earned += row.earned
                person.possible += row.possible
    participants = list(per_participant.values())
    standings = rank((p.participant_id, p.name, p.correct) for p in participants)
    return RunResults(questions, participants, standings)


def _question_status(state, index: int) -> str:
    if is_revealed(state, index):
        return "closed"
    if state.status is Status.OPEN and state.index == index:
        return "open"
    return "pending"


@dataclass
class Board:
    """What the projector (and the trainer's panel) shows of a run now."""

    run: LiveRun | RunView
    spec: QuestionSpec | None
    card: dict[str, Any] | None
    answered: int
    enrolled: int
    tally: Tally | None = None
    standings: list[Standing] = field(default_factory=list)

    @property
    def status(self) -> str:
        """Return the run's status."""
        return self.run.status


def board(
    run: LiveRun | RunView, course: Course, answered: int, live_counts: bool = False
) -> Board:
    """Return the projector's view; the histogram only once the question is closed.

    ``live_counts`` (the trainer's own screen) shows the histogram while the question is open.
    """
    spec, shown = (None, None)
    if run.current_index is not None and run.status != Status.FINISHED:
        spec, shown = current_card(run, course)
    result = Board(run, spec, shown, answered, enrolled(run))
    if spec is not None and (run.status == Status.CLOSED or live_counts):
        rows = last_answers(run.id, spec.id)
        result.tally = tally(
            spec, [(r.response, r.correct) for r in rows], room_seed(run.id, spec.id)
        )
    if run.leaderboard and closed_count(run.state):
        result.standings = results(run, course).leaderboard
    return result
