"""Match each left-hand item with a right-hand one; the share of correct pairs counts."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .base import ID_PATTERN, QuestionSpec, public_fields, scored
from .registry import register
from .result import ResponseError, Result


class Pair(BaseModel):
    """A left item and its right match; the right side carries the pair's id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    left: str = Field(min_length=1)
    right: str = Field(min_length=1)


class MatchingSpec(QuestionSpec):
    """Pairs to rebuild."""

    type: Literal["matching"]
    pairs: tuple[Pair, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_ids(self) -> "MatchingSpec":
        ids = [p.id for p in self.pairs]
        if len(set(ids)) != len(ids):
            raise ValueError("pair ids must be unique within a question")
        return self


@register
class Matching:
    """Grade a mapping of left pair ids to chosen right pair ids."""

    name = "matching"
    spec_model = MatchingSpec

    def validate_response(self, spec: MatchingSpec, response: Any) -> dict[str, str]:
        """Return the mapping; unanswered left items simply count as wrong."""
        if not isinstance(response, dict):
            raise ResponseError("La réponse doit associer chaque élément à un autre.")
        ids = {p.id for p in spec.pairs}
        for left, right in response.items():
            if left not in ids:
                raise ResponseError(f"Élément inconnu : {left}.")
            if not isinstance(right, str) or right not in ids:
                raise ResponseError(f"Association inconnue pour {left} : {right}.")
        return dict(response)

    def grade(self, spec: MatchingSpec, response: dict[str, str]) -> Result:
        """Give the share of correct pairs."""
        right = sum(response.get(p.id) == p.id for p in spec.pairs)
        return scored(spec, right / len(spec.pairs), [])

    def public(self, spec: MatchingSpec) -> dict[str, Any]:
        """Return the left items in order and the right items sorted by text."""
        rights = sorted(spec.pairs, key=lambda p: (p.right.casefold(), p.id))
        return {
            **public_fields(spec),
            "left": [{"id": p.id, "text": p.left} for p in spec.pairs],
            "right": [{"id": p.id, "text": p.right} for p in rights],
        }
