"""Single choice: exactly one correct option, all or nothing."""

from collections import Counter
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from .base import (
    KEEP,
    NO_OPTION,
    Bar,
    Gettext,
    Option,
    QuestionKind,
    QuestionSpec,
    public_fields,
    scored,
)
from .result import ResponseError, Result


class SingleChoiceSpec(QuestionSpec):
    """A question with options of which exactly one is correct."""

    type: Literal["single_choice"]
    options: tuple[Option, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _one_correct(self) -> "SingleChoiceSpec":
        check_option_ids(self.options)
        if sum(o.correct for o in self.options) != 1:
            raise ValueError("exactly one option must be correct")
        return self


def check_option_ids(options: tuple[Option, ...]) -> None:
    """Refuse two options with the same id."""
    ids = [o.id for o in options]
    if len(set(ids)) != len(ids):
        raise ValueError("option ids must be unique within a question")


def _picked(value: Any) -> list[str]:
    """Return the option ids of a single or multiple choice response."""
    return [value] if isinstance(value, str) else list(value)


def public_options(options: tuple[Option, ...]) -> list[dict[str, str]]:
    """Return the options without their correctness or feedback."""
    return [{"id": o.id, "text": o.text} for o in options]


class SingleChoice(QuestionKind):
    """Grade a single option id."""

    name = "single_choice"
    spec_model = SingleChoiceSpec
    widget: ClassVar[str] = "single_choice"
    shuffled: ClassVar[bool] = True

    def validate_response(self, spec: SingleChoiceSpec, response: Any) -> str:
        """Return the chosen option id."""
        if not isinstance(response, str):
            raise ResponseError("Choisissez une seule option.")
        if response not in {o.id for o in spec.options}:
            raise ResponseError("Option inconnue : %(option)s.", option=response)
        return response

    def grade(self, spec: SingleChoiceSpec, response: str) -> Result:
        """Give all the points for the correct option, none otherwise."""
        chosen = next(o for o in spec.options if o.id == response)
        return scored(
            spec, 1.0 if chosen.correct else 0.0, self.feedback(spec, response, chosen.correct)
        )

    def feedback(self, spec: SingleChoiceSpec, value: str, correct: bool | None) -> list[str]:
        """Return the chosen option's feedback."""
        return [o.feedback for o in spec.options if o.id == value]

    def public(self, spec: SingleChoiceSpec) -> dict[str, Any]:
        """Return the prompt and options."""
        return {**public_fields(spec), "options": public_options(spec.options)}

    def solution(self, spec: SingleChoiceSpec) -> str:
        """Return the correct option id."""
        return next(o.id for o in spec.options if o.correct)

    def describe(self, spec: Any, value: Any, gettext: Gettext = KEEP) -> list[str]:
        """Return the text of each chosen option."""
        texts = {o.id: o.text for o in spec.options}
        return [texts[c] for c in _picked(value)] or [gettext(NO_OPTION)]

    def chosen(self, spec: Any, value: Any) -> list[str]:
        """Return the option ids the response picks (those the question still has)."""
        ids = {o.id for o in spec.options}
        return [c for c in _picked(value) if c in ids]

    def bars(self, spec: Any, values: list[Any], right: int, answered: int) -> list[Bar]:
        """Return one bar per option, counting the responses that picked it."""
        counts = Counter(option for value in values for option in self.chosen(spec, value))
        return [Bar(o.id, o.text, counts[o.id], o.correct) for o in spec.options]
