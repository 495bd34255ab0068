"""Bodies and answers of a person's export and erasure (issue 16)."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .fields import Text
from .spec import Closed


class ErasureRequest(Closed):
    """Why a participant's personal data is erased."""

    reason: Text(500, description="Why (the request's date and channel, or the rule)")


class KeptDocument(BaseModel):
    """A legal document kept after the erasure, and until when."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["attestation", "certificat", "attendance_sheet"]
    reference: str
    keep_until: date


class Erasure(BaseModel):
    """What an erasure changed, the documents kept and until when."""

    participant_id: int
    pseudonym: str
    erased_at: datetime
    changed: dict[str, int]
    kept_documents: list[KeptDocument]
    notice: str = Field(description="What the person is told about the documents kept.")
