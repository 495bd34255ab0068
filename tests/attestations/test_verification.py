"""/verify/{number} and GET /api/v1/verify/{number}: valid, superseded, revoked; hash checks;
nothing personal beyond the document (the name only to whoever holds the matching file)."""

import hashlib
import io

from lexom_learning.services import attestations
from tests.api.helpers import assert_error
from tests.conftest import csrf_token_from


def test_a_valid_number(client, api, issued):
    page = client.get(f"/verify/{issued.number}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Valide" in html
    assert "Optimiser son marketing" in html
    assert "Hélène" not in html and "@" not in html.split("mailto:")[0]
    body = api.get(f"/verify/{issued.number}").get_json()
    assert body["valid"] is True and body["status"] == "valid"
    assert body["course"]["ref"] == "MRK-STRA-05" and body["issued_at"]
    assert body["sha256_match"] is None
    assert set(body) == {
        "number",
        "valid",
        "status",
        "course",
        "issued_at",
        "sha256_match",
        "superseded_by",
    }


def test_the_right_hash_and_a_forged_one(client, api, issued):
    good = api.get(f"/verify/{issued.number}?sha256={issued.sha256}").get_json()
    assert good["valid"] is True and good["sha256_match"] is True
    certificate = api.get(f"/verify/{issued.number}?sha256={issued.certificate_sha256}")
    assert certificate.get_json()["sha256_match"] is True
    forged = api.get(f"/verify/{issued.number}?sha256={'a' * 64}").get_json()
    assert forged["valid"] is False and forged["status"] == "valid"
    assert forged["sha256_match"] is False
    assert_error(api.get(f"/verify/{issued.number}?sha256=nothex"), 422, "sha256")
    html = client.get(f"/verify/{issued.number}?sha256={'b' * 64}").get_data(as_text=True)
    assert "ne correspond pas" in html


def test_uploading_the_pdf_checks_it(client, issued):
    page = client.get(f"/verify/{issued.number}").get_data(as_text=True)
    token = csrf_token_from(page)
    good = client.post(
        f"/verify/{issued.number}",
        data={"csrf_token": token, "document": (io.BytesIO(issued.pdf), "attestation.pdf")},
    )
    html = good.get_data(as_text=True)
    assert "bien l'attestation" in html and "Hélène Lefèvre-Ngô" in html
    tampered = issued.pdf + b"\n% edited after issue\n"
    assert hashlib.sha256(tampered).hexdigest() != issued.sha256
    bad = client.post(
        f"/verify/{issued.number}",
        data={"csrf_token": token, "document": (io.BytesIO(tampered), "attestation.pdf")},
    )
    assert "ne correspond pas" in bad.get_data(as_text=True)
    assert "Hélène" not in bad.get_data(as_text=True)


def test_superseded_and_revoked(client, api, world, course, issued):
    new = attestations.supersede(issued, course, world.compliance.get_id(), "Correction")
    old = api.get(f"/verify/{issued.number}").get_json()
    assert old["status"] == "superseded" and old["valid"] is False
    assert old["superseded_by"] == new.number
    assert "Remplacé" in client.get(f"/verify/{issued.number}").get_data(as_text=True)
    attestations.revoke(new, world.compliance.get_id(), "Absence")
    revoked = api.get(f"/verify/{new.number}?sha256={new.sha256}").get_json()
    assert revoked["status"] == "revoked" and revoked["valid"] is False
    assert "Révoqué" in client.get(f"/verify/{new.number}").get_data(as_text=True)


def test_unknown_numbers(client, api, issued):
    assert client.get("/verify/MRK-STRA-05-2026-99999").status_code == 404
    assert_error(api.get("/verify/MRK-STRA-05-2026-99999"), 404)
    assert_error(api.get("/verify/%27%3B--"), 404)
