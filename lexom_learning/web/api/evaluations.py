"""Evaluation endpoints: open and close them, answer on a phone, own results, response rates,
satisfaction, per-objective attainment and the outbox."""

from flask import jsonify

from ...evaluations import response_rate
from ...quizzes import public_view
from ...services import cold, evaluations, outbox
from ...services.errors import NotFound
from ..evaluations.report import Figures, session_report
from ..evaluations.results import participant_results
from ..evaluations.satisfaction import satisfaction_summary
from ..shuffle import participant_seed
from . import bp
from .access import course_of, managed_session, participant, readable_session, staff
from .models_evaluations import (
    EvaluationResponses,
    EvaluationResults,
    EvaluationState,
    LearnerEvaluation,
    OutboxMessageList,
    SessionAttainment,
    SessionEvaluations,
)
from .spec import WRITE_OR_CONFLICT, EmptyBody, operation, validated_body


def _stamp(value):
    return value.isoformat() if value else None


def _room_kind(kind: str) -> str:
    if kind not in evaluations.ROOM_KINDS:
        raise NotFound("Évaluation introuvable.")
    return kind


def window_data(session_id: int, kind: str, invited: int) -> dict:
    """Return an evaluation's state in a session and its response rate."""
    found = evaluations.window(session_id, kind) if kind in evaluations.ROOM_KINDS else None
    respondents = evaluations.count_submissions(session_id, kind)
    status = "scheduled" if kind == "cold" else "not_opened"
    if found is not None:
        status = "open" if found.closed_at is None else "closed"
    return {
        "kind": kind,
        "status": status,
        "opened_at": _stamp(found.opened_at) if found else None,
        "closed_at": _stamp(found.closed_at) if found else None,
        "respondents": respondents,
        "invited": invited,
        "response_rate": response_rate(respondents, invited),
    }


@bp.get("/sessions/<int:sid>/evaluations")
@operation("evaluations", SessionEvaluations)
def session_evaluations(sid: int):
    """Return each evaluation's state and response rate, the satisfaction summary and the
    cold evaluation's schedule."""
    training = readable_session(sid, staff())
    course = course_of(training)
    invited = len(training.participants)
    summary = satisfaction_summary(training, course)
    invitations = cold.invitations_of(training.id)
    return jsonify(
        {
            "session_id": training.id,
            "evaluations": [window_data(training.id, k, invited) for k in evaluations.KINDS],
            "satisfaction": {
                "respondents": summary.respondents,
                "invited": summary.invited,
                "response_rate": summary.rate,
                "top_box_rate": summary.overall,
                "questions": [
                    {
                        "id": q.id,
                        "prompt": q.prompt,
                        "type": q.type,
                        "count": q.ratings.count if q.ratings else len(q.comments),
                        "mean": q.ratings.mean if q.ratings else None,
                        "distribution": {str(k): v for k, v in q.ratings.distribution.items()}
                        if q.ratings
                        else None,
                        "top_share": q.ratings.top_share if q.ratings else None,
                        "nps": q.ratings.nps if q.ratings else None,
                        "comments": list(q.comments),
                    }
                    for q in summary.questions
                ],
            },
            "cold": {
                "delay_days": course.cold_evaluation.delay_days,
                "reminders": course.cold_evaluation.reminders,
                "reminder_interval_days": course.cold_evaluation.reminder_interval_days,
                "due_at": _stamp(min((i.due_at for i in invitations), default=None)),
                "invited": len(invitations),
            },
        }
    )


def _toggle(sid: int, kind: str, opened: bool):
    who = staff()
    training = managed_session(sid, who)
    room_kind = _room_kind(kind)
    validated_body()  # no fields: refused only once the caller may do this
    evaluations.set_open(training, course_of(training), room_kind, who, opened)
    return jsonify(window_data(training.id, kind, len(training.participants)))


@bp.post("/sessions/<int:sid>/evaluations/<kind>/open")
@operation("evaluations", EvaluationState, 200, WRITE_OR_CONFLICT, body=EmptyBody)
def open_evaluation(sid: int, kind: str):
    """Open (or reopen) the positioning or hot evaluation (trainer of the session)."""
    return _toggle(sid, kind, True)


