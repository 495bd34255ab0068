"""Put items in order: all or nothing, or the share of items in the right place.

Authors list the items in the right order and number their ids the same way (``a``…``f``,
``i1``…``i5``), so learners never see those ids: each item is shown under an id of its own,
``o-`` and the first 8 hex digits of the SHA-256 of its text (spaces collapsed, NFC), see
``item_id`` and ``text_ids``. Such an id depends on the text alone, and the items are shown
sorted by text, accents and case aside: any order of the same texts gives the same public view.
A response lists these ids, first to last. Two items of a question may not have the same text
(they would share an id), and author ids may not take the form ``o-`` + 8 hex digits, so an
old response can never pass for a new one. Editing a text changes its id, so a response stored
before the edit is refused rather than read as another order. Responses stored with the author
ids (which gave the answer away) are read with ``quizzes.stored_response``; sent today, they
are refused.
"""

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .base import ID_PATTERN, KEEP, Gettext, QuestionKind, QuestionSpec, public_fields, scored
from .result import ResponseError, Result
from .text_ids import check_author_ids, id_pattern, normal, sort_key, text_id

ITEM_ID = id_pattern("o")
MAX_LISTED = 5  # unknown ids named in an error message


class Item(BaseModel):
    """One item to place; learners see it under an id made from its text, never under its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(
        pattern=ID_PATTERN,
        description="Author id, never shown to learners (not o-<8 hex digits>)",
    )
    text: str = Field(min_length=1, description="Unique within the question")


def item_id(text: str) -> str:
    """Return the id learners see for an item text: it depends on that text only."""
    return text_id("o", text)


class OrderingSpec(QuestionSpec):
    """Items listed in the right order."""

    type: Literal["ordering"]
    items: tuple[Item, ...] = Field(min_length=2)
    scoring: Literal["all_or_nothing", "partial"] = "all_or_nothing"

    @model_validator(mode="after")
    def _unique_ids(self) -> "OrderingSpec":
        check_author_ids([i.id for i in self.items], "item", "o")
        texts: dict[str, str] = {}
        for item in self.items:
            shown, text = item_id(item.text), normal(item.text)
            if shown in texts:
                if texts[shown] == text:
                    raise ValueError(f"two items have the same text {text!r}: reword one")
                raise ValueError(f"two item texts share the id {shown}: reword one")
            texts[shown] = text
        return self


def public_items(spec: OrderingSpec) -> list[dict[str, str]]:
    """Return the items as learners see them: ``{id, text}`` sorted by text, accents and case
    aside; neither the ids nor the order depend on the right order."""
    ordered = sorted(spec.items, key=lambda i: (*sort_key(i.text), item_id(i.text)))
    return [{"id": item_id(i.text), "text": i.text} for i in ordered]


def item_texts(spec: OrderingSpec) -> dict[str, str]:
    """Return the text of each public item id (to show a response in words)."""
    return {item_id(i.text): i.text for i in spec.items}


def answer_key(spec: OrderingSpec) -> list[str]:
    """Return the expected response: the public item ids in the right order."""
    return [item_id(i.text) for i in spec.items]


def _listed(ids: list[str]) -> str:
    shown = ", ".join(ids[:MAX_LISTED])
    return shown + ("…" if len(ids) > MAX_LISTED else "")


class Ordering(QuestionKind):
    """Grade a list of public item ids."""

    name = "ordering"
    spec_model = OrderingSpec
    widget: ClassVar[str] = "ordering"
    joiner: ClassVar[str] = " → "
    ordered: ClassVar[bool] = True

    def validate_response(self, spec: OrderingSpec, response: Any) -> list[str]:
        """Return the ordered item ids; every item must be placed once, under its public id."""
        if not isinstance(response, list) or not all(isinstance(i, str) for i in response):
            raise ResponseError("La réponse doit être une liste d’éléments.")
        known = set(answer_key(spec))
        unknown = [i for i in response if i not in known]
        if unknown:
            raise ResponseError(
                "Élément inconnu : %(items)s. Désignez les éléments par les "
                "identifiants proposés avec la question (o-…).",
                items=_listed(unknown),
            )
        if len(set(response)) != len(response):
            raise ResponseError("Un même élément ne peut pas être placé deux fois.")
        if len(response) != len(spec.items):
            raise ResponseError(
                "Placez les %(count)s éléments, chacun une fois.", count=len(spec.items)
            )
        return list(response)

    def grade(self, spec: OrderingSpec, response: list[str]) -> Result:
        """Compare the order with the expected one."""
        key = answer_key(spec)
        in_place = sum(a == b for a, b in zip(response, key, strict=True))
        ratio = in_place / len(key)
        if spec.scoring != "partial":
            ratio = 1.0 if in_place == len(key) else 0.0
        return scored(spec, ratio, [])

    def public(self, spec: OrderingSpec) -> dict[str, Any]:
        """Return the items under their public ids, sorted by text: never the answer."""
        return {**public_fields(spec), "items": public_items(spec)}

    def solution(self, spec: OrderingSpec) -> list[str]:
        """Return the item ids in the right order."""
        return answer_key(spec)

    def describe(self, spec: Any, value: Any, gettext: Gettext = KEEP) -> list[str]:
        """Return the item texts in the order given."""
        texts = item_texts(spec)
        return [texts[i] for i in value]

    def parts(self, spec: OrderingSpec) -> list[str]:
        """Return the public id of each item (each gets a rank)."""
        return answer_key(spec)

    def first_part(self, view: dict[str, Any]) -> str | None:
        """Return the first item shown."""
        return view["items"][0]["id"]

    def stored_response(self, spec: OrderingSpec, response: Any) -> Any:
        """Return a stored response in today's form when it lists author ids.

        Before items had public ids, a response listed the author ids (``["a", "b", "c"]``).
        Author ids never take the form of a public id, so the two forms cannot be confused; a
        response mixing both, or naming an item that is gone, comes back unchanged (and is
        refused by the validation). Only for responses stored before the change, through
        ``quizzes.stored_response``: an incoming response of author ids stays refused.
        """
        if not isinstance(response, list) or not response:
            return response
        old = {i.id: item_id(i.text) for i in spec.items}
        if not all(isinstance(value, str) and value in old for value in response):
            return response
        return [old[value] for value in response]
