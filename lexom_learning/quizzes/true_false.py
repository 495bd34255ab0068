"""True or false, all or nothing."""

from typing import Any, Literal

from .base import QuestionSpec, public_fields, scored
from .registry import register
from .result import ResponseError, Result

_WORDS = {"true": True, "vrai": True, "false": False, "faux": False}


class TrueFalseSpec(QuestionSpec):
    """A statement that is either true or false."""

    type: Literal["true_false"]
    answer: bool


@register
class TrueFalse:
    """Grade a boolean."""

    name = "true_false"
    spec_model = TrueFalseSpec

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
