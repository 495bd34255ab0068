"""The manager's (N+1) questionnaire: the manager named on the participant's record gets a
personal link when the cold evaluation is due, answers once without an account, and the
trainer reads the results on the evaluations page."""

import shutil
from datetime import timedelta

import pytest
import time_machine

from lexom_learning.extensions import db
from lexom_learning.modules import load_course
from lexom_learning.services import cold, managers, sessions
from lexom_learning.storage import EvaluationSubmission, OutboxMessage
from lexom_learning.web.content import CourseRepository
from tests.conftest import COURSE_DIR, csrf_token_from
from tests.evaluations.helpers import RecordingTransport, make_room

MANAGER = """\
id: manager
kind: manager
title: "Questionnaire du responsable"
sections:
  - id: manager-transfer
    kind: transfer
    title: "Ce que vous observez"
    questions:
      - id: mgr-q1
        type: likert
        prompt: "Votre collaborateur utilise-t-il un tableau de bord marketing ?"
        explanation: ""
        scale: {min: 1, max: 4, labels: {1: "Pas du tout", 4: "Tout à fait"}}
      - id: mgr-q2
        type: free_text
        prompt: "Un exemple observé ?"
        explanation: ""
"""


@pytest.fixture(scope="module")
def manager_course(tmp_path_factory):
    root = tmp_path_factory.mktemp("manager") / "course"
    shutil.copytree(COURSE_DIR, root)
    # The shipped course names evaluations/manager.yaml; the test's own questionnaire replaces it.
    (root / "evaluations/manager.yaml").write_text(MANAGER, encoding="utf-8")
    return load_course(root)


@pytest.fixture
def closed(app, factories, manager_course):
    app.extensions["lexom_courses"] = CourseRepository([manager_course])
    room = make_room(factories, 2)
    room.people[0].manager_email = "chef@exemple.fr"
    db.session.commit()
    sessions.close_session(room.session)
    return room


@pytest.fixture
def due(closed):
    """Move the clock to the cold evaluation's due date: the manager answers in its window."""
    when = cold.invitations_of(closed.session.id)[0].due_at + timedelta(hours=1)
    with time_machine.travel(when, tick=False):
        yield closed


def test_the_manager_is_invited_once_when_the_cold_evaluation_is_due(closed):
    due = cold.invitations_of(closed.session.id)[0].due_at
    transport = RecordingTransport()
    cold.send_due(transport, due)
    cold.send_due(transport, due + timedelta(days=7))  # the participants' first reminder
    messages = db.session.query(OutboxMessage).filter_by(kind=managers.MESSAGE_KIND).all()
    assert [(m.to_address, m.participant_id) for m in messages] == [
        ("chef@exemple.fr", closed.people[0].id)
    ]
    assert managers.MANAGER_LINK_PATH in messages[0].body
    assert closed.people[0].name in messages[0].subject


def _link(closed) -> str:
    invitation = cold.invitations_of(closed.session.id)[0]
    return managers.MANAGER_LINK_PATH + managers.token_for(invitation)


def test_the_manager_answers_once_through_the_link(app, closed, due):
    browser = app.test_client()
    page = browser.get(_link(closed)).get_data(as_text=True)
    assert "Questionnaire du responsable" in page and closed.people[0].name in page
    sent = browser.post(
        _link(closed),
        data={
            "csrf_token": csrf_token_from(page),
            "q.mgr-q1": "3",
            "q.mgr-q2": "Un tableau mensuel.",
        },
    )
    assert sent.status_code == 200 and "sont enregistrées" in sent.get_data(as_text=True)
    [record] = db.session.query(EvaluationSubmission).filter_by(kind="manager").all()
    assert record.participant_id == closed.people[0].id and record.channel == "manager"
    again = browser.get(_link(closed)).get_data(as_text=True)
    assert "sont enregistrées" in again and 'name="q.mgr-q1"' not in again

    trainer = app.test_client()
    with trainer.session_transaction() as s:
        s["_user_id"] = closed.trainer.get_id()
        s["_fresh"] = True
        s["auth_epoch"] = closed.trainer.auth_epoch  # the session is the account's current one
    report = trainer.get(f"/trainer/sessions/{closed.session.id}/evaluations").get_data(
        as_text=True
    )
    assert "Questionnaire des responsables (N+1)" in report
    assert "Un tableau mensuel." in report


def test_a_bad_or_cold_token_opens_nothing(app, closed):
    invitation = cold.invitations_of(closed.session.id)[0]
    browser = app.test_client()
    assert browser.get(managers.MANAGER_LINK_PATH + cold.token_for(invitation)).status_code == 404
    assert browser.get(managers.MANAGER_LINK_PATH + "1.abc").status_code == 404
    assert browser.get(cold.COLD_LINK_PATH + managers.token_for(invitation)).status_code == 404


def test_a_malformed_answer_is_refused_with_a_message(app, closed, due):
    browser = app.test_client()
    page = browser.get(_link(closed)).get_data(as_text=True)
    sent = browser.post(_link(closed), data={"csrf_token": csrf_token_from(page), "q.mgr-q1": "9"})
    assert sent.status_code == 422
    assert db.session.query(EvaluationSubmission).filter_by(kind="manager").count() == 0


def test_the_manager_email_is_checked_and_optional(app, factories):
    training = factories.SessionFactory()
    person = sessions.add_participant(training, "Lina Roux", "lina@exemple.fr", " Chef@Exemple.fr ")
    assert person.manager_email == "chef@exemple.fr"
    assert sessions.add_participant(training, "Théo Roux", "theo@exemple.fr").manager_email is None
    with pytest.raises(sessions.Invalid):
        sessions.add_participant(training, "Zoé Roux", "zoe@exemple.fr", "pas-un-email")


def test_the_csv_may_name_the_manager(app, factories):
    training = factories.SessionFactory()
    raw = "nom;email;email responsable\nLina Roux;lina@exemple.fr;chef@exemple.fr\nTom Roux;tom@exemple.fr;\n"
    added = sessions.import_participants_csv(training, raw.encode())
    assert [p.manager_email for p in added] == ["chef@exemple.fr", None]
    bad = "nom;email;email responsable\nLina Roux;lina2@exemple.fr;nope\n"
    with pytest.raises(sessions.CsvImportError) as raised:
        sessions.import_participants_csv(training, bad.encode())
    assert "responsable invalide" in str(raised.value.problems[0])


def test_the_api_takes_and_returns_the_manager_email(app, client, factories):
    from tests.api.helpers import Api

    training = factories.SessionFactory()
    api = Api(client)
    created = api.post(
        f"/sessions/{training.id}/participants",
        training.trainer,
        {"name": "Lina Roux", "email": "lina@exemple.fr", "manager_email": "chef@exemple.fr"},
    )
    assert created.status_code == 201 and created.get_json()["manager_email"] == "chef@exemple.fr"
    refused = api.post(
        f"/sessions/{training.id}/participants",
        training.trainer,
        {"name": "Tom Roux", "email": "tom@exemple.fr", "manager_email": "nope"},
    )
    assert refused.status_code == 422


def test_the_column_is_marked_personal():
    from lexom_learning.storage import Participant

    assert Participant.__table__.c.manager_email.info == {"personal": True}


def test_before_its_dates_the_form_says_so_and_stores_nothing(app, closed):
    browser = app.test_client()
    page = browser.get(_link(closed)).get_data(as_text=True)
    sent = browser.post(_link(closed), data={"csrf_token": csrf_token_from(page), "q.mgr-q1": "3"})
    assert sent.status_code == 409
    assert db.session.query(EvaluationSubmission).filter_by(kind="manager").count() == 0
