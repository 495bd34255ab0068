"""Training sessions and their participants: creation, CSV import, links, closing."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..extensions import db
from ..input_rules import bad_character, describe
from ..modules import Course
from ..storage import Participant, TrainingSession, User
from ..translatable import N_, Message
from .accounts import normalise_email
from .employers import set_employer
from .errors import Conflict, Invalid, NotFound, gettext, translated
from .links import issue_link
from .schedule import apply_schedule, checked_schedule
from .session_state import SESSION_IS_CLOSED, ensure_open
from .unit_of_work import unit_of_work

MAX_CSV_ROWS = 500
MAX_CSV_BYTES = 200_000
TOO_BIG = N_("fichier trop volumineux (%(limit)s ko au plus).")
TOO_MANY = N_("%(limit)s participants au plus par import.")


def create_session(
    trainer: User,
    course: Course,
    title: str,
    starts_on: date,
    ends_on: date,
    location: str,
    schedule: list[dict] | None = None,
) -> TrainingSession:
    """Create a session of ``course`` run by ``trainer``, with its half-day schedule (the
    course's times on the default dates, changed by ``schedule`` entries).

    :raises Invalid: empty title or location, dates in the wrong order, or a bad schedule.
    """
    if not title.strip():
        raise Invalid("Le titre est obligatoire.", "title")
    if len(title.strip()) > 200:
        raise Invalid("Le titre dépasse 200 caractères.", "title")
    if not location.strip():
        raise Invalid("Le lieu est obligatoire.", "location")
    if len(location.strip()) > 200:
        raise Invalid("Le lieu dépasse 200 caractères.", "location")
    if ends_on < starts_on:
        raise Invalid("La date de fin précède la date de début.", "ends_on")
    slots = checked_schedule(course, starts_on, ends_on, schedule)
    session = TrainingSession(
        course_id=course.id,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        location=location.strip(),
        trainer=trainer,
    )
    apply_schedule(session, slots)
    db.session.add(session)
    db.session.commit()
    return session


def sessions_visible_to(user: User) -> list[TrainingSession]:
    """Return the sessions a staff member may see: their own for a trainer, all otherwise."""
    query = select(TrainingSession).order_by(TrainingSession.starts_on.desc(), TrainingSession.id)
    if user.role == "trainer":
        query = query.where(TrainingSession.trainer_id == user.id)
    return list(db.session.scalars(query))


def get_session(session_id: int) -> TrainingSession:
    """Return the session or raise NotFound."""
    session = db.session.get(TrainingSession, session_id)
    if session is None:
        raise NotFound("Session introuvable.")
    return session


def _check_participant(session: TrainingSession, name: str, email: str) -> tuple[str, str]:
    name, email = " ".join(name.split()), normalise_email(email)
    if not name:
        raise Invalid("Le nom est obligatoire.", "name")
    if len(name) > 200:
        raise Invalid("Le nom dépasse 200 caractères.", "name")
    local, _, domain = email.partition("@")
    if not local or "." not in domain or any(c.isspace() for c in email) or len(email) > 254:
        raise Invalid("Adresse e-mail invalide : %(email)s.", "email", email=email or "—")
    return name, email


def _email_taken(session: TrainingSession, email: str) -> bool:
    return (
        db.session.scalar(
            select(func.count()).where(
                Participant.session_id == session.id, Participant.email == email
            )
        )
        > 0
    )


def check_manager_email(email: str | None) -> str | None:
    """Return a manager's e-mail normalised, None when blank.

    :raises Invalid: not an e-mail address.
    """
    if email is None or not email.strip():
        return None
    email = normalise_email(email)
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email or len(email) > 254:
        raise Invalid(
            "Adresse e-mail du responsable invalide : %(email)s.", "manager_email", email=email
        )
    return email


def add_participant(
    session: TrainingSession,
    name: str,
    email: str,
    manager_email: str | None = None,
    employer: tuple[str | None, str | None] = (None, None),
) -> Participant:
    """Enrol one participant with their employer (name, SIRET) and give them a personal link,
    as one unit of work.

    :raises Invalid: bad employer (checked first), empty name, bad email or bad manager email.
    :raises Conflict: the session is closing or closed, or the email is already enrolled.
    """
    participant = Participant()
    set_employer(participant, *employer)
    ensure_open(session, SESSION_IS_CLOSED)
    name, email = _check_participant(session, name, email)
    manager_email = check_manager_email(manager_email)
    if _email_taken(session, email):
        raise Conflict("%(email)s est déjà inscrit(e) à cette session.", "email", email=email)
    with unit_of_work(db.session):
        participant.session, participant.name, participant.email = session, name, email
        participant.manager_email = manager_email
        db.session.add(participant)
        issue_link(participant)
    return participant


@dataclass(frozen=True)
class CsvProblem:
    """A line of a CSV import that cannot be taken."""

    line: int
    text: Message

    def __str__(self) -> str:
        return translated("ligne %(line)s : %(problem)s", line=self.line, problem=self.message)

    @property
    def message(self) -> str:
        """Return what is wrong with the line, in the current request's language."""
        return self.text.translate(gettext)


class CsvImportError(Invalid):
    """The CSV file has problems; nothing was imported."""

    def __init__(self, problems: list[CsvProblem]):
        super().__init__(
            N_("%(count)s problème(s) ; rien n'a été importé."), "file", count=len(problems)
        )
        self.problems = problems


def import_participants_csv(session: TrainingSession, raw: bytes) -> list[Participant]:
    """Enrol every participant of a CSV file (columns ``nom``/``name`` and ``email``), or none.

    :raises CsvImportError: listing every bad line; nothing is imported then.
    """
    rows = _read_csv(raw)
    problems: list[CsvProblem] = []
    seen: dict[str, int] = {}
    accepted: list[tuple[str, str, str | None]] = []
    for line, name, email, manager in rows:
        if name is None:
            problems.append(
                CsvProblem(line, Message("il manque la colonne du nom ou de l'e-mail."))
            )
            continue
        bad = _bad_cell(name, email)
        if bad is not None:
            problems.append(CsvProblem(line, bad))
            continue
        try:
            name, email = _check_participant(session, name, email)
            manager = check_manager_email(manager)
        except Invalid as error:
            problems.append(CsvProblem(line, error.text))
            continue
        if email in seen:
            message = Message(
                "%(email)s apparaît déjà ligne %(line)s.", {"email": email, "line": seen[email]}
            )
            problems.append(CsvProblem(line, message))
        elif _email_taken(session, email):
            message = Message("%(email)s est déjà inscrit(e) à cette session.", {"email": email})
            problems.append(CsvProblem(line, message))
        else:
            seen[email] = line
            accepted.append((name, email, manager))
    if problems:
        raise CsvImportError(problems)
    ensure_open(session, SESSION_IS_CLOSED)
    participants = []
    for name, email, manager in accepted:
        participant = Participant(session=session, name=name, email=email, manager_email=manager)
        db.session.add(participant)
        issue_link(participant)
        participants.append(participant)
    db.session.commit()
    return participants


CSV_DELIMITERS = (";", ",", "\t")
MANAGER_COLUMNS = ("email responsable", "email_responsable", "responsable", "manager_email", "n+1")
NAME_HEADERS = ("nom", "name", "nom complet")
EMAIL_HEADERS = ("email", "e-mail", "courriel", "mail")


def _bad_cell(name: str, email: str) -> Message | None:
    """Return what the edge refuses in a row's cells (a line break in a name is tolerated:
    the name's spaces are normalised before it is stored), or None."""
    for column, value in (("nom", name), ("email", email)):
        char = bad_character(value, multiline=True)
        if char is not None:
            return Message(
                "colonne « %(column)s » : caractère non permis (%(char)s).",
                {"column": column, "char": describe(char)},
            )
    return None


def _read_csv(raw: bytes) -> list[tuple[int, str | None, str | None, str | None]]:
    """Return ``(line, name, email, manager e-mail)`` for each participant row of a CSV file.

    RFC 4180 (quoted fields with doubled quotes, separators and line breaks inside), ``;``,
    ``,`` or tab as separator, UTF-8 with or without BOM, else Windows-1252 (as Excel saves).
    The separator is the one that reads the whole file best, never guessed from one line.
    """
    if len(raw) > MAX_CSV_BYTES:
        raise CsvImportError([CsvProblem(1, Message(TOO_BIG, {"limit": MAX_CSV_BYTES // 1000}))])
    text = _decode(raw)
    if not text.strip():
        raise CsvImportError([CsvProblem(1, Message("le fichier est vide."))])
    readings = [r for r in (_parse(text, d) for d in CSV_DELIMITERS) if r is not None]
    if not readings:
        raise CsvImportError(
            [CsvProblem(1, Message("l'en-tête doit contenir les colonnes « nom » et « email »."))]
        )
    # The separator whose reading gives every row the header's width most often.
    records, name_col, email_col, _, header = max(readings, key=lambda r: r[3])
    # Optional: the manager's (N+1) e-mail.
    manager_col = next((header.index(h) for h in MANAGER_COLUMNS if h in header), None)
    rows = []
    for line, row in records:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(name_col, email_col):
            rows.append((line, None, None, None))
            continue
        manager = row[manager_col] if manager_col is not None and manager_col < len(row) else None
        rows.append((line, row[name_col], row[email_col], manager))
    if not rows:
        raise CsvImportError([CsvProblem(2, Message("aucun participant dans le fichier."))])
    if len(rows) > MAX_CSV_ROWS:
        raise CsvImportError(
            [CsvProblem(MAX_CSV_ROWS + 2, Message(TOO_MANY, {"limit": MAX_CSV_ROWS}))]
        )
    return rows


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            raise CsvImportError(
                [CsvProblem(1, Message("encodage illisible ; enregistrez en UTF-8."))]
            ) from None


def _parse(text: str, delimiter: str):
    """Return ``(records, name column, email column, score, header)`` read with ``delimiter``,
    or None.

    None when the file does not read as CSV with this separator or its header lacks a column.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        while True:
            line = reader.line_num + 1  # where the record starts (it may span several lines)
            try:
                records.append((line, next(reader)))
            except StopIteration:
                break
    except csv.Error:
        return None
    if not records:
        return None
    header = [h.strip().lower() for h in records[0][1]]
    name_col = next((header.index(h) for h in NAME_HEADERS if h in header), None)
    email_col = next((header.index(h) for h in EMAIL_HEADERS if h in header), None)
    if name_col is None or email_col is None:
        return None
    score = sum(len(row) == len(header) for _, row in records[1:])
    return records[1:], name_col, email_col, score, header


def reissue_link(participant: Participant):
    """Revoke the participant's link and create a new one."""
    link = issue_link(participant)
    db.session.commit()
    return link


def close_session(session: TrainingSession) -> None:
    """Close the session and run every close step (``services.closing``; idempotent), without
    the close checks (time, interruption, countersignatures): for tests and data fixes only.
    Every entry point closes through ``attestations.close_and_issue``, which checks first."""
    from . import closing  # closing runs the other services, which import this one

    closing.close(session, closing.course_of(session))
