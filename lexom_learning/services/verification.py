"""Public verification of an attestation number, optionally against a document's SHA-256."""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from .attestations import by_number, replacement_of
from .errors import Invalid

SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
STATUS_LABELS = {"valid": "valide", "superseded": "remplacée", "revoked": "révoquée"}


@dataclass(frozen=True)
class Verification:
    """What anyone may learn about a number: nothing personal beyond the document itself."""

    number: str
    status: str
    course_ref: str
    course_title: str
    starts_on: str
    ends_on: str
    issued_at: datetime
    sha256_match: bool | None  # None when no hash was given
    document: str | None  # "attestation" or "certificat" when the hash matched one
    superseded_by: str | None
    participant_name: str | None  # shown only to whoever holds the matching document

    @property
    def valid(self) -> bool:
        """Say whether the number is valid and, when a hash was given, the document matches."""
        return self.status == "valid" and self.sha256_match is not False

    @property
    def status_label(self) -> str:
        """Return the status in French."""
        return STATUS_LABELS[self.status]


def sha256_of(data: bytes) -> str:
    """Return the SHA-256 of a document, in hexadecimal."""
    return hashlib.sha256(data).hexdigest()


def verify(number: str, sha256: str | None = None) -> Verification:
    """Check a number, and a document's hash when one is given.

    :raises NotFound: unknown number.
    :raises Invalid: the hash is not 64 hexadecimal digits.
    """
    if sha256 is not None and not SHA256.match(sha256.strip()):
        raise Invalid("Empreinte SHA-256 attendue (64 caractères hexadécimaux).", "sha256")
    attestation = by_number(number)
    match, document = None, None
    if sha256 is not None:
        digest = sha256.strip().lower()
        if digest == attestation.sha256:
            match, document = True, "attestation"
        elif digest == attestation.certificate_sha256:
            match, document = True, "certificat"
        else:
            match = False
    replacement = replacement_of(attestation) if attestation.status == "superseded" else None
    s = attestation.snapshot
    return Verification(
        number=attestation.number,
        status=attestation.status,
        course_ref=s["course"]["ref"],
        course_title=s["course"]["title"],
        starts_on=s["session"]["starts_on"],
        ends_on=s["session"]["ends_on"],
        issued_at=attestation.issued_at,
        sha256_match=match,
        document=document,
        superseded_by=replacement.number if replacement else None,
        participant_name=s["participant"]["name"] if match else None,
    )
