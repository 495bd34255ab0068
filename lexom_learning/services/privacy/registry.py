"""The registry of personal data: for every table, whose rows they are, which columns hold
personal data, how the person's rows are exported and erased, and which retention applies.

Every table of the models is listed here, with or without personal data. Every column marked
``info={"personal": True}`` in the models has an erasure action here, and nothing else does
(tests/privacy/test_registry.py walks the metadata): a new table or personal column fails the
test until it is covered. Adding one is one entry (or one line) in ``POLICIES``.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from ...translatable import N_


class Action(StrEnum):
    """What an erasure does to a personal column."""

    PSEUDONYMISE = "pseudonymise"  # replaced by the pseudonym (name, e-mail)
    CLEAR = "clear"  # emptied: NULL, or '' when the column is required
    FREE_TEXT = "free_text"  # a JSON response, emptied when its question takes free text
    SCRUB = "scrub"  # a JSON object: only its numbers and booleans are kept
    REDACT = "redact"  # free text about several people: the person's name and e-mail replaced
    DOCUMENT = "document"  # part of a document kept for its legal period, emptied by the purge
    DELETE = "delete"  # the person's rows are deleted


class Retention(StrEnum):
    """Which period of the schedule (retention.py) applies to a table's rows."""

    PERSONAL = "personal"  # the person's data: years after the session's end
    DOCUMENTS = "documents"  # attestations, certificats, signed attendance sheets
    MESSAGES = "messages"  # sent e-mails: days after sending
    EXPORTS = "exports"  # export files in the instance folder: days after writing
    TOKENS = "tokens"  # revoked access links and API tokens: days after revocation
    STAFF = "staff"  # staff accounts: while the person works for the organisation
    NONE = "none"  # no personal data, or the erasure log (kept as proof of the erasure)


@dataclass(frozen=True)
class Policy:
    """How one table's personal data lives and dies."""

    table: str
    purpose: str  # why the data is held (shown on the privacy notice)
    retention: Retention
    # Columns naming the participant whose row it is; ("id",) for the participants table.
    owners: tuple[str, ...] = ()
    # A row belonging to the person through a parent row: (column, parent table).
    via: tuple[str, str] | None = None
    # Personal columns and what an erasure does to each.
    columns: dict[str, Action] = field(default_factory=dict)
    # Rows of the person's session whose REDACT (and others' FREE_TEXT) columns may name the
    # person: the mentions are replaced by the pseudonym.
    session_wide: bool = False
    # Columns whose names look personal but hold none (the registry test asks for a reason).
    not_personal: dict[str, str] = field(default_factory=dict)

    @property
    def exported(self) -> bool:
        """Say whether the person's export holds this table's rows."""
        return bool(self.owners or self.via)

    @property
    def deleted_on_erasure(self) -> bool:
        """Say whether the erasure deletes the person's rows."""
        return Action.DELETE in self.columns.values()


