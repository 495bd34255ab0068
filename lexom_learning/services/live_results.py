"""What each audience sees of a live run: a participant's phone, the trainer and projector, results.

A participant's view is built here and only here: before a question closes it holds the
question's card (never the answer) and the participant's own response; after closing, whether
it was right, the solution and the explanation. Nobody else's answers ever reach it.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, case, func, select

from ..extensions import db
from ..live import (
    Standing,
    Status,
    Tally,
    card,
    chosen_options,
    closed_count,
    describe,
    is_revealed,
    rank,
    solution,
    solution_text,
    tally,
)
from ..modules import Course
from ..quizzes import ResponseError, grade
from ..quizzes.base import QuestionSpec
from ..storage import Answer, LiveAnswer, LiveRun, Participant
from .live_answers import last_answers

MISSING = "(question retirée de la formation)"


def _header(run: LiveRun) -> dict[str, Any]:
    state = run.state
    return {
        "id": run.id,
        "quiz_id": run.quiz_id,
        "title": run.title,
        "status": state.status.value,
        "total": state.total,
        "leaderboard": run.leaderboard,
        "current": None,
    }


def _card(run: LiveRun, course: Course) -> tuple[QuestionSpec | None, dict[str, Any]]:
    index, question_id = run.current_index, run.current_question_id
    spec = course.question(question_id)
    if spec is None:
        return None, {"index": index, "question_id": question_id, "prompt": MISSING, "options": []}
    return spec, card(spec, index)


# --- the participant's phone ------------------------------------------------------------------


ANSWERS = LiveAnswer.__table__
MY_LAST = (
    select(ANSWERS.c.seq, ANSWERS.c.response, ANSWERS.c.correct, ANSWERS.c.earned)
    .where(
        ANSWERS.c.run_id == bindparam("run_id"),
        ANSWERS.c.participant_id == bindparam("participant_id"),
        ANSWERS.c.question_id == bindparam("question_id"),
    )
    .order_by(ANSWERS.c.seq.desc())
    .limit(1)
)
COUNTS = select(func.count(), func.count(func.distinct(ANSWERS.c.participant_id))).where(
    ANSWERS.c.run_id == bindparam("run_id"), ANSWERS.c.question_id == bindparam("question_id")
)


def my_last(run, participant_id: int):
    """Return the participant's last submission to the current question (a Core row), or None."""
    if run.current_index is None or run.status == Status.FINISHED:
        return None
    params = {
        "run_id": run.id,
        "participant_id": participant_id,
        "question_id": run.current_question_id,
    }
    return db.session.execute(MY_LAST, params).first()


def participant_etag(run, participant_id: int, marker: int) -> str:
    """Return the ETag of a participant's view: it moves with the run and with their answers.

    ``marker`` is the id of their last submission in the run (``live_lookup.marker``).
    """
    return f"p{participant_id}-r{run.id}-v{run.version}-a{marker}"


def participant_state(run, participant_id: int, course: Course) -> dict[str, Any]:
    """Return what a participant may see now: never an answer before the question closes."""
    body = _header(run)
    mine = my_last(run, participant_id)
    state = run.state
    if state.status in (Status.OPEN, Status.CLOSED):
        spec, current = _card(run, course)
        current["mine"] = _mine(spec, mine)
        if state.status is Status.CLOSED and spec is not None:
            current["result"] = _result(spec, mine)
        body["current"] = current
    closed = closed_count(state)
    body["score"] = my_score(run, participant_id, closed) if closed else None
    return body


def _mine(spec: QuestionSpec | None, mine) -> dict[str, Any] | None:
    if mine is None:
        return None
    if spec is None:
        return {"response": mine.response, "text": str(mine.response), "changes": mine.seq}
    return {
        "response": mine.response,
        "text": describe(spec, mine.response),
        "chosen": chosen_options(spec, mine.response),
        "changes": mine.seq,
    }


def _result(spec: QuestionSpec, mine) -> dict[str, Any]:
    feedback: list[str] = []
    if mine is not None:
        try:
            feedback = list(grade(spec, mine.response).feedback)
        except ResponseError:
            feedback = []
    return {
        "answered": mine is not None,
        "correct": mine.correct if mine is not None else None,
        "earned": mine.earned if mine is not None else 0.0,
        "possible": float(spec.points) if spec.graded else 0.0,
        "solution": solution(spec),
        "solution_text": solution_text(spec),
        "explanation": spec.explanation,
        "feedback": feedback,
    }


def my_score(run: LiveRun, participant_id: int, closed: int) -> dict[str, int]:
    """Return the participant's own counted answers so far: how many, how many right."""
    answered, right = db.session.execute(
        select(func.count(), func.coalesce(func.sum(case((Answer.correct, 1), else_=0)), 0)).where(
            Answer.participant_id == participant_id,
            Answer.context == "live",
            Answer.context_id == str(run.id),
        )
    ).one()
    return {"answered": int(answered), "correct": int(right), "closed": closed}


# --- the trainer and the projector ------------------------------------------------------------


def answer_counts(run) -> tuple[int, int]:
    """Return (submissions, participants who answered) for the current question."""
    if run.current_index is None:
        return 0, 0
    params = {"run_id": run.id, "question_id": run.current_question_id}
    submissions, answered = db.session.execute(COUNTS, params).one()
    return int(submissions), int(answered)


def trainer_etag(run: LiveRun, submissions: int) -> str:
    """Return the ETag of the trainer's and projector's views."""
    return f"t-r{run.id}-v{run.version}-s{submissions}"


def trainer_state(run: LiveRun, course: Course, answered: int) -> dict[str, Any]:
    """Return the run as the trainer sees it: the current question with its solution."""
    body = _header(run)
    if run.current_index is not None and run.status != Status.FINISHED:
        spec, current = _card(run, course)
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


def enrolled(run: LiveRun) -> int:
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


def results(run: LiveRun, course: Course) -> RunResults:
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
        counted = tally(spec, [(r.response, r.correct) for r in rows]) if spec else None
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

    run: LiveRun
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


def board(run: LiveRun, course: Course, answered: int, live_counts: bool = False) -> Board:
    """Return the projector's view; the histogram only once the question is closed.

    ``live_counts`` (the trainer's own screen) shows the histogram while the question is open.
    """
    spec, shown = (None, None)
    if run.current_index is not None and run.status != Status.FINISHED:
        spec, shown = _card(run, course)
    result = Board(run, spec, shown, answered, enrolled(run))
    if spec is not None and (run.status == Status.CLOSED or live_counts):
        rows = last_answers(run.id, spec.id)
        result.tally = tally(spec, [(r.response, r.correct) for r in rows])
    if run.leaderboard and closed_count(run.state):
        result.standings = results(run, course).leaderboard
    return result
