"""The course as normalised JSON: the ``lexom content export`` contract.

See docs/architecture.md, « Contracts ».
"""

from typing import Any

from .course import Course, Evaluation, LiveQuiz, Quiz


def _quiz(quiz: Quiz | LiveQuiz | Evaluation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": quiz.id,
        "title": quiz.title,
        "questions": [q.model_dump(mode="json", exclude_defaults=False) for q in quiz.questions],
    }
    if isinstance(quiz, Quiz):
        data.update(module=quiz.module, max_attempts=quiz.max_attempts, pass_pct=quiz.pass_pct)
    elif isinstance(quiz, LiveQuiz):
        data.update(day=quiz.day)
    else:
        data.update(
            kind=quiz.kind,
            sections=[
                {
                    "id": s.id,
                    "kind": s.kind,
                    "title": s.title,
                    "question_ids": [q.id for q in s.questions],
                    "reused": s.reused,
                }
                for s in quiz.sections
            ],
        )
    return data


def export_course(course: Course) -> dict[str, Any]:
    """Return the validated course as plain JSON-ready data."""
    return {
        "id": course.id,
        "ref": course.ref,
        "title": course.title,
        "domain": course.domain,
        "nature": course.nature,
        "days": course.days,
        "hours": course.hours,
        "version": course.version,
        "objectives": [{"id": o.id, "text": o.text} for o in course.objectives],
        "prerequisites": course.prerequisites,
        "audience": course.audience,
        "pedagogy": course.pedagogy,
        "evaluation_modalities": list(course.evaluation_modalities),
        "half_days": [h.model_dump(mode="json") for h in course.half_days],
        "modules": [
            {
                "id": m.id,
                "title": m.title,
                "day": m.day,
                "objectives": list(m.objectives),
                "minutes": m.minutes,
                "topics": [t.model_dump(mode="json") for t in m.topics],
                "units": [
                    {
                        "id": u.id,
                        "title": u.title,
                        "minutes": u.minutes,
                        "body_markdown": u.body_markdown,
                        "covers": list(u.covers),
                    }
                    for u in m.units
                ],
                "quizzes": [_quiz(q) for q in m.quizzes],
            }
            for m in course.modules
        ],
        "live_quizzes": [_quiz(q) for q in course.live_quizzes],
        "roleplays": [
            {
                **r.model_dump(
                    mode="json",
                    include={
                        "id",
                        "module",
                        "title",
                        "minutes",
                        "context",
                        "assessed_role",
                        "roles",
                        "debrief",
                    },
                ),
                "grid": [
                    {
                        "id": c.id,
                        "label": c.label,
                        "objectives": list(c.objectives),
                        "levels": {str(k): v for k, v in sorted(c.levels.items())},
                    }
                    for c in r.grid
                ],
            }
            for r in course.roleplays
        ],
        "evaluations": {kind: _quiz(e) for kind, e in course.evaluations.items()},
        "cold_evaluation": course.cold_evaluation.model_dump(mode="json"),
        "attestation": course.attestation.model_dump(mode="json"),
    }
