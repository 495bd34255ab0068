"""Who may export and erase (compliance and admin only), the learner's own page and download,
the privacy notice (from configuration) and its links from the learner's first page and from
every e-mail."""

import io
import json
import zipfile
from types import SimpleNamespace

import pytest
from flask import current_app

from lexom_learning.services import outbox
from tests.api.helpers import Api, assert_error


@pytest.fixture
def api(client):
    return Api(client, strict_keys=True)


@pytest.fixture
def world(factories):
    session = factories.SessionFactory()
    return SimpleNamespace(
        session=session,
        trainer=session.trainer,
        participant=factories.ParticipantFactory(session=session, name="Léa Garnier"),
        other=factories.ParticipantFactory(session=session),
        compliance=factories.UserFactory(role="compliance"),
        admin=factories.UserFactory(role="admin"),
    )


@pytest.mark.parametrize("who,status", [("anonymous", 401), ("trainer", 403), ("participant", 403)])
def test_only_compliance_and_admin_reach_a_persons_data(api, world, who, status):
    caller = None if who == "anonymous" else getattr(world, who)
    pid = world.participant.id
    assert_error(api.get(f"/participants/{pid}/personal-data", caller), status)
    assert_error(api.post(f"/participants/{pid}/erasure", caller, {"reason": "x"}), status)


@pytest.mark.parametrize("who", ["compliance", "admin"])
def test_export_then_erasure_through_the_api(api, world, who):
    caller = getattr(world, who)
    pid = world.participant.id
    response = api.get(f"/participants/{pid}/personal-data", caller)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("donnees-personnelles.json"))
    assert data["records"]["participants"][0]["name"] == "Léa Garnier"
    assert_error(api.post(f"/participants/{pid}/erasure", caller, {}), 422, "reason")
    assert_error(api.post(f"/participants/{pid}/erasure", caller, {"reason": ""}), 422)
    done = api.post(f"/participants/{pid}/erasure", caller, {"reason": "Courriel du 7/12"})
    assert done.status_code == 200, done.get_data(as_text=True)
    body = done.get_json()
    assert body["pseudonym"] != "Léa Garnier" and body["kept_documents"] == []
    assert "conservation" in body["notice"]
    assert_error(api.post(f"/participants/{pid}/erasure", caller, {"reason": "encore"}), 409)
    english = api.post(
        f"/participants/{pid}/erasure", caller, {"reason": "x"}, headers={"Accept-Language": "en"}
    )
    assert "already" in english.get_json()["error"]["message"]


def test_unknown_participants_are_not_found(api, world):
    for pid in (10**6, 2**40):
        assert_error(api.get(f"/participants/{pid}/personal-data", world.compliance), 404)
        assert_error(api.post(f"/participants/{pid}/erasure", world.admin, {"reason": "x"}), 404)


def test_the_learner_sees_and_downloads_their_data(client, world, sign_in):
    sign_in(client, world.participant)
    home = client.get("/me/").get_data(as_text=True)
    assert 'href="/me/donnees"' in home and 'href="/confidentialite"' in home
    page = client.get("/me/donnees")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "/me/donnees.zip" in text and 'id="kept"' in text
    download = client.get("/me/donnees.zip")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    data = json.loads(zipfile.ZipFile(io.BytesIO(download.data)).read("donnees-personnelles.json"))
    assert data["participant_id"] == world.participant.id
    assert {r["id"] for r in data["records"]["participants"]} == {world.participant.id}
    english = client.get("/me/donnees?lang=en").get_data(as_text=True)
    assert "My data" in english


def test_staff_and_strangers_have_no_learner_data_page(client, world, sign_in):
    assert client.get("/me/donnees.zip").status_code == 401
    sign_in(client, world.trainer)
    assert client.get("/me/donnees").status_code == 403


def test_the_notice_says_who_what_how_long_and_whom_to_write_to(client, app, monkeypatch):
    page = client.get("/confidentialite").get_data(as_text=True)
    assert "dpo@example.org" in page and "Formations Exemple" in page  # the organisation
    assert "5 ans" in page and "6 ans" in page
    monkeypatch.setitem(app.config, "LEXOM_RETENTION_PERSONAL_YEARS", 3)
    organisation = SimpleNamespace(
        name="LEXOM SAS",
        address=SimpleNamespace(street="1 rue du Port", postcode="07200", city="Aubenas"),
        dpo=SimpleNamespace(name="Claire Morel", email="rgpd@lexom.example"),
    )
    monkeypatch.setitem(app.config, "LEXOM_ORGANISATION", organisation)
    page = client.get("/confidentialite").get_data(as_text=True)
    assert "rgpd@lexom.example" in page and "Claire Morel" in page and "07200" in page
    assert "3 ans" in page
    english = client.get("/confidentialite?lang=en").get_data(as_text=True)
    assert "Your personal data" in english


def test_every_e_mail_links_to_the_notice(app, world):
    message = outbox.enqueue(
        "k1", kind="cold_invitation", to="a@exemple.fr", subject="s", body="Bonjour"
    )
    base = current_app.config.get("LEXOM_BASE_URL") or "https://lexom.test"
    assert message.body.startswith("Bonjour\n-- \n")
    assert f"{base}/confidentialite" in message.body and "dpo@example.org" in message.body
