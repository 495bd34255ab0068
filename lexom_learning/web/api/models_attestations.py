"""Bodies and answers of attendance, closing, attestations, verification and xAPI (issue 7)."""

from datetime import datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, RootModel

from .fields import Absent, Bool, Text
from .models_documents import Id
from .spec import Closed

AttestationStatus = Literal["valid", "superseded", "revoked"]


class AttendanceSign(Closed):
    """A participant's signature of the half-day open now."""

    signature: Text(
        150_000,
        description="A PNG data URL (data:image/png;base64,...), an SVG path (M10 10 L20 20...) "
        "or the typed full name.",
    )


class AttendanceRecord(Closed):
    """A trainer's countersignature, paper signature or absence."""

    participant_id: Id
    slot: Text(20)
    method: Literal["countersign", "paper", "absent"]
    reason: Text(500, 0, description="Mandatory for a paper signature and for absent") = ""


class Decision(Closed):
    """What to do with one signature awaiting countersignature."""

    participant_id: Id
    slot: Text(20)
    action: Literal["countersign", "absent"]
    reason: Text(500, 0, description="Mandatory for absent") = Absent()


class SessionClose(Closed):
    """How to close: interrupted or not, and the decisions on pending signatures (optional)."""

    OPTIONAL: ClassVar[bool] = True

    interrupted: Bool = Field(
        False,
        description="The session stopped before its last half-day ended; requires a reason, "
        "printed on the documents.",
    )
    reason: Text(500, 0, description="Why the session was interrupted") = Absent()
    last_half_day: Text(
        20,
        description="Interrupted: the last half-day held (default: those started by now). "
        "Later half-days do not count.",
    ) = Absent()
    decisions: list[Decision] = Absent(
        max_length=2000,
        description="One decision per signature awaiting countersignature.",
    )


class AttendanceSignature(BaseModel):
    """One signature act (never the signature image itself)."""

    id: int
    participant_id: int
    slot: str
    kind: Literal["participant", "countersign", "paper", "absent"]
    method: Literal["drawn_png", "drawn_svg", "typed", "countersign", "paper", "absent"]
    actor: str
    reason: str | None
    signed_at: datetime


class Attestation(BaseModel):
    """An attestation's register line."""

    number: str
    participant_id: int
    version: int | None = None
    status: AttestationStatus
    sha256: str
    certificate_sha256: str | None = None
    issued_at: datetime
    hours_attended: float | None = None


class AttestationList(RootModel[list[Attestation]]):
    """Every attestation version of a session."""


class SessionClosed(BaseModel):
    """The session's outcome as stored, not what this request did: a close sent again, or many
    times at once, gets the same answer."""

    id: int
    status: Literal["closed"]
    closed_at: datetime
    issued: list[Attestation] = Field(
        description="The session's valid attestations (every caller gets them)"
    )
    superseded: list[Attestation] = Field(description="The session's versions replaced since")
    not_eligible: int = Field(description="Participants without a valid attestation")


class VerifyQuery(BaseModel):
    """What /verify may be asked."""

    sha256: str | None = Field(
        None,
        pattern=r"^[0-9a-fA-F]{64}$",
        description="SHA-256 of a PDF to check against the stored one",
    )


class CourseTitle(BaseModel):
    """A course's reference and title."""

    ref: str
    title: str


class Verification(BaseModel):
    """Valid, superseded or revoked (no personal data)."""

    number: str | None = None
    valid: bool
    status: AttestationStatus
    course: CourseTitle
    issued_at: datetime
    sha256_match: bool | None = None
    superseded_by: str | None = None


class XapiStatement(BaseModel):
    """One completion event as an xAPI statement."""

    id: str
    actor: dict[str, Any]
    verb: dict[str, Any]
    object: dict[str, Any]
    timestamp: datetime
    context: dict[str, Any]
    result: dict[str, Any] | None = None
    version: str | None = None


class XapiStatements(RootModel[list[XapiStatement]]):
    """The session's completion log."""
