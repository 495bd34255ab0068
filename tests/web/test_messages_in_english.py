"""The messages of the services, the quiz engine and the API follow the reader's language.

Every error message is a French template (lexom_learning/translatable.py) put into English
where it is shown: in a flash, a form, a JSON error body. The last test keeps them findable.
"""

import ast
import io
import json

from lexom_learning.translatable import N_
from tests.api.helpers import token_of
from tests.conftest import ROOT, csrf_token_from

ENGLISH = {"Accept-Language": "en"}


def post_json(client, path: str, who, body, headers=None):
    return client.post(
        f"/api/v1{path}",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_of(who)}", **(headers or {})},
    )


def test_a_csv_import_lists_its_problems_in_english(client, factories, sign_in):
    session = factories.SessionFactory()
    sign_in(client, session.trainer)
    page = client.get(f"/trainer/sessions/{session.id}?lang=en").get_data(as_text=True)
    bad = "nom;email\nAda;ada@exemple.fr\n;sans-nom@exemple.fr\nHugo;pas-un-email\nLéa;ada@exemple.fr\n"
    client.post(
        f"/trainer/sessions/{session.id}/participants/import",
        data={"csrf_token": csrf_token_from(page), "file": (io.BytesIO(bad.encode()), "l.csv")},
        content_type="multipart/form-data",
    )
    page = client.get(f"/trainer/sessions/{session.id}").get_data(as_text=True)
    assert "Import refused: 3 problem(s); nothing was imported." in page
    assert "line 3: The name is required." in page
    assert "line 4: Invalid email address: pas-un-email." in page
    assert "line 5: ada@exemple.fr already appears on line 2." in page
    assert "ligne 3" not in page and "problème" not in page


def test_api_body_errors_follow_the_accept_language(client, factories):
    trainer = factories.UserFactory(role="trainer")
    body = {
        "course_id": "mrk-stra-05",
        "title": 3,
        "starts_on": "2026-12-01",
        "ends_on": "2026-12-02",
        "location": "Lyon",
    }
    english = post_json(client, "/sessions", trainer, body, ENGLISH)
    assert english.status_code == 422
    assert english.get_json()["error"]["message"].startswith("“title” must be a string")
    french = post_json(client, "/sessions", trainer, body, {"Accept-Language": "fr"})
    assert french.get_json()["error"]["message"].startswith("« title » doit être un texte")
    missing = post_json(client, "/sessions", trainer, {"course_id": "mrk-stra-05"}, ENGLISH)
    assert missing.get_json()["error"]["message"] == "Missing required field: “title”."


def test_api_refusals_and_http_errors_in_english(client, factories):
    participant = factories.ParticipantFactory()
    refused = client.get(
        "/api/v1/sessions", headers={"Authorization": f"Bearer {token_of(participant)}", **ENGLISH}
    )
    assert refused.status_code == 403
    assert refused.get_json()["error"]["message"] == "Staff only."
    anonymous = client.get("/api/v1/me", headers=ENGLISH)
    assert anonymous.get_json()["error"]["message"].startswith("Authentication required")
    unreadable = client.post(
        "/api/v1/auth/token", data=b"{", content_type="application/json", headers=ENGLISH
    )
    assert (
        unreadable.get_json()["error"]["message"] == "The request body is not valid JSON (UTF-8)."
    )


def test_a_quiz_answer_the_engine_refuses_is_explained_in_english(client, factories, course):
    participant = factories.ParticipantFactory()
    quiz = course.quiz("m1-quiz")
    numeric = next(q for q in quiz.questions if q.type == "numeric")
    body = {"responses": {numeric.id: "douze"}}
    response = post_json(client, "/me/quizzes/m1-quiz/attempts", participant, body, ENGLISH)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["message"].endswith("answer(s) to correct.")
    assert error["details"][numeric.id] == "“douze” is not a number (example: 12.5)."
    others = [q.id for q in quiz.questions if q.id != numeric.id]
    assert {error["details"][q] for q in others} == {"Answer this question."}


def test_a_service_refusal_is_flashed_in_english(client, factories, sign_in):
    session = factories.SessionFactory(status="closed")
    sign_in(client, session.trainer)
    page = client.get(f"/trainer/sessions/{session.id}?lang=en").get_data(as_text=True)
    client.post(
        f"/trainer/sessions/{session.id}/participants",
        data={"csrf_token": csrf_token_from(page), "name": "Hugo", "email": "hugo@exemple.fr"},
    )
    page = client.get(f"/trainer/sessions/{session.id}").get_data(as_text=True)
    assert "The session is closed." in page and "La session est clôturée." not in page


def test_the_live_pages_give_their_script_its_messages_in_english(app, sign_in, factories):
    participant = factories.ParticipantFactory()
    phone = sign_in(app.test_client(), participant)
    html = phone.get("/me/live?lang=en").get_data(as_text=True)
    assert 'data-offline="Connection lost; trying again in a moment…"' in html
    assert 'data-signed-out="You are no longer signed in: open your personal link again."' in html
    assert "Connexion perdue" not in html


# Every message must reach the catalogue: an f-string in an error would be French forever.

ERRORS = {
    "Message",
    "N_",
    "translated",
    "ServiceError",
    "NotFound",
    "Forbidden",
    "Conflict",
    "Invalid",
    "BodyInvalid",
    "ResponseError",
    "IllegalMove",
    "GroupingError",
    "NotObserver",
    "TranslatableError",
}
TRANSLATED_PACKAGES = ("services", "quizzes", "live", "roleplay", "web")


def test_error_messages_are_templates_not_f_strings():
    package = ROOT / "lexom_learning"
    offenders = []
    for folder in TRANSLATED_PACKAGES:
        for path in sorted((package / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in ERRORS and isinstance(node.args[0], ast.JoinedStr):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, "write a template with %(name)s values instead: " + ", ".join(offenders)
    assert N_("x") == "x"
