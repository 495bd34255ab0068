"""Multiple choice: one or more correct options, all or nothing or partial credit."""

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from .base import Option, QuestionSpec, ensure_id_list, public_fields, scored
from .result import Result
from .single_choice import SingleChoice, check_option_ids, public_options


class MultipleChoiceSpec(QuestionSpec):
    """A question with options of which one or more are correct."""

    type: Literal["multiple_choice"]
    options: tuple[Option, ...] = Field(min_length=2)
    scoring: Literal["all_or_nothing", "partial"] = "all_or_nothing"

    @model_validator(mode="after")
    def _some_correct(self) -> "MultipleChoiceSpec":
        check_option_ids(self.options)
        if not any(o.correct for o in self.options):
            raise ValueError("at least one option must be correct")
        return self


class MultipleChoice(SingleChoice):
    """Grade a set of ticked option ids (shown, described and counted as a single choice)."""

    name = "multiple_choice"
    spec_model = MultipleChoiceSpec
    widget: ClassVar[str] = "multiple_choice"

    def validate_response(self, spec: MultipleChoiceSpec, response: Any) -> list[str]:
        """Return the list of ticked option ids."""
        return ensure_id_list(response, {o.id for o in spec.options})

    def grade(self, spec: MultipleChoiceSpec, response: list[str]) -> Result:
        """All or nothing, or (right ticked - wrong ticked) / right, never below 0."""
        ticked = set(response)
        right = {o.id for o in spec.options if o.correct}
        right_ticked = len(ticked & right)
        wrong_ticked = len(ticked - right)
        if spec.scoring == "partial":
            ratio = max(0.0, (right_ticked - wrong_ticked) / len(right))
        else:
            ratio = 1.0 if ticked == right else 0.0
        return scored(spec, ratio, self.feedback(spec, response, ratio >= 1.0))

    def feedback(
        self, spec: MultipleChoiceSpec, value: list[str], correct: bool | None
    ) -> list[str]:
        """Return the feedback of each wrong option ticked."""
        ticked = set(value)
        return [o.feedback for o in spec.options if o.id in ticked and not o.correct]

    def public(self, spec: MultipleChoiceSpec) -> dict[str, Any]:
        """Return the prompt and options."""
        return {**public_fields(spec), "options": public_options(spec.options)}

    def solution(self, spec: MultipleChoiceSpec) -> list[str]:
        """Return the correct option ids."""
        return [o.id for o in spec.options if o.correct]
