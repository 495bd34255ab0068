"""A refusal built before any request exists (the phone shortcut reads the body from the bare
WSGI environ) is put into the caller's language when it is answered, every word of it."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from werkzeug.test import Client

from lexom_learning.web.api.body import BodyInvalid, read_body
from lexom_learning.web.api.models_live import LiveAnswerPut
from tests.api.helpers import PREFIX, assert_error, token_of
from tests.live.conftest import LIVE_SET

pytestmark = pytest.mark.db


def test_a_refusal_built_outside_a_request_is_translated_when_answered(app):
    with pytest.raises(BodyInvalid) as refused:
        read_body(b'{"response": 1, "request_id": []}', "application/json", LiveAnswerPut)
    assert str(refused.value) == "« request_id » doit être un texte."
    for query, expected in [
        ("?lang=en", "“request_id” must be a string."),
        ("", "« request_id » doit être un texte."),
    ]:
        with app.app_context(), app.test_request_context(f"/api/v1/openapi.json{query}"):
            assert refused.value.message == expected


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("", "en", "The body must be an object."),
        ("?lang=en", "fr", "The body must be an object."),
        ("", "fr", "Le corps doit être un objet."),
    ],
)
def test_the_shortcut_refuses_a_json_array_in_the_callers_language(
    app, course, live_quiz, query, language, expected
):
    live_quiz.api.post(f"/live-quizzes/{live_quiz.id}/next", live_quiz.session.trainer)
    question_id = course.quiz(LIVE_SET).questions[0].id
    headers = {"Authorization": f"Bearer {token_of(live_quiz.alice)}", "Accept-Language": language}
    path = f"{PREFIX}/live-quizzes/{live_quiz.id}/answers/{question_id}{query}"
    # As a server thread: no app context around the shortcut (the tests' client holds one).
    client = Client(app, app.response_class)
    with ThreadPoolExecutor(1) as server:
        response = server.submit(
            client.put, path, data=b"[]", content_type="application/json", headers=headers
        ).result()
    error = assert_error(response, 422)
    assert error["message"] == expected