POLICIES: tuple[Policy, ...] = (
    Policy(
        "participants",
        N_(
            "Inscription à la session : nom et adresse électronique, et celle du responsable "
            "(N+1) quand elle est donnée."
        ),
        Retention.PERSONAL,
        owners=("id",),
        columns={
            "name": Action.PSEUDONYMISE,
            "email": Action.PSEUDONYMISE,
            "employer_name": Action.CLEAR,
            "employer_siret": Action.CLEAR,
            "manager_email": Action.CLEAR,
        },
    ),
    Policy(
        "attendance_adjustments",
        N_("Retards, départs anticipés et absences justifiées, avec leur motif."),
        Retention.PERSONAL,
        owners=("participant_id",),
        columns={"reason": Action.CLEAR},
    ),
    Policy(
        "complaints",
        N_("Réclamations : auteur, objet et réponse."),
        Retention.PERSONAL,
        columns={"author": Action.REDACT, "subject": Action.REDACT, "answer": Action.REDACT},
        session_wide=True,
    ),
    Policy(
        "improvement_actions",
        N_("Actions d'amélioration d'une session."),
        Retention.NONE,
        not_personal={"origin": "what the action answers (a complaint, an evaluation), no name"},
    ),
    Policy(
        "access_links",
        N_("Lien personnel d'accès, sans mot de passe."),
        Retention.TOKENS,
        owners=("participant_id",),
        columns={"nonce": Action.DELETE},
    ),
    Policy(
        "attendance_signatures",
        N_("Émargement par demi-journée : signature, navigateur utilisé."),
        Retention.DOCUMENTS,
        owners=("participant_id",),
        columns={
            "signature": Action.CLEAR,  # kept first in the signed sheet (retained_documents)
            "user_agent": Action.CLEAR,
            "reason": Action.REDACT,
        },
    ),
    Policy(
        "attestations",
        N_("Attestations de fin de formation et certificats de réalisation."),
        Retention.DOCUMENTS,
        owners=("participant_id",),
        columns={
            "snapshot": Action.DOCUMENT,
            "pdf": Action.DOCUMENT,
            "certificate_pdf": Action.DOCUMENT,
            "revoked_reason": Action.REDACT,
        },
    ),
    Policy(
        "attestation_audit",
        N_("Journal des attestations : émission, téléchargements, révocations."),
        Retention.DOCUMENTS,
        via=("attestation_id", "attestations"),
        columns={"reason": Action.REDACT},
        session_wide=True,
        not_personal={"details": "document kinds and channels, never a person"},
    ),
    Policy(
        "answers",
        N_("Réponses aux quiz et aux évaluations, commentaires libres compris."),
        Retention.PERSONAL,
        owners=("participant_id",),
        columns={"response": Action.FREE_TEXT},
        session_wide=True,  # other learners' comments may name the person: redacted
    ),
    Policy(
        "live_answers",
        N_("Réponses aux quiz en salle."),
        Retention.PERSONAL,
        owners=("participant_id",),
        columns={"response": Action.FREE_TEXT},
        not_personal={"body_hash": "a hash of the response, for retries"},
    ),
    Policy(
        "quiz_attempts",
        N_("Tentatives aux quiz des modules et leurs scores."),
        Retention.PERSONAL,
        owners=("participant_id",),
    ),
    Policy(
        "completion_events",
        N_("Journal de progression : séquences faites, quiz, messages envoyés."),
        Retention.PERSONAL,
        owners=("participant_id",),
        columns={"result": Action.SCRUB},
    ),
    Policy(
        "evaluation_submissions",
        N_("Évaluations de positionnement, à chaud et à froid."),
        Retention.PERSONAL,
        owners=("participant_id",),
    ),
    Policy(
        "roleplay_assignments",
        N_("Groupes et rôles des jeux de rôles."),
        Retention.PERSONAL,
        owners=("participant_id",),
    ),
    Policy(
        "roleplay_gradings",
        N_("Grilles d'observation des jeux de rôles : commentaires compris."),
        Retention.PERSONAL,
        owners=("observer_id", "performer_id"),
        columns={"comment": Action.CLEAR, "reason": Action.CLEAR},
    ),
    Policy(
        "roleplay_scores",
        N_("Niveaux donnés par critère dans les grilles d'observation."),
        Retention.PERSONAL,
        via=("grading_id", "roleplay_gradings"),
    ),
    Policy(
        "roleplay_runs",
        N_("Note de débriefing du formateur."),
        Retention.PERSONAL,
        columns={"debrief_note": Action.REDACT},
        session_wide=True,
    ),
    Policy(
        "cold_invitations",
        N_("Lien personnel de l'évaluation à froid."),
        Retention.PERSONAL,
        owners=("participant_id",),
        columns={"nonce": Action.DELETE},
    ),
    Policy(
        "outbox",
        N_("Messages électroniques : adresse, objet, texte et liens personnels."),
        Retention.MESSAGES,
        owners=("participant_id",),
        columns={
            "to_address": Action.DELETE,
            "subject": Action.DELETE,
            "body": Action.DELETE,
            "last_error": Action.DELETE,
        },
    ),
    Policy(
        "retained_documents",
        N_("Feuilles d'émargement signées gardées après un effacement."),
        Retention.DOCUMENTS,
        owners=("participant_id",),
        columns={"data": Action.DOCUMENT},
    ),
    Policy(
        "erasures",
        N_("Journal des effacements, sans les données effacées."),
        Retention.NONE,
        owners=("participant_id",),
        not_personal={"reason": "stored with the person's name and e-mail replaced"},
    ),
    Policy(
        "users",
        N_("Comptes du personnel : nom et adresse électronique."),
        Retention.STAFF,
        columns={"name": Action.PSEUDONYMISE, "email": Action.PSEUDONYMISE},
    ),
    Policy(
        "api_tokens",
        N_("Jetons d'API du personnel (empreintes seulement)."),
        Retention.TOKENS,
    ),
    Policy(
        "export_jobs",
        N_("Exports ZIP des documents d'une session, dans le dossier de l'instance."),
        Retention.EXPORTS,
        not_personal={
            "path": "a file name made of a random token",
            "error": "why the export failed (an exception's text, about files)",
        },
    ),
    Policy(
        "training_sessions",
        N_("Sessions de formation."),
        Retention.NONE,
        # The reason a session stopped early may name someone (« absence de Mme X »).
        columns={"interruption_reason": Action.REDACT},
        session_wide=True,
        not_personal={
            "client_name": "the client company of an intra session, not a person",
            "client_siret": "the client company's SIRET",
            "funder": "the organisation that pays (OPCO, company)",
        },
    ),
    Policy("attestation_counters", N_("Compteurs de numéros d'attestation."), Retention.NONE),
    Policy("evaluation_windows", N_("Ouverture des évaluations en salle."), Retention.NONE),
    Policy("live_runs", N_("Déroulé des quiz en salle."), Retention.NONE),
)

