"""A learner who took part in everything: their export holds every record; after their
erasure nothing names them outside the documents kept for their legal period, and the
session's statistics and the other learners' attestations are unchanged."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import JSON, LargeBinary, String, Text, select, text, update

from lexom_learning.extensions import db
from lexom_learning.services import attendance, evaluations, live, live_results
from lexom_learning.services.figures import figures_for
from lexom_learning.services.privacy import erasure, export
from lexom_learning.services.satisfaction import satisfaction_summary
from lexom_learning.storage import (
    Answer,
    AttendanceSignature,
    Attestation,
    Erasure,
    ExportJob,
    Participant,
    RetainedDocument,
)
from lexom_learning.storage.guards import AppendOnlyError
from tests.privacy import scenario

# Where the person's name may remain: the documents kept for the funders' audits.
KEPT_COLUMNS = {
    ("attestations", "snapshot"),
    ("attestations", "pdf"),
    ("attestations", "certificate_pdf"),
    ("retained_documents", "data"),
}


@pytest.fixture
def everything(factories, course, app):
    return scenario.build(factories, course, app.instance_path)


def statistics(world, course) -> dict:
    """What the session's reports are made of (names left out: they are the personal part)."""
    training = world.session
    db.session.expire_all()
    ids = sorted(p.id for p in training.participants)
    satisfaction = satisfaction_summary(training, course)
    run = live.get_run(world.live_run_id)
    return {
        "attainment": figures_for(db.session, course, ids),
        "likert": [q for q in satisfaction.questions if q.type == "likert"],
        "respondents": (satisfaction.respondents, satisfaction.invited, satisfaction.overall),
        "submissions": [
            evaluations.count_submissions(training.id, k) for k in ("positioning", "hot")
        ],
        "live": live_results.results(run, course).questions,
        "attendance": attendance.states_for(training, course),
    }


def attestation_rows(session_id: int, exclude: int | None = None) -> list:
    rows = db.session.execute(
        select(Attestation.__table__).where(Attestation.session_id == session_id)
    ).mappings()
    return [dict(r) for r in rows if r["participant_id"] != exclude]


def find_everywhere(needles: list[str], skip_person: int | None) -> list[str]:
    """Search every text, JSON and binary column of every table for any needle."""
    found = []
    lowered = [n.lower() for n in needles]
    for table in db.metadata.sorted_tables:
        columns = [
            c for c in table.columns if isinstance(c.type, String | Text | JSON | LargeBinary)
        ]
        if not columns:
            continue
        for row in db.session.execute(select(table)).mappings():
            for column in columns:
                value = row[column.name]
                if value is None:
                    continue
                if (table.name, column.name) in KEPT_COLUMNS and row.get(
                    "participant_id"
                ) == skip_person:
                    continue
                if isinstance(value, bytes):
                    haystack = value.decode("latin-1").lower()
                    hits = [n for n in needles if n.encode().decode("latin-1").lower() in haystack]
                else:
                    haystack = json.dumps(value, ensure_ascii=False).lower()
                    hits = [n for n, low in zip(needles, lowered, strict=True) if low in haystack]
                if hits:
                    found.append(f"{table.name}.{column.name} #{row.get('id')}: {hits}")
    return found


def find_in_folder(folder: Path, needles: list[str]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path}: {n}" for n in needles if n.encode() in data]
    return found


def test_the_export_holds_every_record_and_document(everything, course):
    world = everything
    archive = zipfile.ZipFile(io.BytesIO(export.export_zip(world.person.id)))
    data = json.loads(archive.read("donnees-personnelles.json"))
    records = data["records"]
    for table in (
        "participants",
        "access_links",
        "attendance_signatures",
        "attestations",
        "answers",
        "live_answers",
        "quiz_attempts",
        "completion_events",
        "evaluation_submissions",
        "roleplay_assignments",
        "roleplay_gradings",
        "roleplay_scores",
        "cold_invitations",
        "outbox",
        "attestation_audit",
    ):
        assert records.get(table), table
    assert records["participants"][0]["email"] == world.email
    signatures = [s["signature"] for s in records["attendance_signatures"]]
    assert world.signature in signatures
    gradings = records["roleplay_gradings"]
    assert {g["performer_id"] for g in gradings} >= {world.person.id}
    assert {g["observer_id"] for g in gradings} >= {world.person.id}
    assert any(a["context"] == "live" for a in records["answers"])
    assert any(a["response"] == scenario.COMMENT for a in records["answers"])
    assert records["outbox"][0]["to_address"] == world.email
    assert "nonce" not in records["access_links"][0]  # a secret, never handed out
    number = records["attestations"][0]["number"]
    names = set(archive.namelist())
    assert {f"attestations/{number}.pdf", f"certificats/{number}-certificat.pdf"} <= names
    assert archive.read(f"attestations/{number}.pdf").startswith(b"%PDF")
    assert data["retention"] == {
        "personal_data_until": "2031-12-01",
        "documents_until": "2032-12-01",
    }
    # nobody else's rows
    others = {p.id for p in world.others}
    for rows in records.values():
        for row in rows:
            assert row.get("participant_id") not in others


