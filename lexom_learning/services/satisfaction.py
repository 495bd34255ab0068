"""The satisfaction summary of the hot evaluation (Qualiopi indicator 30) and response rates."""

from dataclasses import dataclass, field

from ..evaluations import LikertSummary, response_rate, summarise_likert, top_box_share
from ..modules import Course
from ..quizzes import type_of
from ..storage import TrainingSession
from . import evaluations


@dataclass(frozen=True)
class QuestionSummary:
    """One satisfaction question: the ratings' summary, or the comments of a free question."""

    id: str
    prompt: str
    type: str
    summary: str  # "ratings" or "comments" (QuestionType.summary)
    scale: dict | None = None
    ratings: LikertSummary | None = None
    comments: tuple[str, ...] = ()


@dataclass
class Satisfaction:
    """The summary of every satisfaction question and the overall top-box rate."""

    respondents: int
    invited: int
    questions: list[QuestionSummary] = field(default_factory=list)
    overall: float | None = None

    @property
    def rate(self) -> float | None:
        """Return the response rate in percent."""
        return response_rate(self.respondents, self.invited)


def satisfaction_summary(
    training: TrainingSession,
    course: Course,
    kind: str = "hot",
    section_kinds: tuple[str, ...] | None = ("satisfaction",),
):
    """Summarise the answers to the satisfaction sections of an evaluation (names left out);
    ``section_kinds=None`` summarises every section (the manager's questionnaire)."""
    evaluation = evaluations.evaluation_of(course, kind)
    ids = [p.id for p in training.participants]
    answers = evaluations.answers_of(ids, evaluation.id)
    respondents = sum(evaluations.submission(p, kind) is not None for p in ids)
    by_question: dict[str, list] = {}
    for person in ids:
        for answer in answers[person]:
            by_question.setdefault(answer.question_id, []).append(answer.response)
    summary = Satisfaction(respondents, len(ids))
    pooled: list[int] = []
    for section in evaluation.sections:
        if section_kinds is not None and section.kind not in section_kinds:
            continue
        for question in section.questions:
            given = [v for v in by_question.get(question.id, []) if v not in (None, "")]
            shown = type_of(question).summary
            if shown == "ratings":
                low, high = question.scale.min, question.scale.max
                ratings = summarise_likert([int(v) for v in given], low, high)
                if (low, high) == (1, 4):
                    pooled += [int(v) for v in given]
                labels = {str(k): v for k, v in question.scale.labels.items()}
                scale = {"min": low, "max": high, "labels": labels}
                summary.questions.append(
                    QuestionSummary(
                        question.id, question.prompt, question.type, shown, scale, ratings
                    )
                )
            elif shown == "comments":
                summary.questions.append(
                    QuestionSummary(
                        question.id,
                        question.prompt,
                        question.type,
                        shown,
                        comments=tuple(str(v) for v in given),
                    )
                )
    summary.overall = top_box_share(pooled, 1, 4)
    return summary
