"""A short typed answer, compared ignoring case, accents and extra spaces."""

import unicodedata
from typing import Any, Literal

from pydantic import Field

from .base import QuestionKind, QuestionSpec, public_fields, scored
from .result import ResponseError, Result

MAX_LENGTH = 200


def normalise(text: str) -> str:
    """Fold case and accents and collapse white space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


class ShortTextSpec(QuestionSpec):
    """A question answered by a word or a short phrase."""

    type: Literal["short_text"]
    accepted: tuple[str, ...] = Field(min_length=1)


class ShortText(QuestionKind):
    """Grade a short string."""

    name = "short_text"
    spec_model = ShortTextSpec
    widget = "short_text"
    own_words = True

    def validate_response(self, spec: ShortTextSpec, response: Any) -> str:
        """Return the typed text."""
        if not isinstance(response, str):
            raise ResponseError("La réponse doit être un texte.")
        if len(response) > MAX_LENGTH:
            raise ResponseError(
                "Réponse trop longue (%(limit)s caractères au plus).", limit=MAX_LENGTH
            )
        if not response.strip():
            raise ResponseError("La réponse est vide.")
        return response

    def grade(self, spec: ShortTextSpec, response: str) -> Result:
        """Give all the points when the text matches an accepted answer."""
        ok = normalise(response) in {normalise(a) for a in spec.accepted}
        return scored(spec, 1.0 if ok else 0.0, self.feedback(spec, response, ok))

    def feedback(self, spec: ShortTextSpec, value: str, correct: bool | None) -> list[str]:
        """Give the expected answer after a wrong one."""
        return [] if correct else [f"Réponse attendue : {spec.accepted[0]}."]

    def public(self, spec: ShortTextSpec) -> dict[str, Any]:
        """Return the prompt."""
        return {**public_fields(spec), "max_length": MAX_LENGTH}

    def solution(self, spec: ShortTextSpec) -> str:
        """Return the first accepted answer."""
        return spec.accepted[0]
