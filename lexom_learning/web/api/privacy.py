"""A person's data: the export (ZIP) and the erasure, for compliance staff and admins."""

from flask import jsonify
from flask_babel import gettext

from ...extensions import db
from ...services.errors import NotFound
from ...services.privacy import erasure, export
from ...storage import Participant
from ..downloads import private_attachment
from . import bp
from .access import MAX_ID
from .access import staff as staff_caller
from .models_privacy import Erasure, ErasureRequest
from .serializers import iso
from .spec import WRITE_OR_CONFLICT, operation, validated_body

ROLES = ("admin", "compliance")


def kept_notice() -> str:
    """Return what the person is told about the documents kept after an erasure."""
    return gettext(
        "Les documents que l'organisme doit conserver pour les contrôles de ses financeurs "
        "(attestations, certificats de réalisation, feuilles d'émargement signées) sont gardés "
        "jusqu'à la fin de leur durée de conservation, puis effacés."
    )


def _participant(pid: int) -> Participant:
    participant = db.session.get(Participant, pid) if 0 < pid <= MAX_ID else None
    if participant is None:
        raise NotFound("Participant introuvable.")
    return participant


@bp.get("/participants/<int:pid>/personal-data")
@operation(
    "privacy",
    "ZIP: donnees-personnelles.json and the PDFs",
    content={
        "application/zip": {"schema": {"type": "string", "contentMediaType": "application/zip"}}
    },
)
def personal_data(pid: int):
    """Send a ZIP of every record of a participant and their documents (compliance, admin)."""
    who = staff_caller(*ROLES)
    participant = _participant(pid)
    data = export.export_recorded(participant.id, who.get_id())
    return private_attachment(data, "application/zip", f"donnees-personnelles-{participant.id}.zip")


@bp.post("/participants/<int:pid>/erasure")
@operation("privacy", Erasure, 200, WRITE_OR_CONFLICT, body=ErasureRequest)
def erase_participant(pid: int):
    """Replace a participant's identity by a pseudonym and delete their personal data."""
    who = staff_caller(*ROLES)
    participant = _participant(pid)
    report = erasure.erase(participant.id, who.get_id(), validated_body().reason)
    return jsonify(
        {
            "participant_id": report.participant_id,
            "pseudonym": report.pseudonym,
            "erased_at": iso(report.erased_at),
            "changed": report.changed,
            "kept_documents": [k.as_dict() for k in report.kept],
            "notice": kept_notice(),
        }
    )
