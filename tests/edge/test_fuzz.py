"""A short, bounded fuzz pass over the served OpenAPI document (``make fuzz`` runs the long one).

Schemathesis generates requests for every operation from /api/v1/openapi.json, as a trainer, a
participant and an anonymous caller, and checks each answer: never a server error, and the
status, content type and body schema documented.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CHECKS as CHECK_REGISTRY

from lexom_learning.extensions import db
from tests.api.helpers import token_of

pytestmark = pytest.mark.db
CASES_PER_OPERATION = 3
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)


@pytest.fixture
def served_api(app, client, factories):
    """The schema as the app serves it, and a bearer token for each kind of caller."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.config["RATELIMIT_ENABLED"] = False
    session = factories.SessionFactory()
    tokens = {
        "trainer": token_of(session.trainer),
        "participant": token_of(factories.ParticipantFactory(session=session)),
        "anonymous": None,
    }
    db.session.commit()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app), tokens


def test_the_api_holds_under_generated_requests(served_api):
    schema, tokens = served_api
    selected = [CHECK_REGISTRY.get_by_names([name])[0] for name in CHECKS]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:

        @settings(
            max_examples=CASES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def one_case(case):
            for token in tokens.values():
                headers = {"Authorization": f"Bearer {token}"} if token else {}
                case.call_and_validate(headers=headers, checks=selected)

        one_case()
