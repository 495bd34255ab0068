"""A trainer creates a session and adds participants, through the real forms (CSRF on)."""

import re

from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.storage import Participant, TrainingSession
from tests.conftest import csrf_token_from, post_new_session
from tests.factories import PASSWORD


def login(client, email, password=PASSWORD):
    page = client.get("/login")
    return client.post(
        "/login",
        data={
            "csrf_token": csrf_token_from(page.get_data(as_text=True)),
            "email": email,
            "password": password,
        },
    )


def test_trainer_creates_a_session_and_enrols_participants(client, factories):
    trainer = factories.UserFactory(role="trainer", email="claire@lexom.fr")
    response = login(client, "claire@lexom.fr")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/trainer/sessions"
    )

    response = post_new_session(
        client,
        title="MRK-STRA-05 Lyon",
        starts_on="2026-12-03",
        ends_on="2026-12-04",
        location="Lyon",
    )
    assert response.status_code == 302
    session = db.session.scalar(select(TrainingSession))
    assert (session.title, session.trainer_id, session.location) == (
        "MRK-STRA-05 Lyon",
        trainer.id,
        "Lyon",
    )

    page = client.get(f"/trainer/sessions/{session.id}").get_data(as_text=True)
    client.post(
        f"/trainer/sessions/{session.id}/participants",
        data={
            "csrf_token": csrf_token_from(page),
            "name": "Camille Martin",
            "email": "Camille@Exemple.fr",
        },
    )
    page = client.get(f"/trainer/sessions/{session.id}").get_data(as_text=True)
    assert "Camille Martin est inscrit(e)." in page
    assert "camille@exemple.fr" in page
    link = re.search(r'value="(http://lexom\.test/p/[^"]+)"', page).group(1)

    # The participant's link opens their space on another device, without a password.
    phone = client.application.test_client()
    opened = phone.get(link.replace("http://lexom.test", ""))
    assert opened.status_code == 302 and opened.headers["Location"].endswith("/me/")
    assert "Bonjour Camille Martin" in phone.get("/me/").get_data(as_text=True)


def test_forms_without_csrf_token_are_refused(client, factories):
    factories.UserFactory(role="trainer", email="t@lexom.fr")
    login(client, "t@lexom.fr")
    response = client.post(
        "/trainer/sessions",
        data={"title": "X", "starts_on": "2026-12-03", "ends_on": "2026-12-04", "location": "Lyon"},
    )
    assert response.status_code == 400
    assert db.session.scalar(select(TrainingSession)) is None


def test_login_rejects_a_wrong_password_and_is_rate_limited(client, factories):
    factories.UserFactory(email="t@lexom.fr")
    page = client.get("/login").get_data(as_text=True)
    token = csrf_token_from(page)
    response = client.post(
        "/login", data={"csrf_token": token, "email": "t@lexom.fr", "password": "faux"}
    )
    assert "Adresse e-mail ou mot de passe incorrect." in response.get_data(as_text=True)
    statuses = [
        client.post(
            "/login", data={"csrf_token": token, "email": "t@lexom.fr", "password": "faux"}
        ).status_code
        for _ in range(12)
    ]
    assert 429 in statuses


def test_csv_import_all_or_nothing_with_per_line_errors(client, factories, sign_in):
    session = factories.SessionFactory()
    sign_in(client, session.trainer)
    page = client.get(f"/trainer/sessions/{session.id}").get_data(as_text=True)
    token = csrf_token_from(page)
    bad = "nom;email\nCamille Martin;camille@exemple.fr\n;sans-nom@exemple.fr\nHugo;pas-un-email\nLéa;camille@exemple.fr\n"
    client.post(
        f"/trainer/sessions/{session.id}/participants/import",
        data={"csrf_token": token, "file": (__import__("io").BytesIO(bad.encode()), "liste.csv")},
        content_type="multipart/form-data",
    )
    page = client.get(f"/trainer/sessions/{session.id}").get_data(as_text=True)
    assert "ligne 3 : Le nom est obligatoire." in page
    assert "ligne 4 : Adresse e-mail invalide : pas-un-email." in page
    assert "ligne 5 : camille@exemple.fr apparaît déjà ligne 2." in page
    assert db.session.scalars(select(Participant)).all() == []

    good = "Nom,Email\nCamille Martin,camille@exemple.fr\nHugo Moreau,hugo@exemple.fr\n"
    client.post(
        f"/trainer/sessions/{session.id}/participants/import",
        data={"csrf_token": token, "file": (__import__("io").BytesIO(good.encode()), "liste.csv")},
        content_type="multipart/form-data",
    )
    names = sorted(p.name for p in db.session.scalars(select(Participant)))
    assert names == ["Camille Martin", "Hugo Moreau"]


def test_reissued_link_replaces_the_old_one(client, factories, sign_in):
    participant = factories.ParticipantFactory()
    from lexom_learning.services import links

    old = links.token_for(links.current_link(participant))
    phone = client.application.test_client()
    assert phone.get(f"/p/{old}").status_code == 302
    sign_in(client, participant.session.trainer)
    token = csrf_token_from(
        client.get(f"/trainer/sessions/{participant.session_id}").get_data(as_text=True)
    )
    client.post(
        f"/trainer/sessions/{participant.session_id}/participants/{participant.id}/link",
        data={"csrf_token": token},
    )
    assert phone.get("/me/").status_code == 401  # the phone's session died with the old link
    assert client.application.test_client().get(f"/p/{old}").status_code == 410
    db.session.expire_all()
    new = links.token_for(links.current_link(participant))
    assert new != old and client.application.test_client().get(f"/p/{new}").status_code == 302


def test_qr_sheet_has_one_code_per_participant(client, factories, sign_in):
    session = factories.SessionFactory()
    for _ in range(3):
        factories.ParticipantFactory(session=session)
    sign_in(client, session.trainer)
    html = client.get(f"/trainer/sessions/{session.id}/qr-sheet").get_data(as_text=True)
    assert html.count("<svg") == 3
    assert html.count("http://lexom.test/p/") == 3
