"""The pieces staff views share: the session of the URL, a form's outcome, the field rules."""

import pytest
from flask import get_flashed_messages
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import Forbidden, NotFound

from lexom_learning.services.errors import Invalid
from lexom_learning.storage import OutboxMessage
from lexom_learning.web.fields import email_field, new_password
from lexom_learning.web.forms import Form
from lexom_learning.web.outcomes import outcome_flashed
from lexom_learning.web.session_access import owned_row, session_view

pytestmark = pytest.mark.db


def _signed_in(app, user):
    from flask_login import login_user

    context = app.test_request_context()
    context.push()
    login_user(user)
    return context


def test_session_view_hands_the_session_and_its_course_to_the_view(app, factories):
    training = factories.SessionFactory()
    context = _signed_in(app, training.trainer)
    try:
        view = session_view(manage=True, with_course=True)(
            lambda training, course: (training, course)
        )
        got, course = view(session_id=training.id)
        assert got.id == training.id and course.id == training.course_id
    finally:
        context.pop()


def test_session_view_hides_others_sessions_and_refuses_changes_to_readers(app, factories):
    training = factories.SessionFactory()
    other = factories.SessionFactory()
    compliance = factories.UserFactory(role="compliance")
    view = session_view(manage=True)(lambda training: training)
    context = _signed_in(app, other.trainer)
    try:
        with pytest.raises(NotFound):
            view(session_id=training.id)
    finally:
        context.pop()
    context = _signed_in(app, compliance)
    try:
        assert session_view()(lambda training: training)(session_id=training.id) == training
        with pytest.raises(Forbidden):
            view(session_id=training.id)
    finally:
        context.pop()


def test_owned_row_finds_only_a_row_of_that_session(app, factories):
    from lexom_learning.extensions import db
    from lexom_learning.services import outbox

    training, other = factories.SessionFactory(), factories.SessionFactory()
    message = outbox.enqueue(
        "t:1", kind="test", to="a@exemple.fr", subject="s", body="b", session_id=training.id
    )
    db.session.commit()
    with app.test_request_context():
        assert owned_row(training, OutboxMessage, message.id) == message
        for session, row_id in ((other, message.id), (training, 999999), (training, 2**31)):
            with pytest.raises(NotFound):
                owned_row(session, OutboxMessage, row_id)


def test_outcome_flashed_says_the_refusal_or_the_done_message(app):
    with app.test_request_context():
        with outcome_flashed("Fait."):
            raise Invalid("Refusé.")
        with outcome_flashed("Fait.", "success"):
            pass
        assert get_flashed_messages(with_categories=True) == [
            ("error", "Refusé."),
            ("success", "Fait."),
        ]


class _AccountForm(Form):
    email = email_field("E-mail", "Indiquez l'adresse e-mail.")
    manager = email_field("E-mail du responsable")
    password = new_password("Mot de passe", "Indiquez un mot de passe.")


@pytest.mark.parametrize(
    "data, errors",
    [
        ({"email": "a@exemple.fr", "password": "assez-long-1"}, {}),
        ({"password": "assez-long-1"}, {"email": ["Indiquez l'adresse e-mail."]}),
        (
            {"email": "a@exemple.fr", "manager": "pas-une-adresse", "password": "court"},
            {"manager": ["Adresse e-mail invalide."], "password": ["Entre 10 et 200 caractères."]},
        ),
    ],
)
def test_the_field_rules(app, data, errors):
    with app.test_request_context(method="POST"):
        form = _AccountForm(formdata=MultiDict(data), meta={"csrf": False})
        assert form.validate() is (not errors)
        assert {name: [str(m) for m in found] for name, found in form.errors.items()} == errors
