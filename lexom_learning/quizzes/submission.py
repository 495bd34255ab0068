"""Grade a whole submission: every question of a form, with what a blank answer means."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .base import QuestionSpec
from .grading import grade
from .result import ResponseError, Result

Gettext = Callable[[str], str]


class Blank(Enum):
    """What a blank answer to a question means."""

    REQUIRED = "required"  # ask for an answer
    ZERO = "zero"  # a graded question earns nothing (« je ne sais pas »); else nothing is kept
    EMPTY = "empty"  # grade it as an empty text (an optional comment left empty is still kept)
    OPTIONAL = "optional"  # record nothing


@dataclass(frozen=True, slots=True)
class Graded:
    """One question's response as it should be kept (None for a blank) and its result."""

    response: Any
    result: Result


@dataclass(frozen=True, slots=True)
class GradedSubmission:
    """Per question id, the graded answers and the messages of the answers to correct."""

    results: dict[str, Graded] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def earned(self) -> float:
        """Return the points earned over every graded answer."""
        return sum(g.result.earned for g in self.results.values())

    @property
    def possible(self) -> float:
        """Return the points possible over every graded answer."""
        return sum(g.result.possible for g in self.results.values())


def is_blank(value: Any) -> bool:
    """Say whether an answer was left empty."""
    return value is None or value == "" or value == [] or value == {}


def _same(message: str) -> str:
    return message


def grade_all(
    questions: Iterable[tuple[QuestionSpec, Blank]],
    responses: Mapping[str, Any],
    gettext: Gettext = _same,
) -> GradedSubmission:
    """Grade every question of a submission, in order, with the rule its blank answer follows.

    Never raises for a learner's input: a response the core refuses (or cannot even read)
    becomes a message in ``errors`` under its question id; ``gettext`` translates every
    message, the core's refusals (``ResponseError``) included.
    """
    results: dict[str, Graded] = {}
    errors: dict[str, str] = {}
    for question, blank in questions:
        raw = responses.get(question.id)
        if is_blank(raw):
            if blank is Blank.REQUIRED:
                errors[question.id] = gettext("Répondez à cette question.")
                continue
            if blank is Blank.ZERO and question.graded:
                results[question.id] = Graded(None, Result(0.0, float(question.points), False))
                continue
            if blank is not Blank.EMPTY:
                continue
            raw = ""
        try:
            results[question.id] = Graded(raw, grade(question, raw))
        except ResponseError as error:
            errors[question.id] = error.translate(gettext)
        except (ValueError, TypeError):  # a value the core could not even read: never a 500
            errors[question.id] = gettext("Réponse illisible.")
    return GradedSubmission(results, errors)
