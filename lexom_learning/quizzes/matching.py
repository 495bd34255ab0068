"""Match each left-hand item with a right-hand one; the share of correct pairs counts.

A learner sees the left items under their pair ids and the right items under ids of their own:
``r-`` and the first 8 hex digits of the SHA-256 of the right text (spaces collapsed, NFC), see
``right_id``. Such an id depends on the right text alone, so the public view says nothing of
the pairing (any re-pairing of the same texts gives the same view), needs no secret nor
randomness, and anyone can compute it from what they see. It also stays put when pairs are
reordered, added or removed; editing a right text changes that text's id, so a response stored
before the edit is refused rather than read as another match. Identical right texts share one
id (a learner could not tell them apart either). The right items are shown sorted by text,
accents and case aside, so their order does not depend on the pairing either (the id scheme is
shared with ordering questions, see ``text_ids``). Responses stored with the former ids
(``{pair id: pair id}``, which gave the answer away) are read with ``quizzes.stored_response``;
sent today, they are refused.
"""

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .base import ID_PATTERN, KEEP, Gettext, QuestionKind, QuestionSpec, public_fields, scored
from .result import ResponseError, Result
from .text_ids import check_author_ids, id_pattern, normal, sort_key, text_id

RIGHT_ID = id_pattern("r")


class Pair(BaseModel):
    """A left item and its right match; learners see the right side under its own id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN, description="Id of the left item (not r-<8 hex digits>)")
    left: str = Field(min_length=1)
    right: str = Field(min_length=1)


def right_id(text: str) -> str:
    """Return the id learners see for a right-hand text: it depends on that text only."""
    return text_id("r", text)


class MatchingSpec(QuestionSpec):
    """Pairs to rebuild."""

    type: Literal["matching"]
    pairs: tuple[Pair, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_ids(self) -> "MatchingSpec":
        check_author_ids([p.id for p in self.pairs], "pair", "r")
        texts: dict[str, str] = {}
        for pair in self.pairs:
            if texts.setdefault(right_id(pair.right), normal(pair.right)) != normal(pair.right):
                raise ValueError(f"two right texts share the id {right_id(pair.right)}: reword one")
        return self


def right_items(spec: MatchingSpec) -> list[dict[str, str]]:
    """Return the right items as learners see them: ``{id, text}``, sorted by text, no twins."""
    texts: dict[str, str] = {}
    for pair in spec.pairs:  # identical texts (spaces aside): show the first in sort order
        rid = right_id(pair.right)
        if rid not in texts or sort_key(pair.right) < sort_key(texts[rid]):
            texts[rid] = pair.right
    ordered = sorted(texts.items(), key=lambda item: (*sort_key(item[1]), item[0]))
    return [{"id": rid, "text": text} for rid, text in ordered]


def right_texts(spec: MatchingSpec) -> dict[str, str]:
    """Return the text of each right id (to show a response in words)."""
    return {item["id"]: item["text"] for item in right_items(spec)}


def answer_key(spec: MatchingSpec) -> dict[str, str]:
    """Return the expected response: each left (pair) id with the right id of its match."""
    return {p.id: right_id(p.right) for p in spec.pairs}


class Matching(QuestionKind):
    """Grade a mapping of left (pair) ids to chosen right ids."""

    name = "matching"
    widget: ClassVar[str] = "matching"
    spec_model = MatchingSpec

    def stored_response(self, spec: MatchingSpec, response: Any) -> Any:
        """Return a stored response in today's form when it predates the right ids.

        Before right items had ids of their own, a response matched left ids with pair ids
        (``{"p1": "p2"}``). Pair ids never take the form of a right id, so the two forms cannot
        be confused; any other response comes back unchanged. Only for responses stored before
        the change (re-scoring, showing an old answer), through ``quizzes.stored_response``: an
        incoming response in the old form stays refused, since the old ids gave the answer away.
        """
        if not isinstance(response, dict) or not response:
            return response
        key = answer_key(spec)
        if not all(isinstance(value, str) and value in key for value in response.values()):
            return response
        return {left: key[value] for left, value in response.items()}

    def validate_response(self, spec: MatchingSpec, response: Any) -> dict[str, str]:
        """Return the mapping; unanswered left items simply count as wrong."""
        if not isinstance(response, dict):
            raise ResponseError("La réponse doit associer chaque élément à un autre.")
        lefts = {p.id for p in spec.pairs}
        rights = {right_id(p.right) for p in spec.pairs}
        for left, right in response.items():
            if left not in lefts:
                raise ResponseError("Élément inconnu : %(item)s.", item=left)
            if not isinstance(right, str) or right not in rights:
                raise ResponseError(
                    "Association inconnue pour %(left)s : %(right)s n'est pas un des choix "
                    "proposés.",
                    left=left,
                    right=right,
                )
        return dict(response)

    def grade(self, spec: MatchingSpec, response: dict[str, str]) -> Result:
        """Give the share of correct pairs."""
        key = answer_key(spec)
        right = sum(response.get(left) == match for left, match in key.items())
        return scored(spec, right / len(spec.pairs), [])

    def public(self, spec: MatchingSpec) -> dict[str, Any]:
        """Return the left items in order and the right items under their own ids, by text."""
        return {
            **public_fields(spec),
            "left": [{"id": p.id, "text": p.left} for p in spec.pairs],
            "right": right_items(spec),
        }

    def solution(self, spec: MatchingSpec) -> dict[str, str]:
        """Return each left id with the right id of its match."""
        return answer_key(spec)

    def solution_text(self, spec: MatchingSpec) -> str:
        """Return every pair in words."""
        return " ; ".join(f"{p.left} → {p.right}" for p in spec.pairs)

    def describe(self, spec: Any, value: Any, gettext: Gettext = KEEP) -> list[str]:
        """Return each pair given, « left → right »."""
        lefts = {p.id: p.left for p in spec.pairs}
        rights = right_texts(spec)
        return [f"{lefts[k]} → {rights[v]}" for k, v in value.items()]

    def parts(self, spec: MatchingSpec) -> list[str]:
        """Return the id of each left item (each gets a match)."""
        return [p.id for p in spec.pairs]

    def first_part(self, view: dict[str, Any]) -> str | None:
        """Return the first left item."""
        return view["left"][0]["id"]
