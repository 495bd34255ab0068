"""Put items in order: all or nothing, or the share of items in the right place."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .base import ID_PATTERN, QuestionSpec, ensure_id_list, public_fields, scored
from .registry import register
from .result import ResponseError, Result


class Item(BaseModel):
    """One item to place."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)


class OrderingSpec(QuestionSpec):
    """Items listed in the right order."""

    type: Literal["ordering"]
    items: tuple[Item, ...] = Field(min_length=2)
    scoring: Literal["all_or_nothing", "partial"] = "all_or_nothing"

    @model_validator(mode="after")
    def _unique_ids(self) -> "OrderingSpec":
        ids = [i.id for i in self.items]
        if len(set(ids)) != len(ids):
            raise ValueError("item ids must be unique within a question")
        return self


@register
class Ordering:
    """Grade a list of item ids."""

    name = "ordering"
    spec_model = OrderingSpec

    def validate_response(self, spec: OrderingSpec, response: Any) -> list[str]:
        """Return the ordered item ids; every item must be placed once."""
        order = ensure_id_list(response, {i.id for i in spec.items}, "d’éléments")
        if len(order) != len(spec.items):
            raise ResponseError(f"Placez les {len(spec.items)} éléments, chacun une fois.")
        return order

    def grade(self, spec: OrderingSpec, response: list[str]) -> Result:
        """Compare the order with the expected one."""
        in_place = sum(a == b.id for a, b in zip(response, spec.items, strict=True))
        ratio = in_place / len(spec.items)
        if spec.scoring != "partial":
            ratio = 1.0 if in_place == len(spec.items) else 0.0
        return scored(spec, ratio, [])

    def public(self, spec: OrderingSpec) -> dict[str, Any]:
        """Return the items in a stable shuffled order (sorted by text), never the answer."""
        items = sorted(spec.items, key=lambda i: (i.text.casefold(), i.id))
        return {**public_fields(spec), "items": [{"id": i.id, "text": i.text} for i in items]}
