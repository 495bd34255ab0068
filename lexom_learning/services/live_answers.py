"""Live answers: keep every submission, recognise retries, and count the last one at closing.

An answer is validated and graded once, here (``quizzes.judge``); its normalised response and
result are stored and handed on (``live.cards``, ``live.tally``, ``services.live_results``).

This is the hot path of a room of phones, so it speaks Core SQL: one statement inserts an
answer only while its question is open and only if it differs from the participant's last one.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, exists, func, insert, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..live import Status, accepts_answer
from ..modules import Course
from ..quizzes import ResponseError, Result, judge
from ..quizzes.base import QuestionSpec
from ..storage import AccessLink, Answer, LiveAnswer, LiveRun, TrainingSession
from ..storage.types import utcnow
from ..translatable import Message
from .errors import Conflict, Invalid, NotFound, ServiceError
from .idempotency import checked_key
from .session_state import OPEN, ensure_open

MAX_RETRIES = 3
ANSWERS = LiveAnswer.__table__


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a participant gets back for a submission: never whether it was right."""

    run_id: int
    question_id: str
    changes: int
    repeated: bool


@dataclass(frozen=True, slots=True)
class Judgement:
    """A response validated and graded once: its normalised value and result, or its refusal."""

    value: Any = None
    result: Result | None = None
    refusal: Message | None = None


def judgement(spec: QuestionSpec, response: Any) -> Judgement:
    """Validate and grade a response (``quizzes.judge``): the only time; a refusal is returned.

    Whether a refusal is said (422) or the question's state is (409) depends on the run as
    stored when the answer is refused: ``submit_answer`` decides.
    """
    try:
        value, result = judge(spec, response)
    except ResponseError as error:
        return Judgement(refusal=error.text)
    except (OverflowError, RecursionError):
        return Judgement(refusal=Message("Réponse illisible."))
    return Judgement(value, result)


def judged_in_run(run, course: Course, question_id: str, response: Any) -> Judgement | None:
    """Return the judgement of a response to one of the run's questions, or None when the
    question is not the run's (``submit_answer`` says so)."""
    try:
        _, spec = question_of(run, course, question_id)
    except NotFound:
        return None
    return judgement(spec, response)


def question_of(run, course: Course, question_id: str) -> tuple[int, QuestionSpec]:
    """Return the position and spec of one of the run's questions.

    :raises NotFound: the question is not part of this run.
    """
    try:
        index = list(run.question_ids).index(question_id)
    except ValueError:
        raise NotFound("Question inconnue dans ce quiz.") from None
    spec = course.question(question_id)
    if spec is None:
        raise NotFound("Cette question n'existe plus dans la formation.")
    return index, spec


def not_open_message(run, index: int) -> Message:
    """Explain why question ``index`` takes no answer now."""
    state = run.state
    if state.status is Status.FINISHED:
        return Message("Le quiz est terminé : les réponses ne sont plus acceptées.")
    if state.index is None:
        return Message("Le quiz n'a pas encore commencé : attendez l'ouverture de la question.")
    number = {"number": index + 1}
    if index > state.index:
        return Message("La question %(number)s n'est pas encore ouverte.", number)
    return Message(
        "La question %(number)s est fermée : les réponses ne sont plus acceptées.", number
    )


