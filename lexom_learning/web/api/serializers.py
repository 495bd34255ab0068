"""Turn domain objects into the JSON shapes documented in openapi.py (dates as ISO strings)."""

from datetime import date, datetime
from typing import Any

from flask import current_app
from pydantic import BaseModel
from sqlalchemy import func, select

from ...extensions import db
from ...modules import Course, Quiz
from ...modules.export import export_course
from ...quizzes import public_view
from ...services import attendance, learning, links
from ...services.figures import Figures
from ...storage import Participant, TrainingSession
from ..public import public_url
from ..shuffle import participant_seed


def iso(value: date | datetime | None) -> str | None:
    """Return a date or a timestamp as an ISO 8601 string, or None."""
    return value.isoformat() if value is not None else None


def row_data(model: type[BaseModel], row: Any, **given: Any) -> dict[str, Any]:
    """Return a row as its answer model lists it: every field of the model, read from the row
    of the same name unless ``given``; dates and timestamps as ISO 8601 strings."""
    values = {
        name: given[name] if name in given else getattr(row, name) for name in model.model_fields
    }
    return {name: iso(v) if isinstance(v, date) else v for name, v in values.items()}


# Rendering every unit's Markdown takes a while; the content of a version never changes.
_COURSES: dict[tuple[str, str], dict[str, Any]] = {}


# What a learner sees of the course is the start of ``lexom content export`` (modules.export):
# these keys of it, each unit with its rendered HTML, each quiz as its public view.
COURSE_KEYS = (
    "id",
    "ref",
    "title",
    "domain",
    "days",
    "hours",
    "version",
    "objectives",
    "half_days",
)
MODULE_KEYS = ("id", "title", "day", "minutes", "objectives", "topics")


def _course_data(course: Course) -> dict[str, Any]:
    exported = export_course(course)
    modules = [
        {
            **{key: data[key] for key in MODULE_KEYS},
            "units": [
                {**unit_data, "html": unit.html()}
                for unit_data, unit in zip(data["units"], module.units, strict=True)
            ],
            "quizzes": [quiz_data(q) for q in module.quizzes],
        }
        for data, module in zip(exported["modules"], course.modules, strict=True)
    ]
    return {**{key: exported[key] for key in COURSE_KEYS}, "modules": modules}


def course_data(course: Course) -> dict[str, Any]:
    """Return the course a learner may see: content and public quizzes, never an answer."""
    key = (course.id, course.version)
    if key not in _COURSES:
        _COURSES[key] = _course_data(course)
    return _COURSES[key]


def quiz_data(quiz: Quiz, participant_id: int | None = None) -> dict[str, Any]:
    """Return a module quiz with each question's public view (no answer, feedback, explanation).

    For a participant, choice options come in that participant's order (``web.shuffle``).
    """
    if participant_id is not None:
        questions = [public_view(q, participant_seed(participant_id, q.id)) for q in quiz.questions]
    else:
        questions = [public_view(q) for q in quiz.questions]
    return {
        "id": quiz.id,
        "title": quiz.title,
        "module": quiz.module,
        "max_attempts": quiz.max_attempts,
        "pass_pct": quiz.pass_pct,
        "questions": questions,
    }


def participant_counts(session_ids: list[int]) -> dict[int, int]:
    """Return how many participants each session has, in one query."""
    if not session_ids:
        return {}
    rows = db.session.execute(
        select(Participant.session_id, func.count())
        .where(Participant.session_id.in_(session_ids))
        .group_by(Participant.session_id)
    )
    return {session_id: count for session_id, count in rows.all()}  # noqa: C416


def session_data(training: TrainingSession, participants: int | None = None) -> dict[str, Any]:
    """Return a training session as JSON."""
    if participants is None:
        participants = participant_counts([training.id]).get(training.id, 0)
    return {
        "id": training.id,
        "course_id": training.course_id,
        "title": training.title,
        "starts_on": iso(training.starts_on),
        "ends_on": iso(training.ends_on),
        "location": training.location,
        "status": training.status,
        "closed_at": iso(training.closed_at),
        "created_at": iso(training.created_at),
        "trainer": {"id": training.trainer.id, "name": training.trainer.name},
        "participants": participants,
        "schedule": schedule_data(training),
        "interruption": (
            {"interrupted_at": iso(training.interrupted_at), "reason": training.interruption_reason}
            if training.interrupted_at
            else None
        ),
        "kind": training.kind or "inter",
        "client_name": training.client_name,
        "client_siret": training.client_siret,
        "funder": training.funder,
    }


def schedule_data(training: TrainingSession) -> list[dict[str, str]]:
    """Return the session's half-days with their dates and times (its course's, if unknown)."""
    course = current_app.extensions["lexom_courses"].get(training.course_id)
    if course is None:
        return list(training.schedule or [])
    return [s.as_entry() for s in attendance.schedule_of(training, course)]


def access_of(person: Participant) -> dict[str, str | None]:
    """Return the participant's working access token and link, or None for both."""
    link = links.current_link(person)
    if link is None:
        return {"access_token": None, "access_url": None}
    token = links.token_for(link)
    url = public_url("auth.participant_link", token=token)
    return {"access_token": token, "access_url": url}


def participant_data(person: Participant, with_access: bool = False) -> dict[str, Any]:
    """Return a participant; their access token only for those who manage the session."""
    data = {
        "id": person.id,
        "session_id": person.session_id,
        "name": person.name,
        "email": person.email,
        "manager_email": person.manager_email,
        "created_at": iso(person.created_at),
        "employer_name": person.employer_name,
        "employer_siret": person.employer_siret,
    }
    if with_access:
        data.update(access_of(person))
    return data


def progress_data(progress: learning.Progress, done: set[str] | None = None) -> dict[str, Any]:
    """Return a participant's progress per module."""
    data: dict[str, Any] = {
        "percent": progress.percent,
        "units_done": progress.units_done,
        "units_total": progress.units_total,
        "modules": [
            {
                "module_id": m.module_id,
                "units_done": m.units_done,
                "units_total": m.units_total,
                "percent": m.percent,
                "quiz_id": m.quiz_id,
                "best_percent": m.best_percent,
                "attempts_used": m.attempts_used,
                "attempts_max": m.attempts_max,
            }
            for m in progress.modules
        ],
    }
    if done is not None:
        data["done_units"] = sorted(done)
    return data


def attainment_data(results: dict[str, Figures]) -> list[dict[str, Any]]:
    """Return attainment per objective: percent and level (None without evidence), items."""
    return [
        {"objective_id": o, "percent": r.percent, "level": r.level, "items": r.items}
        for o, r in results.items()
    ]


def attempt_data(review: learning.AttemptReview) -> dict[str, Any]:
    """Return a submitted attempt with per-question results, as ``learning.review_of`` shows
    it: feedback (for the content version that graded it) and explanations once revealed,
    else None."""
    attempt, revealed = review.attempt, review.revealed
    results = [
        {
            "question_id": item.question_id,
            "response": item.response,
            "earned": item.earned,
            "possible": item.possible,
            "correct": item.correct,
            "feedback": list(item.feedback) if revealed else None,
            "explanation": item.explanation if revealed else None,
        }
        for item in review.questions
    ]
    return {
        "number": attempt.number,
        "quiz_id": attempt.quiz_id,
        "submitted_at": iso(attempt.submitted_at),
        "earned": attempt.earned,
        "possible": attempt.possible,
        "percent": round(attempt.percent, 1),
        "passed": review.passed,
        "content_version": attempt.content_version,
        "answers_revealed": revealed,
        "results": results,
    }
