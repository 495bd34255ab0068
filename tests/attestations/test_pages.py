"""Full flows through the real pages and forms (CSRF on): sign, countersign, paper, close,
then compliance downloads, revokes and supersedes; a large ZIP runs as a background job."""

import html
import io
import time
import zipfile

from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.services import attendance
from lexom_learning.storage import AttendanceSignature, Attestation
from tests.attestations.conftest import during
from tests.attestations.test_api import PNG
from tests.conftest import csrf_token_from


def test_sign_countersign_paper_and_close(client, world, course, sign_in):
    with during(world.session):
        slot = attendance.open_slot(world.session, course).id
        sign_in(client, world.participant)
        page = client.get("/me/attendance").get_data(as_text=True)
        assert "Signer :" in page and 'name="drawn"' in page and "signature.js" in page
        response = client.post(
            "/me/attendance",
            data={
                "csrf_token": csrf_token_from(page),
                "slot": slot,
                "drawn": PNG,
                "typed_name": "",
            },
            headers={"User-Agent": "Mozilla/5.0 (Android) test"},
        )
        assert response.status_code == 302
        page = client.get("/me/attendance").get_data(as_text=True)
        assert "Votre signature est enregistrée" in page and "en attente du formateur" in page
        row = db.session.scalar(select(AttendanceSignature))
        assert (row.method, row.user_agent, row.signature) == (
            "drawn_png",
            "Mozilla/5.0 (Android) test",
            PNG,
        )

        sign_in(client, world.second)
        page = client.get("/me/attendance").get_data(as_text=True)
        client.post(
            "/me/attendance",
            data={"csrf_token": csrf_token_from(page), "slot": slot, "typed_name": "Zoé Œuvray"},
        )

    sign_in(client, world.trainer)
    grid = client.get(f"/trainer/sessions/{world.session.id}/attendance")
    html = grid.get_data(as_text=True)
    assert grid.status_code == 200 and "Contresigner" in html and "Clôturer la session" in html
    token = csrf_token_from(html)
    base = f"/trainer/sessions/{world.session.id}/attendance"
    client.post(
        f"{base}/countersign",
        data={"csrf_token": token, "slot": slot, "participant_id": world.participant.id},
    )
    client.post(f"{base}/countersign", data={"csrf_token": token, "slot": slot})
    refused = client.post(
        f"{base}/paper",
        data={
            "csrf_token": token,
            "slot": "d2-pm",
            "participant_id": world.second.id,
            "reason": "",
        },
        follow_redirects=True,
    )
    assert "Le motif est obligatoire." in refused.get_data(as_text=True)
    client.post(
        f"{base}/paper",
        data={
            "csrf_token": token,
            "slot": "d2-pm",
            "participant_id": world.second.id,
            "reason": "Batterie vide",
        },
    )
    kinds = db.session.scalars(select(AttendanceSignature.kind)).all()
    assert sorted(kinds) == ["countersign", "countersign", "paper", "participant", "participant"]

    sheet = client.get(f"{base}/sheet").get_data(as_text=True)
    assert "Feuille d'émargement" in sheet and "Zoé Œuvray" in sheet
    assert "Signature du formateur" in sheet
    dashboard = client.get(f"/trainer/sessions/{world.session.id}").get_data(as_text=True)
    assert f"/trainer/sessions/{world.session.id}/attendance" in dashboard

    closed = client.post(
        f"/trainer/sessions/{world.session.id}/close",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert "2 attestation(s) émise(s)" in closed.get_data(as_text=True)
    sign_in(client, world.participant)
    page = client.get("/me/attendance").get_data(as_text=True)
    assert "attestation (PDF)" in page and "certificat de réalisation (PDF)" in page
    assert "la session est clôturée" in page


def test_compliance_downloads_revokes_and_supersedes(client, world, course, sign_in, issued):
    sign_in(client, world.compliance)
    listing = client.get("/compliance/").get_data(as_text=True)
    assert world.session.title in listing and world.other_session.title in listing
    page = client.get(f"/compliance/sessions/{world.session.id}").get_data(as_text=True)
    assert issued.number in page and "Révoquer" in page and "réponse(s) sur 2" in page
    token = csrf_token_from(page)
    csv_file = client.get(f"/compliance/sessions/{world.session.id}/register.csv")
    assert csv_file.status_code == 200 and issued.number in csv_file.data.decode("utf-8-sig")
    xlsx = client.get(f"/compliance/sessions/{world.session.id}/register.xlsx")
    assert xlsx.data.startswith(b"PK")
    evidence = client.get(f"/compliance/sessions/{world.session.id}/evidence.zip")
    assert "manifest.json" in zipfile.ZipFile(io.BytesIO(evidence.data)).namelist()

    empty = client.post(
        f"/compliance/attestations/{issued.number}/revoke",
        data={"csrf_token": token, "reason": " "},
        follow_redirects=True,
    )
    assert "Le motif est obligatoire." in empty.get_data(as_text=True)
    done = client.post(
        f"/compliance/attestations/{issued.number}/supersede",
        data={"csrf_token": token, "reason": "Nom corrigé"},
        follow_redirects=True,
    )
    assert "remplacée par" in done.get_data(as_text=True)
    new = db.session.scalar(select(Attestation).where(Attestation.version == 2))
    client.post(
        f"/compliance/attestations/{new.number}/revoke",
        data={"csrf_token": token, "reason": "Doublon"},
    )
    db.session.expire_all()
    statuses = db.session.scalars(select(Attestation.status).order_by(Attestation.version)).all()
    assert statuses == ["superseded", "revoked"]
    journal = client.get(f"/compliance/sessions/{world.session.id}").get_data(as_text=True)
    name = world.compliance.name
    for line in (
        f"Registre des attestations exporté par {name}",
        f"Dossier de preuves exporté par {name}",
        f"Attestation remplacée par {name} : Nom corrigé",
        f"Attestation révoquée par {name} : Doublon",
        "Attestation émise par la plateforme (automatiquement)",
        "(heure de Paris)",
    ):
        assert html.unescape(line) in html.unescape(journal), line
    assert "exported_register" not in journal and "user:" not in journal


def test_a_zip_export_as_a_background_job(client, world, course, sign_in, issued):
    sign_in(client, world.compliance)
    page = client.get(f"/compliance/sessions/{world.session.id}").get_data(as_text=True)
    started = client.post(
        f"/compliance/sessions/{world.session.id}/exports",
        data={"csrf_token": csrf_token_from(page)},
    )
    assert started.status_code == 302
    job_url = started.headers["Location"]
    for _ in range(100):
        html = client.get(job_url).get_data(as_text=True)
        if "Télécharger le ZIP" in html:
            break
        time.sleep(0.05)
    assert "Prêt : 1 attestation(s)." in html
    download = client.get(job_url + "/download")
    archive = zipfile.ZipFile(io.BytesIO(download.data))
    assert archive.read(f"attestations/{issued.number}.pdf") == issued.pdf
    sign_in(client, world.trainer)
    assert client.get(job_url).status_code == 403