@bp.post("/sessions/<int:sid>/evaluations/<kind>/close")
@operation("evaluations", EvaluationState, 200, WRITE_OR_CONFLICT, body=EmptyBody)
def close_evaluation(sid: int, kind: str):
    """Close the positioning or hot evaluation (trainer of the session)."""
    return _toggle(sid, kind, False)


@bp.get("/me/evaluations/<kind>")
@operation("learner", LearnerEvaluation)
def my_evaluation(kind: str):
    """Return a room evaluation as the participant sees it (never an answer) and its state."""
    person = participant()
    course = course_of(person.session)
    evaluation = course.evaluations[_room_kind(kind)]
    return jsonify(
        {
            "kind": kind,
            "id": evaluation.id,
            "title": evaluation.title,
            "intro": evaluation.intro,
            "open": evaluations.is_open(person.session_id, kind),
            "submitted": evaluations.submission(person.id, kind) is not None,
            "sections": [
                {
                    "id": s.id,
                    "kind": s.kind,
                    "title": s.title,
                    "questions": [
                        public_view(q, participant_seed(person.id, q.id)) for q in s.questions
                    ],
                }
                for s in evaluation.sections
            ],
        }
    )


def results_data(result) -> dict:
    """Return a participant's own results."""
    return {
        "kind": result.kind,
        "submitted_at": _stamp(result.submission.submitted_at),
        "earned": result.submission.earned,
        "possible": result.submission.possible,
        "percent": result.submission.percent,
        "objectives": [
            {
                "text": o.text,
                "percent": o.percent,
                "level": o.level,
                "positioning": o.before,
                "gain": o.gain,
            }
            for o in result.objectives
        ],
        "answers_revealed": result.revealed,
        "results": [
            {
                "question_id": o.question.id,
                "response": o.response,
                "earned": o.earned,
                "possible": o.possible,
                "correct": o.correct,
                "feedback": list(o.feedback),
                "explanation": o.explanation,
            }
            for o in result.outcomes
        ],
    }


@bp.post("/me/evaluations/<kind>/responses")
@operation("learner", EvaluationResults, 201, WRITE_OR_CONFLICT, body=EvaluationResponses)
def submit_evaluation(kind: str):
    """Submit the caller's answers once; knowledge items are graded by the quiz engine."""
    person = participant()
    course = course_of(person.session)
    room_kind = _room_kind(kind)
    evaluations.submit(person, course, room_kind, validated_body().responses, channel="api")
    return jsonify(results_data(participant_results(person, course, kind))), 201


@bp.get("/me/evaluations/<kind>/results")
@operation("learner", EvaluationResults)
def my_results(kind: str):
    """Return the caller's own results (404 before submitting)."""
    person = participant()
    found = participant_results(person, course_of(person.session), _room_kind(kind))
    if found is None:
        raise NotFound("Pas encore de réponse à cette évaluation.")
    return jsonify(results_data(found))


def figures_data(figures: dict[str, Figures]) -> list[dict]:
    """Return one objective's figures per line."""
    return [{"objective_id": o, **vars(f)} for o, f in figures.items()]


@bp.get("/sessions/<int:sid>/attainment")
@operation("evaluations", SessionAttainment)
def session_attainment(sid: int):
    """Return per-objective attainment, progress, retention, role plays and quizzes."""
    training = readable_session(sid, staff())
    course = course_of(training)
    report = session_report(training, course)
    return jsonify(
        {
            "session_id": training.id,
            "thresholds": report.thresholds,
            "objectives": [{"id": o.id, "text": o.text} for o in course.objectives],
            "participants": [
                {"id": p.id, "name": p.name, "objectives": figures_data(f)} for p, f in report.rows
            ],
            "group": figures_data(report.group),
            "respondents": report.respondents,
            "invited": report.invited,
        }
    )


@bp.get("/sessions/<int:sid>/outbox")
@operation("evaluations", OutboxMessageList)
def session_outbox(sid: int):
    """Return the session's messages and their fate (trainer of the session, admin)."""
    training = managed_session(sid, staff())
    return jsonify(
        [
            {
                "id": m.id,
                "kind": m.kind,
                "to": m.to_address,
                "subject": m.subject,
                "body": cold.without_links(m.body),
                "status": m.status,
                "attempts": m.attempts,
                "created_at": _stamp(m.created_at),
                "sent_at": _stamp(m.sent_at),
            }
            for m in outbox.messages_of_session(training.id)
        ]
    )
