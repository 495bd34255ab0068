"""Numeric answers with an absolute or relative tolerance."""

from collections import Counter
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .base import KEEP, Bar, Gettext, QuestionKind, QuestionSpec, public_fields, scored
from .numbers import format_number, parse_number
from .result import Result

_EPSILON = 1e-9
MAX_BARS = 8  # the most frequent values get a bar each, the others share one


class CommonMistake(BaseModel):
    """A wrong value a typical error produces, with the feedback that names the error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    answer: float
    feedback: str = Field(min_length=1)


class NumericSpec(QuestionSpec):
    """A question whose answer is a number, within a tolerance."""

    type: Literal["numeric"]
    answer: float
    tolerance: float | None = Field(default=None, ge=0, description="Absolute tolerance")
    tolerance_pct: float | None = Field(default=None, ge=0, description="Relative tolerance, %")
    unit: str = ""
    common_mistakes: tuple[CommonMistake, ...] = ()

    @model_validator(mode="after")
    def _one_tolerance(self) -> "NumericSpec":
        if self.tolerance is not None and self.tolerance_pct is not None:
            raise ValueError("give either tolerance or tolerance_pct, not both")
        return self

    def margin(self, around: float | None = None) -> float:
        """Return the absolute margin accepted around ``around`` (the answer by default)."""
        centre = self.answer if around is None else around
        if self.tolerance_pct is not None:
            return abs(centre) * self.tolerance_pct / 100 + _EPSILON
        return (self.tolerance or 0.0) + _EPSILON

    def accepts(self, value: float) -> bool:
        """Say whether ``value`` lies within the tolerance of the answer."""
        return abs(value - self.answer) <= self.margin()


class Numeric(QuestionKind):
    """Grade a number typed as text or sent as a number."""

    name = "numeric"
    spec_model = NumericSpec
    widget: ClassVar[str] = "numeric"

    def validate_response(self, spec: NumericSpec, response: Any) -> float:
        """Return the number the learner typed."""
        return parse_number(response, spec.unit)

    def grade(self, spec: NumericSpec, response: float) -> Result:
        """Give all the points within the tolerance; name a known mistake otherwise."""
        right = spec.accepts(response)
        return scored(spec, 1.0 if right else 0.0, self.feedback(spec, response, right))

    def feedback(self, spec: NumericSpec, value: float, correct: bool | None) -> list[str]:
        """Name the known mistake a wrong number makes, then the expected number."""
        if correct:
            return []
        lines = [
            m.feedback
            for m in spec.common_mistakes
            if abs(value - m.answer) <= spec.margin(m.answer)
        ]
        unit = f" {spec.unit}" if spec.unit else ""
        return [*lines, f"Réponse attendue : {format_number(spec.answer)}{unit}."]

    def public(self, spec: NumericSpec) -> dict[str, Any]:
        """Return the prompt and the unit."""
        return {**public_fields(spec), "unit": spec.unit}

    def solution(self, spec: NumericSpec) -> float:
        """Return the expected number."""
        return spec.answer

    def solution_text(self, spec: NumericSpec) -> str:
        """Return the expected number and its unit."""
        return f"{format_number(spec.answer)} {spec.unit}".strip()

    def describe(self, spec: Any, value: Any, gettext: Gettext = KEEP) -> list[str]:
        """Return the number and its unit (a narrow no-break space between)."""
        unit = f"\u202f{spec.unit}" if spec.unit else ""
        return [f"{format_number(value)}{unit}"]

    def bars(self, spec: Any, values: list[Any], right: int, answered: int) -> list[Bar]:
        """Return one bar per value given, most frequent first, the rarest pooled."""
        counts = Counter(round(v, 6) for v in values)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        unit = f" {spec.unit}" if spec.unit else ""
        bars = [
            Bar(format_number(v), f"{format_number(v)}{unit}", n, spec.accepts(v))
            for v, n in ranked[:MAX_BARS]
        ]
        rest = ranked[MAX_BARS:]
        if rest:
            bars.append(Bar("other", "Autres valeurs", sum(n for _, n in rest), None))
        return bars
