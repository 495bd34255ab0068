"""The training organisation's identity, read from a YAML settings file (pure: pydantic + YAML).

Every document (attestation, certificat, attendance sheet), page footer and e-mail takes the
organisation's name, address, SIRET, numéro de déclaration d'activité, legal representative,
signatory, images and DPO from here; nothing about a given organisation is written in the code.
The app reads the file named by ``LEXOM_ORGANISATION_FILE`` and keeps the validated
``Organisation`` in ``app.config["LEXOM_ORGANISATION"]``.
"""

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .modules.loader import _clean_loc, _message
from .modules.problems import ContentError, Problem
from .modules.source import SourceError, load_yaml

# Code du travail, L6352-12: the number may be shown only with this sentence.
NDA_NOTICE = "Cet enregistrement ne vaut pas agrément de l'État."
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
# La Poste's establishments do not follow Luhn: their SIRET digits add up to a multiple of 5.
LA_POSTE_SIREN = "356000000"
PACKAGE_ROOT = Path(__file__).resolve().parent
_CHECKOUT_DEMO = PACKAGE_ROOT.parent / "content" / "organisation.demo.yaml"
_PACKAGED_DEMO = PACKAGE_ROOT / "xblocks" / "course_content" / "organisation.demo.yaml"
DEMO_FILE = _CHECKOUT_DEMO if _CHECKOUT_DEMO.is_file() else _PACKAGED_DEMO


def luhn_valid(digits: str) -> bool:
    """Say whether a string of digits passes the Luhn check (SIREN and SIRET keys)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            value -= 9 if value > 9 else 0
        total += value
    return total % 10 == 0


def normalise_siret(value: str) -> str:
    """Return a SIRET without spaces.

    :raises ValueError: not 14 digits, or a wrong check key.
    """
    return _siret(value)


def _siret(value: str) -> str:
    digits = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{14}", digits):
        raise ValueError("a SIRET is 14 digits")
    if digits.startswith(LA_POSTE_SIREN):
        if sum(int(c) for c in digits) % 5:
            raise ValueError("invalid SIRET: its check digit is wrong")
    elif not luhn_valid(digits[:9]) or not luhn_valid(digits):
        raise ValueError("invalid SIRET: its check digit is wrong (Luhn key)")
    return digits


def _nda(value: str) -> str:
    digits = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{11}", digits):
        raise ValueError("a numéro de déclaration d'activité is 11 digits")
    return digits


Siret = Annotated[str, AfterValidator(_siret)]
Text = Annotated[str, Field(min_length=1, max_length=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Address(_Strict):
    """A postal address in France."""

    street: Text
    postcode: Annotated[str, Field(pattern=r"^\d{5}$")]
    city: Text

    def one_line(self) -> str:
        """Return « 12 rue X, 07200 Aubenas »."""
        return f"{self.street}, {self.postcode} {self.city}"


class Person(_Strict):
    """Someone who acts for the organisation, with the capacity they act in."""

    name: Text
    capacity: Text


class Dpo(_Strict):
    """The data protection officer (or the contact for personal data)."""

    name: Text
    email: EmailStr
    address: str | None = None


class Organisation(_Strict):
    """The training organisation as its documents must name it."""

    name: Text
    address: Address
    siret: Siret
    nda: Annotated[str, AfterValidator(_nda)]
    nda_region: Text = Field(description="the région whose préfet registered the declaration")
    nda_notice: str = NDA_NOTICE
    legal_representative: Person
    signatory: Person
    dpo: Dpo
    email: EmailStr | None = None
    phone: str | None = None
    website: str | None = None
    signature_image: Path | None = None
    stamp_image: Path | None = None
    logo: Path | None = None
    demo: bool = False

    @field_validator("nda_notice")
    @classmethod
    def _notice_required(cls, value: str) -> str:
        if value.strip() != NDA_NOTICE:
            raise ValueError(f"must be the sentence the law requires: « {NDA_NOTICE} »")
        return value.strip()

    @field_validator("signature_image", "stamp_image", "logo")
    @classmethod
    def _image(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        if value is None:
            return None
        base = (info.context or {}).get("base")
        path = value if value.is_absolute() or base is None else Path(base) / value
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            raise ValueError("an image must be a PNG or JPEG file")
        if not path.is_file():
            raise ValueError(f"image not found: {path}")
        head = path.read_bytes()[:8]
        if not (head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")):
            raise ValueError(f"not a PNG or JPEG image: {path}")
        return path.resolve()

    @property
    def nda_statement(self) -> str:
        """Return the numéro de déclaration d'activité with the sentence the law requires."""
        return (
            f"Déclaration d'activité enregistrée sous le n° {self.nda} auprès du préfet de "
            f"région {self.nda_region}. {self.nda_notice}"
        )

    def identity_lines(self) -> list[str]:
        """Return the identity block printed on every document."""
        return [
            self.name,
            self.address.one_line(),
            f"SIRET {self.formatted_siret}",
            self.nda_statement,
        ]

    @property
    def formatted_siret(self) -> str:
        """Return the SIRET as « 123 456 789 00012 »."""
        s = self.siret
        return f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}"

    def snapshot(self) -> dict[str, Any]:
        """Return what documents print, as JSON-ready data (kept in attestation snapshots)."""
        return {
            "name": self.name,
            "address": self.address.model_dump(),
            "address_line": self.address.one_line(),
            "city": self.address.city,
            "siret": self.siret,
            "siret_display": self.formatted_siret,
            "nda": self.nda,
            "nda_statement": self.nda_statement,
            "legal_representative": self.legal_representative.model_dump(),
            "signatory": self.signatory.model_dump(),
            "dpo": self.dpo.model_dump(),
            "signature_image": str(self.signature_image) if self.signature_image else None,
            "stamp_image": str(self.stamp_image) if self.stamp_image else None,
            "logo": str(self.logo) if self.logo else None,
        }


class OrganisationError(ContentError):
    """The organisation's settings file is missing or invalid (``problems`` lists why)."""


def check_organisation(path: str | Path) -> list[Problem]:
    """Return every problem of the settings file at ``path`` (empty when it is valid)."""
    try:
        load_organisation(path)
    except OrganisationError as error:
        return error.problems
    return []


def load_organisation(path: str | Path) -> Organisation:
    """Read and validate the settings file at ``path``.

    :raises OrganisationError: every problem found, as ``file:line path: message``.
    """
    path = Path(path)
    try:
        document = load_yaml(path, str(path))
    except SourceError as error:
        raise OrganisationError([error.problem]) from None
    if not isinstance(document.data, dict):
        raise OrganisationError([Problem(str(path), 1, "", "expected a mapping of settings")])
    try:
        return Organisation.model_validate(document.data, context={"base": path.parent})
    except ValidationError as error:
        problems = [
            document.problem(_clean_loc(item["loc"]), _message(item))
            for item in error.errors(include_url=False)
        ]
        raise OrganisationError(problems) from None
