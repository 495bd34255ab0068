"""Complaints and improvement actions (indicators 31, 32) and the evidence folder's indicators."""

import csv
import io
import json
import zipfile
from datetime import date, timedelta

import pytest

from lexom_learning.services import exports, outbox, quality
from lexom_learning.services.errors import Invalid
from tests.conftest import csrf_token_from


def _table(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_a_complaint_needs_who_what_and_a_past_date(world):
    today = date(2026, 12, 7)
    log = quality.log_complaint
    with pytest.raises(Invalid):
        log(world.session, "user:1", today + timedelta(days=1), "A", "B", today=today)
    with pytest.raises(Invalid):
        log(world.session, "user:1", today, " ", "B", today=today)
    with pytest.raises(Invalid):
        log(world.session, "user:1", today, "A", "B", status="lost", today=today)
    row = log(world.session, "user:1", today, "Ana", "Salle trop froide", today=today)
    with pytest.raises(Invalid):
        quality.answer_complaint(row, "", "answered")
    quality.answer_complaint(row, "Chauffage réparé", "closed")
    assert (row.status, row.answer) == ("closed", "Chauffage réparé")


def test_the_evidence_folder_answers_each_indicator(world, course, issued):
    quality.log_complaint(world.session, "user:1", date.today(), "=cmd", "Salle trop froide")
    quality.log_action(world.session, "user:1", "Réclamation", "Changer de salle", "in_progress")
    outbox.enqueue(
        "k1",
        kind="cold_reminder",
        to="a@example.org",
        subject="Relance",
        body="…",
        session_id=world.session.id,
        participant_id=world.participant.id,
    )
    from lexom_learning.extensions import db

    db.session.commit()
    folder = exports.evidence_folder(world.session, course)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(folder.stream())))
    manifest = {f["path"]: f for f in json.loads(archive.read("manifest.json"))["files"]}
    expected = {
        "programme-objectifs.csv": "Indicateur 5",
        "positionnement.csv": "Indicateur 8",
        "invitations.csv": "Indicateur 9",
        "emargement-signe.pdf": "Indicateur 10",
        "emargement.csv": "Indicateur 12",
        "resultats-objectifs.csv": "Indicateur 11",
        "satisfaction.csv": "Indicateur 30",
        "messages.csv": "Indicateur 30",
        "reclamations.csv": "Indicateur 31",
        "actions-amelioration.csv": "Indicateur 32",
    }
    for path, indicator in expected.items():
        assert indicator in manifest[path]["indicators"], path
    programme = archive.read("programme-objectifs.csv").decode("utf-8-sig")
    assert all(o.text in programme for o in course.objectives)
    (message,) = _table(archive.read("messages.csv"))
    assert message["statut de remise"] == "en file, non envoyé" and message["envoyé le"] == ""
    (complaint,) = _table(archive.read("reclamations.csv"))
    assert complaint["auteur"] == "'=cmd" and complaint["statut"] == "ouverte"
    (action,) = _table(archive.read("actions-amelioration.csv"))
    assert action["statut"] == "en cours"
    rates = _table(archive.read("satisfaction.csv"))
    assert {r["évaluation"] for r in rates} == {"à chaud", "à froid"}
    positioning = _table(archive.read("positionnement.csv"))
    assert {p["participant"] for p in positioning} == {world.participant.name, world.second.name}


def test_staff_log_complaints_and_actions_on_the_session_page(client, world, sign_in):
    sign_in(client, world.trainer)
    url = f"/trainer/sessions/{world.session.id}/quality"
    page = client.get(url).get_data(as_text=True)
    token = csrf_token_from(page)
    bad = client.post(
        f"/trainer/sessions/{world.session.id}/complaints",
        data={"csrf_token": token, "received_on": "2026-12-01", "author": "", "subject": "x"},
    )
    assert bad.status_code == 422 and "Ce champ est obligatoire." in bad.get_data(as_text=True)
    client.post(
        f"/trainer/sessions/{world.session.id}/complaints",
        data={
            "csrf_token": token,
            "received_on": "2026-12-01",
            "author": "Ana Lima",
            "subject": "Supports reçus en retard",
            "status": "open",
        },
    )
    client.post(
        f"/trainer/sessions/{world.session.id}/actions",
        data={
            "csrf_token": token,
            "origin": "Réclamation d'Ana Lima",
            "description": "Envoyer les supports une semaine avant",
            "status": "planned",
        },
    )
    page = client.get(url).get_data(as_text=True)
    assert "Supports reçus en retard" in page and "Envoyer les supports" in page
    assert client.get(f"/trainer/sessions/{world.other_session.id}/quality").status_code == 404


def test_complaints_and_actions_in_the_api(api, world):
    base = f"/sessions/{world.session.id}"
    made = api.post(
        f"{base}/complaints",
        world.compliance,
        {"received_on": "2026-12-01", "author": "OPCO", "subject": "Facture"},
    )
    assert made.status_code == 201 and made.get_json()["status"] == "open"
    cid = made.get_json()["id"]
    answered = api.call(
        "PATCH",
        f"{base}/complaints/{cid}",
        world.compliance,
        {"answer": "Corrigée", "status": "closed"},
    )
    assert answered.status_code == 200 and answered.get_json()["status"] == "closed"
    action = api.post(
        f"{base}/improvement-actions",
        world.trainer,
        {"origin": "Réclamation", "description": "Vérifier", "complaint_id": cid},
    )
    assert action.status_code == 201
    listed = api.get(f"{base}/improvement-actions", world.admin).get_json()
    assert [a["complaint_id"] for a in listed] == [cid]
    assert api.get(f"{base}/complaints", world.other_trainer).status_code == 404
    wrong = api.post(
        f"{base}/improvement-actions",
        world.trainer,
        {"origin": "x", "description": "y", "complaint_id": 999},
    )
    assert wrong.status_code == 422
