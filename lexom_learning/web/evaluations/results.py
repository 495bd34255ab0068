"""A participant's own results after submitting: score, per objective, and each answer."""

from dataclasses import dataclass
from typing import Any

from ...attainment import level_for
from ...extensions import db
from ...modules import Course, Evaluation
from ...quizzes.review import AnswerReview, reviewed
from ...services import evaluations, figures
from ...storage import Answer, EvaluationSubmission, Participant

# Positioning items come back in the hot test: their answers are revealed only after it.
REVEAL = {"positioning": False, "hot": True, "cold": True}


@dataclass(frozen=True)
class Outcome(AnswerReview):
    """One answered question as its author sees it after submitting."""

    question: Any
    section: str


def outcomes(course: Course, kind: str, answers: list[Answer], reveal: bool) -> list[Outcome]:
    """Return the knowledge answers with feedback and explanation when ``reveal`` is true."""
    evaluation = evaluations.evaluation_of(course, kind)
    by_id = {a.question_id: a for a in answers}
    shown = []
    for section in evaluation.sections:
        if not section.graded:
            continue
        for question in section.questions:
            answer = by_id.get(question.id)
            if answer is None:
                continue
            same_content = answer.content_version == course.version
            review = reviewed(question, answer, same_content=same_content, revealed=reveal)
            shown.append(Outcome(question=question, section=section.title, **review))
    return shown


@dataclass(frozen=True)
class ObjectiveLine:
    """One objective's score in this evaluation, with the positioning score to compare."""

    text: str
    percent: float | None
    level: str | None
    before: float | None = None
    gain: float | None = None


@dataclass(frozen=True)
class ResultView:
    """What the participant sees of their own submission."""

    kind: str
    evaluation: Evaluation
    submission: EvaluationSubmission
    objectives: list[ObjectiveLine]
    outcomes: list[Outcome]
    revealed: bool


def participant_results(person: Participant, course: Course, kind: str) -> ResultView | None:
    """Return the participant's own results, or None before they submit."""
    found = evaluations.submission(person.id, kind)
    if found is None:
        return None
    evaluation = evaluations.evaluation_of(course, kind)
    answers = evaluations.answers_of([person.id], evaluation.id)[person.id]
    # The same figures as the dashboard's, from the figures service.
    own = figures.figures_for(db.session, course, [person.id])[person.id]
    mine = {o: getattr(f, kind) for o, f in own.items()}
    thresholds = course.attestation.thresholds.model_dump()
    before = {o: f.positioning for o, f in own.items()} if kind == "hot" else {}
    gain = {o: f.gain for o, f in own.items()} if kind == "hot" else {}
    lines = [
        ObjectiveLine(
            o.text, mine[o.id], level_for(mine[o.id], thresholds), before.get(o.id), gain.get(o.id)
        )
        for o in course.objectives
    ]
    reveal = REVEAL[kind]
    return ResultView(
        kind, evaluation, found, lines, outcomes(course, kind, answers, reveal), reveal
    )
