"""True or false, all or nothing."""

from collections import Counter
from typing import Any, ClassVar, Literal

from .base import KEEP, Bar, Gettext, QuestionKind, QuestionSpec, public_fields, scored
from .result import ResponseError, Result

_WORDS = {"true": True, "vrai": True, "false": False, "faux": False}


def _read(value: Any) -> bool | None:
    """Return a stored answer as a bool (answers stored before validation kept the words)."""
    return _WORDS.get(value.strip().lower()) if isinstance(value, str) else value


class TrueFalseSpec(QuestionSpec):
    """A statement that is either true or false."""

    type: Literal["true_false"]
    answer: bool


class TrueFalse(QuestionKind):
    """Grade a boolean."""

    name = "true_false"
    spec_model = TrueFalseSpec
    widget: ClassVar[str] = "true_false"

    def validate_response(self, spec: TrueFalseSpec, response: Any) -> bool:
        """Return the answer as a bool (accepts true/false and vrai/faux)."""
        if isinstance(response, bool):
            return response
        if isinstance(response, str) and response.strip().lower() in _WORDS:
            return _WORDS[response.strip().lower()]
        raise ResponseError("Répondez par vrai ou faux.")

    def grade(self, spec: TrueFalseSpec, response: bool) -> Result:
        """Give all the points for the right answer."""
        return scored(spec, 1.0 if response is spec.answer else 0.0, [])

    def public(self, spec: TrueFalseSpec) -> dict[str, Any]:
        """Return the statement."""
        return public_fields(spec)

    def solution(self, spec: TrueFalseSpec) -> bool:
        """Return the right answer."""
        return spec.answer

    def describe(self, spec: Any, value: Any, gettext: Gettext = KEEP) -> list[str]:
        """Return « Vrai » or « Faux »."""
        return [gettext("Vrai") if _read(value) else gettext("Faux")]

    def options(self, view: dict[str, Any], gettext: Gettext = KEEP) -> list[dict[str, str]]:
        """Return the two answers as options."""
        return [{"id": "true", "text": gettext("Vrai")}, {"id": "false", "text": gettext("Faux")}]

    def chosen(self, spec: Any, value: Any) -> list[str]:
        """Return the option the answer picks."""
        return ["true" if _read(value) else "false"]

    def bars(self, spec: Any, values: list[Any], right: int, answered: int) -> list[Bar]:
        """Return a « Vrai » and a « Faux » bar."""
        counts = Counter(_read(value) for value in values)
        return [
            Bar("true", "Vrai", counts[True], spec.answer is True),
            Bar("false", "Faux", counts[False], spec.answer is False),
        ]
