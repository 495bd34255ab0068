"""The web app's service context: create_app installs it, so a service called without one
gets the app's session, courses and settings, and translates in the request's language."""

from lexom_learning.extensions import db
from lexom_learning.services import context
from lexom_learning.services.errors import NotFound


def test_the_app_installs_the_context_services_find(app):
    app.config["LEXOM_BASE_URL"] = "https://formation.lexom.fr"
    ctx = context.current()  # the app fixture's context is active
    assert ctx.session is db.session
    assert ctx.courses is app.extensions["lexom_courses"]
    assert ctx.settings.base_url == "https://formation.lexom.fr"  # read now, not at start
    assert ctx.settings.secret_key == app.config["SECRET_KEY"]
    assert str(ctx.settings.exports_dir).startswith(app.instance_path)


def test_messages_follow_the_request_language(app):
    with app.test_request_context("/?lang=en"):
        assert NotFound("Participant introuvable.").message == "Participant not found."
        assert context.current().translator("Participant introuvable.") == "Participant not found."


def test_messages_stay_french_by_default(app):
    with app.test_request_context("/"):
        assert NotFound("Participant introuvable.").message == "Participant introuvable."


def test_a_thread_reopens_the_same_app(app):
    enter = context.reentry()
    with enter():
        assert context.current().courses is app.extensions["lexom_courses"]
