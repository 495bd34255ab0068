"""A free comment: validated, not graded."""

from typing import Any, ClassVar, Literal

from pydantic import Field

from .base import QuestionKind, QuestionSpec, public_fields, ungraded
from .result import ResponseError, Result


class FreeTextSpec(QuestionSpec):
    """An open question."""

    type: Literal["free_text"]
    max_length: int = Field(default=2000, gt=0, le=20000)
    required: bool = False
    graded: ClassVar[bool] = False


class FreeText(QuestionKind):
    """Validate a comment's length."""

    name = "free_text"
    spec_model = FreeTextSpec
    widget: ClassVar[str] = "free_text"
    summary: ClassVar[str | None] = "comments"
    own_words: ClassVar[bool] = True

    def validate_response(self, spec: FreeTextSpec, response: Any) -> str:
        """Return the text, stripped."""
        if not isinstance(response, str):
            raise ResponseError("La réponse doit être un texte.")
        text = response.strip()
        if len(text) > spec.max_length:
            raise ResponseError(
                "Texte trop long : %(length)s caractères, %(limit)s au plus.",
                length=len(text),
                limit=spec.max_length,
            )
        if spec.required and not text:
            raise ResponseError("Cette réponse est obligatoire.")
        return text

    def grade(self, spec: FreeTextSpec, response: str) -> Result:
        """Return an ungraded Result."""
        return ungraded(spec)

    def public(self, spec: FreeTextSpec) -> dict[str, Any]:
        """Return the prompt and the length limit."""
        return {**public_fields(spec), "max_length": spec.max_length}
