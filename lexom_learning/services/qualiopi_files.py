"""The evidence folder's files for the Qualiopi indicators beyond attendance and results:
programme (5), positioning (8), invitations (9), satisfaction and messages (30), complaints (31)
and improvement actions (32). Every table goes through ``csv_bytes`` (safe, French cells)."""

from sqlalchemy import select

from ..documents.archive import EvidenceFile, EvidenceFolder, csv_bytes
from ..extensions import db
from ..modules import Course
from ..storage import AccessLink, EvaluationSubmission, OutboxMessage, TrainingSession
from . import figures, quality
from .satisfaction import satisfaction_summary

DELIVERY_LABELS = {
    "pending": "en file, non envoyé",
    "sending": "envoi en cours",
    "sent": "envoyé",
    "failed": "échec d'envoi",
    "bounced": "rejeté par le serveur du destinataire",
    "copied": "envoyé à la main par le formateur",
}
COMPLAINT_LABELS = {"open": "ouverte", "answered": "répondue", "closed": "close"}
ACTION_LABELS = {"planned": "prévue", "in_progress": "en cours", "done": "réalisée"}


def add_indicator_files(folder: EvidenceFolder, training: TrainingSession, course: Course):
    """Add the programme, positioning, invitations, satisfaction, messages, complaints and
    improvement actions files to a session's evidence folder."""
    add = folder.files.append
    add(EvidenceFile("programme-objectifs.csv", _programme(course), (5,), PROGRAMME))
    add(EvidenceFile("positionnement.csv", _positioning(training, course), (8,), POSITIONING))
    add(EvidenceFile("invitations.csv", _invitations(training), (9,), INVITATIONS))
    add(EvidenceFile("satisfaction.csv", _satisfaction(training, course), (30,), SATISFACTION))
    add(EvidenceFile("messages.csv", _messages(training), (9, 12, 30), MESSAGES))
    add(EvidenceFile("reclamations.csv", _complaints(training), (31,), COMPLAINTS))
    add(EvidenceFile("actions-amelioration.csv", _actions(training), (32,), ACTIONS))


PROGRAMME = "Programme : intitulé, nature, durée, objectifs pédagogiques, modules, évaluation."
POSITIONING = (
    "Positionnement initial par participant et par objectif ; ses résultats sont présentés au "
    "formateur dans le rapport de session (positionnement puis progression à chaud) pour "
    "adapter les exemples et les exercices aux acquis du groupe."
)
INVITATIONS = "Invitations : lien personnel d'accès émis pour chaque participant, avec sa date."
SATISFACTION = "Satisfaction à chaud et à froid : taux de réponse et résultats par question."
MESSAGES = (
    "Messages aux participants (invitations et relances) avec leur statut de remise réel et "
    "ses dates : un message en file n'a pas été envoyé."
)
COMPLAINTS = "Réclamations : auteur, objet, date de réception, réponse, statut."
ACTIONS = "Actions d'amélioration : origine, description, échéance, statut."


def _programme(course: Course) -> bytes:
    rows = [
        ["formation", course.ref, course.title],
        ["nature", "", course.nature],
        ["modalité", "", course.modality],
        ["durée (h)", "", float(course.hours)],
        ["jours", "", course.days],
    ]
    rows += [["objectif", o.id, o.text] for o in course.objectives]
    rows += [["module", m.id, m.title] for m in course.modules]
    rows += [["modalité d'évaluation", "", text] for text in course.evaluation_modalities]
    return csv_bytes(["rubrique", "identifiant", "contenu"], rows)


def _positioning(training: TrainingSession, course: Course) -> bytes:
    people = list(training.participants)
    submitted = {
        s.participant_id: s
        for s in db.session.scalars(
            select(EvaluationSubmission).where(
                EvaluationSubmission.session_id == training.id,
                EvaluationSubmission.kind == "positioning",
            )
        )
    }
    found = figures.figures_for(db.session, course, [p.id for p in people])
    header = ["participant", "répondu le", "score global (%)"]
    header += [f"{o.id} (%)" for o in course.objectives]
    rows = []
    for p in people:
        row = submitted.get(p.id)
        percents = {o: f.positioning for o, f in found[p.id].items()}
        rows.append(
            [
                p.name,
                row.submitted_at if row else "non répondu",
                row.percent if row else None,
                *(percents.get(o.id) for o in course.objectives),
            ]
        )
    return csv_bytes(header, rows)


def _invitations(training: TrainingSession) -> bytes:
    ids = [p.id for p in training.participants]
    first: dict[int, object] = {}
    if ids:
        query = select(AccessLink).where(AccessLink.participant_id.in_(ids))
        for link in db.session.scalars(query.order_by(AccessLink.id)):
            first.setdefault(link.participant_id, link.created_at)
    rows = [
        [p.name, p.email, first.get(p.id), "lien personnel d'accès"] for p in training.participants
    ]
    return csv_bytes(["participant", "e-mail", "émis le (heure de Paris)", "invitation"], rows)


def _satisfaction(training: TrainingSession, course: Course) -> bytes:

    header = [
        "évaluation",
        "question",
        "réponses",
        "moyenne",
        "part des notes hautes (%)",
        "invités",
        "répondants",
        "taux de réponse (%)",
    ]
    rows = []
    for kind in ("hot", "cold"):
        if kind not in course.evaluations:
            continue
        summary = satisfaction_summary(training, course, kind)
        label = "à chaud" if kind == "hot" else "à froid"
        rows.append(
            [
                label,
                "ensemble",
                None,
                None,
                summary.overall,
                summary.invited,
                summary.respondents,
                summary.rate,
            ]
        )
        for q in summary.questions:
            if q.ratings is not None:
                r = q.ratings
                rows.append([label, q.prompt, r.count, r.mean, r.top_share, None, None, None])
            else:
                rows.append([label, q.prompt, len(q.comments), None, None, None, None, None])
    return csv_bytes(header, rows)


def _messages(training: TrainingSession) -> bytes:
    query = select(OutboxMessage).where(OutboxMessage.session_id == training.id)
    names = {p.id: p.name for p in training.participants}
    rows = [
        [
            names.get(m.participant_id, ""),
            m.kind,
            m.subject,
            DELIVERY_LABELS.get(m.status, m.status),
            m.created_at,
            m.sent_at if m.status in ("sent", "copied") else None,
            m.status_at,
            m.attempts,
            m.last_error or "",
        ]
        for m in db.session.scalars(query.order_by(OutboxMessage.id))
    ]
    header = [
        "participant",
        "type",
        "objet",
        "statut de remise",
        "mis en file le",
        "envoyé le",
        "statut au",
        "tentatives",
        "dernière erreur",
    ]
    return csv_bytes(header, rows)


def _complaints(training: TrainingSession) -> bytes:
    rows = [
        [
            c.received_on,
            c.author,
            c.subject,
            c.answer or "",
            COMPLAINT_LABELS[c.status],
            c.updated_at,
        ]
        for c in quality.complaints_of(training.id)
    ]
    header = ["reçue le", "auteur", "objet", "réponse", "statut", "mise à jour le"]
    return csv_bytes(header, rows)


def _actions(training: TrainingSession) -> bytes:
    rows = [
        [a.created_at, a.origin, a.description, a.due_on, ACTION_LABELS[a.status], a.complaint_id]
        for a in quality.actions_of(training.id)
    ]
    header = ["décidée le", "origine", "description", "échéance", "statut", "réclamation n°"]
    return csv_bytes(header, rows)