BY_TABLE: dict[str, Policy] = {p.table: p for p in POLICIES}


def policy(table: str) -> Policy:
    """Return the policy of a table.

    :raises KeyError: the table is not in the registry.
    """
    return BY_TABLE[table]


# Column-name words that usually mean personal data: such a column must be marked personal,
# or say in its table's ``not_personal`` why it is not.
SUSPICIOUS_WORDS = frozenset(
    {
        "name", "email", "mail", "phone", "address", "signature", "agent", "ip", "comment",
        "note", "body", "reason", "response", "text", "snapshot", "pdf", "nonce", "manager",
        "employer", "birth", "siret", "details", "result", "path", "error", "late", "lateness",
    }
)  # fmt: skip


def is_personal(column) -> bool:
    """Say whether a model column is marked as holding personal data."""
    return bool(column.info.get("personal"))


def problems(metadata, policies: tuple[Policy, ...] = POLICIES) -> list[str]:
    """Return what the registry fails to cover in ``metadata`` (empty when all is covered)."""
    by_table = {p.table: p for p in policies}
    found = []
    for table in metadata.sorted_tables:
        policy = by_table.get(table.name)
        if policy is None:
            found.append(f"{table.name}: table missing from the registry")
            continue
        marked = {c.name for c in table.columns if is_personal(c)}
        for name in sorted(marked - set(policy.columns)):
            found.append(f"{table.name}.{name}: personal column without an erasure action")
        for name in sorted(set(policy.columns) - marked):
            found.append(f"{table.name}.{name}: in the registry but not marked personal")
        for column in table.columns:
            words = set(column.name.lower().split("_"))
            if (
                words & SUSPICIOUS_WORDS
                and column.name not in marked
                and column.name not in policy.not_personal
            ):
                found.append(
                    f"{table.name}.{column.name}: looks personal; mark it "
                    "info={'personal': True} or say why not in not_personal"
                )
        for owner in (*policy.owners, *(policy.via[:1] if policy.via else ())):
            if owner not in table.columns:
                found.append(f"{table.name}.{owner}: owner column does not exist")
    tables = {t.name for t in metadata.sorted_tables}
    for name in sorted(set(by_table) - tables):
        found.append(f"{name}: in the registry but no such table")
    return found
