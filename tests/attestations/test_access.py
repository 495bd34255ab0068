"""Every route with an id refuses whoever must be refused: other sessions' participants and
trainers, and compliance wherever it may not write."""

import pytest

from lexom_learning.extensions import db
from lexom_learning.storage import Attestation
from tests.api.helpers import assert_error
from tests.conftest import csrf_token_from

READS = ["/trainer/sessions/{sid}/attendance", "/trainer/sessions/{sid}/attendance/sheet"]
WRITES = [
    "/trainer/sessions/{sid}/attendance/countersign",
    "/trainer/sessions/{sid}/attendance/paper",
    "/trainer/sessions/{sid}/close",
]
COMPLIANCE_READS = [
    "/compliance/",
    "/compliance/sessions/{sid}",
    "/compliance/sessions/{sid}/attestations.zip",
    "/compliance/sessions/{sid}/register.csv",
    "/compliance/sessions/{sid}/register.xlsx",
    "/compliance/sessions/{sid}/evidence.zip",
]
COMPLIANCE_WRITES = [
    "/compliance/attestations/{number}/revoke",
    "/compliance/attestations/{number}/supersede",
]
DOCUMENTS = [
    "/documents/attestations/{number}.pdf",
    "/documents/attestations/{number}/certificat.pdf",
]


def url(template, world, issued=None):
    return template.format(sid=world.session.id, number=issued.number if issued else "x")


def send(client, method, path, **data):
    """Send with a valid CSRF token: refusals must come from role and ownership."""
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    return client.open(path, method=method, data={"csrf_token": token, **data})


@pytest.mark.parametrize("template", READS + WRITES + COMPLIANCE_READS + COMPLIANCE_WRITES)
def test_anonymous_is_sent_to_login(client, world, issued, template):
    method = "POST" if template in WRITES + COMPLIANCE_WRITES else "GET"
    response = send(client, method, url(template, world, issued))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("template", READS + WRITES + COMPLIANCE_READS + COMPLIANCE_WRITES)
def test_participants_are_refused(client, world, sign_in, issued, template):
    sign_in(client, world.participant)
    method = "POST" if template in WRITES + COMPLIANCE_WRITES else "GET"
    assert send(client, method, url(template, world, issued)).status_code == 403


@pytest.mark.parametrize("template", READS + WRITES)
def test_another_trainer_does_not_see_the_session(client, world, sign_in, template):
    sign_in(client, world.other_trainer)
    method = "POST" if template in WRITES else "GET"
    assert send(client, method, url(template, world)).status_code == 404


@pytest.mark.parametrize("template", WRITES)
def test_compliance_reads_attendance_but_never_changes_it(client, world, sign_in, template):
    sign_in(client, world.compliance)
    assert send(client, "GET", url(READS[0], world)).status_code == 200
    assert (
        send(
            client, "POST", url(template, world), slot="d1-am", participant_id=1, reason="x"
        ).status_code
        == 403
    )
    db.session.refresh(world.session)
    assert world.session.status == "planned"


@pytest.mark.parametrize("template", COMPLIANCE_READS + COMPLIANCE_WRITES)
def test_trainers_stay_out_of_the_compliance_space(client, world, sign_in, issued, template):
    sign_in(client, world.trainer)
    method = "POST" if template in COMPLIANCE_WRITES else "GET"
    assert send(client, method, url(template, world, issued), reason="x").status_code == 403


@pytest.mark.parametrize("template", COMPLIANCE_WRITES)
def test_only_compliance_changes_a_status(client, world, sign_in, issued, template):
    sign_in(client, world.admin)
    assert send(client, "GET", url(COMPLIANCE_READS[1], world)).status_code == 200
    assert send(client, "POST", url(template, world, issued), reason="x").status_code == 403
    sign_in(client, world.compliance)
    assert send(client, "POST", url(template, world, issued), reason="Motif").status_code == 302
    db.session.expire_all()
    assert db.session.get(Attestation, issued.id).status != "valid"


@pytest.mark.parametrize("template", DOCUMENTS)
def test_documents_reach_their_holder_and_the_sessions_staff_only(
    client, world, sign_in, issued, template
):
    path = url(template, world, issued)
    assert client.get(path).status_code == 404
    for who, status in [
        (world.second, 404),
        (world.other_participant, 404),
        (world.other_trainer, 404),
        (world.participant, 200),
        (world.trainer, 200),
        (world.compliance, 200),
        (world.admin, 200),
    ]:
        sign_in(client, who)
        response = client.get(path)
        assert response.status_code == status, who.get_id()
        if status == 200:
            assert response.mimetype == "application/pdf"
            assert response.data in (issued.pdf, issued.certificate_pdf)


# What the session's own staff may read: its trainer and compliance yes, the others no.
STAFF_READS = {
    "anonymous": 401,
    "participant": 403,
    "other_trainer": 404,
    "trainer": 200,
    "compliance": 200,
}

API_CASES = [
    # (method, path, body, {caller: status})
    (
        "POST",
        "/sessions/{sid}/attendance",
        {"participant_id": 0, "slot": "d1-am", "method": "paper", "reason": "x"},
        {
            "anonymous": 401,
            "participant": 403,
            "other_trainer": 404,
            "compliance": 403,
            "other_participant": 403,
        },
    ),
    (
        "POST",
        "/sessions/{sid}/close",
        None,
        {"anonymous": 401, "participant": 403, "other_trainer": 404, "compliance": 403},
    ),
    (
        "GET",
        "/sessions/{sid}/attestations",
        None,
        {**STAFF_READS, "admin": 200},
    ),
    (
        "GET",
        "/attestations/{number}.pdf",
        None,
        {
            "anonymous": 401,
            "second": 404,
            "other_participant": 404,
            "other_trainer": 404,
            "participant": 200,
            "trainer": 200,
            "compliance": 200,
        },
    ),
    (
        "GET",
        "/sessions/{sid}/attestations.zip",
        None,
        {
            "anonymous": 401,
            "participant": 403,
            "trainer": 403,
            "other_trainer": 403,
            "admin": 403,
            "compliance": 200,
        },
    ),
    (
        "GET",
        "/sessions/{sid}/events.xapi.json",
        None,
        STAFF_READS,
    ),
    (
        "POST",
        "/me/attendance/d1-am",
        {"signature": "Nom"},
        {"anonymous": 401, "trainer": 403, "compliance": 403},
    ),
]


@pytest.mark.parametrize("method, template, body, expected", API_CASES)
def test_api_access_rules(api, world, issued, method, template, body, expected):
    path = url(template, world, issued)
    if body and "participant_id" in body:
        body = {**body, "participant_id": world.participant.id}
    for name, status in expected.items():
        response = api.call(method, path, world.who(name), body)
        if status >= 400:
            assert_error(response, status)
        else:
            assert response.status_code == status, name
    db.session.refresh(world.session)
    assert db.session.query(Attestation).count() == 1
