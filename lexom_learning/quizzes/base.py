"""What every question type shares: the spec fields and the small protocol it implements."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict, Field

from .result import ResponseError, Result

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
# The inputs the adapters know how to draw and read (a template fragment or macro each).
WIDGETS = (
    "single_choice",
    "multiple_choice",
    "true_false",
    "numeric",
    "short_text",
    "free_text",
    "likert",
    "ordering",
    "matching",
)

Gettext = Callable[[str], str]


def _same(text: str) -> str:
    return text


KEEP: Gettext = _same  # no translation: the core's French text as it is
# Words the types put in a described response; the adapters that translate them mark them.
NO_ANSWER = "(pas de réponse)"
NO_OPTION = "(aucune option)"


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
    module: str | None = Field(
        default=None,
        pattern=ID_PATTERN,
        description="Evaluation items: the module whose teaching the item assesses",
    )
    parallel_of: str | None = Field(
        default=None,
        pattern=ID_PATTERN,
        description="Evaluation items: the item of the previous evaluation this one parallels "
        "(hot → positioning, cold → hot): same objectives and skill, new data",
    )

    graded: ClassVar[bool] = True


class Option(BaseModel):
    """One option of a choice question."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)
    correct: bool = False
    feedback: str = ""
    fixed: bool = Field(
        default=False,
        description="Keep the authored position when options are shuffled (« Aucune de ces "
        "réponses »)",
    )


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a live histogram: how many counted answers chose ``key``."""

    key: str
    label: str
    count: int
    correct: bool | None


class QuestionType(Protocol):
    """A question type: everything an adapter (web, API, live, XBlock) needs to know of it.

    ``QuestionKind`` gives every method but the first three a default; an adapter never asks
    a question which type it is, it asks its type (``registry.get_type(spec.type)``).
    """

    name: str
    spec_model: type[QuestionSpec]
    widget: str  # the input the adapters draw: one of WIDGETS (a type may reuse another's)
    summary: str | None  # how an evaluation summary shows its answers: "ratings", "comments"
    shuffled: bool  # its options are shown in each owner's order (quizzes.shuffle)
    joiner: str  # between the lines of a response described on one line
    ordered: bool  # its described lines are a sequence
    own_words: bool  # its responses are the learner's own text (erased with their data)

    def validate_response(self, spec: Any, response: Any) -> Any:
        """Return the normalised response or raise ResponseError with a learner-facing message."""

    def grade(self, spec: Any, response: Any) -> Result:
        """Grade a normalised response."""

    def feedback(self, spec: Any, value: Any, correct: bool | None) -> list[str]:
        """Return the type's own feedback lines on a normalised response graded ``correct``.

        ``grade`` puts them in its Result; a response stored with its result gets them back
        from here, without grading it again (``grading.feedback_of``).
        """

    def public(self, spec: Any) -> dict[str, Any]:
        """Return what a learner may see before answering (never the answer)."""

    def stored_response(self, spec: Any, response: Any) -> Any:
        """Return a response read back from storage in today's form (unchanged by default)."""

    def solution(self, spec: Any) -> Any:
        """Return the expected response, shaped as a response (None for ungraded types)."""

    def solution_text(self, spec: Any) -> str:
        """Return the expected response in words, shown once the question is closed."""

    def describe(self, spec: Any, value: Any, gettext: Gettext) -> list[str]:
        """Return a normalised response in words, one line per part."""

    def options(self, view: dict[str, Any], gettext: Gettext) -> list[dict[str, str]]:
        """Return the ``{id, text}`` a response picks among (choice widgets), else []."""

    def choices(self, view: dict[str, Any], gettext: Gettext) -> list[dict[str, str]]:
        """Return the ``{value, text}`` of each radio or checkbox of the form, else []."""

    def chosen(self, spec: Any, value: Any) -> list[str]:
        """Return the option ids a normalised response picks, else []."""

    def parts(self, spec: Any) -> list[str] | None:
        """Return the public ids of the parts answered one by one (items, pairs), else None."""

    def first_part(self, view: dict[str, Any]) -> str | None:
        """Return the part id of the first input, where an error link leads (None: the only one)."""

    def bars(self, spec: Any, values: list[Any], right: int, answered: int) -> list[Bar]:
        """Return the projector's bars for the normalised responses ``values``."""


