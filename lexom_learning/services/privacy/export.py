"""A person's export: every row the registry says is theirs, as JSON, and their documents."""

import base64
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import LargeBinary, select

from ...documents.archive import zip_stream
from ...extensions import db
from ...storage import Participant
from ...storage.types import utcnow
from ..context import current
from ..errors import NotFound
from ..unit_of_work import unit_of_work
from . import retention
from .erasure import kept_documents
from .registry import POLICIES
from .rows import owned, table

DOCUMENT_COLUMNS = {
    ("attestations", "pdf"): ("attestations/{number}.pdf", "number"),
    ("attestations", "certificate_pdf"): ("certificats/{number}-certificat.pdf", "number"),
    ("retained_documents", "data"): ("documents/{kind}-{id}.json", None),
}
# Never exported: secrets and hashes that would let someone sign in as the person.
WITHHELD = {("access_links", "nonce"), ("cold_invitations", "nonce")}


def _json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def records(participant: Participant) -> tuple[dict[str, list[dict]], list[tuple[str, bytes]]]:
    """Return the person's rows per table (JSON-ready) and their documents as (name, bytes)."""
    tables: dict[str, list[dict]] = {}
    files: list[tuple[str, bytes]] = []
    for policy in POLICIES:
        if not policy.exported:
            continue
        rows = table(policy.table)
        found = db.session.execute(
            select(rows).where(owned(policy, participant.id)).order_by(rows.c.id)
        ).mappings()
        items = []
        for row in found:
            item = {}
            for column in rows.c:
                key = (policy.table, column.name)
                value = row[column.name]
                if key in WITHHELD:
                    continue
                if key in DOCUMENT_COLUMNS and isinstance(column.type, LargeBinary):
                    if value:
                        pattern, _ = DOCUMENT_COLUMNS[key]
                        name = pattern.format(**dict(row))
                        files.append((name, bytes(value)))
                        item[column.name] = {"file": name}
                    continue
                item[column.name] = _json(value)
            items.append(item)
        if items:
            tables[policy.table] = items
    return tables, files


def document(participant: Participant, now: datetime | None = None) -> dict[str, Any]:
    """Return the JSON document of an export: who, when, the retention, every record."""
    return _document(participant, *records(participant), now or utcnow())


def _document(participant: Participant, tables, files, now: datetime) -> dict[str, Any]:
    schedule = retention.schedule(current().settings.config)
    end = participant.session.ends_on
    return {
        "generated_at": now.isoformat(),
        "participant_id": participant.id,
        "erased": participant.erased_at is not None,
        "retention": {
            "personal_data_until": str(schedule.personal_until(end)),
            "documents_until": str(schedule.documents_until(end)),
        },
        "kept_after_erasure": [k.as_dict() for k in kept_documents(participant, schedule)],
        "documents": [name for name, _ in files],
        "records": tables,
    }


def export_zip(participant_id: int, now: datetime | None = None) -> bytes:
    """Return the ZIP of a person's data: ``donnees-personnelles.json`` and their documents.

    :raises NotFound: unknown participant.
    """
    participant = db.session.get(Participant, participant_id)
    if participant is None:
        raise NotFound("Participant introuvable.")
    now = now or utcnow()
    tables, files = records(participant)
    data = _document(participant, tables, files, now)
    body = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return b"".join(zip_stream([("donnees-personnelles.json", body), *files], now))


def export_recorded(participant_id: int, actor: str) -> bytes:
    """Return a person's ZIP and log that ``actor`` exported it, as one unit of work.

    :raises NotFound: unknown participant.
    """
    from ..events import record

    with unit_of_work(db.session):
        data = export_zip(participant_id)
        participant = db.session.get(Participant, participant_id)
        record(
            participant.session_id, participant.id, actor, "personal_data_exported", "privacy", ""
        )
    return data