def test_after_erasure_nothing_names_the_person_outside_the_kept_documents(everything, course):
    world = everything
    needles = [world.name, world.email, world.signature[-40:]]
    before = statistics(world, course)
    others_before = attestation_rows(world.session.id, exclude=world.person.id)
    instance = Path(current_app.instance_path)
    assert find_everywhere(needles, None)  # the search does find them before
    zips = [Path(j.path) for j in db.session.scalars(select(ExportJob)).all()]
    assert zips and all(z.is_file() for z in zips)  # the session's export ZIP

    report = erasure.erase(world.person.id, "user:1", f"Demande de {world.name} du 7/12")

    assert find_everywhere(needles, world.person.id) == []
    assert find_in_folder(instance, needles) == []
    assert not any(z.exists() for z in zips)
    if db.engine.dialect.name == "sqlite":  # nor in the database file or its log
        for suffix in ("", "-wal"):
            target = Path(str(db.engine.url.database) + suffix)
            if target.exists():
                assert world.email.encode() not in target.read_bytes(), target
    assert statistics(world, course) == before
    assert attestation_rows(world.session.id, exclude=world.person.id) == others_before
    person = db.session.get(Participant, world.person.id)
    assert person.erased_at is not None and person.name == report.pseudonym
    # another learner's comment naming the person is kept, the name replaced
    theirs = db.session.scalars(
        select(Answer.response).where(Answer.participant_id == world.others[1].id)
    ).all()
    assert f"J'ai travaillé avec {report.pseudonym}." in theirs
    # the kept documents, and until when
    kinds = {(k.kind, str(k.keep_until)) for k in report.kept}
    assert kinds == {
        ("attestation", "2032-12-01"),
        ("certificat", "2032-12-01"),
        ("attendance_sheet", "2032-12-01"),
    }
    sheet = db.session.scalar(select(RetainedDocument))
    assert world.signature in sheet.data.decode() and str(sheet.keep_until) == "2032-12-01"
    mine = db.session.scalars(
        select(Attestation).where(Attestation.participant_id == world.person.id)
    ).all()
    assert mine and all(a.pdf.startswith(b"%PDF") for a in mine)
    # the erasure is logged, without the erased data
    log = db.session.scalar(select(Erasure))
    assert log.actor == "user:1" and world.name not in log.reason and "7/12" in log.reason
    assert log.summary["outbox"] >= 1 and log.summary["access_links"] == 1
    # the person can no longer sign in, and is never invited again
    from lexom_learning.services import cold, links

    assert links.current_link(person) is None
    assert cold.schedule_missing() == 0
    with pytest.raises(erasure.Conflict):
        erasure.erase(world.person.id, "user:1", "encore")


def test_the_guards_let_only_the_erasure_through(everything):
    world = everything
    signature = db.session.scalar(
        select(AttendanceSignature).where(AttendanceSignature.participant_id == world.person.id)
    )
    signature.user_agent = ""
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(AppendOnlyError):  # a bulk UPDATE without the erasure's option
        db.session.execute(update(AttendanceSignature).values(user_agent=""))
    db.session.rollback()
    # the database itself refuses a hand-written UPDATE of a person not erased
    with pytest.raises(Exception, match="append-only"), db.engine.begin() as connection:
        connection.execute(text("UPDATE attendance_signatures SET user_agent = ''"))
    erasure.erase(world.person.id, "user:1", "Demande écrite")
    # even once erased: nothing but the erasure's own change is let through
    with pytest.raises(Exception, match="append-only"), db.engine.begin() as connection:
        connection.execute(
            text("UPDATE attendance_signatures SET slot = 'd9-am' WHERE participant_id = :p"),
            {"p": world.person.id},
        )
    with pytest.raises(Exception, match="immutable"), db.engine.begin() as connection:
        connection.execute(
            text("UPDATE attestations SET sha256 = 'x' WHERE participant_id = :p"),
            {"p": world.person.id},
        )


def test_xapi_statements_never_name_a_learner(everything, course):
    from lexom_learning.services import events

    world = everything
    statements = events.xapi_statements(world.session, course, "https://lexom.test")
    learners = [s for s in statements if s["actor"]["account"]["name"].startswith("participant:")]
    assert learners and all("name" not in s["actor"] for s in learners)
    text_of_all = json.dumps(statements, ensure_ascii=False)
    assert world.name not in text_of_all and world.email not in text_of_all
