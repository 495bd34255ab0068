"""Participants have an employer; sessions a kind (inter or intra), a client and a funder."""

import pytest

from lexom_learning.services import employers
from lexom_learning.services.errors import Invalid
from lexom_learning.services.sessions import CsvImportError
from lexom_learning.storage import Participant


def test_a_siret_is_checked_and_normalised():
    assert employers.clean_siret(" 732 829 320 00074 ", "s") == "73282932000074"
    assert employers.clean_siret("", "s") is None
    for bad in ("73282932000075", "7328293200007", "abc"):
        with pytest.raises(Invalid):
            employers.clean_siret(bad, "s")


def test_an_intra_session_names_its_client():
    with pytest.raises(Invalid) as error:
        employers.session_kind("intra", " ")
    assert error.value.field == "client_name"
    with pytest.raises(Invalid):
        employers.session_kind("mixte")
    assert employers.session_kind("inter", "Ignored SA", None, "OPCO Atlas") == {
        "kind": "inter",
        "client_name": None,
        "client_siret": None,
        "funder": "OPCO Atlas",
    }


def test_a_siret_needs_a_company_name():
    with pytest.raises(Invalid):
        employers.set_employer(Participant(), "", "73282932000074")


def test_the_csv_import_reads_the_optional_employer_columns(app, factories):
    training = factories.SessionFactory()
    raw = (
        b"nom;email;entreprise;siret\n"
        b"Ana Lima;ana@example.org;Ateliers Durand;732 829 320 00074\n"
        b"Bo Chen;bo@example.org;;\n"
    )
    added = employers.import_participants(training, raw)
    by_email = {p.email: p for p in added}
    assert by_email["ana@example.org"].employer_name == "Ateliers Durand"
    assert by_email["ana@example.org"].employer_siret == "73282932000074"
    assert by_email["bo@example.org"].employer_name is None


def test_a_bad_siret_in_the_csv_imports_nobody(app, factories):
    training = factories.SessionFactory()
    raw = b"nom,email,employeur,siret\nAna Lima,ana@example.org,Durand,123\n"
    with pytest.raises(CsvImportError) as error:
        employers.import_participants(training, raw)
    assert error.value.problems[0].line == 2
    assert training.participants == []


def test_the_api_takes_and_returns_employer_and_session_kind(app, client, factories):
    from tests.api.helpers import Api, assert_error

    api = Api(client)
    trainer = factories.UserFactory(role="trainer")
    created = api.post(
        "/sessions",
        trainer,
        {
            "course_id": "mrk-stra-05",
            "title": "Intra Durand",
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-02",
            "location": "Lyon",
            "kind": "intra",
            "client_name": "Ateliers Durand",
            "funder": "OPCO Atlas",
        },
    )
    assert created.status_code == 201, created.json
    assert created.json["kind"] == "intra" and created.json["client_name"] == "Ateliers Durand"
    assert created.json["funder"] == "OPCO Atlas"
    sid = created.json["id"]
    bad = api.post(
        f"/sessions/{sid}/participants",
        trainer,
        {"name": "Ana", "email": "ana@example.org", "employer_siret": "1"},
    )
    assert_error(bad, 422, "employer_siret")
    good = api.post(
        f"/sessions/{sid}/participants",
        trainer,
        {"name": "Ana", "email": "ana@example.org", "employer_name": "Ateliers Durand"},
    )
    assert good.status_code == 201 and good.json["employer_name"] == "Ateliers Durand"
    missing = api.post(
        "/sessions",
        trainer,
        {
            "course_id": "mrk-stra-05",
            "title": "Intra ?",
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-02",
            "location": "Lyon",
            "kind": "intra",
        },
    )
    assert_error(missing, 422, "client_name")


def test_the_trainer_form_records_the_employer(client, factories, sign_in):
    from tests.conftest import csrf_token_from

    training = factories.SessionFactory()
    sign_in(client, training.trainer)
    page = client.get(f"/trainer/sessions/{training.id}").get_data(as_text=True)
    assert 'name="employer_name"' in page and 'name="employer_siret"' in page
    data = {
        "csrf_token": csrf_token_from(page),
        "name": "Ana Lima",
        "email": "ana@example.org",
        "employer_name": "Ateliers Durand",
        "employer_siret": "732 829 320 00075",
    }
    refused = client.post(
        f"/trainer/sessions/{training.id}/participants", data=data, follow_redirects=True
    )
    assert "SIRET invalide" in refused.get_data(as_text=True)
    data["employer_siret"] = "732 829 320 00074"
    client.post(f"/trainer/sessions/{training.id}/participants", data=data)
    from lexom_learning.extensions import db

    db.session.expire_all()
    (person,) = training.participants
    assert (person.employer_name, person.employer_siret) == ("Ateliers Durand", "73282932000074")


def test_an_intra_sessions_client_is_the_employer_by_default(app, course, factories):
    from lexom_learning.services import attestations
    from tests.attestations.conftest import attend

    training = factories.SessionFactory(over=True)
    employers.set_session_kind(training, employers.session_kind("intra", "Client SA"))
    person = factories.ParticipantFactory(session=training)
    attend(training, course, person, "d1-am", paper=True)
    issued = attestations.close_and_issue(training, course).issued[0]
    assert issued.snapshot["participant"]["employer_name"] == "Client SA"
    assert issued.snapshot["session"]["kind"] == "intra"
