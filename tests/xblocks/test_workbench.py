"""The blocks in the real xblock-sdk workbench, through Django's test client (pytest-django).

The workbench keeps scenarios and field data in module globals: every test resets them, or
content and settings fields silently fall back to their defaults from the second test on.
"""

import json

import pytest
from django.test import Client
from workbench.runtime_util import reset_global_state
from workbench.scenarios import SCENARIOS

from lexom_learning.xblocks import content

from .conftest import right_answer

pytestmark = [
    pytest.mark.django_db,
    # The SDK's own deprecated calls, not ours.
    pytest.mark.filterwarnings("ignore:Runtime.user_id is deprecated"),
    pytest.mark.filterwarnings("ignore:datetime.datetime.utcnow"),
]


@pytest.fixture(autouse=True)
def workbench():
    """A workbench with its scenarios loaded afresh and no learner state."""
    reset_global_state()


def scenario_of(tag: str, attribute: str, value: str) -> str:
    return next(
        name
        for name, scenario in SCENARIOS.items()
        if scenario.xml == f'<{tag} {attribute}="{value}"/>'
    )


def post(client: Client, name: str, handler: str, body, student: str):
    usage_id = SCENARIOS[name].usage_id
    return client.post(
        f"/handler/{usage_id}/{handler}/?student={student}",
        data=body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )


def test_the_index_offers_every_scenario_of_the_blocks():
    page = Client().get("/").content.decode()
    assert page.count("LEXOM : ") == 7 + 11 + 3 + 7
    assert "LEXOM : quiz m7-quiz" in page and "LEXOM : évaluation cold" in page


def test_a_quiz_answered_through_the_workbench_keeps_each_learners_state():
    client = Client(enforce_csrf_checks=True)
    name = scenario_of("lexom_quiz", "quiz_id", "m2-quiz")
    page = client.get(f"/scenario/{name}/?student=alice").content.decode()
    assert "Valider mes réponses" in page and "LexomQuizBlock" in page
    quiz = content.module_quiz("m2-quiz")
    responses = {q.id: right_answer(q) for q in quiz.questions}
    reply = post(client, name, "submit", {"responses": responses}, "alice")
    assert reply.status_code == 200, reply.content
    assert reply.json()["passed"] is True
    assert "Quiz réussi" in client.get(f"/scenario/{name}/?student=alice").content.decode()
    assert "Quiz réussi" not in client.get(f"/scenario/{name}/?student=bob").content.decode()
    malformed = post(client, name, "submit", "{oops", "alice")
    assert malformed.status_code == 400 and "error" in malformed.json()
    wrong = post(client, name, "submit", {"responses": {"x": 1}}, "alice")
    assert wrong.status_code == 400 and wrong.json()["error"].startswith("Question(s) inconnue(s)")


def test_content_fields_survive_a_reset_and_english_follows_the_browser():
    client = Client(enforce_csrf_checks=True)
    name = scenario_of("lexom_roleplay", "case_id", "rp-m7-atelier-fiche-produit")
    page = client.get(f"/scenario/{name}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert content.roleplay("rp-m7-atelier-fiche-produit").title.split(" ")[0] in page
    assert "Choose your role" in page
    reply = post(client, name, "choose_role", {"role": "observateur"}, "student_1")
    assert reply.status_code == 200 and reply.json()["role"] == "observateur"


def test_the_evaluation_and_the_module_vertical_render():
    client = Client()
    positioning = scenario_of("lexom_evaluation", "kind", "positioning")
    assert "Envoyer mes réponses" in client.get(f"/scenario/{positioning}/").content.decode()
    vertical = next(n for n, s in SCENARIOS.items() if "LEXOM : module m3" in s.description)
    page = client.get(f"/scenario/{vertical}/").content.decode()
    assert page.count('class="lexom-block lexom-roleplay"') == 2
    assert page.count('class="lexom-block lexom-quiz"') == 1