class QuestionKind:
    """The defaults of the protocol: a type defines what differs (see ``QuestionType``)."""

    name: ClassVar[str]
    spec_model: ClassVar[type[QuestionSpec]]
    widget: ClassVar[str] = "short_text"
    summary: ClassVar[str | None] = None
    shuffled: ClassVar[bool] = False
    joiner: ClassVar[str] = " ; "  # between the lines of a response described on one line
    ordered: ClassVar[bool] = False  # its described lines are a sequence (a numbered list)
    own_words: ClassVar[bool] = False  # responses in the learner's own words: personal data

    def public(self, spec: Any) -> dict[str, Any]:
        """Return the fields every type shows."""
        return public_fields(spec)

    def stored_response(self, spec: Any, response: Any) -> Any:
        """Return the response unchanged: no former form to convert."""
        return response

    def feedback(self, spec: Any, value: Any, correct: bool | None) -> list[str]:
        """Return no lines of the type's own (the question's wrong-answer text is added)."""
        return []

    def solution(self, spec: Any) -> Any:
        """Return None: no expected response."""
        return None

    def solution_text(self, spec: Any) -> str:
        """Return the expected response in words (empty when there is none)."""
        value = self.solution(spec)
        return "" if value is None else self.joiner.join(self.describe(spec, value, KEEP))

    def describe(self, spec: Any, value: Any, gettext: Gettext = KEEP) -> list[str]:
        """Return the response as one line of text."""
        text = str(value).strip()
        return [text] if text else [gettext(NO_ANSWER)]

    def options(self, view: dict[str, Any], gettext: Gettext = KEEP) -> list[dict[str, str]]:
        """Return the view's options."""
        return [{"id": o["id"], "text": o["text"]} for o in view.get("options", [])]

    def choices(self, view: dict[str, Any], gettext: Gettext = KEEP) -> list[dict[str, str]]:
        """Return one radio or checkbox per option."""
        return [{"value": o["id"], "text": o["text"]} for o in self.options(view, gettext)]

    def chosen(self, spec: Any, value: Any) -> list[str]:
        """Return []: a response picks no option."""
        return []

    def parts(self, spec: Any) -> list[str] | None:
        """Return None: one input answers the question."""
        return None

    def first_part(self, view: dict[str, Any]) -> str | None:
        """Return the part of the first input (where an error link leads), or None."""
        choices = self.choices(view)
        return choices[0]["value"] if choices else None

    def bars(self, spec: Any, values: list[Any], right: int, answered: int) -> list[Bar]:
        """Return right and wrong bars for a graded question, none for an ungraded one."""
        if not spec.graded:
            return []
        return [Bar("right", "Juste", right, True), Bar("wrong", "Faux", answered - right, False)]


def public_fields(spec: QuestionSpec) -> dict[str, Any]:
    """Return the fields every type shows a learner before answering."""
    return {"id": spec.id, "type": spec.type, "prompt": spec.prompt, "points": spec.points}


def scored(spec: QuestionSpec, ratio: float, feedback: list[str]) -> Result:
    """Build a Result from the share of the points earned, adding the wrong-answer feedback."""
    ratio = min(max(ratio, 0.0), 1.0)
    correct = ratio >= 1.0
    return Result(
        earned=round(spec.points * ratio, 6),
        possible=float(spec.points),
        correct=correct,
        feedback=shown_feedback(spec, correct, feedback),
    )


def shown_feedback(spec: QuestionSpec, correct: bool | None, lines: list[str]) -> tuple[str, ...]:
    """Return the feedback a learner reads: the type's lines, then the question's wrong-answer
    text when the response was not right; no empty line."""
    if correct is False and spec.feedback_incorrect:
        lines = [*lines, spec.feedback_incorrect]
    return tuple(line for line in lines if line)


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