def body_hash(response: Any) -> str:
    """Return a digest of a response as sent, to recognise a retried identical request."""
    text = json.dumps(response, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def submit_answer(
    run,
    participant_id: int,
    course: Course,
    question_id: str,
    response,
    executor=None,
    request_id: str | None = None,
    judged: Judgement | None = None,
) -> Receipt:
    """Keep a participant's answer to the open question; the last one before closing counts.

    The same body sent again (a retry) stores nothing and gets the same receipt, even after
    the close. So does a request whose ``request_id`` (the phone's id of each answer) was
    already stored, even after other answers: a late resend of answer A after B is the earlier
    request, never the last answer. The caller has checked that the participant belongs to the
    run's session.
    ``executor`` runs the statements and commits: the request's session by default, or a bare
    connection (``web.live.shortcut``, outside any app context). ``judged``: the response's
    judgement when the caller made it (``judged_in_run``), so that nothing judges it again.

    :raises NotFound: the question is not part of this run.
    :raises Conflict: the session is closing or closed, or the question is not open (or closed
        while the answer was on its way).
    :raises Invalid: the response is malformed for this question type, or the request id.
    """
    request_id = checked_key(request_id, "request_id")
    executor = db.session if executor is None else executor
    index, spec = question_of(run, course, question_id)
    digest = body_hash(response)
    try:
        ensure_open(run.session_id, executor=executor)
    except Conflict:
        earlier = _by_request(executor, run.id, participant_id, question_id, request_id)
        latest = _latest(executor, run.id, participant_id, question_id)
        executor.rollback()
        if earlier is not None:
            return Receipt(run.id, question_id, earlier, True)  # a late resend: nothing new
        if latest is not None and latest.body_hash == digest:
            return Receipt(run.id, question_id, latest.seq, True)  # a retry: nothing new
        raise
    if judged is None:
        judged = judgement(spec, response)  # the only validation and grading of the answer
    value, result = judged.value, judged.result
    if judged.refusal is not None and accepts_answer(run.state, index):
        raise Invalid(judged.refusal, "response")
    # Refused while not open: a retry may still be recognised below, else 409.
    for _ in range(MAX_RETRIES):
        if result is not None:
            try:
                statement, params = _insert_if_new(
                    run.id, participant_id, question_id, index, digest, value, result
                )
                params["request_id"] = request_id
                seq = executor.execute(statement, params).scalar()
            except IntegrityError:  # a concurrent submission took the same seq: look again
                executor.rollback()
                continue
            if seq is not None:
                executor.commit()
                return Receipt(run.id, question_id, seq, False)
            executor.rollback()
        earlier = _by_request(executor, run.id, participant_id, question_id, request_id)
        if earlier is not None:
            return Receipt(run.id, question_id, earlier, True)
        latest = _latest(executor, run.id, participant_id, question_id)
        if latest is not None and latest.body_hash == digest:
            return Receipt(run.id, question_id, latest.seq, True)
        raise Conflict(not_open_message(_fresh(executor, run), index))
    raise Conflict("Trop de réponses simultanées pour cette question : réessayez.")


def store_first_time(
    run,
    participant_id: int,
    link_id: int,
    course: Course,
    question_id: str,
    response,
    executor,
    request_id: str | None = None,
    judged: Judgement | None = None,
) -> Receipt | None:
    """Store a new answer in one statement for a caller checked earlier, or return None.

    For a caller whose token was checked on an earlier request (``web.live.shortcut``): the
    run's questions and the link's participant never change, and the statement itself checks
    what may have changed since (the question still open, the link not revoked). None means
    nothing was stored (not open, a repeat, a revoked link, a malformed response, a concurrent
    submission): the caller then takes the full path, ``submit_answer``, which says why,
    handed the same ``judged`` (``judged_in_run``) so that nothing judges the response twice.
    """
    try:
        index, spec = question_of(run, course, question_id)
    except ServiceError:
        return None
    if judged is None:
        judged = judgement(spec, response)
    if judged.result is None:
        return None
    _, params = _insert_if_new(
        run.id, participant_id, question_id, index, body_hash(response), judged.value, judged.result
    )
    params["request_id"] = request_id
    try:
        seq = executor.execute(INSERT_IF_NEW_ON_LINK, {**params, "link_id": link_id}).scalar()
    except IntegrityError:
        seq = None
    if seq is None:
        executor.rollback()
        return None
    executor.commit()
    return Receipt(run.id, question_id, seq, False)


def _fresh(executor, run):
    """Return the run as stored now (it may have moved since it was read)."""
    from .live_lookup import run_view

    return run_view(run.id, executor) or run


def _mine():
    return (
        (ANSWERS.c.run_id == bindparam("run_id"))
        & (ANSWERS.c.participant_id == bindparam("participant_id"))
        & (ANSWERS.c.question_id == bindparam("question_id"))
    )


# The hot path's statements are built once: building a statement costs more than running it.
LATEST = (
    select(ANSWERS.c.seq, ANSWERS.c.body_hash)
    .where(_mine())
    .order_by(ANSWERS.c.seq.desc())
    .limit(1)
)


BY_REQUEST = select(ANSWERS.c.seq).where(_mine(), ANSWERS.c.request_id == bindparam("request_id"))


def _by_request(executor, run_id, participant_id, question_id, request_id) -> int | None:
    """Return the seq of the answer stored for that request id, or None."""
    if request_id is None:
        return None
    mine = {"run_id": run_id, "participant_id": participant_id, "question_id": question_id}
    return executor.execute(BY_REQUEST, {**mine, "request_id": request_id}).scalar()


def _latest(executor, run_id: int, participant_id: int, question_id: str):
    mine = {"run_id": run_id, "participant_id": participant_id, "question_id": question_id}
    return executor.execute(LATEST, mine).first()


def _build_insert_if_new(on_link: bool = False):
    """One statement: insert the answer while the question is open, unless it repeats the last.

    It returns the new ``seq``, or nothing. SQLite runs it under its single write lock, and
    PostgreSQL's FOR SHARE makes a concurrent close wait for it (or makes it see the close), so
    no answer is ever stored after the close has counted the last ones, nor once the session
    is closing or closed (``session_state``: the same rule, in the statement). ``on_link``:
    only while the access link ``link_id`` is unrevoked (a caller whose token was checked before).
    """
    runs, sessions = LiveRun.__table__, TrainingSession.__table__
    still_open = (
        select(runs.c.id)
        .select_from(runs.join(sessions, sessions.c.id == runs.c.session_id))
        .where(
            runs.c.id == bindparam("run_id"),
            runs.c.status == Status.OPEN.value,
            runs.c.current_index == bindparam("index"),
            sessions.c.status == OPEN,
        )
        .with_for_update(read=True)
    )
    last_seq = select(func.max(ANSWERS.c.seq)).where(_mine()).scalar_subquery()
    repeats_last = select(ANSWERS.c.id).where(
        _mine(), ANSWERS.c.seq == last_seq, ANSWERS.c.body_hash == bindparam("body_hash")
    )
    # The phone's request id already stored: a late resend (never true for a NULL id).
    sent_before = select(ANSWERS.c.id).where(
        _mine(), ANSWERS.c.request_id == bindparam("request_id")
    )
    names = ("run_id", "participant_id", "question_id", "response", "body_hash", "earned")
    names += ("possible", "correct", "created_at", "request_id")
    row = select(
        *(bindparam(name, type_=ANSWERS.c[name].type) for name in names),
        func.coalesce(last_seq, 0) + 1,
    ).where(exists(still_open), ~exists(repeats_last), ~exists(sent_before))
    if on_link:
        links = AccessLink.__table__
        row = row.where(
            exists(
                select(links.c.id).where(
                    links.c.id == bindparam("link_id"),
                    links.c.participant_id == bindparam("participant_id"),
                    links.c.revoked_at.is_(None),
                )
            )
        )
    return insert(ANSWERS).from_select([*names, "seq"], row).returning(ANSWERS.c.seq)


INSERT_IF_NEW, INSERT_IF_NEW_ON_LINK = _build_insert_if_new(), _build_insert_if_new(on_link=True)


def _insert_if_new(run_id, participant_id, question_id, index, digest, response, result):
    """Return the insert of an answer and its parameters (see ``_build_insert_if_new``).

    ``response`` is the validated, normalised response: what was counted is what is kept, so
    the phone, the projector and the results read it back without validating it again.
    """
    return INSERT_IF_NEW, {
        "run_id": run_id,
        "participant_id": participant_id,
        "question_id": question_id,
        "index": index,
        "response": response,
        "body_hash": digest,
        "earned": result.earned,
        "possible": result.possible,
        "correct": result.correct,
        "created_at": utcnow(),
        "request_id": None,
    }


def last_answers(run_id: int, question_id: str | None = None):
    """Return each participant's last submission per question of a run (Core rows)."""
    filters = [ANSWERS.c.run_id == run_id]
    if question_id is not None:
        filters.append(ANSWERS.c.question_id == question_id)
    last = (
        select(
            ANSWERS.c.participant_id, ANSWERS.c.question_id, func.max(ANSWERS.c.seq).label("seq")
        )
        .where(*filters)
        .group_by(ANSWERS.c.participant_id, ANSWERS.c.question_id)
        .subquery()
    )
    query = select(
        ANSWERS.c.participant_id,
        ANSWERS.c.question_id,
        ANSWERS.c.response,
        ANSWERS.c.earned,
        ANSWERS.c.possible,
        ANSWERS.c.correct,
    ).join(
        last,
        (ANSWERS.c.participant_id == last.c.participant_id)
        & (ANSWERS.c.question_id == last.c.question_id)
        & (ANSWERS.c.seq == last.c.seq),
    )
    return db.session.execute(query.where(*filters)).all()


def count_last_answers(run, course: Course, question_id: str, now) -> None:
    """Copy each participant's last answer to a question into ``answers`` (context ``live``)."""
    spec = course.question(question_id)
    objectives = list(spec.objectives) if spec is not None else []
    rows = [
        {
            "session_id": run.session_id,
            "participant_id": row.participant_id,
            "context": "live",
            "context_id": str(run.id),
            "question_id": question_id,
            "response": row.response,
            "earned": row.earned,
            "possible": row.possible,
            "correct": row.correct,
            "objectives": objectives,
            "content_version": run.content_version,
            "created_at": now,
        }
        for row in last_answers(run.id, question_id)
    ]
    if rows:
        db.session.execute(insert(Answer), rows)
