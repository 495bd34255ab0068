"""A rating on a scale: validated, not graded."""

import re
from collections import Counter
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from .base import KEEP, Bar, Gettext, QuestionKind, QuestionSpec, public_fields, ungraded
from .result import ResponseError, Result


class Scale(BaseModel):
    """Bounds of the scale and labels of some of its points."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min: int
    max: int
    labels: dict[int, str] = {}

    @model_validator(mode="after")
    def _ordered(self) -> "Scale":
        if self.min >= self.max:
            raise ValueError("scale.min must be below scale.max")
        outside = [k for k in self.labels if not self.min <= k <= self.max]
        if outside:
            raise ValueError(f"labels outside the scale: {outside}")
        return self


class LikertSpec(QuestionSpec):
    """A rating question."""

    type: Literal["likert"]
    scale: Scale
    graded: ClassVar[bool] = False


class Likert(QuestionKind):
    """Validate a point of the scale."""

    name = "likert"
    spec_model = LikertSpec
    widget: ClassVar[str] = "likert"
    summary: ClassVar[str | None] = "ratings"

    def validate_response(self, spec: LikertSpec, response: Any) -> int:
        """Return the chosen point as an int."""
        if isinstance(response, str) and re.fullmatch(r"-?[0-9]{1,6}", response.strip()):
            response = int(response.strip())
        if isinstance(response, bool) or not isinstance(response, int):
            raise ResponseError("Choisissez un point de l'échelle.")
        if not spec.scale.min <= response <= spec.scale.max:
            raise ResponseError(
                "Choisissez une valeur entre %(low)s et %(high)s.",
                low=spec.scale.min,
                high=spec.scale.max,
            )
        return response

    def grade(self, spec: LikertSpec, response: int) -> Result:
        """Return an ungraded Result."""
        return ungraded(spec)

    def public(self, spec: LikertSpec) -> dict[str, Any]:
        """Return the prompt and the scale."""
        scale = spec.scale
        return {
            **public_fields(spec),
            "scale": {
                "min": scale.min,
                "max": scale.max,
                "labels": {str(k): v for k, v in sorted(scale.labels.items())},
            },
        }

    def describe(self, spec: Any, value: Any, gettext: Gettext = KEEP) -> list[str]:
        """Return the point and its label, if it has one."""
        label = spec.scale.labels.get(value)
        return [f"{value} – {label}" if label else str(value)]

    def choices(self, view: dict[str, Any], gettext: Gettext = KEEP) -> list[dict[str, str]]:
        """Return one radio per point of the scale."""
        scale = view["scale"]
        labels = scale["labels"]
        return [
            {"value": str(p), "text": f"{p} – {labels[str(p)]}" if str(p) in labels else str(p)}
            for p in range(scale["min"], scale["max"] + 1)
        ]

    def bars(self, spec: Any, values: list[Any], right: int, answered: int) -> list[Bar]:
        """Return one bar per point of the scale."""
        counts = Counter(values)
        scale = spec.scale
        return [
            Bar(str(p), scale.labels.get(p, str(p)), counts[p], None)
            for p in range(scale.min, scale.max + 1)
        ]
