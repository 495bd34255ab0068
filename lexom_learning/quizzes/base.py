"""What every question type shares: the spec fields and the small protocol it implements."""

from typing import Any, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict, Field

from .result import ResponseError, Result

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class QuestionSpec(BaseModel):
    """Fields common to every question, as authors write them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN, description="Stable id, unique in the course")
    type: str
    prompt: str = Field(min_length=1)
    explanation: str = Field(description="Shown after answering; may be empty for ungraded types")
    objectives: tuple[str, ...] = Field(default=(), description="Objective ids this item evidences")
    points: float = Field(default=1, gt=0)
    feedback_incorrect: str = Field(default="", description="Shown after a wrong answer")
    parallel_of: str | None = Field(default=None, description="Id of the item this one parallels")
    module: str | None = Field(default=None, description="Module the item assesses")

    graded: ClassVar[bool] = True


class Option(BaseModel):
    """One option of a choice question."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)
    correct: bool = False
    feedback: str = ""
    fixed: bool = Field(default=False, description="Keeps its place when options are shuffled")


class QuestionType(Protocol):
    """A question type: parse its spec, validate a response, grade it. Rendering is not its job."""

    name: str
    spec_model: type[QuestionSpec]

    def validate_response(self, spec: Any, response: Any) -> Any:
        """Return the normalised response or raise ResponseError with a learner-facing message."""

    def grade(self, spec: Any, response: Any) -> Result:
        """Grade a normalised response."""

    def public(self, spec: Any) -> dict[str, Any]:
        """Return what a learner may see before answering (never the answer)."""

    # Optional: ``stored_response(self, spec, response)`` returns a response stored with ids
    # the type no longer accepts in today's form; ``quizzes.stored_response`` dispatches to it
    # and returns the response unchanged for a type without one.


def public_fields(spec: QuestionSpec) -> dict[str, Any]:
    """Return the fields every type shows a learner before answering."""
    return {"id": spec.id, "type": spec.type, "prompt": spec.prompt, "points": spec.points}


def scored(spec: QuestionSpec, ratio: float, feedback: list[str]) -> Result:
    """Build a Result from the share of the points earned, adding the wrong-answer feedback."""
    ratio = min(max(ratio, 0.0), 1.0)
    correct = ratio >= 1.0
    if not correct and spec.feedback_incorrect:
        feedback = [*feedback, spec.feedback_incorrect]
    return Result(
        earned=round(spec.points * ratio, 6),
        possible=float(spec.points),
        correct=correct,
        feedback=tuple(f for f in feedback if f),
    )


def ungraded(_spec: QuestionSpec) -> Result:
    """Return the Result of an ungraded question."""
    return Result(earned=0.0, possible=0.0, correct=None)


def ensure_id_list(response: Any, known: set[str]) -> list[str]:
    """Check a response is a list of distinct known ids and return it."""
    if not isinstance(response, list) or not all(isinstance(i, str) for i in response):
        raise ResponseError("La réponse doit être une liste d’options cochées.")
    unknown = [i for i in response if i not in known]
    if unknown:
        raise ResponseError("Choix inconnu : %(choices)s.", choices=", ".join(unknown))
    if len(set(response)) != len(response):
        raise ResponseError("Un même choix ne peut pas être donné deux fois.")
    return list(response)
