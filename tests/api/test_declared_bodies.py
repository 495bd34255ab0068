"""Bodies, query and path parameters are declared once, as pydantic models (web/api/spec.py):
spectree validates them and generates the document; a refusal names the field in French (and
in English with ?lang=en), with the error body every API error has."""

import json

import pytest
from openapi_spec_validator import validate
from pydantic import ValidationError

from tests.api.helpers import PREFIX, assert_error, token_of

pytestmark = pytest.mark.db


def _post(client, path, body, token=None, lang=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    query = f"?lang={lang}" if lang else ""
    return client.post(
        PREFIX + path + query,
        data=json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def _session_body(**change):
    body = {
        "course_id": "mrk-stra-05",
        "title": "Lyon",
        "starts_on": "2026-12-03",
        "ends_on": "2026-12-04",
        "location": "Lyon",
    }
    return {**body, **change}


def test_the_served_document_passes_openapi_spec_validator(client):
    served = client.get(f"{PREFIX}/openapi.json").get_json()
    validate(served)
    assert served["openapi"].startswith("3.1.")
    assert served["paths"]["/sessions"]["post"]["operationId"] == "create_session"


@pytest.mark.parametrize(
    ("change", "field", "french", "english"),
    [
        ({"title": "x" * 201}, "title", "« title » : 200 caractères au plus.", "200 characters"),
        ({"title": ""}, "title", "« title » est obligatoire.", "is required"),
        ({"title": 3}, "title", "« title » doit être un texte.", "must be a string"),
        ({"title": None}, "title", "« title » doit être un texte.", "must be a string"),
        ({"kind": "both"}, "kind", "« kind » : valeur inattendue.", "unexpected value"),
        ({"starts_on": "03/12/2026"}, "starts_on", "date attendue (AAAA-MM-JJ)", "YYYY-MM-DD"),
        ({"starts_on": "1999-12-31"}, "starts_on", "hors de la période permise", "outside"),
        ({"zzz": 1}, "zzz", "Champ inconnu : « zzz ».", "zzz"),
        ({"title": "a\u001bb"}, "title", "caractère non permis (U+001B)", "U+001B"),
        ({"schedule": [{"slot": "d1-am"}]}, "schedule.0.date", "« date »", "date"),
        ({"schedule": "d1-am"}, "schedule", "« schedule » doit être une liste.", "list"),
    ],
)
def test_a_refused_body_field_is_named_and_explained(
    client, factories, change, field, french, english
):
    token = token_of(factories.UserFactory())
    body = _session_body(**change)
    error = assert_error(_post(client, "/sessions", body, token), 422, field)
    assert french in error["message"], error
    assert error["code"] == "invalid"
    error = assert_error(_post(client, "/sessions", body, token, lang="en"), 422, field)
    assert english in error["message"] and "«" not in error["message"], error


def test_a_missing_field_is_named(client, factories):
    token = token_of(factories.UserFactory())
    body = _session_body()
    del body["location"]
    error = assert_error(_post(client, "/sessions", body, token), 422, "location")
    assert error["message"] == "Champ obligatoire manquant : « location »."


def test_an_unknown_field_is_refused_in_every_declared_body(client):
    document = client.get(f"{PREFIX}/openapi.json").get_json()
    bodies = [
        op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        for item in document["paths"].values()
        for op in item.values()
        if "requestBody" in op
    ]
    assert len(bodies) > 15
    for name in bodies:
        assert document["components"]["schemas"][name]["additionalProperties"] is False, name
    error = assert_error(
        _post(client, "/auth/token", {"email": "a@b.fr", "password": "x", "role": "admin"}),
        422,
        "role",
    )
    assert error["message"] == "Champ inconnu : « role »."


def test_a_refused_query_parameter_is_named(client):
    response = client.get(f"{PREFIX}/verify/ABC-1?sha256=nothex")
    error = assert_error(response, 422, "sha256")
    assert error["message"] == "« sha256 » : valeur inattendue."


def test_a_refused_path_parameter_is_named(client, factories):
    participant = factories.ParticipantFactory()
    headers = {"Authorization": f"Bearer {token_of(participant)}"}
    response = client.get(f"{PREFIX}/me/quizzes/m1%1bquiz", headers=headers)
    error = assert_error(response, 422, "quiz_id")
    assert "U+001B" in error["message"]


def test_the_body_is_read_before_its_model(client, factories):
    token = token_of(factories.UserFactory())
    headers = {"Authorization": f"Bearer {token}"}
    for data, content_type, status in [
        ("[]", "application/json", 422),
        ('"texte"', "application/json", 422),
        ("{pas du json", "application/json", 400),
        ('{"a": NaN}', "application/json", 400),
        ("a=1", "application/x-www-form-urlencoded", 415),
    ]:
        response = client.post(
            f"{PREFIX}/sessions", data=data, content_type=content_type, headers=headers
        )
        assert_error(response, status)
    error = assert_error(
        client.post(
            f"{PREFIX}/sessions", data="[]", content_type="application/json", headers=headers
        ),
        422,
    )
    assert error["message"] == "Le corps doit être un objet."


def test_an_answer_outside_its_model_is_a_500_with_the_error_body(
    app, client, factories, monkeypatch
):
    from lexom_learning.web.api import views_sessions

    app.config["PROPAGATE_EXCEPTIONS"] = False
    session = factories.SessionFactory()
    monkeypatch.setattr(views_sessions, "session_data", lambda training: {"id": "not a number"})
    headers = {"Authorization": f"Bearer {token_of(session.trainer)}"}
    response = client.get(f"{PREFIX}/sessions/{session.id}", headers=headers)
    error = assert_error(response, 500)
    assert error["code"] == "server_error"


def _request_models():
    from lexom_learning.web.api.spec import Closed

    found, todo = [], list(Closed.__subclasses__())
    while todo:
        model = todo.pop()
        found.append(model)
        todo.extend(model.__subclasses__())
    return found


def _allows_null(schema: dict) -> bool:
    if not {"type", "anyOf", "$ref", "enum", "const"} & schema.keys():
        return True  # any JSON value
    return schema.get("type") == "null" or any(
        _allows_null(part) for part in schema.get("anyOf", ())
    )


def test_null_is_accepted_only_where_the_document_declares_it(client):
    models = _request_models()
    assert len(models) > 15
    nullable = set()
    for model in models:
        properties = model.model_json_schema()["properties"] if model.model_fields else {}
        for name, schema in properties.items():
            try:
                model.model_validate({name: None})
                refused = False
            except ValidationError as error:
                refused = any(e["loc"][:1] == (name,) for e in error.errors())
            assert refused != _allows_null(schema), (model.__name__, name)
            if not refused:
                nullable.add(f"{model.__name__}.{name}")
    assert {"SessionCreate.client_name", "ComplaintUpdate.answer"} <= nullable
    assert not {"SessionCreate.kind", "ComplaintUpdate.status", "LiveAnswerPut.request_id"} & (
        nullable
    )


def test_null_on_a_field_the_document_does_not_declare_nullable_is_refused(client, factories):
    token = token_of(factories.UserFactory())
    error = assert_error(_post(client, "/sessions", _session_body(kind=None), token), 422, "kind")
    assert error["message"] == "« kind » : valeur inattendue."
    response = _post(client, "/sessions", _session_body(client_name=None), token)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["kind"] == "inter"
