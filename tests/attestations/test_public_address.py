"""One public address: LEXOM_BASE_URL starts every address that leaves the app (QR codes and
personal links, attestation PDFs, e-mails, xAPI IRIs); a forged Host header reaches none."""

import pytest

from lexom_learning.extensions import db
from lexom_learning.services import cold
from lexom_learning.services.context import ConfigError, Settings, normalise_base_url
from lexom_learning.storage import OutboxMessage
from tests.api.helpers import Api
from tests.attestations.conftest import attend
from tests.attestations.test_documents import text_of

BASE = "https://formation.lexom.fr"
EVIL = {"Host": "evil.example"}


@pytest.fixture
def public(app):
    app.config["LEXOM_BASE_URL"] = BASE
    return BASE


def test_the_qr_sheet_and_the_links_name_the_public_address(public, app, client, sign_in, world):
    sign_in(client, world.trainer)
    cookie = client.get_cookie("session", domain="lexom.test")
    # The browser of the forged request: the trainer's own session cookie, another Host.
    forged = {**EVIL, "Cookie": f"session={cookie.value}"}
    client = app.test_client(use_cookies=False)
    page = client.get(f"/trainer/sessions/{world.session.id}/qr-sheet", headers=forged)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count(f"{BASE}/p/") >= 2 and "evil.example" not in html
    session_page = client.get(f"/trainer/sessions/{world.session.id}", headers=forged)
    assert session_page.status_code == 200
    assert "evil.example" not in session_page.get_data(as_text=True)


def test_the_api_gives_links_on_the_public_address(public, client, world):
    api = Api(client)
    listed = api.get(f"/sessions/{world.session.id}/participants", world.trainer, headers=EVIL)
    links = [p["access_url"] for p in listed.get_json()]
    assert links and all(link.startswith(f"{BASE}/p/") for link in links)


def test_attestations_and_xapi_never_take_the_request_host(public, client, world, course):
    attend(world.session, course, world.participant, "d1-am")
    api = Api(client)
    closed = api.post(f"/sessions/{world.session.id}/close", world.trainer, headers=EVIL)
    assert closed.status_code == 200
    (issued,) = closed.get_json()["issued"]
    from lexom_learning.services import attestations

    row = attestations.by_number(issued["number"])
    # The QR code of the PDF encodes the snapshot's verify_url (documents/attestation.py).
    assert row.snapshot["verify_url"] == f"{BASE}/verify/{row.number}"
    page = text_of(row.pdf)
    assert f"{BASE}/verify/{row.number}" in page and "evil.example" not in page
    statements = api.get(
        f"/sessions/{world.session.id}/events.xapi.json", world.trainer, headers=EVIL
    ).get_json()
    ids = [s["object"]["id"] for s in statements]
    assert ids and all(i.startswith(f"{BASE}/xapi/activities/") for i in ids)
    assert "evil.example" not in str(statements)


def test_e_mails_link_to_the_public_address(public, app, world):
    from lexom_learning.services import sessions

    sessions.close_session(world.session)
    invitation = cold.invitations_of(world.session.id)[0]
    with app.test_request_context("/", headers=EVIL):
        cold.issue_due(invitation.due_at)
    bodies = [m.body for m in db.session.query(OutboxMessage)]
    assert bodies and all(f"{BASE}/evaluations/cold/" in b or BASE in b for b in bodies)
    assert not any("evil.example" in b for b in bodies)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://formation.lexom.fr/", "https://formation.lexom.fr"),
        (" http://127.0.0.1:8080 ", "http://127.0.0.1:8080"),
        ("https://lexom.fr/formation/", "https://lexom.fr/formation"),
        ("", ""),
        (None, ""),
    ],
)
def test_the_address_is_normalised(raw, expected):
    assert normalise_base_url(raw) == expected


@pytest.mark.parametrize(
    "raw", ["formation.lexom.fr", "ftp://x.fr", "https://", "https://x.fr/?a=1", "https://u@x.fr"]
)
def test_an_address_that_is_not_a_plain_http_one_is_refused(raw):
    with pytest.raises(ConfigError):
        normalise_base_url(raw)


def test_without_an_address_the_settings_use_the_local_one():
    assert Settings.from_config({}).base_url == "http://127.0.0.1:5000"
    assert Settings.from_config({"LEXOM_BASE_URL": BASE + "/"}).base_url == BASE
