"""Who employs a participant, and what kind of session it is (inter or intra, funder).

The certificat de réalisation prints « salarié(e) de l'entreprise … » from the participant's
employer; an intra-company session names its client company.
"""

import csv
import io

from ..organisation import normalise_siret
from ..storage import Participant, TrainingSession
from ..storage.training import SESSION_KINDS
from ..translatable import Message
from .accounts import normalise_email
from .errors import Invalid

EMPLOYER_COLUMNS = ("entreprise", "employeur", "employer", "société", "societe")
SIRET_COLUMNS = ("siret", "siret employeur", "siret entreprise")
MAX_NAME = 200


def clean_siret(value: str | None, field: str) -> str | None:
    """Return a SIRET without spaces, or None when empty.

    :raises Invalid: not 14 digits or a wrong check key.
    """
    text = (value or "").strip()
    if not text:
        return None
    try:
        return normalise_siret(text)
    except ValueError:
        raise Invalid(
            "SIRET invalide : 14 chiffres avec une clé de contrôle correcte.", field
        ) from None


def clean_name(value: str | None, field: str) -> str | None:
    """Return a company name with single spaces, or None when empty.

    :raises Invalid: longer than 200 characters.
    """
    text = " ".join((value or "").split())
    if len(text) > MAX_NAME:
        raise Invalid("Nom d'entreprise : %(limit)s caractères au plus.", field, limit=MAX_NAME)
    return text or None


def set_employer(participant: Participant, name: str | None, siret: str | None) -> None:
    """Record a participant's employer, inside the calling use case's unit of work.

    :raises Invalid: bad SIRET, SIRET without a company name, or a name too long.
    """
    name = clean_name(name, "employer_name")
    siret = clean_siret(siret, "employer_siret")
    if siret and not name:
        raise Invalid("Indiquez le nom de l'entreprise avec son SIRET.", "employer_name")
    participant.employer_name, participant.employer_siret = name, siret


def session_kind(
    kind: str | None,
    client_name: str | None = None,
    client_siret: str | None = None,
    funder: str | None = None,
) -> dict[str, str | None]:
    """Return the checked kind (inter or intra), client and funder of a session.

    :raises Invalid: unknown kind, an intra session without its client, a bad SIRET.
    """
    kind = (kind or "inter").strip()
    if kind not in SESSION_KINDS:
        raise Invalid("Type de session : « inter » ou « intra ».", "kind")
    client_name = clean_name(client_name, "client_name")
    if kind == "intra" and not client_name:
        raise Invalid("Une session intra-entreprise nomme son entreprise cliente.", "client_name")
    intra = kind == "intra"
    return {
        "kind": kind,
        "client_name": client_name if intra else None,
        "client_siret": clean_siret(client_siret, "client_siret") if intra else None,
        "funder": clean_name(funder, "funder"),
    }


def set_session_kind(training: TrainingSession, values: dict[str, str | None]) -> None:
    """Apply ``session_kind``'s values to a session and commit."""
    from ..extensions import db

    for key, value in values.items():
        setattr(training, key, value)
    db.session.commit()


def employers_in_csv(raw: bytes) -> tuple[dict[str, tuple[str | None, str | None]], list]:
    """Read the optional employer columns of a participants CSV.

    Return ({email: (company, SIRET)}, [(line, Message)]) — the problems of bad lines.
    """
    from .sessions import _read_csv  # the same decoding and limits as the import itself

    _read_csv(raw)  # raises CsvImportError on what the import refuses anyway
    text = raw.decode("utf-8-sig", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [h.strip().lower() for h in next(reader)]
    email_col = next(
        (header.index(h) for h in ("email", "e-mail", "courriel", "mail") if h in header), None
    )
    name_col = next((header.index(h) for h in EMPLOYER_COLUMNS if h in header), None)
    siret_col = next((header.index(h) for h in SIRET_COLUMNS if h in header), None)
    found: dict[str, tuple[str | None, str | None]] = {}
    problems: list = []
    if email_col is None or (name_col is None and siret_col is None):
        return found, problems
    for line, row in enumerate(reader, start=2):
        if len(row) <= email_col:
            continue
        name = row[name_col] if name_col is not None and name_col < len(row) else None
        siret = row[siret_col] if siret_col is not None and siret_col < len(row) else None
        try:
            company = clean_name(name, "employer_name")
            number = clean_siret(siret, "employer_siret")
        except Invalid as error:
            problems.append((line, error.text))
            continue
        if number and not company:
            problems.append((line, Message("SIRET sans nom d'entreprise.")))
            continue
        found[normalise_email(row[email_col])] = (company, number)
    return found, problems


def import_participants(training: TrainingSession, raw: bytes) -> list[Participant]:
    """Enrol a CSV's participants with their employers (optional columns), or none.

    :raises CsvImportError: every bad line, employer columns included; nothing imported then.
    """
    from ..extensions import db
    from .sessions import CsvImportError, CsvProblem, import_participants_csv

    found, problems = employers_in_csv(raw)
    if problems:
        raise CsvImportError([CsvProblem(line, text) for line, text in problems])
    added = import_participants_csv(training, raw)
    for participant in added:
        company, siret = found.get(participant.email, (None, None))
        participant.employer_name, participant.employer_siret = company, siret
    db.session.commit()
    return added
